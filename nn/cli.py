"""The ``flowgrad`` command and its subcommands.

Each subcommand lives in its own module that provides
``add_arguments(parser)`` and ``run(args) -> int``. The modules import
Graphviz, matplotlib and tqdm only inside ``run``, so ``flowgrad draw``
does not load matplotlib and ``flowgrad train`` does not load Graphviz.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import sys
from typing import Dict, List, NoReturn, Optional, Tuple

__all__ = ["main"]

# subcommand name -> (module, one-line help)
SUBCOMMANDS = {
    "train": ("nn.train_cli", "train an MLP on a dataset and report its test accuracy"),
    "draw": ("autograd.diagrams.draw_cli", "draw the gradient-flow diagram of an expression"),
}


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, exit code 2, and no traceback."""

    def error(self, message: str) -> "NoReturn":
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def package_version() -> str:
    """Return the installed version of flowgrad, or "unknown" without package metadata."""
    try:
        return importlib.metadata.version("flowgrad")
    except importlib.metadata.PackageNotFoundError:
        # Run from a source tree that was never installed.
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """Return the ``flowgrad`` parser with every subcommand."""
    return _build_parsers()[0]


def _build_parsers() -> Tuple[argparse.ArgumentParser, Dict[str, argparse.ArgumentParser]]:
    parser = _Parser(
        prog="flowgrad",
        description="flowgrad: a scalar autograd engine for teaching and checking backprop.",
    )
    parser.add_argument("--version", action="version", version=f"flowgrad {package_version()}",
                        help="print the version of flowgrad and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands = {}
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
        commands[name] = sub
    return parser, commands


def main(argv: Optional[List[str]] = None) -> int:
    """Run the ``flowgrad`` command line and return its exit code."""
    parser, commands = _build_parsers()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "draw":
        # An expression such as "-x*y" would otherwise be read as an option.
        from autograd.diagrams.draw_cli import protect_expression

        argv = ["draw", *protect_expression(argv[1:], commands["draw"])]

    args, extra = parser.parse_known_args(argv)
    if args.command == "draw":
        # argparse stops filling NAME=NUMBER values at the first option, so
        # values given after an option, as in "x*y -o f.svg x=3", come back here.
        values = [item for item in extra if "=" in item and not item.startswith("-")]
        args.values = [*args.values, *values]
        extra = [item for item in extra if item not in values]
    if extra:
        commands.get(args.command, parser).error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command is None:
        parser.print_help()
        return 2
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
