"""The five gradient-flow rules, each on its smallest graph, checked against finite differences.

The script version of 01_gradient_flow_rules.ipynb. It prints each
gradient beside its central finite difference and saves each diagram as
rule-*.svg in the current folder.

    python demos/01_gradient_flow_rules.py
"""

from autograd import Value, draw, gradcheck, numerical_grad

RULES = [
    ("rule-1-addition", "rule 1: z = x + y", lambda x, y: x + y, {"x": 3.0, "y": -4.0}),
    ("rule-2-constant", "rule 2: z = 3x", lambda x: 3 * x, {"x": 2.0}),
    ("rule-3-multiplication", "rule 3: z = x y", lambda x, y: x * y, {"x": 3.0, "y": -4.0}),
    ("rule-4-max", "rule 4: max(z, w)", lambda z, w: z.max(w), {"z": 2.0, "w": -1.0}),
    ("rule-4-max-tie", "rule 4 at a tie: max(2, 2)", lambda z, w: z.max(w), {"z": 2.0, "w": 2.0}),
    ("rule-5-sigmoid", "rule 5: sigmoid(x)", lambda x: x.sigmoid(), {"x": 0.5}),
    ("fan-out", "fan-out: y = a b + a c", lambda a, b, c: a * b + a * c, {"a": 2.0, "b": 3.0, "c": 5.0}),
]


def main() -> None:
    for filename, title, f, point in RULES:
        inputs = [Value(value, label=name) for name, value in point.items()]
        out = f(*inputs)
        out.backward()
        estimates = numerical_grad(f, inputs)
        gradcheck(f, inputs)  # raises GradcheckError if the engine and the estimate disagree

        print(title)
        for x, estimate in zip(inputs, estimates):
            print(f"  d out / d {x.label}: engine {x.grad:+.6f}, central difference {estimate:+.6f}")
        path = draw(out, show_local_grads=True, title=title).save(f"{filename}.svg")
        print(f"  saved {path}")


if __name__ == "__main__":
    main()
