"""Editing a three-way merge in the conflict view as a consultant does (shared by tests)."""

from __future__ import annotations

from inburg_desktop.services.text_merge import merge_text
from inburg_desktop.ui.conflict_view import ConflictView


def keep_both_sides(view: ConflictView) -> None:
    """What a consultant does who keeps both versions of each place both sides changed:
    the merge already holds both there, the office's first, each marked with its side
    (usability round 3); nothing to type. Checks that both stand in the merged text."""
    conflict = view.current()
    assert conflict is not None
    base = conflict.base_value if isinstance(conflict.base_value, str) else ""
    result = merge_text(base, conflict.office_value or "", conflict.laptop_value or "")
    shown = view.merged.toPlainText()
    marks = view.merged.extraSelections()
    for part in result.parts:
        if part.kind == "conflict":
            assert part.office.strip() in shown and part.laptop.strip() in shown
    assert len(marks) >= 2 * result.conflicts
