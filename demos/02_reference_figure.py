"""The reference figure f = 2 (x y + max(z, w)), before and after backward, step by step.

The script version of 02_reference_figure.ipynb. It prints every value
and gradient and the table of `explain`, and saves reference-before.svg,
reference-after.svg and backward-steps.html (the steps of the backward
sweep, with previous and next buttons) in the current folder.

    python demos/02_reference_figure.py
"""

from autograd import Value, backward_steps, draw, explain
from autograd.diagrams import save_steps


def main() -> None:
    x = Value(3.0, label="x")
    y = Value(-4.0, label="y")
    z = Value(2.0, label="z")
    w = Value(-1.0, label="w")
    product = x * y
    larger = z.max(w)
    total = product + larger
    f = 2 * total
    draw(f).save("reference-before.svg")

    f.backward()
    for name, node in [("x", x), ("y", y), ("z", z), ("w", w), ("x * y", product),
                       ("max(z, w)", larger), ("x * y + max(z, w)", total), ("f", f)]:
        print(f"{name:<18} value {node.data:>6g}   gradient {node.grad:>3g}")
    draw(f).save("reference-after.svg")
    save_steps(list(backward_steps(f)), "backward-steps.html", title="f = 2 (x y + max(z, w))")

    print()
    print(explain(f))
    print("\nsaved reference-before.svg, reference-after.svg and backward-steps.html")


if __name__ == "__main__":
    main()
