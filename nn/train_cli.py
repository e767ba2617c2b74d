"""``flowgrad train``: train an MLP on a data set and report its test accuracy.

The data is split 60/20/20 into stratified training, validation and test
sets, and the features are standardised with training statistics. The
run writes the model JSON, the history CSV and the figures to the output
folder. matplotlib and tqdm are imported only inside `run`, so building
the command-line parser loads neither.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import sys
import time
from typing import Callable, List

__all__ = ["add_arguments", "run"]

DATASETS = ("iris", "digits", "moons", "spirals", "xor")
OPTIMIZERS = ("sgd", "momentum", "adam")
DEFAULT_LR = {"sgd": 0.1, "momentum": 0.05, "adam": 0.01}
MOMENTUM = 0.9
SPLIT = (0.6, 0.2, 0.2)
VIZ_NOTE = 'pip install "flowgrad[viz]"'


def _layer_widths(text: str) -> List[int]:
    try:
        widths = [int(part) for part in text.split(",")]
    except ValueError:
        widths = []
    if not widths or min(widths) < 1:
        raise argparse.ArgumentTypeError(f"expected widths >= 1 separated by commas, such as 16,16, got {text!r}")
    return widths


def _bounded(kind: Callable, minimum: float, strict: bool) -> Callable[[str], float]:
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or (value <= minimum if strict else value < minimum):
            sign = ">" if strict else ">="
            raise argparse.ArgumentTypeError(f"expected {'an integer' if kind is int else 'a number'} {sign} {minimum}, got {text!r}")
        return value

    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``flowgrad train`` to ``parser``."""
    from .activations import ACTIVATIONS

    parser.add_argument("--dataset", choices=DATASETS, default="iris",
                        help="data set to train on (default: iris)")
    parser.add_argument("--hidden", type=_layer_widths, default=[16], metavar="WIDTHS",
                        help="hidden layer widths in neurons, comma-separated, e.g. 16,16 (default: 16)")
    parser.add_argument("--activation", choices=ACTIVATIONS, default="tanh",
                        help="activation of the hidden layers (default: tanh)")
    parser.add_argument("--epochs", type=_bounded(int, 1, strict=False), default=200, metavar="N",
                        help="maximum number of passes over the training set (default: 200)")
    parser.add_argument("--batch-size", type=_bounded(int, 1, strict=False), default=16, metavar="B",
                        help="samples per update; 1 is SGD, a size >= the training set is gradient descent (default: 16)")
    parser.add_argument("--lr", type=_bounded(float, 0.0, strict=True), default=None, metavar="ETA",
                        help="learning rate per step (default: 0.1 for sgd, 0.05 for momentum, 0.01 for adam)")
    parser.add_argument("--optimizer", choices=OPTIMIZERS, default="momentum",
                        help=f"update rule; momentum is SGD with momentum {MOMENTUM} (default: momentum)")
    parser.add_argument("--stop-below", type=_bounded(float, 0.0, strict=False), default=None, metavar="LOSS",
                        help="stop once the validation loss (mean cross-entropy in nats) is below LOSS (default: off)")
    parser.add_argument("--patience", type=_bounded(int, 1, strict=False), default=20, metavar="EPOCHS",
                        help="stop after this many epochs without a lower validation loss, "
                             "then keep the best weights (default: 20)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the split, the initial weights and the shuffling (default: 0)")
    parser.add_argument("--out", default=None, metavar="DIR",
                        help="output folder (default: runs/<dataset>-<YYYYmmdd-HHMMSS>)")


def _load(name: str, seed: int):
    from . import data

    if name == "iris":
        return data.load_iris()
    if name == "digits":
        return data.load_digits()
    if name == "moons":
        return data.make_moons(300, noise=0.1, seed=seed)
    if name == "spirals":
        return data.make_spirals(300, noise=0.2, seed=seed)
    return data.make_xor(300, noise=0.05, seed=seed)


def _make_output_folder(args: argparse.Namespace) -> str:
    folder = args.out or os.path.join("runs", f"{args.dataset}-{time.strftime('%Y%m%d-%H%M%S')}")
    os.makedirs(folder, exist_ok=True)
    return folder


