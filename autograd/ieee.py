"""Float arithmetic with IEEE 754 results where Python raises.

Python raises ZeroDivisionError for ``1.0 / 0.0``, OverflowError for
``math.exp(1000)`` and ValueError for ``math.log(0)``. The engine follows
IEEE 754 as PyTorch does instead, so these helpers return inf, -inf or nan.

>>> divide(1.0, 0.0), exp(1000.0), log(0.0)
(inf, inf, -inf)
"""

from __future__ import annotations

import math

__all__ = ["divide", "exp", "log", "power"]

INF = math.inf
NAN = math.nan


def divide(a: float, b: float) -> float:
    """a / b with IEEE results for b == 0 (inf, -inf or nan)."""
    try:
        return a / b
    except ZeroDivisionError:
        if a == 0.0 or a != a:
            return NAN
        return math.copysign(INF, a) * math.copysign(1.0, b)


def power(base: float, exponent: float) -> float:
    """base ** exponent with IEEE results instead of exceptions or complex numbers."""
    try:
        return math.pow(base, exponent)
    except OverflowError:
        odd = exponent == int(exponent) and int(exponent) % 2 == 1
        return -INF if base < 0 and odd else INF
    except ValueError:
        if base == 0.0 and exponent < 0:
            odd = exponent == int(exponent) and int(exponent) % 2 == 1
            return math.copysign(INF, base) if odd else INF
        return NAN


def exp(x: float) -> float:
    """exp(x), which is inf where math.exp overflows."""
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def log(x: float) -> float:
    """Natural log: -inf at 0 and nan for a negative number, as in IEEE 754."""
    if x > 0.0:
        return math.log(x)
    if x == 0.0:
        return -INF
    return NAN  # a negative number or nan
