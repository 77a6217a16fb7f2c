"""No import cycles between the modules of ``src/inburg_desktop``, hidden ones included.

import-linter (``pyproject.toml``, run by ``.ci/run``) checks the layers between packages;
this checks every pair of modules, which a layer contract cannot: an import inside a
function counts (it is how a cycle hides: it only runs later), and so does the package
``__init__`` that importing ``a.b.c`` runs first (``ui.text_limits`` importing
``ui.intake.message`` runs ``ui/intake/__init__``, which imports the intake window).

Imports under ``if TYPE_CHECKING:`` are left out: they never run, and a helper module
typing the window it serves (``ui/pip/file_actions.py``) is not a dependency at run time.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "inburg_desktop"


def modules(src: Path = SRC) -> dict[str, Path]:
    """Dotted module name → file, for every module of the package (a package is its
    ``__init__``)."""
    found: dict[str, Path] = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking_only(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for statement in node.body:
                    skipped.update(id(inner) for inner in ast.walk(statement))
    return skipped


def _imported_names(module: str, is_package: bool, tree: ast.AST) -> Iterator[str]:
    """Every module name an import statement anywhere in ``tree`` may name."""
    skipped = _type_checking_only(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            yield target
            yield from (f"{target}.{alias.name}" for alias in node.names)


def import_graph(src: Path = SRC) -> dict[str, set[str]]:
    """Module → the project modules importing it runs: each named module and the packages
    above it, leaving out the importer's own packages (already being imported)."""
    known = modules(src)
    graph: dict[str, set[str]] = {}
    for module, path in known.items():
        is_package = path.name == "__init__.py"
        own = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 2)}
        if not is_package:
            own.discard(module)
        edges: set[str] = set()
        for name in _imported_names(module, is_package, ast.parse(path.read_text("utf-8"))):
            parts = name.split(".")
            for i in range(1, len(parts) + 1):
                prefix = ".".join(parts[:i])
                if prefix in known and prefix not in own:
                    edges.add(prefix)
        edges.discard(module)
        graph[module] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_imports_itself_back() -> None:
    found = cycles(import_graph())
    assert found == [], "import cycles (function-level and package __init__ imports count):\n" + (
        "\n".join(" <-> ".join(c) for c in found)
    )


def test_the_cycle_finder_sees_function_level_and_package_imports(tmp_path: Path) -> None:
    """The checker itself: a cycle hidden in a function body, or behind a package
    ``__init__``, is found; an import under TYPE_CHECKING is not one."""
    pkg = tmp_path / PACKAGE
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("def f():\n    from inburg_desktop import b\n")
    (pkg / "b.py").write_text("from inburg_desktop.a import f\n")
    (pkg / "sub" / "__init__.py").write_text("from inburg_desktop.sub import window\n")
    (pkg / "sub" / "window.py").write_text("from inburg_desktop import limits\n")
    (pkg / "sub" / "message.py").write_text("")
    (pkg / "limits.py").write_text("from inburg_desktop.sub.message import X\n")
    (pkg / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from inburg_desktop import c\n"
    )
    (pkg / "c.py").write_text("from inburg_desktop import typed\n")
    found = cycles(import_graph(tmp_path))
    assert sorted(found) == [
        ["inburg_desktop.a", "inburg_desktop.b"],
        ["inburg_desktop.limits", "inburg_desktop.sub", "inburg_desktop.sub.window"],
    ]
