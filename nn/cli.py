"""The ``flowgrad`` command and its subcommands.

Each subcommand lives in its own module that provides
``add_arguments(parser)`` and ``run(args) -> int``. They are imported only
when chosen, so ``flowgrad draw`` does not load matplotlib and
``flowgrad train`` does not load Graphviz.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import List, NoReturn, Optional

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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="flowgrad",
        description="flowgrad: a scalar autograd engine for teaching and checking backprop.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Run the ``flowgrad`` command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
