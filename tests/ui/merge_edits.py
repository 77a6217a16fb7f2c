"""Editing a three-way merge in the conflict view as a consultant does (shared by tests)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from inburg_desktop.services.text_merge import has_markers


def keep_both_sides(editor: QPlainTextEdit) -> None:
    """What a consultant does who keeps both versions of a place both sides changed:
    delete the marker lines of the three-way merge (as edits, one line at a time)."""
    document = editor.document()
    while True:
        block = document.firstBlock()
        while block.isValid() and not has_markers(block.text()):
            block = block.next()
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
        if not cursor.hasSelection() or cursor.selectedText() == "":
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
        cursor.removeSelectedText()
