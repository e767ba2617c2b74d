"""Finite differences and gradcheck, including a check that it can fail."""

import math

import pytest

import autograd
from autograd import Value


def test_central_difference_of_square():
    (g,) = autograd.numerical_grad(lambda x: x * x, [Value(3.0)])

    assert g == pytest.approx(6.0, abs=1e-8)


def test_one_sided_difference_is_less_exact():
    f = lambda x: x.exp()  # noqa: E731
    (central,) = autograd.numerical_grad(f, [1.0], eps=1e-3)
    (one_sided,) = autograd.numerical_grad(f, [1.0], eps=1e-3, one_sided=True)

    assert abs(central - math.e) < 1e-6
    assert abs(one_sided - math.e) > 1e-4  # error of order eps * f'' / 2


def test_numerical_grad_restores_data():
    x = Value(3.0)
    autograd.numerical_grad(lambda x: x * x, [x])

    assert x.data == 3.0


def test_numerical_grad_rejects_bad_eps():
    with pytest.raises(ValueError, match="eps must be positive, got 0.0"):
        autograd.numerical_grad(lambda x: x, [1.0], eps=0.0)


def test_numerical_grad_rejects_single_value():
    with pytest.raises(TypeError, match=r"wrap a single Value in a list: \[x\]"):
        autograd.numerical_grad(lambda x: x, Value(1.0))


def test_gradcheck_passes_on_engine_ops():
    f = lambda a, b: (a * b + a.sigmoid()).tanh() / (b.exp() + 1)  # noqa: E731

    assert autograd.gradcheck(f, [Value(0.3), Value(-0.7)])


def _square_with_wrong_derivative(x):
    # The right local gradient is 2x, but this one omits the factor 2.
    return autograd.node(x.data * x.data, [x], [x.data], "square")


def test_gradcheck_fails_on_wrong_derivative():
    with pytest.raises(autograd.GradcheckError, match=r"analytic +1\.5 +numeric +3 +relative error 0\.5 +MISMATCH"):
        autograd.gradcheck(_square_with_wrong_derivative, [Value(1.5)])


def test_gradcheck_lists_every_input():
    f = lambda a, b: _square_with_wrong_derivative(a) + b  # noqa: E731
    with pytest.raises(autograd.GradcheckError) as caught:
        autograd.gradcheck(f, [Value(1.5, label="a"), Value(2.0, label="b")])
    message = str(caught.value)

    assert "a  analytic" in message
    assert "b  analytic" in message


def test_gradcheck_leaves_grads_unchanged():
    x = Value(2.0)
    autograd.gradcheck(lambda x: x * x, [x])

    assert x.grad is None


def test_gradcheck_rejects_number_result():
    with pytest.raises(TypeError, match="f must return a Value built from its inputs, got float"):
        autograd.gradcheck(lambda x: 1.0, [Value(2.0)])
