"""The operations of the engine and the local gradient rule of each.

Every operation takes three steps: compute the output value, record the
local derivative with respect to each parent, and return the new node.
The backward sweep later sends ``local_grad * incoming gradient`` to each
parent. Five of the operations are the gradient-flow rules:

1. addition (``x + y``, `sum`): every parent gets the incoming gradient.
2. multiplication by a constant (``k * x``, ``x / k``, ``-x``): the parent
   gets ``k`` times the incoming gradient. The constant is not a node.
3. multiplication (``x * y``): each parent gets the incoming gradient times
   the *other* parent's value.
4. `maximum` (``x.max(y)``): the larger parent gets the incoming gradient
   and the other gets 0.
5. `sigmoid`: the parent gets ``z (1 - z)`` times the incoming gradient,
   where ``z`` is the output.

Conventions at the points where a derivative does not exist: at a tie,
``max`` and ``min`` give each parent half of the incoming gradient (as
PyTorch's ``maximum`` does), so that ``max(x, x)`` has gradient 1. ``relu``
and ``abs`` have derivative 0 at 0, and ``leaky_relu`` has ``slope`` there.

Float semantics follow IEEE 754 as PyTorch does: ``exp(1000)`` is inf,
``x / 0`` is inf or nan, ``log(0)`` is -inf, and a negative base with a
fractional exponent is nan. No operation raises OverflowError or
ZeroDivisionError.

To add an operation, compute its value and local gradients and call
`node`; nothing else in the engine needs to change.
"""

from __future__ import annotations

import builtins
import math
from typing import Iterable, Sequence, Union

from .ieee import divide as _divide, exp as _exp, log as _log, power as _power
from .constants import (
    ADD_SYMBOLS,
    CACHE_SIZE,
    POWER_SYMBOLS,
    RPOWER_SYMBOLS,
    SCALE_PARTS,
    as_constant,
    cached_symbol,
    is_number,
    make_scale_parts,
)
from .value import Value, as_float

__all__ = [
    "abs",
    "exp",
    "leaky_relu",
    "log",
    "maximum",
    "minimum",
    "node",
    "relu",
    "sigmoid",
    "sum",
    "tanh",
]

Number = Union[int, float]
Operand = Union[Value, int, float]

_NAN = math.nan
_ONE = (1.0,)
_ONE_ONE = (1.0, 1.0)
_ONE_MINUS_ONE = (1.0, -1.0)
_new_object = object.__new__


def _new(data: float, parents: tuple, local_grads: tuple, op: str) -> Value:
    """Build a node without the checks of ``Value.__init__`` (hot path)."""
    out = _new_object(Value)
    out.data = data
    out.grad = None
    out.parents = parents
    out.local_grads = local_grads
    out.op = op
    out.label = ""
    return out


def node(data: float, parents: Sequence[Value], local_grads: Sequence[float], op: str) -> Value:
    """Create a node for a new operation from its value and local gradients.

    ``local_grads[i]`` is d(output)/d(parents[i]) at the current values.

    >>> x = Value(3.0)
    >>> cube = node(x.data ** 3, [x], [3 * x.data ** 2], "cube")
    >>> cube.backward()
    >>> x.grad
    27.0
    """
    parents = tuple(parents)
    local_grads = tuple(as_float(d, "a local gradient") for d in local_grads)
    for parent in parents:
        if not isinstance(parent, Value):
            raise TypeError(f"parents must be Values, got {type(parent).__name__} {parent!r}")
    if len(parents) != len(local_grads):
        raise ValueError(
            f"need one local gradient per parent, got {len(local_grads)} "
            f"for {len(parents)} parents"
        )
    return _new(as_float(data), parents, local_grads, str(op))


# Rule 1: addition ----------------------------------------------------------


def add(x: Value, y: Operand) -> Value:
    """x + y. Rule 1: each parent gets the incoming gradient unchanged."""
    if isinstance(y, Value):
        return _new(x.data + y.data, (x, y), _ONE_ONE, "+")

    kind = type(y)
    if kind is int:
        y = as_constant(y)
    elif kind is not float:
        if not is_number(y):
            return NotImplemented
        y = as_constant(y)
    symbol = ADD_SYMBOLS.get(y) or cached_symbol(ADD_SYMBOLS, "{:+.4g}", y)
    return _new(x.data + y, (x,), _ONE, symbol)


def sum(values: Iterable[Operand]) -> Value:
    """Build one addition node whose parents are all the given Values.

    Numbers among ``values`` are added to the output's value and are not
    parents. Rule 1: each parent gets the incoming gradient.

    >>> a, b, c = Value(1.0), Value(2.0), Value(3.0)
    >>> total = sum([a, b, c, 10])
    >>> total.data, len(total.parents)
    (16.0, 3)
    """
    parents = []
    constant = 0.0
    total = 0.0
    for item in values:
        if isinstance(item, Value):
            parents.append(item)
            total += item.data
        else:
            constant += as_float(item, "an item of sum()")
    total += constant
    return _new(total, tuple(parents), _ones(len(parents)), "+")


