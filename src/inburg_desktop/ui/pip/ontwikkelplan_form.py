"""The living ontwikkelplan: goals and agreements (who does what by when), saved at every
voortgangsgesprek without a new decision."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from inburg_desktop.domain.pip import Ontwikkelplan
from inburg_desktop.i18n import _
from inburg_desktop.ui.pip.rows import AfspraakRow, DoelRow
from inburg_desktop.ui.pip.widgets import RowsEditor


class OntwikkelplanForm(QScrollArea):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        body = QWidget()
        column = QVBoxLayout(body)
        hint = QLabel(
            _(
                "Het ontwikkelplan verandert bij elk voortgangsgesprek; daarvoor is geen nieuw "
                "besluit nodig."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#374151")
        column.addWidget(hint)
        goals = QGroupBox(_("Doelen"))
        goals_box = QVBoxLayout(goals)
        self.doelen = RowsEditor(DoelRow, _("Doel toevoegen"))
        goals_box.addWidget(self.doelen)
        column.addWidget(goals)
        agreements = QGroupBox(_("Afspraken: wie doet wat, wanneer"))
        agreements_box = QVBoxLayout(agreements)
        self.afspraken = RowsEditor(AfspraakRow, _("Afspraak toevoegen"))
        agreements_box.addWidget(self.afspraken)
        column.addWidget(agreements)
        column.addStretch(1)
        self.setWidget(body)
        self.doelen.changed.connect(self.changed)
        self.afspraken.changed.connect(self.changed)

    def set_value(self, plan: Ontwikkelplan) -> None:
        self.doelen.set_values(plan.doelen)
        self.afspraken.set_values(plan.afspraken)

    def value(self, today: date) -> Ontwikkelplan:
        doelen = tuple(d for d in self.doelen.values() if d.omschrijving)
        afspraken = tuple(a for a in self.afspraken.values() if a.wat)
        return Ontwikkelplan(doelen, afspraken, today)
