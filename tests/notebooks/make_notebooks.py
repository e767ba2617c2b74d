"""Write the teaching notebooks demos/*.ipynb from the cell texts below.

The notebooks are stored with no outputs. Edit the cells here, then run

    python tests/notebooks/make_notebooks.py

and commit the .ipynb files it writes. A notebook test checks that the
committed files match this script. nbformat is imported inside `main`, so
that collecting this module for doctests needs no Jupyter packages.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Dict, List, Tuple

DEMOS = Path(__file__).resolve().parents[2] / "demos"

Cell = Tuple[str, str, Tuple[str, ...]]


def markdown(text: str) -> Cell:
    return ("markdown", textwrap.dedent(text).strip(), ())


def code(text: str, *tags: str) -> Cell:
    return ("code", textwrap.dedent(text).strip(), tags)


RULES: List[Cell] = [
    markdown("""
        # 1. The five gradient-flow rules

        Every gradient that backprop computes is built from a few local rules. This notebook
        shows each rule on the smallest graph that uses it: addition, multiplication by a
        constant, multiplication, max and sigmoid. It ends with fan-out, where gradients
        from two paths add up.

        Each diagram shows the forward value of every edge in green and its gradient in red.
        The blue number is the local derivative, the factor that the rule multiplies the
        incoming gradient by. Each gradient is also checked against a central finite
        difference.

        **Runs in:** under 10 seconds on a 2-core machine. Script version: `python demos/01_gradient_flow_rules.py`.
    """),
    code("""
        from autograd import Value, draw, gradcheck, numerical_grad


        def show_rule(f, inputs, title):
            \"\"\"Run f forward and backward, compare each gradient with a finite difference, and draw it.\"\"\"
            out = f(*inputs)
            out.backward()
            estimates = numerical_grad(f, inputs)
            for x, estimate in zip(inputs, estimates):
                print(f"d out / d {x.label}: engine {x.grad:+.6f}, central difference {estimate:+.6f}")
            gradcheck(f, inputs)  # raises GradcheckError if the two disagree
            return draw(out, show_local_grads=True, title=title)
    """),
    markdown("""
        ## Rule 1: addition

        For z = x + y, both inputs get the incoming gradient unchanged, because dz/dx = dz/dy = 1.
    """),
    code("""
        show_rule(lambda x, y: x + y, [Value(3.0, label="x"), Value(-4.0, label="y")],
                  "rule 1: z = x + y")
    """),
    markdown("""
        ## Rule 2: multiplication by a constant

        For z = 3x, the input gets 3 times the incoming gradient. The constant 3 is part of the
        operation `*3`, so it is not a node and gets no gradient.
    """),
    code("""
        show_rule(lambda x: 3 * x, [Value(2.0, label="x")], "rule 2: z = 3x")
    """),
    markdown("""
        ## Rule 3: multiplication

        For z = x y, each input gets the incoming gradient times the *other* input:
        dz/dx = y = -4 and dz/dy = x = 3.
    """),
    code("""
        show_rule(lambda x, y: x * y, [Value(3.0, label="x"), Value(-4.0, label="y")],
                  "rule 3: z = x y")
    """),
    markdown("""
        ## Rule 4: max

        max works as a switch. The larger input gets the whole gradient and the other gets 0.
    """),
    code("""
        show_rule(lambda z, w: z.max(w), [Value(2.0, label="z"), Value(-1.0, label="w")],
                  "rule 4: max(z, w)")
    """),
    markdown("""
        At a tie, max has no derivative. flowgrad gives each input half of the gradient, as
        PyTorch's `maximum` does. The central difference agrees: it moves one input up and down
        by the same step, so it also measures 0.5.
    """),
    code("""
        show_rule(lambda z, w: z.max(w), [Value(2.0, label="z"), Value(2.0, label="w")],
                  "rule 4 at a tie: max(2, 2)")
    """),
    markdown("""
        ## Rule 5: sigmoid

        For z = sigmoid(x) = 1 / (1 + exp(-x)), the local derivative is z (1 - z), written with
        the *output* z. At x = 0.5, z = 0.622459 and z (1 - z) = 0.235004.
    """),
    code("""
        show_rule(lambda x: x.sigmoid(), [Value(0.5, label="x")], "rule 5: sigmoid(x)")
    """),
    markdown("""
        ## Fan-out: gradients from several paths add up

        In y = a b + a c, the input a feeds two products. Its gradient is the sum over both
        paths: dy/da = b + c = 3 + 5 = 8. The two out-edges of a show the two terms, 3 and 5.
        The engine adds them with `+=` while it sweeps the graph in reverse topological order.
    """),
    code("""
        show_rule(lambda a, b, c: a * b + a * c,
                  [Value(2.0, label="a"), Value(3.0, label="b"), Value(5.0, label="c")],
                  "fan-out: y = a b + a c")
    """),
    markdown("""
        Next: notebook 2 chains rules 1 to 4 into the reference figure.
    """),
]


REFERENCE: List[Cell] = [
    markdown("""
        # 2. The reference figure: f = 2 (x y + max(z, w))

        This notebook builds the classic gradient-flow example one node at a time, with
        x = 3, y = -4, z = 2 and w = -1. It draws the graph before and after `backward()`,
        steps through the backward sweep with a slider, and lists every step with `explain`.
        The example uses rules 1 to 4: the sum, the constant 2, the product and max.

        **Runs in:** under 10 seconds on a 2-core machine. Script version: `python demos/02_reference_figure.py`.
    """),
    code("""
        from autograd import Value, draw, explain
        from autograd.diagrams import show_steps

        x = Value(3.0, label="x")
        y = Value(-4.0, label="y")
        z = Value(2.0, label="z")
        w = Value(-1.0, label="w")

        product = x * y           # rule 3: -12
        larger = z.max(w)         # rule 4: 2
        total = product + larger  # rule 1: -10
        f = 2 * total             # rule 2: -20
        print("f =", f.data)
    """),
    markdown("""
        ## Before backward

        The forward values are known, but no gradient has been computed yet. The gradient slots
        show a dash, not 0.00, so that "not computed yet" never looks like "zero gradient".
    """),
    code("""
        draw(f)
    """),
    markdown("""
        ## After backward

        `backward()` seeds df/df = 1 and sweeps the graph in reverse topological order.
    """),
    code("""
        f.backward()
        for name, node in [("x", x), ("y", y), ("z", z), ("w", w), ("x * y", product),
                           ("max(z, w)", larger), ("x * y + max(z, w)", total), ("f", f)]:
            print(f"{name:<18} value {node.data:>6g}   gradient {node.grad:>3g}")
    """),
    code("""
        draw(f)
    """),
    markdown("""
        Read the figure from right to left:

        - `*2` multiplies the incoming 1 by 2 (rule 2).
        - `+` passes 2 unchanged to both inputs (rule 1).
        - `*` sends y times 2 = -8 to x and x times 2 = 6 to y (rule 3).
        - `max` sends all of its 2 to z, the larger input, and 0 to w (rule 4).

        ## Step through the backward sweep

        Move the slider. Each step highlights the node being processed and the gradients it has
        just sent to its parents. Gradients that are not computed yet show as dashes. Where the
        front end cannot show widgets (for example in a notebook converted to HTML), this cell
        shows the last step as a picture instead.
    """),
    code("""
        show_steps(f)
    """, "slider"),
    markdown("""
        ## Every step as a table

        `explain` lists the sweep in the order the engine runs it. For each node it gives the
        rule, the incoming gradient, and for each parent the local derivative and the
        contribution it sends.
    """),
    code("""
        explain(f)
    """),
]


SIGMOID: List[Cell] = [
    markdown("""
        # 3. One sigmoid neuron, and saturation

        A single neuron computes f = sigmoid(w0 x0 + w1 x1 + w2). With w0 = 2, x0 = -1, w1 = -3,
        x1 = -2 and w2 = -3, its output is 0.731059. This notebook checks its gradients against
        the hand values, then moves the sigmoid's input to 10 and -10. There the sigmoid is
        saturated, and almost no gradient flows back through it. A plot of z (1 - z) shows why.

        **Runs in:** under 10 seconds on a 2-core machine. Script version: `python demos/03_sigmoid_saturation.py`.
    """),
    code("""
        %matplotlib inline
        import math

        import matplotlib.pyplot as plt

        from autograd import Value, draw


        def neuron(x0_value):
            \"\"\"Build and backpropagate the neuron with input x0; return its output node and its inputs.\"\"\"
            w0, x0 = Value(2.0, label="w0"), Value(x0_value, label="x0")
            w1, x1 = Value(-3.0, label="w1"), Value(-2.0, label="x1")
            w2 = Value(-3.0, label="w2")
            f = (w0 * x0 + w1 * x1 + w2).sigmoid()
            f.backward()
            return f, [w0, x0, w1, x1, w2]


        f, inputs = neuron(-1.0)
        print(f"output {f.data:.6f}")
        for node in inputs:
            print(f"d f / d {node.label} = {node.grad:+.6f}")
    """),
    markdown("""
        The hand values are dw0 = -0.196612, dx0 = 0.393224, dw1 = -0.393224,
        dx1 = -0.589836 and dw2 = 0.196612. The sigmoid's input is a = 1, and its local
        derivative is z (1 - z) = 0.731059 x 0.268941 = 0.196612. Every gradient is that number
        times the rest of its chain.
    """),
    code("""
        draw(f, decimals=3, show_local_grads=True, title="sigmoid neuron, a = 1")
    """),
    markdown("""
        ## Saturation: move the sigmoid's input to 10 and -10

        The sigmoid's input is a = 2 x0 + 3 here, so x0 = 3.5 gives a = 10 and x0 = -6.5 gives
        a = -10. At both points z (1 - z) is about 4.5e-5, about 4,300 times smaller than at
        a = 1. Edges whose gradient is below 1e-3 are drawn thick in purple.
    """),
    code("""
        saturated = {}
        for x0_value in (3.5, -6.5):
            f_saturated, inputs_saturated = neuron(x0_value)
            saturated[x0_value] = f_saturated
            gradients = ", ".join(f"{node.label} {node.grad:+.2e}" for node in inputs_saturated)
            print(f"x0 = {x0_value:+}: output {f_saturated.data:.6f}; gradients {gradients}")
    """),
    code("""
        draw(saturated[3.5], decimals=3, show_local_grads=True, small_gradient=1e-3,
             title="saturated: a = 10")
    """),
    code("""
        draw(saturated[-6.5], decimals=3, show_local_grads=True, small_gradient=1e-3,
             title="saturated: a = -10")
    """),
    markdown("""
        ## The local derivative z (1 - z)

        z (1 - z) is at most 0.25, at a = 0, and falls off fast on both sides. Every gradient
        that passes through a sigmoid is multiplied by it, so a saturated unit lets almost
        nothing through. This is the vanishing-gradient problem.
    """),
    code("""
        def sigmoid(a):
            return 1.0 / (1.0 + math.exp(-a))


        grid = [-12 + 24 * i / 400 for i in range(401)]
        derivative = [sigmoid(a) * (1 - sigmoid(a)) for a in grid]

        figure, axes = plt.subplots(figsize=(7, 3.5))
        axes.plot(grid, derivative, label="z (1 - z), z = sigmoid(a)")
        for a, colour in ((1.0, "tab:green"), (10.0, "tab:purple"), (-10.0, "tab:purple")):
            axes.plot([a], [sigmoid(a) * (1 - sigmoid(a))], "o", color=colour)
            axes.annotate(f"a = {a:g}", (a, sigmoid(a) * (1 - sigmoid(a))),
                          textcoords="offset points", xytext=(0, 8), ha="center")
        axes.set_xlabel("sigmoid input a")
        axes.set_ylabel("local derivative")
        axes.set_title("The sigmoid's local derivative vanishes for large |a|")
        axes.legend()
        plt.show()
    """),
]


NETWORK: List[Cell] = [
    markdown("""
        # 4. Backprop in a network

        A 2-3-2 MLP (2 inputs, 3 tanh neurons, 2 logits) with softmax cross-entropy, on one
        sample. The network view draws one circle per neuron with its pre-activation a and its
        delta dL/da. The layer-level recursion Delta(r) = f'(A(r)) ⊙ W(r+1)^T Delta(r+1),
        computed in plain floats, gives the same deltas as the scalar engine.

        **Runs in:** under 10 seconds on a 2-core machine. Script version: `python demos/04_network_backprop.py`.
    """),
    code("""
        import nn
        from autograd import draw

        model = nn.MLP(2, [3, 2], activation="tanh", seed=0)
        x = [0.5, -1.0]
        target = 1

        trace = model.trace(x)  # one (a, z) pair per neuron and layer
        logits = [z for _, z in trace[-1]]
        loss = nn.cross_entropy(logits, target)
        loss.backward()

        probabilities = [y.data for y in nn.softmax(logits)]
        print(f"softmax output {[round(p, 6) for p in probabilities]}, target class {target}")
        print(f"loss {loss.data:.6f}")
    """),
    markdown("""
        ## The network view

        Inside each neuron: a in green and its delta dL/da in red. On each edge: the weight.
        The right-hand column is the softmax output y and the one-hot target t.
    """),
    code("""
        nn.network_view(model, x, target)
    """),
    markdown("""
        ## The deltas, from the engine and from the recursion

        After `backward()`, each pre-activation node's `grad` is that neuron's delta.
        `nn.layer_deltas` computes the same deltas from the matrix formulas, without the
        engine. At the logits, Delta = Y - T.
    """),
    code("""
        recursion = nn.layer_deltas(model, x, target)
        for r, (layer, delta) in enumerate(zip(trace, recursion.Delta), start=1):
            engine = [a.grad for a, _ in layer]
            print(f"layer {r}")
            print(f"  engine     {[f'{d:+.8f}' for d in engine]}")
            print(f"  recursion  {[f'{d:+.8f}' for d in delta]}")

        print("Y - T      ", [f"{y - t:+.8f}" for y, t in zip(recursion.Y, recursion.T)])
    """),
    markdown("""
        `nn.compare_with_engine` compares every weight and bias gradient of each layer. The
        differences are at the level of float rounding.
    """),
    code("""
        comparison = nn.compare_with_engine(model, x, target)
        print(comparison)
    """),
    markdown("""
        ## The gradient of a weight: activation at the tail times delta at the head

        For the weight on the arrow from neuron i to neuron j, dL/dw = z_i delta_j. Here it is
        for the 6 weights into the two logits, where z_i is the output of hidden neuron i.
    """),
    code("""
        hidden_outputs = [z.data for _, z in trace[0]]
        for j, neuron in enumerate(model.layers[1].neurons):
            delta = trace[1][j][0].grad
            for i, weight in enumerate(neuron.w):
                product = hidden_outputs[i] * delta
                print(f"w from hidden {i} to logit {j}: engine {weight.grad:+.8f}, "
                      f"z_i * delta_j {product:+.8f}")
    """),
    markdown("""
        ## Inside one neuron: the scalar graph

        The engine itself works on scalar nodes: 40 for this loss. Here is the graph of the first
        hidden neuron, tanh(w0 x0 + w1 x1 + b). The gradient on the edge into tanh is the same
        delta, 0.146, that the network view shows as 0.15. For whole networks the scalar graph
        gets large, which is why the network view exists.
    """),
    code("""
        first_hidden_output = trace[0][0][1]
        draw(first_hidden_output, decimals=3, title="first hidden neuron")
    """),
]


TRAINING: List[Cell] = [
    markdown("""
        # 5. Training with mini-batch SGD

        This notebook trains small MLPs with `nn.fit`: first on iris, then on two moons, with
        loss curves and a decision boundary. It then compares gradient descent, stochastic
        gradient descent and mini-batch SGD on the same seed, and shows the effect of the
        learning rate. All runs are seeded, so the numbers are the same on every run.

        **Runs in:** about 10 seconds on a 2-core machine. Script version: `python demos/05_training.py`.
    """),
    code("""
        %matplotlib inline
        import math
        import os
        import tempfile
        import time

        import matplotlib.pyplot as plt
        from IPython.display import Image, display

        import nn
        from nn import data
        from nn.plots import plot_decision_boundary

        iris = data.load_iris()
        train, validation, test = data.train_val_test_split(iris, seed=0)
        (train, validation, test), _ = data.standardize(train, validation, test)
        print(f"iris: {len(train)} training, {len(validation)} validation, {len(test)} test samples")
    """),
    markdown("""
        ## Iris with mini-batch SGD

        A 4-8-3 MLP, batches of 16, learning rate 0.1. A sanity check first: before training,
        the loss should be of the order of log K for K classes, here log 3 = 1.0986. It would be
        exactly log 3 if all logits were equal. The random initial weights make them differ a
        little, so the loss starts somewhat higher.
    """),
    code("""
        model = nn.MLP(4, [8, 3], seed=0)
        print(f"initial validation loss {nn.evaluate(model, validation).loss:.4f}, log 3 = {math.log(3):.4f}")

        history = nn.fit(model, train, validation, epochs=100, batch_size=16,
                         optimizer=nn.SGD(model.parameters(), lr=0.1), patience=10, seed=0)
        print(f"stopped after {history.epochs} epochs ({history.stop_reason})")
        print(f"test accuracy {nn.evaluate(model, test).accuracy:.3f}")
    """),
    code("""
        def plot_losses(histories, title, x_axis="epoch"):
            \"\"\"Plot the training loss (solid) and validation loss (dashed) of each labelled run.\"\"\"
            figure, axes = plt.subplots(figsize=(9, 3.5), layout="constrained")
            for label, (run_history, updates_per_epoch) in histories.items():
                scale = updates_per_epoch if x_axis == "update" else 1
                steps = [scale * (i + 1) for i in range(run_history.epochs)]
                line, = axes.plot(steps, run_history.train_loss, label=f"{label}, training")
                if run_history.val_loss:
                    axes.plot(steps, run_history.val_loss, "--", color=line.get_color(),
                              label=f"{label}, validation")
            axes.set_xlabel(x_axis)
            if x_axis == "update":
                axes.set_xscale("log")
            axes.set_ylabel("mean cross-entropy")
            axes.set_yscale("log")
            axes.set_title(title)
            axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0))
            plt.show()


        plot_losses({"batch 16": (history, math.ceil(len(train) / 16))}, "iris, 4-8-3 MLP")
    """),
    markdown("""
        ## Two moons and the decision boundary

        Two interleaved half circles, which no straight line separates. A 2-8-8-2 MLP trained
        with momentum 0.9 and learning rate 0.05 learns a curved boundary.
    """),
    code("""
        moons = data.make_moons(200, noise=0.1, seed=0)
        moons_train, moons_validation, moons_test = data.train_val_test_split(moons, seed=0)
        moons_model = nn.MLP(2, [8, 8, 2], seed=0)
        moons_history = nn.fit(moons_model, moons_train, moons_validation, epochs=60, batch_size=16,
                               optimizer=nn.SGD(moons_model.parameters(), lr=0.05, momentum=0.9), seed=0)
        print(f"stopped after {moons_history.epochs} epochs ({moons_history.stop_reason})")
        print(f"test accuracy {nn.evaluate(moons_model, moons_test).accuracy:.3f}")
        plot_losses({"batch 16, lr 0.05, momentum 0.9": (moons_history, math.ceil(len(moons_train) / 16))},
                    "two moons, 2-8-8-2 MLP")
    """),
    code("""
        # plot_decision_boundary writes a PNG file, so it goes to a temporary folder.
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "moons.png")
            plot_decision_boundary(moons_model, moons, path, resolution=80)
            display(Image(filename=path))
    """),
    markdown("""
        ## Gradient descent, SGD and mini-batch SGD on the same seed

        The batch size B sets the method: B = 90 (the whole training set) is gradient descent,
        B = 1 is stochastic gradient descent, and B = 16 is mini-batch SGD. The three runs start
        from the same weights and use learning rate 0.1 for 30 epochs.

        Per epoch, SGD makes 90 updates, mini-batch SGD 6 and gradient descent 1. Each epoch
        computes the same 90 per-sample gradients, so the three runs take about the same time.

        - Per epoch, SGD's loss falls fastest, because it updates the weights most often. Its
          curve is noisy, because each step follows the gradient of a single sample.
        - Gradient descent's curve is smooth, but with one update per epoch it falls slowly.
        - Per update (log scale), the three curves nearly line up. At this learning rate, a
          step makes about the same progress whatever its batch size. Smaller batches win per
          epoch because they take more steps for the same work, and they pay with noise.
    """),
    code("""
        methods = {"gradient descent (B = 90)": 90, "mini-batch SGD (B = 16)": 16, "SGD (B = 1)": 1}
        runs = {}
        for label, batch_size in methods.items():
            run_model = nn.MLP(4, [8, 3], seed=0)
            start = time.perf_counter()
            run_history = nn.fit(run_model, train, validation, epochs=30, batch_size=batch_size,
                                 optimizer=nn.SGD(run_model.parameters(), lr=0.1), seed=0)
            seconds = time.perf_counter() - start
            runs[label] = (run_history, math.ceil(len(train) / batch_size))
            print(f"{label:<26} validation loss {run_history.val_loss[-1]:.4f}, "
                  f"test accuracy {nn.evaluate(run_model, test).accuracy:.3f}, {seconds:.2f} s")

        plot_losses(runs, "iris: loss per epoch")
        plot_losses(runs, "iris: loss per update", x_axis="update")
    """),
    markdown("""
        ## The learning rate

        Mini-batch SGD with B = 16 and four learning rates. At 0.01 the loss falls slowly. At
        1.0 it falls fast at first, then jumps around. At 10 the steps overshoot so far that
        the loss ends well above its starting value of about log 3 = 1.1.
    """),
    code("""
        rates = {}
        for lr in (0.01, 0.1, 1.0, 10.0):
            run_model = nn.MLP(4, [8, 3], seed=0)
            run_history = nn.fit(run_model, train, validation, epochs=30, batch_size=16,
                                 optimizer=nn.SGD(run_model.parameters(), lr=lr), seed=0)
            rates[f"lr {lr}"] = (run_history, math.ceil(len(train) / 16))
            print(f"lr {lr:<5} final validation loss {run_history.val_loss[-1]:.4f} ({run_history.stop_reason})")

        plot_losses(rates, "iris, mini-batch SGD: effect of the learning rate")
    """),
]


CHECKING: List[Cell] = [
    markdown("""
        # 6. Checking a hand derivation

        You derive a gradient by hand and want to know if it is right. `check_gradients`
        compares your formula with the engine and with a central finite difference. When a
        value is wrong, it names the common mistakes that reproduce your number. This notebook
        derives the gradient of a small loss, checks it, and then reads the diagnosis of some
        wrong versions.

        **Runs in:** under 10 seconds on a 2-core machine. Script version: `python demos/06_checking_derivations.py`.
    """),
    markdown("""
        ## The loss and its hand derivation

        One tanh unit and a squared error: a = w x + b, t = tanh(a), L = (t - y)^2.

        By the chain rule, with tanh'(a) = 1 - t^2 written with the *output* t:

        - dL/dw = 2 (t - y) (1 - t^2) x
        - dL/db = 2 (t - y) (1 - t^2)
        - dL/dx = 2 (t - y) (1 - t^2) w
        - dL/dy = -2 (t - y)

        Each formula becomes a function of the inputs as plain floats.
    """),
    code("""
        import math

        from autograd import assert_gradients, check_gradients, explain


        def loss(w, x, b, y):
            return ((w * x + b).tanh() - y) ** 2


        def dL_dw(w, x, b, y):
            t = math.tanh(w * x + b)
            return 2 * (t - y) * (1 - t**2) * x


        def dL_db(w, x, b, y):
            t = math.tanh(w * x + b)
            return 2 * (t - y) * (1 - t**2)


        def dL_dx(w, x, b, y):
            t = math.tanh(w * x + b)
            return 2 * (t - y) * (1 - t**2) * w


        def dL_dy(w, x, b, y):
            t = math.tanh(w * x + b)
            return -2 * (t - y)


        point = {"w": 0.6, "x": 1.5, "b": -0.2, "y": 1.0}
        report = check_gradients(loss, at=point,
                                 expected={"w": dL_dw, "b": dL_db, "x": dL_dx, "y": dL_dy})
        print("all correct:", report.ok)
        report
    """),
    markdown("""
        ## Wrong versions, and the diagnosis of each

        Four typical slips:

        - w: tanh' evaluated on the input, 1 - a^2, instead of on the output, 1 - t^2;
        - b: the factor 2 of the square dropped;
        - x: the local factor w of the product dropped;
        - y: the sign of the last step flipped.
    """),
    code("""
        def wrong_dL_dw(w, x, b, y):
            a = w * x + b
            t = math.tanh(a)
            return 2 * (t - y) * (1 - a**2) * x


        def wrong_dL_db(w, x, b, y):
            t = math.tanh(w * x + b)
            return (t - y) * (1 - t**2)


        def wrong_dL_dx(w, x, b, y):
            t = math.tanh(w * x + b)
            return 2 * (t - y) * (1 - t**2)


        def wrong_dL_dy(w, x, b, y):
            t = math.tanh(w * x + b)
            return 2 * (t - y)


        wrong = check_gradients(loss, at=point, expected={
            "w": wrong_dL_dw, "b": wrong_dL_db, "x": wrong_dL_dx, "y": wrong_dL_dy})
        print(wrong)
    """),
    markdown("""
        Each hint names a mistake that reproduces the wrong number exactly. The checker never
        claims a cause that does not reproduce it. One number can match two mistakes: for y,
        a flipped sign and a dropped factor -1 of the subtraction give the same value, so both
        hints appear. In Jupyter the report also shows as a table:
    """),
    code("""
        wrong
    """),
    markdown("""
        ## Paths through a node used twice

        In y = a b + a c, the input a has two paths to y, so dy/da = b + c = 8 at a, b, c = 2, 3, 5.
        Writing only one path (3 or 5) is a common slip, and the hint says which path is missing.
    """),
    code("""
        one_path = check_gradients(lambda a, b, c: a * b + a * c,
                                   at={"a": 2.0, "b": 3.0, "c": 5.0}, expected={"a": 3.0})
        print(one_path)
    """),
    markdown("""
        ## Kinks

        relu, abs, max and min have points with no derivative. There the engine uses a fixed
        convention, and the finite difference can give another number. The report marks such
        rows as a non-differentiable point. An expected value passes there when it lies
        between the left and the right derivative, and fails otherwise.
    """),
    code("""
        print(check_gradients(lambda x: 3 * x.relu(), at={"x": 0.0}, expected={"x": 3.0}))
    """),
    markdown("""
        ## In a test: assert_gradients

        `assert_gradients` takes the same arguments and raises `AssertionError` with the table
        when a row fails, so a pytest test can check a derivation in one line.
    """),
    code("""
        assert_gradients(loss, at=point, expected={"w": dL_dw, "b": dL_db})
        try:
            assert_gradients(loss, at=point, expected={"y": wrong_dL_dy})
        except AssertionError as error:
            print(error)
    """),
    markdown("""
        ## How the engine got its numbers

        `explain` lists the backward sweep step by step: the rule at each node, the incoming
        gradient, each local derivative and the contribution sent to each parent.
    """),
    code("""
        from autograd import Value

        w, x, b, y = (Value(point[name], label=name) for name in ("w", "x", "b", "y"))
        explain(loss(w, x, b, y))
    """),
]


WHY: List[Cell] = [
    markdown("""
        # 7. Why backprop

        To estimate every gradient of a network with N parameters by one-sided finite
        differences, you need N + 1 forward passes. Backprop needs one forward and one backward
        pass, whatever N is. This notebook measures both on MLPs of growing size, with
        `nn.why_backprop`.

        **Runs in:** about 5 seconds on a 2-core machine, most of it in the first cell. Script
        version: `python demos/why_backprop.py`, which also measures a 2-64-64-3 MLP and takes
        about 30 seconds.
    """),
    code("""
        %matplotlib inline
        import platform

        from nn import why_backprop

        # The widths after the 2 inputs; the last layer has 3 logits.
        sizes = [(2,), (4, 3), (8, 3), (16, 3), (16, 16, 3), (32, 32, 3)]
        results = why_backprop.measure(sizes, seed=0)
        print(why_backprop.format_table(results))
        print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    """),
    markdown("""
        How to read the table:

        - **FD passes** is N + 1: one forward pass for the base loss, and one for each parameter
          moved by eps.
        - **BP passes** is always 2: one forward and one backward pass.
        - **max diff** is the largest difference between the two estimates. It stays below
          eps = 1e-6, because the error of a one-sided difference is of the order of eps.

        The times are measured on the machine that runs this notebook, so they change from run
        to run. The ratio FD/BP grows with N.
    """),
    code("""
        fd_slope, bp_slope = why_backprop.growth_rates(results[-3:])
        print(f"backprop is faster in every row from N = {why_backprop.crossover(results)} parameters")
        print(f"over the 3 largest networks: finite differences ~ N^{fd_slope:.2f}, backprop ~ N^{bp_slope:.2f}")
    """),
    markdown("""
        Each forward pass costs about N multiply-adds, so N + 1 of them cost about N^2. One
        backward pass costs about as much as one forward pass, so backprop grows like N. On a
        log-log plot, the two lines have slopes of about 2 and 1.
    """),
    code("""
        figure = why_backprop.plot(results)
        figure
    """),
]


NOTEBOOKS: Dict[str, List[Cell]] = {
    "01_gradient_flow_rules.ipynb": RULES,
    "02_reference_figure.ipynb": REFERENCE,
    "03_sigmoid_saturation.ipynb": SIGMOID,
    "04_network_backprop.ipynb": NETWORK,
    "05_training.ipynb": TRAINING,
    "06_checking_derivations.ipynb": CHECKING,
    "07_why_backprop.ipynb": WHY,
}


def build(cells: List[Cell]):
    """Return a notebook with ``cells``, no outputs, and the Python 3 kernel."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    for number, (kind, text, tags) in enumerate(cells):
        if kind == "markdown":
            cell = nbformat.v4.new_markdown_cell(text)
        else:
            cell = nbformat.v4.new_code_cell(text)
        # Stable ids keep the files identical from one run of this script to the next.
        cell["id"] = f"cell-{number:02d}"
        if tags:
            cell.metadata["tags"] = list(tags)
        notebook.cells.append(cell)
    nbformat.validate(notebook)
    return notebook


def render(cells: List[Cell]) -> str:
    """Return the .ipynb text of ``cells``."""
    import nbformat

    return nbformat.writes(build(cells)) + "\n"


def main(argv: List[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEMOS
    folder.mkdir(parents=True, exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        (folder / name).write_text(render(cells), encoding="utf-8")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