_ones_cache: dict = {}


def _ones(count: int) -> tuple:
    """Return a shared tuple of ``count`` ones, the local gradients of a sum."""
    ones = _ones_cache.get(count)
    if ones is None:
        ones = _ONE * count
        if len(_ones_cache) >= CACHE_SIZE:
            _ones_cache.clear()
        _ones_cache[count] = ones
    return ones


def sub(x: Value, y: Operand) -> Value:
    """x - y: the local gradients are 1 for x and -1 for y."""
    if isinstance(y, Value):
        return _new(x.data - y.data, (x, y), _ONE_MINUS_ONE, "-")

    if not is_number(y):
        return NotImplemented
    return add(x, -as_constant(y))


def rsub(x: Value, y: Operand) -> Value:
    """y - x for a constant y, built as (-x) + y."""
    if not is_number(y):
        return NotImplemented
    return add(scale(x, -1.0), y)


# Rule 2: multiplication by a constant ----------------------------------------


def scale(x: Value, k: float) -> Value:
    """k * x for a constant k. Rule 2: the parent gets k times the gradient."""
    local_grads, symbol = SCALE_PARTS.get(k) or make_scale_parts(k)
    return _new(x.data * k, (x,), local_grads, symbol)


def neg(x: Value) -> Value:
    """-x, that is multiplication by the constant -1 (rule 2)."""
    return scale(x, -1.0)


# Rule 3: multiplication ------------------------------------------------------


def mul(x: Value, y: Operand) -> Value:
    """x * y. Rule 3: each parent gets the gradient times the other parent's value."""
    if isinstance(y, Value):
        return _new(x.data * y.data, (x, y), (y.data, x.data), "*")

    kind = type(y)
    if kind is float:
        return scale(x, y)
    if kind is int:
        return scale(x, as_constant(y))
    if not is_number(y):
        return NotImplemented
    return scale(x, as_constant(y))


def truediv(x: Value, y: Operand) -> Value:
    """x / y. The local gradients are 1/y for x and -x/y**2 for y."""
    if isinstance(y, Value):
        out = _divide(x.data, y.data)
        local_grads = (_divide(1.0, y.data), -_divide(out, y.data))
        return _new(out, (x, y), local_grads, "/")

    if not is_number(y):
        return NotImplemented
    return scale(x, _divide(1.0, as_constant(y)))


def rtruediv(x: Value, y: Operand) -> Value:
    """y / x for a constant y, built as y * x**-1."""
    if not is_number(y):
        return NotImplemented
    return scale(power(x, -1.0), as_constant(y))


# Rule 4: max, and min ----------------------------------------------------------


def _switch(x: Value, y: Operand, op: str, pick_x: bool) -> Value:
    if isinstance(y, Value):
        y_data = y.data
    else:
        y_data = as_constant(y)

    if x.data == y_data:
        out, grad_x, grad_y = x.data, 0.5, 0.5
    elif pick_x:
        out, grad_x, grad_y = x.data, 1.0, 0.0
    else:
        out, grad_x, grad_y = y_data, 0.0, 1.0

    if isinstance(y, Value):
        return _new(out, (x, y), (grad_x, grad_y), op)
    return _new(out, (x,), (grad_x,), op)


def maximum(x: Operand, y: Operand) -> Value:
    """max(x, y). Rule 4: the larger parent gets the gradient, the other 0.

    At a tie each parent gets half of the gradient. Either argument may be
    a number, which is a constant and not a node.

    >>> a, b = Value(2.0), Value(-1.0)
    >>> m = maximum(a, b)
    >>> m.backward()
    >>> (m.data, a.grad, b.grad)
    (2.0, 1.0, 0.0)
    """
    if not isinstance(x, Value):
        x, y = y, x
    if not isinstance(x, Value):
        raise TypeError(f"maximum() needs at least one Value, got {x!r} and {y!r}")
    y_data = y.data if isinstance(y, Value) else as_constant(y)
    return _switch(x, y, "max", x.data > y_data)


def minimum(x: Operand, y: Operand) -> Value:
    """min(x, y): the smaller parent gets the gradient, the other 0.

    At a tie each parent gets half of the gradient, as with `maximum`.
    """
    if not isinstance(x, Value):
        x, y = y, x
    if not isinstance(x, Value):
        raise TypeError(f"minimum() needs at least one Value, got {x!r} and {y!r}")
    y_data = y.data if isinstance(y, Value) else as_constant(y)
    return _switch(x, y, "min", x.data < y_data)


# Rule 5: sigmoid, and the other functions of one input ------------------------


