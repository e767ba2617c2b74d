"""Neuron, Layer and MLP: parameter names, seeded init, checks and gradients."""

import math
import random
import statistics

import pytest

from autograd import Value, gradcheck
from nn import MLP, Layer, Neuron
from nn.init import init_weights


def test_named_parameters_mlp_names():
    model = MLP(3, [4, 2], seed=0)
    names = [name for name, _ in model.named_parameters()]
    assert names[0] == "layers.0.neurons.0.w.0"
    assert names[3] == "layers.0.neurons.0.b"
    assert "layers.0.neurons.3.w.1" in names
    assert names[-1] == "layers.1.neurons.1.b"
    assert len(names) == 4 * (3 + 1) + 2 * (4 + 1)


def test_named_parameters_set_labels():
    model = MLP(3, [4, 2], seed=0)
    for name, p in model.named_parameters():
        assert p.label == name


def test_parameters_match_named_order():
    model = MLP(2, [3, 1], seed=1)
    assert model.parameters() == [p for _, p in model.named_parameters()]


def test_zero_grad_sets_zero():
    model = MLP(2, [3, 2], seed=0)
    model([1.0, 2.0])[0].backward()
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_same_seed_same_weights():
    first = [p.data for p in MLP(4, [8, 3], seed=7).parameters()]
    second = [p.data for p in MLP(4, [8, 3], seed=7).parameters()]
    assert first == second


def test_different_seed_different_weights():
    first = [p.data for p in MLP(4, [8, 3], seed=7).parameters()]
    second = [p.data for p in MLP(4, [8, 3], seed=8).parameters()]
    assert first != second


def test_biases_start_at_zero():
    model = MLP(4, [8, 3], seed=0)
    assert all(p.data == 0.0 for name, p in model.named_parameters() if name.endswith(".b"))


@pytest.mark.parametrize(
    ("init", "numerator"), [("glorot", 2.0), ("he", 4.0)], ids=["glorot", "he"]
)
def test_init_variance(init, numerator):
    fan_in, fan_out = 50, 30
    rng = random.Random(0)
    weights = [w for _ in range(200) for w in init_weights(init, fan_in, fan_out, rng)]
    expected = numerator / (fan_in + fan_out)
    assert abs(statistics.fmean(weights)) < 0.01
    assert statistics.pvariance(weights) == pytest.approx(expected, rel=0.05)


def test_default_init_by_activation():
    relu = Layer(20, 20, "relu", seed=0)
    tanh = Layer(20, 20, "tanh", seed=0)
    # Same random draws, scaled by sqrt(12/40) for He and sqrt(6/40) for Glorot.
    ratio = relu.neurons[0].w[0].data / tanh.neurons[0].w[0].data
    assert ratio == pytest.approx(math.sqrt(2.0))


def test_layer_returns_list_for_one_output():
    out = Layer(2, 1, seed=0)([1.0, 2.0])
    assert isinstance(out, list)
    assert len(out) == 1


def test_mlp_with_width_one_layers():
    out = MLP(2, [16, 1, 1], seed=0)([0.5, -0.5])
    assert len(out) == 1


def test_neuron_sigmoid_textbook_gradients():
    n = Neuron(2, "sigmoid", seed=0)
    n.w[0].data, n.w[1].data, n.b.data = 2.0, -3.0, -3.0
    x = [Value(-1.0), Value(-2.0)]
    z = n(x)
    z.backward()

    # a = 2*(-1) + (-3)*(-2) - 3 = 1, so z = sigmoid(1) and dz/da = z (1 - z).
    s = 1.0 / (1.0 + math.exp(-1.0))
    dz_da = s * (1.0 - s)
    assert z.data == pytest.approx(s, abs=1e-15)
    assert n.w[0].grad == pytest.approx(-1.0 * dz_da)
    assert n.w[1].grad == pytest.approx(-2.0 * dz_da)
    assert n.b.grad == pytest.approx(dz_da)
    assert x[0].grad == pytest.approx(2.0 * dz_da)
    assert x[1].grad == pytest.approx(-3.0 * dz_da)


def test_pre_activation_is_one_node():
    [[(a, z)]] = MLP(3, [1], "tanh", output="tanh", seed=0).trace([1.0, 2.0, 3.0])
    assert a.op == "+"
    assert len(a.parents) == 4
    assert z.parents == (a,)


def test_trace_linear_output_same_node():
    trace = MLP(2, [3, 2], seed=0).trace([1.0, -1.0])
    assert [len(layer) for layer in trace] == [3, 2]
    assert all(a is z for a, z in trace[1])


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_mlp_gradcheck(activation):
    model = MLP(2, [3, 2], activation, seed=3)

    def weighted_outputs(*params):
        # gradcheck perturbs each parameter's data in place and calls this again.
        out = model([0.7, -0.4])
        return out[0] + 0.5 * out[1]

    assert gradcheck(weighted_outputs, model.parameters())


def test_evaluate_matches_graph_bits():
    model = MLP(3, [5, 4, 2], "sigmoid", seed=2)
    x = [0.3, -1.7, 2.5]
    assert model.evaluate(x) == [o.data for o in model(x)]


@pytest.mark.parametrize(
    ("x", "error", "message"),
    [
        ([1.0, 2.0], ValueError, r"expected 3 input features, got 2"),
        ([1.0, "a", 2.0], TypeError, r"input feature 1 must be a real number or a Value, got str 'a'"),
        ("abc", TypeError, r"input must be a list of 3 numbers"),
    ],
    ids=["length", "string-feature", "string-input"],
)
def test_bad_input_rejected(x, error, message):
    with pytest.raises(error, match=message):
        MLP(3, [2], seed=0)(x)


def test_unknown_activation_rejected():
    with pytest.raises(ValueError, match=r"unknown activation 'softplus'; use one of sigmoid"):
        MLP(2, [3, 1], activation="softplus")


def test_unknown_init_rejected():
    with pytest.raises(ValueError, match=r"unknown init 'xavier'"):
        Neuron(2, init="xavier")


@pytest.mark.parametrize(
    ("sizes", "message"),
    [([], r"sizes must be a non-empty list"), ([3, 0], r"sizes\[1\] must be at least 1, got 0")],
    ids=["empty", "zero-width"],
)
def test_bad_sizes_rejected(sizes, message):
    with pytest.raises((TypeError, ValueError), match=message):
        MLP(2, sizes)


def test_seed_and_rng_together_rejected():
    with pytest.raises(ValueError, match=r"pass seed or rng, not both"):
        Neuron(2, seed=1, rng=random.Random(1))
