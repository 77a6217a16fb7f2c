"""``mypy`` with no arguments, what ``.ci/run`` runs, type-checks every Python file of the
checkout: the app, its tests, the benchmarks and the docs scripts (issue 12 item 8).

A test that mypy never reads can call the app with arguments of the wrong type, or assert
on an attribute that is ``None`` half the time, and still pass for the wrong reason. These
tests read mypy's own view of the configuration (``[tool.mypy]`` in ``pyproject.toml``,
expanded by mypy exactly as a bare ``mypy`` run expands it), so a new file or folder left
out of ``files`` fails here, not silently in review.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mypy.main import process_options
from mypy.modulefinder import BuildSource
from mypy.options import Options

ROOT = Path(__file__).resolve().parents[1]
# Not the project's code: the virtualenv, caches and VCS data (all dot-folders) and what a
# build leaves behind.
NOT_SOURCE = {"__pycache__", "build", "dist"}


def python_files(root: Path = ROOT) -> Iterator[Path]:
    """Every ``.py`` file of the checkout, absolute."""
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = [
            d
            for d in subdirectories
            if not d.startswith(".") and d not in NOT_SOURCE and not d.endswith(".egg-info")
        ]
        yield from (Path(directory) / f for f in files if f.endswith(".py"))


@pytest.fixture
def bare_mypy(monkeypatch: pytest.MonkeyPatch) -> tuple[list[BuildSource], Options]:
    """What ``mypy`` with no arguments checks, run from the checkout as ``.ci/run`` does:
    the files it reads and the options it applies."""
    monkeypatch.chdir(ROOT)
    return process_options([])


def test_a_bare_mypy_run_reads_every_python_file(
    bare_mypy: tuple[list[BuildSource], Options],
) -> None:
    targets, _ = bare_mypy
    checked = {(ROOT / t.path).resolve() for t in targets if t.path is not None}
    unchecked = sorted(str(p.relative_to(ROOT)) for p in python_files() if p not in checked)
    assert unchecked == [], f"not type-checked by `mypy` ([tool.mypy] files): {unchecked}"


def test_the_bodies_of_tests_benchmarks_and_scripts_are_checked(
    bare_mypy: tuple[list[BuildSource], Options],
) -> None:
    """A relaxation for tests may drop annotations it does not need, never the checking of
    what a function does (``check_untyped_defs``), and never a whole module."""
    targets, options = bare_mypy
    outside_src = [t.module for t in targets if t.path and not t.path.startswith("src")]
    assert any(m.startswith("tests.") for m in outside_src)
    for module in outside_src:
        effective = options.clone_for_module(module)
        assert effective.check_untyped_defs and not effective.ignore_errors, module


def test_ci_runs_mypy_with_no_arguments() -> None:
    """``.ci/run`` runs the bare ``mypy`` these tests describe, so CI fails on a type error
    in a test as it does on one in the app."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ".venv/bin/mypy" in [line.strip() for line in script]
