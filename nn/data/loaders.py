"""Real data sets that ship with the package: iris and the 8x8 digits.

Both load offline from files next to this module (see ``iris.md`` and
``digits.md`` for their source and licence). With scikit-learn installed
(the ``flowgrad[data]`` extra), ``load_digits(source="sklearn")`` reads
scikit-learn's bundled copy instead.
"""

from __future__ import annotations

import csv
import gzip
import io
from importlib import resources
from typing import List

from .dataset import Dataset

__all__ = ["load_digits", "load_iris"]

IRIS_CLASSES = ["setosa", "versicolor", "virginica"]


def _read_text(filename: str) -> str:
    data = resources.files(__package__).joinpath(filename).read_bytes()
    if filename.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")


def load_iris() -> Dataset:
    """Load Fisher's iris: 150 samples, 4 features in cm, 3 classes of 50.

    >>> iris = load_iris()
    >>> len(iris), iris.n_features, iris.class_names
    (150, 4, ['setosa', 'versicolor', 'virginica'])
    """
    rows = list(csv.reader(io.StringIO(_read_text("iris.csv"))))
    header, body = rows[0], rows[1:]

    X = [[float(v) for v in row[:4]] for row in body]
    y = [IRIS_CLASSES.index(row[4]) for row in body]
    return Dataset(X, y, "iris", header[:4], list(IRIS_CLASSES))


def load_digits(source: str = "package") -> Dataset:
    """Load the 8x8 handwritten digits: 1,797 samples, 64 pixels from 0 to 16, 10 classes.

    ``source="package"`` reads the compressed copy inside flowgrad and
    ``source="sklearn"`` reads scikit-learn's copy (the ``[data]`` extra).
    Both give the same samples in the same order.

    >>> digits = load_digits()
    >>> len(digits), digits.n_features, digits.n_classes
    (1797, 64, 10)
    """
    if source == "sklearn":
        return _load_digits_sklearn()
    if source != "package":
        raise ValueError(f"unknown source {source!r}; use 'package' or 'sklearn'")

    rows = list(csv.reader(io.StringIO(_read_text("digits.csv.gz"))))
    header, body = rows[0], rows[1:]

    X = [[float(v) for v in row[:64]] for row in body]
    y = [int(row[64]) for row in body]
    return Dataset(X, y, "digits", header[:64], [str(d) for d in range(10)])


def _load_digits_sklearn() -> Dataset:
    try:
        from sklearn.datasets import load_digits as sklearn_load_digits
    except ImportError as error:
        raise ImportError(
            'load_digits(source="sklearn") needs scikit-learn: pip install "flowgrad[data]", '
            'or use source="package"'
        ) from error

    bunch = sklearn_load_digits()
    X: List[List[float]] = [[float(v) for v in row] for row in bunch.data]
    y = [int(v) for v in bunch.target]
    names = [f"pixel_{i // 8}_{i % 8}" for i in range(64)]
    return Dataset(X, y, "digits", names, [str(d) for d in range(10)])
