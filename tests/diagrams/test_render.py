"""Rendering backends, saving by suffix, and Jupyter display."""

import pytest

import autograd
from autograd.diagrams import GraphvizMissingError, render

from .helpers import svg_texts


def test_in_process_backend_is_used(reference):
    assert render.system_dot() is False


def test_svg_in_process_has_the_numbers(reference):
    texts = svg_texts(autograd.draw(reference).svg())
    assert "-20.00" in texts
    assert "-8.00" in texts


def test_save_svg(reference, tmp_path):
    path = autograd.draw(reference).save(tmp_path / "figure.svg")
    assert path.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_save_png(reference, tmp_path):
    path = autograd.draw(reference).save(tmp_path / "figure.PNG")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_save_pdf_without_dot_names_the_fix(reference, tmp_path):
    with pytest.raises(GraphvizMissingError, match=r"apt-get install graphviz\), or save as \.svg or \.png"):
        autograd.draw(reference).save(tmp_path / "figure.pdf")


def test_save_unknown_suffix_raises(reference, tmp_path):
    with pytest.raises(ValueError, match=r"end the file name with \.svg, \.png or \.pdf"):
        autograd.draw(reference).save(tmp_path / "figure.gif")


def test_png_scale_must_be_positive(reference):
    with pytest.raises(ValueError, match="scale must be a positive number, got 0"):
        autograd.draw(reference).png(scale=0)


def test_jupyter_mimebundle_is_svg(reference):
    bundle = autograd.draw(reference)._repr_mimebundle_()
    assert list(bundle) == ["image/svg+xml"]
    assert "<svg" in bundle["image/svg+xml"]


def test_repr_svg_matches_bundle(reference):
    diagram = autograd.draw(reference)
    assert diagram._repr_svg_() == diagram._repr_mimebundle_()["image/svg+xml"]


def test_source_is_dot_of_digraph(reference):
    diagram = autograd.draw(reference)
    assert diagram.source == diagram.digraph.source


@pytest.mark.system_graphviz
def test_system_dot_backend_is_used(reference):
    assert render.system_dot() is True


@pytest.mark.system_graphviz
def test_system_dot_svg_has_the_numbers(reference):
    texts = svg_texts(autograd.draw(reference).svg())
    assert "-20.00" in texts
    assert "-8.00" in texts


@pytest.mark.system_graphviz
def test_system_dot_saves_pdf(reference, tmp_path):
    path = autograd.draw(reference).save(tmp_path / "figure.pdf")
    assert path.read_bytes()[:5] == b"%PDF-"


@pytest.mark.system_graphviz
def test_system_dot_escapes_labels(tmp_path):
    from autograd import Value

    label = 'a "b" {c} <d> | & \\ größe'
    texts = svg_texts(autograd.draw(Value(1.0, label=label) * 2).svg())
    assert label in texts
