"""The object that `autograd.draw` returns: a Digraph that shows itself and saves."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from . import render
from .dot_parse import parse_body

__all__ = ["Diagram"]

logger = logging.getLogger(__name__)

_FORMATS = ("svg", "png", "pdf")


class Diagram:
    """A rendered-on-demand gradient-flow diagram.

    ``digraph`` is the ``graphviz.Digraph`` and ``source`` its DOT text.
    ``positioned`` is True when every node has a pinned ``pos``, so that
    Graphviz draws without laying out (``neato -n``).
    Jupyter shows the diagram inline as SVG. `save` writes SVG, PNG or PDF
    chosen by the file name's suffix. The SVG is rendered once and cached.
    """

    def __init__(self, digraph: Any, *, positioned: bool = False) -> None:
        self.digraph = digraph
        self.positioned = positioned
        self._svg: Optional[str] = None

    @property
    def source(self) -> str:
        """The DOT source of the diagram."""
        return self.digraph.source

    def nodes(self) -> Dict[str, Dict[str, str]]:
        """Return the attributes of each node by DOT id, read from the DOT body."""
        return parse_body(self.digraph.body)[0]

    def edges(self) -> List[Dict[str, str]]:
        """Return each edge's attributes, plus ``tail`` and ``head``, read from the DOT body."""
        return parse_body(self.digraph.body)[1]

    def svg(self) -> str:
        """Return the diagram as an SVG document."""
        if self._svg is None:
            self._svg = render.render_svg(self.digraph, positioned=self.positioned)
        return self._svg

    def png(self, *, scale: float = 2.0) -> bytes:
        """Return the diagram as PNG bytes, ``scale`` times the SVG's size."""
        if not scale > 0:
            raise ValueError(f"scale must be a positive number, got {scale!r}")
        if render.system_dot():
            return render.render_png(self.digraph, scale=scale, positioned=self.positioned)
        return render.rasterise(self.svg(), scale=scale)

    def pdf(self) -> bytes:
        """Return the diagram as PDF bytes (needs the Graphviz ``dot`` program)."""
        return render.render_pdf(self.digraph, positioned=self.positioned)

    def save(self, path: Union[str, "os.PathLike[str]"], *, scale: float = 2.0) -> Path:
        """Write the diagram to ``path`` as .svg, .png or .pdf, chosen by its suffix.

        ``scale`` sets the size of a PNG. Returns the path written.
        """
        path = Path(path)
        suffix = path.suffix.lower().lstrip(".")
        if suffix not in _FORMATS:
            raise ValueError(
                f"cannot tell the format of {str(path)!r} from its suffix; "
                f"end the file name with .svg, .png or .pdf"
            )

        if suffix == "svg":
            path.write_text(self.svg(), encoding="utf-8")
        elif suffix == "png":
            path.write_bytes(self.png(scale=scale))
        else:
            path.write_bytes(self.pdf())
        logger.debug("saved diagram to %s", path)
        return path

    def _repr_svg_(self) -> str:
        return self.svg()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Dict[str, str]:
        return {"image/svg+xml": self.svg()}

    def __repr__(self) -> str:
        return f"<Diagram: {self.source.count(chr(10))} lines of DOT>"
