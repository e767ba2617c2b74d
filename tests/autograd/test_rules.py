"""The five gradient-flow rules and the textbook examples, on hand-computed values."""

import math

import pytest

import autograd
from autograd import Value


def test_addition_broadcasts_gradient():
    x, y = Value(1.5), Value(-2.0)
    z = x + y
    z.backward(grad=3.0)

    assert z.data == -0.5
    assert x.grad == 3.0
    assert y.grad == 3.0


def test_nary_sum_is_one_node():
    values = [Value(float(i)) for i in range(5)]
    total = autograd.sum(values)
    total.backward()

    assert total.data == 10.0
    assert total.parents == tuple(values)
    assert all(v.grad == 1.0 for v in values)


def test_sum_adds_numbers_as_constants():
    a = Value(2.0)
    total = autograd.sum([a, 3, 4.5])
    total.backward()

    assert total.data == 9.5
    assert total.parents == (a,)
    assert a.grad == 1.0


@pytest.mark.parametrize(
    "build, k",
    [
        (lambda v: 2 * v, 2.0),
        (lambda v: v * 0.5, 0.5),
        (lambda v: v / 4, 0.25),
        (lambda v: -v, -1.0),
    ],
    ids=["2*v", "v*0.5", "v/4", "-v"],
)
def test_constant_multiplication_scales_gradient(build, k):
    v = Value(3.0)
    out = build(v)
    out.backward(grad=2.0)

    assert out.data == 3.0 * k
    assert out.parents == (v,)
    assert v.grad == 2.0 * k


def test_constant_is_not_a_node():
    v = Value(3.0)
    out = 2 * v

    assert len(out.parents) == 1
    assert out.op == "*2"


def test_multiplication_swaps_in_other_input():
    x, y = Value(3.0), Value(-4.0)
    z = x * y
    z.backward(grad=2.0)

    assert z.data == -12.0
    assert x.grad == -8.0  # y * g
    assert y.grad == 6.0  # x * g


def test_max_switches_to_larger_input():
    z, w = Value(2.0), Value(-1.0)
    m = z.max(w)
    m.backward(grad=2.0)

    assert m.data == 2.0
    assert z.grad == 2.0
    assert w.grad == 0.0


def test_maximum_with_number():
    v = Value(-1.0)
    m = autograd.maximum(v, 0.5)
    m.backward()

    assert m.data == 0.5
    assert m.parents == (v,)
    assert v.grad == 0.0


def test_maximum_number_first():
    v = Value(4.0)
    m = autograd.maximum(0.5, v)
    m.backward()

    assert m.data == 4.0
    assert v.grad == 1.0


def test_sigmoid_multiplies_by_z_one_minus_z():
    x = Value(0.7)
    z = x.sigmoid()
    z.backward(grad=2.0)
    expected_z = 1.0 / (1.0 + math.exp(-0.7))

    assert z.data == pytest.approx(expected_z, abs=1e-15)
    assert x.grad == pytest.approx(2.0 * expected_z * (1.0 - expected_z), abs=1e-15)


def test_reference_diagram_example():
    x, y = Value(3, label="x"), Value(-4, label="y")
    z, w = Value(2, label="z"), Value(-1, label="w")
    product = x * y
    larger = z.max(w)
    inner = product + larger
    f = 2 * inner
    f.backward()

    # Every number below is exactly representable, so == is safe here.
    assert f.data == -20.0
    assert inner.data == -10.0
    assert product.data == -12.0
    assert larger.data == 2.0
    assert (x.grad, y.grad, z.grad, w.grad) == (-8.0, 6.0, 2.0, 0.0)
    assert product.grad == 2.0
    assert larger.grad == 2.0
    assert inner.grad == 2.0
    assert f.grad == 1.0


def test_sigmoid_neuron_example():
    w0, x0 = Value(2.0), Value(-1.0)
    w1, x1 = Value(-3.0), Value(-2.0)
    w2 = Value(-3.0)
    f = (w0 * x0 + w1 * x1 + w2).sigmoid()
    f.backward()
    # a = 2*(-1) + (-3)*(-2) - 3 = 1, so f = sigmoid(1) and df/da = f (1 - f).
    s = 1.0 / (1.0 + math.exp(-1.0))
    da = s * (1.0 - s)

    assert f.data == pytest.approx(0.731059, abs=1e-6)
    assert w0.grad == pytest.approx(-0.196612, abs=1e-6)
    assert x0.grad == pytest.approx(0.393224, abs=1e-6)
    assert w1.grad == pytest.approx(-0.393224, abs=1e-6)
    assert x1.grad == pytest.approx(-0.589836, abs=1e-6)
    assert w2.grad == pytest.approx(0.196612, abs=1e-6)
    assert w0.grad == pytest.approx(x0.data * da, abs=1e-15)


def test_fan_out_double_add():
    a = Value(1.0)
    b = a + a
    c = b + b
    c.backward()

    assert a.grad == 4.0


def test_fan_out_two_products():
    a, b, c = Value(2.0), Value(3.0), Value(5.0)
    y = a * b + a * c
    y.backward()

    assert y.data == 16.0
    assert a.grad == 8.0  # b + c
    assert b.grad == 2.0
    assert c.grad == 2.0


def test_subtraction_gradients():
    a, b = Value(5.0), Value(3.0)
    d = a - b
    d.backward()

    assert d.data == 2.0
    assert a.grad == 1.0
    assert b.grad == -1.0


def test_log_gradient_at_two():
    x = Value(2.0)
    x.log().backward()

    assert x.grad == 0.5


def test_exp_gradient_at_two():
    x = Value(2.0)
    y = x.exp()
    y.backward()

    assert y.data == math.exp(2.0)
    assert x.grad == math.exp(2.0)
