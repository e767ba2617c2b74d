"""Execute every demo notebook in a real Jupyter kernel, and run every script twin.

These tests carry the ``notebook`` marker, which the default test run
deselects. Run them with ``python -m pytest -m notebook`` after
``pip install -e ".[dev,jupyter]"``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest

from tests.notebooks.execution import (
    DEMOS,
    execute_notebook,
    notebook_paths,
    twin_path,
)

pytestmark = pytest.mark.notebook

NOTEBOOKS = notebook_paths()
TWIN_TIMEOUT_SECONDS = 300
SLIDER_NOTEBOOK = "02_reference_figure.ipynb"

_executed: Dict[str, object] = {}


def execute_once(name: str, workdir: Path):
    """Return the executed notebook ``name``, running it on first use."""
    if name not in _executed:
        notebook, durations = execute_notebook(DEMOS / name, workdir)
        slowest = max(durations.values(), default=0.0)
        print(f"{name}: slowest cell {slowest:.1f} s, all cells {sum(durations.values()):.1f} s")
        _executed[name] = notebook
    return _executed[name]


def iter_outputs(notebook, tag=None):
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if tag is not None and tag not in cell.get("metadata", {}).get("tags", []):
            continue
        yield from cell.outputs


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_runs_without_error(path, tmp_path):
    # nbclient raises CellExecutionError for any cell that raises, and
    # CellTimeoutError when a cell or the notebook runs too long.
    notebook = execute_once(path.name, tmp_path)

    stderr = [output.text for output in iter_outputs(notebook)
              if output.output_type == "stream" and output.name == "stderr"]
    assert stderr == [], f"{path.name} wrote to stderr"


def test_slider_cell_shows_last_step_as_svg(tmp_path):
    notebook = execute_once(SLIDER_NOTEBOOK, tmp_path)
    bundles = [output.get("data", {}) for output in iter_outputs(notebook, tag="slider")]

    assert any("image/svg+xml" in bundle for bundle in bundles), "the slider cell has no SVG output"


def test_slider_cell_has_widget_view(tmp_path):
    notebook = execute_once(SLIDER_NOTEBOOK, tmp_path)
    bundles = [output.get("data", {}) for output in iter_outputs(notebook, tag="slider")]

    assert any("application/vnd.jupyter.widget-view+json" in bundle for bundle in bundles)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_script_twin_runs(path, tmp_path):
    twin = twin_path(path)
    environment = dict(os.environ, MPLBACKEND="Agg")

    result = subprocess.run(
        [sys.executable, str(twin)], cwd=tmp_path, env=environment,
        capture_output=True, text=True, timeout=TWIN_TIMEOUT_SECONDS,
    )

    assert result.returncode == 0, f"{twin.name} exited with {result.returncode}:\n{result.stderr}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_notebook_matches_generator(path):
    from tests.notebooks import make_notebooks

    generated = make_notebooks.render(make_notebooks.NOTEBOOKS[path.name])

    assert path.read_text(encoding="utf-8") == generated, (
        f"{path.name} differs from tests/notebooks/make_notebooks.py; "
        f"edit the script and run: python tests/notebooks/make_notebooks.py"
    )


def test_generator_covers_every_notebook():
    from tests.notebooks import make_notebooks

    assert sorted(make_notebooks.NOTEBOOKS) == [path.name for path in NOTEBOOKS]
