"""``flowgrad draw``: the gradient-flow diagram of an expression, written to a file.

Example: ``flowgrad draw "2*(x*y + max(z, w))" x=3 y=-4 z=2 w=-1 -o figure.svg``.
Errors print one line and exit with code 2. Graphviz is imported only in
`run`, so that building the ``flowgrad`` parser stays fast.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
from typing import Dict, List, Optional, Tuple

__all__ = ["add_arguments", "parse_assignments", "protect_expression", "run"]


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


def protect_expression(args: List[str], parser: argparse.ArgumentParser) -> List[str]:
    """Return ``args`` with an expression that starts with a minus sign kept from argparse.

    argparse reads ``-x*y`` as an option. The expression is the first
    argument that argparse would not read as one of ``parser``'s options
    or as an option's value. When it starts with "-", it gets a leading
    space, which argparse treats as a positional argument and
    `parse_expression` strips. A ``--`` before the expression is dropped,
    so that options may still follow it. A short option with its value
    attached, such as ``-ofigure.svg``, stays an option, as in argparse.

    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> protect_expression(["-o", "f.svg", "-x*y", "x=3"], parser)
    ['-o', 'f.svg', ' -x*y', 'x=3']
    >>> protect_expression(["--", "-x", "x=3", "-o", "f.svg"], parser)
    [' -x', 'x=3', '-o', 'f.svg']
    """
    # argparse has no public way to list a parser's options, so this reads
    # the documented-by-use _actions list: option string -> takes a value.
    takes_value = {
        option: action.nargs != 0
        for action in parser._actions
        for option in action.option_strings
    }
    long_options = [option for option in takes_value if option.startswith("--")]

    args = list(args)
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            del args[index]
            if index < len(args) and args[index].startswith("-"):
                args[index] = " " + args[index]
            return args
        option, attached = _option_of(arg, takes_value, long_options)
        if option is None:
            if arg.startswith("-"):
                args[index] = " " + arg
            return args
        # Skip the option, and its value when the value is the next argument.
        index += 2 if takes_value[option] and not attached else 1
    return args


def _option_of(arg: str, takes_value: Dict[str, bool],
               long_options: List[str]) -> Tuple[Optional[str], bool]:
    """Return the option that argparse reads ``arg`` as (or None), and whether a value is attached."""
    if arg in takes_value:
        return arg, False
    if arg.startswith("--"):
        name, equals, _ = arg.partition("=")
        # argparse accepts a unique prefix of a long option, such as --out.
        matches = [option for option in long_options if option.startswith(name)]
        if name in takes_value:
            matches = [name]
        return (matches[0], bool(equals)) if len(matches) == 1 else (None, False)
    short = arg[:2]
    if len(arg) > 2 and takes_value.get(short):
        return short, True
    return None, False


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
    from .draw import DEFAULT_MAX_NODES, DiagramTooLargeError, draw
    from .expression import ExpressionError, parse_expression

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
    except DiagramTooLargeError:
        print(f"flowgrad draw: error: the expression makes more than {DEFAULT_MAX_NODES} nodes, "
              f"too many for a readable diagram; draw a shorter expression", file=sys.stderr)
        return 2
    except (ExpressionError, ValueError, TypeError, OSError) as error:
        print(f"flowgrad draw: error: {error}", file=sys.stderr)
        return 2
    except RecursionError:
        raise  # a bug in flowgrad, not bad input, because evaluation is iterative
    except (RuntimeError, ImportError, subprocess.CalledProcessError) as error:
        # GraphvizMissingError for PDF, a failed render, or a missing [viz] extra.
        print(f"flowgrad draw: error: {error}", file=sys.stderr)
        return 2

    value = root.data if math.isfinite(root.data) else repr(root.data)
    print(f"wrote {path} (output {value})")
    return 0
