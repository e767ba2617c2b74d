"""Explanations for a wrong hand-derived gradient, tested against the graph.

Each hypothesis is a common mistake turned into a number: the gradient
that a student would get by making that mistake. A hypothesis becomes a
hint only when its number matches the expected value within the check's
tolerance, so no hint names a cause that does not reproduce the number.

The graph gives each hypothesis its number without enumerating paths.
With G(c) = d(root)/d(c) from a reverse sweep and D(p) = d(p)/d(input)
from a forward sweep, the paths through the edge from child c to parent p
contribute G(c) * l * D(p), where l is the edge's local derivative. A
mistake in that one link replaces l by some l', and changes the gradient
by G(c) * (l' - l) * D(p).
"""

from __future__ import annotations

import math
from typing import Callable, Dict, Iterator, List, Optional, Tuple

from .backward import topological_order
from .explaining import node_names, rule_name
from .value import Value

__all__ = ["Graph", "find_kinks", "hints_for"]

# At most this many hints are listed for one input, and the rest are counted.
MAX_HINTS = 4

Close = Callable[[float, float], bool]


class Graph:
    """The adjoints, names and fan-out of a graph, computed once for all inputs."""

    def __init__(self, root: Value) -> None:
        self.root = root
        self.order = topological_order(root)
        self.names = node_names(self.order)

        self.adjoint: Dict[Value, float] = {node: 0.0 for node in self.order}
        self.adjoint[root] = 1.0
        self.children: Dict[Value, List[Tuple[Value, int]]] = {node: [] for node in self.order}
        for node in reversed(self.order):
            for index, (parent, local_grad) in enumerate(zip(node.parents, node.local_grads)):
                self.adjoint[parent] += local_grad * self.adjoint[node]
                self.children[parent].append((node, index))

    def tangent(self, source: Value) -> Dict[Value, float]:
        """d(node)/d(source) for every node, by a forward sweep (0 where independent)."""
        tangent: Dict[Value, float] = {}
        for node in self.order:
            if node is source:
                tangent[node] = 1.0
            else:
                tangent[node] = math.fsum(
                    local_grad * tangent[parent]
                    for parent, local_grad in zip(node.parents, node.local_grads)
                )
        return tangent

    def depends_on(self, source: Value) -> set:
        """Return the nodes that have ``source`` among their ancestors, and ``source`` itself."""
        found = {source} if source in self.adjoint else set()
        for node in self.order:
            if any(parent in found for parent in node.parents):
                found.add(node)
        return found


def find_kinks(graph: Graph, source: Value) -> List[str]:
    """Describe the points of the graph where ``source``'s gradient is a convention.

    A kink is relu, leaky_relu or abs at input 0, or max or min at a tie,
    on a path from ``source`` to the root.
    """
    affected = graph.depends_on(source)
    kinks = []
    for node in graph.order:
        if node not in affected or node is source:
            continue
        name = graph.names[node]
        at_zero = len(node.parents) == 1 and node.parents[0].data == 0.0
        if node.op == "relu" and at_zero:
            kinks.append(f"{name} at 0, where the engine uses relu'(0) = 0")
        elif node.op == "abs" and at_zero:
            kinks.append(f"{name} at 0, where the engine uses abs'(0) = 0")
        elif node.op == "leaky_relu" and at_zero:
            slope = node.local_grads[0]
            kinks.append(f"{name} at 0, where the engine uses leaky_relu'(0) = slope = {slope:g}")
        elif node.op in ("max", "min") and 0.5 in node.local_grads:
            kinks.append(
                f"{name} at a tie, where the engine splits the gradient in half between the inputs"
            )
    return kinks


def hints_for(
    graph: Graph,
    source: Value,
    expected: float,
    close: Close,
    batch_size: Optional[int] = None,
) -> List[str]:
    """List the mistakes whose gradient matches ``expected``, most specific first.

    ``close(expected, candidate)`` decides a match with the check's
    tolerance. The right gradient is the adjoint of ``source``.
    """
    total = graph.adjoint.get(source, 0.0)
    tangent = graph.tangent(source)

    hints: List[str] = []
    for candidate, hint in _hypotheses(graph, source, total, tangent, batch_size):
        if close(expected, candidate) and hint not in hints:
            hints.append(hint)
    if len(hints) > MAX_HINTS:
        hints = hints[:MAX_HINTS] + [f"and {len(hints) - MAX_HINTS} more links or paths that match"]
    return hints


