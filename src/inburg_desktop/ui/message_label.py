"""An inline message line (intake, PIP editor, conflict and quarantine views, text limits):
empty (and flat) until there is news.

It never hides or shows itself: hiding a widget inside a tree not yet on screen makes some
platforms drop the active window's keyboard focus, and the intake builds panels while the
consultant types.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inburg_desktop.ui.notice_bar import STYLES


class FullHeightLabel(QLabel):
    """A word-wrapped label that always gets the height its text needs at its width.

    Qt lays out a wrapped label by its size hint, worked out before the layout decides
    its width; in a row beside other fields (the PIP editor's ontzorgen row) the label then
    got the height of one line and its second line was cut off (usability round 2 finding
    14). Its minimum height follows ``heightForWidth`` of the width it was given, so every
    line shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
        elif not self.text() and self.minimumHeight():
            self.setMinimumHeight(0)


class MessageLabel(FullHeightLabel):
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


class MessageSlot(QWidget):
    """The place under a form field for its message label: always at least ``lines``
    lines high, so a short message coming or going moves nothing, and as high as a longer
    message's wrapped text needs at the slot's width, pushing the rows below down rather
    than cutting its last line off (usability round 6 finding 20: a slot of a fixed two
    lines hid the end of the six-digit date hint in Nieuw dossier).

    The height is set, not left to the layout: a word-wrapped label's size hint is worked
    out for a width of Qt's own choosing, which made rows grow for one-line messages."""

    def __init__(self, label: QLabel, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
        self.kept = lines * self.fontMetrics().lineSpacing()
        self.setFixedHeight(self.kept)

    def needed_height(self) -> int:
        """The slot's height for the label's text now (px)."""
        if self.label.isHidden() or not self.label.text():
            return self.kept
        return max(self.kept, self.label.heightForWidth(self.width()))

    def refit(self) -> None:
        needed = self.needed_height()
        if needed != self.height():
            self.setFixedHeight(needed)

    def event(self, event: QEvent) -> bool:
        # A label's new text or visibility asks its parent to lay out again.
        if event.type() == QEvent.Type.LayoutRequest:
            self.refit()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()
