"""What every typed-value field of the app shares: a date (``ui.date_input``) or a time
(``ui.time_input``) typed as text into one line edit, read by the app's one parser of
that kind, shown back in its one form, and refused in words beneath the field.

- :class:`SelectingLineEdit` selects its whole text when it gets the keyboard, however it
  gets it (Tab, a label's letter, a click), so typing replaces the value shown.
- :class:`TypedField` holds the line edit and the refusal beneath it in one column, gives
  the keyboard to the line edit, says ``changed`` after every edit by the consultant and
  shows the text in its one form when the consultant leaves the field or presses Enter
  (:meth:`TypedField.normal_text`, each kind's own).

A plain line edit: the mouse wheel never changes it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget

from inburg_desktop.ui.message_label import FullHeightLabel

REFUSAL_COLOUR = "#b91c1c"
"""The colour of a field's refusal beneath it (the app's error red)."""


class SelectingLineEdit(QLineEdit):
    """A line edit that selects its whole text when it gets the keyboard (Tab, a label's
    shortcut, a click), so typing a value replaces the one shown."""

    def __init__(self) -> None:
        super().__init__()
        self._select_on_release = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()
        # A click places the cursor after focus-in (on press): select again on release.
        self._select_on_release = event.reason() == Qt.FocusReason.MouseFocusReason

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self._select_on_release and not self.hasSelectedText():
            self.selectAll()
        self._select_on_release = False


class TypedField(QWidget):
    """A value typed into :attr:`edit`, its refusal in words in :attr:`message` beneath.

    A subclass builds its line edit, passes it here, places it with :meth:`place` (alone,
    or in a row with a button) and says in :meth:`normal_text` how a text reads back;
    :meth:`edited` runs after every edit by the consultant, before ``changed``."""

    changed = Signal()

    def __init__(self, edit: SelectingLineEdit, message_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(2)
        self.edit = edit
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self.show_normal_form)
        self.message = FullHeightLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.message.setObjectName(message_name)
        self.message.setStyleSheet(f"color:{REFUSAL_COLOUR}")
        self.message.hide()
        self.saying = False  # a problem is said now (beneath the field or elsewhere)
        self.shown_in: QLabel = self.message  # where it is said (see said_elsewhere)
        self.setFocusProxy(self.edit)

    def place(self, field: QWidget | QLayout) -> None:
        """Put ``field`` (the line edit, or a layout holding it) in the column, with the
        refusal beneath it."""
        if isinstance(field, QLayout):
            self.column.addLayout(field)
        else:
            self.column.addWidget(field)
        self.column.addWidget(self.message)

    def text(self) -> str:
        return self.edit.text()

    said_elsewhere: Callable[[str | None], None] | None = None
    """Where the field's problem is said instead of beneath it (``None``: beneath it). A
    form that keeps no room under its fields (the handhaving forms: a kept three-line room
    under every date was an empty band, usability round 9, finding 19) says it below the
    form, with the field's name, so no field moves."""

    def say(self, problem: str | None) -> None:
        """Show ``problem`` beneath the field (or where :attr:`said_elsewhere` says);
        ``None`` takes a shown one away."""
        self.saying = problem is not None
        if self.said_elsewhere is not None:
            self.message.hide()
            self.said_elsewhere(problem)
            return
        self.message.setText(problem or "")
        self.message.setVisible(problem is not None)

    # editing --------------------------------------------------------------------------
    def normal_text(self) -> str | None:
        """The text in the field's one form; ``None`` to leave it as typed (it reads as no
        value of the kind: the refusal beneath it says why)."""
        raise NotImplementedError

    def edited(self) -> None:
        """After an edit by the consultant, before ``changed``: the field's own check."""

    def show_normal_form(self) -> None:
        """On Enter or leaving the field: the text in its one form; the value stays the
        same, so this is no edit (``changed`` stays quiet)."""
        normal = self.normal_text()
        if normal is not None and normal != self.edit.text():
            self.edit.setText(normal)

    def _edited(self, _text: str) -> None:
        self.edited()
        self.changed.emit()
