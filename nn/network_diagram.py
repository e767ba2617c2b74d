"""The network view: one circle per neuron, in columns by layer.

`network_view` runs one sample forward and backward through an MLP and
draws it in the style of a textbook's layer figures. An input column
comes first. Each layer is a column of neurons with the pre-activation a
(green) and the delta dL/da (red) inside, and each weight is on its
edge, near the neuron it feeds. A softmax output column shows each
probability y_k and target t_k. Positions are computed here, column by
column, and Graphviz only draws (the neato engine with
pinned positions), so a wide layer never takes long to lay out.
"""

from __future__ import annotations

from typing import Any, List, Optional, Sequence

from autograd import Value
from autograd.diagrams import Diagram
from autograd.diagrams.style import FONT, escape_label, format_number, make_style

from .losses import target_vector

__all__ = ["network_view"]

# Distances in points between columns and between neurons of one column.
_COLUMN_GAP = 190
_ROW_GAP = 78
_MAX_NEURONS = 200


def network_view(
    model: Any,
    x: Sequence[Any],
    target: Any,
    *,
    show_weight_grads: bool = False,
    decimals: int = 2,
    colours: Optional[dict] = None,
    title: Optional[str] = None,
) -> Diagram:
    """Draw ``model`` after a forward and backward pass of the sample ``x``.

    The loss is the softmax cross-entropy of the logits against ``target``
    (a class index or a one-hot list), as in `nn.cross_entropy`. Each
    neuron shows its pre-activation a and its delta dL/da. Each edge shows
    its weight and, with ``show_weight_grads``, dL/dw for this sample (the
    activation at the tail times the delta at the head). The model's
    parameter gradients are restored afterwards, so the view does not
    change a training run. Networks with more than 200 neurons in total
    raise ValueError.

    >>> import nn
    >>> model = nn.MLP(2, [3, 2], seed=0)
    >>> view = network_view(model, [0.5, -1.0], 1)
    >>> sorted({attrs["shape"] for attrs in view.nodes().values()})
    ['circle', 'plaintext']
    """
    from nn import cross_entropy, softmax

    import graphviz

    if not hasattr(model, "trace") or not hasattr(model, "layers"):
        raise TypeError(f"model must be an nn.MLP, got {type(model).__name__}")
    widths = [len(layer.neurons) for layer in model.layers]
    if sum(widths) > _MAX_NEURONS:
        raise ValueError(
            f"the model has {sum(widths)} neurons, more than {_MAX_NEURONS}; "
            f"draw a smaller model, or a part of it with autograd.draw(..., group_by='neuron')"
        )
    style = make_style(colours)

    parameters = [p for _, p in model.named_parameters()]
    saved = [p.grad for p in parameters]
    trace = model.trace(x)
    logits = [z for _, z in trace[-1]]
    loss = cross_entropy(logits, target)
    probabilities = [y.data for y in softmax(logits)]
    try:
        for p in parameters:
            p.grad = None
        loss.backward()
        weight_grads = {id(p): p.grad for p in parameters}
    finally:
        for p, grad in zip(parameters, saved):
            p.grad = grad

    digraph = graphviz.Digraph(
        name="network",
        engine="neato",
        graph_attr={"splines": "line", "outputorder": "edgesfirst", "fontname": FONT,
                    "bgcolor": "white", "overlap": "true", "inputscale": "72"},
        node_attr={"fontname": FONT, "fontsize": "11"},
        edge_attr={"fontname": FONT, "fontsize": "9", "arrowsize": "0.5", "color": "#8c959f"},
    )
    loss_text = f"cross-entropy L = {format_number(loss.data, decimals)}"
    digraph.graph_attr.update(label=escape_label(title + "\n" + loss_text if title else loss_text),
                              labelloc="t", fontsize="14")

    inputs = [item.data if isinstance(item, Value) else float(item) for item in x]
    columns: List[List[str]] = [[f"x{i}" for i in range(len(inputs))]]
    for i, value in enumerate(inputs):
        digraph.node(f"x{i}", f"x{i} = {format_number(value, decimals)}", shape="plaintext",
                     pos=_position(0, i, len(inputs)))

    for layer_index, (layer, pairs) in enumerate(zip(model.layers, trace)):
        column = layer_index + 1
        names = []
        for j, (neuron, (a, _)) in enumerate(zip(layer.neurons, pairs)):
            name = f"L{layer_index}n{j}"
            names.append(name)
            position = _position(column, j, len(pairs))
            digraph.node(name, escape_label(f"a {format_number(a.data, decimals)}\n "), shape="circle",
                         width="0.95", fixedsize="true", fontcolor=style.value, pos=position)
            digraph.node(name + "_delta", escape_label(f" \n\u03b4 {format_number(a.grad, decimals)}"),
                         shape="plaintext", fontcolor=style.gradient, width="0.1", height="0.1",
                         pos=position)
            for i, (tail, weight) in enumerate(zip(columns[-1], neuron.w)):
                # The weight sits near the neuron it feeds, where the incoming
                # edges are apart; mid-edge labels pile up where edges cross.
                attrs = {"headlabel": format_number(weight.data, decimals),
                         "labelfontcolor": style.value, "labeldistance": "3", "labelangle": "12"}
                if show_weight_grads:
                    attrs["label"] = format_number(weight_grads[id(weight)], decimals)
                    attrs["fontcolor"] = style.gradient
                digraph.edge(tail, name, **attrs, **{"class": "weight"})
        columns.append(names)

    output_column = len(columns)
    one_hot = target_vector(target, len(logits))
    for k, (probability, t) in enumerate(zip(probabilities, one_hot)):
        name = f"y{k}"
        text = f"y{k} = {format_number(probability, decimals)}\nt{k} = {t:g}"
        digraph.node(name, escape_label(text), shape="plaintext",
                     pos=_position(output_column, k, len(logits)))
        digraph.edge(columns[-1][k], name, label="softmax" if k == 0 else "")
    return Diagram(digraph)


def _position(column: int, row: int, rows: int) -> str:
    y = (rows - 1) / 2 * _ROW_GAP - row * _ROW_GAP
    return f"{column * _COLUMN_GAP},{y:g}!"
