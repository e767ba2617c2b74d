"""Losses: fused cross-entropy against oracles, stability, reductions and errors."""

import math

import pytest

import nn
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd import Value, gradcheck, numerical_grad
from autograd.ops import sum as value_sum
from nn import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    hinge,
    log_softmax,
    mse,
    softmax,
)


def _softmax_floats(logits):
    exps = [math.exp(a) for a in logits]
    total = sum(exps)
    return [e / total for e in exps]


def _unfused_cross_entropy(logits, target):
    """-log(exp(a_t) / sum_j exp(a_j)), built from plain exp, sum, division and log nodes."""
    exps = [a.exp() for a in logits]
    return -(exps[target] / value_sum(exps)).log()


def _grads_of(loss_fn, data, target):
    logits = [Value(a) for a in data]
    loss = loss_fn(logits, target)
    loss.backward()
    return loss.data, [a.grad for a in logits]


def test_cross_entropy_textbook_gradient():
    _, grads = _grads_of(cross_entropy, [1.0, 2.0, 3.0], 0)
    y = _softmax_floats([1.0, 2.0, 3.0])
    expected = [y[0] - 1.0, y[1], y[2]]
    for g, e in zip(grads, expected):
        assert g == pytest.approx(e, abs=1e-12)
    # The same numbers, rounded to 6 places, as the textbook example lists them.
    assert [round(g, 6) for g in grads] == [-0.909969, 0.244728, 0.665241]


def test_cross_entropy_matches_unfused_graph():
    fused_loss, fused_grads = _grads_of(cross_entropy, [1.0, 2.0, 3.0], 0)
    plain_loss, plain_grads = _grads_of(_unfused_cross_entropy, [1.0, 2.0, 3.0], 0)
    assert fused_loss == pytest.approx(plain_loss, abs=1e-12)
    for f, p in zip(fused_grads, plain_grads):
        assert f == pytest.approx(p, abs=1e-12)


def test_cross_entropy_matches_central_differences():
    logits = [Value(1.0), Value(2.0), Value(3.0)]
    numeric = numerical_grad(lambda *a: cross_entropy(list(a), 0), logits)
    _, grads = _grads_of(cross_entropy, [1.0, 2.0, 3.0], 0)
    for g, n in zip(grads, numeric):
        assert g == pytest.approx(n, abs=1e-7)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(-20, 20), min_size=2, max_size=6),
    st.integers(0, 5),
)
def test_cross_entropy_fused_equals_unfused(data, target):
    target %= len(data)
    fused_loss, fused_grads = _grads_of(cross_entropy, data, target)
    plain_loss, plain_grads = _grads_of(_unfused_cross_entropy, data, target)
    assert fused_loss == pytest.approx(plain_loss, rel=1e-9, abs=1e-9)
    for f, p in zip(fused_grads, plain_grads):
        assert f == pytest.approx(p, abs=1e-9)


@pytest.mark.parametrize(
    ("data", "target", "loss", "grads"),
    [
        # logsumexp([1000, 0]) = 1000 + log(1 + e^-1000) = 1000 in floats.
        ([1000.0, 0.0], 0, 0.0, [0.0, 0.0]),
        ([1000.0, 0.0], 1, 1000.0, [1.0, -1.0]),
        # logsumexp([-1000, 1000]) = 1000, so L = 1000 - (-1000) for target 0.
        ([-1000.0, 1000.0], 0, 2000.0, [-1.0, 1.0]),
    ],
    ids=["large-correct", "large-wrong", "opposite"],
)
def test_cross_entropy_stable_for_large_logits(data, target, loss, grads):
    value, engine_grads = _grads_of(cross_entropy, data, target)
    assert value == loss
    assert engine_grads == grads


def test_cross_entropy_one_hot_equals_index():
    by_index = _grads_of(cross_entropy, [0.5, -1.0, 2.0], 2)
    by_one_hot = _grads_of(cross_entropy, [0.5, -1.0, 2.0], [0, 0, 1])
    assert by_index == by_one_hot


def test_cross_entropy_is_one_node():
    logits = [Value(1.0), Value(2.0)]
    loss = cross_entropy(logits, 1)
    assert loss.op == "cross_entropy"
    assert loss.parents == tuple(logits)


def test_cross_entropy_batch_mean_and_sum():
    batch = [[Value(1.0), Value(2.0)], [Value(-1.0), Value(0.5)], [Value(3.0), Value(0.0)]]
    targets = [0, 1, 1]
    singles = [cross_entropy(logits, t).data for logits, t in zip(batch, targets)]
    total = cross_entropy(batch, targets, reduction="sum").data
    mean = cross_entropy(batch, targets).data
    assert total == pytest.approx(math.fsum(singles), abs=1e-12)
    assert total == pytest.approx(3 * mean, abs=1e-12)


@pytest.mark.parametrize(
    ("loss_fn", "predictions", "targets"),
    [
        (mse, [[0.5, -1.0], [2.0, 0.0], [1.0, 1.0]], [[0.0, 1.0], [1.0, 0.0], [1.0, 0.0]]),
        (binary_cross_entropy, [0.2, 0.9, 0.6, 0.4], [0.0, 1.0, 1.0, 0.0]),
        (binary_cross_entropy_with_logits, [-1.5, 2.0, 0.3, 0.0], [0.0, 1.0, 1.0, 0.0]),
        (hinge, [0.5, -2.0, 0.3, 3.0], [1, 1, -1, 1]),
    ],
    ids=["mse", "bce", "bce-logits", "hinge"],
)
def test_reduction_sum_is_n_times_mean(loss_fn, predictions, targets):
    def leaves():
        if isinstance(predictions[0], list):
            return [[Value(v) for v in row] for row in predictions]
        return [Value(v) for v in predictions]

    n = sum(len(p) if isinstance(p, list) else 1 for p in predictions)
    mean_leaves, sum_leaves = leaves(), leaves()
    mean = loss_fn(mean_leaves, targets)
    total = loss_fn(sum_leaves, targets, reduction="sum")
    mean.backward()
    total.backward()

    assert total.data == pytest.approx(n * mean.data, rel=1e-12)
    flat_mean = _flatten(mean_leaves)
    flat_sum = _flatten(sum_leaves)
    for m, s in zip(flat_mean, flat_sum):
        assert s.grad == pytest.approx(n * m.grad, rel=1e-12, abs=1e-15)


