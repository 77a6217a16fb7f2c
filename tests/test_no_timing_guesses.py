"""The suite waits for events, never for time: no test may sleep or wait a fixed time and
then assert, arm a timer to inject a fault, or let a wall-clock budget decide a result.

Sleeping is allowed only as the pause of a polling loop (``while`` not yet: pause), the
condition of which is what the test waits for. Faults are injected at fault points
(tests/fault_points.py) or at a chosen request (tests/loopback_proxy.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import HealthCheck, settings

TESTS = Path(__file__).parent
PAUSES = {"time.sleep", "QTest.qWait", "qtbot.wait"}
NEVER = {"threading.Timer": "a fault on a timer lands wherever the machine puts it"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_name(node.value)}.{node.attr}"
    if isinstance(node, ast.Name):
        return node.id
    return "?"


def _offences(tree: ast.AST) -> list[str]:
    found: list[str] = []

    def visit(node: ast.AST, polling: bool) -> None:
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in PAUSES and not polling:
                found.append(f"line {node.lineno}: {name} outside a polling loop")
            if name in NEVER:
                found.append(f"line {node.lineno}: {name}: {NEVER[name]}")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            polling = False  # a function defined in a loop is not the loop's pause
        for child in ast.iter_child_nodes(node):
            visit(child, polling or isinstance(node, ast.While))

    visit(tree, False)
    return found


def test_no_test_sleeps_or_waits_a_fixed_time() -> None:
    offences = {
        str(path.relative_to(TESTS)): found
        for path in sorted(TESTS.rglob("*.py"))
        if (found := _offences(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert offences == {}


def test_the_checker_finds_what_it_forbids() -> None:
    source = """
def test_a(qtbot):
    qtbot.wait(50)
    time.sleep(0.1)
    threading.Timer(0.2, kill).start()
    while not ready():
        time.sleep(0.05)
        for _ in range(3):
            QTest.qWait(5)
    while True:
        def later():
            time.sleep(1)
"""
    assert [line.split(":")[0] for line in _offences(ast.parse(source))] == [
        "line 3",
        "line 4",
        "line 5",
        "line 12",
    ]


def test_property_tests_have_no_time_budget() -> None:
    """Hypothesis's deadline and its "too slow" health check measure wall-clock time;
    the profile in tests/conftest.py switches both off for every property test."""
    assert settings().deadline is None
    assert HealthCheck.too_slow in settings().suppress_health_check
