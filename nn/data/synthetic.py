"""Seeded two-dimensional teaching sets: two moons, spirals and XOR.

Each generator draws from its own ``random.Random(seed)``, so the same
seed gives the same points, and returns them in shuffled order.
"""

from __future__ import annotations

import math
import random
from typing import List

from .dataset import Dataset

__all__ = ["make_moons", "make_spirals", "make_xor"]

_XY = ["x", "y"]


def _check_count(n: object, name: str, minimum: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{name} must be an int, got {type(n).__name__} {n!r}")
    if n < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {n!r}")
    return n


def _check_noise(noise: object) -> float:
    if isinstance(noise, bool) or not isinstance(noise, (int, float)) or not noise >= 0:
        raise ValueError(f"noise must be a number >= 0, got {noise!r}")
    return float(noise)


def _shuffled(X: List[List[float]], y: List[int], rng: random.Random, name: str, classes: List[str]) -> Dataset:
    order = list(range(len(y)))
    rng.shuffle(order)
    return Dataset([X[i] for i in order], [y[i] for i in order], name, list(_XY), classes)


def make_moons(n_samples: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaved half circles, with Gaussian noise of standard deviation ``noise``.

    Class 0 is the upper arc (cos t, sin t) and class 1 the lower arc
    (1 - cos t, 0.5 - sin t), for t from 0 to pi.

    >>> moons = make_moons(100, seed=1)
    >>> len(moons), moons.y.count(0)
    (100, 50)
    """
    _check_count(n_samples, "n_samples", 2)
    noise = _check_noise(noise)
    rng = random.Random(seed)

    n_upper = n_samples // 2
    n_lower = n_samples - n_upper
    X: List[List[float]] = []
    y: List[int] = []
    for label, count in ((0, n_upper), (1, n_lower)):
        for i in range(count):
            t = math.pi * i / max(count - 1, 1)
            if label == 0:
                x0, x1 = math.cos(t), math.sin(t)
            else:
                x0, x1 = 1.0 - math.cos(t), 0.5 - math.sin(t)
            X.append([x0 + rng.gauss(0.0, noise), x1 + rng.gauss(0.0, noise)])
            y.append(label)
    return _shuffled(X, y, rng, "moons", ["upper", "lower"])


def make_spirals(n_samples: int = 300, n_classes: int = 2, noise: float = 0.2, seed: int = 0) -> Dataset:
    """Interleaved spiral arms, one per class, each turning by 4 radians.

    Point i of arm k has radius r = i / n and angle 4 (k + r) plus
    Gaussian noise of standard deviation ``noise`` (in radians).

    >>> spirals = make_spirals(90, n_classes=3)
    >>> len(spirals), spirals.n_classes
    (90, 3)
    """
    _check_count(n_samples, "n_samples", 2)
    _check_count(n_classes, "n_classes", 2)
    noise = _check_noise(noise)
    rng = random.Random(seed)

    X: List[List[float]] = []
    y: List[int] = []
    for k in range(n_classes):
        count = n_samples // n_classes + (1 if k < n_samples % n_classes else 0)
        for i in range(count):
            r = i / count
            angle = 4.0 * (k + r) + rng.gauss(0.0, noise)
            X.append([r * math.sin(angle), r * math.cos(angle)])
            y.append(k)
    return _shuffled(X, y, rng, "spirals", [f"arm {k}" for k in range(n_classes)])


def make_xor(n_samples: int = 200, noise: float = 0.0, seed: int = 0) -> Dataset:
    """Points uniform in [-1, 1]^2, class 1 where exactly one coordinate is positive.

    The label comes from the clean point, and Gaussian noise of standard
    deviation ``noise`` is added afterwards.

    >>> xor = make_xor(50, seed=2)
    >>> all((x0 > 0) != (x1 > 0) for (x0, x1), label in zip(xor.X, xor.y) if label == 1)
    True
    """
    _check_count(n_samples, "n_samples", 2)
    noise = _check_noise(noise)
    rng = random.Random(seed)

    X: List[List[float]] = []
    y: List[int] = []
    for _ in range(n_samples):
        x0, x1 = rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0)
        y.append(int((x0 > 0.0) != (x1 > 0.0)))
        if noise:
            x0, x1 = x0 + rng.gauss(0.0, noise), x1 + rng.gauss(0.0, noise)
        X.append([x0, x1])
    return _shuffled(X, y, rng, "xor", ["same sign", "different sign"])