def _flatten(items):
    return [v for item in items for v in (item if isinstance(item, list) else [item])]


@pytest.mark.parametrize(
    ("loss_fn", "data", "target"),
    [
        (mse, [0.5, -1.0, 2.0], [0.0, 1.0, 1.5]),
        (binary_cross_entropy, [0.2, 0.9], [0.0, 1.0]),
        (binary_cross_entropy_with_logits, [-1.5, 2.0], [0.0, 1.0]),
        (hinge, [0.5, -2.0, 0.3], [1, 1, -1]),
    ],
    ids=["mse", "bce", "bce-logits", "hinge"],
)
def test_elementwise_loss_gradcheck(loss_fn, data, target):
    assert gradcheck(lambda *v: loss_fn(list(v), target), data)


def test_mse_hand_value():
    # ((1 - 0)^2 + (3 - 1)^2) / 2 = 2.5, and dL/dy_i = (y_i - t_i) for the mean of 2.
    y = [Value(1.0), Value(3.0)]
    loss = mse(y, [0.0, 1.0])
    loss.backward()
    assert loss.data == 2.5
    assert [v.grad for v in y] == [1.0, 2.0]


def test_bce_logits_stable():
    big = binary_cross_entropy_with_logits(Value(1000.0), 0.0)
    small = binary_cross_entropy_with_logits(Value(-1000.0), 0.0)
    assert big.data == 1000.0
    assert small.data == 0.0


def test_bce_logits_equals_probability_form():
    x = 0.7
    p = 1.0 / (1.0 + math.exp(-x))
    from_logit = binary_cross_entropy_with_logits(Value(x), 1.0).data
    from_probability = binary_cross_entropy(Value(p), 1.0).data
    assert from_logit == pytest.approx(-math.log(p), abs=1e-12)
    assert from_probability == pytest.approx(-math.log(p), abs=1e-12)


def test_bce_probability_clamps_log():
    loss = binary_cross_entropy(Value(0.0), 1.0)
    assert loss.data == 100.0


def test_hinge_zero_beyond_margin():
    y = Value(2.0)
    loss = hinge(y, 1)
    loss.backward()
    assert loss.data == 0.0
    assert y.grad == 0.0


def test_softmax_values_and_sum():
    y = softmax([Value(1.0), Value(2.0), Value(3.0)])
    expected = _softmax_floats([1.0, 2.0, 3.0])
    for yk, e in zip(y, expected):
        assert yk.data == pytest.approx(e, abs=1e-15)
    assert math.fsum(yk.data for yk in y) == pytest.approx(1.0, abs=1e-15)


def test_softmax_stable_for_large_logits():
    y = softmax([Value(1000.0), Value(0.0)])
    assert [yk.data for yk in y] == [1.0, 0.0]


def test_softmax_gradcheck():
    assert gradcheck(lambda a, b, c: softmax([a, b, c])[1], [0.3, -1.2, 2.0])


def test_log_softmax_gradcheck():
    assert gradcheck(lambda a, b, c: log_softmax([a, b, c])[0], [0.3, -1.2, 2.0])


def test_log_softmax_stable():
    out = log_softmax([Value(-1000.0), Value(1000.0)])
    assert [o.data for o in out] == [-2000.0, 0.0]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: cross_entropy([Value(1.0), Value(2.0)], 2), ValueError, r"target class 2 is out of range for 2 logits"),
        (lambda: cross_entropy([Value(1.0), Value(2.0)], [1, 1]), ValueError, r"must be one-hot"),
        (lambda: cross_entropy([Value(1.0)], "a"), TypeError, r"class index or a one-hot list, got str"),
        (lambda: cross_entropy([[Value(1.0)]], [0, 0]), ValueError, r"1 samples of logits but 2 targets"),
        (lambda: cross_entropy([Value(1.0)], 0, reduction="avg"), ValueError, r"unknown reduction 'avg'"),
        (lambda: binary_cross_entropy(Value(1.5), 1.0), ValueError, r"probabilities in \[0, 1\], got 1.5"),
        (lambda: hinge(Value(1.0), 0), ValueError, r"hinge targets must be -1 or \+1, got 0.0"),
        (lambda: mse([Value(1.0), Value(2.0)], [1.0]), ValueError, r"same length"),
    ],
    ids=["class-range", "not-one-hot", "target-type", "batch-length", "reduction", "bce-range", "hinge-label", "mse-length"],
)
def test_bad_loss_input_rejected(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_cross_entropy_rejects_plain_floats():
    with pytest.raises(TypeError, match=r"logit 0 must be a Value, got float 1\.0; wrap the logits in Value"):
        nn.cross_entropy([1.0, 2.0, 3.0], 0)


def test_cross_entropy_rejects_empty_logits():
    with pytest.raises(ValueError, match="logits is empty; pass one Value per class"):
        nn.cross_entropy([], 0)
