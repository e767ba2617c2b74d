"""Fixtures for the diagram tests: the reference example and the rendering switch.

Every test renders in-process (as if Graphviz were not installed) unless
it is marked ``system_graphviz``, in which case it needs the ``dot``
program and is skipped without it.
"""

import shutil

import pytest

from autograd import Value

_real_which = shutil.which


@pytest.fixture(autouse=True)
def rendering_backend(request, monkeypatch):
    """Hide the dot program, except in tests marked system_graphviz."""
    if request.node.get_closest_marker("system_graphviz"):
        if _real_which("dot") is None:
            pytest.skip("the Graphviz dot program is not on PATH")
        return "system"

    def which_without_dot(name, *args, **kwargs):
        return None if name == "dot" else _real_which(name, *args, **kwargs)

    monkeypatch.setattr(shutil, "which", which_without_dot)
    return "in-process"


def reference_graph():
    """f = 2 * (x * y + max(z, w)) with x = 3, y = -4, z = 2, w = -1."""
    x, y, z, w = Value(3, label="x"), Value(-4, label="y"), Value(2, label="z"), Value(-1, label="w")
    f = 2 * (x * y + z.max(w))
    return f, (x, y, z, w)


@pytest.fixture
def reference():
    """The output of the reference example after backward()."""
    f, _ = reference_graph()
    f.backward()
    return f
