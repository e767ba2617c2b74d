"""The flowgrad draw command: drawing, and one-line errors with exit code 2."""

import argparse
import re
import subprocess
import sys

import pytest

from autograd.diagrams import draw_cli

from .helpers import svg_texts


def run(argv):
    parser = argparse.ArgumentParser(prog="flowgrad draw")
    draw_cli.add_arguments(parser)
    return draw_cli.run(parser.parse_args(argv))


def test_draw_cli_import_skips_graphviz():
    check = "import sys, autograd.diagrams.draw_cli; print('graphviz' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_draw_cli_writes_reference_svg(tmp_path, capsys):
    output = tmp_path / "figure.svg"
    code = run(["2*(x*y + max(z, w))", "x=3", "y=-4", "z=2", "w=-1", "-o", str(output)])
    assert code == 0
    assert "-20.00" in svg_texts(output.read_text(encoding="utf-8"))
    assert "wrote" in capsys.readouterr().out


def test_draw_cli_writes_png(tmp_path):
    output = tmp_path / "figure.png"
    assert run(["sigmoid(a) * b", "a=0.5", "b=2", "-o", str(output)]) == 0
    assert output.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    "expression, values, message",
    [
        ("x*q", ["x=1"], r"name 'q' has no value \(column 3\); add q=NUMBER"),
        ("foo(x)", ["x=1"], r"unknown function 'foo' \(column 1\)"),
        ("x.real", ["x=1"], r"attribute access is not allowed \(column 1\)"),
        ("x*(", ["x=1"], r"invalid expression 'x\*\(': .* \(column 3\)"),
        ("x*y", ["x=1", "y=abc"], r"y=abc: 'abc' is not a number"),
        ("x*2", ["x"], r"'x' is not NAME=NUMBER"),
        ("x*2", ["x=1", "x=2"], r"'x' has two values"),
        ("__import__('os')", [], r"unknown function '__import__'"),
        ("'a' * x", ["x=1"], r"'a' is not a real number \(column 1\)"),
        ("[x][0]", ["x=1"], r"Subscript is not allowed \(column 1\)"),
        ("max(x)", ["x=1"], r"max\(\) takes 2 positional argument\(s\) \(column 1\)"),
        ("2 + 3", [], r"uses no variable"),
    ],
    ids=["unknown-name", "unknown-function", "attribute", "syntax", "not-a-number",
         "no-equals", "duplicate", "import", "string", "subscript", "arity", "no-variable"],
)
def test_draw_cli_bad_input_exits_2(tmp_path, capsys, expression, values, message):
    code = run([expression, *values, "-o", str(tmp_path / "f.svg")])
    error = capsys.readouterr().err
    assert code == 2
    assert len(error.strip().splitlines()) == 1
    assert error.startswith("flowgrad draw: error: ")
    assert re.search(message, error)


def test_draw_cli_pdf_without_dot_exits_2(tmp_path, capsys):
    code = run(["x*2", "x=1", "-o", str(tmp_path / "f.pdf")])
    assert code == 2
    assert "apt-get install graphviz" in capsys.readouterr().err


def test_draw_cli_through_flowgrad_main(tmp_path, monkeypatch):
    pytest.importorskip("nn.train_cli")
    from nn.cli import main

    assert main(["draw", "x*y", "x=2", "y=3", "-o", str(tmp_path / "f.svg")]) == 0


def test_draw_cli_missing_output_is_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run(["x*2", "x=1"])
    assert exit_info.value.code == 2
