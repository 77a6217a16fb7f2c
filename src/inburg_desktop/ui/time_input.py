"""The one time field of the app: a consultant types a time as in a diary.

``QTimeEdit`` edits a time section by section: typing ``1430`` after Tab left 09:00 and
``14:30`` at the end made 09:14; only the arrow keys worked, a minute at a time (usability
round 6, finding 21). :class:`TimeInput` is a plain line edit read by the one parser of
typed times (``domain/typed_time.py``): ``1430``, ``14:30``, ``14.30``, ``14u30`` and
``14.30 uur`` are all 14:30. As :class:`~inburg_desktop.ui.date_input.DateInput` does for
dates, the field selects its text when it gets the keyboard (typing replaces the time
shown), shows what was read in the one form (``14:30``) when the consultant leaves it or
presses Enter, and says a refusal beneath itself in words while keeping the text as typed;
every change that makes the text a time takes the refusal away (the machinery both
share: ``ui.typed_field``). A plain line edit: the mouse wheel never changes it.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import QWidget

from inburg_desktop.domain.typed_time import TimeTypedRefused, read_typed_time
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.ui.typed_field import SelectingLineEdit, TypedField


def format_typed_time(value: time) -> str:
    """``value`` as the field shows it back: ``HH:MM`` on the 24-hour clock (the form the
    parser reads in every language)."""
    return f"{value.hour:02d}:{value.minute:02d}"


class TimeInput(TypedField):
    """A time of day typed as text; ``changed`` after every edit (``ui.typed_field``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        edit = SelectingLineEdit()
        super().__init__(edit, "timeProblem", parent)
        self.edit.setObjectName("timeText")
        self.edit.setPlaceholderText(_("uu:mm"))
        self.edit.setAccessibleDescription(
            _("Tijd als uren en minuten, bijvoorbeeld 14:30, 14.30 of 1430")
        )
        self.edit.setMaxLength(16)
        width = self.edit.fontMetrics().horizontalAdvance("00:00 uur") + 24
        self.edit.setMinimumWidth(width)
        self.place(self.edit)

    def value(self) -> time | None:
        """The time typed; ``None`` when the field is empty or holds no time."""
        try:
            return read_typed_time(self.edit.text())
        except TimeTypedRefused:
            return None

    def set_value(self, value: time | None) -> None:
        self.edit.setText("" if value is None else format_typed_time(value))
        self._check()

    def problem(self) -> str | None:
        """Why the text is no time, in words; ``None`` when it is one."""
        try:
            typed = read_typed_time(self.edit.text())
        except TimeTypedRefused as exc:
            return error_text(exc)
        return None if typed is not None else _("Vul een tijd in (uu:mm).")

    def say_problem(self) -> None:
        """Show the problem beneath the field (for a Save/OK that refused)."""
        self.say(self.problem())

    def edited(self) -> None:
        self._check(show=False)  # not while typing "14:" on the way to "14:30"

    def normal_text(self) -> str | None:
        read = self.value()
        return None if read is None else format_typed_time(read)

    def show_normal_form(self) -> None:
        super().show_normal_form()
        self._check(show=True)

    def _check(self, show: bool = True) -> None:
        """Say a refusal (``show``; else only update one shown); it stays only while the
        text typed is still no time."""
        problem = self.problem() if self.edit.text().strip() else None
        if problem is None or show or self.saying:
            self.say(problem)
