"""Finite-difference gradients, and a check of the engine against them.

The central difference (f(x + eps) - f(x - eps)) / (2 eps) has an error of
order eps**2, so it is the one to check with. The one-sided difference
(f(x + eps) - f(x)) / eps has an error of order eps and needs only one
extra evaluation per input.
"""

from __future__ import annotations

import math
from typing import Any, Callable, List, Sequence, Union

from .backward import backward
from .value import Value, as_float

__all__ = ["GradcheckError", "gradcheck", "numerical_grad"]

Function = Callable[..., Union[Value, float]]

# Defaults for float64, the same as PyTorch's gradcheck: with eps = 1e-6 the
# truncation error of a central difference is about 1e-12 times the third
# derivative and the rounding error about 1e-10 times |f|.
DEFAULT_EPS = 1e-6
DEFAULT_ATOL = 1e-5
DEFAULT_RTOL = 1e-3


class GradcheckError(AssertionError):
    """The engine's gradient and the finite difference disagree."""


def _evaluate(f: Function, inputs: Sequence[Value]) -> float:
    out = f(*inputs)
    if isinstance(out, Value):
        return out.data
    return as_float(out, "the result of f")


def _as_values(inputs: Sequence[Any]) -> List[Value]:
    if isinstance(inputs, Value):
        raise TypeError("inputs must be a sequence of Values; wrap a single Value in a list: [x]")
    return [x if isinstance(x, Value) else Value(x) for x in inputs]


def numerical_grad(
    f: Function,
    inputs: Sequence[Any],
    eps: float = DEFAULT_EPS,
    *,
    one_sided: bool = False,
) -> List[float]:
    """Estimate d f / d input for every input by finite differences.

    ``f`` is called as ``f(*inputs)`` and returns a Value or a number.
    Plain numbers in ``inputs`` are wrapped in Values. Each input's
    ``data`` is restored afterwards.

    >>> x, y = Value(3.0), Value(-4.0)
    >>> [round(g, 6) for g in numerical_grad(lambda x, y: x * y, [x, y])]
    [-4.0, 3.0]
    """
    eps = as_float(eps, "eps")
    if not eps > 0.0:
        raise ValueError(f"eps must be positive, got {eps!r}")
    values = _as_values(inputs)

    grads = []
    base = _evaluate(f, values) if one_sided else 0.0
    for x in values:
        original = x.data
        try:
            x.data = original + eps
            above = _evaluate(f, values)
            if one_sided:
                grads.append((above - base) / eps)
            else:
                x.data = original - eps
                below = _evaluate(f, values)
                grads.append((above - below) / (2.0 * eps))
        finally:
            x.data = original
    return grads


def gradcheck(
    f: Function,
    inputs: Sequence[Any],
    *,
    eps: float = DEFAULT_EPS,
    atol: float = DEFAULT_ATOL,
    rtol: float = DEFAULT_RTOL,
) -> bool:
    """Check the engine's gradient of ``f`` against central differences.

    An input passes when ``|analytic - numeric| <= atol + rtol * |numeric|``.
    The defaults (eps 1e-6, atol 1e-5, rtol 1e-3) suit float64 and smooth
    functions away from kinks. Returns True, or raises `GradcheckError`
    listing the analytic value, the numeric value and the relative error of
    every input. The inputs' gradients are left as they were.

    >>> gradcheck(lambda x: x.tanh() * x, [Value(0.5)])
    True
    """
    values = _as_values(inputs)
    analytic = _engine_grad(f, values)
    numeric = numerical_grad(f, values, eps)

    rows = []
    failed = False
    for i, (a, n) in enumerate(zip(analytic, numeric)):
        ok = math.isclose(a, n, rel_tol=0.0, abs_tol=atol + rtol * abs(n))
        failed = failed or not ok
        relative = abs(a - n) / max(abs(n), 1e-300)
        name = values[i].label or f"input {i}"
        mark = "ok" if ok else "MISMATCH"
        rows.append(f"  {name:>12}  analytic {a: .10g}  numeric {n: .10g}  relative error {relative:.3g}  {mark}")
    if failed:
        raise GradcheckError(
            f"gradient check failed (atol={atol}, rtol={rtol}, eps={eps}):\n" + "\n".join(rows)
        )
    return True


def _engine_grad(f: Function, values: List[Value]) -> List[float]:
    """Compute the engine's gradient of f at values, leaving the inputs' grads as they were."""
    saved = [x.grad for x in values]
    try:
        for x in values:
            x.grad = 0.0
        out = f(*values)
        if not isinstance(out, Value):
            raise TypeError(
                f"f must return a Value built from its inputs, got {type(out).__name__} {out!r}"
            )
        backward(out)
        return [x.grad for x in values]
    finally:
        for x, grad in zip(values, saved):
            x.grad = grad
