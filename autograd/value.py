"""The graph node: one float, its gradient, and how it was computed.

A `Value` records its ``parents`` (the nodes it was computed from, in
order), its ``op`` (a short symbol such as ``+``, ``*2`` or ``sigmoid``)
and ``local_grads``: the local derivative of this node with respect to
each parent, evaluated during the forward pass. The backward sweep only
multiplies and adds these numbers, so a node holds no closure and no
reference to itself, and a graph is freed by reference counting alone.

The operators (``+``, ``*``, ``max`` and the rest) are attached to the
class in `autograd.ops`.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Optional, Tuple

__all__ = ["Value", "as_float"]

_ACCEPTED = "int, float, bool or a numpy scalar"


def as_float(number: Any, name: str = "data") -> float:
    """Convert a plain number to float, or raise TypeError naming its type.

    ``name`` is the name of the value in the error message.

    >>> as_float(3)
    3.0
    >>> as_float("3")
    Traceback (most recent call last):
    ...
    TypeError: data must be a real number (int, float, bool or a numpy scalar), got str '3'
    """
    if type(number) is float:
        return number
    if isinstance(number, numbers.Real) and not isinstance(number, Value):
        try:
            return float(number)
        except OverflowError:
            # An int beyond the float range becomes an infinity, as in IEEE 754.
            return math.inf if number > 0 else -math.inf
    if isinstance(number, Value):
        raise TypeError(
            f"{name} must be a real number, got a Value ({number!r}); "
            f"pass its .data, or use the Value itself in an operation"
        )
    raise TypeError(
        f"{name} must be a real number ({_ACCEPTED}), "
        f"got {type(number).__name__} {number!r}"
    )


class Value:
    """A scalar node of the computation graph.

    ``Value(data, label="")`` makes a leaf: ``data`` is converted to float
    and ``grad`` is ``None`` until a backward sweep reaches the node.
    NaN and infinities are accepted as data.

    >>> x = Value(3.0, label="x")
    >>> y = x * x + 1
    >>> y.data
    10.0
    >>> y.backward()
    >>> x.grad
    6.0
    """

    __slots__ = ("data", "grad", "parents", "local_grads", "op", "label")

    data: float
    grad: Optional[float]
    parents: Tuple["Value", ...]
    local_grads: Tuple[float, ...]
    op: str
    label: str

    def __init__(self, data: Any, label: str = "") -> None:
        if not isinstance(label, str):
            raise TypeError(f"label must be a str, got {type(label).__name__} {label!r}")
        self.data = as_float(data)
        self.grad = None
        self.parents = ()
        self.local_grads = ()
        self.op = ""
        self.label = label

    @property
    def is_leaf(self) -> bool:
        """True for a node with no parents: an input, a constant or a parameter."""
        return not self.parents

    def __repr__(self) -> str:
        label = f", label={self.label!r}" if self.label else ""
        op = f", op={self.op!r}" if self.op else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{op}{label})"

    # NOTE: Value keeps identity equality and hashing, so that nodes can be
    # dict keys and set members; compare `.data` to compare numbers.
