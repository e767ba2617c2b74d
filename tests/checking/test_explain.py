"""explain: the backward sweep step by step, against the reference example."""

import math

import pytest

import autograd
import autograd.explaining
from autograd import Value, explain, topological_order


def reference_graph():
    x, y = Value(3.0, label="x"), Value(-4.0, label="y")
    z, w = Value(2.0, label="z"), Value(-1.0, label="w")
    return 2 * (x * y + z.max(w))


def _node_rows(steps):
    """The first row of each step, keyed by node name."""
    first = {}
    for row in steps.rows:
        first.setdefault(row.node, row)
    return first


# Forward values and gradients of f = 2 (x y + max(z, w)) at x, y, z, w = 3, -4, 2, -1,
# from the chain rule by hand: df/ds = 2 for s = x y + max(z, w), then rules 1, 3 and 4.
REFERENCE = [
    ("x", 3.0, 2 * 1 * -4.0),
    ("y", -4.0, 2 * 1 * 3.0),
    ("z", 2.0, 2 * 1 * 1.0),
    ("w", -1.0, 2 * 1 * 0.0),
    ("x * y", 3.0 * -4.0, 2.0),
    ("max(z, w)", 2.0, 2.0),
    ("x * y + max(z, w)", 3.0 * -4.0 + 2.0, 2.0),
    ("2 * (x * y + max(z, w))", 2 * (3.0 * -4.0 + 2.0), 1.0),
]


@pytest.mark.parametrize("name, value, grad", REFERENCE, ids=[r[0] for r in REFERENCE])
def test_reference_value(name, value, grad):
    row = _node_rows(explain(reference_graph()))[name]
    assert row.value == value


@pytest.mark.parametrize("name, value, grad", REFERENCE, ids=[r[0] for r in REFERENCE])
def test_reference_gradient(name, value, grad):
    row = _node_rows(explain(reference_graph()))[name]
    assert row.grad == grad


@pytest.mark.parametrize(
    "name, rule",
    [
        ("2 * (x * y + max(z, w))", "rule 2 multiplication by a constant"),
        ("x * y + max(z, w)", "rule 1 addition"),
        ("x * y", "rule 3 multiplication"),
        ("max(z, w)", "rule 4 max"),
    ],
)
def test_reference_rules(name, rule):
    assert _node_rows(explain(reference_graph()))[name].rule == rule


def test_reference_local_grads_and_contributions():
    rows = [r for r in explain(reference_graph()).rows if r.node == "x * y"]
    assert [(r.parent, r.local_grad, r.contribution) for r in rows] == [
        ("x", -4.0, -8.0), ("y", 3.0, 6.0),
    ]


def test_order_is_engine_order():
    f = reference_graph()
    names = autograd.explaining.node_names(topological_order(f))
    engine_order = [names[node] for node in reversed(topological_order(f))]
    steps = explain(f)
    assert list(dict.fromkeys(r.node for r in steps.rows)) == engine_order


def test_grads_match_backward():
    f = reference_graph()
    steps = explain(f)
    f.backward()
    for node in topological_order(f):
        assert steps.grads[node] == node.grad


def test_sigmoid_neuron():
    w0, x0 = Value(2.0, label="w0"), Value(-1.0, label="x0")
    w1, x1 = Value(-3.0, label="w1"), Value(-2.0, label="x1")
    w2 = Value(-3.0, label="w2")
    f = (w0 * x0 + w1 * x1 + w2).sigmoid()
    grads = {row.node: row.grad for row in explain(f).rows if row.step}

    s = 1 / (1 + math.exp(-(2 * -1 + -3 * -2 - 3)))
    ds = s * (1 - s)
    assert round(s, 6) == 0.731059
    assert grads["w0"] == pytest.approx(ds * -1.0, abs=1e-15)
    assert grads["x0"] == pytest.approx(ds * 2.0, abs=1e-15)
    assert grads["w1"] == pytest.approx(ds * -2.0, abs=1e-15)
    assert grads["x1"] == pytest.approx(ds * -3.0, abs=1e-15)
    assert grads["w2"] == pytest.approx(ds, abs=1e-15)
    assert round(grads["x1"], 6) == -0.589836


def test_paths_meet_running_total():
    a, b, c = Value(2.0, label="a"), Value(3.0, label="b"), Value(5.0, label="c")
    rows = [r for r in explain(a * b + a * c).rows if r.parent == "a"]
    assert sorted(r.contribution for r in rows) == [3.0, 5.0]
    assert rows[-1].parent_total == 3.0 + 5.0
    assert rows[-1].paths == 2


def test_text_marks_paths_meeting():
    a, b, c = Value(2.0, label="a"), Value(3.0, label="b"), Value(5.0, label="c")
    assert "8 (paths met: 2)" in str(explain(a * b + a * c))


def test_html_table():
    html = explain(reference_graph())._repr_html_()
    assert html.startswith("<table><caption>backward sweep")
    assert "<td>rule 3 multiplication</td>" in html


def test_tie_rule_named():
    z, w = Value(1.0, label="z"), Value(1.0, label="w")
    row = explain(z.max(w)).rows[0]
    assert row.rule == "rule 4 max at a tie: half of the gradient to each input"
    assert row.local_grad == 0.5


@pytest.mark.parametrize(
    "build, rule",
    [
        (lambda x: x.tanh(), "tanh: 1 - t^2"),
        (lambda x: x.sigmoid(), "rule 5 sigmoid: z (1 - z)"),
        (lambda x: x + 0.5, "rule 1 addition (of a constant)"),
        (lambda x: x - 3, "rule 1 addition (of a constant)"),
        (lambda x: x ** 2, "power: n x^(n-1) with n = 2"),
        (lambda x: 3 ** x, "exponential: c^x log(c) with c = 3"),
        (lambda x: x.exp(), "exp: e^x"),
        (lambda x: x.log(), "log: 1 / x"),
        (lambda x: x.relu(), "relu: 1 if x > 0, else 0"),
    ],
)
def test_rule_names(build, rule):
    assert explain(build(Value(0.5, label="x"))).rows[0].rule == rule


def test_grads_left_unchanged():
    f = reference_graph()
    leaves = [node for node in topological_order(f) if node.is_leaf]
    leaves[0].grad = 7.0
    explain(f)
    assert leaves[0].grad == 7.0
    assert all(node.grad is None for node in leaves[1:])


def test_deep_graph_without_recursion():
    x = Value(1.0, label="x")
    out = x
    for _ in range(20000):
        out = out + 1.0
    steps = explain(out)
    assert steps.grads[x] == 1.0


def test_explain_exported_after_module_import():
    import autograd.explaining  # noqa: F401
    import autograd as package

    assert package.explain(Value(1.0) * 2).rows[0].local_grad == 2.0


def test_not_a_value():
    with pytest.raises(TypeError, match=r"explain\(\) needs the output Value of a graph, got float 1.0"):
        explain(1.0)
