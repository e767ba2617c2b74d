"""Options of autograd.draw: layout, numbers, colours, highlighting, clusters, limits."""

import pytest

import autograd
from autograd import Value
from autograd.diagrams import DiagramTooLargeError

from .test_reference import named_edges


def graph_attributes(diagram):
    return diagram.digraph.graph_attr


def test_direction_top_to_bottom(reference):
    assert graph_attributes(autograd.draw(reference, direction="TB"))["rankdir"] == "TB"


def test_direction_invalid_raises(reference):
    with pytest.raises(ValueError, match="direction must be 'LR' or 'TB', got 'RL'"):
        autograd.draw(reference, direction="RL")


def test_decimals_three(reference):
    edge = named_edges(autograd.draw(reference, decimals=3))[("x", "*")]
    assert edge["value"]["label"] == "3.000"
    assert edge["gradient"]["label"] == "-8.000"


@pytest.mark.parametrize("decimals", [-1, 13, 2.5, True])
def test_decimals_invalid_raises(reference, decimals):
    with pytest.raises(ValueError, match="decimals must be an int from 0 to 12"):
        autograd.draw(reference, decimals=decimals)


def test_hide_gradients(reference):
    edges = autograd.draw(reference, show_gradients=False).edges()
    assert {edge["class"] for edge in edges} == {"value"}


def test_local_grads_show_rule_factor(reference):
    # d(x*y)/dx is y = -4, and d(2u)/du is the constant 2.
    edges = named_edges(autograd.draw(reference, show_local_grads=True))
    assert edges[("x", "*")]["local_grad"]["label"] == "local -4.00"
    assert edges[("+", "*2")]["local_grad"]["label"] == "local 2.00"


def test_colours_replace_defaults(reference):
    edge = named_edges(autograd.draw(reference, colours={"gradient": "#aa0000"}))[("x", "*")]
    assert edge["gradient"]["fontcolor"] == "#aa0000"


def test_colours_unknown_name_raises(reference):
    with pytest.raises(ValueError, match="unknown colour role 'grad'"):
        autograd.draw(reference, colours={"grad": "red"})


def test_colours_not_a_dict_raises(reference):
    with pytest.raises(TypeError, match=r"colours must be a dict of role -> colour.*got str 'red'.*gradient"):
        autograd.draw(reference, colours="red")


def test_colours_unknown_colour_raises(reference):
    with pytest.raises(ValueError, match=r"colour 'value' is 'notacolour'.*#rrggbb.*darkgreen"):
        autograd.draw(reference, colours={"value": "notacolour"})


def test_colours_short_hex_written_out(reference):
    edge = named_edges(autograd.draw(reference, colours={"gradient": "#A00"}))[("x", "*")]
    assert edge["gradient"]["fontcolor"] == "#aa0000"


def test_colours_name_any_case(reference):
    edge = named_edges(autograd.draw(reference, colours={"value": "DarkGreen"}))[("x", "*")]
    assert edge["value"]["fontcolor"] == "darkgreen"


@pytest.mark.parametrize("option", ["show_gradients", "show_local_grads"])
@pytest.mark.parametrize("flag", ["no", 1, None])
def test_flag_not_bool_raises(reference, option, flag):
    with pytest.raises(TypeError, match=rf"{option} must be True or False, got \w+ {flag!r}"):
        autograd.draw(reference, **{option: flag})


def test_title_is_graph_label(reference):
    assert graph_attributes(autograd.draw(reference, title="f = 2(xy + max(z, w))"))["label"] == (
        "f = 2(xy + max(z, w))"
    )


def test_small_gradient_marks_dead_input(reference):
    # max(z, w) sends 0 to w, so only the w edge is below the threshold.
    edges = named_edges(autograd.draw(reference, small_gradient=1e-3))
    marked = sorted(pair for pair, classes in edges.items() if "penwidth" in classes["value"])
    assert marked == [("w", "max")]


def test_small_gradient_saturated_sigmoid():
    x = Value(12.0, label="x")
    y = x.sigmoid()
    y.backward()
    edge = named_edges(autograd.draw(y, small_gradient=1e-3))[("x", "sigmoid")]
    assert edge["value"]["color"] != edge["gradient"]["color"]
    assert edge["gradient"]["label"] == f"{y.data * (1 - y.data):.2e}"


def test_small_gradient_negative_raises(reference):
    with pytest.raises(ValueError, match="small_gradient must be a non-negative finite number"):
        autograd.draw(reference, small_gradient=-1)


