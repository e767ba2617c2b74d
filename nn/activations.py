"""The activation functions a neuron can use, by name, as graph ops and as float functions.

The float versions repeat the engine's arithmetic exactly, so that a
forward pass without a graph (`nn.MLP.evaluate`) gives the same bits.
"""

from __future__ import annotations

import math
from typing import Callable, Dict, Optional

from autograd import ieee, ops

__all__ = ["ACTIVATIONS", "check_activation"]

ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "linear")

# The slope of leaky_relu for negative inputs, the engine's default.
LEAKY_SLOPE = 0.01

# name -> op on a Value; None means the identity (no extra node).
GRAPH_OPS: Dict[str, Optional[Callable]] = {
    "sigmoid": ops.sigmoid,
    "tanh": ops.tanh,
    "relu": ops.relu,
    "leaky_relu": ops.leaky_relu,
    "linear": None,
}


def _sigmoid(x: float) -> float:
    if x >= 0.0:
        return 1.0 / (1.0 + ieee.exp(-x))
    e = ieee.exp(x)
    return e / (1.0 + e)


def _relu(x: float) -> float:
    return x if x > 0.0 else 0.0


def _leaky_relu(x: float) -> float:
    return x if x > 0.0 else LEAKY_SLOPE * x


def _linear(x: float) -> float:
    return x


FLOAT_FUNCTIONS: Dict[str, Callable[[float], float]] = {
    "sigmoid": _sigmoid,
    "tanh": math.tanh,
    "relu": _relu,
    "leaky_relu": _leaky_relu,
    "linear": _linear,
}


def check_activation(name: object, parameter: str = "activation") -> str:
    """Return ``name`` if it names an activation, else raise ValueError or TypeError.

    >>> check_activation("softplus")
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'softplus'; use one of sigmoid, tanh, relu, leaky_relu, linear
    """
    if not isinstance(name, str):
        raise TypeError(f"{parameter} must be a str, got {type(name).__name__} {name!r}")
    if name not in GRAPH_OPS:
        raise ValueError(f"unknown {parameter} {name!r}; use one of {', '.join(ACTIVATIONS)}")
    return name
