"""Random expression graphs built from every op, replayable on Values or torch tensors.

A recipe is a list of steps ``(op_name, i, j)``: each step applies an op to
items ``i`` and ``j`` of a growing pool that starts with the inputs, so
that nodes are reused (fan-out) as well as chained. The ops keep their
arguments inside their domains, and each reports how far its argument is
from a kink, so that tests can stay away from points where the derivative
does not exist.
"""

import math

from hypothesis import strategies as st

import autograd


class ValueLib:
    """The operations for flowgrad Values."""

    maximum = staticmethod(autograd.maximum)
    minimum = staticmethod(autograd.minimum)

    @staticmethod
    def leaky_relu(x, slope):
        return x.leaky_relu(slope)

    @staticmethod
    def total(items):
        return autograd.sum(items)


def _data(x):
    return x.item() if hasattr(x, "item") else x.data


# name -> (function of (lib, a, b), distance of the arguments from a kink)
OPS = {
    "add": (lambda lib, a, b: a + b, None),
    "sub": (lambda lib, a, b: a - b, None),
    "mul": (lambda lib, a, b: a * b, None),
    "div": (lambda lib, a, b: a / (b * b + 0.5), None),
    "scale": (lambda lib, a, b: 2.5 * a, None),
    "shift": (lambda lib, a, b: a - 0.75, None),
    "rsub": (lambda lib, a, b: 3 - a, None),
    "rdiv": (lambda lib, a, b: 3 / (a * a + 0.5), None),
    "neg": (lambda lib, a, b: -a, None),
    "square": (lambda lib, a, b: a**2, None),
    "cube": (lambda lib, a, b: a**3, None),
    "pow": (lambda lib, a, b: (a * a + 0.5) ** b.tanh(), None),
    "rpow": (lambda lib, a, b: 2 ** a.tanh(), None),
    "exp": (lambda lib, a, b: a.tanh().exp(), None),
    "log": (lambda lib, a, b: (a * a + 0.5).log(), None),
    "tanh": (lambda lib, a, b: a.tanh(), None),
    "sigmoid": (lambda lib, a, b: a.sigmoid(), None),
    "relu": (lambda lib, a, b: a.relu(), lambda a, b: abs(a)),
    "leaky_relu": (lambda lib, a, b: lib.leaky_relu(a, 0.1), lambda a, b: abs(a)),
    "abs": (lambda lib, a, b: abs(a), lambda a, b: abs(a)),
    "max": (lambda lib, a, b: lib.maximum(a, b), lambda a, b: abs(a - b)),
    "min": (lambda lib, a, b: lib.minimum(a, b), lambda a, b: abs(a - b)),
    "sum": (lambda lib, a, b: lib.total([a, b, a]), None),
}


def recipes(max_inputs=3, max_steps=6):
    """A strategy for (input values, steps)."""
    inputs = st.lists(
        st.floats(min_value=-2.0, max_value=2.0, allow_nan=False), min_size=1, max_size=max_inputs
    )
    step = st.tuples(st.sampled_from(sorted(OPS)), st.integers(0, 50), st.integers(0, 50))
    return st.tuples(inputs, st.lists(step, min_size=1, max_size=max_steps))


def replay(lib, steps, inputs):
    """Apply the steps to the inputs and return (output, smallest kink distance)."""
    pool = list(inputs)
    margin = math.inf
    for name, i, j in steps:
        a, b = pool[i % len(pool)], pool[j % len(pool)]
        build, kink = OPS[name]
        if kink is not None:
            margin = min(margin, kink(_data(a), _data(b)))
        pool.append(build(lib, a, b))
    out = pool[len(inputs)]
    for item in pool[len(inputs) + 1 :]:
        out = out + item
    return out, margin
