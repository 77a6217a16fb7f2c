"""Oproepen (Wet art. 14 lid 1-2) and session records of a case, with what comes next."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.oproep import Oproep, OproepStatus, OproepUitkomst
from inburg_desktop.formatting import format_date, format_number, reason_text
from inburg_desktop.i18n import _
from inburg_desktop.services.intake_oproepen import StoredOproep, outcome_label
from inburg_desktop.services.intake_sessions import SessionRecord, interpreter_label
from inburg_desktop.ui.close_guard import FieldValues, changed_labels, field_values
from inburg_desktop.ui.date_input import DateInput, date_problem
from inburg_desktop.ui.message_label import MessageLabel


class OproepenPanel(QWidget):
    oproep_added = Signal(object)  # StoredOproep
    session_requested = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        title = QLabel(_("Oproepen (Wet art. 14 lid 1–2)"))
        title.setObjectName("sectionTitle")
        left.addWidget(title)
        self.status = MessageLabel(self)
        self.status.setObjectName("oproepStatus")
        left.addWidget(self.status)
        self.list = QListWidget()
        self.list.setObjectName("oproepList")
        self.list.setAccessibleName(_("Oproepen"))
        left.addWidget(self.list, 1)
        form = QFormLayout()
        self.date = DateInput(optional=False)
        self.date.set_value(today)
        self.date.setObjectName("oproepDate")
        form.addRow(_("&Datum van de afspraak"), self.date)
        self.term = DateInput(optional=True)
        self.term.set_value(today)
        self.term.setObjectName("oproepTerm")
        form.addRow(_("&Termijn"), self.term)
        self.outcome = QComboBox()
        self.outcome.setObjectName("oproepOutcome")
        self.outcome.addItem(outcome_label(None), None)
        for outcome in OproepUitkomst:
            self.outcome.addItem(outcome_label(outcome), outcome.value)
        form.addRow(_("&Uitkomst"), self.outcome)
        self.warning = QCheckBox(_("Schriftelijke &waarschuwing verstuurd"))
        self.warning.setObjectName("oproepWarning")
        form.addRow("", self.warning)
        left.addLayout(form)
        self.problem = MessageLabel(self)
        self.problem.setObjectName("oproepProblem")
        left.addWidget(self.problem)
        self.add = QPushButton(_("Oproep &vastleggen"))
        self.add.setObjectName("addOproep")
        self.add.clicked.connect(self._add)
        # A refusal of a date goes once the dates are usable again (usability round 3,
        # finding 3: it stayed beneath a valid date).
        self.date.changed.connect(self._dates_changed)
        self.term.changed.connect(self._dates_changed)
        left.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        sessions_title = QLabel(_("Gespreksverslagen"))
        sessions_title.setObjectName("sectionTitle")
        right.addWidget(sessions_title)
        self.sessions = QListWidget()
        self.sessions.setObjectName("sessionList")
        self.sessions.setAccessibleName(_("Gespreksverslagen"))
        right.addWidget(self.sessions, 1)
        self.new_session = QPushButton(_("Gespreksverslag vastleggen… (Ctrl+R)"))
        self.new_session.setObjectName("newSession")
        self.new_session.clicked.connect(self.session_requested)
        right.addWidget(self.new_session, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(right, 2)
        self._clean: FieldValues = {}
        self.mark_clean()

    def mark_clean(self) -> None:
        """What the form shows now is nothing to lose (just built, recorded, or filled in
        from an agenda item)."""
        self._clean = field_values(self)

    def unrecorded_labels(self) -> list[str]:
        """The labels of the form's fields changed since :meth:`mark_clean`: typed for an
        oproep that "Oproep vastleggen" has not recorded. The intake's close question
        names them (usability round 8, finding 5: closing dropped them unasked)."""
        return changed_labels(self._clean, field_values(self))

    def first_unrecorded(self) -> QWidget | None:
        """The first field of the form changed since :meth:`mark_clean` (``None``: none)."""
        now = field_values(self)
        for widget, field in now.items():
            old = self._clean.get(widget)
            if isinstance(widget, QWidget) and (old is None or old.value != field.value):
                return widget
        return None

    def record(self) -> bool:
        """ "Oproep vastleggen": True when the oproep was handed on to be saved, False when
        a date refused it (the form says why)."""
        self._add()
        return not self.unrecorded_labels()

    def _dates_changed(self) -> None:
        if date_problem(self) is None and self.date.value() is not None:
            self.problem.clear_message()

    def _add(self) -> None:
        problem = date_problem(self)
        datum = self.date.value()
        if problem is not None or datum is None:
            # A half-typed date is refused in words, never recorded as another date.
            self.problem.show_message(
                _("Oproep niet vastgelegd: {problem}").format(
                    problem=problem or _("Vul een datum in (dd-mm-jjjj).")
                ),
                "error",
            )
            return
        self.problem.clear_message()
        value = self.outcome.currentData()
        oproep = Oproep(
            datum=datum,
            termijn=self.term.value(),
            uitkomst=OproepUitkomst(value) if value else None,
            waarschuwing_verstuurd=self.warning.isChecked(),
        )
        self.outcome.setCurrentIndex(0)
        self.warning.setChecked(False)
        self.mark_clean()
        self.oproep_added.emit(StoredOproep(oproep))

    def show_data(
        self, oproepen: list[StoredOproep], status: OproepStatus, sessions: list[SessionRecord]
    ) -> None:
        self.list.clear()
        for number, stored in enumerate(oproepen, start=1):
            o = stored.oproep
            line = _("{n}. {date}: {outcome}").format(
                n=format_number(number),
                date=format_date(o.datum),
                outcome=outcome_label(o.uitkomst),
            )
            if o.termijn:
                line += " · " + _("termijn {date}").format(date=format_date(o.termijn))
            if o.waarschuwing_verstuurd:
                line += " · " + _("waarschuwing verstuurd")
            self.list.addItem(line)
        if status.advice is not None:
            kind = "error" if status.may_complete_without_person else "demo"
            self.status.show_message(reason_text(status.advice), kind)
        elif not oproepen:
            self.status.show_message(_("Nog geen oproepen vastgelegd."), "info")
        else:
            self.status.clear_message()
        self.sessions.clear()
        for record in sessions:
            who = interpreter_label(record.tolk)
            if record.tolk_bureau:
                who += f" ({record.tolk_bureau})"
            self.sessions.addItem(
                _("{date}, {minutes} min, {who}").format(
                    date=format_date(record.datum),
                    minutes=format_number(record.duur_minuten),
                    who=who,
                )
            )
