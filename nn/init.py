"""Seeded weight initialisation: Glorot for sigmoid and tanh, He for ReLU.

Weights are drawn from a uniform distribution with zero mean, so they
differ from each other (which breaks the symmetry between neurons) and
have the variance the rule gives:

- Glorot: variance 2 / (fan_in + fan_out), that is U(-l, l) with
  l = sqrt(6 / (fan_in + fan_out)).
- He: twice the Glorot variance, 4 / (fan_in + fan_out), that is
  l = sqrt(12 / (fan_in + fan_out)).

NOTE: this He variance is the textbook form that flowgrad follows. He et
al. (2015) and PyTorch use 2 / fan_in, which is the same only when
fan_in == fan_out.

Only `random.Random.random` and `math.sqrt` are used, and both give the
same bits on every platform, so a seed builds the same weights on every
machine. Biases start at zero.
"""

from __future__ import annotations

import math
import random
from typing import List, Optional

__all__ = ["INITS", "default_init", "init_weights", "make_rng"]

INITS = ("glorot", "he")

_VARIANCE_NUMERATOR = {"glorot": 2.0, "he": 4.0}


def default_init(activation: str) -> str:
    """Return the initialisation that suits ``activation``: He for ReLUs, else Glorot.

    >>> default_init("relu"), default_init("tanh")
    ('he', 'glorot')
    """
    return "he" if activation in ("relu", "leaky_relu") else "glorot"


def make_rng(seed: Optional[int], rng: Optional[random.Random]) -> random.Random:
    """Return ``rng``, or a new `random.Random` seeded with ``seed`` (0 when both are None)."""
    if rng is not None and seed is not None:
        raise ValueError(f"pass seed or rng, not both (got seed={seed!r} and an rng)")
    if rng is not None:
        if not isinstance(rng, random.Random):
            raise TypeError(f"rng must be a random.Random, got {type(rng).__name__} {rng!r}")
        return rng
    if seed is None:
        seed = 0
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"seed must be an int, got {type(seed).__name__} {seed!r}")
    return random.Random(seed)


def init_weights(name: str, fan_in: int, fan_out: int, rng: random.Random) -> List[float]:
    """Draw ``fan_in`` weights for one neuron with the variance of rule ``name``.

    >>> import random
    >>> w = init_weights("glorot", 3, 2, random.Random(0))
    >>> len(w), all(abs(x) <= math.sqrt(6 / 5) for x in w)
    (3, True)
    """
    numerator = _VARIANCE_NUMERATOR.get(name)
    if numerator is None:
        raise ValueError(f"unknown init {name!r}; use one of {', '.join(INITS)}, or None for the default")

    limit = math.sqrt(3.0 * numerator / (fan_in + fan_out))
    return [limit * (2.0 * rng.random() - 1.0) for _ in range(fan_in)]
