"""Labels and numbers render as written: escaping, non-ASCII, nan, inf, -0.0, 1e300."""

import random
import xml.etree.ElementTree as ElementTree

import pytest

import autograd
from autograd import Value

from .helpers import SVG_NS, svg_texts

AWKWARD_LABELS = [
    'say "hi"',
    "{braces}",
    "<b>not bold</b>",
    "a|b",
    "x & y",
    "back\\slash \\n \\N",
    "größe λ 学习",
    "trailing backslash\\",
]


@pytest.mark.parametrize("label", AWKWARD_LABELS)
def test_label_renders_as_written(label):
    x = Value(1.0, label=label)
    texts = svg_texts(autograd.draw(x * 2).svg())
    assert label in texts


def test_label_newline_becomes_two_lines():
    x = Value(1.0, label="first\nsecond")
    texts = svg_texts(autograd.draw(x * 2).svg())
    assert "first" in texts
    assert "second" in texts


def test_title_with_quotes_renders():
    x = Value(1.0, label="x")
    texts = svg_texts(autograd.draw(x * 2, title='the "reference" <figure>').svg())
    assert 'the "reference" <figure>' in texts


@pytest.mark.parametrize(
    "data, text",
    [
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (-0.0, "-0.00"),
        (1e300, "1.00e+300"),
        (-1e300, "-1.00e+300"),
        (1e-9, "1.00e-09"),
    ],
    ids=["nan", "inf", "-inf", "-0.0", "1e300", "-1e300", "1e-9"],
)
def test_special_values_render_legibly(data, text):
    x = Value(data, label="x")
    texts = svg_texts(autograd.draw(x + 1).svg())
    assert text in texts


def random_graph(seed):
    """A graph of 12 random operations on 4 inputs, summed at the end."""
    rng = random.Random(seed)
    nodes = [Value(rng.uniform(-2, 2), label=f"x{i}") for i in range(4)]
    for _ in range(12):
        a, b = rng.sample(nodes, 2)
        nodes.append(rng.choice([a + b, a * b, a.max(b), a.tanh()]))
    return autograd.sum(nodes[-3:])


def value_above_gradient(svg):
    """Yield (value y, gradient y) for each edge, from the SVG's edge groups."""
    root = ElementTree.fromstring(svg.encode("utf-8"))
    groups = [g for g in root.iter(f"{SVG_NS}g") if "edge" in (g.get("class") or "")]
    for first, second in zip(groups, groups[1:]):
        if "value" in first.get("class") and "gradient" in second.get("class"):
            yield float(first.find(f"{SVG_NS}text").get("y")), float(second.find(f"{SVG_NS}text").get("y"))


@pytest.mark.parametrize("seed", range(4))
def test_value_drawn_above_gradient(seed):
    root = random_graph(seed)
    root.backward()
    pairs = list(value_above_gradient(autograd.draw(root).svg()))
    assert len(pairs) > 10
    assert [value_y < gradient_y for value_y, gradient_y in pairs] == [True] * len(pairs)
