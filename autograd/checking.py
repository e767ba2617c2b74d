"""Check hand-derived gradients against the engine and a finite difference.

`check_gradients` evaluates a function of named inputs, takes the engine's
gradient and a central finite difference for every input, and compares a
hand-derived (expected) gradient with the engine's. When they differ,
`autograd.diagnosis` names the common mistakes that reproduce the expected
number. `assert_gradients` raises `AssertionError` with the same table,
for use in tests.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union

from . import diagnosis
from ._tables import format_number, html_table, text_table
from .numerical import DEFAULT_ATOL, DEFAULT_EPS, DEFAULT_RTOL, numerical_grad
from .value import Value, as_float

__all__ = ["GradientReport", "GradientRow", "assert_gradients", "check_gradients"]

Expected = Union[float, int, Callable[..., float]]

# Defaults for comparing an expected value with the engine's gradient. A
# number typed with 6 significant digits passes, and an error of 1e-4 fails.
RTOL = 1e-5
ATOL = 1e-8

OK = "ok"
WRONG = "wrong"
KINK = "non-differentiable point"
KINK_WRONG = "wrong at a non-differentiable point"
ENGINE_MISMATCH = "engine and numeric differ"
NOT_GIVEN = "no expected value"


@dataclass(frozen=True)
class GradientRow:
    """The check of one input: the three gradients, the errors and the verdict.

    ``abs_error`` and ``rel_error`` compare ``expected`` with ``engine``,
    and are None when no expected value was given. ``hints`` lists the
    mistakes that reproduce a wrong expected value, and ``kinks`` the
    non-differentiable points on the input's paths. At such a point,
    ``subgradients`` is the pair of one-sided differences (left, right)
    whose range the expected value must fall in, and None elsewhere.
    """

    input: str
    value: float
    expected: Optional[float]
    engine: float
    numeric: float
    abs_error: Optional[float]
    rel_error: Optional[float]
    verdict: str
    hints: List[str] = field(default_factory=list)
    kinks: List[str] = field(default_factory=list)
    subgradients: Optional[Tuple[float, float]] = None

    @property
    def ok(self) -> bool:
        """False when the expected value is wrong or the engine and numeric differ."""
        return self.verdict not in (WRONG, KINK_WRONG, ENGINE_MISMATCH)


_HEADERS = ["input", "expected", "engine", "numeric", "abs error", "rel error", "verdict"]


class GradientReport:
    """The result of `check_gradients`: one `GradientRow` per input.

    ``ok`` is True when no row failed. A row at a non-differentiable point
    fails only when its expected value is outside the range of valid
    subgradients. ``str()`` gives an aligned table with the hints below it,
    and Jupyter shows an HTML table.
    """

    def __init__(self, rows: List[GradientRow], rtol: float, atol: float) -> None:
        self.rows = rows
        self.rtol = rtol
        self.atol = atol

    @property
    def ok(self) -> bool:
        """True when every row passed."""
        return all(row.ok for row in self.rows)

    def __getitem__(self, name: str) -> GradientRow:
        for row in self.rows:
            if row.input == name:
                return row
        raise KeyError(f"no input named {name!r}, the inputs are {[r.input for r in self.rows]}")

    def _summary(self) -> str:
        failed = sum(not row.ok for row in self.rows)
        status = "all passed" if failed == 0 else f"{failed} of {len(self.rows)} failed"
        return f"gradient check: {status} (rtol={self.rtol:g}, atol={self.atol:g})"

    def _cells(self) -> List[List[str]]:
        return [
            [
                row.input,
                format_number(row.expected),
                format_number(row.engine),
                format_number(row.numeric),
                "" if row.abs_error is None else f"{row.abs_error:.2e}",
                "" if row.rel_error is None else f"{row.rel_error:.2e}",
                row.verdict,
            ]
            for row in self.rows
        ]

    def _notes(self) -> List[str]:
        notes = []
        for row in self.rows:
            for kink in row.kinks:
                notes.append(f"{row.input}: non-differentiable point: {kink}")
            for hint in row.hints:
                notes.append(f"{row.input}: {hint}")
            if row.verdict == WRONG and not row.hints:
                notes.append(f"{row.input}: no common mistake reproduces {row.expected:.8g}")
            if row.verdict == ENGINE_MISMATCH:
                notes.append(
                    f"{row.input}: the engine's gradient differs from the finite difference, "
                    f"so f may compute part of its result from .data or with math functions, "
                    f"which the graph does not record"
                )
        return notes

    def __str__(self) -> str:
        lines = [self._summary(), text_table(_HEADERS, self._cells())]
        lines.extend(self._notes())
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        table = html_table(_HEADERS, self._cells(), caption=self._summary())
        items = "".join(f"<li>{html.escape(note)}</li>" for note in self._notes())
        return table + (f"<ul>{items}</ul>" if items else "")

    def __repr__(self) -> str:
        return f"<GradientReport ok={self.ok} inputs={[row.input for row in self.rows]}>"


def check_gradients(
    f: Callable[..., Value],
    at: Mapping[str, float],
    expected: Mapping[str, Expected],
    *,
    rtol: float = RTOL,
    atol: float = ATOL,
    eps: float = DEFAULT_EPS,
    batch_size: Optional[int] = None,
) -> GradientReport:
    """Compare hand-derived gradients of ``f`` with the engine's.

    ``f`` is called with one keyword argument per input of ``at`` (a Value
    with that name as label) and returns a scalar Value. ``expected`` maps
    an input's name to its hand-derived gradient: a number, or a callable
    that takes the inputs as plain floats by keyword. An input passes when
    ``|expected - engine| <= atol + rtol * |engine|``.

    The engine's gradient is also compared with a central finite
    difference (step ``eps``, tolerances of `autograd.gradcheck`). At a
    kink (relu, leaky_relu or abs at 0, max or min at a tie) every
    subgradient is valid. The row gets the verdict "non-differentiable
    point" when the expected value lies between the left and right
    differences (f(x) - f(x - eps)) / eps and (f(x + eps) - f(x)) / eps,
    or matches the engine's convention. Otherwise it fails as "wrong at a
    non-differentiable point". A wrong expected value gets hints naming
    the mistakes that reproduce it. Pass
    ``batch_size`` to test a factor of the batch size (mean against sum).
    The grads of Values that ``f`` uses from outside are left as they were.

    >>> report = check_gradients(
    ...     lambda a, y: (a - y) ** 2, at={"a": 0.8, "y": 1.0}, expected={"a": 0.4})
    >>> report.ok
    False
    >>> report.rows[0].hints
    ['sign flip: the expected value is minus the right gradient']
    """
    names, point, expected_funcs = _validate(f, at, expected, rtol, atol, batch_size)
    inputs = {name: Value(point[name], label=name) for name in names}

    root = _call(f, inputs)
    graph = diagnosis.Graph(root)
    engine = _engine_grads(root, graph, inputs)
    numeric_list = numerical_grad(
        lambda *values: _call(f, dict(zip(names, values))),
        [inputs[name] for name in names],
        eps,
    )
    numeric = dict(zip(names, numeric_list))
    kinks = {name: diagnosis.find_kinks(graph, inputs[name]) for name in names}
    ranges: Dict[str, Tuple[float, float, float]] = {}
    if any(kinks.values()):
        ranges = _subgradient_ranges(f, names, point, eps)

    def close(wanted: float, candidate: float) -> bool:
        # With an infinite candidate the tolerance is infinite too, so only
        # an exact match counts.
        if not (math.isfinite(wanted) and math.isfinite(candidate)):
            return wanted == candidate
        return abs(wanted - candidate) <= atol + rtol * abs(candidate)

    rows = []
    for name in names:
        wanted = _expected_value(name, expected_funcs.get(name), point)
        rows.append(_row(name, point[name], wanted, engine[name], numeric[name],
                         graph, inputs[name], close, batch_size,
                         kinks[name], ranges.get(name)))
    return GradientReport(rows, rtol, atol)


def assert_gradients(
    f: Callable[..., Value],
    at: Mapping[str, float],
    expected: Mapping[str, Expected],
    **options: Any,
) -> GradientReport:
    """Run `check_gradients` and raise `AssertionError` with its table if any row failed.

    Takes the same options and returns the report when every row passed.

    >>> assert_gradients(lambda x: x * x, at={"x": 3.0}, expected={"x": 6.0}).ok
    True
    >>> assert_gradients(lambda x: x * x, at={"x": 3.0}, expected={"x": 3.0})
    Traceback (most recent call last):
    ...
    AssertionError: gradient check: 1 of 1 failed (rtol=1e-05, atol=1e-08)
    ...
    """
    report = check_gradients(f, at, expected, **options)
    if not report.ok:
        raise AssertionError(str(report))
    return report


def _row(name, value, wanted, engine, numeric, graph, source, close, batch_size,
         kinks, subgradient_range) -> GradientRow:
    engine_ok = math.isclose(engine, numeric, rel_tol=0.0,
                             abs_tol=DEFAULT_ATOL + DEFAULT_RTOL * abs(numeric))
    abs_error = rel_error = None
    if wanted is not None:
        abs_error = abs(wanted - engine)
        if engine != 0.0:
            rel_error = abs_error / abs(engine)
        else:
            rel_error = math.inf if abs_error > 0.0 else 0.0

    hints: List[str] = []
    bounds = None
    if kinks:
        left, right, slack = subgradient_range
        bounds = (left, right)
        if wanted is None or close(wanted, engine):
            verdict = KINK
        elif _is_subgradient(wanted, left, right, slack, close):
            verdict = KINK
        else:
            verdict = KINK_WRONG
            hints = [_subgradient_hint(left, right, engine)]
            hints += diagnosis.hints_for(graph, source, wanted, close, batch_size)
    elif not engine_ok:
        verdict = ENGINE_MISMATCH
    elif wanted is None:
        verdict = NOT_GIVEN
    elif close(wanted, engine):
        verdict = OK
    else:
        verdict = WRONG
        hints = diagnosis.hints_for(graph, source, wanted, close, batch_size)
    return GradientRow(name, value, wanted, engine, numeric, abs_error, rel_error,
                       verdict, hints, kinks, bounds)


def _subgradient_ranges(
    f: Callable[..., Value], names: List[str], point: Dict[str, float], eps: float
) -> Dict[str, Tuple[float, float, float]]:
    """Map each input to its left and right differences and their error estimate.

    The one-sided difference with step eps is off by about eps |f''| / 2,
    which is also the gap between the differences with steps eps and
    2 eps. That gap, the larger of the two sides, is the slack.

    NOTE: at a cusp such as sqrt(|x|) at 0 the one-sided derivatives are
    infinite, but the differences are finite and grow as eps shrinks, so
    the range accepts any value up to about 1 / sqrt(eps) there.

    NOTE: each input is checked on its own range. At a tie of max(x, y) the
    pair (1, 1) passes although a subgradient's parts must add up to 1.
    """
    right = _one_sided(f, names, point, eps)
    left = _one_sided(f, names, point, -eps)
    right_wide = _one_sided(f, names, point, 2.0 * eps)
    left_wide = _one_sided(f, names, point, -2.0 * eps)
    ranges = {}
    for i, name in enumerate(names):
        slack = max(abs(right[i] - right_wide[i]), abs(left[i] - left_wide[i]))
        if not math.isfinite(slack):
            slack = 0.0  # an infinite difference has no usable error estimate
        ranges[name] = (left[i], right[i], slack)
    return ranges


def _one_sided(
    f: Callable[..., Value], names: List[str], point: Dict[str, float], step: float
) -> List[float]:
    """Return (f(x + step) - f(x)) / step for each input, or with a negative step the left difference.

    `numerical_grad` takes a positive step only, so the left difference
    (f(x) - f(x - h)) / h is taken on the mirrored inputs m = -x. There the
    right difference in m is (f(x - h) - f(x)) / h, which is minus the left one.
    """
    if step > 0.0:
        values = [Value(point[name], label=name) for name in names]
        return numerical_grad(lambda *args: _call(f, dict(zip(names, args))),
                              values, step, one_sided=True)

    def mirrored_f(*mirrored: Value) -> Value:
        return _call(f, {name: Value(-m.data, label=name) for name, m in zip(names, mirrored)})

    mirrored = [Value(-point[name]) for name in names]
    # 0.0 - d rather than -d, so that a zero difference reads 0, not -0.
    return [0.0 - d for d in numerical_grad(mirrored_f, mirrored, -step, one_sided=True)]


def _is_subgradient(wanted: float, left: float, right: float, slack: float, close) -> bool:
    """Tell whether ``wanted`` lies between the one-sided differences.

    Each end of the range moves out by ``slack``, the error estimate of the
    differences, and then ``close`` applies the check's tolerance to it.
    """
    if math.isnan(left) or math.isnan(right) or math.isnan(slack):
        return False
    low, high = min(left, right) - slack, max(left, right) + slack
    if low <= wanted <= high:
        return True
    return close(wanted, low if wanted < low else high)


def _subgradient_hint(left: float, right: float, engine: float) -> str:
    if math.isnan(left) or math.isnan(right):
        return (
            f"the one-sided differences here are {left:.6g} (left) and {right:.6g} (right), "
            f"so only the engine's value {engine:.6g} is accepted"
        )
    low, high = min(left, right), max(left, right)
    return (
        f"any value from {low:.6g} to {high:.6g} is a valid subgradient here; "
        f"the engine uses {engine:.6g}"
    )


def _engine_grads(root: Value, graph: diagnosis.Graph, inputs: Dict[str, Value]) -> Dict[str, float]:
    """Run ``backward()`` and read the inputs' grads, then restore every grad in the graph."""
    saved = {node: node.grad for node in graph.order}
    try:
        root.backward()
        return {name: value.grad or 0.0 for name, value in inputs.items()}
    finally:
        for node, grad in saved.items():
            node.grad = grad


