"""Backprop in a 2-3-2 MLP: the engine's deltas against the layer-level recursion.

The script version of 04_network_backprop.ipynb. It prints the deltas of
both methods and their largest difference per layer, and saves the network
view as network.svg in the current folder.

    python demos/04_network_backprop.py
"""

import nn


def main() -> None:
    model = nn.MLP(2, [3, 2], activation="tanh", seed=0)
    x, target = [0.5, -1.0], 1

    trace = model.trace(x)
    loss = nn.cross_entropy([z for _, z in trace[-1]], target)
    loss.backward()
    print(f"loss {loss.data:.6f}")

    recursion = nn.layer_deltas(model, x, target)
    for r, (layer, delta) in enumerate(zip(trace, recursion.Delta), start=1):
        print(f"layer {r}: engine    {[f'{a.grad:+.8f}' for a, _ in layer]}")
        print(f"         recursion {[f'{d:+.8f}' for d in delta]}")
    print(nn.compare_with_engine(model, x, target))

    nn.network_view(model, x, target, show_weight_grads=True).save("network.svg")
    print("saved network.svg")


if __name__ == "__main__":
    main()
