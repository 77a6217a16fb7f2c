"""The PIP's repeated parts as editable rows: begeleiding, participatie, VVE per child,
and the ontwikkelplan's doelen and afspraken (who does what by when)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from inburg_desktop.domain.pip import (
    Actor,
    Afspraak,
    Begeleiding,
    BegeleidingSoort,
    Doel,
    ParticipatieComponent,
    ParticipatieSoort,
    Voortgang,
    VveAfspraak,
)
from inburg_desktop.formatting import format_date
from inburg_desktop.i18n import _
from inburg_desktop.ui.pip.widgets import (
    OptionalDate,
    RowWidget,
    actor_labels,
    begeleiding_labels,
    combo_value,
    enum_combo,
    participatie_labels,
    set_combo,
    voortgang_labels,
)
from inburg_desktop.ui.text_limits import SHORT_TEXT_MAX, LimitedLineEdit, connect_message


class _Line(LimitedLineEdit):
    """A line edit that shows the start of a long text, not its end, when filled; it holds
    at most ``SHORT_TEXT_MAX`` characters (``ui.text_limits``)."""

    def setText(self, text: str | None) -> None:
        super().setText(text)
        self.setCursorPosition(0)


def _text(
    placeholder: str, row: RowWidget, stretch: int = 1, line: QHBoxLayout | None = None
) -> QLineEdit:
    """A text field of ``row``, on its first line or on ``line`` (its details)."""
    edit = _Line(SHORT_TEXT_MAX)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(placeholder)  # the row has no labels: the hint names the field
    edit.textChanged.connect(lambda _t: row.changed.emit())
    connect_message(edit, row.message)
    (row.row if line is None else line).addWidget(edit, stretch)
    return edit


def _combo(combo: QComboBox, row: RowWidget, line: QHBoxLayout | None = None) -> QComboBox:
    """A choice in a row (on ``line``, its details, when given), as wide as its longest
    item: never read cut off."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setMinimumWidth(combo.sizeHint().width())
    combo.currentIndexChanged.connect(lambda _i: row.changed.emit())
    (row.row if line is None else line).addWidget(combo)
    return combo


def _hours(row: RowWidget, suffix: str, maximum: int = 5000, name: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setAccessibleName(name)  # the row has no labels
    spin.setRange(0, maximum)
    spin.setSuffix(suffix)
    spin.valueChanged.connect(lambda _v: row.changed.emit())
    row.details.addWidget(spin)
    return spin


class BegeleidingRow(RowWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.soort = _combo(enum_combo(begeleiding_labels()), self)
        self.omschrijving = _text(_("Omschrijving"), self)
        self.aanbieder = _text(_("Aanbieder"), self, line=self.details)
        self.add_remove_button()  # at the end of the first line, reached by Tab last

    def value(self) -> Begeleiding:
        return Begeleiding(
            combo_value(self.soort, BegeleidingSoort),
            self.omschrijving.text().strip(),
            self.aanbieder.text().strip(),
        )

    def set_value(self, value: Begeleiding) -> None:
        set_combo(self.soort, value.soort)
        self.omschrijving.setText(value.omschrijving)
        self.aanbieder.setText(value.aanbieder)


class ParticipatieRow(RowWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.soort = _combo(enum_combo(participatie_labels()), self)
        self.omschrijving = _text(_("Omschrijving"), self)
        self.per_week = _hours(self, _(" u/week"), 60, _("Uren per week"))
        self.totaal = _hours(self, _(" u totaal"), name=_("Uren in totaal"))
        self.organisatie = _text(_("Organisatie"), self, line=self.details)
        self.add_remove_button()  # at the end of the first line, reached by Tab last

    def value(self) -> ParticipatieComponent:
        return ParticipatieComponent(
            combo_value(self.soort, ParticipatieSoort),
            self.omschrijving.text().strip(),
            self.per_week.value(),
            self.totaal.value(),
            self.organisatie.text().strip(),
        )

    def set_value(self, value: ParticipatieComponent) -> None:
        set_combo(self.soort, value.soort)
        self.omschrijving.setText(value.omschrijving)
        self.per_week.setValue(value.uren_per_week)
        self.totaal.setValue(value.totaal_uren)
        self.organisatie.setText(value.organisatie)


class VveRow(RowWidget):
    """One young child: born on (from the case), VVE needed, the agreement and where."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.born = date.today()
        self.label = QLabel()
        self.row.addWidget(self.label)
        self.nodig = QComboBox()
        for text, data in ((_("VVE: nog bespreken"), None), (_("VVE nodig"), True)):
            self.nodig.addItem(text, data)
        self.nodig.addItem(_("Geen VVE nodig"), False)
        _combo(self.nodig, self)
        self.voorziening = _text(_("Voorziening"), self)
        self.afspraak = _text(
            _("Afspraak (bijv. twee ochtenden peuteropvang)"), self, line=self.details
        )

    def value(self) -> VveAfspraak:
        return VveAfspraak(
            self.born,
            self.nodig.currentData(),
            self.afspraak.text().strip(),
            self.voorziening.text().strip(),
        )

    def set_value(self, value: VveAfspraak) -> None:
        self.born = value.geboortedatum
        self.label.setText(_("Kind, geboren {born}").format(born=format_date(value.geboortedatum)))
        self.nodig.setCurrentIndex(max(self.nodig.findData(value.vve_nodig), 0))
        self.afspraak.setText(value.afspraak)
        self.voorziening.setText(value.voorziening)


class DoelRow(RowWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.omschrijving = _text(_("Doel"), self, 3)
        self.domein = _text(_("Levensdomein"), self)
        self.status = _combo(enum_combo(voortgang_labels()), self)
        self.add_remove_button()

    def value(self) -> Doel:
        return Doel(
            self.omschrijving.text().strip(),
            self.domein.text().strip(),
            combo_value(self.status, Voortgang),
        )

    def set_value(self, value: Doel) -> None:
        self.omschrijving.setText(value.omschrijving)
        self.domein.setText(value.levensdomein)
        set_combo(self.status, value.status)


class AfspraakRow(RowWidget):
    """Who does what by when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wie_naam = ""  # kept as stored; the form edits role, what and when
        self.wie = _combo(enum_combo(actor_labels()), self)
        self.wat = _text(_("Wat"), self)
        # "uiterlijk" beside it says what an empty date means; the row stays narrow.
        self.wanneer = OptionalDate(_("uiterlijk"), shown=True, placeholder=_("dd-mm-jjjj"))
        self.wanneer.changed.connect(self.changed)
        self.details.addWidget(self.wanneer)
        self.status = _combo(enum_combo(voortgang_labels()), self, self.details)
        self.details.addStretch(1)
        self.add_remove_button()  # made last: Tab reaches it after the row's fields

    def value(self) -> Afspraak:
        return Afspraak(
            combo_value(self.wie, Actor),
            self.wat.text().strip(),
            self.wanneer.value(),
            self.wie_naam,
            combo_value(self.status, Voortgang),
        )

    def set_value(self, value: Afspraak) -> None:
        set_combo(self.wie, value.wie)
        self.wie_naam = value.wie_naam
        self.wat.setText(value.wat)
        self.wanneer.set_value(value.wanneer)
        set_combo(self.status, value.status)
