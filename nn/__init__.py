"""Neural networks built from `autograd.Value`: modules, losses, optimisers and training."""

from __future__ import annotations

import importlib
from typing import Any

from . import data
from .layers import MLP, Layer, Neuron
from .losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_entropy,
    hinge,
    log_softmax,
    mse,
    softmax,
)
from .module import Module
from .optim import SGD, Adam, Optimizer
from .serialize import load, save
from .training import Evaluation, History, Progress, evaluate, fit, predict

__all__ = [
    "Adam",
    "Evaluation",
    "History",
    "Layer",
    "MLP",
    "Module",
    "Neuron",
    "Optimizer",
    "Progress",
    "SGD",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "compare_with_engine",
    "cross_entropy",
    "data",
    "evaluate",
    "fit",
    "hinge",
    "layer_deltas",
    "load",
    "log_softmax",
    "mse",
    "network_view",
    "predict",
    "save",
    "softmax",
]

# Names defined in modules that load on first use.
_LAZY = {
    "layer_deltas": "nn.deltas",
    "compare_with_engine": "nn.deltas",
    "network_view": "nn.network_diagram",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'nn' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)


def __dir__() -> list:
    # Include the lazily loaded names, so that dir() and tab completion list them.
    return sorted(set(globals()) | set(__all__))
