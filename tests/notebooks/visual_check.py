"""Render the demo notebooks for a person to look at: diagram PNGs, HTML pages, screenshots.

Run from the repository root:

    python -m tests.notebooks.visual_check [--output build/visual]

For each demos/*.ipynb it

1. executes the notebook in a fresh kernel and writes it to ``executed/``;
2. saves every diagram that the notebook displays as a PNG under
   ``png/<notebook>/``, through ``Diagram.save``;
3. converts the executed notebook to HTML with ``jupyter nbconvert`` into
   ``html/``;
4. takes a screenshot of each page with headless Chromium into
   ``screenshots/``.

The screenshots are for a person to read, not a pixel comparison. The
script fails (exit code 1) only when a notebook raises, or an expected PNG,
HTML page or screenshot is missing or empty. Chromium is Debian's
``chromium`` package; pass ``--chromium PATH`` for another binary. It loads
only the local file:// pages, resolves no host names, and runs with its
background network features off.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import List

from tests.notebooks.execution import REPO, execute_notebook, notebook_paths

# The screenshot window is this tall, then blank rows at the bottom are cut
# off when Pillow is installed. Pages taller than this are cut short.
SCREENSHOT_WIDTH = 1280
SCREENSHOT_HEIGHT = 12000
CHROMIUM_TIMEOUT_SECONDS = 120

# nbconvert options for a page that needs no network and shows what a front
# end without widgets shows. nbconvert's HTML exporter prefers a widget view
# to every other output type, and renders it empty when no widget code can
# load. Listing the output types without the widget view makes the slider
# cell of notebook 2 show its SVG, the last step. The empty URLs keep the
# page from loading MathJax and require.js from a CDN; no notebook needs them.
_PRIORITY = ["text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg", "text/plain"]
OFFLINE_HTML_OPTIONS = [
    "--HTMLExporter.mathjax_url=",
    "--HTMLExporter.require_js_url=",
    *(f"--NbConvertBase.display_data_priority={mime}" for mime in _PRIORITY),
]

# An IPython startup file that the kernel runs before the notebook. It
# wraps Diagram.svg, which every displayed diagram calls, so that each
# diagram is also saved as a PNG the first time it is shown.
_STARTUP = textwrap.dedent("""
    import os
    from pathlib import Path

    from autograd.diagrams.diagram import Diagram

    _png_folder = Path(os.environ["FLOWGRAD_DIAGRAM_PNG_DIR"])
    _png_folder.mkdir(parents=True, exist_ok=True)
    _saved = {}  # id -> Diagram; holding the diagram keeps its id unique
    _original_svg = Diagram.svg


    def _svg_and_png(self):
        svg = _original_svg(self)
        if id(self) not in _saved:
            _saved[id(self)] = self
            self.save(_png_folder / f"diagram-{len(_saved):02d}.png")
        return svg


    Diagram.svg = _svg_and_png
