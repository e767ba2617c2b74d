"""Optimisers: `SGD` (with momentum and L2 weight decay) and `Adam`.

An optimiser keeps a list of parameters and updates them from their
``.grad`` in `step`. A parameter whose grad is None (no backward sweep
reached it) is skipped. With a loss that is the mean over a batch of B
samples, ``grad`` is already (1/B) sum dL/dw, so plain SGD's step
w <- w - lr * grad is the textbook w <- w - (eta / B) sum dL/dw.
"""

from __future__ import annotations

import math
import numbers
from typing import Any, Iterable, List, Sequence, Tuple

from autograd import Value

__all__ = ["Adam", "Optimizer", "SGD", "is_bias"]


def is_bias(parameter: Value) -> bool:
    """True when the last part of the parameter's label is ``b``, as `Module` names biases.

    >>> is_bias(Value(0.0, label="layers.0.neurons.3.b")), is_bias(Value(0.0, label="w.1"))
    (True, False)
    """
    return parameter.label.rsplit(".", 1)[-1] == "b"


def _check_number(value: Any, name: str, low: float, high: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value!r}")
    return float(value)


class Optimizer:
    """The common part: the parameter list and `zero_grad`."""

    def __init__(self, params: Iterable[Value], lr: float) -> None:
        self.params: List[Value] = list(params)
        if not self.params:
            raise ValueError("params is empty; pass model.parameters()")
        for p in self.params:
            if not isinstance(p, Value):
                raise TypeError(f"params must be Values, such as model.parameters(), got {type(p).__name__} {p!r}")
        self.lr = _check_number(lr, "lr", 0.0)

    def zero_grad(self) -> None:
        """Set the gradient of every parameter to 0.0."""
        for p in self.params:
            p.grad = 0.0

    def step(self) -> None:
        """Update every parameter from its gradient."""
        raise NotImplementedError


class SGD(Optimizer):
    """Stochastic gradient descent with optional momentum and L2 weight decay.

    For each parameter w with gradient g:

    - weight decay adds ``weight_decay * w`` to g, the gradient of the
      penalty (weight_decay / 2) w^2. Biases (see `is_bias`) get no decay;
    - momentum keeps a velocity v <- momentum * v + g (as PyTorch does);
    - the step is w <- w - lr * v (or w - lr * g without momentum).

    >>> w = Value(1.0, label="w")
    >>> w.grad = 0.5
    >>> SGD([w], lr=0.1).step()
    >>> w.data
    0.95
    """

    def __init__(
        self, params: Iterable[Value], lr: float = 0.1, momentum: float = 0.0, weight_decay: float = 0.0
    ) -> None:
        super().__init__(params, lr)
        self.momentum = _check_number(momentum, "momentum", 0.0, 1.0)
        self.weight_decay = _check_number(weight_decay, "weight_decay", 0.0)
        self._decay = [0.0 if is_bias(p) else self.weight_decay for p in self.params]
        self._velocity = [0.0] * len(self.params)

    def step(self) -> None:
        """Apply one update to every parameter that has a gradient."""
        lr, momentum = self.lr, self.momentum
        for i, p in enumerate(self.params):
            g = p.grad
            if g is None:
                continue

            g += self._decay[i] * p.data
            if momentum:
                g = momentum * self._velocity[i] + g
                self._velocity[i] = g
            p.data -= lr * g


class Adam(Optimizer):
    """Adam: a step scaled by running estimates of the gradient's mean and square.

    With t the step count, m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2,
    m_hat = m / (1 - b1^t), v_hat = v / (1 - b2^t), and the step is
    w <- w - lr * m_hat / (sqrt(v_hat) + eps) (Kingma and Ba, 2015).

    >>> w = Value(1.0)
    >>> w.grad = 123.0
    >>> Adam([w], lr=0.1).step()
    >>> round(w.data, 6)
    0.9
    """

    def __init__(
        self,
        params: Iterable[Value],
        lr: float = 0.001,
        betas: Tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
    ) -> None:
        super().__init__(params, lr)
        if not isinstance(betas, Sequence) or len(betas) != 2:
            raise TypeError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (
            _check_number(betas[0], "betas[0]", 0.0, 1.0),
            _check_number(betas[1], "betas[1]", 0.0, 1.0),
        )
        self.eps = _check_number(eps, "eps", 0.0)
        self._m = [0.0] * len(self.params)
        self._v = [0.0] * len(self.params)
        self._t = 0

    def step(self) -> None:
        """Apply one Adam update to every parameter that has a gradient."""
        beta1, beta2 = self.betas
        self._t += 1
        correction1 = 1.0 - beta1**self._t
        correction2 = 1.0 - beta2**self._t

        for i, p in enumerate(self.params):
            g = p.grad
            if g is None:
                continue

            self._m[i] = beta1 * self._m[i] + (1.0 - beta1) * g
            self._v[i] = beta2 * self._v[i] + (1.0 - beta2) * g * g
            m_hat = self._m[i] / correction1
            v_hat = self._v[i] / correction2
            p.data -= self.lr * m_hat / (math.sqrt(v_hat) + self.eps)
