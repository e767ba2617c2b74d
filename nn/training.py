"""`fit`: mini-batch stochastic gradient descent with validation and early stopping.

Each epoch follows the textbook loop. The training samples are shuffled
with the seeded generator and cut into batches of B (the last one may be
smaller). For each batch the model runs forward, the mean loss over the
batch runs backward, and the optimiser steps, so the update is
w <- w - (eta / B) sum over the batch of dL/dw. After each epoch the
validation loss and accuracy are computed without a graph, and training
stops when the validation loss falls below ``stop_below``, when it has
not improved for ``patience`` epochs, or after ``epochs``.

B = len(train) is gradient descent, B = 1 is stochastic gradient descent
and anything between is mini-batch SGD.
"""

from __future__ import annotations

import gc
import logging
import math
import numbers
import random
from dataclasses import dataclass, field
from typing import Any, Callable, List, Optional, Sequence, Tuple, Union

from autograd import Value

from .data.dataset import Dataset
from .objectives import Objective, get_objective
from .optim import SGD, Optimizer

__all__ = ["Evaluation", "History", "Progress", "evaluate", "fit", "predict"]

logger = logging.getLogger(__name__)

Data = Union[Dataset, Tuple[Sequence[Sequence[float]], Sequence[int]]]

# The values of History.stop_reason.
STOP_BELOW = "stop_below"
PATIENCE = "patience"
EPOCHS = "epochs"
CALLBACK = "callback"
DIVERGED = "diverged"


@dataclass
class History:
    """The record of a `fit` run: one entry per epoch, and the reason it stopped.

    ``val_loss`` and ``val_accuracy`` are empty without a validation set.
    ``stop_reason`` is ``"stop_below"`` (the monitored loss fell below the
    threshold), ``"patience"`` (no improvement for ``patience`` epochs),
    ``"epochs"`` (all epochs done), ``"callback"`` (a callback returned
    True) or ``"diverged"`` (the training loss became NaN or infinite).
    """

    train_loss: List[float] = field(default_factory=list)
    train_accuracy: List[float] = field(default_factory=list)
    val_loss: List[float] = field(default_factory=list)
    val_accuracy: List[float] = field(default_factory=list)
    best_epoch: int = 0
    stop_reason: str = ""

    @property
    def epochs(self) -> int:
        """The number of epochs run."""
        return len(self.train_loss)

    def rows(self) -> List[dict]:
        """Return one dict per epoch (epoch from 1), for a CSV writer."""
        rows = []
        for i in range(self.epochs):
            row = {"epoch": i + 1, "train_loss": self.train_loss[i], "train_accuracy": self.train_accuracy[i]}
            if self.val_loss:
                row["val_loss"] = self.val_loss[i]
                row["val_accuracy"] = self.val_accuracy[i]
            rows.append(row)
        return rows


@dataclass
class Progress:
    """The argument of a callback, after each batch (``kind="batch"``) and each epoch (``"epoch"``).

    ``loss`` is the batch's mean loss, or the epoch's training loss.
    Epochs and batches count from 1.
    """

    kind: str
    epoch: int
    epochs: int
    batch: int
    batches: int
    loss: float
    history: History


@dataclass
class Evaluation:
    """Mean loss and accuracy of a model on a data set."""

    loss: float
    accuracy: float


def _as_xy(data: Data, name: str) -> Tuple[List[Sequence[float]], List[int]]:
    if isinstance(data, Dataset):
        return list(data.X), list(data.y)
    if isinstance(data, tuple) and len(data) == 2:
        X, y = data
        if len(X) != len(y):
            raise ValueError(f"{name} has {len(X)} samples but {len(y)} labels")
        return list(X), list(y)
    raise TypeError(f"{name} must be a Dataset or a pair (X, y), got {type(data).__name__}")


