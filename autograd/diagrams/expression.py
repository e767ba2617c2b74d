"""Parse an arithmetic expression into a Value graph, safely.

The expression is read with ``ast`` and only an allow-list of nodes is
evaluated: numbers, the given names, ``+ - * / **``, unary minus and
plus, and calls to a few functions of one or two arguments. Nothing is
passed to ``eval``.
"""

from __future__ import annotations

import ast
from typing import Callable, Dict, Union

from .. import ops
from ..value import Value

__all__ = ["ExpressionError", "FUNCTIONS", "parse_expression"]

Operand = Union[Value, float]


class ExpressionError(ValueError):
    """An expression that cannot be parsed or evaluated, with the reason and column."""


# name -> (number of arguments, function on Values)
FUNCTIONS: Dict[str, tuple] = {
    "max": (2, ops.maximum),
    "min": (2, ops.minimum),
    "sigmoid": (1, ops.sigmoid),
    "tanh": (1, ops.tanh),
    "relu": (1, ops.relu),
    "exp": (1, ops.exp),
    "log": (1, ops.log),
    "abs": (1, ops.abs),
}

_BINARY: Dict[type, Callable[[Operand, Operand], Operand]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a ** b,
}


def parse_expression(text: str, variables: Dict[str, float]) -> Value:
    """Evaluate ``text`` with each name bound to a labelled leaf Value.

    >>> f = parse_expression("2*(x*y + max(z, w))", {"x": 3, "y": -4, "z": 2, "w": -1})
    >>> f.data
    -20.0
    >>> parse_expression("x.real", {"x": 1})
    Traceback (most recent call last):
    ...
    autograd.diagrams.expression.ExpressionError: attribute access is not allowed (column 1)
    """
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        raise ExpressionError(f"invalid expression {text!r}: {error.msg} (column {error.offset})") from None

    leaves = {name: Value(value, label=name) for name, value in variables.items()}
    result = _evaluate(tree.body, leaves)
    if not isinstance(result, Value):
        raise ExpressionError(f"the expression {text!r} uses no variable, so there is no gradient to draw")
    return result


def _where(node: ast.AST) -> str:
    return f"(column {getattr(node, 'col_offset', 0) + 1})"


def _evaluate(node: ast.AST, leaves: Dict[str, Value]) -> Operand:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise ExpressionError(f"{node.value!r} is not a real number {_where(node)}")
        return float(node.value)

    if isinstance(node, ast.Name):
        if node.id not in leaves:
            raise ExpressionError(f"name {node.id!r} has no value {_where(node)}; add {node.id}=NUMBER")
        return leaves[node.id]

    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left = _evaluate(node.left, leaves)
        right = _evaluate(node.right, leaves)
        return _BINARY[type(node.op)](left, right)

    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _evaluate(node.operand, leaves)
        return -operand if isinstance(node.op, ast.USub) else operand

    if isinstance(node, ast.Call):
        return _call(node, leaves)

    if isinstance(node, ast.Attribute):
        raise ExpressionError(f"attribute access is not allowed {_where(node)}")
    raise ExpressionError(
        f"{type(node).__name__} is not allowed {_where(node)}; use numbers, names, "
        f"+ - * / ** and the functions {', '.join(FUNCTIONS)}"
    )


def _call(node: ast.Call, leaves: Dict[str, Value]) -> Operand:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        name = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
        raise ExpressionError(
            f"unknown function {name!r} {_where(node)}; use one of {', '.join(FUNCTIONS)}"
        )
    name = node.func.id
    arity, function = FUNCTIONS[name]
    if node.keywords or len(node.args) != arity:
        raise ExpressionError(f"{name}() takes {arity} positional argument(s) {_where(node)}")

    args = [_evaluate(arg, leaves) for arg in node.args]
    if any(isinstance(arg, Value) for arg in args):
        return function(*args)

    # Only numbers: the result is a constant, not a node.
    return function(*(Value(arg) for arg in args)).data
