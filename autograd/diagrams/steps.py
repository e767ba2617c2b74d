"""Step through the backward sweep: one diagram per step, as files or a slider.

`backward_steps` simulates the sweep on its own table of gradients and
never writes to the nodes' ``grad``, so the user's graph is left as it
was. The simulation starts from zero gradients, as a first ``backward()``
does.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Union

from ..backward import topological_order
from ..value import Value
from .diagram import Diagram
from .draw import DEFAULT_MAX_NODES, check_options, collect_nodes, make_diagram
from .graph import DrawOptions, GradientView
from .style import make_style

__all__ = ["StepViewer", "backward_steps", "save_steps", "show_steps"]

logger = logging.getLogger(__name__)


def backward_steps(root: Value, *, max_nodes: int = DEFAULT_MAX_NODES, **options: Any) -> Iterator[Diagram]:
    """Return an iterator of one diagram per step of the backward sweep from ``root``.

    The first diagram shows the seed: the output edge carries gradient 1
    and every other gradient is a dash. Then each operation node, in
    reverse topological order, gets one diagram that highlights it and
    the edges along which it has just sent gradients to its parents.
    Leaves send nothing and get no step. Gradients not computed yet show
    as dashes. ``options`` are those of `autograd.draw`. ``root`` and the
    options are checked at the call, and the diagrams are built as the
    iterator is read.

    >>> from autograd import Value
    >>> x, y = Value(3, label="x"), Value(-4, label="y")
    >>> steps = list(backward_steps(x * y + x))
    >>> len(steps), x.grad is None
    (3, True)
    """
    order = collect_nodes(root, max_nodes)
    return _steps(root, order, _layout(options))


def _steps(root: Value, order: List[Value], options: DrawOptions) -> Iterator[Diagram]:
    edges: Dict = {key: None for node in order for key in ((node, i) for i in range(len(node.parents)))}
    node_grads: Dict[Value, float] = {root: 1.0}
    yield make_diagram(order, GradientView(dict(edges), 1.0), options)

    # The steps follow the engine's sweep, which can differ from the drawing
    # order that keeps each node's parents top to bottom.
    for node in reversed(topological_order(root)):
        if node.is_leaf:
            continue
        grad = node_grads.get(node, 0.0)
        sent = set()
        for index, (parent, local_grad) in enumerate(zip(node.parents, node.local_grads)):
            contribution = local_grad * grad
            edges[(node, index)] = contribution
            node_grads[parent] = node_grads.get(parent, 0.0) + contribution
            sent.add((node, index))
        view = GradientView(dict(edges), 1.0, current=node, sent=sent)
        yield make_diagram(order, view, options)


def _layout(options: Dict[str, Any]) -> DrawOptions:
    known = {"direction", "decimals", "show_gradients", "show_local_grads", "colours", "title",
             "small_gradient", "group_by", "layout"}
    unknown = sorted(set(options) - known)
    if unknown:
        raise TypeError(f"unknown drawing option {unknown[0]!r}; use the options of autograd.draw")
    options = dict(options)
    colours = options.pop("colours", None)
    options = DrawOptions(style=make_style(colours), **options)
    check_options(options)
    return options


def save_steps(steps: List[Diagram], path: Union[str, "os.PathLike[str]"], *,
               title: str = "Backward sweep") -> List[Path]:
    """Save the diagrams of `backward_steps` and return the paths written.

    A path ending in ``.html`` gets one self-contained HTML page with
    previous and next buttons (the arrow keys work too). Any other path is
    a folder, created if needed, that gets ``step-000.svg``,
    ``step-001.svg`` and so on.
    """
    steps = list(steps)
    if not steps:
        raise ValueError("steps is empty; pass the diagrams from backward_steps(root)")
    path = Path(path)

    if path.suffix.lower() == ".html":
        path.write_text(steps_html(steps, title=title), encoding="utf-8")
        return [path]

    if path.suffix:
        raise ValueError(
            f"{str(path)!r} has the suffix {path.suffix!r}; pass a .html file, "
            f"or a folder for numbered SVG files"
        )
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for number, diagram in enumerate(steps):
        written.append(diagram.save(path / f"step-{number:03d}.svg"))
    logger.debug("saved %d steps to %s", len(written), path)
    return written


def _inline_svg(svg: str) -> str:
    # Drop the XML declaration and DOCTYPE, which may not appear inside HTML.
    return svg[svg.index("<svg"):]


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
.step {{ display: none; }}
.step.shown {{ display: block; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p><button id="previous">&larr; previous</button>
<button id="next">next &rarr;</button>
<span id="counter"></span></p>
{frames}
<script>
const frames = document.querySelectorAll(".step");
let current = 0;
function show(index) {{
  current = Math.max(0, Math.min(frames.length - 1, index));
  frames.forEach((frame, i) => frame.classList.toggle("shown", i === current));
  document.getElementById("counter").textContent = "step " + current + " of " + (frames.length - 1);
}}
document.getElementById("previous").onclick = () => show(current - 1);
document.getElementById("next").onclick = () => show(current + 1);
document.addEventListener("keydown", (event) => {{
  if (event.key === "ArrowLeft") show(current - 1);
  if (event.key === "ArrowRight") show(current + 1);
}});
show(0);
</script>
</body>
</html>
"""


def steps_html(steps: List[Diagram], *, title: str) -> str:
    """Return one HTML page that shows ``steps`` with previous and next buttons."""
    frames = "\n".join(
        f'<div class="step" data-step="{number}">{_inline_svg(diagram.svg())}</div>'
        for number, diagram in enumerate(steps)
    )
    return _PAGE.format(title=html.escape(title), frames=frames)


class StepViewer:
    """A slider over the steps of a backward sweep, for Jupyter.

    Front ends that run ipywidgets show the slider. The others, such as a
    notebook converted to HTML without widget state, show the last step
    as SVG.
    """

    def __init__(self, steps: List[Diagram]) -> None:
        import ipywidgets

        self.steps = steps
        self.slider = ipywidgets.IntSlider(value=0, min=0, max=len(steps) - 1,
                                           description="step", continuous_update=False)
        self.frame = ipywidgets.HTML(value=steps[0].svg())
        self.slider.observe(self._show, names="value")
        self.widget = ipywidgets.VBox([self.slider, self.frame])

    def _show(self, change: Dict[str, Any]) -> None:
        self.frame.value = self.steps[change["new"]].svg()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> Dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["image/svg+xml"] = self.steps[-1].svg()
        return bundle


def show_steps(root: Value, **options: Any) -> Union[StepViewer, Diagram]:
    """Return a Jupyter slider over `backward_steps` (needs the [jupyter] extra).

    Without ipywidgets, returns the last step's diagram, which still shows
    as SVG. ``options`` are those of `backward_steps`.
    """
    steps = list(backward_steps(root, **options))
    try:
        return StepViewer(steps)
    except ImportError:
        logger.info("ipywidgets is not installed; showing the last step only")
        return steps[-1]
