"""nn.network_view: neurons in columns with a and delta, weights on edges."""

import math

import pytest

import nn
from autograd.diagrams import Diagram

from .helpers import svg_texts


@pytest.fixture
def model():
    return nn.MLP(3, [4, 3], seed=0)


SAMPLE = [0.5, -1.0, 2.0]


def test_network_view_returns_diagram(model):
    assert isinstance(nn.network_view(model, SAMPLE, 2), Diagram)


def test_network_view_one_circle_per_neuron(model):
    nodes = nn.network_view(model, SAMPLE, 2).nodes()
    circles = [name for name, attrs in nodes.items() if attrs.get("shape") == "circle"]
    assert len(circles) == 4 + 3


def test_network_view_columns_by_layer(model):
    nodes = nn.network_view(model, SAMPLE, 2).nodes()
    columns = {}
    for name, attrs in nodes.items():
        if not name.endswith("_delta"):
            x = float(attrs["pos"].rstrip("!").split(",")[0])
            columns.setdefault(x, []).append(name)
    assert [len(names) for _, names in sorted(columns.items())] == [3, 4, 3, 3]


def test_network_view_output_delta_is_y_minus_t(model):
    # The delta at the logits is softmax(a) - t, computed here from the logits.
    logits = [z.data for z in model(SAMPLE)]
    exps = [math.exp(a - max(logits)) for a in logits]
    expected = [e / sum(exps) - (1.0 if k == 2 else 0.0) for k, e in enumerate(exps)]

    nodes = nn.network_view(model, SAMPLE, 2).nodes()
    deltas = [nodes[f"L1n{k}_delta"]["label"].split()[-1] for k in range(3)]
    assert deltas == [f"{delta:.2f}" for delta in expected]


def test_network_view_weights_on_edges(model):
    edges = [edge for edge in nn.network_view(model, SAMPLE, 2).edges() if edge.get("class") == "weight"]
    first = [edge for edge in edges if edge["tail"] == "x0" and edge["head"] == "L0n0"][0]
    assert first["headlabel"] == f"{model.layers[0].neurons[0].w[0].data:.2f}"


def test_network_view_weight_grads_are_tail_times_delta(model):
    view = nn.network_view(model, SAMPLE, 2, show_weight_grads=True)
    trace = model.trace(SAMPLE)
    nn.cross_entropy([z for _, z in trace[-1]], 2).backward()
    delta = trace[0][0][0].grad
    edge = [e for e in view.edges() if e["tail"] == "x0" and e["head"] == "L0n0"][0]
    assert edge["label"] == f"{SAMPLE[0] * delta:.2f}"


def test_network_view_restores_parameter_grads(model):
    before = [p.grad for p in model.parameters()]
    nn.network_view(model, SAMPLE, 2)
    assert [p.grad for p in model.parameters()] == before


def test_network_view_renders_in_process(model):
    texts = svg_texts(nn.network_view(model, SAMPLE, 2).svg())
    assert any(text.startswith("cross-entropy L = ") for text in texts)


def test_network_view_too_many_neurons_raises():
    wide = nn.MLP(2, [150, 60], seed=0)
    with pytest.raises(ValueError, match="210 neurons, more than 200"):
        nn.network_view(wide, [0.0, 1.0], 0)


def test_network_view_bad_target_raises(model):
    with pytest.raises(ValueError, match="target class 5 is out of range"):
        nn.network_view(model, SAMPLE, 5)


def test_network_view_not_a_model_raises():
    with pytest.raises(TypeError, match="model must be an nn.MLP, got list"):
        nn.network_view([], SAMPLE, 0)


def test_network_view_exported_after_module_import(model):
    import importlib

    importlib.import_module("nn.network_diagram")
    assert isinstance(nn.network_view(model, SAMPLE, 2), Diagram)