def sigmoid(x: Value) -> Value:
    """z = 1 / (1 + exp(-x)). Rule 5: the parent gets z (1 - z) times the gradient.

    The stable form never overflows: sigmoid(-1000) is 0 and sigmoid(1000)
    is 1, both with local gradient 0.
    """
    if x.data >= 0.0:
        z = 1.0 / (1.0 + _exp(-x.data))
    else:
        e = _exp(x.data)
        z = e / (1.0 + e)
    return _new(z, (x,), (z * (1.0 - z),), "sigmoid")


def tanh(x: Value) -> Value:
    """t = tanh(x), with local gradient 1 - t**2."""
    t = math.tanh(x.data)
    return _new(t, (x,), (1.0 - t * t,), "tanh")


def exp(x: Value) -> Value:
    """e = exp(x), with local gradient e. exp(1000) is inf."""
    e = _exp(x.data)
    return _new(e, (x,), (e,), "exp")


def log(x: Value) -> Value:
    """Natural log, with local gradient 1/x. log(0) is -inf and log(-1) is nan."""
    return _new(_log(x.data), (x,), (_divide(1.0, x.data),), "log")


def relu(x: Value) -> Value:
    """max(x, 0), with local gradient 1 for x > 0 and 0 for x <= 0."""
    if x.data > 0.0:
        return _new(x.data, (x,), _ONE, "relu")
    return _new(0.0, (x,), (0.0,), "relu")


def leaky_relu(x: Value, slope: float = 0.01) -> Value:
    """x for x > 0, else slope * x. The local gradient at 0 is ``slope``."""
    slope = as_constant(slope)
    if x.data > 0.0:
        return _new(x.data, (x,), _ONE, "leaky_relu")
    return _new(slope * x.data, (x,), (slope,), "leaky_relu")


def abs(x: Value) -> Value:
    """|x|, with local gradient sign(x), which is 0 at x == 0."""
    if x.data > 0.0:
        grad = 1.0
    elif x.data < 0.0:
        grad = -1.0
    else:
        grad = 0.0 if x.data == 0.0 else _NAN
    return _new(builtins.abs(x.data), (x,), (grad,), "abs")


# Powers -----------------------------------------------------------------------


def power(x: Value, y: Operand) -> Value:
    """x ** y.

    With a number exponent n the local gradient is n * x**(n-1). With a
    Value exponent the exponent gets x**y * log(x) too, which is nan for a
    negative base and 0 when x == 0 and y >= 0.
    """
    if isinstance(y, Value):
        out = _power(x.data, y.data)
        grad_base = y.data * _power(x.data, y.data - 1.0)
        if x.data == 0.0 and y.data >= 0.0:
            grad_exponent = 0.0
        else:
            grad_exponent = out * _log(x.data)
        return _new(out, (x, y), (grad_base, grad_exponent), "**")

    if not is_number(y):
        return NotImplemented
    n = as_constant(y)
    out = _power(x.data, n)
    grad = 0.0 if n == 0.0 else n * _power(x.data, n - 1.0)
    return _new(out, (x,), (grad,), cached_symbol(POWER_SYMBOLS, "**{:.4g}", n))


def rpower(x: Value, base: Operand) -> Value:
    """base ** x for a constant base, with local gradient base**x * log(base)."""
    if not is_number(base):
        return NotImplemented
    b = as_constant(base)
    out = _power(b, x.data)
    grad = 0.0 if b == 0.0 and x.data >= 0.0 else out * _log(b)
    return _new(out, (x,), (grad,), cached_symbol(RPOWER_SYMBOLS, "{:.4g}**", b))


def _radd(x: Value, y: Operand) -> Value:
    return add(x, y)


def _rmul(x: Value, y: Operand) -> Value:
    return mul(x, y)


# Attach the operations to Value, so that `x * y`, `x.sigmoid()` and
# `2 ** x` build nodes.
Value.__add__ = add  # type: ignore[assignment]
Value.__radd__ = _radd  # type: ignore[assignment]
Value.__sub__ = sub  # type: ignore[assignment]
Value.__rsub__ = rsub  # type: ignore[assignment]
Value.__mul__ = mul  # type: ignore[assignment]
Value.__rmul__ = _rmul  # type: ignore[assignment]
Value.__truediv__ = truediv  # type: ignore[assignment]
Value.__rtruediv__ = rtruediv  # type: ignore[assignment]
Value.__pow__ = power  # type: ignore[assignment]
Value.__rpow__ = rpower  # type: ignore[assignment]
Value.__neg__ = neg  # type: ignore[assignment]
Value.__abs__ = abs  # type: ignore[assignment]
Value.max = maximum  # type: ignore[attr-defined]
Value.min = minimum  # type: ignore[attr-defined]
Value.sigmoid = sigmoid  # type: ignore[attr-defined]
Value.tanh = tanh  # type: ignore[attr-defined]
Value.exp = exp  # type: ignore[attr-defined]
Value.log = log  # type: ignore[attr-defined]
Value.relu = relu  # type: ignore[attr-defined]
Value.leaky_relu = leaky_relu  # type: ignore[attr-defined]
Value.abs = abs  # type: ignore[attr-defined]
