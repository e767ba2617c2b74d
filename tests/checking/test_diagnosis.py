"""Hints for wrong expected gradients: each case derived by hand in the test."""

import math

import pytest

from nn.losses import cross_entropy

from autograd import Value, check_gradients


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def _hints(report, name):
    return " | ".join(report[name].hints)


# tanh at input 1: the right value is 1 - tanh(1)^2.
TANH_RIGHT = 1.0 - math.tanh(1.0) ** 2
# 1 - t^2 fed the input 1 instead of the output t gives 1 - 1^2 = 0.
TANH_FED_INPUT = 1.0 - 1.0 ** 2
# sech^2 (= 1 - tanh^2) evaluated at the output t = tanh(1).
TANH_SECH_OF_OUTPUT = 1.0 - math.tanh(math.tanh(1.0)) ** 2


def test_tanh_numbers_of_the_case():
    assert round(TANH_RIGHT, 6) == 0.419974
    assert TANH_FED_INPUT == 0.0
    assert round(TANH_SECH_OF_OUTPUT, 6) == 0.587817


def test_tanh_right_value_passes():
    report = check_gradients(lambda x: x.tanh(), at={"x": 1.0}, expected={"x": 0.419974})
    assert report.ok


def test_tanh_fed_input_hint():
    report = check_gradients(lambda x: x.tanh(), at={"x": 1.0}, expected={"x": TANH_FED_INPUT})
    assert not report.ok
    assert "written as 1 - t^2 but fed the input x = 1" in _hints(report, "x")


def test_tanh_sech_of_output_hint():
    report = check_gradients(lambda x: x.tanh(), at={"x": 1.0}, expected={"x": 0.587817})
    assert not report.ok
    assert "written as 1 - tanh(x)^2 but fed the output 0.761594" in _hints(report, "x")


def test_tanh_fed_input_has_no_other_hint():
    report = check_gradients(lambda x: x.tanh(), at={"x": 1.0}, expected={"x": TANH_FED_INPUT})
    assert len(report["x"].hints) == 1


def test_sigmoid_fed_input_hint():
    # z (1 - z) fed the input x = 0.5 gives 0.25, the right value is s (1 - s) with s = sigmoid(0.5).
    report = check_gradients(lambda x: x.sigmoid(), at={"x": 0.5}, expected={"x": 0.5 * (1 - 0.5)})
    assert "sigmoid'(x) written as z (1 - z) but fed the input" in _hints(report, "x")


def test_square_error_sign_flip():
    # dC/da = 2 (a - y) = 2 (0.8 - 1) = -0.4.
    right = 2 * (0.8 - 1.0)
    assert right == pytest.approx(-0.4)
    report = check_gradients(lambda a, y: (a - y) ** 2, at={"a": 0.8, "y": 1.0},
                             expected={"a": -right})
    assert "sign flip" in _hints(report, "a")


def test_square_error_right_value():
    report = check_gradients(lambda a, y: (a - y) ** 2, at={"a": 0.8, "y": 1.0},
                             expected={"a": -0.4})
    assert report.ok


def test_factor_two():
    # d/dx x^2 = 2x; a student who drops the 2 gets x.
    report = check_gradients(lambda x: x ** 2, at={"x": 1.5}, expected={"x": 1.5})
    assert "factor 1/2" in _hints(report, "x")


N = 4
LOGITS = [[0.2, -1.0, 0.5], [1.5, 0.3, -0.7], [-0.4, 0.9, 0.1], [0.0, 2.0, -1.0]]
TARGETS = [2, 0, 1, 1]


def _batch_loss(**named):
    logits = [[named[f"a{i}_{k}"] for k in range(3)] for i in range(N)]
    return cross_entropy(logits, TARGETS, reduction="mean")


def _softmax(row):
    m = max(row)
    exps = [math.exp(a - m) for a in row]
    return [e / sum(exps) for e in exps]


def _mean_ce_grad(i, k):
    # dL/da_ik = (y_ik - t_ik) / N for the mean over the batch.
    t = 1.0 if TARGETS[i] == k else 0.0
    return (_softmax(LOGITS[i])[k] - t) / N


POINT = {f"a{i}_{k}": LOGITS[i][k] for i in range(N) for k in range(3)}


