"""flowgrad's scalar autograd engine.

A `Value` contains one float. Operations on Values build a graph that records
each node's parents and local gradients, and ``backward()`` sweeps it in
reverse topological order to fill every node's ``grad``.

This package is flowgrad's engine. It is not the HIPS ``autograd`` package
from PyPI, and the two must not be installed in the same environment.
"""

import importlib
from typing import Any

from . import ops
from .backward import AnomalyError, backward, detect_anomaly, topological_order, zero_grad
from .numerical import GradcheckError, gradcheck, numerical_grad
from .ops import (
    abs,
    exp,
    leaky_relu,
    log,
    maximum,
    minimum,
    node,
    relu,
    sigmoid,
    sum,
    tanh,
)
from .value import Value

__all__ = [
    "AnomalyError",
    "GradcheckError",
    "Value",
    "abs",
    "assert_gradients",
    "backward",
    "backward_steps",
    "check_gradients",
    "detect_anomaly",
    "draw",
    "exp",
    "explain",
    "gradcheck",
    "leaky_relu",
    "log",
    "maximum",
    "minimum",
    "node",
    "numerical_grad",
    "relu",
    "save_steps",
    "show_steps",
    "sigmoid",
    "sum",
    "tanh",
    "topological_order",
    "zero_grad",
]

# Diagrams and checking tools load on first use, so that importing the
# engine needs only the standard library.
_LAZY = {
    "draw": "autograd.diagrams",
    "backward_steps": "autograd.diagrams",
    "save_steps": "autograd.diagrams",
    "show_steps": "autograd.diagrams",
    "check_gradients": "autograd.checking",
    "assert_gradients": "autograd.checking",
    "explain": "autograd.explaining",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'autograd' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)


def __dir__() -> list:
    # Include the lazily loaded names, so that dir() and tab completion list them.
    return sorted(set(globals()) | set(__all__))
