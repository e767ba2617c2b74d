"""The backward sweep: deep graphs, repeated calls and zero_grad."""

import builtins

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


def test_sum_over_hundred_thousand_values():
    values = [Value(1.0) for _ in range(100_000)]
    total = autograd.sum(values)
    total.backward()

    assert total.data == 100_000.0
    assert values[0].grad == 1.0
    assert values[-1].grad == 1.0


def test_builtin_sum_over_hundred_thousand_values():
    values = [Value(1.0) for _ in range(100_000)]
    total = builtins.sum(values)
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
    with pytest.raises(autograd.AnomalyError, match=r"gradient became inf at the node with a leaf, label 'x'"):
        y.backward(detect_anomaly=True)


def test_anomaly_in_backward_finds_value():
    x = Value(-1.0, label="x")
    y = x.log() * 2
    with pytest.raises(autograd.AnomalyError, match="value became nan at the node with op 'log'"):
        y.backward(detect_anomaly=True)


def test_anomaly_restored_after_block():
    with autograd.detect_anomaly():
        pass
    y = Value(-1.0).log()

    assert y.data != y.data
