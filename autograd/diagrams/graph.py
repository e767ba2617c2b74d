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
from typing import Dict, List, Optional, Set, Tuple

from ..value import Value
from .grouping import place_nodes
from .style import FONT, Style, escape_label, format_number

__all__ = ["EdgeKey", "GradientView", "Layout", "build_digraph"]

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
class Layout:
    """The options of `autograd.draw` that shape the Digraph (see its docstring)."""

    direction: str = "LR"
    decimals: int = 2
    show_gradients: bool = True
    show_local_grads: bool = False
    style: Style = Style()
    title: Optional[str] = None
    small_gradient: Optional[float] = None
    group_by: Optional[str] = None


def build_digraph(order: List[Value], grads: GradientView, layout: Layout) -> "graphviz.Digraph":
    """Build the Digraph of the nodes in ``order`` (topological, root last)."""
    import graphviz

    style = layout.style
    digraph = graphviz.Digraph(
        name="gradient_flow",
        graph_attr={"rankdir": layout.direction, "ordering": "in", "nodesep": "0.2",
                    "ranksep": "0.35", "fontname": FONT, "bgcolor": "white"},
        node_attr={"fontname": FONT, "fontsize": "14", "color": style.edge},
        edge_attr={"fontname": FONT, "fontsize": "11", "arrowsize": "0.6", "color": style.edge},
    )
    if layout.title:
        digraph.graph_attr.update(label=escape_label(layout.title), labelloc="t", fontsize="16")

    ids = {node: f"n{index}" for index, node in enumerate(order)}
    _add_nodes(digraph, order, ids, grads, layout)

    for child in order:
        for index, parent in enumerate(child.parents):
            _add_edge(digraph, ids[parent], ids[child], parent.data, (child, index), grads, layout)

    root = order[-1]
    if root.label and not root.is_leaf:
        digraph.node("output", escape_label(root.label), shape="plaintext")
    else:
        digraph.node("output", "", shape="point", style="invis", width="0")
    _add_edge(digraph, ids[root], "output", root.data, None, grads, layout)
    return digraph


def _add_nodes(digraph, order: List[Value], ids: Dict[Value, str], grads: GradientView,
               layout: Layout) -> None:
    places = place_nodes(order) if layout.group_by else {}
    clusters: Dict[Tuple[int, ...], list] = {}

    for node in order:
        attrs = _node_attrs(node, layout)
        if node is grads.current:
            attrs.update(color=layout.style.highlight, penwidth="3", fontcolor=layout.style.highlight)
        place = places.get(node)
        if place is None:
            digraph.node(ids[node], **attrs)
        else:
            key = place if layout.group_by == "neuron" else place[:1]
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


def _node_attrs(node: Value, layout: Layout) -> Dict[str, str]:
    if node.is_leaf:
        text = node.label or format_number(node.data, layout.decimals)
        return {"label": escape_label(text), "shape": "plaintext"}

    attrs = {"label": escape_label(node.op), "shape": "circle", "width": "0.4", "margin": "0.02"}
    if node.label:
        attrs["xlabel"] = escape_label(node.label)
    return attrs


def _add_edge(digraph, tail: str, head: str, value: float, key: Optional[EdgeKey],
              grads: GradientView, layout: Layout) -> None:
    style = layout.style
    gradient = grads.output if key is None else grads.edges[key]
    line = {}
    if layout.small_gradient is not None and gradient is not None and abs(gradient) < layout.small_gradient:
        line = {"color": style.small_gradient, "penwidth": "2.5"}
    if key is not None and key in grads.sent:
        line = {"color": style.highlight, "penwidth": "3"}

    digraph.edge(tail, head, label=format_number(value, layout.decimals),
                 fontcolor=style.value, **{"class": "value"}, **line)
    if layout.show_gradients:
        sent = key is not None and key in grads.sent
        digraph.edge(tail, head, label=format_number(gradient, layout.decimals),
                     fontcolor=style.gradient, color="transparent", arrowhead="none",
                     fontname=f"{FONT}-Bold" if sent else FONT, **{"class": "gradient"})
    if layout.show_local_grads and key is not None:
        child, index = key
        digraph.edge(tail, head, label="local " + format_number(child.local_grads[index], layout.decimals),
                     fontcolor=style.local_grad, color="transparent", arrowhead="none",
                     **{"class": "local_grad"})
