"""`Module`: the base class of everything that owns parameters."""

from __future__ import annotations

from typing import Any, List, Tuple

from autograd import Value

__all__ = ["Module"]


class Module:
    """A container of parameters (leaf Values) and of other modules.

    Parameters are found by walking the attributes in definition order: a
    Value is a parameter, a Module is searched in turn, and a list is
    searched item by item with the index as part of the name. So a
    network's names read like ``layers.0.neurons.3.w.1``, and the same
    names are stored as each parameter's ``label`` for diagrams.

    Attributes whose names start with ``_`` are skipped.
    """

    def named_parameters(self) -> List[Tuple[str, Value]]:
        """Return ``(name, parameter)`` pairs in a stable order, and label each parameter.

        >>> from nn import Neuron
        >>> [name for name, _ in Neuron(2, seed=0).named_parameters()]
        ['w.0', 'w.1', 'b']
        """
        named: List[Tuple[str, Value]] = []
        stack: List[Tuple[str, Any]] = [("", self)]
        while stack:
            prefix, item = stack.pop()
            if isinstance(item, Value):
                item.label = prefix
                named.append((prefix, item))
                continue

            if isinstance(item, Module):
                children = [(k, v) for k, v in vars(item).items() if not k.startswith("_")]
            elif isinstance(item, (list, tuple)):
                children = [(str(i), v) for i, v in enumerate(item)]
            else:
                continue
            # Push in reverse so that the first child is named first.
            for key, child in reversed(children):
                stack.append((f"{prefix}.{key}" if prefix else key, child))
        return named

    def parameters(self) -> List[Value]:
        """Return every parameter, in the order of `named_parameters`."""
        return [p for _, p in self.named_parameters()]

    def zero_grad(self) -> None:
        """Set the gradient of every parameter to 0.0."""
        for p in self.parameters():
            p.grad = 0.0
