"""The column layout: pinned positions for large graphs, drawn with neato -n."""

import statistics
import time

import pytest

import autograd
from autograd import Value
from autograd.diagrams.columns import column_positions

from .helpers import svg_texts
from .test_reference import EXPECTED_EDGES


def label_nodes(diagram, kind):
    return {name: attrs for name, attrs in diagram.nodes().items() if attrs.get("class") == kind}


def y_of(attrs):
    return float(attrs["pos"].rstrip("!").split(",")[1])


def test_columns_reference_has_the_numbers(reference):
    diagram = autograd.draw(reference, layout="columns")
    values = sorted(attrs["label"] for attrs in label_nodes(diagram, "value").values())
    gradients = sorted(attrs["label"] for attrs in label_nodes(diagram, "gradient").values())
    assert values == sorted(value for value, _ in EXPECTED_EDGES.values())
    assert gradients == sorted(gradient for _, gradient in EXPECTED_EDGES.values())


def test_columns_value_above_gradient(reference):
    diagram = autograd.draw(reference, layout="columns")
    values = label_nodes(diagram, "value")
    gradients = label_nodes(diagram, "gradient")
    for name, attrs in values.items():
        twin = gradients[name.replace("_value", "_gradient")]
        assert y_of(attrs) > y_of(twin), name


def test_columns_leaves_before_their_consumer():
    x, y = Value(1.0, label="x"), Value(2.0, label="y")
    deep = ((x * 2) * 3) * 4
    f = deep + y
    places = column_positions(autograd.topological_order(f))
    assert places[x][0] == 0
    assert places[y][0] == places[f][0] - 1


def test_columns_positions_follow_edges(reference):
    places = column_positions(autograd.topological_order(reference))
    for node, (column, _) in places.items():
        for parent in node.parents:
            assert places[parent][0] < column


def test_columns_renders_in_process(reference):
    texts = svg_texts(autograd.draw(reference, layout="columns").svg())
    assert "-20.00" in texts
    assert "-8.00" in texts


def test_columns_with_group_by_raises(reference):
    with pytest.raises(ValueError, match="group_by needs layout='dot' or 'auto'"):
        autograd.draw(reference, layout="columns", group_by="neuron")


def test_layout_invalid_raises(reference):
    with pytest.raises(ValueError, match="layout must be 'auto', 'dot' or 'columns', got 'grid'"):
        autograd.draw(reference, layout="grid")


def chain(length):
    y = Value(0.5, label="x")
    for step in range(length):
        y = (y * 0.9 + 0.1).tanh() if step % 2 else y + Value(0.01 * step)
    return y


def test_auto_layout_switches_above_500_nodes():
    small = chain(100)
    large = chain(400)
    assert autograd.draw(small).positioned is False
    assert autograd.draw(large, max_nodes=5000).positioned is True


def mlp_loss():
    """The scalar graph of an 8-20-20-16-4 MLP and its loss: about 2,000 nodes."""
    import nn

    model = nn.MLP(8, [20, 20, 16, 4], seed=0)
    loss = nn.cross_entropy(model([0.1 * i - 0.3 for i in range(8)]), 1)
    loss.backward()
    return loss


def median_render_seconds(loss, runs=5):
    autograd.draw(Value(1.0) * 2).svg()  # the first in-process render compiles Graphviz
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        autograd.draw(loss, max_nodes=5000).svg()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@pytest.mark.slow
def test_2000_nodes_render_under_a_second_in_process():
    loss = mlp_loss()
    assert len(autograd.topological_order(loss)) > 2000
    assert median_render_seconds(loss) < 1.0


@pytest.mark.slow
@pytest.mark.system_graphviz
def test_2000_nodes_render_under_a_second_system_dot():
    loss = mlp_loss()
    assert median_render_seconds(loss) < 1.0


@pytest.mark.system_graphviz
def test_columns_renders_with_system_dot(reference):
    texts = svg_texts(autograd.draw(reference, layout="columns").svg())
    assert "-20.00" in texts
