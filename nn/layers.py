"""Dense layers: `Neuron`, `Layer` and the multi-layer perceptron `MLP`.

A neuron computes the pre-activation a = sum_i w_i x_i + b as one n-ary
addition node, then the output z = f(a). A layer is a list of neurons
that read the same inputs, and an MLP is a chain of layers:
Z(r) = f(W(r) Z(r-1) + B(r)), with a linear output layer by default so
that the network returns logits.

Inputs are checked once, where they enter the model (a wrong length, or
an item that is not a number), and plain numbers become leaf Values
labelled ``x.0``, ``x.1`` and so on. The per-neuron code after that check
does no validation, because it runs for every sample.
"""

from __future__ import annotations

import numbers
import random
from typing import Any, List, Optional, Sequence, Tuple

from autograd import Value
from autograd.ops import sum as _sum

from .activations import FLOAT_FUNCTIONS, GRAPH_OPS, check_activation
from .init import INITS, default_init, init_weights, make_rng
from .module import Module

__all__ = ["Layer", "MLP", "Neuron"]

Input = Sequence[Any]
Trace = List[List[Tuple[Value, Value]]]


def as_inputs(x: Input, nin: int) -> List[Value]:
    """Check one sample's features and return them as Values.

    >>> as_inputs([1.0, 2.0], 3)
    Traceback (most recent call last):
    ...
    ValueError: expected 3 input features, got 2: [1.0, 2.0]
    """
    if isinstance(x, (str, bytes)) or not isinstance(x, Sequence):
        raise TypeError(f"input must be a list of {nin} numbers or Values, got {type(x).__name__} {x!r}")
    if len(x) != nin:
        raise ValueError(f"expected {nin} input features, got {len(x)}: {list(x)!r}")

    values = []
    for i, item in enumerate(x):
        if isinstance(item, Value):
            values.append(item)
        elif isinstance(item, numbers.Real):
            values.append(Value(item, label=f"x.{i}"))
        else:
            raise TypeError(
                f"input feature {i} must be a real number or a Value, got {type(item).__name__} {item!r}"
            )
    return values


