"""The losses that `nn.fit` trains with, by name, with their class prediction rules.

Each objective has a graph loss for a batch (mean reduction, so that the
gradient is the batch mean), the same loss per sample on plain floats
for evaluation, and the rule that turns a model's outputs into a class:

- ``cross_entropy``: softmax cross-entropy over K >= 2 logits, class = argmax.
- ``binary_cross_entropy_with_logits``: one logit, class 1 when it is > 0.
- ``hinge``: one score, labels 0 and 1 used as -1 and +1, class 1 when > 0.
- ``mse``: K outputs against the one-hot label (or the label itself when
  K = 1), class = argmax (or output > 0.5 when K = 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, List, Sequence

from autograd import Value

from . import losses

__all__ = ["OBJECTIVES", "Objective", "get_objective"]


def _argmax(outputs: Sequence[float]) -> int:
    best = 0
    for k in range(1, len(outputs)):
        if outputs[k] > outputs[best]:
            best = k
    return best


def _one_hot(label: int, k: int) -> List[float]:
    if k == 1:
        return [float(label)]
    t = [0.0] * k
    t[label] = 1.0
    return t


def _ce_graph(outputs: List[List[Value]], labels: List[int]) -> Value:
    return losses.cross_entropy(outputs, labels)


def _ce_float(outputs: Sequence[float], label: int) -> float:
    m = max(outputs)
    log_total = m + math.log(math.fsum(math.exp(a - m) for a in outputs))
    return log_total - outputs[label]


def _bce_graph(outputs: List[List[Value]], labels: List[int]) -> Value:
    return losses.binary_cross_entropy_with_logits([o[0] for o in outputs], labels)


def _bce_float(outputs: Sequence[float], label: int) -> float:
    x = outputs[0]
    return max(x, 0.0) - label * x + math.log1p(math.exp(-abs(x)))


def _hinge_graph(outputs: List[List[Value]], labels: List[int]) -> Value:
    return losses.hinge([o[0] for o in outputs], [2 * t - 1 for t in labels])


def _hinge_float(outputs: Sequence[float], label: int) -> float:
    return max(0.0, 1.0 - (2 * label - 1) * outputs[0])


def _mse_graph(outputs: List[List[Value]], labels: List[int]) -> Value:
    return losses.mse(outputs, [_one_hot(t, len(o)) for o, t in zip(outputs, labels)])


def _mse_float(outputs: Sequence[float], label: int) -> float:
    t = _one_hot(label, len(outputs))
    return math.fsum((o - tk) ** 2 for o, tk in zip(outputs, t)) / len(outputs)


def _positive_logit(outputs: Sequence[float]) -> int:
    return int(outputs[0] > 0.0)


def _mse_class(outputs: Sequence[float]) -> int:
    return int(outputs[0] > 0.5) if len(outputs) == 1 else _argmax(outputs)


@dataclass(frozen=True)
class Objective:
    """A training loss: the batch graph, the per-sample float loss and the class rule."""

    name: str
    graph: Callable[[List[List[Value]], List[int]], Value]
    per_sample: Callable[[Sequence[float], int], float]
    predict: Callable[[Sequence[float]], int]
    binary: bool


OBJECTIVES = {
    "cross_entropy": Objective("cross_entropy", _ce_graph, _ce_float, _argmax, False),
    "binary_cross_entropy_with_logits": Objective(
        "binary_cross_entropy_with_logits", _bce_graph, _bce_float, _positive_logit, True
    ),
    "hinge": Objective("hinge", _hinge_graph, _hinge_float, _positive_logit, True),
    "mse": Objective("mse", _mse_graph, _mse_float, _mse_class, False),
}


def get_objective(name: object) -> Objective:
    """Return the objective called ``name``, or raise ValueError listing the names."""
    objective = OBJECTIVES.get(name) if isinstance(name, str) else None
    if objective is None:
        raise ValueError(f"unknown loss {name!r}; use one of {', '.join(OBJECTIVES)}")
    return objective
