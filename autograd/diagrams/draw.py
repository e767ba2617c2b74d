"""`draw`: the gradient-flow diagram of a Value graph."""

from __future__ import annotations

import math
import numbers
from typing import Dict, List, Mapping, Optional

from ..value import Value
from .diagram import Diagram
from .columns import build_columns
from .graph import DrawOptions, GradientView, build_digraph
from .style import make_style

__all__ = ["DiagramTooLargeError", "check_options", "collect_nodes", "draw"]

DEFAULT_MAX_NODES = 500

# With more nodes than this, layout="auto" pins positions (see columns.py).
AUTO_COLUMNS_ABOVE = 500
# dot routes an edge that skips k ranks through k hidden points, each with
# both labels of the edge, and its layout time grows much faster than their
# number. A sum that reuses x 60 times (about 1,800 such points) took 5 s,
# and 100 times took 97 s. Above this total span, "auto" pins positions too.
AUTO_COLUMNS_SPAN = 600


def rank_span(order: List[Value]) -> int:
    """Return the sum over edges of how many ranks each edge spans, about as dot ranks them.

    An operation's rank is one more than its highest parent's, and a leaf
    sits one rank before its first consumer, as dot places it.
    """
    rank: Dict[Value, int] = {}
    first_use: Dict[Value, int] = {}
    for node in order:
        if node.parents:
            rank[node] = 1 + max(rank.get(parent, 0) for parent in node.parents)
            for parent in node.parents:
                if parent.is_leaf:
                    first_use[parent] = min(first_use.get(parent, rank[node]), rank[node])
    for node in order:
        if node.is_leaf:
            rank[node] = first_use.get(node, 1) - 1
    return sum(rank[node] - rank[parent] for node in order for parent in node.parents)


class DiagramTooLargeError(ValueError):
    """The graph has more nodes than the ``max_nodes`` limit of a diagram."""


def draw(
    root: Value,
    *,
    direction: str = "LR",
    decimals: int = 2,
    show_gradients: bool = True,
    show_local_grads: bool = False,
    colours: Optional[Mapping[str, str]] = None,
    title: Optional[str] = None,
    small_gradient: Optional[float] = None,
    group_by: Optional[str] = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    layout: str = "auto",
) -> Diagram:
    """Draw the gradient flow of the graph that ends at ``root``.

    Operations are circles labelled with their symbol (``*``, ``max``,
    ``*2``). Leaves are plain text: their label, or their value when they
    have none. Every edge carries the forward value of its tail above, in
    green, and its gradient below, in red. An output edge leaves ``root``
    with its value and gradient. A gradient that is not computed yet
    (``grad`` is None, before ``backward()``) shows as a dash, not 0.

    The gradient on an edge parent -> child is that edge's contribution
    ``child.local_grads[i] * child.grad``. Where a node feeds several
    children, its out-edges show the terms of the sum over paths, which
    add up to the node's gradient.

    Options: ``direction`` is "LR" or "TB". ``decimals`` sets the places
    of every number. ``show_gradients=False`` leaves the values only.
    ``show_local_grads`` adds each edge's local derivative (the factor of
    its rule) in blue. ``colours`` replaces colours of `Style` by name.
    ``title`` goes above the diagram. Edges whose gradient magnitude is
    below ``small_gradient`` are drawn thick in the small-gradient colour,
    to show saturated or dead units. ``group_by`` ("layer" or "neuron")
    draws a box around the nodes of each layer or neuron, found from
    parameter labels such as ``layers.0.neurons.3.w.1`` (inside these
    boxes Graphviz may put the gradient above the value). A graph with more
    than ``max_nodes`` nodes raises `DiagramTooLargeError`.

    ``layout`` is "dot" (Graphviz places everything), "columns" (positions
    computed in Python, one column per depth, fast for thousands of nodes)
    or "auto". Unless ``group_by`` is set, "auto" picks "columns" above 500
    nodes, or where long edges would make Graphviz's own layout slow.

    >>> from autograd import Value
    >>> x, y = Value(3, label="x"), Value(-4, label="y")
    >>> f = x * y
    >>> diagram = draw(f)
    >>> gradient_labels = lambda d: [e["label"] for e in d.edges() if e["class"] == "gradient"]
    >>> gradient_labels(diagram)
    ['–', '–', '–']
    >>> f.backward()
    >>> gradient_labels(draw(f))
    ['-4.00', '3.00', '1.00']
    """
    order = collect_nodes(root, max_nodes)
    options = DrawOptions(
        direction=direction,
        decimals=decimals,
        show_gradients=show_gradients,
        show_local_grads=show_local_grads,
        style=make_style(colours),
        title=title,
        small_gradient=small_gradient,
        group_by=group_by,
        layout=layout,
    )
    check_options(options)
    return make_diagram(order, GradientView.from_graph(order), options)


