"""Save and load an `MLP` as JSON: its architecture and every weight, exact to the bit.

A weight is written as a JSON number with Python's shortest repr, which
``float()`` reads back to the same bits. NaN and infinities are written
as the strings ``"nan"``, ``"inf"`` and ``"-inf"``, because JSON has no
numbers for them. Loading checks everything it reads: a missing file,
invalid JSON (such as a truncated file) or a file whose content does not
describe a valid model raises an error that names the file and the
problem. No pickle is involved, so loading a file never runs code.

The layout, for ``MLP(2, [3, 1])``::

    {"format": "flowgrad.MLP", "version": 1,
     "nin": 2, "sizes": [3, 1], "activation": "tanh", "output": "linear",
     "init": null, "seed": 0,
     "layers": [[{"w": [0.1, -0.2], "b": 0.0}, ...], [...]]}
"""

from __future__ import annotations

import json
import logging
import math
import os
from typing import Any, List, Union

from .layers import MLP

__all__ = ["load", "save"]

logger = logging.getLogger(__name__)

FORMAT = "flowgrad.MLP"
VERSION = 1

PathLike = Union[str, "os.PathLike[str]"]

_NON_FINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def _encode(x: float) -> Union[float, str]:
    return x if math.isfinite(x) else repr(x)


def save(model: MLP, path: PathLike) -> None:
    """Write ``model`` to ``path`` as JSON.

    >>> import os, tempfile
    >>> model = MLP(2, [3, 1], seed=0)
    >>> path = os.path.join(tempfile.mkdtemp(), "model.json")
    >>> save(model, path)
    >>> [p.data for p in load(path).parameters()] == [p.data for p in model.parameters()]
    True
    """
    if not isinstance(model, MLP):
        raise TypeError(f"save() writes an MLP, got {type(model).__name__}")

    document = {
        "format": FORMAT,
        "version": VERSION,
        "nin": model.nin,
        "sizes": model.sizes,
        "activation": model.activation,
        "output": model.output,
        "init": model.init,
        "seed": model._seed,
        "layers": [
            [{"w": [_encode(w.data) for w in n.w], "b": _encode(n.b.data)} for n in layer.neurons]
            for layer in model.layers
        ],
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(document, f, indent=1, allow_nan=False)
        f.write("\n")


class _Reader:
    """Checks the parts of a loaded document, raising ValueError that names the file."""

    def __init__(self, path: PathLike) -> None:
        self.path = os.fspath(path)

    def fail(self, problem: str) -> ValueError:
        return ValueError(f"invalid model file {self.path!r}: {problem}")

    def field(self, document: dict, key: str, kinds: tuple, expected: str) -> Any:
        if key not in document:
            raise self.fail(f"missing key {key!r}")
        value = document[key]
        if isinstance(value, bool) or not isinstance(value, kinds):
            raise self.fail(f"{key!r} must be {expected}, got {value!r}")
        return value

    def number(self, value: Any, where: str) -> float:
        if isinstance(value, str) and value in _NON_FINITE:
            return _NON_FINITE[value]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(f"{where} must be a number, got {value!r}")
        return float(value)


def load(path: PathLike) -> MLP:
    """Read an `MLP` written by `save`, with the same architecture and weights.

    Raises FileNotFoundError for a missing file, and ValueError for a file
    that is not valid JSON or does not describe a valid model. Each message
    names the file. Weights that are NaN or infinite load as they are, with
    a logged warning.
    """
    reader = _Reader(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        raise FileNotFoundError(f"model file {reader.path!r} not found; write one with nn.save(model, path)") from None

    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise reader.fail(f"not valid JSON ({error}); the file may be truncated or edited") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise reader.fail(f"not a flowgrad model (expected \"format\": {FORMAT!r})")
    version = reader.field(document, "version", (int,), "an int")
    if version != VERSION:
        raise reader.fail(f"version {version!r} is not supported; this flowgrad reads version {VERSION}")

    model = _build(reader, document)
    _fill_weights(reader, model, reader.field(document, "layers", (list,), "a list of layers"))
    bad = [name for name, p in model.named_parameters() if not math.isfinite(p.data)]
    if bad:
        logger.warning("model file %r has %d weights that are NaN or infinite, such as %s; "
                       "it likely comes from a run that diverged", reader.path, len(bad), bad[0])
    return model


def _build(reader: _Reader, document: dict) -> MLP:
    nin = reader.field(document, "nin", (int,), "an int")
    sizes = reader.field(document, "sizes", (list,), "a list of ints")
    activation = reader.field(document, "activation", (str,), "an activation name")
    output = reader.field(document, "output", (str,), "an activation name")
    init = document.get("init")
    seed = reader.field(document, "seed", (int,), "an int")
    try:
        return MLP(nin, sizes, activation, output, init=init, seed=seed)
    except (TypeError, ValueError) as error:
        raise reader.fail(f"the architecture is invalid: {error}") from None


def _fill_weights(reader: _Reader, model: MLP, layers: List[Any]) -> None:
    if len(layers) != len(model.layers):
        raise reader.fail(f"'sizes' lists {len(model.layers)} layers but 'layers' has {len(layers)}")

    for r, (layer, stored) in enumerate(zip(model.layers, layers)):
        if not isinstance(stored, list) or len(stored) != len(layer.neurons):
            raise reader.fail(f"layer {r} must be a list of {len(layer.neurons)} neurons, got {_short(stored)}")
        for j, (neuron, entry) in enumerate(zip(layer.neurons, stored)):
            where = f"layers.{r}.neurons.{j}"
            if not isinstance(entry, dict) or "w" not in entry or "b" not in entry:
                raise reader.fail(f"{where} must be an object with keys 'w' and 'b', got {_short(entry)}")
            weights = entry["w"]
            if not isinstance(weights, list) or len(weights) != len(neuron.w):
                raise reader.fail(f"{where}.w must be a list of {len(neuron.w)} numbers, got {_short(weights)}")

            for i, (w, value) in enumerate(zip(neuron.w, weights)):
                w.data = reader.number(value, f"{where}.w.{i}")
            neuron.b.data = reader.number(entry["b"], f"{where}.b")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
