"""Cluster the nodes of a network's scalar graph by layer and neuron.

A parameter's label such as ``layers.0.neurons.3.w.1`` (the names that
``nn``'s ``named_parameters()`` gives) places it in layer 0, neuron 3.
Every other node inherits the place of its parents. Among the parents
with a place, those in the deepest layer decide. If they disagree on the
neuron, the node stays outside every cluster, as a loss over all outputs
does. Inputs without a place are ignored.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from ..value import Value

__all__ = ["Place", "parameter_place", "place_nodes"]

# (layer index, neuron index)
Place = Tuple[int, int]

_PARAMETER_NAME = re.compile(r"(?:^|\.)layers\.(\d+)\.neurons\.(\d+)\.")


def parameter_place(label: str) -> Optional[Place]:
    """Return (layer, neuron) from a parameter name, or None for other labels.

    >>> parameter_place("layers.0.neurons.3.w.1")
    (0, 3)
    >>> parameter_place("x") is None
    True
    """
    match = _PARAMETER_NAME.search(label)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


def place_nodes(order: List[Value]) -> Dict[Value, Place]:
    """Assign a (layer, neuron) place to the nodes of a topological order.

    Nodes missing from the result belong to no cluster.
    """
    places: Dict[Value, Place] = {}
    for node in order:
        if node.is_leaf:
            place = parameter_place(node.label)
            if place is not None:
                places[node] = place
            continue

        parent_places = [places[p] for p in node.parents if p in places]
        if not parent_places:
            continue
        deepest = max(layer for layer, _ in parent_places)
        neurons = {neuron for layer, neuron in parent_places if layer == deepest}
        if len(neurons) == 1:
            places[node] = (deepest, neurons.pop())
    return places
