"""Find the demo notebooks and their script twins, and execute a notebook in a kernel.

Shared by the notebook tests and the visual check. nbclient and nbformat
are imported inside `execute_notebook`, so that importing this module needs
no Jupyter packages.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

REPO = Path(__file__).resolve().parents[2]
DEMOS = REPO / "demos"

KERNEL_NAME = "python3"

# Every cell is written to finish in under 30 s on a 2-core machine. The
# timeouts leave room for a slower or busier CI runner.
CELL_TIMEOUT_SECONDS = 60
NOTEBOOK_TIMEOUT_SECONDS = 240

# A notebook's script twin has the notebook's stem and the suffix .py,
# except where this table names another script.
TWIN_EXCEPTIONS = {"07_why_backprop.ipynb": "why_backprop.py"}


def notebook_paths() -> List[Path]:
    """Return the demo notebooks, sorted by name."""
    return sorted(DEMOS.glob("*.ipynb"))


def twin_path(notebook: Path) -> Path:
    """Return the path of the script twin of ``notebook``."""
    return notebook.with_name(TWIN_EXCEPTIONS.get(notebook.name, notebook.stem + ".py"))


def execute_notebook(path: Path, workdir: Path) -> Tuple[object, Dict[str, float]]:
    """Run every cell of the notebook at ``path`` in a fresh kernel, in ``workdir``.

    Returns the executed notebook and each code cell's wall time in seconds,
    by cell id. Raises nbclient's ``CellExecutionError`` when a cell raises,
    and ``CellTimeoutError`` when a cell runs longer than
    `CELL_TIMEOUT_SECONDS` or the notebook as a whole would pass
    `NOTEBOOK_TIMEOUT_SECONDS`.
    """
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    notebook = nbformat.read(path, as_version=4)
    deadline = time.monotonic() + NOTEBOOK_TIMEOUT_SECONDS

    def cell_timeout(cell) -> int:
        remaining = deadline - time.monotonic()
        return max(1, int(min(CELL_TIMEOUT_SECONDS, remaining)))

    # The kernel talks over Unix domain sockets in a short temporary folder
    # (socket paths are limited to about 100 bytes), so it opens no TCP port.
    socket_folder = tempfile.mkdtemp(prefix="flowgrad-kernel-")
    config = Config()
    config.KernelManager.transport = "ipc"
    config.KernelManager.ip = os.path.join(socket_folder, "kernel")
    client = NotebookClient(
        notebook,
        kernel_name=KERNEL_NAME,
        config=config,
        timeout_func=cell_timeout,
        allow_errors=False,
        record_timing=True,
        resources={"metadata": {"path": str(workdir)}},
    )
    try:
        client.execute()
    finally:
        shutil.rmtree(socket_folder, ignore_errors=True)
    return notebook, cell_durations(notebook)


def cell_durations(notebook) -> Dict[str, float]:
    """Return each executed code cell's wall time in seconds, by cell id."""
    from datetime import datetime

    durations = {}
    for cell in notebook.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        start = timing.get("iopub.execute_input")
        end = timing.get("shell.execute_reply")
        if cell.cell_type == "code" and start and end:
            elapsed = datetime.fromisoformat(end.rstrip("Z")) - datetime.fromisoformat(start.rstrip("Z"))
            durations[cell.get("id", "?")] = elapsed.total_seconds()
    return durations
