"""Check the stored demo notebooks without running them: cleared outputs, a header cell, a twin.

These read the .ipynb files as JSON, so they need no Jupyter packages and
run in the default test run.
"""

from __future__ import annotations

import json

import pytest

from tests.notebooks.execution import notebook_paths, twin_path

NOTEBOOKS = notebook_paths()
IDS = [path.stem for path in NOTEBOOKS]


def load_notebook(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(path):
    return [cell for cell in load_notebook(path)["cells"] if cell["cell_type"] == "code"]


def first_cell_text(path):
    return "".join(load_notebook(path)["cells"][0]["source"])


def test_seven_numbered_notebooks():
    prefixes = [path.name[:3] for path in NOTEBOOKS]

    assert prefixes == ["01_", "02_", "03_", "04_", "05_", "06_", "07_"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_stored_without_outputs(path):
    with_outputs = [cell["id"] for cell in code_cells(path) if cell["outputs"]]

    assert with_outputs == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_stored_without_execution_counts(path):
    counted = [cell["id"] for cell in code_cells(path) if cell["execution_count"] is not None]

    assert counted == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_first_cell_is_markdown(path):
    assert load_notebook(path)["cells"][0]["cell_type"] == "markdown"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_first_cell_states_run_time(path):
    assert "**Runs in:**" in first_cell_text(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_first_cell_names_script_twin(path):
    assert f"python demos/{twin_path(path).name}" in first_cell_text(path)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_script_twin_exists(path):
    assert twin_path(path).is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_uses_python3_kernel(path):
    assert load_notebook(path)["metadata"]["kernelspec"]["name"] == "python3"
