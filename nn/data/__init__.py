"""Data sets for training: iris and digits shipped offline, seeded 2-D generators, splits."""

from .dataset import Dataset
from .loaders import load_digits, load_iris
from .preprocessing import Standardizer, standardize, train_val_test_split
from .synthetic import make_moons, make_spirals, make_xor

__all__ = [
    "Dataset",
    "Standardizer",
    "load_digits",
    "load_iris",
    "make_moons",
    "make_spirals",
    "make_xor",
    "standardize",
    "train_val_test_split",
]