def test_mean_cross_entropy_right_values():
    expected = {f"a{i}_{k}": _mean_ce_grad(i, k) for i in range(N) for k in range(3)}
    assert check_gradients(_batch_loss, at=POINT, expected=expected).ok


def test_batch_factor_found_in_graph():
    # The sum over the batch instead of the mean: N times too large.
    report = check_gradients(_batch_loss, at=POINT, expected={"a1_0": N * _mean_ce_grad(1, 0)})
    assert "factor N = 4 (the graph divides by 4" in _hints(report, "a1_0")


def test_batch_factor_from_batch_size():
    # A sum over the batch has no division to find, so the caller names N.
    def summed(x0, x1, x2, x3):
        return x0 ** 2 + x1 ** 2 + x2 ** 2 + x3 ** 2

    at = {"x0": 0.5, "x1": 1.0, "x2": 1.5, "x3": 2.0}
    report = check_gradients(summed, at=at, expected={"x2": 2 * 1.5 / 4}, batch_size=4)
    assert "factor 1/N with N = 4 (batch_size)" in _hints(report, "x2")


def test_one_path_only_via_b():
    # y = a b + a c, dy/da = b + c = 8; the path through a*b alone gives b = 3.
    report = check_gradients(lambda a, b, c: a * b + a * c, at={"a": 2.0, "b": 3.0, "c": 5.0},
                             expected={"a": 3.0})
    assert "keeps only the path through a * b" in _hints(report, "a")


def test_one_path_only_via_c():
    report = check_gradients(lambda a, b, c: a * b + a * c, at={"a": 2.0, "b": 3.0, "c": 5.0},
                             expected={"a": 5.0})
    assert "keeps only the path through a * c" in _hints(report, "a")


def test_both_paths_pass():
    report = check_gradients(lambda a, b, c: a * b + a * c, at={"a": 2.0, "b": 3.0, "c": 5.0},
                             expected={"a": 3.0 + 5.0, "b": 2.0, "c": 2.0})
    assert report.ok


def test_one_of_two_uses_in_one_product():
    # d/dx (x x) = 2x = 6 at 3; one use alone gives 3.
    report = check_gradients(lambda x: x * x, at={"x": 3.0}, expected={"x": 3.0})
    assert "one path only" in _hints(report, "x")


def test_missing_inner_factor():
    # d/dw sigmoid(w x) = s (1 - s) x; dropping the factor x leaves s (1 - s).
    s = _sigmoid(2.0 * 3.0)
    report = check_gradients(lambda w, x: (w * x).sigmoid(), at={"w": 2.0, "x": 3.0},
                             expected={"w": s * (1 - s)})
    assert "missing local factor: the chain without the link d(w * x)/d(w) = 3" in _hints(report, "w")


def test_missing_activation_factor():
    # Dropping s (1 - s) leaves x = 3.
    report = check_gradients(lambda w, x: (w * x).sigmoid(), at={"w": 2.0, "x": 3.0},
                             expected={"w": 3.0})
    assert "d(sigmoid(w * x))/d(w * x)" in _hints(report, "w")


def test_unexplained_value_gets_no_hint():
    report = check_gradients(lambda x: x.tanh(), at={"x": 1.0}, expected={"x": 0.5})
    assert report["x"].hints == []
    assert "no common mistake reproduces 0.5" in str(report)


def test_no_hint_for_unrelated_path():
    report = check_gradients(lambda a, b, c: a * b + a * c, at={"a": 2.0, "b": 3.0, "c": 5.0},
                             expected={"a": 7.123})
    assert report["a"].hints == []


def test_hints_deep_chain_without_recursion():
    x = {"x": 0.1}

    def chain(x):
        out = x
        for _ in range(5000):
            out = out * 1.0001
        return out

    right = 1.0001 ** 5000
    report = check_gradients(chain, at=x, expected={"x": -right})
    assert "sign flip" in _hints(report, "x")


def test_point_values_not_changed():
    at = {"a": 0.8, "y": 1.0}
    check_gradients(lambda a, y: (a - y) ** 2, at=at, expected={"a": 0.4})
    assert at == {"a": 0.8, "y": 1.0}


def test_value_is_not_mutated():
    weight = Value(0.5)
    check_gradients(lambda x: (weight * x).tanh(), at={"x": 1.0}, expected={"x": 0.0})
    assert weight.data == 0.5
    assert weight.grad is None
