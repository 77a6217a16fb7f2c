"""docs/architecture.svg is the import graph of the code today, not a drawing.

``docs/architecture_graph.py`` builds the package-level import graph with grimp (what
``lint-imports`` checks) and renders it with graphviz. This regenerates the graph and
fails when the committed ``docs/architecture.dot`` (the edge list) or the edges drawn in
``docs/architecture.svg`` no longer match: run ``.venv/bin/python
docs/architecture_graph.py`` and commit both.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "architecture_graph", DOCS / "architecture_graph.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


STALE = "stale: run .venv/bin/python docs/architecture_graph.py and commit its output"


def test_the_committed_edge_list_is_the_code_s_import_graph() -> None:
    graph = _script()
    assert (DOCS / "architecture.dot").read_text(encoding="utf-8") == graph.dot_source(), STALE


def test_the_svg_draws_exactly_those_edges() -> None:
    graph = _script()
    names, edges = graph.package_edges()
    svg = (DOCS / "architecture.svg").read_text(encoding="utf-8")
    assert graph.svg_edges(svg) == set(edges), STALE
    for name in names:
        assert f"<title>{name}</title>" in svg, (name, STALE)


def test_every_package_sits_in_a_layer_of_the_contract() -> None:
    graph = _script()
    names, _ = graph.package_edges()
    placed = {name for row in graph.layers() for name in row}
    assert set(names) <= placed, sorted(set(names) - placed)


def test_the_graph_has_no_upward_edge() -> None:
    """What ``lint-imports`` enforces, seen in the picture: every arrow points down a row
    (the layers contract forbids upward imports and imports within a row)."""
    graph = _script()
    row = {name: index for index, names in enumerate(graph.layers()) for name in names}
    _, edges = graph.package_edges()
    assert [(a, b) for a, b in edges if row[a] >= row[b]] == []
