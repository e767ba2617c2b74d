"""Figures of a training run: the loss curves and a 2-D decision boundary.

Both need matplotlib (the ``flowgrad[viz]`` extra), which is imported only
inside the functions. They draw on a `matplotlib.figure.Figure` directly,
so they never change the pyplot backend of a notebook.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Optional, Union

from .data.dataset import Dataset
from .training import History, predict

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_decision_boundary", "plot_history"]

PathLike = Union[str, "os.PathLike[str]"]


def plot_history(history: History, path: Optional[PathLike] = None, title: str = "") -> "Figure":
    """Plot the training and validation loss per epoch and return the Figure.

    With a ``path``, the figure is also saved there (PNG for a ``.png`` name).
    Jupyter shows the returned Figure inline.
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 4), dpi=100)
    axes = figure.add_subplot()
    epochs = list(range(1, history.epochs + 1))
    axes.plot(epochs, history.train_loss, label="training loss")
    if history.val_loss:
        axes.plot(epochs, history.val_loss, label="validation loss")
    if history.best_epoch:
        axes.axvline(history.best_epoch, color="grey", linestyle=":", label=f"best epoch ({history.best_epoch})")

    axes.set_xlabel("epoch")
    axes.set_ylabel("mean loss")
    axes.set_yscale("log")
    axes.set_title(title or f"loss per epoch (stopped: {history.stop_reason})")
    axes.legend()
    figure.tight_layout()
    if path is not None:
        figure.savefig(path)
    return figure


def plot_decision_boundary(
    model: Any,
    dataset: Dataset,
    path: Optional[PathLike] = None,
    loss: str = "cross_entropy",
    resolution: int = 120,
) -> "Figure":
    """Plot the predicted class over the plane, with the samples on top, and return the Figure.

    With a ``path``, the figure is also saved there.

    ``dataset`` must have two features. The model is evaluated on a
    ``resolution`` x ``resolution`` grid that covers the samples with a
    margin.
    """
    if dataset.n_features != 2:
        raise ValueError(f"a decision boundary needs 2 features, got {dataset.n_features}")
    from matplotlib.figure import Figure

    xs = [x[0] for x in dataset.X]
    ys = [x[1] for x in dataset.X]
    margin_x = 0.1 * (max(xs) - min(xs)) or 1.0
    margin_y = 0.1 * (max(ys) - min(ys)) or 1.0
    grid_x = _steps(min(xs) - margin_x, max(xs) + margin_x, resolution)
    grid_y = _steps(min(ys) - margin_y, max(ys) + margin_y, resolution)
    classes = [[predict(model, [gx, gy], loss) for gx in grid_x] for gy in grid_y]

    figure = Figure(figsize=(5, 5), dpi=100)
    axes = figure.add_subplot()
    axes.contourf(grid_x, grid_y, classes, levels=[k - 0.5 for k in range(dataset.n_classes + 1)], cmap="coolwarm", alpha=0.3)
    axes.scatter(xs, ys, c=dataset.y, cmap="coolwarm", s=12, edgecolors="k", linewidths=0.3)
    axes.set_xlabel(dataset.feature_names[0] if dataset.feature_names else "x")
    axes.set_ylabel(dataset.feature_names[1] if len(dataset.feature_names) > 1 else "y")
    axes.set_title(f"decision regions: {dataset.name or 'data'}")
    figure.tight_layout()
    if path is not None:
        figure.savefig(path)
    return figure


def _steps(low: float, high: float, count: int) -> list:
    return [low + (high - low) * i / (count - 1) for i in range(count)]
