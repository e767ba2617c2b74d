"""Labels and numbers render as written: escaping, non-ASCII, nan, inf, -0.0, 1e300."""

import pytest

import autograd
from autograd import Value

from .helpers import svg_texts

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
