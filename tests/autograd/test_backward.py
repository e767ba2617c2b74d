"""The backward sweep: deep graphs, repeated calls and zero_grad."""

import builtins
import math

import pytest

import autograd
from autograd import Value


def test_million_node_chain():
    x = Value(1.0)
    y = x
    for _ in range(500_000):
        y = y * 1.0 + 0.0  # two nodes per step: 1,000,000 nodes
    y.backward()

    assert x.grad == 1.0


@pytest.mark.parametrize("total_of", [autograd.sum, builtins.sum], ids=["autograd.sum", "builtins.sum"])
def test_sum_over_hundred_thousand_values(total_of):
    values = [Value(1.0) for _ in range(100_000)]
    total = total_of(values)
    total.backward()

    assert total.data == 100_000.0
    assert values[0].grad == 1.0
    assert values[-1].grad == 1.0


def test_topological_order_parents_first():
    x = Value(2.0)
    a = x * 3
    b = a + x
    order = autograd.topological_order(b)

    assert order[-1] is b
    assert order.index(x) < order.index(a) < order.index(b)
    assert len(order) == 3


def test_second_backward_keeps_intermediate_grads():
    x = Value(3.0)
    hidden = x * x
    out = hidden * 2
    out.backward()
    out.backward()

    assert hidden.grad == 2.0
    assert out.grad == 1.0


def test_second_backward_accumulates_leaf_grads():
    x = Value(3.0)
    out = x * x
    out.backward()
    out.backward()

    assert x.grad == 12.0  # 2 * (2 x)


def test_zero_grad_resets_leaves():
    x = Value(3.0)
    out = x * x
    out.backward()
    out.zero_grad()
    out.backward()

    assert x.grad == 6.0


def test_grad_is_none_before_backward():
    x = Value(3.0)
    out = x * 2

    assert x.grad is None
    assert out.grad is None


def test_backward_seed():
    x = Value(3.0)
    (x * 2).backward(grad=0.5)

    assert x.grad == 1.0


def test_backward_from_leaf():
    x = Value(3.0)
    x.backward()

    assert x.grad == 1.0


def test_backward_rejects_bad_seed():
    with pytest.raises(TypeError, match="the seed gradient must be a real number"):
        Value(1.0).backward(grad="1")


def test_anomaly_off_by_default():
    x = Value(-1.0)
    y = x.log()
    y.backward()

    assert y.data != y.data  # nan, no exception


def test_anomaly_raises_at_first_bad_value():
    x = Value(-1.0, label="x")
    with autograd.detect_anomaly():
        with pytest.raises(autograd.AnomalyError, match=r"value became nan at the node with op 'log'.*\[-1\.0\]"):
            x.log()


def test_anomaly_names_label():
    x = Value(0.0)
    with autograd.detect_anomaly():
        y = x.exp()
        y.label = "e"
        with pytest.raises(autograd.AnomalyError, match=r"op 'log', parents' values \[0\.0\]"):
            (y - 1).log()


def test_anomaly_raises_at_first_bad_gradient():
    x = Value(0.0, label="x")
    y = x**0.5  # value 0, local gradient 0.5 / sqrt(0) = inf
    with pytest.raises(autograd.AnomalyError,
                       match=r"gradient became inf at the node with op '\*\*0\.5'.* to parent 1 of 1 \(label 'x'"):
        y.backward(detect_anomaly=True)


def test_anomaly_sqrt_names_sender():
    u = Value(0.0, label="u")
    root = u**0.5
    root.label = "root"
    message = (
        r"gradient became inf at the node with op '\*\*0\.5', label 'root', "
        r"parents' values \[0\.0\] and value 0\.0\. "
        r"It sent local gradient inf \* incoming gradient 1\.0 = inf "
        r"to parent 1 of 1 \(label 'u', value 0\.0\)"
    )
    with pytest.raises(autograd.AnomalyError, match=message):
        root.backward(detect_anomaly=True)


