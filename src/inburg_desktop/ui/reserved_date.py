"""A date (or time) field with the room for its message kept beneath it.

A :class:`~inburg_desktop.ui.date_input.DateInput` says a half-typed or impossible date
beneath its text ("Deze datum bestaat niet: 31-2-2026"). Put straight into a form, the
field grows when that line appears and shrinks when it goes: every row below it moves,
and in a row beside other widgets the label, centred on the taller field, sinks below
the text it names (usability round 7, findings 8 and 17: "Vastgesteld op:" jumped, "the
click aimed at a field hits empty space"; the talk window's "Gehouden op" sat lower than
its field). :func:`reserved_date` holds the field at the top of a box as tall as the
field with :data:`MESSAGE_LINES` lines of message, so the message comes and goes inside
room that is always there. A message longer than that still shows whole (the box
grows): cut text would be worse than a moved row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.time_input import TimeInput

TypedField = DateInput | TimeInput
"""The fields that say their own problem beneath their text (a date, a time)."""

MESSAGE_LINES = 3
"""Lines of the date's message the box keeps room for (the longest of the field's own
messages, "Geen volledige datum: …", takes three in a form beside its label)."""


class _ReservedDate(QWidget):
    """The box: the field at its top, at least the reserved height tall."""

    def __init__(self, field: TypedField, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field, self.lines = field, lines
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(field, 0, Qt.AlignmentFlag.AlignTop)
        column.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # A label naming the box hands the keyboard to the field (Alt+letter, Tab).
        self.setFocusProxy(field)
        self.setFocusPolicy(field.edit.focusPolicy())
        field.installEventFilter(self)
        self._reserve()

    def reserved_height(self) -> int:
        """The box's least height (px): the field's text line, the field's spacing and
        :attr:`lines` lines of its message."""
        layout = self.field.layout()
        spacing = 0 if layout is None else max(layout.spacing(), 0)
        message = self.field.message.fontMetrics().lineSpacing() * self.lines
        return self.field.edit.sizeHint().height() + spacing + message

    def _reserve(self) -> None:
        needed = max(self.reserved_height(), self.field.sizeHint().height())
        if self.minimumHeight() != needed or self.maximumHeight() != needed:
            self.setFixedHeight(needed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The field's message came, went or wrapped anew: the box keeps its room, or
        # grows for a message longer than the room.
        # ``field`` is read from the instance: while Qt tears a dialog down, the filter can
        # be called on a wrapper whose Python attributes are already gone (an exception
        # in Qt's event loop, seen closing the agenda's snooze question)
        if watched is self.__dict__.get("field") and event.type() in (
            QEvent.Type.LayoutRequest,
            QEvent.Type.Resize,
            QEvent.Type.FontChange,
        ):
            self._reserve()
        return super().eventFilter(watched, event)


def reserved_date(field: TypedField, lines: int = MESSAGE_LINES) -> QWidget:
    """``field`` in a box that keeps ``lines`` lines of room for its message beneath it
    (module docstring); put the box where the field would go. Its focus goes to the
    field, so a label may name either."""
    return _ReservedDate(field, lines)


def rows_keep_their_height(form: QFormLayout) -> None:
    """Every label of ``form`` (a row's name, a note under a field) as tall as its text
    and no taller: room a dialog gains after a message went (a dialog does not shrink
    back) is otherwise handed to the labels, which pushes the rows below them down and
    leaves the label above its field's line."""
    for row in range(form.rowCount()):
        for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole):
            item = form.itemAt(row, role)
            widget = None if item is None else item.widget()
            if isinstance(widget, QLabel):
                policy = widget.sizePolicy()
                policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
                widget.setSizePolicy(policy)
