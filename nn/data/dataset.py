"""`Dataset`: features, class labels and their names, in plain Python lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List

__all__ = ["Dataset"]


@dataclass
class Dataset:
    """Samples for classification: ``X[i]`` is a list of features and ``y[i]`` its class index.

    >>> d = Dataset([[0.0, 1.0], [1.0, 0.0]], [0, 1], name="toy")
    >>> len(d), d.n_features, d.n_classes
    (2, 2, 2)
    """

    X: List[List[float]]
    y: List[int]
    name: str = ""
    feature_names: List[str] = field(default_factory=list)
    class_names: List[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.X) != len(self.y):
            raise ValueError(f"X has {len(self.X)} samples but y has {len(self.y)} labels")

    def __len__(self) -> int:
        return len(self.y)

    @property
    def n_features(self) -> int:
        """The number of features per sample."""
        return len(self.X[0]) if self.X else len(self.feature_names)

    @property
    def n_classes(self) -> int:
        """The number of classes: the length of ``class_names``, or the largest label + 1."""
        if self.class_names:
            return len(self.class_names)
        return max(self.y) + 1 if self.y else 0

    def subset(self, indices: List[int]) -> "Dataset":
        """Return the samples at ``indices``, in that order, with the same names."""
        return Dataset(
            [self.X[i] for i in indices],
            [self.y[i] for i in indices],
            self.name,
            list(self.feature_names),
            list(self.class_names),
        )
