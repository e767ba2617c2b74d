"""The other operations: local gradients, reflected forms and kink conventions."""

import math

import pytest

import autograd
from autograd import Value


def grad_of(build, *data):
    """Return the output value and the input gradients of build(*Values)."""
    inputs = [Value(d) for d in data]
    out = build(*inputs)
    out.backward()
    return out.data, [v.grad for v in inputs]


def test_division_of_values():
    out, (gx, gy) = grad_of(lambda x, y: x / y, 3.0, 2.0)

    assert out == 1.5
    assert gx == 0.5  # 1 / y
    assert gy == -0.75  # -x / y**2


def test_power_number_exponent():
    out, (gx,) = grad_of(lambda x: x**3, 2.0)

    assert out == 8.0
    assert gx == 12.0  # 3 x**2


def test_power_value_exponent():
    out, (gx, gy) = grad_of(lambda x, y: x**y, 2.0, 3.0)

    assert out == 8.0
    assert gx == 12.0  # y x**(y-1)
    assert gy == pytest.approx(8.0 * math.log(2.0), abs=1e-15)  # x**y log x


def test_tanh_gradient():
    out, (gx,) = grad_of(lambda x: x.tanh(), 0.5)
    t = math.tanh(0.5)

    assert out == t
    assert gx == pytest.approx(1.0 - t * t, abs=1e-15)


@pytest.mark.parametrize(
    "build, value, expected_grad",
    [
        (lambda v: 3 + v, 5.0, 1.0),
        (lambda v: 3 - v, 1.0, -1.0),
        (lambda v: 3 * v, 6.0, 3.0),
        (lambda v: 3 / v, 1.5, -0.75),  # -3 / v**2 at v = 2
    ],
    ids=["3+v", "3-v", "3*v", "3/v"],
)
def test_reflected_forms(build, value, expected_grad):
    v = Value(2.0)
    out = build(v)
    out.backward()

    assert out.data == value
    assert v.grad == pytest.approx(expected_grad, abs=1e-15)


def test_reflected_power():
    v = Value(2.0)
    out = 3**v
    out.backward()

    assert out.data == 9.0
    assert v.grad == pytest.approx(9.0 * math.log(3.0), abs=1e-14)


def test_relu_both_sides():
    assert grad_of(lambda x: x.relu(), 2.5) == (2.5, [1.0])
    assert grad_of(lambda x: x.relu(), -2.5) == (0.0, [0.0])


def test_leaky_relu_slope():
    out, (gx,) = grad_of(lambda x: x.leaky_relu(0.1), -2.0)

    assert out == pytest.approx(-0.2, abs=1e-15)
    assert gx == 0.1


def test_abs_both_sides():
    assert grad_of(lambda x: x.abs(), -3.0) == (3.0, [-1.0])
    assert grad_of(lambda x: abs(x), 3.0) == (3.0, [1.0])


def test_min_switches_to_smaller():
    out, (gx, gy) = grad_of(lambda x, y: x.min(y), 2.0, -1.0)

    assert out == -1.0
    assert gx == 0.0
    assert gy == 1.0


# Conventions at kinks, stated in autograd.ops.


def test_max_tie_splits_gradient():
    out, (gx, gy) = grad_of(lambda x, y: x.max(y), 1.0, 1.0)

    assert out == 1.0
    assert gx == 0.5
    assert gy == 0.5


def test_min_tie_splits_gradient():
    _, (gx, gy) = grad_of(lambda x, y: autograd.minimum(x, y), 1.0, 1.0)

    assert gx == 0.5
    assert gy == 0.5


def test_max_of_same_node_has_gradient_one():
    _, (gx,) = grad_of(lambda x: x.max(x), 4.0)

    assert gx == 1.0


def test_relu_at_zero_has_gradient_zero():
    assert grad_of(lambda x: x.relu(), 0.0) == (0.0, [0.0])


def test_abs_at_zero_has_gradient_zero():
    assert grad_of(lambda x: x.abs(), 0.0) == (0.0, [0.0])


def test_leaky_relu_at_zero_has_slope():
    assert grad_of(lambda x: x.leaky_relu(0.2), 0.0)[1] == [0.2]


def test_op_symbols():
    x, y = Value(1.0), Value(2.0)

    assert (x + y).op == "+"
    assert (x * y).op == "*"
    assert (x * 2).op == "*2"
    assert (x + 0.5).op == "+0.5"
    assert (x - 3).op == "-3"
    assert (x**2).op == "**2"
    assert x.max(y).op == "max"
    assert x.sigmoid().op == "sigmoid"


def test_custom_node_backward():
    x = Value(3.0)
    cube = autograd.node(x.data**3, [x], [3 * x.data**2], "cube")
    cube.backward()

    assert cube.op == "cube"
    assert x.grad == 27.0
