"""Stratified train/validation/test splits, and standardisation fitted on training data."""

from __future__ import annotations

import math
import random
from typing import Dict, List, Sequence, Tuple

from .dataset import Dataset

__all__ = ["Standardizer", "standardize", "train_val_test_split"]


def train_val_test_split(
    dataset: Dataset, fractions: Sequence[float] = (0.6, 0.2, 0.2), seed: int = 0
) -> Tuple[Dataset, Dataset, Dataset]:
    """Split into train, validation and test sets with the class proportions of ``dataset``.

    Each class's samples are shuffled with ``random.Random(seed)`` and cut
    by ``fractions`` (rounded, the remainder going to test). The samples
    of each part are then shuffled together.

    >>> from nn.data import load_iris
    >>> train, val, test = train_val_test_split(load_iris(), seed=0)
    >>> len(train), len(val), len(test), test.y.count(0)
    (90, 30, 30, 10)
    """
    if len(fractions) != 3 or any(not f >= 0 for f in fractions) or abs(sum(fractions) - 1.0) > 1e-9:
        raise ValueError(f"fractions must be three numbers >= 0 that sum to 1, such as (0.6, 0.2, 0.2), got {fractions!r}")
    rng = random.Random(seed)

    by_class: Dict[int, List[int]] = {}
    for i, label in enumerate(dataset.y):
        by_class.setdefault(label, []).append(i)

    parts: Tuple[List[int], List[int], List[int]] = ([], [], [])
    for label in sorted(by_class):
        indices = by_class[label]
        rng.shuffle(indices)
        n_train = round(fractions[0] * len(indices))
        n_val = round(fractions[1] * len(indices))
        parts[0].extend(indices[:n_train])
        parts[1].extend(indices[n_train : n_train + n_val])
        parts[2].extend(indices[n_train + n_val :])

    for part in parts:
        rng.shuffle(part)
    return dataset.subset(parts[0]), dataset.subset(parts[1]), dataset.subset(parts[2])


class Standardizer:
    """Feature scaling to zero mean and unit variance, x' = (x - mean) / std.

    ``fit`` takes the mean and the population standard deviation of each
    feature from the training data only, and ``transform`` applies them to
    any data. A feature that is constant in training (std 0) is only
    centred.
    """

    def __init__(self) -> None:
        self.mean: List[float] = []
        self.std: List[float] = []

    def fit(self, X: Sequence[Sequence[float]]) -> "Standardizer":
        """Compute each feature's mean and standard deviation from ``X``."""
        if not X:
            raise ValueError("cannot fit a Standardizer on no samples")
        n = len(X)
        columns = list(zip(*X))

        self.mean = [math.fsum(c) / n for c in columns]
        variances = [math.fsum((v - m) ** 2 for v in c) / n for c, m in zip(columns, self.mean)]
        self.std = [math.sqrt(v) if v > 0.0 else 1.0 for v in variances]
        return self

    def transform(self, X: Sequence[Sequence[float]]) -> List[List[float]]:
        """Return ``X`` scaled with the fitted mean and std.

        >>> Standardizer().fit([[1.0], [3.0]]).transform([[2.0], [5.0]])
        [[0.0], [3.0]]
        """
        if not self.mean:
            raise ValueError("call fit() on the training features before transform()")
        return [[(v - m) / s for v, m, s in zip(row, self.mean, self.std)] for row in X]

    def transform_dataset(self, dataset: Dataset) -> Dataset:
        """Return a copy of ``dataset`` with scaled features."""
        return Dataset(
            self.transform(dataset.X), list(dataset.y), dataset.name,
            list(dataset.feature_names), list(dataset.class_names),
        )


def standardize(train: Dataset, *others: Dataset) -> Tuple[List[Dataset], Standardizer]:
    """Fit a `Standardizer` on ``train`` and return every set scaled, with the scaler.

    >>> from nn.data import Dataset
    >>> (train, test), scaler = standardize(Dataset([[1.0], [3.0]], [0, 1]), Dataset([[5.0]], [1]))
    >>> train.X, test.X
    ([[-1.0], [1.0]], [[3.0]])
    """
    scaler = Standardizer().fit(train.X)
    return [scaler.transform_dataset(d) for d in (train, *others)], scaler
