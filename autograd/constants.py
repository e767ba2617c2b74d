"""Constant operands: the type check, and the symbols cached per constant.

A constant operand, such as the 2 in ``2 * x``, is not a node. It is
checked here and becomes part of the op symbol (``*2``).
"""

from __future__ import annotations

import numbers
from typing import Any

from .value import as_float

__all__ = ["CACHE_SIZE", "as_constant", "cached_symbol", "is_number", "make_scale_parts"]


# Operations with a constant cache what depends only on the constant. That
# is the symbol, such as "*2" or "+0.5", and for `scale` also the tuple of
# local gradients, so a loop that multiplies by one constant formats one
# symbol and shares one tuple. Zeros are never cached because 0.0 and -0.0
# are equal dict keys with different symbols and signs. NaN is never cached
# because NaN keys never compare equal and would only fill the cache.
CACHE_SIZE = 4096
ADD_SYMBOLS: dict = {}
POWER_SYMBOLS: dict = {}
RPOWER_SYMBOLS: dict = {}
SCALE_PARTS: dict = {}


def cached_symbol(cache: dict, template: str, constant: float) -> str:
    """Return ``template.format(constant)``, cached in ``cache``."""
    symbol = cache.get(constant)
    if symbol is None:
        symbol = template.format(constant)
        if constant != 0.0 and constant == constant:
            if len(cache) >= CACHE_SIZE:
                cache.clear()
            cache[constant] = symbol
    return symbol


def make_scale_parts(k: float) -> tuple:
    """Return ((k,), "*k"), the local gradients and symbol of `scale`, and cache them."""
    parts = ((k,), "*{:.4g}".format(k))
    if k != 0.0 and k == k:
        if len(SCALE_PARTS) >= CACHE_SIZE:
            SCALE_PARTS.clear()
        SCALE_PARTS[k] = parts
    return parts


def is_number(operand: Any) -> bool:
    """True for a constant operand: int, float, bool or a numpy scalar."""
    kind = type(operand)
    return kind is float or kind is int or isinstance(operand, numbers.Real)


def as_constant(number: Any) -> float:
    """Return the float value of a constant operand, or raise TypeError naming it."""
    kind = type(number)
    if kind is float:
        return number
    if kind is int and -(2**1023) < number < 2**1023:
        return float(number)
    return as_float(number, "a constant operand")
