"""A help line whose height is reserved for the longest of the texts it can show.

A line that appears, or grows, when the consultant makes a choice moves every field below
it: in the PIP editor the chosen Z-route ground appeared under its combo, the motivering
field slid down, and the click meant for it landed on the help text (usability round 3,
finding 6). A :class:`ReservedLabel` is always there, as tall as its tallest possible text
at the width it has, so changing its text moves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

_TALL = 100_000  # pixels: room enough for any help text when measuring it


class ReservedLabel(QLabel):
    """A word-wrapped plain-text label as tall as the tallest of ``texts`` would be.

    ``texts`` are every text it may show (it may also show none: the room stays).
    """

    def __init__(self, texts: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.texts = tuple(t for t in texts if t)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # as wide as the column gives, never wider (its width decides its height)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._reserve(self.width())

    def reserved_height(self, width: int) -> int:
        """The height, in pixels, of the tallest of the label's texts at ``width``."""
        margins = self.contentsMargins()
        inner = max(width - margins.left() - margins.right() - 2 * self.margin(), 1)
        metrics = self.fontMetrics()
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        tallest = max(
            (
                metrics.boundingRect(QRect(0, 0, inner, _TALL), flags, t).height()
                for t in self.texts
            ),
            default=metrics.height(),
        )
        return tallest + margins.top() + margins.bottom() + 2 * self.margin()

    def _reserve(self, width: int) -> None:
        height = self.reserved_height(width)
        if self.height() != height or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reserve(event.size().width())