def _progress_bar(epochs: int):
    """Return (callback, close) for a tqdm bar over epochs, or no-ops without tqdm."""
    try:
        from tqdm import tqdm
    except ImportError:
        print(f"note: no progress bar without tqdm; {VIZ_NOTE}", file=sys.stderr)
        return (lambda progress: None), (lambda: None)

    bar = tqdm(total=epochs, unit="epoch", dynamic_ncols=True, leave=True)

    def update(progress) -> None:
        if progress.kind == "batch":
            bar.set_postfix_str(f"loss {progress.loss:.4f}", refresh=False)
            return
        postfix = f"loss {progress.loss:.4f}"
        if progress.history.val_loss:
            postfix += f", val loss {progress.history.val_loss[-1]:.4f}, val acc {progress.history.val_accuracy[-1]:.3f}"
        bar.set_postfix_str(postfix, refresh=False)
        bar.update(1)

    return update, bar.close


def _write_history(history, path: str) -> None:
    rows = history.rows()
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _write_figures(history, model, train, folder: str) -> List[str]:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print(f"note: no figures without matplotlib; {VIZ_NOTE}")
        return []
    from .plots import plot_decision_boundary, plot_history

    written = ["loss.png"]
    plot_history(history, os.path.join(folder, "loss.png"))
    if train.n_features == 2:
        plot_decision_boundary(model, train, os.path.join(folder, "decision_boundary.png"))
        written.append("decision_boundary.png")
    return written


STOP_MESSAGES = {
    "stop_below": "the validation loss fell below {stop_below}",
    "patience": "no lower validation loss for {patience} epochs",
    "epochs": "all epochs done",
    "callback": "stopped by a callback",
    "diverged": "the training loss diverged; try a smaller --lr",
}


def run(args: argparse.Namespace) -> int:
    """Train, evaluate and write the run's files; return the exit code."""
    from . import MLP, SGD, Adam, evaluate, fit, save
    from .data import standardize, train_val_test_split

    lr = args.lr if args.lr is not None else DEFAULT_LR[args.optimizer]
    try:
        folder = _make_output_folder(args)
    except OSError as error:
        print(f"flowgrad train: error: cannot create the output folder: {error}", file=sys.stderr)
        return 2

    dataset = _load(args.dataset, args.seed)
    train, validation, test = train_val_test_split(dataset, SPLIT, seed=args.seed)
    (train, validation, test), _ = standardize(train, validation, test)
    model = MLP(dataset.n_features, args.hidden + [dataset.n_classes], args.activation, seed=args.seed)
    if args.optimizer == "adam":
        optimizer = Adam(model.parameters(), lr)
    else:
        optimizer = SGD(model.parameters(), lr, momentum=MOMENTUM if args.optimizer == "momentum" else 0.0)

    widths = "-".join(str(n) for n in [dataset.n_features] + model.sizes)
    print(f"{dataset.name}: {len(train)}/{len(validation)}/{len(test)} samples (train/validation/test), "
          f"MLP {widths} {args.activation}, {args.optimizer} lr {lr:g}, batch {args.batch_size}")
    update, close = _progress_bar(args.epochs)
    started = time.perf_counter()
    try:
        history = fit(model, train, validation, epochs=args.epochs, batch_size=args.batch_size,
                      optimizer=optimizer, stop_below=args.stop_below, patience=args.patience,
                      restore_best=True, callbacks=[update], seed=args.seed)
    finally:
        close()
    seconds = time.perf_counter() - started

    reason = STOP_MESSAGES[history.stop_reason].format(**vars(args))
    result = evaluate(model, test)
    correct = round(result.accuracy * len(test))
    epochs = f"{history.epochs} epoch" + ("" if history.epochs == 1 else "s")
    best = f"best epoch {history.best_epoch}" if history.best_epoch else "no epoch improved on the start"
    print(f"stopped after {epochs} ({seconds:.1f} s): {reason}; {best}")
    print(f"test accuracy: {result.accuracy:.3f} ({correct}/{len(test)})")

    written = []
    if all(math.isfinite(p.data) for p in model.parameters()):
        save(model, os.path.join(folder, "model.json"))
        written.append("model.json")
    else:
        print("note: model.json not written, because some weights are NaN or infinite")
    _write_history(history, os.path.join(folder, "history.csv"))
    written += ["history.csv"] + _write_figures(history, model, train, folder)
    print(f"wrote {folder}{os.sep}: {', '.join(written)}")
    return 0
