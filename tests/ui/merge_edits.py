"""Editing a three-way merge in the conflict view as a consultant does (shared by tests)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from inburg_desktop.services.text_merge import merge_text
from inburg_desktop.ui.conflict_view import ConflictView


def keep_both_sides(view: ConflictView) -> None:
    """What a consultant does who keeps both versions of each place both sides changed:
    the merge shows this laptop's version there, marked; type the other side's version in
    front of it (as edits, from the last place to the first)."""
    conflict = view.current()
    assert conflict is not None
    base = conflict.base_value if isinstance(conflict.base_value, str) else ""
    result = merge_text(base, conflict.office_value or "", conflict.laptop_value or "")
    office_parts = [part.office for part in result.parts if part.kind == "conflict"]
    marks = view.merged.extraSelections()
    assert len(marks) == len(office_parts)
    for mark, office in reversed(list(zip(marks, office_parts, strict=True))):
        cursor = QTextCursor(view.merged.document())
        cursor.setPosition(mark.cursor.selectionStart())
        cursor.insertText(office if office.endswith("\n") or not office else office + "\n")
