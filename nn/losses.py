"""Softmax, cross-entropy and the other losses, each with a mean or sum reduction.

Shapes: ``logits`` for one sample is a list of Values. A batch is a list
of such lists, with a list of targets. The losses are reduced over the
batch by ``reduction="mean"`` (the default, L = (1/M) sum of the per-sample
losses) or ``"sum"``. The element-wise losses (`mse`, the binary losses
and `hinge`) average over every element of every sample, as PyTorch does.

Every loss here is stable: none overflows for logits such as 1000 or
-1000.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, List, Sequence, Tuple, Union

from autograd import Value
from autograd.ops import node, sum as _sum

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "hinge",
    "log_softmax",
    "mse",
    "softmax",
]

Target = Union[int, Sequence[float]]
REDUCTIONS = ("mean", "sum")

# Like PyTorch, binary_cross_entropy clamps each log to at least -100, so
# that a probability of exactly 0 or 1 gives a large finite loss.
_LOG_FLOOR = -100.0


def softmax(logits: Sequence[Value]) -> List[Value]:
    """y_k = exp(a_k - m) / sum_j exp(a_j - m), with m = max_j a_j.

    Subtracting the constant m leaves y unchanged and keeps every exp at
    most 1, so no logit overflows. The result is a graph of exp, sum and
    division nodes, so gradients flow through it.

    >>> [round(y.data, 6) for y in softmax([Value(1.0), Value(2.0), Value(3.0)])]
    [0.090031, 0.244728, 0.665241]
    """
    m = max(a.data for a in logits)
    exps = [(a - m).exp() for a in logits]

    total = _sum(exps)
    return [e / total for e in exps]


def log_softmax(logits: Sequence[Value]) -> List[Value]:
    """log y_k = (a_k - m) - log(sum_j exp(a_j - m)), with m = max_j a_j.

    Stable for any finite logits: the sum is between 1 and K.

    >>> [round(y.data, 6) for y in log_softmax([Value(1000.0), Value(0.0)])]
    [0.0, -1000.0]
    """
    m = max(a.data for a in logits)
    shifted = [a - m for a in logits]

    log_total = _sum([s.exp() for s in shifted]).log()
    return [s - log_total for s in shifted]


def _probabilities(data: Sequence[float]) -> Tuple[List[float], float]:
    """Return softmax(data) and log-sum-exp(data), both without overflow."""
    m = max(data)
    exps = [math.exp(a - m) for a in data]

    total = math.fsum(exps)
    return [e / total for e in exps], m + math.log(total)


def target_vector(target: Any, k: int) -> List[float]:
    """Return the target distribution t for one sample, from a class index or a list.

    A list must have ``k`` non-negative entries that sum to 1. The layer-level
    delta check and the network view use this too, so all three agree.
    """
    if isinstance(target, numbers.Integral) and not isinstance(target, bool):
        if not 0 <= target < k:
            raise ValueError(f"target class {target!r} is out of range for {k} logits; use 0 to {k - 1}")
        t = [0.0] * k
        t[int(target)] = 1.0
        return t

    if isinstance(target, (str, bytes)) or not isinstance(target, Sequence):
        raise TypeError(f"target must be a class index or a one-hot list, got {type(target).__name__} {target!r}")
    if len(target) != k:
        raise ValueError(f"target {list(target)!r} has {len(target)} entries but there are {k} logits")
    t = [float(x) for x in target]
    if min(t) < 0.0 or abs(math.fsum(t) - 1.0) > 1e-9:
        raise ValueError(f"target {list(target)!r} must be one-hot, or probabilities that sum to 1")
    return t


def _cross_entropy_one(logits: Sequence[Value], target: Any) -> Value:
    """Build one fused node: L = logsumexp(a) - sum_k t_k a_k, with local gradients y - t."""
    if len(logits) == 0:
        raise ValueError("logits is empty; pass one Value per class")
    for k, a in enumerate(logits):
        if not isinstance(a, Value):
            raise TypeError(
                f"logit {k} must be a Value, got {type(a).__name__} {a!r}; "
                f"wrap the logits in Value(...), as the output of a model already is"
            )
    t = target_vector(target, len(logits))
    y, log_total = _probabilities([a.data for a in logits])

    loss = log_total - math.fsum(tk * a.data for tk, a in zip(t, logits))
    return node(loss, logits, [yk - tk for yk, tk in zip(y, t)], "cross_entropy")


def _is_batch(logits: Sequence[Any]) -> bool:
    return len(logits) > 0 and not isinstance(logits[0], (Value, numbers.Real))


def _check_reduction(reduction: str) -> None:
    if reduction not in REDUCTIONS:
        raise ValueError(f"unknown reduction {reduction!r}; use 'mean' or 'sum'")


def _reduce(losses: List[Value], reduction: str) -> Value:
    total = losses[0] if len(losses) == 1 else _sum(losses)
    if reduction == "sum":
        return total
    return total if len(losses) == 1 else total * (1.0 / len(losses))


def cross_entropy(logits: Sequence[Any], target: Any, reduction: str = "mean") -> Value:
    """Softmax cross-entropy, L = -sum_k t_k log softmax(a)_k, fused into one node per sample.

    ``logits`` is one sample's list of Values with ``target`` a class index
    or a one-hot list, or a batch (a list of such lists) with a list of
    targets. The node computes log-sum-exp with the max subtracted, so
    [1000, 0] and [-1000, 1000] are fine. Its local gradients are
    dL/da_k = y_k - t_k, where y = softmax(a).

    >>> a = [Value(1.0), Value(2.0), Value(3.0)]
    >>> loss = cross_entropy(a, 0)
    >>> loss.backward()
    >>> round(loss.data, 6), [round(ak.grad, 6) for ak in a]
    (2.407606, [-0.909969, 0.244728, 0.665241])
    """
    _check_reduction(reduction)
    if not _is_batch(logits):
        return _cross_entropy_one(logits, target)

    if len(logits) != len(target):
        raise ValueError(f"got {len(logits)} samples of logits but {len(target)} targets")
    losses = [_cross_entropy_one(a, t) for a, t in zip(logits, target)]
    return _reduce(losses, reduction)


def _pairs(prediction: Any, target: Any) -> List[Tuple[Value, float]]:
    """Flatten a prediction (a Value, a list, or a batch of lists) and its target into pairs."""
    if isinstance(prediction, Value):
        return [(prediction, float(target))]

    if isinstance(target, numbers.Real) or len(prediction) != len(target):
        raise ValueError(f"prediction and target must have the same length, got {len(prediction)} and {target!r}")
    pairs = []
    for p, t in zip(prediction, target):
        pairs.extend(_pairs(p, t))
    return pairs


def mse(prediction: Any, target: Any, reduction: str = "mean") -> Value:
    """Mean squared error, (1/N) sum (y - t)^2 over all N elements (or the sum).

    >>> round(mse([Value(1.0), Value(3.0)], [0.0, 0.0]).data, 6)
    5.0
    """
    _check_reduction(reduction)
    squares = [(p - t) ** 2 for p, t in _pairs(prediction, target)]
    return _reduce(squares, reduction)


def _bce_from_probability(p: Value, t: float) -> Value:
    log_p = max(math.log(p.data), _LOG_FLOOR) if p.data > 0.0 else _LOG_FLOOR
    log_q = max(math.log1p(-p.data), _LOG_FLOOR) if p.data < 1.0 else _LOG_FLOOR
    loss = -(t * log_p + (1.0 - t) * log_q)

    # dL/dp = (p - t) / (p (1 - p)); the floor keeps it finite at p = 0 or 1.
    grad = (p.data - t) / max(p.data * (1.0 - p.data), 1e-12)
    return node(loss, [p], [grad], "binary_cross_entropy")


def _check_binary(pairs: List[Tuple[Value, float]], probabilities: bool) -> None:
    for p, t in pairs:
        if not 0.0 <= t <= 1.0:
            raise ValueError(f"binary target must be between 0 and 1, got {t!r}")
        if probabilities and not 0.0 <= p.data <= 1.0:
            raise ValueError(
                f"binary_cross_entropy takes probabilities in [0, 1], got {p.data!r}; "
                f"for logits use binary_cross_entropy_with_logits"
            )


def binary_cross_entropy(probability: Any, target: Any, reduction: str = "mean") -> Value:
    """L = -(t log p + (1 - t) log(1 - p)) for probabilities p, such as sigmoid outputs.

    Each log is clamped at -100, so p = 0 or p = 1 gives a finite loss.
    For logits, `binary_cross_entropy_with_logits` is more accurate.

    >>> round(binary_cross_entropy(Value(0.8), 1.0).data, 6)
    0.223144
    """
    _check_reduction(reduction)
    pairs = _pairs(probability, target)
    _check_binary(pairs, probabilities=True)
    return _reduce([_bce_from_probability(p, t) for p, t in pairs], reduction)


def _bce_from_logit(x: Value, t: float) -> Value:
    # log(1 + exp(x)) - t x, written so that exp never overflows.
    loss = max(x.data, 0.0) - t * x.data + math.log1p(math.exp(-abs(x.data)))

    if x.data >= 0.0:
        p = 1.0 / (1.0 + math.exp(-x.data))
    else:
        e = math.exp(x.data)
        p = e / (1.0 + e)
    return node(loss, [x], [p - t], "binary_cross_entropy_with_logits")


def binary_cross_entropy_with_logits(logit: Any, target: Any, reduction: str = "mean") -> Value:
    """L = -(t log s + (1 - t) log(1 - s)) with s = sigmoid(x), from the logit x.

    Fused and stable: L = max(x, 0) - t x + log(1 + exp(-|x|)), with the
    local gradient s - t.

    >>> round(binary_cross_entropy_with_logits(Value(1000.0), 0.0).data, 6)
    1000.0
    """
    _check_reduction(reduction)
    pairs = _pairs(logit, target)
    _check_binary(pairs, probabilities=False)
    return _reduce([_bce_from_logit(x, t) for x, t in pairs], reduction)


def hinge(score: Any, target: Any, reduction: str = "mean") -> Value:
    """Binary hinge loss, max(0, 1 - t y), for scores y and labels t of -1 or +1.

    The gradient is -t where the margin t y is below 1, and 0 elsewhere
    (also at a margin of exactly 1).

    >>> hinge([Value(0.5), Value(2.0)], [1, 1], reduction="sum").data
    0.5
    """
    _check_reduction(reduction)
    pairs = _pairs(score, target)
    for _, t in pairs:
        if t not in (-1.0, 1.0):
            raise ValueError(f"hinge targets must be -1 or +1, got {t!r}; map class 0 to -1")
    return _reduce([(1.0 - t * y).relu() for y, t in pairs], reduction)
