"""ui/ and commands/ reach the vault only through services/ (DESIGN.md, Layout).

Counted with ``ast`` over every module of both packages, imports inside functions and
under ``TYPE_CHECKING`` included, so a late import cannot hide one. A second check keeps
windows and commands from opening sessions or transactions themselves: the use case in
services/ owns its unit of work.
"""

from __future__ import annotations

import ast
from pathlib import Path

import inburg_desktop

PACKAGE = Path(inburg_desktop.__file__).parent
EDGES = ("ui", "commands")


def _modules() -> list[Path]:
    return sorted(p for edge in EDGES for p in (PACKAGE / edge).rglob("*.py"))


def _imports(tree: ast.AST, module: str) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing module's package
                base = module.split(".")[: -node.level]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def _dotted(path: Path) -> str:
    return "inburg_desktop." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def storage_importers() -> list[str]:
    out = []
    for path in _modules():
        module = _dotted(path)
        names = _imports(ast.parse(path.read_text(encoding="utf-8")), module)
        if any(
            n == "inburg_desktop.storage" or n.startswith("inburg_desktop.storage.") for n in names
        ):
            out.append(module)
    return out


def test_the_counter_sees_late_and_relative_imports() -> None:
    code = (
        "def f():\n    from inburg_desktop.storage.vault import OpenVault\n"
        "if TYPE_CHECKING:\n    import inburg_desktop.storage.cases\n"
    )
    names = _imports(ast.parse(code), "inburg_desktop.ui.x")
    assert "inburg_desktop.storage.vault" in names and "inburg_desktop.storage.cases" in names
    relative = _imports(ast.parse("from ..storage import vault\n"), "inburg_desktop.ui.x")
    assert "inburg_desktop.storage.vault" in relative


def test_no_ui_or_commands_module_imports_storage() -> None:
    assert len(_modules()) > 40  # the walk found the packages
    assert storage_importers() == []


def test_no_ui_or_commands_module_opens_a_session_or_transaction() -> None:
    """``vault.session()`` / ``vault.transaction()`` belong to use cases in services/."""
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("session", "transaction")
                and not node.args
            ):
                found.append(f"{_dotted(path)}:{node.lineno}")
    assert found == []
