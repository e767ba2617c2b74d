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


@pytest.mark.parametrize(
    "f, at, convention",
    [
        (lambda x: x.relu(), {"x": 0.0}, "relu'(0) = 0"),
        (lambda x: x.abs(), {"x": 0.0}, "abs'(0) = 0"),
        (lambda x: x.leaky_relu(0.1), {"x": 0.0}, "leaky_relu'(0) = slope = 0.1"),
        (lambda x, y: x.max(y), {"x": 1.5, "y": 1.5}, "splits the gradient in half"),
        (lambda x, y: x.min(y), {"x": 1.5, "y": 1.5}, "splits the gradient in half"),
        (lambda x: x.max(2.0) * 3, {"x": 2.0}, "splits the gradient in half"),
    ],
    ids=["relu", "abs", "leaky_relu", "max-tie", "min-tie", "max-constant-tie"],
)
def test_kink_is_not_a_failure(f, at, convention):
    expected = {name: 123.0 for name in at}
    report = check_gradients(f, at=at, expected=expected)
    assert report.ok
    assert report.rows[0].verdict == "non-differentiable point"
    assert convention in report.rows[0].kinks[0]


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
