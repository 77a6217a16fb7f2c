"""Ctrl+K: jump to any topic by typing part of its name (accents and case ignored)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.intake import TopicState
from inburg_desktop.domain.search_fold import fold
from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import Topic
from inburg_desktop.ui.intake.style import state_icon, state_label


class QuickSwitcher(QDialog):
    """A small modal list: type to filter, arrows to move, Enter to jump, Esc to cancel."""

    chosen = Signal(str)

    def __init__(
        self,
        topics: tuple[Topic, ...],
        states: dict[str, TopicState],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quickSwitcher")
        self.setWindowTitle(_("Naar onderwerp"))
        self.setModal(True)
        self.resize(460, 460)
        layout = QVBoxLayout(self)
        hint = QLabel(_("Typ een deel van de naam en druk op Enter."))
        hint.setStyleSheet("color:#4b5563")
        layout.addWidget(hint)
        self.query = QLineEdit()
        self.query.setObjectName("quickSwitcherQuery")
        self.query.setPlaceholderText(_("Onderwerp zoeken"))
        self.query.setAccessibleName(_("Onderwerp zoeken"))
        layout.addWidget(self.query)
        self.list = QListWidget()
        self.list.setObjectName("quickSwitcherList")
        self.list.setAccessibleName(_("Onderwerpen"))
        layout.addWidget(self.list, 1)
        for number, topic in enumerate(topics, start=1):
            state = states.get(topic.id, TopicState.NOT_STARTED)
            item = QListWidgetItem(
                state_icon(state), f"{number}. {topic.title} — {state_label(state)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, topic.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, fold(f"{topic.title} {topic.id}"))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.query.textChanged.connect(self._filter)
        self.query.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept())

    def visible_topics(self) -> list[str]:
        return [
            str(self.list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.list.count())
            if not self.list.item(row).isHidden()
        ]

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        first = -1
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = str(item.data(Qt.ItemDataRole.UserRole + 1))
            hidden = not all(word in haystack for word in words)
            item.setHidden(hidden)
            if not hidden and first < 0:
                first = row
        if first >= 0:
            self.list.setCurrentRow(first)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        while 0 <= row + step < self.list.count():
            row += step
            if not self.list.item(row).isHidden():
                self.list.setCurrentRow(row)
                return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self._move(1)
                return True
            if event.key() == Qt.Key.Key_Up:
                self._move(-1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.visible_topics():  # no topic found: Enter does nothing
                    self.accept()
                return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        super().accept()
