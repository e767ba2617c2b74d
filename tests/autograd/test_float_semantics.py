"""IEEE results instead of exceptions, and stable forms that never overflow."""

import math

import pytest

from autograd import Value


def test_exp_overflow_is_inf():
    x = Value(1000.0)
    y = x.exp()
    y.backward()

    assert y.data == math.inf
    assert x.grad == math.inf


def test_division_by_zero_is_inf():
    assert (Value(1) / Value(0)).data == math.inf
    assert (Value(-1) / Value(0)).data == -math.inf
    assert math.isnan((Value(0) / Value(0)).data)
    assert (Value(1) / 0).data == math.inf


def test_log_zero_is_minus_inf():
    x = Value(0.0)
    y = x.log()
    y.backward()

    assert y.data == -math.inf
    assert x.grad == math.inf


def test_log_negative_is_nan():
    assert math.isnan(Value(-1.0).log().data)


@pytest.mark.parametrize("x, z", [(-1000.0, 0.0), (1000.0, 1.0)])
def test_sigmoid_saturates_without_overflow(x, z):
    v = Value(x)
    out = v.sigmoid()
    out.backward()

    assert out.data == z
    assert v.grad == 0.0


def test_tanh_saturates_without_overflow():
    v = Value(1000.0)
    out = v.tanh()
    out.backward()

    assert out.data == 1.0
    assert v.grad == 0.0


def test_negative_base_fractional_exponent_is_nan():
    base, exponent = Value(-2.0), Value(0.5)
    out = base**exponent
    out.backward()

    assert math.isnan(out.data)
    assert math.isnan(exponent.grad)


def test_negative_base_number_exponent_is_nan():
    assert math.isnan((Value(-8.0) ** 0.5).data)


def test_power_overflow_is_inf():
    assert (Value(10.0) ** 400).data == math.inf
    assert (Value(-10.0) ** 401).data == -math.inf


def test_zero_to_negative_power_is_inf():
    assert (Value(0.0) ** -1).data == math.inf


def test_zero_base_value_exponent_gradient_is_zero():
    base, exponent = Value(0.0), Value(2.0)
    (base**exponent).backward()

    assert exponent.grad == 0.0


def test_nan_and_inf_are_accepted_as_data():
    assert math.isnan(Value(math.nan).data)
    assert Value(-math.inf).data == -math.inf


def test_huge_int_constants_are_infinite():
    assert (Value(1.0) * 10**400).data == math.inf
    assert (Value(1.0) + 10**400).data == math.inf
    assert (Value(2.0) ** 10**400).data == math.inf
    assert (Value(1.0) / 10**400).data == 0.0