def _check_size(n: Any, name: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{name} must be an int, got {type(n).__name__} {n!r}")
    if n < 1:
        raise ValueError(f"{name} must be at least 1, got {n!r}")
    return n


def _check_init(init: Optional[str], activation: str) -> str:
    if init is None:
        return default_init(activation)
    if init not in INITS:
        raise ValueError(f"unknown init {init!r}; use one of {', '.join(INITS)}, or None for the default")
    return init


class Neuron(Module):
    """One neuron: z = f(sum_i w_i x_i + b).

    ``init`` is ``"glorot"``, ``"he"`` or None (He for ``relu`` and
    ``leaky_relu``, Glorot otherwise). ``fan_out`` is the number of
    neurons in the layer, which the Glorot and He variances use. The
    weights come from ``rng``, or from ``random.Random(seed)`` (seed 0
    when both are None). The bias starts at 0.

    >>> n = Neuron(2, "sigmoid", seed=0)
    >>> n.w[0].data, n.w[1].data, n.b.data = 2.0, -3.0, -3.0
    >>> round(n([-1.0, -2.0]).data, 6)
    0.731059
    """

    def __init__(
        self,
        nin: int,
        activation: str = "tanh",
        *,
        init: Optional[str] = None,
        seed: Optional[int] = None,
        rng: Optional[random.Random] = None,
        fan_out: int = 1,
    ) -> None:
        _check_size(nin, "nin")
        _check_size(fan_out, "fan_out")
        self.activation = check_activation(activation)
        init = _check_init(init, activation)
        rng = make_rng(seed, rng)

        self.w = [Value(w) for w in init_weights(init, nin, fan_out, rng)]
        self.b = Value(0.0)
        self._op = GRAPH_OPS[activation]
        self._float_op = FLOAT_FUNCTIONS[activation]
        self.named_parameters()

    @property
    def nin(self) -> int:
        """The number of inputs."""
        return len(self.w)

    def __call__(self, x: Input) -> Value:
        """Return the output z for one sample's inputs."""
        return self.forward(as_inputs(x, len(self.w)))[1]

    def forward(self, x: Sequence[Value]) -> Tuple[Value, Value]:
        """Return (a, z) for inputs that are already Values (no checks)."""
        a = _sum([wi * xi for wi, xi in zip(self.w, x)] + [self.b])

        op = self._op
        return a, (a if op is None else op(a))

    def evaluate(self, x: Sequence[float]) -> float:
        """Return z as a float, with the arithmetic of `forward` and no graph."""
        total = 0.0
        for wi, xi in zip(self.w, x):
            total += wi.data * xi
        total += self.b.data
        return self._float_op(total)

    def __repr__(self) -> str:
        return f"Neuron({len(self.w)}, activation={self.activation!r})"


class Layer(Module):
    """``nout`` neurons that read the same ``nin`` inputs.

    Calling a layer returns a list of ``nout`` Values, also when ``nout``
    is 1.

    >>> Layer(3, 2, seed=0)([1.0, 2.0, 3.0]).__class__.__name__
    'list'
    """

    def __init__(
        self,
        nin: int,
        nout: int,
        activation: str = "tanh",
        *,
        init: Optional[str] = None,
        seed: Optional[int] = None,
        rng: Optional[random.Random] = None,
    ) -> None:
        _check_size(nin, "nin")
        _check_size(nout, "nout")
        self.activation = check_activation(activation)
        rng = make_rng(seed, rng)

        self.neurons = [
            Neuron(nin, activation, init=init, rng=rng, fan_out=nout) for _ in range(nout)
        ]
        self.named_parameters()

    @property
    def nin(self) -> int:
        """The number of inputs."""
        return self.neurons[0].nin

    def __call__(self, x: Input) -> List[Value]:
        """Return the outputs of all neurons for one sample's inputs."""
        return [z for _, z in self.forward(as_inputs(x, self.nin))]

    def forward(self, x: Sequence[Value]) -> List[Tuple[Value, Value]]:
        """Return each neuron's (a, z) for inputs that are already Values (no checks)."""
        return [n.forward(x) for n in self.neurons]

    def evaluate(self, x: Sequence[float]) -> List[float]:
        """Return the outputs as floats, without a graph."""
        return [n.evaluate(x) for n in self.neurons]

    def __repr__(self) -> str:
        return f"Layer({self.nin}, {len(self.neurons)}, activation={self.activation!r})"


class MLP(Module):
    """A multi-layer perceptron: ``nin`` inputs, then one layer per entry of ``sizes``.

    Hidden layers use ``activation`` and the last layer uses ``output``
    (linear by default, so a classifier returns logits). ``seed`` fixes
    every weight: ``MLP(2, [16, 16, 1], seed=0)`` builds the same network
    on every machine.

    >>> model = MLP(2, [4, 3], seed=0)
    >>> [name for name, _ in model.named_parameters()][:3]
    ['layers.0.neurons.0.w.0', 'layers.0.neurons.0.w.1', 'layers.0.neurons.0.b']
    >>> len(model([0.5, -1.0])), len(model.parameters())
    (3, 27)
    """

    def __init__(
        self,
        nin: int,
        sizes: Sequence[int],
        activation: str = "tanh",
        output: str = "linear",
        init: Optional[str] = None,
        seed: int = 0,
    ) -> None:
        _check_size(nin, "nin")
        if isinstance(sizes, (str, bytes)) or not isinstance(sizes, Sequence) or not sizes:
            raise TypeError(f"sizes must be a non-empty list of layer widths, such as [16, 3], got {sizes!r}")
        sizes = [_check_size(n, f"sizes[{i}]") for i, n in enumerate(sizes)]
        check_activation(activation)
        check_activation(output, "output activation")
        if init is not None and init not in INITS:
            raise ValueError(f"unknown init {init!r}; use one of {', '.join(INITS)}, or None for the default")
        rng = make_rng(seed, None)

        self._nin = nin
        self._sizes = list(sizes)
        self._activation = activation
        self._output = output
        self._init = init
        self._seed = seed

        widths = [nin] + list(sizes)
        self.layers = []
        for i in range(len(sizes)):
            last = i == len(sizes) - 1
            layer_activation = output if last else activation
            self.layers.append(Layer(widths[i], widths[i + 1], layer_activation, init=init, rng=rng))
        self.named_parameters()

    @property
    def nin(self) -> int:
        """The number of input features."""
        return self._nin

    @property
    def sizes(self) -> List[int]:
        """The width of each layer, the output layer last."""
        return list(self._sizes)

    @property
    def activation(self) -> str:
        """The activation of the hidden layers."""
        return self._activation

    @property
    def output(self) -> str:
        """The activation of the output layer."""
        return self._output

    @property
    def init(self) -> Optional[str]:
        """The initialisation rule given, or None for the default of each layer."""
        return self._init

    def __call__(self, x: Input) -> List[Value]:
        """Return the output Values (logits, with the default linear output) for one sample."""
        z = as_inputs(x, self._nin)
        for layer in self.layers:
            z = [zj for _, zj in layer.forward(z)]
        return z

    def trace(self, x: Input) -> Trace:
        """Return, for each layer, each neuron's (a, z) pair for one sample.

        ``a`` is the pre-activation node and ``z`` the output node (the
        same node for a linear layer). After ``backward()`` on a loss built
        from the last layer's outputs, ``a.grad`` is the neuron's delta,
        dL/da.
        """
        pairs: Trace = []
        z = as_inputs(x, self._nin)
        for layer in self.layers:
            layer_pairs = layer.forward(z)
            pairs.append(layer_pairs)
            z = [zj for _, zj in layer_pairs]
        return pairs

    def evaluate(self, x: Sequence[float]) -> List[float]:
        """Return the outputs as floats, without building a graph.

        The arithmetic is the same as in ``__call__``, so the floats are
        equal to the ``.data`` of its outputs. Use it for predictions and
        validation, where no gradient is needed. ``x`` must be a list of
        ``nin`` floats (it is not checked).
        """
        z = x
        for layer in self.layers:
            z = layer.evaluate(z)
        return z

    def __repr__(self) -> str:
        return (
            f"MLP({self._nin}, {self._sizes!r}, activation={self._activation!r}, "
            f"output={self._output!r}, init={self._init!r}, seed={self._seed!r})"
        )
