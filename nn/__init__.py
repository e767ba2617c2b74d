"""Neural networks built from `autograd.Value`: modules, losses, optimisers and training."""

from __future__ import annotations

import importlib
from typing import Any

__all__: list = []

# Names defined in modules that load on first use.
_LAZY = {
    "layer_deltas": "nn.deltas",
    "compare_with_engine": "nn.deltas",
    "network_view": "nn.network_view",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'nn' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)
