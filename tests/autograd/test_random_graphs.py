"""Random graphs from every op agree with central finite differences."""

import math

from hypothesis import assume, given, settings

import autograd
from autograd import Value

from .graphs import ValueLib, recipes, replay


@settings(max_examples=300, deadline=None)
@given(recipes())
def test_engine_matches_central_differences(recipe):
    data, steps = recipe
    inputs = [Value(d) for d in data]
    out, margin = replay(ValueLib, steps, inputs)
    assume(margin > 1e-3)  # away from kinks, where a finite difference crosses the switch
    assume(math.isfinite(out.data) and abs(out.data) < 1e6)
    out.backward()

    numeric = autograd.numerical_grad(lambda *xs: replay(ValueLib, steps, xs)[0], inputs)
    tolerance = 1e-7 * max(1.0, abs(out.data))
    for x, n in zip(inputs, numeric):
        engine = 0.0 if x.grad is None else x.grad  # None: the output does not use x
        assert abs(engine - n) <= tolerance + 1e-4 * abs(n), (engine, n)
