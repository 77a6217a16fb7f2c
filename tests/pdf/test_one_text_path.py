"""Every text on a PIP or booklet page goes through text.py (text.paragraph and
text.draw_paragraph), which picks a font per script and shapes: no other module of pdf/
builds a ReportLab Paragraph, a Table (whose string cells use one font) or draws a
string on the canvas, so a new section cannot bypass the fallback by accident."""

from __future__ import annotations

import ast
from pathlib import Path

import inburg_desktop.pdf

PDF = Path(inburg_desktop.pdf.__file__).parent
# Calls that put text on a page without the per-script font choice.
BYPASSES = {
    "Paragraph",
    "Table",
    "LongTable",
    "XPreformatted",
    "Preformatted",
    "drawString",
    "drawCentredString",
    "drawRightString",
    "drawAlignedString",
    "beginText",
}


def _calls(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in BYPASSES:
                found.append((node.lineno, name))
    return found


def test_only_text_py_puts_text_on_a_page() -> None:
    modules = sorted(PDF.glob("*.py"))
    assert len(modules) >= 8
    offenders = {
        path.name: calls for path in modules if path.name != "text.py" if (calls := _calls(path))
    }
    assert offenders == {}
    assert [name for _, name in _calls(PDF / "text.py")] == ["Paragraph"]
