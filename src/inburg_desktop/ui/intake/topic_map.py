"""The topic map: every intake topic with its state, in icon, colour and words.

``TopicMapModel`` is a list model (testable without a window); ``TopicMapView`` shows it
and reports the topic the consultant moves to by click or arrow keys.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from inburg_desktop.domain.intake import TopicState
from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import Topic
from inburg_desktop.ui.intake.style import state_icon, state_label

TOPIC_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
SHORTCUT_TOPICS = 9  # Ctrl+1 .. Ctrl+9

Index = QModelIndex | QPersistentModelIndex


class TopicMapModel(QAbstractListModel):
    def __init__(self, topics: tuple[Topic, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topics = topics
        self.states: dict[str, TopicState] = {t.id: TopicState.NOT_STARTED for t in topics}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.topics)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        topic = self.topics[index.row()]
        state = self.states[topic.id]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{topic.title}\n{state_label(state)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{topic.title}: {state_label(state)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return state_icon(state)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#111827")
        if role == Qt.ItemDataRole.ToolTipRole:
            number = index.row() + 1
            if number <= SHORTCUT_TOPICS:
                return _("{title} (Ctrl+{number})").format(title=topic.title, number=number)
            return topic.title
        if role == TOPIC_ROLE:
            return topic.id
        if role == STATE_ROLE:
            return state
        return None

    def set_states(self, states: dict[str, TopicState]) -> None:
        changed = [
            t.id for t in self.topics if states.get(t.id, self.states[t.id]) != self.states[t.id]
        ]
        self.states.update({k: v for k, v in states.items() if k in self.states})
        for topic_id in changed:
            index = self.index(self.row_of(topic_id))
            self.dataChanged.emit(index, index)

    def row_of(self, topic_id: str) -> int:
        for row, topic in enumerate(self.topics):
            if topic.id == topic_id:
                return row
        raise KeyError(topic_id)

    def count(self, state: TopicState) -> int:
        return sum(1 for s in self.states.values() if s is state)


class TopicMapView(QListView):
    topic_selected = Signal(str)

    def __init__(self, model: TopicMapModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topicMap")
        self.setModel(model)
        self.setAccessibleName(_("Onderwerpen van de intake"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIconSize(QSize(22, 22))
        self.setSpacing(1)
        self.setUniformItemSizes(True)
        self.setWordWrap(False)
        font = QFont(self.font())
        font.setPointSize(10)
        self.setFont(font)
        self.setMinimumWidth(250)
        self.selectionModel().currentChanged.connect(self._current_changed)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.topic_selected.emit(str(current.data(TOPIC_ROLE)))

    def show_topic(self, topic_id: str) -> None:
        """Select ``topic_id`` without emitting ``topic_selected`` again."""
        model = self.model()
        assert isinstance(model, TopicMapModel)
        index = model.index(model.row_of(topic_id))
        if self.currentIndex() != index:
            self.blockSignals(True)
            self.selectionModel().blockSignals(True)
            self.setCurrentIndex(index)
            self.selectionModel().blockSignals(False)
            self.blockSignals(False)
            self.viewport().update()
        self.scrollTo(index)
