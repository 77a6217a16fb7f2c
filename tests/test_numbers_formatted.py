"""Every amount the UI, the PDF and the CLI show (hours, euros, counts) goes through
``inburg_desktop.formatting`` ("1.200 uur", as Dutch is written), never ``str(int)``
("1200 uur"): usability round 3, finding 4 (the PIP confirmation said "1200 uur" where
the form said "1.200 uur").

The walk reads the source: a ``str.format`` keyword or an f-string value named for an
amount must be a call of a formatting function (or plain text)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "inburg_desktop"
WHERE = ("ui", "pdf", "commands")
# Placeholder names that hold an amount (a version number or a key is not one).
AMOUNTS = {
    "hours",
    "uren",
    "total",
    "week",
    "themes",
    "count",
    "amount",
    "euros",
    "pages",
    "minutes",
    "days",
    "months",
    "required",
    "n",
}
FORMATTERS = {"format_number", "decision_number", "count"}


def _is_formatted(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return True
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name in FORMATTERS or name.startswith("format_")
    return False


def hand_formatted_amounts() -> list[str]:
    found: list[str] = []
    for folder in WHERE:
        for path in sorted((SRC / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "format"
                ):
                    for keyword in node.keywords:
                        if keyword.arg in AMOUNTS and not _is_formatted(keyword.value):
                            where = f"{path.relative_to(SRC)}:{node.lineno}"
                            found.append(f"{where} {{{keyword.arg}}}")
    return found


def test_no_amount_is_formatted_by_hand() -> None:
    assert hand_formatted_amounts() == []
