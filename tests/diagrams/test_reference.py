"""The reference figure: f = 2 * (x * y + max(z, w)) at x = 3, y = -4, z = 2, w = -1."""

import pytest

import autograd

from .conftest import reference_graph
from .helpers import count_pixels, is_green, is_hex_green, is_hex_red, is_red

# The textbook's table of forward values and gradients dL/d(node), written
# out by hand: x*y = -12, max(2, -1) = 2, sum -10, output -20; gradients
# 2 * [y, x] = [-8, 6], max sends 2 to z and 0 to w, and 2 flows back
# through the sum and the constant factor.
EXPECTED_EDGES = {
    ("x", "*"): ("3.00", "-8.00"),
    ("y", "*"): ("-4.00", "6.00"),
    ("z", "max"): ("2.00", "2.00"),
    ("w", "max"): ("-1.00", "0.00"),
    ("*", "+"): ("-12.00", "2.00"),
    ("max", "+"): ("2.00", "2.00"),
    ("+", "*2"): ("-10.00", "2.00"),
    ("*2", "output"): ("-20.00", "1.00"),
}


def named_edges(diagram):
    """Map (tail name, head name) to the edge dicts between them, by class."""
    nodes = diagram.nodes()
    names = {node_id: attrs.get("label", node_id) for node_id, attrs in nodes.items()}
    names["output"] = "output"
    edges = {}
    for edge in diagram.edges():
        key = (names[edge["tail"]], names[edge["head"]])
        edges.setdefault(key, {})[edge["class"]] = edge
    return edges


def test_reference_inputs_are_plain_text(reference):
    nodes = autograd.draw(reference).nodes()
    inputs = sorted(attrs["label"] for attrs in nodes.values() if attrs.get("shape") == "plaintext")
    assert inputs == ["w", "x", "y", "z"]


def test_reference_ops_are_circles(reference):
    nodes = autograd.draw(reference).nodes()
    ops = [attrs["label"] for attrs in nodes.values() if attrs.get("shape") == "circle"]
    assert ops == ["*", "max", "+", "*2"]


def test_reference_edges_connect_the_right_nodes(reference):
    edges = named_edges(autograd.draw(reference))
    assert set(edges) == set(EXPECTED_EDGES)


@pytest.mark.parametrize("pair", list(EXPECTED_EDGES), ids="->".join)
def test_reference_edge_numbers(reference, pair):
    edge = named_edges(autograd.draw(reference))[pair]
    value, gradient = EXPECTED_EDGES[pair]
    assert edge["value"]["label"] == value
    assert edge["gradient"]["label"] == gradient
    assert is_hex_green(edge["value"]["fontcolor"])
    assert is_hex_red(edge["gradient"]["fontcolor"])


def test_reference_gradient_edge_is_invisible(reference):
    edge = named_edges(autograd.draw(reference))[("x", "*")]["gradient"]
    assert edge["color"] == "transparent"


def test_reference_before_backward_shows_dashes():
    f, _ = reference_graph()
    edges = named_edges(autograd.draw(f))
    gradients = {pair: classes["gradient"]["label"] for pair, classes in edges.items()}
    assert set(gradients.values()) == {"\u2013"}


def test_reference_png_in_process_has_green_and_red(reference):
    png = autograd.draw(reference).png()
    assert count_pixels(png, is_green) > 200
    assert count_pixels(png, is_red) > 200


@pytest.mark.system_graphviz
def test_reference_png_system_dot_has_green_and_red(reference):
    png = autograd.draw(reference).png()
    assert count_pixels(png, is_green) > 200
    assert count_pixels(png, is_red) > 200


def test_reference_figure_in_docs_is_current(reference):
    """docs/images/reference-figure.svg is this test's rendering, in-process."""
    from pathlib import Path

    committed = Path(__file__).parents[2] / "docs" / "images" / "reference-figure.svg"
    assert committed.read_text(encoding="utf-8") == autograd.draw(reference).svg()
