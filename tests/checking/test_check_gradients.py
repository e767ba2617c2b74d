"""check_gradients and assert_gradients: verdicts, the report, kinks and bad input."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, assert_gradients, check_gradients


def square_error(a, y):
    return (a - y) ** 2


def reference(x, y, z, w):
    return 2 * (x * y + z.max(w))


REFERENCE_POINT = {"x": 3.0, "y": -4.0, "z": 2.0, "w": -1.0}


def test_right_numbers_pass():
    report = check_gradients(reference, at=REFERENCE_POINT,
                             expected={"x": -8.0, "y": 6.0, "z": 2.0, "w": 0.0})
    assert report.ok


def test_callable_expected_values():
    # d/dx tanh(x) x = (1 - tanh(x)^2) x + tanh(x), written as a hand formula.
    report = check_gradients(
        lambda x: x.tanh() * x,
        at={"x": 0.7},
        expected={"x": lambda x: (1 - math.tanh(x) ** 2) * x + math.tanh(x)},
    )
    assert report.ok


def test_wrong_derivative_fails():
    report = check_gradients(lambda x: x * x, at={"x": 3.0}, expected={"x": 3.1})
    assert not report.ok


def test_wrong_row_verdict():
    report = check_gradients(lambda x: x * x, at={"x": 3.0}, expected={"x": 3.1})
    assert report["x"].verdict == "wrong"


def test_error_columns():
    report = check_gradients(lambda x: x * x, at={"x": 3.0}, expected={"x": 7.5})
    row = report.rows[0]
    assert row.abs_error == pytest.approx(1.5)
    assert row.rel_error == pytest.approx(1.5 / 6.0)
    assert row.engine == pytest.approx(6.0)
    assert row.numeric == pytest.approx(6.0, abs=1e-6)


def test_off_by_1e_3_fails():
    report = check_gradients(lambda x: x.sigmoid(), at={"x": 0.5},
                             expected={"x": lambda x: _sigmoid(x) * (1 - _sigmoid(x)) + 1e-3})
    assert not report.ok


def test_input_without_expected_value():
    report = check_gradients(square_error, at={"a": 0.8, "y": 1.0}, expected={"a": -0.4})
    assert report["y"].verdict == "no expected value"
    assert report.ok


def test_text_table_lists_every_column():
    text = str(check_gradients(square_error, at={"a": 0.8, "y": 1.0}, expected={"a": 0.4}))
    for header in ("input", "expected", "engine", "numeric", "abs error", "rel error", "verdict"):
        assert header in text
    assert "sign flip" in text


def test_html_table():
    html = check_gradients(square_error, at={"a": 0.8, "y": 1.0},
                           expected={"a": 0.4})._repr_html_()
    assert html.startswith("<table>")
    assert "<th>verdict</th>" in html
    assert "sign flip" in html


def test_assert_gradients_raises_with_table():
    with pytest.raises(AssertionError, match=r"(?s)1 of 2 failed.*sign flip"):
        assert_gradients(square_error, at={"a": 0.8, "y": 1.0}, expected={"a": 0.4})


def test_assert_gradients_returns_report():
    report = assert_gradients(square_error, at={"a": 0.8, "y": 1.0}, expected={"a": -0.4})
    assert report.ok


def test_outside_grads_left_unchanged():
    weight = Value(2.0)
    weight.grad = 5.0
    check_gradients(lambda x: weight * x, at={"x": 3.0}, expected={"x": 2.0})
    assert weight.grad == 5.0


def test_engine_and_numeric_differ():
    # f computes through .data, so the graph has no path from x to the output.
    report = check_gradients(lambda x: Value(x.data ** 2) + x * 0, at={"x": 1.0},
                             expected={"x": 2.0})
    assert report["x"].verdict == "engine and numeric differ"
    assert not report.ok


# Each case lists a value inside the range of subgradients, derived by hand
# from the one-sided derivatives: relu 0 and 1, abs -1 and 1, leaky_relu the
# slope and 1, max and min at a tie 0 and 1 for each input, 3 max(x, 2) at
# x = 2 0 and 3.
KINK_CASES = [
    (lambda x: x.relu(), {"x": 0.0}, 0.5, "relu'(0) = 0"),
    (lambda x: x.abs(), {"x": 0.0}, 0.3, "abs'(0) = 0"),
    (lambda x: x.leaky_relu(0.1), {"x": 0.0}, 0.5, "leaky_relu'(0) = slope = 0.1"),
    (lambda x, y: x.max(y), {"x": 1.5, "y": 1.5}, 0.5, "splits the gradient in half"),
    (lambda x, y: x.min(y), {"x": 1.5, "y": 1.5}, 0.5, "splits the gradient in half"),
    (lambda x: x.max(2.0) * 3, {"x": 2.0}, 1.5, "splits the gradient in half"),
]
KINK_IDS = ["relu", "abs", "leaky_relu", "max-tie", "min-tie", "max-constant-tie"]


@pytest.mark.parametrize("f, at, inside, convention", KINK_CASES, ids=KINK_IDS)
def test_kink_subgradient_passes(f, at, inside, convention):
    expected = {name: inside for name in at}
    report = check_gradients(f, at=at, expected=expected)
    assert report.ok
    assert report.rows[0].verdict == "non-differentiable point"
    assert convention in report.rows[0].kinks[0]


@pytest.mark.parametrize("f, at, inside, convention", KINK_CASES, ids=KINK_IDS)
def test_kink_far_outside_fails(f, at, inside, convention):
    expected = {name: 123.0 for name in at}
    report = check_gradients(f, at=at, expected=expected)
    assert not report.ok
    assert report.rows[0].verdict == "wrong at a non-differentiable point"
    assert convention in report.rows[0].kinks[0]


def test_relu_kink_wrong_value_fails():
    report = check_gradients(lambda x: x.relu(), at={"x": 0.0}, expected={"x": 7.0})
    assert not report.ok
    assert report["x"].verdict == "wrong at a non-differentiable point"


def test_relu_kink_wrong_value_hint():
    report = check_gradients(lambda x: x.relu(), at={"x": 0.0}, expected={"x": 7.0})
    hint = report["x"].hints[0]
    assert hint == "any value from 0 to 1 is a valid subgradient here; the engine uses 0"


def test_relu_kink_report_text():
    text = str(check_gradients(lambda x: x.relu(), at={"x": 0.0}, expected={"x": 7.0}))
    assert "1 of 1 failed" in text
    assert "x: any value from 0 to 1 is a valid subgradient here" in text
    assert "relu'(0) = 0" in text


def test_assert_gradients_raises_at_kink():
    with pytest.raises(AssertionError, match=r"(?s)wrong at a non-differentiable point.*from 0 to 1"):
        assert_gradients(lambda x: x.relu(), at={"x": 0.0}, expected={"x": 7.0})


@pytest.mark.parametrize("expected", [0.0, 0.5, 1.0])
def test_relu_kink_subgradients_pass(expected):
    report = check_gradients(lambda x: x.relu(), at={"x": 0.0}, expected={"x": expected})
    assert report.ok
    assert report["x"].verdict == "non-differentiable point"


def test_relu_kink_one_sided_differences():
    # relu(x) = 0 left of 0 and x right of it.
    row = check_gradients(lambda x: x.relu(), at={"x": 0.0}, expected={"x": 0.0})["x"]
    left, right = row.subgradients
    assert left == 0.0
    assert right == pytest.approx(1.0)


def test_smooth_row_has_no_subgradients():
    row = check_gradients(lambda x: x * x, at={"x": 3.0}, expected={"x": 6.0})["x"]
    assert row.subgradients is None


def test_abs_kink_inside_passes():
    report = check_gradients(lambda x: x.abs(), at={"x": 0.0}, expected={"x": 0.3})
    assert report.ok
    assert report["x"].verdict == "non-differentiable point"


def test_abs_kink_outside_fails():
    report = check_gradients(lambda x: x.abs(), at={"x": 0.0}, expected={"x": 2.0})
    assert not report.ok
    assert report["x"].verdict == "wrong at a non-differentiable point"
    assert report["x"].hints[0] == (
        "any value from -1 to 1 is a valid subgradient here; the engine uses 0"
    )


def test_max_tie_inside_passes():
    report = check_gradients(lambda x, y: x.max(y), at={"x": 1.5, "y": 1.5},
                             expected={"x": 0.5, "y": 0.5})
    assert report.ok
    assert report["x"].verdict == "non-differentiable point"
    assert report["y"].verdict == "non-differentiable point"


def test_max_tie_outside_fails():
    report = check_gradients(lambda x, y: x.max(y), at={"x": 1.5, "y": 1.5},
                             expected={"x": -1.0, "y": 0.5})
    assert not report.ok
    assert report["x"].verdict == "wrong at a non-differentiable point"
    assert report["y"].verdict == "non-differentiable point"
    assert report["x"].hints[0] == (
        "any value from 0 to 1 is a valid subgradient here; the engine uses 0.5"
    )


def test_kink_engine_convention_passes():
    # relu(x) - relu(-x) = x, so both one-sided derivatives are 1, but the
    # engine's relu'(0) = 0 gives 0. A student who applies the engine's
    # convention through the chain rule gets 0 too, which is accepted.
    f = lambda x: x.relu() - (-x).relu()  # noqa: E731
    report = check_gradients(f, at={"x": 0.0}, expected={"x": 0.0})
    assert report.ok
    assert report["x"].verdict == "non-differentiable point"


def test_kink_convention_rejects_others():
    f = lambda x: x.relu() - (-x).relu()  # noqa: E731
    report = check_gradients(f, at={"x": 0.0}, expected={"x": 0.5})
    assert report["x"].verdict == "wrong at a non-differentiable point"


def test_kink_with_smooth_part():
    # f = relu(x) + 50 x^2 at 0 has one-sided derivatives 0 and 1, and the
    # one-sided differences are off by 50 eps, which the check allows for.
    f = lambda x: x.relu() + x * x * 50  # noqa: E731
    for expected in (0.0, 1.0):
        report = check_gradients(f, at={"x": 0.0}, expected={"x": expected})
        assert report["x"].verdict == "non-differentiable point", expected


def test_kink_hint_reproduces_number():
    # 2 relu(x) + x at 0 has one-sided derivatives 1 and 3. The engine gives
    # 1, so an expected value of -1 is outside the range and is the sign flip
    # of the engine's gradient.
    report = check_gradients(lambda x: 2 * x.relu() + x, at={"x": 0.0}, expected={"x": -1.0})
    hints = report["x"].hints
    assert hints[0] == "any value from 1 to 3 is a valid subgradient here; the engine uses 1"
    assert "sign flip: the expected value is minus the right gradient" in hints


def test_kink_hint_not_claimed_without_match():
    report = check_gradients(lambda x: 2 * x.relu() + x, at={"x": 0.0}, expected={"x": -7.0})
    assert len(report["x"].hints) == 1


def test_kink_without_expected_value():
    report = check_gradients(lambda x, y: x.relu() * y, at={"x": 0.0, "y": 2.0},
                             expected={"y": 0.0})
    assert report["x"].verdict == "non-differentiable point"
    assert report.ok


def test_kink_nan_difference_fails():
    # log(x) is nan left of 0, so no range can be computed, and the engine's
    # gradient there is 1 / 0 = inf. A finite expected value must not pass
    # by an infinite tolerance.
    report = check_gradients(lambda x: x.relu() + x.log(), at={"x": 0.0}, expected={"x": 1.0})
    assert report["x"].verdict == "wrong at a non-differentiable point"
    assert "so only the engine's value inf is accepted" in report["x"].hints[0]


# (f, point, left and right derivative at the kink, derived by hand)
INTERVALS = [
    (lambda x: x.relu(), {"x": 0.0}, 0.0, 1.0),
    (lambda x: x.abs(), {"x": 0.0}, -1.0, 1.0),
    (lambda x: x.leaky_relu(0.1), {"x": 0.0}, 0.1, 1.0),
    (lambda x: x.max(1.5), {"x": 1.5}, 0.0, 1.0),
    (lambda x: -4 * x.abs(), {"x": 0.0}, 4.0, -4.0),
]


@settings(max_examples=60, deadline=None)
@given(case=st.sampled_from(INTERVALS), fraction=st.floats(0.0, 1.0))
def test_kink_random_value_inside_passes(case, fraction):
    f, at, left, right = case
    expected = left + fraction * (right - left)
    report = check_gradients(f, at=at, expected={"x": expected})
    assert report["x"].verdict == "non-differentiable point"


@settings(max_examples=60, deadline=None)
@given(case=st.sampled_from(INTERVALS), distance=st.floats(1e-3, 100.0), above=st.booleans())
def test_kink_random_value_outside_fails(case, distance, above):
    f, at, left, right = case
    expected = max(left, right) + distance if above else min(left, right) - distance
    report = check_gradients(f, at=at, expected={"x": expected})
    assert report["x"].verdict == "wrong at a non-differentiable point"


def test_kink_on_other_path_only():
    # The relu at 0 depends on y only, so x's row is checked normally.
    report = check_gradients(lambda x, y: x * 3 + y.relu(), at={"x": 1.0, "y": 0.0},
                             expected={"x": 4.0})
    assert report["x"].verdict == "wrong"
    assert report["y"].verdict == "non-differentiable point"


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(-3, 3), b=st.floats(-3, 3),
)
def test_hand_formula_random_points(a, b):
    # d/da sigmoid(a b) = s (1 - s) b, and d/db = s (1 - s) a.
    def s(a, b):
        return _sigmoid(a * b)

    report = check_gradients(
        lambda a, b: (a * b).sigmoid(), at={"a": a, "b": b},
        expected={"a": lambda a, b: s(a, b) * (1 - s(a, b)) * b,
                  "b": lambda a, b: s(a, b) * (1 - s(a, b)) * a},
    )
    assert report.ok


@settings(max_examples=40, deadline=None)
@given(x=st.floats(0.1, 3), error=st.floats(0.01, 10))
def test_wrong_formula_random_points(x, error):
    # d/dx x^3 = 3 x^2; adding a visible error must fail.
    report = check_gradients(lambda x: x ** 3, at={"x": x},
                             expected={"x": lambda x: 3 * x * x + error})
    assert not report.ok


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


class TestBadInput:
    def test_expected_key_not_in_at(self):
        with pytest.raises(ValueError, match=r"expected has a gradient for 'b', which is not an input in at"):
            check_gradients(lambda a: a * 2, at={"a": 1.0}, expected={"b": 2.0})

    def test_f_returns_float(self):
        with pytest.raises(TypeError, match=r"f must return a Value built from its inputs, got float"):
            check_gradients(lambda a: math.tanh(a.data), at={"a": 1.0}, expected={"a": 0.4})

    def test_f_returns_list(self):
        with pytest.raises(TypeError, match=r"f must return one scalar Value, got a list of 2 items"):
            check_gradients(lambda a: [a, a], at={"a": 1.0}, expected={"a": 1.0})

    def test_at_value_not_a_number(self):
        with pytest.raises(TypeError, match=r"at\['a'\] must be a real number"):
            check_gradients(lambda a: a, at={"a": "1"}, expected={"a": 1.0})

    def test_empty_at(self):
        with pytest.raises(TypeError, match=r"at must be a non-empty dict"):
            check_gradients(lambda: Value(1.0), at={}, expected={})

    def test_expected_not_a_number(self):
        with pytest.raises(TypeError, match=r"expected\['a'\] must be a real number"):
            check_gradients(lambda a: a, at={"a": 1.0}, expected={"a": "1"})

    def test_expected_callable_returns_string(self):
        with pytest.raises(TypeError, match=r"the result of expected\['a'\] must be a real number"):
            check_gradients(lambda a: a, at={"a": 1.0}, expected={"a": lambda a: "1"})

    def test_negative_rtol(self):
        with pytest.raises(ValueError, match=r"rtol must be a non-negative number, got -1"):
            check_gradients(lambda a: a, at={"a": 1.0}, expected={"a": 1.0}, rtol=-1)

    def test_bad_batch_size(self):
        with pytest.raises(ValueError, match=r"batch_size must be an int of at least 2"):
            check_gradients(lambda a: a, at={"a": 1.0}, expected={"a": 1.0}, batch_size=1)

    def test_f_not_callable(self):
        with pytest.raises(TypeError, match=r"f must be callable"):
            check_gradients(3, at={"a": 1.0}, expected={"a": 1.0})
