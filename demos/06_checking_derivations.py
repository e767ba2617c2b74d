"""Check a hand-derived gradient with check_gradients, and read the diagnosis of wrong ones.

The script version of 06_checking_derivations.ipynb. The loss is
L = (tanh(w x + b) - y)^2, and the right gradients use tanh' = 1 - t^2
with the output t = tanh(w x + b).

    python demos/06_checking_derivations.py
"""

import math

from autograd import check_gradients


def loss(w, x, b, y):
    return ((w * x + b).tanh() - y) ** 2


def common_factor(w, x, b, y):
    """2 (t - y) (1 - t^2): dL/da, the factor that dL/dw, dL/db and dL/dx share."""
    t = math.tanh(w * x + b)
    return 2 * (t - y) * (1 - t**2)


RIGHT = {
    "w": lambda w, x, b, y: common_factor(w, x, b, y) * x,
    "b": lambda w, x, b, y: common_factor(w, x, b, y),
    "x": lambda w, x, b, y: common_factor(w, x, b, y) * w,
    "y": lambda w, x, b, y: -2 * (math.tanh(w * x + b) - y),
}

WRONG = {
    # tanh' written with the input a instead of the output t
    "w": lambda w, x, b, y: 2 * (math.tanh(w * x + b) - y) * (1 - (w * x + b) ** 2) * x,
    # the factor 2 of the square dropped
    "b": lambda w, x, b, y: common_factor(w, x, b, y) / 2,
    # the local factor w of the product dropped
    "x": lambda w, x, b, y: common_factor(w, x, b, y),
    # the sign flipped
    "y": lambda w, x, b, y: 2 * (math.tanh(w * x + b) - y),
}


def main() -> None:
    point = {"w": 0.6, "x": 1.5, "b": -0.2, "y": 1.0}
    print("The hand derivation:")
    print(check_gradients(loss, at=point, expected=RIGHT))
    print("\nFour wrong versions:")
    print(check_gradients(loss, at=point, expected=WRONG))
    print("\nOne path of two:")
    print(check_gradients(lambda a, b, c: a * b + a * c, at={"a": 2.0, "b": 3.0, "c": 5.0},
                          expected={"a": 3.0}))


if __name__ == "__main__":
    main()
