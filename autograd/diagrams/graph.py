"""Turn a Value graph into a ``graphviz.Digraph`` in the reference style.

Operations are small circles labelled with their symbol, leaves are plain
text at their place in the flow, and every edge parent -> child carries
two labels: the parent's forward value above, in the value colour, and
the gradient that flows back along the edge below, in the gradient
colour. The gradient sits on a second, transparent edge between the same
two nodes, because Graphviz stacks the labels of parallel edges and so
puts it under the first one.

The gradient on an edge is that edge's contribution,
``child.local_grads[i] * child.grad``. With fan-out, a node's out-edges
therefore show the terms of the sum over paths, and they add up to the
node's total gradient. Without fan-out the contribution is the parent's
gradient. An extra output edge leaves the root with its value and its
gradient.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

from ..value import Value
from .grouping import place_nodes
from .style import FONT, Style, escape_label, format_number

if TYPE_CHECKING:
    import graphviz

__all__ = ["DrawOptions", "EdgeKey", "GradientView", "build_digraph", "edge_labels", "node_attrs"]

# (child, index of the parent in child.parents)
EdgeKey = Tuple[Value, int]


@dataclass
class GradientView:
    """The gradients a diagram shows: None marks one not computed yet.

    ``edges`` maps each edge to its contribution and ``output`` is the
    root's gradient. ``current`` and ``sent`` highlight one step of the
    backward sweep: the node being processed and the edges it just sent
    gradients along.
    """

    edges: Dict[EdgeKey, Optional[float]]
    output: Optional[float]
    current: Optional[Value] = None
    sent: Set[EdgeKey] = field(default_factory=set)

    @classmethod
    def from_graph(cls, order: List[Value]) -> "GradientView":
        """Read the gradients that the last ``backward()`` stored in the nodes."""
        edges: Dict[EdgeKey, Optional[float]] = {}
        for node in order:
            for index, local_grad in enumerate(node.local_grads):
                edges[(node, index)] = None if node.grad is None else local_grad * node.grad
        return cls(edges=edges, output=order[-1].grad)


@dataclass(frozen=True)
class DrawOptions:
    """The options of `autograd.draw` that shape the Digraph (see its docstring)."""

    direction: str = "LR"
    decimals: int = 2
    show_gradients: bool = True
    show_local_grads: bool = False
    style: Style = Style()
    title: Optional[str] = None
    small_gradient: Optional[float] = None
    group_by: Optional[str] = None
    layout: str = "auto"


def build_digraph(order: List[Value], grads: GradientView, options: DrawOptions) -> "graphviz.Digraph":
    """Build the Digraph of the nodes in ``order`` (topological, root last)."""
    import graphviz

    style = options.style
    digraph = graphviz.Digraph(
        name="gradient_flow",
        graph_attr={"rankdir": options.direction, "ordering": "in",
                    "nodesep": "0.6" if options.direction == "TB" else "0.2",
                    "ranksep": "0.35", "fontname": FONT, "bgcolor": "white"},
        node_attr={"fontname": FONT, "fontsize": "14", "color": style.edge},
        edge_attr={"fontname": FONT, "fontsize": "11", "arrowsize": "0.6", "color": style.edge},
    )
    if options.title:
        digraph.graph_attr.update(label=escape_label(options.title), labelloc="t", fontsize="16")

    ids = {node: f"n{index}" for index, node in enumerate(order)}
    _add_nodes(digraph, order, ids, grads, options)

    for child in order:
        for index, parent in enumerate(child.parents):
            _add_edge(digraph, ids[parent], ids[child], parent.data, (child, index), grads, options)

    root = order[-1]
    if root.label and not root.is_leaf:
        digraph.node("output", escape_label(root.label), shape="plaintext")
    else:
        digraph.node("output", "", shape="point", style="invis", width="0")
    _add_edge(digraph, ids[root], "output", root.data, None, grads, options)
    return digraph


def _add_nodes(digraph, order: List[Value], ids: Dict[Value, str], grads: GradientView,
               options: DrawOptions) -> None:
    # NOTE: inside clusters, dot often stacks the transparent gradient edge's
    # label above the value's, so with group_by the red number can end up on
    # top. Without clusters the value has stayed on top in every graph tested.
    places = place_nodes(order) if options.group_by else {}
    clusters: Dict[Tuple[int, ...], list] = {}

    for node in order:
        attrs = node_attrs(node, options)
        if node is grads.current:
            attrs.update(color=options.style.highlight, penwidth="3", fontcolor=options.style.highlight)
        place = places.get(node)
        if place is None:
            digraph.node(ids[node], **attrs)
        else:
            key = place if options.group_by == "neuron" else place[:1]
            clusters.setdefault(key, []).append((ids[node], attrs))

    layers = sorted({key[0] for key in clusters})
    for layer in layers:
        with digraph.subgraph(name=f"cluster_layer_{layer}") as layer_graph:
            layer_graph.attr(label=f"layer {layer}", style="rounded", color="#8c959f")
            for key in sorted(k for k in clusters if k[0] == layer):
                if len(key) == 1:
                    for node_id, attrs in clusters[key]:
                        layer_graph.node(node_id, **attrs)
                    continue
                with layer_graph.subgraph(name=f"cluster_layer_{layer}_neuron_{key[1]}") as box:
                    box.attr(label=f"neuron {key[1]}", style="rounded,dashed")
                    for node_id, attrs in clusters[key]:
                        box.node(node_id, **attrs)


def node_attrs(node: Value, options: DrawOptions) -> Dict[str, str]:
    """Return the DOT attributes of a leaf (plain text) or an operation (a circle)."""
    if node.is_leaf:
        text = node.label or format_number(node.data, options.decimals)
        return {"label": escape_label(text), "shape": "plaintext"}

    attrs = {"label": escape_label(node.op), "shape": "circle", "width": "0.4", "margin": "0.02"}
    if node.label:
        attrs["xlabel"] = escape_label(node.label)
    return attrs


def edge_labels(value: float, key: Optional[EdgeKey], grads: GradientView,
                options: DrawOptions) -> Tuple[Dict[str, str], List[Tuple[str, str, Dict[str, str]]]]:
    """Return the line attributes of one edge and its labels as (class, text, attributes).

    ``key`` is None for the output edge. The classes are ``value``,
    ``gradient`` and ``local_grad``, from the top label down.
    """
    style = options.style
    gradient = grads.output if key is None else grads.edges[key]
    sent = key is not None and key in grads.sent
    line: Dict[str, str] = {}
    if options.small_gradient is not None and gradient is not None and abs(gradient) < options.small_gradient:
        line = {"color": style.small_gradient, "penwidth": "2.5"}
    if sent:
        line = {"color": style.highlight, "penwidth": "3"}

    labels = [("value", format_number(value, options.decimals), {"fontcolor": style.value})]
    if options.show_gradients:
        font = {"fontname": f"{FONT}-Bold"} if sent else {}
        labels.append(("gradient", format_number(gradient, options.decimals),
                       {"fontcolor": style.gradient, **font}))
    if options.show_local_grads and key is not None:
        child, index = key
        text = "local " + format_number(child.local_grads[index], options.decimals)
        labels.append(("local_grad", text, {"fontcolor": style.local_grad}))
    return line, labels


def _add_edge(digraph, tail: str, head: str, value: float, key: Optional[EdgeKey],
              grads: GradientView, options: DrawOptions) -> None:
    line, labels = edge_labels(value, key, grads, options)
    for index, (kind, text, attrs) in enumerate(labels):
        if index == 0:
            digraph.edge(tail, head, label=text, **attrs, **line, **{"class": kind})
        else:
            # A transparent twin edge, whose label Graphviz stacks below the first.
            # NOTE: with rankdir=TB dot puts the twin's label beside the first,
            # sometimes nearer a neighbouring edge; LR is the layout to use for slides.
            digraph.edge(tail, head, label=text, color="transparent", arrowhead="none",
                         **attrs, **{"class": kind})
