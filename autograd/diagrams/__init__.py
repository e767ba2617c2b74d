"""Gradient-flow diagrams of Value graphs, rendered with Graphviz.

`draw` returns a `Diagram` that Jupyter shows inline as SVG and that
saves as SVG, PNG or PDF. `backward_steps` yields one diagram per step of
the backward sweep. Rendering uses the Graphviz ``dot`` program when it is
on PATH, and otherwise an in-process Graphviz compiled to WebAssembly.
"""

from .diagram import Diagram
from .draw import DiagramTooLargeError, draw
from .render import GraphvizMissingError
from .steps import backward_steps, save_steps, show_steps
from .style import Style

__all__ = [
    "Diagram",
    "DiagramTooLargeError",
    "GraphvizMissingError",
    "Style",
    "backward_steps",
    "draw",
    "save_steps",
    "show_steps",
]
