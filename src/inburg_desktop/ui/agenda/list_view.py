"""The agenda's list: every item's lines wrapped to the list's width, never cut off or
elided (long reasons, large text, right to left), and the keyboard moving from item to
item over the group headings.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from inburg_desktop.ui.agenda.model import AgendaModel

ROW_PADDING = 10
"""Pixels above and below an item's text, so items read as separate blocks."""
TEXT_SLACK = 6
"""Pixels less than the text's room that the height is worked out for: the style draws
the text a few pixels narrower than the cell (its focus-frame margins), and a line that
wraps there and not in the estimate would be cut off."""


BATCH_ROWS = 25
"""Rows laid out per turn of the event loop: a caseload of thousands has thousands of
items, and sizing them all at once held the GUI thread for seconds (measured:
benchmarks/agenda_screen.py), so the list is laid out in batches, painting between."""


class WrappingDelegate(QStyledItemDelegate):
    """Draws an item's text wrapped at word boundaries and sizes the row to all of it,
    at the width the list gives (its viewport's). A row's height is worked out once per
    text, font and width (a relayout after a scroll or a selection asks again)."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view
        self._heights: dict[tuple[str, str, int], int] = {}

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideNone

    def text_width(self) -> int:
        """The room for an item's text: the list's width less the style's margins."""
        style = self._view.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        return max(40, self._view.viewport().width() - margin - TEXT_SLACK)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self.text_width()
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = index.data(Qt.ItemDataRole.FontRole)
        font = font if isinstance(font, QFont) else self._view.font()
        key = (text, font.key(), width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 50_000:  # a long day of widths: start again
                self._heights.clear()
            bounds = QFontMetrics(font).boundingRect(
                QRect(0, 0, width, 1_000_000), int(Qt.TextFlag.TextWordWrap), text
            )
            height = self._heights[key] = bounds.height() + 2 * ROW_PADDING
        return QSize(width, height)


class AgendaList(QListView):
    """The list of items; Up, Down, Home, End and the page keys skip the headings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaList")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setUniformItemSizes(False)
        # Relaid out at every width: the rows grow when the text wraps to more lines.
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(BATCH_ROWS)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSpacing(1)
        self.setItemDelegate(WrappingDelegate(self))

    def _model(self) -> AgendaModel | None:
        model = self.model()
        return model if isinstance(model, AgendaModel) else None

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        index = super().moveCursor(cursorAction, modifiers)
        model = self._model()
        if model is None or not index.isValid() or not model.is_heading(index.row()):
            return index
        action = QAbstractItemView.CursorAction
        down = cursorAction in (action.MoveDown, action.MoveHome, action.MovePageDown,
                                action.MoveNext, action.MoveRight)  # fmt: skip
        return self.item_near(index.row(), 1 if down else -1, fallback=self.currentIndex())

    def item_near(self, row: int, step: int, fallback: QModelIndex | None = None) -> QModelIndex:
        """The first item (not a heading) from ``row`` on in the direction ``step``, else
        the other way; ``fallback`` (or an invalid index) when the list holds none."""
        model = self._model()
        if model is None:
            return fallback or QModelIndex()
        count = model.rowCount()
        for direction in (step, -step):
            number = row
            while 0 <= number < count:
                if not model.is_heading(number):
                    return model.index(number, 0)
                number += direction
        return fallback if fallback is not None and fallback.isValid() else QModelIndex()

    def select_row(self, row: int) -> None:
        """Make the item at ``row`` (or the nearest one) current and selected."""
        index = self.item_near(max(0, row), 1)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)