def _call(f: Callable[..., Value], inputs: Dict[str, Value]) -> Value:
    out = f(**inputs)
    if isinstance(out, Value):
        return out
    if isinstance(out, (list, tuple)):
        raise TypeError(
            f"f must return one scalar Value, got a {type(out).__name__} of {len(out)} items, so "
            f"reduce it to a scalar first, for example with autograd.sum(...)"
        )
    raise TypeError(
        f"f must return a Value built from its inputs, got {type(out).__name__} {out!r}. "
        f"Use Value operations such as x.tanh(), not math.tanh(x.data)"
    )


def _validate(f, at, expected, rtol, atol, batch_size):
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__} {f!r}")
    if not isinstance(at, Mapping) or not at:
        raise TypeError(f"at must be a non-empty dict of input names to numbers, got {at!r}")
    if not isinstance(expected, Mapping):
        raise TypeError(f"expected must be a dict of input names to gradients, got {expected!r}")

    names = list(at)
    point = {}
    for name in names:
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"input names must be Python identifiers, got {name!r} in at")
        point[name] = as_float(at[name], f"at[{name!r}]")
    for name, value in expected.items():
        if name not in at:
            raise ValueError(
                f"expected has a gradient for {name!r}, which is not an input in at "
                f"(inputs: {', '.join(map(repr, names))}). Use the same names in both"
            )
        if not callable(value):
            as_float(value, f"expected[{name!r}]")

    for option, tolerance in (("rtol", rtol), ("atol", atol)):
        if not as_float(tolerance, option) >= 0.0:
            raise ValueError(f"{option} must be a non-negative number, got {tolerance!r}")
    if batch_size is not None and (
        isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 2
    ):
        raise ValueError(f"batch_size must be an int of at least 2, or None, got {batch_size!r}")
    return names, point, dict(expected)


def _expected_value(name: str, spec: Optional[Expected], point: Dict[str, float]) -> Optional[float]:
    if spec is None:
        return None
    if not callable(spec):
        return as_float(spec)
    result = spec(**point)
    return as_float(result, f"the result of expected[{name!r}]")