def _hypotheses(
    graph: Graph,
    source: Value,
    total: float,
    tangent: Dict[Value, float],
    batch_size: Optional[int],
) -> Iterator[Tuple[float, str]]:
    yield -total, "sign flip: the expected value is minus the right gradient"
    yield 2.0 * total, "factor 2: the expected value is twice the right gradient"
    yield total / 2.0, "factor 1/2: the expected value is half the right gradient"
    yield from _batch_factors(graph, total, tangent, batch_size)
    yield from _activation_points(graph, total, tangent)
    yield from _single_paths(graph, total, tangent)
    yield from _missing_links(graph, total, tangent)


def _batch_factors(graph, total, tangent, batch_size):
    sizes = {batch_size: "batch_size"} if batch_size is not None else {}
    for node in graph.order:
        # A mean over n items divides by n, which the engine records as
        # multiplication by the constant 1/n (rule 2) on the input's paths.
        if len(node.parents) != 1 or not node.op.startswith("*") or node.op.startswith("**"):
            continue
        if tangent[node] == 0.0 or graph.adjoint[node] == 0.0:
            continue
        k = node.local_grads[0]
        n = round(1.0 / k) if k > 0.0 else 0
        if n >= 2 and abs(n * k - 1.0) < 1e-9 and n not in sizes:
            sizes[n] = f"the graph divides by {n} at {graph.names[node]}"
    for n, source in sizes.items():
        yield n * total, (
            f"factor N = {n} ({source}): the expected value is {n} times the right "
            f"gradient, as from a sum over the batch where the loss takes the mean"
        )
        yield total / n, (
            f"factor 1/N with N = {n} ({source}): the expected value is the right "
            f"gradient divided by {n}, as from a mean over the batch where the loss takes the sum"
        )


def _activation_points(graph, total, tangent):
    for node in graph.order:
        if node.op not in ("tanh", "sigmoid") or len(node.parents) != 1:
            continue
        parent = node.parents[0]
        if graph.adjoint[node] * tangent[parent] == 0.0:
            continue
        x, out = parent.data, node.data
        local_grad = node.local_grads[0]
        name = graph.names[node]
        if node.op == "tanh":
            wrong_points = [
                (1.0 - x * x, f"tanh'(x) written as 1 - t^2 but fed the input x = {x:g} of "
                              f"{name} instead of its output t = {out:.6g}"),
                (1.0 - math.tanh(out) ** 2, f"tanh'(x) written as 1 - tanh(x)^2 but fed the "
                                            f"output {out:.6g} of {name} instead of its input {x:g}"),
            ]
        else:
            s = _sigmoid(out)
            wrong_points = [
                (x * (1.0 - x), f"sigmoid'(x) written as z (1 - z) but fed the input x = {x:g} "
                                f"of {name} instead of its output z = {out:.6g}"),
                (s * (1.0 - s), f"sigmoid'(x) written as sigmoid(x) (1 - sigmoid(x)) but fed the "
                                f"output {out:.6g} of {name} instead of its input {x:g}"),
            ]
        for wrong, hint in wrong_points:
            yield total + graph.adjoint[node] * (wrong - local_grad) * tangent[parent], (
                f"activation derivative at the wrong point: {hint}"
            )


def _single_paths(graph, total, tangent):
    for node in graph.order:
        uses = graph.children[node]
        if len(uses) < 2 or tangent[node] == 0.0:
            continue
        name = graph.names[node]
        for child, index in uses:
            share = graph.adjoint[child] * child.local_grads[index]
            candidate = total + (share - graph.adjoint[node]) * tangent[node]
            yield candidate, (
                f"one path only: {name} is used {len(uses)} times, and the expected value keeps "
                f"only the path through {graph.names[child]} (which contributes {share:.6g} to "
                f"d/d({name})), but the gradients of all paths add up"
            )


def _missing_links(graph, total, tangent):
    for child in graph.order:
        if graph.adjoint[child] == 0.0:
            continue
        for parent, local_grad in zip(child.parents, child.local_grads):
            if tangent[parent] == 0.0 or local_grad == 1.0:
                continue
            candidate = total + graph.adjoint[child] * (1.0 - local_grad) * tangent[parent]
            yield candidate, (
                f"missing local factor: the chain without the link "
                f"d({graph.names[child]})/d({graph.names[parent]}) = {local_grad:.6g} "
                f"({rule_name(child)})"
            )


def _sigmoid(x: float) -> float:
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)
