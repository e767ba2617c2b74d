"""The layer-level backward recursion in plain floats, as an oracle for the engine.

For one sample, with Z(0) = X and layers r = 1 .. R+1 (the last one is the
logit layer):

- forward: A(r) = W(r) Z(r-1) + B(r) and Z(r) = f(A(r));
- at the logits: Delta(R+1) = Y - T, with Y = softmax(A(R+1)), for the
  softmax cross-entropy L = -sum_k t_k log y_k;
- backward: Delta(r) = f'(A(r)) ⊙ W(r+1)^T Delta(r+1), for r = R .. 1;
- gradients: dL/dW(r) = Delta(r) Z(r-1)^T and dL/dB(r) = Delta(r).

`layer_deltas` reads the weights' ``.data`` and computes everything with
Python floats, without building a graph, so it checks the engine
independently. `compare_with_engine` runs both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, List, Sequence

from .activations import LEAKY_SLOPE
from .losses import cross_entropy, target_vector

__all__ = ["EngineComparison", "LayerDeltas", "compare_with_engine", "layer_deltas"]

Matrix = List[List[float]]


def _derivative(activation: str, a: float) -> float:
    """f'(a) for a layer's activation, with the engine's value at a kink."""
    if activation == "sigmoid":
        s = 1.0 / (1.0 + math.exp(-a)) if a >= 0.0 else math.exp(a) / (1.0 + math.exp(a))
        return s * (1.0 - s)
    if activation == "tanh":
        return 1.0 - math.tanh(a) ** 2
    if activation == "relu":
        return 1.0 if a > 0.0 else 0.0
    if activation == "leaky_relu":
        return 1.0 if a > 0.0 else LEAKY_SLOPE
    if activation == "linear":
        return 1.0
    raise ValueError(f"unknown activation {activation!r}, use sigmoid, tanh, relu, leaky_relu or linear")


def _apply(activation: str, a: float) -> float:
    if activation == "sigmoid":
        return 1.0 / (1.0 + math.exp(-a)) if a >= 0.0 else math.exp(a) / (1.0 + math.exp(a))
    if activation == "tanh":
        return math.tanh(a)
    if activation == "relu":
        return a if a > 0.0 else 0.0
    if activation == "leaky_relu":
        return a if a > 0.0 else LEAKY_SLOPE * a
    return a


@dataclass
class LayerDeltas:
    """The recursion's results for one sample, one list entry per layer r = 1 .. R+1.

    ``A[r-1]``, ``Z[r-1]`` and ``Delta[r-1]`` are the vectors of layer r,
    ``dW[r-1][j][i]`` is dL/dW(r)_ji and ``dB[r-1]`` is dL/dB(r). ``Y`` is
    softmax(A(R+1)), ``T`` the one-hot target and ``loss`` the cross-entropy.
    """

    A: List[List[float]]
    Z: List[List[float]]
    Delta: List[List[float]]
    dW: List[Matrix]
    dB: List[List[float]]
    Y: List[float]
    T: List[float]
    loss: float


def layer_deltas(model: Any, x: Sequence[float], target: Any) -> LayerDeltas:
    """Compute A(r), Z(r), Delta(r) and the gradients of one sample by the recursion.

    ``model`` is an `nn.MLP` whose last layer gives the logits, ``x`` one
    sample's features and ``target`` a class index or a one-hot list. The
    loss is the softmax cross-entropy. Only floats are used, no graph.

    >>> from nn.layers import MLP
    >>> model = MLP(2, [3, 2], activation="tanh", seed=0)
    >>> result = layer_deltas(model, [0.5, -1.0], 1)
    >>> [round(d, 12) for d in result.Delta[-1]] == [round(y - t, 12) for y, t in zip(result.Y, result.T)]
    True
    """
    weights = [[[w.data for w in neuron.w] for neuron in layer.neurons] for layer in model.layers]
    biases = [[neuron.b.data for neuron in layer.neurons] for layer in model.layers]
    activations = [layer.activation for layer in model.layers]
    if activations[-1] != "linear":
        raise ValueError(
            f"the last layer must be linear (logits), got activation {activations[-1]!r}. "
            f"Build the model with output=\"linear\""
        )
    z = [float(xi) for xi in x]
    if len(z) != len(weights[0][0]):
        raise ValueError(f"expected {len(weights[0][0])} input features, got {len(z)}: {list(x)!r}")

    inputs, A, Z = [], [], []
    for r, (W, B) in enumerate(zip(weights, biases)):
        inputs.append(z)
        a = [math.fsum(wji * zi for wji, zi in zip(row, z)) + bj for row, bj in zip(W, B)]
        last = r == len(weights) - 1
        z = a if last else [_apply(activations[r], aj) for aj in a]
        A.append(a)
        Z.append(z)

    logits = A[-1]
    m = max(logits)
    exps = [math.exp(ak - m) for ak in logits]
    total = math.fsum(exps)
    Y = [e / total for e in exps]
    T = target_vector(target, len(logits))
    loss = m + math.log(total) - math.fsum(tk * ak for tk, ak in zip(T, logits))

    Delta: List[List[float]] = [[]] * len(weights)
    Delta[-1] = [yk - tk for yk, tk in zip(Y, T)]
    for r in range(len(weights) - 2, -1, -1):
        W_next, delta_next = weights[r + 1], Delta[r + 1]
        back = [math.fsum(W_next[k][j] * delta_next[k] for k in range(len(W_next))) for j in range(len(A[r]))]
        Delta[r] = [_derivative(activations[r], aj) * bj for aj, bj in zip(A[r], back)]

    dW = [[[dj * zi for zi in inputs[r]] for dj in Delta[r]] for r in range(len(weights))]
    dB = [list(delta) for delta in Delta]
    return LayerDeltas(A, Z, Delta, dW, dB, Y, T, loss)


@dataclass
class EngineComparison:
    """The largest |engine - recursion| over each layer's weights and biases, layer 1 first."""

    max_difference: List[float]
    deltas: LayerDeltas

    def __str__(self) -> str:
        lines = ["layer  max |engine - recursion|"]
        for r, difference in enumerate(self.max_difference, start=1):
            lines.append(f"{r:<5}  {difference:.3e}")
        return "\n".join(lines)


def compare_with_engine(model: Any, x: Sequence[float], target: Any) -> EngineComparison:
    """Run the engine and `layer_deltas` on one sample and compare their gradients per layer.

    The engine's gradients come from ``backward()`` on
    ``cross_entropy(model(x), target)``. The parameters' grads are
    restored afterwards.

    >>> from nn.layers import MLP
    >>> comparison = compare_with_engine(MLP(2, [3, 2], seed=0), [0.5, -1.0], 0)
    >>> max(comparison.max_difference) < 1e-12
    True
    """
    deltas = layer_deltas(model, x, target)
    parameters = [p for layer in model.layers for n in layer.neurons for p in n.w + [n.b]]
    saved = [p.grad for p in parameters]
    try:
        for p in parameters:
            p.grad = 0.0
        cross_entropy(model(list(x)), target).backward()

        differences = []
        for r, layer in enumerate(model.layers):
            largest = 0.0
            for j, neuron in enumerate(layer.neurons):
                for i, w in enumerate(neuron.w):
                    largest = max(largest, abs(w.grad - deltas.dW[r][j][i]))
                largest = max(largest, abs(neuron.b.grad - deltas.dB[r][j]))
            differences.append(largest)
    finally:
        for p, grad in zip(parameters, saved):
            p.grad = grad
    return EngineComparison(differences, deltas)
