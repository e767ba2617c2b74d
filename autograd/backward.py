"""The backward sweep: an iterative topological sort and the chain rule.

`Value.backward` seeds the output's gradient with 1 and visits every node
in reverse topological order, so that a node's gradient is complete before
it is passed on. Each node sends ``local_grad * grad`` to each parent, and
contributions that meet at a parent add up (the sum over paths).

Neither the sort nor the sweep recurses, so the depth of a graph is limited
only by memory.

What a second ``backward()`` does: the gradients of intermediate nodes are
recomputed from zero on every call, so they never double. The gradients of
leaves (inputs and parameters) accumulate across calls, as in PyTorch, so
that several losses can add their gradients into the same parameters. Call
``zero_grad()`` on the output, or on a model, to reset them before the
next step.
"""

from __future__ import annotations

import contextlib
import logging
import math
from typing import Iterator, List, Optional

from . import ops
from .value import Value, as_float

__all__ = ["AnomalyError", "backward", "detect_anomaly", "topological_order", "zero_grad"]

logger = logging.getLogger(__name__)

_anomaly_depth = 0


class AnomalyError(FloatingPointError):
    """A node's value or gradient became NaN or infinite under anomaly detection."""


def topological_order(root: Value) -> List[Value]:
    """Return every node that ``root`` depends on, parents before children.

    The last item is ``root``. The sort is an iterative depth-first search.

    >>> x = Value(2.0, label="x")
    >>> y = x * 3 + x
    >>> [v.op or v.label for v in topological_order(y)]
    ['x', '*3', '+']
    """
    return _sort(root, reset_grads=False)


def _sort(root: Value, reset_grads: bool) -> List[Value]:
    """Return the order of `topological_order`, resetting grads if ``reset_grads``.

    As each node leaves the search, an intermediate node's grad is set to 0,
    and a leaf's grad to 0 only where it is None, ready for a sweep.
    """
    order: List[Value] = []
    expanded = set()
    finished = set()
    stack = [root]
    # The methods are bound once because the loop runs once or twice per node.
    expand = expanded.add
    finish = finished.add
    push = stack.append
    pop = stack.pop
    emit = order.append
    while stack:
        node = stack[-1]
        if node not in expanded:
            expand(node)
            for parent in node.parents:
                if parent not in expanded:
                    push(parent)
        else:
            pop()
            if node not in finished:
                finish(node)
                emit(node)
                if reset_grads and (node.parents or node.grad is None):
                    node.grad = 0.0
    return order


def backward(root: Value, grad: float = 1.0, *, detect_anomaly: Optional[bool] = None) -> None:
    """Fill ``.grad`` of every node that ``root`` depends on with d(root)/d(node).

    ``grad`` seeds the output's gradient (1 by default). Intermediate
    gradients are recomputed from zero, and leaf gradients accumulate: see
    the module docstring. With ``detect_anomaly`` (default: on inside the
    `detect_anomaly` context manager), the first NaN or infinite value or
    gradient raises `AnomalyError`.
    """
    seed = as_float(grad, "the seed gradient")
    check = _anomaly_depth > 0 if detect_anomaly is None else detect_anomaly
    if check:
        order = _checked_sweep(root, seed)
    else:
        order = _sort(root, reset_grads=True)
        root.grad += seed
        _sweep(order)
    logger.debug("backward swept %d nodes", len(order))


def _sweep(order: List[Value]) -> None:
    """Send ``local_grad * grad`` to each parent, in reverse topological order.

    Nodes with one or two parents unpack them, which is faster than ``zip``.
    """
    for node in reversed(order):
        parents = node.parents
        count = len(parents)
        if count == 2:
            g = node.grad
            first, second = parents
            first_local, second_local = node.local_grads
            first.grad += first_local * g
            second.grad += second_local * g
        elif count == 1:
            (parent,) = parents
            (local_grad,) = node.local_grads
            parent.grad += local_grad * node.grad
        elif count:
            g = node.grad
            for parent, local_grad in zip(parents, node.local_grads):
                parent.grad += local_grad * g


def zero_grad(root: Value) -> None:
    """Set the gradient of ``root`` and of every node it depends on to 0."""
    for node in topological_order(root):
        node.grad = 0.0


def _describe(node: Value) -> str:
    name = f"op {node.op!r}" if node.op else "a leaf"
    label = f", label {node.label!r}" if node.label else ""
    parents = ", ".join(repr(p.data) for p in node.parents)
    return f"{name}{label}, parents' values [{parents}]"