def _check_labels(y: List[int], n_outputs: int, objective: Objective, name: str) -> None:
    n_classes = 2 if objective.binary or n_outputs == 1 else n_outputs
    for i, label in enumerate(y):
        if isinstance(label, bool) or not isinstance(label, numbers.Integral) or not 0 <= label < n_classes:
            raise ValueError(
                f"{name} label {i} is {label!r}; with {n_outputs} model outputs and loss "
                f"{objective.name!r} labels must be ints from 0 to {n_classes - 1}"
            )


def _as_input_values(X: List[Sequence[float]], nin: int, name: str) -> List[List[Value]]:
    """Check every sample once and make its features leaf Values, reused every epoch."""
    rows = []
    for i, x in enumerate(X):
        if len(x) != nin:
            raise ValueError(f"{name} sample {i} has {len(x)} features but the model expects {nin}")
        try:
            rows.append([Value(v, label=f"x.{j}") for j, v in enumerate(x)])
        except TypeError as error:
            raise TypeError(f"{name} sample {i}: {error}") from None
    return rows


def _outputs_data(model: Any, x: Sequence[float]) -> List[float]:
    evaluate_floats = getattr(model, "evaluate", None)
    if evaluate_floats is not None:
        return evaluate_floats(x)
    return [o.data for o in model(x)]


def predict(model: Any, x: Sequence[float], loss: str = "cross_entropy") -> int:
    """Return the class that ``model`` predicts for one sample, by the rule of ``loss``.

    >>> from nn import MLP
    >>> predict(MLP(2, [3], seed=0), [0.5, -0.5]) in (0, 1, 2)
    True
    """
    return get_objective(loss).predict(_outputs_data(model, list(x)))


def evaluate(model: Any, data: Data, loss: str = "cross_entropy") -> Evaluation:
    """Return the mean loss and the accuracy of ``model`` on ``data``, without a graph."""
    objective = get_objective(loss)
    X, y = _as_xy(data, "data")
    if not y:
        raise ValueError("data is empty")

    total = 0.0
    correct = 0
    for x, label in zip(X, y):
        outputs = _outputs_data(model, x)
        total += objective.per_sample(outputs, label)
        correct += objective.predict(outputs) == label
    return Evaluation(total / len(y), correct / len(y))


def _check_positive_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be an int >= 1, got {value!r}")
    return value


def fit(
    model: Any,
    train: Data,
    validation: Optional[Data] = None,
    *,
    epochs: int = 100,
    batch_size: Optional[int] = None,
    optimizer: Optional[Optimizer] = None,
    loss: str = "cross_entropy",
    stop_below: Optional[float] = None,
    patience: Optional[int] = None,
    restore_best: bool = False,
    callbacks: Sequence[Callable[[Progress], Optional[bool]]] = (),
    seed: int = 0,
) -> History:
    """Train ``model`` on ``train`` by mini-batch SGD and return its `History`.

    - ``batch_size``: B samples per step; None means the whole set
      (gradient descent). A B larger than the set also gives one batch.
    - ``optimizer``: default ``SGD(model.parameters(), lr=0.1)``.
    - ``loss``: a name from `nn.objectives.OBJECTIVES`.
    - ``stop_below`` and ``patience`` watch the validation loss, or the
      training loss when there is no validation set. ``restore_best`` puts
      back the weights of the epoch with the lowest watched loss.
    - ``callbacks`` are called with a `Progress` after every batch and
      every epoch; one that returns True stops training.
    - ``seed`` seeds the shuffling of the training samples.

    >>> from nn import MLP
    >>> model = MLP(2, [4, 2], seed=0)
    >>> data = ([[0.0, 1.0], [1.0, 0.0]], [0, 1])
    >>> history = fit(model, data, epochs=50, batch_size=2)
    >>> history.epochs, history.stop_reason, history.train_accuracy[-1]
    (50, 'epochs', 1.0)
    """
    objective = get_objective(loss)
    X, y = _as_xy(train, "train")
    if not y:
        raise ValueError("train is empty")
    params = model.parameters()
    nin = getattr(model, "nin", len(X[0]))
    inputs = _as_input_values(X, nin, "train")
    n_outputs = len(model(inputs[0]))
    _check_labels(y, n_outputs, objective, "train")
    validation_xy = None
    if validation is not None:
        validation_xy = _as_xy(validation, "validation")
        _check_labels(validation_xy[1], n_outputs, objective, "validation")
        _as_input_values(validation_xy[0], nin, "validation")

    epochs = _check_positive_int(epochs, "epochs")
    batch_size = len(y) if batch_size is None else _check_positive_int(batch_size, "batch_size")
    if patience is not None:
        _check_positive_int(patience, "patience")
    if optimizer is None:
        optimizer = SGD(params, lr=0.1)
    rng = random.Random(seed)

    # The graphs hold no reference cycles, so reference counting frees each
    # batch's graph, while the cyclic collector would rescan every live node
    # many times per batch. Pausing it roughly halves the time of an epoch.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _train(model, params, objective, inputs, y, validation_xy, epochs, batch_size,
                      optimizer, stop_below, patience, restore_best, callbacks, rng)
    finally:
        if gc_was_enabled:
            gc.enable()


