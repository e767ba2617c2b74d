"""SGD and Adam updates against hand-computed steps."""

import math

import pytest

from autograd import Value
from nn import SGD, Adam, MLP


def _param(data, grad, label="w"):
    p = Value(data, label=label)
    p.grad = grad
    return p


def test_sgd_plain_step():
    w = _param(2.0, 0.5)
    SGD([w], lr=0.1).step()
    assert w.data == pytest.approx(2.0 - 0.1 * 0.5, abs=1e-15)


def test_sgd_momentum_two_steps():
    w = _param(1.0, 1.0)
    optimizer = SGD([w], lr=0.1, momentum=0.9)
    optimizer.step()
    w.grad = 2.0
    optimizer.step()
    # v1 = 1, w1 = 1 - 0.1; v2 = 0.9 * 1 + 2 = 2.9, w2 = w1 - 0.29.
    assert w.data == pytest.approx(1.0 - 0.1 - 0.29, abs=1e-15)


def test_sgd_weight_decay_skips_biases():
    w = _param(2.0, 0.0, label="layers.0.neurons.0.w.0")
    b = _param(2.0, 0.0, label="layers.0.neurons.0.b")
    SGD([w, b], lr=0.1, weight_decay=0.5).step()
    # The decay adds 0.5 * 2 to the weight's gradient only.
    assert w.data == pytest.approx(2.0 - 0.1 * 0.5 * 2.0, abs=1e-15)
    assert b.data == 2.0


def test_sgd_weight_decay_model_biases():
    model = MLP(2, [2], seed=0)
    model.zero_grad()
    biases = [p for name, p in model.named_parameters() if name.endswith(".b")]
    for b in biases:
        b.data = 1.0
    SGD(model.parameters(), lr=0.1, weight_decay=1.0).step()
    assert all(b.data == 1.0 for b in biases)


def test_optimizers_skip_missing_grad():
    w = _param(3.0, None)
    SGD([w], lr=0.1, momentum=0.5).step()
    Adam([w], lr=0.1).step()
    assert w.data == 3.0


def test_adam_first_step_is_lr():
    # After one step m_hat = g and v_hat = g^2, so the step is lr * g / (|g| + eps).
    w = _param(1.0, -4.0)
    Adam([w], lr=0.01, eps=1e-8).step()
    assert w.data == pytest.approx(1.0 + 0.01 * 4.0 / (4.0 + 1e-8), abs=1e-15)


def test_adam_second_step_by_hand():
    w = _param(0.0, 1.0)
    optimizer = Adam([w], lr=0.1, betas=(0.5, 0.75), eps=0.0)
    optimizer.step()
    w.grad = 3.0
    optimizer.step()

    m = 0.5 * (0.5 * 1.0) + 0.5 * 3.0
    v = 0.75 * (0.25 * 1.0) + 0.25 * 9.0
    m_hat = m / (1 - 0.5**2)
    v_hat = v / (1 - 0.75**2)
    expected = -0.1 - 0.1 * m_hat / math.sqrt(v_hat)
    assert w.data == pytest.approx(expected, abs=1e-15)


def test_zero_grad_sets_zero():
    w = _param(1.0, 5.0)
    SGD([w]).zero_grad()
    assert w.grad == 0.0


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: SGD([], lr=0.1), ValueError, r"params is empty"),
        (lambda: SGD([1.0], lr=0.1), TypeError, r"params must be Values"),
        (lambda: SGD([Value(1.0)], lr=-1.0), ValueError, r"lr must be between 0.0 and inf, got -1.0"),
        (lambda: SGD([Value(1.0)], momentum=1.5), ValueError, r"momentum must be between 0.0 and 1.0, got 1.5"),
        (lambda: Adam([Value(1.0)], betas=0.9), TypeError, r"betas must be a pair"),
        (lambda: Adam([Value(1.0)], lr="fast"), TypeError, r"lr must be a number, got str 'fast'"),
    ],
    ids=["empty", "not-values", "negative-lr", "momentum-range", "betas", "lr-type"],
)
def test_bad_optimizer_arguments_rejected(make, error, message):
    with pytest.raises(error, match=message):
        make()