def test_unlabelled_leaf_shows_its_value():
    x = Value(1.5)
    labels = [attrs["label"] for attrs in autograd.draw(x * x).nodes().values()]
    assert "1.50" in labels


def test_labelled_op_keeps_symbol_and_label():
    x = Value(2.0, label="x")
    y = x.tanh()
    y.label = "h"
    node = [attrs for attrs in autograd.draw(y).nodes().values() if attrs.get("shape") == "circle"][0]
    assert node["label"] == "tanh"
    assert node["xlabel"] == "h"


def test_fan_out_shows_each_contribution():
    # y = a*a + 3a at a = 2: the edges from a carry 2 and 2 (the two
    # parents of a*a, each local gradient a = 2) and 3 (the *3 edge).
    a = Value(2.0, label="a")
    y = a * a + 3 * a
    y.backward()
    contributions = sorted(
        edge["label"] for edge in autograd.draw(y).edges()
        if edge["class"] == "gradient" and edge["tail"] == "n0"
    )
    assert contributions == ["2.00", "2.00", "3.00"]


def test_max_nodes_raises_with_advice():
    x = Value(1.0, label="x")
    y = x
    for _ in range(20):
        y = y * 1.5
    with pytest.raises(DiagramTooLargeError, match=r"21 nodes, more than max_nodes=10; .*network_view"):
        autograd.draw(y, max_nodes=10)


def test_max_nodes_default_is_500():
    y = Value(1.0)
    for _ in range(500):
        y = y + 1
    with pytest.raises(DiagramTooLargeError, match="501 nodes, more than max_nodes=500"):
        autograd.draw(y)


def test_root_not_a_value_raises():
    with pytest.raises(TypeError, match="root must be a Value, got float 3.0"):
        autograd.draw(3.0)


def small_network():
    """Two layers named like nn's parameters: 2 inputs, 2 hidden neurons, 1 output."""
    inputs = [Value(0.5, label="x0"), Value(-1.0, label="x1")]
    hidden = []
    for j in range(2):
        w = [Value(0.1 * (j + i + 1), label=f"layers.0.neurons.{j}.w.{i}") for i in range(2)]
        b = Value(0.0, label=f"layers.0.neurons.{j}.b")
        hidden.append((w[0] * inputs[0] + w[1] * inputs[1] + b).tanh())
    v = [Value(0.3, label=f"layers.1.neurons.0.w.{i}") for i in range(2)]
    return v[0] * hidden[0] + v[1] * hidden[1]


def test_group_by_neuron_makes_nested_clusters():
    source = autograd.draw(small_network(), group_by="neuron").source
    clusters = [line.split()[1] for line in source.splitlines() if line.strip().startswith("subgraph")]
    assert clusters == [
        "cluster_layer_0",
        "cluster_layer_0_neuron_0",
        "cluster_layer_0_neuron_1",
        "cluster_layer_1",
        "cluster_layer_1_neuron_0",
    ]


def test_group_by_layer_has_no_neuron_clusters():
    source = autograd.draw(small_network(), group_by="layer").source
    clusters = [line.split()[1] for line in source.splitlines() if line.strip().startswith("subgraph")]
    assert clusters == ["cluster_layer_0", "cluster_layer_1"]


def test_group_by_invalid_raises(reference):
    with pytest.raises(ValueError, match="group_by must be None, 'layer' or 'neuron'"):
        autograd.draw(reference, group_by="unit")


def test_long_fan_out_switches_to_columns():
    # x feeds 100 additions at ranks 1 to 100, so dot would route about
    # 5,000 hidden points; "auto" pins positions in Python instead.
    x = Value(1.0, label="x")
    out = x
    for _ in range(99):
        out = out + x
    diagram = autograd.draw(out)

    assert diagram.positioned
    assert diagram.svg().startswith("<?xml")


def test_reference_graph_keeps_dot_layout():
    x, y, z, w = (Value(v, label=name) for v, name in [(3, "x"), (-4, "y"), (2, "z"), (-1, "w")])
    diagram = autograd.draw(2 * (x * y + z.max(w)))

    assert not diagram.positioned


def test_rank_span_counts_skipped_ranks():
    from autograd.diagrams.draw import rank_span

    x = Value(1.0)
    out = (x * 2) + x  # x -> *2 -> +, and x -> + skips one rank

    assert rank_span(autograd.topological_order(out)) == 4
