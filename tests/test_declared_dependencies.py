"""Every third-party package that ``src/`` imports is declared in ``pyproject.toml``.

A package that only arrives as a dependency of another (pydantic through FastAPI, Pillow
through ReportLab) can vanish or change its major version when that other package moves
on, and the app breaks in a place nobody looked. So each import of ``src/`` (function-level
ones too) is mapped to the distribution that installs it
(``importlib.metadata.packages_distributions``) and must be a declared dependency.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Mapping
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "inburg_desktop"


def _normalised(name: str) -> str:
    """PEP 503 normalisation: ``PySide6_Essentials`` and ``pyside6-essentials`` match."""
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    """The distributions ``[project].dependencies`` names (requirements, without versions)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return {
        _normalised(re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0])
        for requirement in project["dependencies"]
    }


def imported_top_level(src: Path = ROOT / "src" / PACKAGE) -> dict[str, set[str]]:
    """Top-level module name → the files importing it, for every absolute import."""
    found: dict[str, set[str]] = {}
    for path in sorted(src.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                found.setdefault(top, set()).add(str(path.relative_to(src.parent)))
    return found


def undeclared(
    imports: dict[str, set[str]], dependencies: set[str], dists: Mapping[str, list[str]]
) -> dict[str, str]:
    """Imported third-party modules whose distribution is not declared: module → problem."""
    problems: dict[str, str] = {}
    for module in sorted(imports):
        if module == PACKAGE or module in sys.stdlib_module_names or module == "__future__":
            continue
        installers = {_normalised(d) for d in dists.get(module, [])}
        if not installers:
            problems[module] = "installed by no distribution: " + ", ".join(sorted(imports[module]))
        elif not installers & dependencies:
            problems[module] = (
                f"from {', '.join(sorted(installers))}, not declared in pyproject.toml "
                f"(imported by {', '.join(sorted(imports[module]))})"
            )
    return problems


def test_every_imported_package_is_a_declared_dependency() -> None:
    problems = undeclared(imported_top_level(), declared(), packages_distributions())
    assert problems == {}, "\n".join(f"{m}: {why}" for m, why in problems.items())


def test_the_check_sees_a_package_that_only_comes_along_with_another(tmp_path: Path) -> None:
    src = tmp_path / PACKAGE
    src.mkdir()
    (src / "a.py").write_text("import json\ndef f():\n    from pydantic import BaseModel\n")
    problems = undeclared(imported_top_level(src), {"fastapi"}, packages_distributions())
    assert list(problems) == ["pydantic"]
    assert undeclared(imported_top_level(src), {"pydantic"}, packages_distributions()) == {}
