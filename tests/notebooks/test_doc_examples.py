"""Run the Python examples of the user guide, so that every example in docs/ keeps working.

Each page's ```python blocks run in order in one namespace, as a reader
would type them, in a temporary working folder for the files they save.
They need the [viz] extra, which the [dev] extra includes.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = ["tour.md", "diagrams.md", "checking.md"]

PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def extract_python_blocks(page: str):
    return PYTHON_BLOCK.findall((DOCS / page).read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES)
def test_page_has_python_examples(page):
    assert extract_python_blocks(page), f"{page} has no ```python blocks"


@pytest.mark.parametrize("page", PAGES)
def test_page_examples_run(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": f"docs_{page.replace('.', '_')}"}

    with contextlib.redirect_stdout(io.StringIO()):
        for number, block in enumerate(extract_python_blocks(page), start=1):
            exec(compile(block, f"{page}, block {number}", "exec"), namespace)