def make_diagram(order: List[Value], grads: GradientView, options: DrawOptions) -> Diagram:
    """Build the Digraph with the layout that ``options.layout`` selects."""
    too_slow_for_dot = len(order) > AUTO_COLUMNS_ABOVE or rank_span(order) > AUTO_COLUMNS_SPAN
    columns = options.layout == "columns" or (
        options.layout == "auto" and too_slow_for_dot and options.group_by is None
    )
    if columns:
        return Diagram(build_columns(order, grads, options), positioned=True)
    return Diagram(build_digraph(order, grads, options))


def collect_nodes(root: Value, max_nodes: int) -> List[Value]:
    """Return the nodes of ``root``'s graph in topological order, within ``max_nodes``."""
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__} {root!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, got {max_nodes!r}")

    order = _parents_in_order(root)
    if len(order) > max_nodes:
        raise DiagramTooLargeError(
            f"the graph has {len(order)} nodes, more than max_nodes={max_nodes}; "
            f"for a network use nn.network_view(model, x, target), which draws one "
            f"circle per neuron, or pass a larger max_nodes with group_by='neuron'"
        )
    return order


def check_options(options: DrawOptions) -> None:
    """Raise ValueError or TypeError for an invalid drawing option."""
    for name in ("show_gradients", "show_local_grads"):
        flag = getattr(options, name)
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be True or False, got {type(flag).__name__} {flag!r}")
    if options.direction not in ("LR", "TB"):
        raise ValueError(f"direction must be 'LR' or 'TB', got {options.direction!r}")
    decimals = options.decimals
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 12:
        raise ValueError(f"decimals must be an int from 0 to 12, got {decimals!r}")
    if options.group_by not in (None, "layer", "neuron"):
        raise ValueError(f"group_by must be None, 'layer' or 'neuron', got {options.group_by!r}")
    if options.layout not in ("auto", "dot", "columns"):
        raise ValueError(f"layout must be 'auto', 'dot' or 'columns', got {options.layout!r}")
    if options.layout == "columns" and options.group_by is not None:
        raise ValueError("group_by needs layout='dot' or 'auto', because the column layout draws no clusters")
    if options.title is not None and not isinstance(options.title, str):
        raise TypeError(f"title must be a str or None, got {type(options.title).__name__}")

    threshold = options.small_gradient
    if threshold is None:
        return
    valid = isinstance(threshold, numbers.Real) and not isinstance(threshold, bool)
    if not valid or not math.isfinite(threshold) or threshold < 0:
        raise ValueError(
            f"small_gradient must be a non-negative finite number such as 1e-3, got {threshold!r}"
        )


def _parents_in_order(root: Value) -> List[Value]:
    """Topological order that visits each node's parents first to last.

    Graphviz keeps the order in which nodes are declared, so x is drawn
    above y in ``x * y``. The search is iterative, like the engine's.
    """
    order: List[Value] = []
    expanded = set()
    finished = set()
    stack = [root]
    while stack:
        node = stack[-1]
        if node in finished:
            stack.pop()
        elif node in expanded:
            stack.pop()
            finished.add(node)
            order.append(node)
        else:
            expanded.add(node)
            for parent in reversed(node.parents):
                if parent not in expanded:
                    stack.append(parent)
    return order