""")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(REPO / "build" / "visual"),
                        help="folder for all outputs, emptied first (default: build/visual)")
    parser.add_argument("--chromium", default="chromium", help="Chromium binary (default: chromium)")
    args = parser.parse_args(argv)

    chromium = shutil.which(args.chromium)
    if chromium is None:
        print(f"error: {args.chromium!r} not found; install it with "
              f"apt-get update && apt-get install -y chromium, or pass --chromium PATH")
        return 1

    output = Path(args.output).resolve()
    if output.exists():
        shutil.rmtree(output)
    folders = {name: output / name for name in ("executed", "png", "html", "screenshots", "work")}
    for folder in folders.values():
        folder.mkdir(parents=True)

    problems: List[str] = []
    with tempfile.TemporaryDirectory(prefix="flowgrad-ipython-") as ipython_dir:
        startup = Path(ipython_dir) / "profile_default" / "startup" / "00-save-diagrams.py"
        startup.parent.mkdir(parents=True)
        startup.write_text(_STARTUP, encoding="utf-8")
        os.environ["IPYTHONDIR"] = ipython_dir

        for notebook_path in notebook_paths():
            problems.extend(check_notebook(notebook_path, folders, chromium))

    print()
    if problems:
        print(f"visual check FAILED ({len(problems)} problems):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"visual check passed; look at the screenshots in {folders['screenshots']}")
    return 0


def check_notebook(notebook_path: Path, folders: dict, chromium: str) -> List[str]:
    """Execute, convert and photograph one notebook; return the problems found."""
    import nbformat

    stem = notebook_path.stem
    png_folder = folders["png"] / stem
    os.environ["FLOWGRAD_DIAGRAM_PNG_DIR"] = str(png_folder)
    workdir = folders["work"] / stem
    workdir.mkdir()

    print(f"{notebook_path.name}: executing")
    try:
        notebook, _ = execute_notebook(notebook_path, workdir)
    except Exception as error:  # a failed notebook is reported, and the others still run
        return [f"{notebook_path.name} failed to execute: {type(error).__name__}: {error}"]
    # Without the stored widget state, the page is what a front end that
    # cannot show widgets gets, and it loads no widget code from the web.
    notebook.metadata.pop("widgets", None)
    executed = folders["executed"] / notebook_path.name
    nbformat.write(notebook, executed)

    problems = []
    svg_outputs = count_svg_outputs(notebook)
    pngs = sorted(png_folder.glob("*.png")) if png_folder.exists() else []
    print(f"  {svg_outputs} SVG outputs, {len(pngs)} diagram PNGs")
    if len(pngs) < svg_outputs:
        problems.append(f"{stem}: {svg_outputs} diagrams shown but only {len(pngs)} PNGs saved")
    problems.extend(check_image(png) for png in pngs)

    html = folders["html"] / f"{stem}.html"
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--log-level", "WARN",
         *OFFLINE_HTML_OPTIONS, "--output-dir", str(folders["html"]), str(executed)],
        check=False,
    )
    if not html.is_file() or html.stat().st_size == 0:
        problems.append(f"{stem}: nbconvert wrote no HTML page at {html}")
        return [p for p in problems if p]

    screenshot = folders["screenshots"] / f"{stem}.png"
    take_screenshot(chromium, html, screenshot)
    problems.append(check_image(screenshot))
    if screenshot.is_file():
        trim_bottom(screenshot)
    return [p for p in problems if p]


def count_svg_outputs(notebook) -> int:
    return sum(
        1
        for cell in notebook.cells if cell.cell_type == "code"
        for output in cell.outputs if "image/svg+xml" in output.get("data", {})
    )


def take_screenshot(chromium: str, html: Path, screenshot: Path) -> None:
    """Photograph the page ``html`` with headless Chromium, with no network use."""
    with tempfile.TemporaryDirectory(prefix="flowgrad-chromium-") as profile:
        command = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
            # Resolve no host name at all, so that nothing on the page reaches the network.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--screenshot={screenshot}", f"--window-size={SCREENSHOT_WIDTH},{SCREENSHOT_HEIGHT}",
            html.as_uri(),
        ]
        try:
            subprocess.run(command, check=False, timeout=CHROMIUM_TIMEOUT_SECONDS,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            print(f"  chromium timed out after {CHROMIUM_TIMEOUT_SECONDS} s on {html.name}")


def check_image(path: Path) -> str:
    """Return a problem if ``path`` is missing, not a PNG, or a single colour; else ""."""
    if not path.is_file() or path.stat().st_size == 0:
        return f"{path} is missing or empty"
    with path.open("rb") as file:
        if file.read(8) != PNG_SIGNATURE:
            return f"{path} is not a PNG file"
    try:
        from PIL import Image
    except ImportError:
        return ""
    with Image.open(path) as image:
        extrema = image.convert("L").getextrema()
    if extrema[0] == extrema[1]:
        return f"{path} is blank: every pixel has the value {extrema[0]}"
    return ""


def trim_bottom(path: Path) -> None:
    """Cut the blank rows below a page's content, when Pillow is installed."""
    try:
        from PIL import Image, ImageChops
    except ImportError:
        return
    with Image.open(path) as image:
        rgb = image.convert("RGB")
    background = Image.new("RGB", rgb.size, rgb.getpixel((rgb.width - 1, rgb.height - 1)))
    box = ImageChops.difference(rgb, background).getbbox()
    if box is not None and box[3] + 40 < rgb.height:
        rgb.crop((0, 0, rgb.width, box[3] + 40)).save(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
