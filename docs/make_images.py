"""Render the images of the user guide into docs/images/.

Run from the repository root after ``pip install -e ".[viz]"``:

    python docs/make_images.py

Every image is an SVG made by `autograd.draw`, `autograd.backward_steps`
or `nn.network_view`, from the same code as the examples in the guide.
Graphviz versions lay out a little differently, so the files can change
by a few coordinates from one machine to another. The reference figure,
docs/images/reference-figure.svg, is made elsewhere and is not touched.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nn
from autograd import Value, backward_steps, draw

IMAGES = Path(__file__).resolve().parent / "images"


def reference_example():
    """Return f = 2 (x y + max(z, w)) at x = 3, y = -4, z = 2, w = -1, before backward."""
    x, y = Value(3, label="x"), Value(-4, label="y")
    z, w = Value(2, label="z"), Value(-1, label="w")
    return 2 * (x * y + z.max(w))


def saturated_neuron():
    """Return the sigmoid neuron of the guide with its sigmoid input at a = 10, after backward."""
    w0, x0 = Value(2.0, label="w0"), Value(3.5, label="x0")
    w1, x1 = Value(-3.0, label="w1"), Value(-2.0, label="x1")
    w2 = Value(-3.0, label="w2")
    f = (w0 * x0 + w1 * x1 + w2).sigmoid()
    f.backward()
    return f


def diagrams_to_render():
    """Yield (file name, diagram) for every image of the guide."""
    f = reference_example()
    yield "diagram-before-backward.svg", draw(f)

    f.backward()
    yield "diagram-top-to-bottom.svg", draw(f, direction="TB")
    yield "diagram-values-only.svg", draw(f, show_gradients=False, decimals=0)
    yield "diagram-local-grads.svg", draw(f, show_local_grads=True)
    yield "diagram-colours-title.svg", draw(
        f, colours={"value": "#0550ae", "gradient": "#bc4c00"}, title="f = 2 (x y + max(z, w))")

    steps = list(backward_steps(reference_example()))
    yield "diagram-step-2.svg", steps[2]

    yield "diagram-small-gradient.svg", draw(saturated_neuron(), decimals=3, small_gradient=1e-3)

    model = nn.MLP(2, [2, 2], seed=0)
    loss = nn.cross_entropy(model([0.5, -1.0]), 1)
    loss.backward()
    yield "diagram-group-by-neuron.svg", draw(loss, group_by="neuron")

    model = nn.MLP(2, [3, 2], activation="tanh", seed=0)
    yield "network-view.svg", nn.network_view(model, [0.5, -1.0], 1)


def main() -> int:
    IMAGES.mkdir(exist_ok=True)
    for name, diagram in diagrams_to_render():
        path = diagram.save(IMAGES / name)
        print(f"wrote {path.relative_to(IMAGES.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
