"""README.md stays true: its example runs and CI runs its two commands."""

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def blocks(language):
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_first_example_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (example,) = blocks("python")
    exec(compile(example, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()

    assert printed[0] == "-20.0"
    assert printed[1] == "-8.0 6.0 2.0 0.0"
    assert (tmp_path / "reference-figure.svg").stat().st_size > 0


def test_ci_runs_readme_test_command():
    test_command = blocks("bash")[1].strip()

    assert test_command.endswith("python -m pytest")
    assert test_command in CI


def test_ci_runs_readme_main_job():
    main_job = blocks("bash")[0].strip()
    renamed = main_job.replace(".venv", ".venv-main")

    assert main_job.endswith("flowgrad train")
    assert renamed in CI


def test_readme_links_exist():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        assert (ROOT / target).exists(), target
