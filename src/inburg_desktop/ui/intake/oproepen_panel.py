"""Oproepen (Wet art. 14 lid 1-2) and session records of a case, with what comes next."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.oproep import Oproep, OproepStatus, OproepUitkomst
from inburg_desktop.formatting import format_date
from inburg_desktop.i18n import _
from inburg_desktop.services.intake_oproepen import StoredOproep, outcome_label
from inburg_desktop.services.intake_sessions import SessionRecord, interpreter_label
from inburg_desktop.ui.message_label import MessageLabel


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


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
        left.addWidget(self.list, 1)
        form = QFormLayout()
        self.date = QDateEdit(_qdate(today))
        self.date.setObjectName("oproepDate")
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setCalendarPopup(True)
        form.addRow(_("&Datum van de afspraak"), self.date)
        self.term = QDateEdit(_qdate(today))
        self.term.setObjectName("oproepTerm")
        self.term.setDisplayFormat("dd-MM-yyyy")
        self.term.setCalendarPopup(True)
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
        self.add = QPushButton(_("Oproep &vastleggen"))
        self.add.setObjectName("addOproep")
        self.add.clicked.connect(self._add)
        left.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        sessions_title = QLabel(_("Gespreksverslagen"))
        sessions_title.setObjectName("sectionTitle")
        right.addWidget(sessions_title)
        self.sessions = QListWidget()
        self.sessions.setObjectName("sessionList")
        right.addWidget(self.sessions, 1)
        self.new_session = QPushButton(_("Gespreksverslag vastleggen… (Ctrl+R)"))
        self.new_session.setObjectName("newSession")
        self.new_session.clicked.connect(self.session_requested)
        right.addWidget(self.new_session, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(right, 2)

    def _add(self) -> None:
        value = self.outcome.currentData()
        oproep = Oproep(
            datum=_date(self.date.date()),
            termijn=_date(self.term.date()),
            uitkomst=OproepUitkomst(value) if value else None,
            waarschuwing_verstuurd=self.warning.isChecked(),
        )
        self.outcome.setCurrentIndex(0)
        self.warning.setChecked(False)
        self.oproep_added.emit(StoredOproep(oproep))

    def show_data(
        self, oproepen: list[StoredOproep], status: OproepStatus, sessions: list[SessionRecord]
    ) -> None:
        self.list.clear()
        for number, stored in enumerate(oproepen, start=1):
            o = stored.oproep
            line = _("{n}. {date}: {outcome}").format(
                n=number, date=format_date(o.datum), outcome=outcome_label(o.uitkomst)
            )
            if o.termijn:
                line += " · " + _("termijn {date}").format(date=format_date(o.termijn))
            if o.waarschuwing_verstuurd:
                line += " · " + _("waarschuwing verstuurd")
            self.list.addItem(line)
        if status.advice is not None:
            kind = "error" if status.may_complete_without_person else "demo"
            self.status.show_message(status.advice.render(_), kind)
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
                    date=format_date(record.datum), minutes=record.duur_minuten, who=who
                )
            )
