"""layer_deltas and compare_with_engine: the matrix recursion against the scalar engine."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn.deltas import compare_with_engine, layer_deltas
from nn.layers import MLP

ARCHITECTURES = [
    (activation, hidden)
    for activation in ("sigmoid", "tanh", "relu", "leaky_relu")
    for hidden in ([4], [4, 3], [5, 4, 3])
]


@pytest.mark.parametrize("activation, hidden", ARCHITECTURES,
                         ids=[f"{a}-{len(h)}" for a, h in ARCHITECTURES])
def test_agrees_with_engine(activation, hidden):
    model = MLP(3, hidden + [3], activation=activation, seed=1)
    comparison = compare_with_engine(model, [0.3, -0.8, 1.2], 2)
    for difference in comparison.max_difference:
        assert difference < 1e-10


@settings(max_examples=25, deadline=None)
@given(
    x=st.lists(st.floats(-2, 2), min_size=2, max_size=2),
    target=st.integers(0, 2),
    seed=st.integers(0, 1000),
    activation=st.sampled_from(["sigmoid", "tanh", "relu"]),
)
def test_agrees_random_samples(x, target, seed, activation):
    model = MLP(2, [3, 3, 3], activation=activation, seed=seed)
    assert max(compare_with_engine(model, x, target).max_difference) < 1e-10


def test_logit_delta_is_y_minus_t():
    model = MLP(2, [3, 2], seed=0)
    result = layer_deltas(model, [0.5, -1.0], 1)
    logits = [a.data for a in model([0.5, -1.0])]
    exps = [math.exp(a) for a in logits]
    y = [e / sum(exps) for e in exps]
    assert result.Delta[-1] == pytest.approx([y[0] - 0.0, y[1] - 1.0], abs=1e-15)


def test_weight_gradient_is_outer_product():
    model = MLP(2, [3, 2], seed=0)
    result = layer_deltas(model, [0.5, -1.0], 0)
    # dL/dW(2)_ji = Delta(2)_j Z(1)_i.
    assert result.dW[1][1][2] == result.Delta[1][1] * result.Z[0][2]


def test_hidden_delta_formula():
    model = MLP(2, [3, 2], activation="tanh", seed=0)
    result = layer_deltas(model, [0.5, -1.0], 0)
    w_next = [[w.data for w in n.w] for n in model.layers[1].neurons]
    j = 1
    back = sum(w_next[k][j] * result.Delta[1][k] for k in range(2))
    assert result.Delta[0][j] == pytest.approx((1 - math.tanh(result.A[0][j]) ** 2) * back, abs=1e-15)


def test_loss_matches_cross_entropy():
    model = MLP(2, [3, 2], seed=0)
    result = layer_deltas(model, [0.5, -1.0], [0.0, 1.0])
    assert result.loss == pytest.approx(-math.log(result.Y[1]), abs=1e-14)


def test_grads_restored():
    model = MLP(2, [3, 2], seed=0)
    compare_with_engine(model, [0.5, -1.0], 0)
    assert all(p.grad is None for p in model.parameters())


def test_comparison_text():
    text = str(compare_with_engine(MLP(2, [3, 2], seed=0), [0.5, -1.0], 0))
    assert text.startswith("layer  max |engine - recursion|")


def test_wrong_input_length():
    with pytest.raises(ValueError, match=r"expected 2 input features, got 3"):
        layer_deltas(MLP(2, [3, 2], seed=0), [0.5, -1.0, 2.0], 0)


def test_nonlinear_output_rejected():
    with pytest.raises(ValueError, match=r"the last layer must be linear \(logits\), got activation 'sigmoid'"):
        layer_deltas(MLP(2, [3, 2], output="sigmoid", seed=0), [0.5, -1.0], 0)


def test_target_out_of_range():
    with pytest.raises(ValueError, match=r"target class 5 is out of range for 2 logits"):
        layer_deltas(MLP(2, [3, 2], seed=0), [0.5, -1.0], 5)
