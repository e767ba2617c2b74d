"""A step-by-step account of the backward sweep.

`explain` walks the graph in the order that ``backward()`` visits it
(reverse topological order). For each node it lists the op and its rule,
the incoming gradient, and for each parent the local derivative, the
contribution ``local derivative * incoming gradient`` sent to that parent,
and the parent's running total. When several paths meet at a parent, the
running total shows the sum over paths being built up.

The sweep is simulated on a dictionary of gradients, so the ``grad`` of
every node is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from ._tables import format_number, html_table, text_table
from .backward import topological_order
from .value import Value

__all__ = ["Explanation", "ExplanationRow", "explain", "node_names", "rule_name"]

# Unlabelled nodes are named by their expression up to this length, and by
# their position in the sweep beyond it.
MAX_NAME_LENGTH = 40

# Precedence of an expression's outermost operator, for parentheses.
_ATOM, _POWER, _PRODUCT, _SUM = 4, 3, 2, 1

_FUNCTION_RULES = {
    "sigmoid": "rule 5 sigmoid: z (1 - z)",
    "tanh": "tanh: 1 - t^2",
    "exp": "exp: e^x",
    "log": "log: 1 / x",
    "relu": "relu: 1 if x > 0, else 0",
    "leaky_relu": "leaky_relu: 1 if x > 0, else the slope",
    "abs": "abs: sign(x), 0 at 0",
    "max": "rule 4 max",
    "min": "min (rule 4 mirrored)",
    "cross_entropy": "softmax cross-entropy: y - t",
}


def rule_name(node: Value) -> str:
    """Name the gradient rule of ``node``'s op, or its derivative for other ops.

    >>> x, y = Value(3.0), Value(-4.0)
    >>> rule_name(x * y), rule_name(2 * x), rule_name(x.tanh())
    ('rule 3 multiplication', 'rule 2 multiplication by a constant', 'tanh: 1 - t^2')
    """
    op = node.op
    single = len(node.parents) == 1
    if not node.parents:
        return "leaf"
    if op in ("max", "min") and 0.5 in node.local_grads:
        return f"{_FUNCTION_RULES[op]} at a tie: half of the gradient to each input"
    if op in _FUNCTION_RULES:
        return _FUNCTION_RULES[op]
    if op == "+":
        return "rule 1 addition"
    if op == "-":
        return "subtraction: 1 for x, -1 for y"
    if op == "*":
        return "rule 3 multiplication"
    if op == "/":
        return "division: 1 / y for x, -x / y^2 for y"
    if op == "**":
        return "power: y x^(y-1) for x, x^y log(x) for y"
    if single and op.startswith("**"):
        return f"power: n x^(n-1) with n = {op[2:]}"
    if single and op.endswith("**"):
        return f"exponential: c^x log(c) with c = {op[:-2]}"
    if single and op.startswith("*"):
        return "rule 2 multiplication by a constant"
    if single and op[:1] in ("+", "-"):
        return "rule 1 addition (of a constant)"
    return f"op {op!r}: its recorded local derivatives"


def node_names(order: Sequence[Value]) -> Dict[Value, str]:
    """Name every node of ``order`` (parents before children) for reports.

    A node is named by its label, a leaf without a label by its value, and
    any other node by its expression in its parents' names. An expression
    longer than `MAX_NAME_LENGTH` becomes "node i (op)", with i the node's
    position in ``order``. The loop is iterative, so deep graphs are fine.

    >>> x, y = Value(3.0, label="x"), Value(-4.0, label="y")
    >>> f = 2 * (x * y + x)
    >>> node_names(topological_order(f))[f]
    '2 * (x * y + x)'
    """
    names: Dict[Value, str] = {}
    precedence: Dict[Value, int] = {}
    for index, node in enumerate(order):
        if node.label or not node.parents:
            names[node] = node.label or format_number(node.data)
            precedence[node] = _ATOM
            continue

        text, level = _expression(node, names, precedence)
        if len(text) > MAX_NAME_LENGTH:
            text, level = f"node {index} ({node.op})", _ATOM
        names[node] = text
        precedence[node] = level
    return names


def _expression(node: Value, names: Dict[Value, str], precedence: Dict[Value, int]):
    op = node.op
    parents = node.parents

    def operand(parent: Value, level: int) -> str:
        if precedence[parent] < level:
            return f"({names[parent]})"
        return names[parent]

    if op == "+":
        return " + ".join(operand(p, _SUM) for p in parents), _SUM
    if op in ("-", "*", "/", "**") and len(parents) == 2:
        level = {"-": _SUM, "*": _PRODUCT, "/": _PRODUCT, "**": _POWER}[op]
        left = operand(parents[0], level)
        right = operand(parents[1], level + (op != "*"))
        return f"{left} {op} {right}", level
    if len(parents) == 1 and op not in _FUNCTION_RULES:
        if op.startswith("**"):
            return f"{operand(parents[0], _POWER + 1)} ** {op[2:]}", _POWER
        if op.endswith("**"):
            return f"{op[:-2]} ** {operand(parents[0], _POWER)}", _POWER
        if op.startswith("*"):
            return f"{op[1:]} * {operand(parents[0], _PRODUCT)}", _PRODUCT
        if op[:1] in ("+", "-"):
            return f"{operand(parents[0], _SUM)} {op[0]} {op[1:]}", _SUM
    arguments = [names[p] for p in parents]
    if op in ("max", "min") and len(parents) == 1:
        arguments.append("constant")
    return f"{op}({', '.join(arguments)})", _ATOM


@dataclass(frozen=True)
class ExplanationRow:
    """One step of the sweep: a node sending its gradient to one parent.

    A leaf has one row with ``parent`` None, and its ``grad`` is its final
    gradient. ``paths`` counts the contributions that the parent has
    received so far, so a value above 1 marks paths meeting at the parent.
    """

    step: int
    node: str
    op: str
    rule: str
    value: float
    grad: float
    parent: Optional[str] = None
    local_grad: Optional[float] = None
    contribution: Optional[float] = None
    parent_total: Optional[float] = None
    paths: int = 0


_HEADERS = [
    "step", "node", "rule", "value", "incoming grad",
    "parent", "local derivative", "sent", "parent's total",
]


class Explanation:
    """The backward sweep of a graph, step by step.

    ``rows`` lists `ExplanationRow` items in the engine's order, ``grads``
    maps every node to its gradient d(root)/d(node), ``str()`` gives an
    aligned text table and Jupyter shows an HTML table.
    """

    def __init__(self, rows: List[ExplanationRow], grads: Dict[Value, float]) -> None:
        self.rows = rows
        self.grads = grads

    def _cells(self) -> List[List[str]]:
        cells = []
        previous_step = -1
        for row in self.rows:
            first = row.step != previous_step
            previous_step = row.step
            total = format_number(row.parent_total)
            if row.paths > 1:
                total += f" (paths met: {row.paths})"
            cells.append([
                str(row.step) if first else "",
                row.node if first else "",
                row.rule if first else "",
                format_number(row.value) if first else "",
                format_number(row.grad) if first else "",
                row.parent or "",
                format_number(row.local_grad),
                format_number(row.contribution),
                total,
            ])
        return cells

    def __str__(self) -> str:
        return text_table(_HEADERS, self._cells())

    def _repr_html_(self) -> str:
        return html_table(_HEADERS, self._cells(), caption="backward sweep, in the engine's order")

    def __repr__(self) -> str:
        return f"<Explanation of {len(self.grads)} nodes>"


def explain(root: Value) -> Explanation:
    """Explain the backward sweep from ``root``, one node at a time.

    The sweep starts with d(root)/d(root) = 1 and visits nodes in
    ``reversed(topological_order(root))``, as ``backward()`` does. A node
    sends ``local_grad * grad`` to each parent, and contributions that meet
    at a parent add up. Every gradient starts from 0, so a leaf's total is
    what one sweep adds to its ``grad``. The graph's grads are not changed.

    >>> x, y = Value(3.0, label="x"), Value(-4.0, label="y")
    >>> steps = explain(x * y)
    >>> [(r.parent, r.local_grad, r.contribution) for r in steps.rows[:2]]
    [('x', -4.0, -4.0), ('y', 3.0, 3.0)]
    """
    if not isinstance(root, Value):
        raise TypeError(
            f"explain() needs the output Value of a graph, got {type(root).__name__} {root!r}"
        )

    order = topological_order(root)
    names = node_names(order)
    grads: Dict[Value, float] = {node: 0.0 for node in order}
    paths: Dict[Value, int] = {node: 0 for node in order}
    grads[root] = 1.0

    rows: List[ExplanationRow] = []
    for step, node in enumerate(reversed(order), start=1):
        g = grads[node]
        common = dict(
            step=step, node=names[node], op=node.op, rule=rule_name(node),
            value=node.data, grad=g,
        )
        if not node.parents:
            rows.append(ExplanationRow(**common))
            continue

        for parent, local_grad in zip(node.parents, node.local_grads):
            contribution = local_grad * g
            grads[parent] += contribution
            paths[parent] += 1
            rows.append(ExplanationRow(
                **common, parent=names[parent], local_grad=local_grad,
                contribution=contribution, parent_total=grads[parent],
                paths=paths[parent],
            ))
    return Explanation(rows, grads)