def _check_value(node: Value) -> None:
    if math.isfinite(node.data):
        return
    if all(math.isfinite(p.data) for p in node.parents) or not node.parents:
        raise AnomalyError(
            f"value became {node.data!r} at the node with {_describe(node)}; "
            f"check that the inputs of this operation are in its domain"
        )


def _checked_sweep(root: Value, seed: float) -> List[Value]:
    """Run the backward sweep, raising `AnomalyError` at the first NaN or inf.

    Values are checked before the sweep. During the sweep, every
    contribution is checked where it is sent, so that the error names the
    node whose local gradient produced the bad number, not the parent that
    received it.
    """
    order = topological_order(root)
    for node in order:
        _check_value(node)
        if not node.parents and node.grad is not None and not math.isfinite(node.grad):
            label = f" {node.label!r}" if node.label else ""
            raise AnomalyError(
                f"gradient of the leaf{label} with value {node.data!r} is already "
                f"{node.grad!r} before backward, because leaf gradients accumulate "
                f"across calls. Call zero_grad() before backward()"
            )
    for node in order:
        if node.parents or node.grad is None:
            node.grad = 0.0
    root.grad += seed
    if not math.isfinite(root.grad):
        raise AnomalyError(
            f"gradient became {root.grad!r} at the output, the node with {_describe(root)}, "
            f"after adding the seed gradient {seed!r}. Pass a finite seed"
        )

    for node in reversed(order):
        g = node.grad
        count = len(node.parents)
        for index, (parent, local_grad) in enumerate(zip(node.parents, node.local_grads)):
            previous = parent.grad
            sent = local_grad * g
            parent.grad = previous + sent
            if not math.isfinite(parent.grad) and math.isfinite(g) and math.isfinite(previous):
                raise AnomalyError(_bad_contribution(node, index, count, local_grad, g, previous))
    return order


def _bad_contribution(
    node: Value, index: int, count: int, local_grad: float, g: float, previous: float
) -> str:
    """Describe a contribution that made a parent's gradient NaN or inf, and the fix."""
    parent = node.parents[index]
    sent = local_grad * g
    total = previous + sent
    parent_name = f"label {parent.label!r}, value {parent.data!r}" if parent.label else (
        f"value {parent.data!r}"
    )
    head = (
        f"gradient became {total!r} at the node with {_describe(node)} and value "
        f"{node.data!r}. It sent local gradient {local_grad!r} * incoming gradient {g!r} "
        f"= {sent!r} to parent {index + 1} of {count} ({parent_name})"
    )
    inputs = "The input" if count == 1 else "An input"
    if not math.isfinite(local_grad):
        return (
            f"{head}. {inputs} of {node.op} is at the edge of its domain, where the local "
            f"gradient is {local_grad!r}. Move it inside the domain, for example by adding "
            f"a small constant"
        )
    if not math.isfinite(sent):
        return (
            f"{head}. The product overflowed float64 although both factors are finite. "
            f"Scale the loss down or look for exploding gradients"
        )
    return (
        f"{head}. Adding it to the parent's total {previous!r} overflowed float64. "
        f"Scale the loss down or look for exploding gradients"
    )


def _new_checked(data: float, parents: tuple, local_grads: tuple, op: str) -> Value:
    out = _unchecked_new(data, parents, local_grads, op)
    _check_value(out)
    return out


_unchecked_new = ops._new


@contextlib.contextmanager
def detect_anomaly() -> Iterator[None]:
    """Raise `AnomalyError` at the first node whose value or gradient is NaN or inf.

    Inside the block every new node's value is checked as it is computed,
    and ``backward()`` checks every contribution that a node sends to a
    parent. The error names the node that produced the bad number, with its
    op, label, value and parents' values, and for a gradient the local
    gradient it sent. Outside the block nothing is checked.

    >>> x = Value(-1.0, label="x")
    >>> with detect_anomaly():
    ...     y = x.log()
    Traceback (most recent call last):
    ...
    autograd.backward.AnomalyError: value became nan at the node with op 'log', parents' values [-1.0]; check that the inputs of this operation are in its domain
    """
    global _anomaly_depth
    _anomaly_depth += 1
    ops._new = _new_checked
    try:
        yield
    finally:
        _anomaly_depth -= 1
        if _anomaly_depth == 0:
            ops._new = _unchecked_new


Value.backward = backward  # type: ignore[attr-defined]
Value.zero_grad = zero_grad  # type: ignore[attr-defined]
