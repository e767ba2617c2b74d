"""Why backprop, measured: finite differences against one backward pass.

To estimate every parameter gradient of a network with N parameters, the
one-sided difference (L(w + eps) - L(w)) / eps needs N + 1 forward passes,
each of which costs about N multiply-adds, so its time grows like N^2.
Backprop needs one forward and one backward pass, so its time grows like
N. `measure` times both on MLPs of growing size, and `plot` draws time
against the parameter count.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

from autograd import numerical_grad

from .layers import MLP
from .losses import cross_entropy

__all__ = ["Measurement", "crossover", "format_table", "growth_rates", "measure", "plot"]

logger = logging.getLogger(__name__)

# Layer widths after the input, the 3-class output layer last.
DEFAULT_SIZES: Tuple[Tuple[int, ...], ...] = (
    (2,), (2, 2), (4, 3), (8, 3), (16, 3), (16, 16, 3), (32, 32, 3), (64, 64, 3),
)

# Each timing is the minimum over up to this many runs, and runs stop once
# a method has used a second, so that the largest networks run once.
MAX_REPEATS = 5
TIME_BUDGET_SECONDS = 1.0


@dataclass(frozen=True)
class Measurement:
    """Pass counts and wall-clock seconds of both methods for one MLP."""

    sizes: Tuple[int, ...]
    parameters: int
    finite_difference_passes: int
    finite_difference_seconds: float
    backprop_passes: int
    backprop_seconds: float
    max_difference: float

    @property
    def speedup(self) -> float:
        """Finite-difference time divided by backprop time."""
        return self.finite_difference_seconds / self.backprop_seconds


def measure(
    sizes: Sequence[Sequence[int]] = DEFAULT_SIZES,
    *,
    nin: int = 2,
    seed: int = 0,
    eps: float = 1e-6,
) -> List[Measurement]:
    """Time every parameter gradient by one-sided differences and by backprop.

    For each entry of ``sizes`` (the widths of an `MLP` with ``nin``
    inputs and ``activation="tanh"``), the loss is the softmax
    cross-entropy of one fixed sample. Each time is the fastest of up to
    `MAX_REPEATS` runs. ``max_difference`` is the largest
    |finite difference - backprop| over the parameters, of order ``eps``.

    >>> [m.finite_difference_passes - m.parameters for m in measure([(2,), (3, 2)])]
    [1, 1]
    """
    results = []
    for widths in sizes:
        model = MLP(nin, list(widths), seed=seed)
        parameters = model.parameters()
        x = [math.sin(i + 1.0) for i in range(nin)]
        target = widths[-1] - 1
        forward_passes = 0

        def loss(*_: Any):
            nonlocal forward_passes
            forward_passes += 1
            return cross_entropy(model(x), target)

        numeric: List[float] = []

        def finite_differences() -> None:
            numeric[:] = numerical_grad(loss, parameters, eps, one_sided=True)

        def backprop() -> None:
            model.zero_grad()
            loss().backward()

        finite_difference_seconds, runs = _time(finite_differences)
        finite_difference_passes = forward_passes // runs
        backprop_seconds, _ = _time(backprop)

        difference = max(abs(n - p.grad) for n, p in zip(numeric, parameters))
        results.append(Measurement(
            tuple(widths), len(parameters), finite_difference_passes,
            finite_difference_seconds, 2, backprop_seconds, difference,
        ))
        logger.debug("measured %s: %d parameters", widths, len(parameters))
    return results


def _time(run) -> Tuple[float, int]:
    """Return the fastest time of ``run()`` over the repeats, and the number of runs."""
    best = math.inf
    spent = 0.0
    runs = 0
    while runs < MAX_REPEATS and spent < TIME_BUDGET_SECONDS:
        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        runs += 1
    return best, runs


def crossover(results: Sequence[Measurement]) -> Optional[int]:
    """Return the smallest parameter count from which backprop was faster in every later row."""
    ordered = sorted(results, key=lambda m: m.parameters)
    for index, row in enumerate(ordered):
        if all(later.speedup > 1.0 for later in ordered[index:]):
            return row.parameters
    return None


def growth_rates(results: Sequence[Measurement]) -> Tuple[float, float]:
    """Return the log-log slopes of time against N for finite differences and backprop.

    A slope of 2 means the time grows like N^2. The fit is least squares
    over all rows, so small networks, where fixed costs dominate, pull
    the slopes down. Pass only the larger rows to estimate the asymptote.
    """
    if len(results) < 2:
        raise ValueError(f"growth_rates needs at least 2 measurements, got {len(results)}")
    log_n = [math.log(m.parameters) for m in results]
    fd = [math.log(m.finite_difference_seconds) for m in results]
    bp = [math.log(m.backprop_seconds) for m in results]
    return _slope(log_n, fd), _slope(log_n, bp)


def _slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    variance = sum((x - mean_x) ** 2 for x in xs)
    return covariance / variance


def format_table(results: Sequence[Measurement]) -> str:
    """Lay out the measurements as an aligned text table."""
    header = (f"{'sizes':<14} {'N':>6} {'FD passes':>10} {'FD s':>10} "
              f"{'BP passes':>10} {'BP s':>10} {'FD/BP':>9} {'max diff':>9}")
    lines = [header, "-" * len(header)]
    for m in results:
        lines.append(
            f"{str(list(m.sizes)):<14} {m.parameters:>6} {m.finite_difference_passes:>10} "
            f"{m.finite_difference_seconds:>10.4g} {m.backprop_passes:>10} "
            f"{m.backprop_seconds:>10.4g} {m.speedup:>9.3g} {m.max_difference:>9.2e}"
        )
    return "\n".join(lines)


def plot(results: Sequence[Measurement], path: Optional[str] = None) -> Any:
    """Draw time against parameter count on log-log axes, and save it to ``path`` if given.

    Returns the matplotlib ``Figure``. The figure is built without pyplot,
    so no window opens and no global state changes.
    """
    from matplotlib.figure import Figure

    n = [m.parameters for m in results]
    figure = Figure(figsize=(6, 4), layout="constrained")
    axes = figure.add_subplot()
    axes.loglog(n, [m.finite_difference_seconds for m in results], "o-",
                label="finite differences (N + 1 forward passes)")
    axes.loglog(n, [m.backprop_seconds for m in results], "s-",
                label="backprop (1 forward + 1 backward pass)")
    axes.set_xlabel("parameters N")
    axes.set_ylabel("seconds for all N gradients")
    axes.set_title("Why backprop: time to compute every gradient")
    axes.legend()
    if path is not None:
        figure.savefig(path, dpi=120)
    return figure
