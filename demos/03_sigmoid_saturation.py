"""One sigmoid neuron, and how its gradients vanish when the sigmoid saturates.

The script version of 03_sigmoid_saturation.ipynb. It prints the
neuron's output and gradients for sigmoid inputs a = 1, 10 and -10, and
saves the three diagrams and a plot of z (1 - z) in the current folder.

    python demos/03_sigmoid_saturation.py
"""

import math

from autograd import Value, draw


def neuron(x0_value):
    """Build and backpropagate f = sigmoid(w0 x0 + w1 x1 + w2); return f and its inputs."""
    w0, x0 = Value(2.0, label="w0"), Value(x0_value, label="x0")
    w1, x1 = Value(-3.0, label="w1"), Value(-2.0, label="x1")
    w2 = Value(-3.0, label="w2")
    f = (w0 * x0 + w1 * x1 + w2).sigmoid()
    f.backward()
    return f, [w0, x0, w1, x1, w2]


def sigmoid(a):
    return 1.0 / (1.0 + math.exp(-a))


def main() -> None:
    # The sigmoid's input is a = 2 x0 + 3, so these x0 give a = 1, 10 and -10.
    for x0_value, a in ((-1.0, 1), (3.5, 10), (-6.5, -10)):
        f, inputs = neuron(x0_value)
        gradients = ", ".join(f"{node.label} {node.grad:+.6g}" for node in inputs)
        print(f"a = {a:>3}: output {f.data:.6f}; gradients {gradients}")
        draw(f, decimals=3, show_local_grads=True, small_gradient=1e-3,
             title=f"sigmoid neuron, a = {a}").save(f"neuron-a{a}.svg")

    from matplotlib.figure import Figure

    grid = [-12 + 24 * i / 400 for i in range(401)]
    figure = Figure(figsize=(7, 3.5), layout="constrained")
    axes = figure.add_subplot()
    axes.plot(grid, [sigmoid(a) * (1 - sigmoid(a)) for a in grid], label="z (1 - z), z = sigmoid(a)")
    axes.set_xlabel("sigmoid input a")
    axes.set_ylabel("local derivative")
    axes.legend()
    figure.savefig("sigmoid-derivative.png", dpi=100)
    print("saved neuron-a1.svg, neuron-a10.svg, neuron-a-10.svg and sigmoid-derivative.png")


if __name__ == "__main__":
    main()