def _train(model, params, objective, inputs, y, validation_xy, epochs, batch_size,
           optimizer, stop_below, patience, restore_best, callbacks, rng) -> History:
    """Run the epochs of `fit` on checked arguments."""
    history = History()
    order = list(range(len(y)))
    batches = math.ceil(len(y) / batch_size)
    best_loss, best_weights = math.inf, [p.data for p in params]
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        total, correct = 0.0, 0
        stopped_by_callback = False

        for b in range(batches):
            batch = order[b * batch_size : (b + 1) * batch_size]
            outputs = [model(inputs[i]) for i in batch]
            batch_loss = objective.graph(outputs, [y[i] for i in batch])

            optimizer.zero_grad()
            batch_loss.backward()
            optimizer.step()

            total += batch_loss.data * len(batch)
            correct += sum(objective.predict([o.data for o in out]) == y[i] for out, i in zip(outputs, batch))
            progress = Progress("batch", epoch, epochs, b + 1, batches, batch_loss.data, history)
            stopped_by_callback = any([bool(callback(progress)) for callback in callbacks]) or stopped_by_callback

        history.train_loss.append(total / len(y))
        history.train_accuracy.append(correct / len(y))
        watched = history.train_loss[-1]
        if validation_xy is not None:
            result = evaluate(model, validation_xy, objective.name)
            history.val_loss.append(result.loss)
            history.val_accuracy.append(result.accuracy)
            watched = result.loss

        if watched < best_loss:
            best_loss, history.best_epoch = watched, epoch
            best_weights = [p.data for p in params]
        progress = Progress("epoch", epoch, epochs, batches, batches, history.train_loss[-1], history)
        stopped_by_callback = any([bool(callback(progress)) for callback in callbacks]) or stopped_by_callback

        history.stop_reason = _stop_reason(history, watched, epoch, epochs, stop_below, patience, stopped_by_callback)
        if history.stop_reason:
            break

    if restore_best and history.best_epoch:
        for p, w in zip(params, best_weights):
            p.data = w
    logger.info("fit stopped after %d epochs: %s", history.epochs, history.stop_reason)
    return history


def _stop_reason(
    history: History,
    watched: float,
    epoch: int,
    epochs: int,
    stop_below: Optional[float],
    patience: Optional[int],
    stopped_by_callback: bool,
) -> str:
    """Return why training stops after this epoch, or "" to go on."""
    if not math.isfinite(history.train_loss[-1]):
        return DIVERGED
    if stop_below is not None and watched < stop_below:
        return STOP_BELOW
    if patience is not None and epoch - history.best_epoch >= patience:
        return PATIENCE
    if stopped_by_callback:
        return CALLBACK
    if epoch == epochs:
        return EPOCHS
    return ""
