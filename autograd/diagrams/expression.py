"""Parse an arithmetic expression into a Value graph, safely.

The expression is read with ``ast`` and only an allow-list of nodes is
evaluated: numbers, the given names, ``+ - * / **``, unary minus and
plus, and calls to a few functions of one or two arguments. Nothing is
passed to ``eval``.
"""

from __future__ import annotations

import ast
from typing import Callable, Dict, List, Tuple, Union

from .. import ieee, ops
from ..value import Value, as_float

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

# Numbers between two constants follow the engine's IEEE 754 semantics, so
# that 1/0 is inf and 9**9**9 is inf where Python raises.
_BINARY: Dict[type, Callable[[Operand, Operand], Operand]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: ieee.divide(a, b) if _numbers(a, b) else a / b,
    ast.Pow: lambda a, b: ieee.power(a, b) if _numbers(a, b) else a ** b,
}


def _numbers(a: Operand, b: Operand) -> bool:
    return not isinstance(a, Value) and not isinstance(b, Value)


def parse_expression(text: str, variables: Dict[str, float]) -> Value:
    """Evaluate ``text`` with each name bound to a labelled leaf Value.

    Leading and trailing spaces are ignored. Nesting of any depth that
    Python's parser accepts is evaluated without recursion.

    >>> f = parse_expression("2*(x*y + max(z, w))", {"x": 3, "y": -4, "z": 2, "w": -1})
    >>> f.data
    -20.0
    >>> parse_expression("x.real", {"x": 1})
    Traceback (most recent call last):
    ...
    autograd.diagrams.expression.ExpressionError: attribute access is not allowed (column 1)
    """
    text = text.strip()
    tree = _parse(text)
    leaves = {name: Value(value, label=name) for name, value in variables.items()}
    result = _evaluate(tree.body, leaves)
    if not isinstance(result, Value):
        raise ExpressionError(
            f"the expression {_shorten(repr(text))} uses no variable, so there is no gradient to draw"
        )
    return result


def _parse(text: str) -> ast.Expression:
    try:
        return ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise ExpressionError(
            f"invalid expression {_shorten(repr(text))}: {error.msg} (column {error.offset})"
        ) from None
    except (RecursionError, MemoryError):
        # Python's parser gives up on very deep nesting or very long chains
        # of operators, such as a sum of 3,000 terms in Python 3.11.
        raise ExpressionError(
            f"the expression of {len(text)} characters is too deeply nested or too long "
            f"for Python's parser; split it into shorter expressions"
        ) from None


def _shorten(text: str, limit: int = 60) -> str:
    """Cut ``text`` to ``limit`` characters for an error message, followed by its length."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text)} characters)"


def _where(node: ast.AST) -> str:
    return f"(column {getattr(node, 'col_offset', 0) + 1})"


def _evaluate(root: ast.AST, leaves: Dict[str, Value]) -> Operand:
    """Evaluate the tree under ``root`` in post-order with an explicit stack.

    The stack contains (node, expanded) pairs: a node is first expanded, which
    pushes its operands, and evaluated when it comes back, from the
    results of its operands on ``results``.
    """
    results: List[Operand] = []
    stack: List[Tuple[ast.AST, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        operands = _operands(node, leaves)
        if not expanded and operands:
            stack.append((node, True))
            stack.extend((operand, False) for operand in reversed(operands))
            continue

        count = len(operands)
        args = results[len(results) - count:] if count else []
        del results[len(results) - count:]
        results.append(_apply(node, args, leaves))
    return results[0]


def _operands(node: ast.AST, leaves: Dict[str, Value]) -> List[ast.AST]:
    """Return the operands of an allowed node, or raise ExpressionError for any other."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise ExpressionError(f"{_shorten(repr(node.value))} is not a real number {_where(node)}")
        return []
    if isinstance(node, ast.Name):
        if node.id not in leaves:
            raise ExpressionError(f"name {node.id!r} has no value {_where(node)}; add {node.id}=NUMBER")
        return []
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return [node.operand]
    if isinstance(node, ast.Call):
        _check_call(node)
        return list(node.args)

    if isinstance(node, ast.Attribute):
        raise ExpressionError(f"attribute access is not allowed {_where(node)}")
    raise ExpressionError(
        f"{type(node).__name__} is not allowed {_where(node)}; use numbers, names, "
        f"+ - * / ** and the functions {', '.join(FUNCTIONS)}"
    )


def _apply(node: ast.AST, args: List[Operand], leaves: Dict[str, Value]) -> Operand:
    if isinstance(node, ast.Constant):
        # An int beyond the float range, such as 10**400 written out, becomes inf.
        return as_float(node.value)
    if isinstance(node, ast.Name):
        return leaves[node.id]
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](args[0], args[1])
    if isinstance(node, ast.UnaryOp):
        return -args[0] if isinstance(node.op, ast.USub) else args[0]

    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)  # checked by _operands
    function = FUNCTIONS[node.func.id][1]
    if any(isinstance(arg, Value) for arg in args):
        return function(*args)
    # Only numbers: the result is a constant, not a node.
    return function(*(Value(arg) for arg in args)).data


def _check_call(node: ast.Call) -> None:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        if isinstance(node.func, ast.Name):
            raise ExpressionError(
                f"unknown function {node.func.id!r} {_where(node)}; use one of {', '.join(FUNCTIONS)}"
            )
        raise ExpressionError(
            f"only the functions {', '.join(FUNCTIONS)} can be called {_where(node)}"
        )
    name = node.func.id
    arity = FUNCTIONS[name][0]
    starred = any(isinstance(arg, ast.Starred) for arg in node.args)
    if node.keywords or starred or len(node.args) != arity:
        raise ExpressionError(f"{name}() takes {arity} positional argument(s) {_where(node)}")
