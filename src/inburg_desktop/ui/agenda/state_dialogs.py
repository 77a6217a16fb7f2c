"""The two questions an agenda item's state needs: snooze (a reason, required, and the
day it comes back) and plan (a day and a time). Each dialog builds the state and hands it
to the agenda (``chosen``), which writes it off the GUI thread and closes the dialog once
it is stored (:meth:`_StateDialog.stored`), or says here why it was refused
(:meth:`_StateDialog.refused`): the service's rules (``services.agenda_state``) are the
ones that decide, the dialog only refuses what cannot be a state at all.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.agenda import AgendaInvalid, ItemState, Planned, Snoozed
from inburg_desktop.i18n import _
from inburg_desktop.messages import Worded, error_text
from inburg_desktop.services.agenda_state import MAX_REASON
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.date_input import DateInput, date_problem
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.refusal_clears import clear_refusal_on_edit
from inburg_desktop.ui.reserved_date import TypedField, reserved_date, rows_keep_their_height
from inburg_desktop.ui.text_limits import LimitedPlainTextEdit
from inburg_desktop.ui.time_input import TimeInput

SNOOZE_DAYS = 7
"""The day a snooze proposes: a week on (the consultant types another)."""
PLAN_TIME = time(9, 0)
"""The time a plan proposes: the start of office hours."""
REASON_LINES = 3
"""Lines of a snooze reason shown before it scrolls (it wraps: a sentence, not a note)."""


def one_line(text: str) -> str:
    """A reason as the agenda keeps it: one line, its runs of spaces and line breaks
    (a pasted sentence) made single spaces (``services.agenda_state`` refuses breaks)."""
    return " ".join(text.split())


class _StateDialog(QDialog):
    """What both questions share: the item it is about, a problem line, OK/Cancel."""

    chosen = Signal(object)  # the ItemState to store

    def __init__(self, title: str, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.column = QVBoxLayout(self)
        heading = QLabel(about)
        heading.setObjectName("agendaStateAbout")
        heading.setWordWrap(True)  # a case's name and the item: never cut off
        heading.setTextFormat(Qt.TextFormat.PlainText)  # a name is data, never markup
        self.column.addWidget(heading)
        self.form = QFormLayout()
        # Nothing moves when a message appears (usability round 7, finding 8, as in
        # every dialog of the agenda, the talks and handhaving): rows never wrap their
        # label above the field, a date or time keeps the room for its own message
        # (:meth:`add_field`), and the room the dialog gains goes to a stretch above
        # the problem line, never into a field.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.column.addLayout(self.form)
        self.column.addStretch(1)
        self.problem = MessageLabel(self)
        self.problem.setObjectName("agendaStateProblem")
        self.column.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.column.addWidget(self.buttons)
        self.writing = False
        self.close_guard: CloseGuard | None = None

    def add_field(self, text: str, field: QWidget) -> QLabel:
        """A form row: ``text`` names ``field`` (its buddy: an Alt+letter); a date or a
        time in a box that keeps the room for its message (``ui.reserved_date``)."""
        label = QLabel(text)
        label.setBuddy(field)
        if isinstance(field, TypedField):
            label.setMinimumHeight(field.edit.sizeHint().height())  # on its text's line
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.form.addRow(label, reserved_date(field))
        else:
            self.form.addRow(label, field)
        return label

    def guard(self) -> None:
        """Esc or ✕ with something typed asks first, like every editing window
        (``ui.close_guard``); called once the fields hold what the dialog proposes."""
        self.close_guard = CloseGuard(self, self._accept)
        self.close_guard.mark_clean()
        clear_refusal_on_edit(self.problem, self)  # a corrected field takes the bar away
        rows_keep_their_height(self.form)

    def reject(self) -> None:
        if self.close_guard is None or self.close_guard.allows_close():
            super().reject()

    def state(self) -> ItemState:
        """The state the fields say; ``ValueError`` (said in words) when they cannot."""
        raise NotImplementedError

    def _accept(self) -> None:
        if self.writing:
            return
        try:
            chosen = self.state()
        except ValueError as exc:
            self.refused(exc)
            if self.close_guard is not None:
                self.close_guard.save_failed()
            return
        self.problem.clear_message()
        self.writing = True
        self.buttons.setEnabled(False)
        self.chosen.emit(chosen)

    def stored(self) -> None:
        """The agenda stored the state: close."""
        self.writing = False
        if self.close_guard is not None:
            self.close_guard.mark_clean()
        self.accept()

    def refused(self, exc: BaseException) -> None:
        """Say why nothing was stored; the dialog stays open with what was typed."""
        self.writing = False
        self.buttons.setEnabled(True)
        if self.close_guard is not None:
            self.close_guard.save_failed()  # stays open, says why
        self.problem.show_message(
            _("Niet vastgelegd: {problem}").format(problem=error_text(exc)), "error"
        )


class SnoozeDialog(_StateDialog):
    """Uitstellen: why (required, one line) and until which day the item stays away."""

    def __init__(self, about: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(_("Agendapunt uitstellen"), about, parent)
        self.setObjectName("snoozeDialog")
        # wraps (a long reason is read whole), Tab goes on; Enter is OK, as in a line
        self.reason = LimitedPlainTextEdit(MAX_REASON)
        self.reason.setObjectName("snoozeReason")
        self.reason.setPlaceholderText(_("Waarom later (verplicht)"))
        metrics = self.reason.fontMetrics()
        self.reason.setFixedHeight(metrics.lineSpacing() * REASON_LINES + 12)
        self.reason.installEventFilter(self)
        self.add_field(_("&Reden"), self.reason)
        self.until = DateInput(optional=False)
        self.until.setObjectName("snoozeUntil")
        self.until.set_value(today + timedelta(days=SNOOZE_DAYS))
        self.add_field(_("&Terug op de agenda op"), self.until)
        self.reason.setFocus()
        self.guard()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.reason and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._accept()  # a reason is one sentence: Enter asks to store it
                return True
        return super().eventFilter(watched, event)

    def state(self) -> ItemState:
        problem = date_problem(self)
        until = self.until.value()
        if problem is not None or until is None:
            self.until.setFocus()
            raise Worded(problem or _("Vul een datum in (dd-mm-jjjj)."))
        try:
            return Snoozed(one_line(self.reason.toPlainText()), until)
        except AgendaInvalid:
            self.reason.setFocus()
            raise


class PlanDialog(_StateDialog):
    """Plannen: the day and time the consultant will do it (an appointment)."""

    def __init__(self, about: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(_("Agendapunt plannen"), about, parent)
        self.setObjectName("planDialog")
        self.day = DateInput(optional=False)
        self.day.setObjectName("planDay")
        self.day.set_value(today)
        self.add_field(_("&Datum"), self.day)
        # typed as in a diary: 1430, 14:30, 14.30 (usability round 6 #21)
        self.time = TimeInput()
        self.time.setObjectName("planTime")
        self.time.set_value(PLAN_TIME)
        self.add_field(_("T&ijd"), self.time)
        self.day.setFocus()
        self.guard()

    def state(self) -> ItemState:
        problem = date_problem(self)
        day = self.day.value()
        if problem is not None or day is None:
            self.day.setFocus()
            raise Worded(problem or _("Vul een datum in (dd-mm-jjjj)."))
        chosen = self.time.value()
        if chosen is None:
            self.time.say_problem()
            self.time.setFocus()
            raise Worded(self.time.problem() or _("Vul een tijd in (uu:mm)."))
        return Planned(datetime.combine(day, chosen))
