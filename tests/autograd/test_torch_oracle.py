"""PyTorch (float64) as a second oracle for values, gradients and conventions.

These tests run in their own CI step after ``pip install torch==2.13.0``.
"""

import math

import pytest
from hypothesis import given, settings

from autograd import Value

from .graphs import ValueLib, recipes, replay

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.torch


class TorchLib:
    """The same operations for float64 tensors."""

    maximum = staticmethod(lambda a, b: torch.maximum(a, torch.as_tensor(b, dtype=torch.float64)))
    minimum = staticmethod(lambda a, b: torch.minimum(a, torch.as_tensor(b, dtype=torch.float64)))

    @staticmethod
    def leaky_relu(x, slope):
        return torch.nn.functional.leaky_relu(x, slope)

    @staticmethod
    def total(items):
        return torch.stack(items).sum()


def run_both(steps, data):
    values = [Value(d) for d in data]
    out, _ = replay(ValueLib, steps, values)
    out.backward()

    tensors = [torch.tensor(d, dtype=torch.float64, requires_grad=True) for d in data]
    expected, _ = replay(TorchLib, steps, tensors)
    expected.backward()
    return values, out, tensors, expected


def assert_same(a, b):
    if math.isnan(b):
        assert math.isnan(a)
    else:
        assert a == pytest.approx(b, rel=1e-12, abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(recipes())
def test_random_graphs_match_torch(recipe):
    data, steps = recipe
    values, out, tensors, expected = run_both(steps, data)

    assert_same(out.data, expected.item())
    for v, t in zip(values, tensors):
        engine = 0.0 if v.grad is None else v.grad
        torch_grad = 0.0 if t.grad is None else t.grad.item()
        assert_same(engine, torch_grad)


@pytest.mark.parametrize(
    "name, data",
    [
        ("max", [1.0, 1.0]),  # tie: half each
        ("min", [-2.0, -2.0]),
        ("relu", [0.0]),
        ("abs", [0.0]),
        ("leaky_relu", [0.0]),
    ],
)
def test_kink_conventions_match_torch(name, data):
    steps = [(name, 0, len(data) - 1)]
    values, out, tensors, expected = run_both(steps, data)

    for v, t in zip(values, tensors):
        assert_same(v.grad, t.grad.item())


@pytest.mark.parametrize(
    "build",
    [
        lambda x: x.exp(),
        lambda x: x.sigmoid(),
        lambda x: x.tanh(),
        lambda x: (x - 1000).log(),
        lambda x: (x - 1000) ** 0.5,
        lambda x: 1 / (x - 1000),
    ],
    ids=["exp", "sigmoid", "tanh", "log0", "sqrt0", "div0"],
)
@pytest.mark.parametrize("point", [1000.0, -1000.0])
def test_extreme_inputs_match_torch(build, point):
    v = Value(point)
    out = build(v)
    out.backward()
    t = torch.tensor(point, dtype=torch.float64, requires_grad=True)
    expected = build(t)
    expected.backward()

    assert_same(out.data, expected.item())
    assert_same(v.grad, t.grad.item())
