"""The flowgrad train command: files written, output, and one-line errors."""

import csv
import subprocess
import sys

import pytest

from nn.cli import main


def test_train_writes_run_folder(tmp_path, capsys):
    out = tmp_path / "run"
    code = main(["train", "--dataset", "moons", "--epochs", "3", "--hidden", "4", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "test accuracy:" in printed
    for name in ("model.json", "history.csv", "loss.png", "decision_boundary.png"):
        assert (out / name).is_file()


def test_train_history_csv_rows(tmp_path):
    out = tmp_path / "run"
    main(["train", "--epochs", "4", "--patience", "50", "--out", str(out)])
    with open(out / "history.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4
    assert rows[0]["epoch"] == "1"


def test_train_without_matplotlib_notes_extra(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    main(["train", "--epochs", "2", "--out", str(tmp_path / "run")])
    assert 'pip install "flowgrad[viz]"' in capsys.readouterr().out
    assert not (tmp_path / "run" / "loss.png").exists()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--hidden", "16,x"], "argument --hidden: expected widths >= 1 separated by commas"),
        (["--lr", "0"], "argument --lr: expected a number > 0.0, got '0'"),
        (["--lr", "inf"], "argument --lr: expected a number > 0.0, got 'inf'"),
        (["--epochs", "-3"], "argument --epochs: expected an integer >= 1, got '-3'"),
        (["--dataset", "mnist"], "argument --dataset: invalid choice: 'mnist'"),
        (["--batch-size", "1.5"], "argument --batch-size: expected an integer >= 1, got '1.5'"),
    ],
    ids=["hidden", "lr", "lr-inf", "epochs", "dataset", "batch-size"],
)
def test_bad_option_one_line_exit_2(option, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["train", *option])
    error = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert message in error
    assert error.count("\n") == 1


def test_help_states_defaults(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    text = capsys.readouterr().out
    for option in ("--dataset", "--hidden", "--activation", "--epochs", "--batch-size", "--lr",
                   "--optimizer", "--stop-below", "--patience", "--seed", "--out"):
        assert option in text
    assert "(default: 16)" in text


def test_parser_imports_no_plotting():
    code = (
        "import sys, nn.cli; nn.cli.build_parser(); "
        "print('matplotlib' in sys.modules, 'tqdm' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False False"


def test_diverged_run_skips_model_file(tmp_path, capsys):
    main(["train", "--lr", "1e300", "--activation", "relu", "--optimizer", "sgd", "--epochs", "3",
          "--out", str(tmp_path / "run")])
    output = capsys.readouterr().out

    assert "model.json not written, because some weights are NaN or infinite" in output
    assert not (tmp_path / "run" / "model.json").exists()
    assert (tmp_path / "run" / "history.csv").exists()


def test_single_epoch_message_grammar(tmp_path, capsys):
    main(["train", "--epochs", "1", "--out", str(tmp_path / "run")])

    assert "stopped after 1 epoch (" in capsys.readouterr().out