def test_anomaly_sqrt_suggests_fix():
    u = Value(0.0, label="u")
    with pytest.raises(autograd.AnomalyError,
                       match=r"The input of \*\*0\.5 is at the edge of its domain, where the local gradient is inf"):
        (u**0.5).backward(detect_anomaly=True)


def test_anomaly_sqrt_inside_chain():
    # The square root at x y = 0 gets incoming gradient 3 and sends 3 * inf.
    x, y = Value(2.0, label="x"), Value(0.0, label="y")
    out = (x * y) ** 0.5 * 3
    with pytest.raises(autograd.AnomalyError,
                       match=r"op '\*\*0\.5'.* local gradient inf \* incoming gradient 3\.0 = inf"):
        out.backward(detect_anomaly=True)


def test_anomaly_inside_context_manager():
    u = Value(0.0, label="u")
    root = u**0.5
    with autograd.detect_anomaly():
        with pytest.raises(autograd.AnomalyError, match=r"gradient became inf at the node with op '\*\*0\.5'"):
            root.backward()


def test_anomaly_nan_from_inf_times_zero():
    # The product by 0 gives the square root incoming gradient 0, so the
    # square root sends inf * 0 = nan.
    u = Value(0.0, label="u")
    out = u**0.5 * 0.0
    with pytest.raises(autograd.AnomalyError,
                       match=r"gradient became nan at the node with op '\*\*0\.5'.* inf \* incoming gradient 0\.0 = nan"):
        out.backward(detect_anomaly=True)


def test_anomaly_product_overflow():
    # The values x * 1e200 = 1 and 1 * 1e200 = 1e200 are finite, but the
    # gradient of x, 1e200 * 1e200, overflows.
    x = Value(1e-200, label="x")
    out = (x * 1e200) * 1e200
    with pytest.raises(autograd.AnomalyError, match=r"op '\*1e\+200'.*The product overflowed float64"):
        out.backward(detect_anomaly=True)


def test_anomaly_sum_overflow():
    # Each of the two paths sends 1.5e308 to x, and their sum overflows.
    x = Value(1e-10, label="x")
    out = x * 1.5e308 + x * 1.5e308
    with pytest.raises(autograd.AnomalyError, match=r"Adding it to the parent's total 1\.5e\+308 overflowed float64"):
        out.backward(detect_anomaly=True)


def test_anomaly_leaf_already_infinite():
    x = Value(0.0, label="x")
    (x**0.5).backward()
    with pytest.raises(autograd.AnomalyError,
                       match=r"gradient of the leaf 'x' with value 0\.0 is already inf before backward.*Call zero_grad\(\)"):
        (x * 2).backward(detect_anomaly=True)


def test_anomaly_infinite_seed():
    x = Value(1.0, label="x")
    with pytest.raises(autograd.AnomalyError, match=r"after adding the seed gradient inf\. Pass a finite seed"):
        (x * 2).backward(grad=math.inf, detect_anomaly=True)


def test_anomaly_finite_gradients_pass():
    x = Value(4.0, label="x")
    (x**0.5).backward(detect_anomaly=True)

    assert x.grad == 0.25  # 0.5 / sqrt(4)


def test_anomaly_in_backward_finds_value():
    x = Value(-1.0, label="x")
    y = x.log() * 2
    with pytest.raises(autograd.AnomalyError, match="value became nan at the node with op 'log'"):
        y.backward(detect_anomaly=True)


def test_anomaly_log_of_negative_in_chain():
    # The nan comes from the forward pass, so it is named as a value, at the
    # log and not at a node that receives a nan gradient later.
    x = Value(3.0, label="x")
    y = (1.0 - x).log()
    out = (y * 2).tanh() + x
    with pytest.raises(autograd.AnomalyError,
                       match=r"value became nan at the node with op 'log', parents' values \[-2\.0\]"):
        out.backward(detect_anomaly=True)


def test_anomaly_restored_after_block():
    with autograd.detect_anomaly():
        pass
    y = Value(-1.0).log()

    assert y.data != y.data
