"""``flowgrad draw``: the gradient-flow diagram of an expression, written to a file.

Example: ``flowgrad draw "2*(x*y + max(z, w))" x=3 y=-4 z=2 w=-1 -o figure.svg``.
Errors print one line and exit with code 2. Graphviz is imported only in
`run`, so that building the ``flowgrad`` parser stays fast.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Dict, List

__all__ = ["add_arguments", "parse_assignments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``flowgrad draw`` to ``parser``."""
    parser.add_argument("expression", help='the expression, such as "2*(x*y + max(z, w))"')
    parser.add_argument("values", nargs="*", metavar="NAME=NUMBER",
                        help="the value of each name in the expression, such as x=3")
    parser.add_argument("-o", "--output", required=True,
                        help="the file to write; its suffix (.svg, .png or .pdf) sets the format")
    parser.add_argument("--direction", choices=("LR", "TB"), default="LR",
                        help="left to right (LR, the default) or top to bottom (TB)")
    parser.add_argument("--decimals", type=int, default=2, help="decimal places of each number (default 2)")
    parser.add_argument("--local-grads", action="store_true",
                        help="also show the local derivative on each edge")
    parser.add_argument("--no-gradients", action="store_true", help="show forward values only")
    parser.add_argument("--title", default=None, help="a title above the diagram")


def parse_assignments(items: List[str]) -> Dict[str, float]:
    """Turn ``["x=3", "y=-4"]`` into ``{"x": 3.0, "y": -4.0}``, or raise ValueError.

    >>> parse_assignments(["x=3", "y=-4"])
    {'x': 3.0, 'y': -4.0}
    >>> parse_assignments(["x=three"])
    Traceback (most recent call last):
    ...
    ValueError: x=three: 'three' is not a number; write NAME=NUMBER, such as x=3
    """
    from .expression import FUNCTIONS

    values: Dict[str, float] = {}
    for item in items:
        name, equals, text = item.partition("=")
        name = name.strip()
        if not equals or not name.isidentifier():
            raise ValueError(f"{item!r} is not NAME=NUMBER; write each value as, for example, x=3")
        if name in FUNCTIONS:
            raise ValueError(f"{name!r} is a function name; give the variable another name")
        if name in values:
            raise ValueError(f"{name!r} has two values; give each name once")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{item}: {text!r} is not a number; write NAME=NUMBER, such as x=3") from None
        values[name] = number
    return values


def run(args: argparse.Namespace) -> int:
    """Draw the expression in ``args`` and write it; return the exit code."""
    from .draw import draw
    from .expression import ExpressionError, parse_expression
    from .render import GraphvizMissingError

    try:
        values = parse_assignments(args.values)
        root = parse_expression(args.expression, values)
        root.backward()
        diagram = draw(
            root,
            direction=args.direction,
            decimals=args.decimals,
            show_gradients=not args.no_gradients,
            show_local_grads=args.local_grads,
            title=args.title,
        )
        path = diagram.save(args.output)
    except (ExpressionError, ValueError, TypeError, GraphvizMissingError, OSError) as error:
        print(f"flowgrad draw: error: {error}", file=sys.stderr)
        return 2

    value = root.data if math.isfinite(root.data) else repr(root.data)
    print(f"wrote {path} (output {value})")
    return 0
