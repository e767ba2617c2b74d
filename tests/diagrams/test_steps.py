"""Stepping through the backward sweep, and saving or showing the steps."""

import builtins
from html.parser import HTMLParser

import pytest

import autograd
from autograd.diagrams import save_steps, show_steps
from autograd.diagrams.steps import StepViewer

from .conftest import reference_graph
from .test_reference import EXPECTED_EDGES, named_edges


def gradient_labels(diagram):
    return {pair: classes["gradient"]["label"] for pair, classes in named_edges(diagram).items()}


def test_steps_one_per_op_plus_seed():
    f, _ = reference_graph()
    assert len(list(autograd.backward_steps(f))) == 5


def test_steps_leave_user_grads_alone():
    f, leaves = reference_graph()
    list(autograd.backward_steps(f))
    assert [leaf.grad for leaf in leaves] == [None, None, None, None]
    assert f.grad is None


def test_steps_seed_shows_only_output_gradient():
    f, _ = reference_graph()
    first = gradient_labels(next(autograd.backward_steps(f)))
    filled = {pair: label for pair, label in first.items() if label != "\u2013"}
    assert filled == {("*2", "output"): "1.00"}


def test_steps_last_matches_reference_table():
    f, _ = reference_graph()
    last = list(autograd.backward_steps(f))[-1]
    expected = {pair: gradient for pair, (_, gradient) in EXPECTED_EDGES.items()}
    assert gradient_labels(last) == expected


def test_steps_follow_engine_sweep_order():
    f, _ = reference_graph()
    highlighted = []
    for diagram in list(autograd.backward_steps(f))[1:]:
        bold = [attrs["label"] for attrs in diagram.nodes().values() if attrs.get("penwidth") == "3"]
        highlighted.append(bold)
    sweep = [[node.op] for node in reversed(autograd.topological_order(f)) if not node.is_leaf]

    assert highlighted == sweep
    assert highlighted == [["*2"], ["+"], ["*"], ["max"]]


def test_steps_highlight_sent_edges():
    f, _ = reference_graph()
    step = list(autograd.backward_steps(f))[2]
    edges = named_edges(step)
    sent = sorted(pair for pair, classes in edges.items() if classes["value"].get("penwidth") == "3")
    assert sent == [("*", "+"), ("max", "+")]


def test_steps_accumulate_fan_out():
    from autograd import Value

    a = Value(2.0, label="a")
    y = a * a + 3 * a
    last = list(autograd.backward_steps(y))[-1]
    labels = sorted(edge["label"] for edge in last.edges() if edge["class"] == "gradient" and edge["tail"] == "n0")
    assert labels == ["2.00", "2.00", "3.00"]


def test_steps_unknown_option_raises():
    f, _ = reference_graph()
    with pytest.raises(TypeError, match="unknown drawing option 'colour'"):
        autograd.backward_steps(f, colour="red")


def test_steps_bad_root_raises_at_call():
    with pytest.raises(TypeError, match="root must be a Value, got float 3.0"):
        autograd.backward_steps(3.0)


def test_steps_bad_option_raises_at_call():
    f, _ = reference_graph()
    with pytest.raises(TypeError, match="show_gradients must be True or False, got str 'no'"):
        autograd.backward_steps(f, show_gradients="no")


def test_save_steps_numbered_svgs(tmp_path):
    f, _ = reference_graph()
    paths = save_steps(autograd.backward_steps(f), tmp_path / "steps")
    assert [path.name for path in paths] == [f"step-00{i}.svg" for i in range(5)]


class _StepCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.steps = []
        self.buttons = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("class") == "step":
            self.steps.append(attrs["data-step"])
        if tag == "button":
            self.buttons.append(attrs["id"])


def test_save_steps_html_page(tmp_path):
    f, _ = reference_graph()
    (path,) = save_steps(autograd.backward_steps(f), tmp_path / "sweep.html")
    parser = _StepCounter()
    parser.feed(path.read_text(encoding="utf-8"))
    assert parser.steps == ["0", "1", "2", "3", "4"]
    assert parser.buttons == ["previous", "next"]


def test_save_steps_html_has_no_external_links(tmp_path):
    f, _ = reference_graph()
    (path,) = save_steps(autograd.backward_steps(f), tmp_path / "sweep.html")
    assert "src=" not in path.read_text(encoding="utf-8")


def test_save_steps_other_suffix_raises(tmp_path):
    f, _ = reference_graph()
    with pytest.raises(ValueError, match=r"pass a \.html file, or a folder"):
        save_steps(autograd.backward_steps(f), tmp_path / "steps.svg")


def test_save_steps_empty_raises(tmp_path):
    with pytest.raises(ValueError, match="steps is empty"):
        save_steps([], tmp_path / "steps")


def test_show_steps_slider_moves_frames():
    pytest.importorskip("ipywidgets")
    f, _ = reference_graph()
    viewer = show_steps(f)
    viewer.slider.value = 4
    assert viewer.frame.value == viewer.steps[4].svg()


def test_show_steps_bundle_has_svg_fallback():
    pytest.importorskip("ipywidgets")
    f, _ = reference_graph()
    bundle = show_steps(f)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "<svg" in bundle["image/svg+xml"]


def test_show_steps_without_ipywidgets_returns_last_diagram(monkeypatch):
    real_import = builtins.__import__

    def import_without_ipywidgets(name, *args, **kwargs):
        if name == "ipywidgets":
            raise ImportError("No module named 'ipywidgets'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", import_without_ipywidgets)
    f, _ = reference_graph()
    fallback = show_steps(f)
    assert not isinstance(fallback, StepViewer)
    assert "<svg" in fallback._repr_svg_()
