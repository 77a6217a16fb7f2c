"""An inline message line (intake, PIP editor, conflict and quarantine views, text limits):
empty (and flat) until there is news.

It never hides or shows itself: hiding a widget inside a tree not yet on screen makes some
platforms drop the active window's keyboard focus, and the intake builds panels while the
consultant types.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from inburg_desktop.ui.notice_bar import STYLES


class MessageLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        # messages carry names, file names and the office's words: data, never markup
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.kind = ""
        self.setMaximumHeight(0)  # flat while empty

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(f"QLabel{{{STYLES[kind]}border-radius:4px;padding:6px 10px}}")
        self.setText(text)
        self.setMaximumHeight(16_777_215)

    def clear_message(self) -> None:
        self.kind = ""
        self.setStyleSheet("")
        self.setText("")
        self.setMaximumHeight(0)

    @property
    def has_message(self) -> bool:
        return bool(self.text())
