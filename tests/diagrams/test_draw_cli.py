"""The flowgrad draw command: drawing, and one-line errors with exit code 2."""

import argparse
import os
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


def run_main(argv):
    pytest.importorskip("nn.train_cli")
    from nn.cli import main

    return main(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["draw", "-x*y", "x=3", "y=2", "-o", "{out}"],
        ["draw", "--", "-x*y", "x=3", "y=2", "-o", "{out}"],
        ["draw", "-o", "{out}", "-x*y", "x=3", "y=2"],
        ["draw", "--output={out}", "--local-grads", "-x*y", "x=3", "y=2"],
        ["draw", "--out", "{out}", "--direction", "TB", "-x*y", "x=3", "y=2"],
        ["draw", "-o{out}", "-x*y", "x=3", "y=2"],
        ["draw", "-x*y", "-o", "{out}", "x=3", "y=2"],
        ["draw", "-x*y", "x=3", "--direction", "TB", "y=2", "-o", "{out}"],
    ],
    ids=["first", "double-dash", "after-output", "after-flag", "after-abbreviation", "attached-output",
         "values-after-option", "values-around-option"],
)
def test_draw_cli_leading_minus_expression(tmp_path, capsys, argv):
    output = tmp_path / "neg.svg"
    code = run_main([arg.format(out=output) for arg in argv])
    assert code == 0
    assert "(output -6.0)" in capsys.readouterr().out


def test_draw_cli_leading_minus_keeps_output_required(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run_main(["draw", "-x*y", "x=3", "y=2"])
    assert exit_info.value.code == 2
    assert "-o/--output" in capsys.readouterr().err


def test_flowgrad_version_prints_version(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_info:
        run_main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"flowgrad {version('flowgrad')}"


def test_flowgrad_version_without_metadata(monkeypatch):
    from importlib import metadata

    from nn import cli

    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert cli.package_version() == "unknown"


@pytest.mark.parametrize(
    "expression, output",
    [
        ("9**9**9 * x", "inf"),
        ("2**2**2**2**2 * x", "inf"),
        ("10**400 * x", "inf"),
        ("1/0 * x", "inf"),
        ("0**-1 * x", "inf"),
        ("log(0) * x", "-inf"),
        ("(-8)**(1/3) * x", "nan"),
    ],
)
def test_draw_cli_constant_overflow_is_ieee(tmp_path, capsys, expression, output):
    code = run([expression, "x=1", "-o", str(tmp_path / "f.svg")])
    assert code == 0
    assert f"(output {output})" in capsys.readouterr().out


NASTY_EXPRESSIONS = [
    "(" * 2000 + "x" + ")" * 2000,
    "(" * 150 + "x" + ")" * 150,
    " + ".join(["x"] * 2500),
    " + ".join(["x"] * 5000),
    "-" * 900 + "x",
    "-" * 100_000 + "x",
    "x" + "**x" * 900,
    "9**9**9",
    "9**9**9**9 * x",
    "2**2**2**2**2",
    "10**400 * x",
    "1" * 5000 + " * x",
    "0x" + "f" * 5000 + " * x",
    "1/0",
    "1/0 * x",
    "0/0 * x",
    "log(0)",
    "log(-1) * x",
    "exp(1e308) * x",
    "foo(x)",
    "max(x, y=2)",
    "max(*[x, x])",
    "max(**{})",
    "x.__class__(1)",
    "(lambda: 1)()",
    "f'{x}'",
    "lambda x: x",
    "[x for x in (1, 2)]",
    "(y := x)",
    "[x][0]",
    "x < 1",
    "x if x else 1",
    "b'1' * x",
    "'a' + x",
    "1j * x",
    "import os",
    "yield x",
    "await x",
    "",
    "   ",
    "\x00",
    "x; x",
    "x\n+ x",
    "x ** 1e400",
    "-x" * 5000,
]


@pytest.mark.parametrize("expression", NASTY_EXPRESSIONS, ids=range(len(NASTY_EXPRESSIONS)))
def test_draw_cli_nasty_input_exits_0_or_2(tmp_path, capsys, expression):
    # An exception that escapes main() fails the test, as a traceback would.
    code = run_main(["draw", expression, "x=1.5", "-o", str(tmp_path / "f.svg")])
    error = capsys.readouterr().err
    assert code in (0, 2)
    assert len(error.strip().splitlines()) <= 1


@pytest.mark.parametrize("expression", ["(" * 2000 + "x" + ")" * 2000, " + ".join(["x"] * 5000),
                                        "9**9**9", "-x*y"])
def test_draw_cli_process_prints_no_traceback(tmp_path, expression):
    command = [sys.executable, "-m", "nn.cli", "draw", expression, "x=1.5", "y=2", "-o",
               str(tmp_path / "f.svg")]
    hide_dot = {"PATH": os.path.dirname(sys.executable)}
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **hide_dot},
                            timeout=120)
    assert result.returncode in (0, 2)
    assert "Traceback" not in result.stderr


def test_unknown_option_names_subcommand_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        run_main(["draw", "x*y", "x=3", "y=2", "-o", "f.svg", "--bogus"])
    error = capsys.readouterr().err

    assert exit_info.value.code == 2
    assert "unrecognized arguments: --bogus (see flowgrad draw --help)" in error
