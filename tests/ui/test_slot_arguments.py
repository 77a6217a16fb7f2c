"""A slot receives what its signal sends: ``clicked``, ``triggered`` and ``toggled`` send
a ``bool`` (checked), so a method connected to them directly must take no argument or a
``bool``. Caught: Handhaving's "Beschikking als PDF…" called ``export_letter(path=False)``
and never wrote the letter (usability round 6, finding 17). A calendar's ``clicked``
sends a ``QDate``."""

from __future__ import annotations

import ast
from pathlib import Path

import inburg_desktop.ui

UI = Path(inburg_desktop.ui.__file__).parent
CHECKED_SIGNALS = {"clicked", "triggered", "toggled"}
ALLOWED_FIRST = {"bool", "QDate"}  # QCalendarWidget.clicked(QDate)


def _mismatches(source: str, name: str) -> list[str]:
    found = []
    tree = ast.parse(source)
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        methods = {f.name: f for f in cls.body if isinstance(f, ast.FunctionDef)}
        for call in ast.walk(cls):
            if not (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "connect"
                and isinstance(call.func.value, ast.Attribute)
                and call.func.value.attr in CHECKED_SIGNALS
                and call.args
            ):
                continue
            slot = call.args[0]
            if not (
                isinstance(slot, ast.Attribute)
                and isinstance(slot.value, ast.Name)
                and slot.value.id == "self"
                and slot.attr in methods
            ):
                continue
            params = methods[slot.attr].args.args[1:]
            if not params:
                continue
            annotation = params[0].annotation
            kind = ast.unparse(annotation) if annotation is not None else "(none)"
            if kind not in ALLOWED_FIRST:
                found.append(f"{name}:{call.lineno} {call.func.value.attr} → {slot.attr}({kind})")
    return found


def test_checked_signals_reach_slots_that_take_no_or_a_bool_argument() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        found += _mismatches(path.read_text(encoding="utf-8"), str(path.relative_to(UI)))
    assert found == [], "\n".join(found)


def test_the_check_finds_a_slot_that_would_take_checked_as_its_path() -> None:
    source = (
        "class W:\n"
        "    def __init__(self):\n"
        "        self.button.clicked.connect(self.export)\n"
        "    def export(self, path: Path | None = None):\n"
        "        pass\n"
    )
    assert _mismatches(source, "w.py") == ["w.py:3 clicked → export(Path | None)"]
