"""Every section of the beschikking, editable: leerroute and intensity, PVT, MAP, KNM,
participatie, begeleiding, VVE, ontzorgen, voortgangsgesprekken, Z-route A2 wishes and a
toelichting. ``changed`` fires on every edit; :meth:`value` builds the domain object
(a ``ValueError`` names a field that does not fit the model)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import (
    ALLE_ONTZORGEN,
    PVT_MIN_HOURS,
    Beschikking,
    Examenonderdeel,
    Knm,
    KnmVorm,
    LeerrouteIntensiteit,
    MapIntensiteit,
    Ontzorgen,
    OntzorgenOnderdeel,
    PvtIntensiteit,
    Voortgangsgesprekken,
)
from inburg_desktop.domain.pip_rules import FieldProblem
from inburg_desktop.domain.problem import InputRefused
from inburg_desktop.formatting import format_number, reason_text, route_labels
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.ui.accessible import label_name
from inburg_desktop.ui.count_suffix import follow_count
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.pip.rows import BegeleidingRow, ParticipatieRow, VveRow
from inburg_desktop.ui.pip.widgets import (
    OptionalDate,
    RowsEditor,
    combo_value,
    enum_combo,
    examen_labels,
    knm_labels,
    ontzorgen_labels,
    set_combo,
)
from inburg_desktop.ui.text_limits import (
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    LimitedLineEdit,
    LimitedPlainTextEdit,
    with_message,
)


def _spin(
    maximum: int, suffix: Callable[[int], str] | None = None, minimum: int = 0, name: str = ""
) -> QSpinBox:
    """A number field; ``suffix`` gives its unit for a count (a plural, through
    ``ngettext``); ``name`` says which for screen readers (its row label names only the
    first field of a row)."""
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setRange(minimum, maximum)
    if suffix is not None:
        follow_count(spin, suffix)
    spin.setGroupSeparatorShown(True)  # "1.200 uur" in Dutch, as people write hours
    return spin


class BeschikkingForm(QScrollArea):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        # Always there: a bar that comes and goes narrows the form and moves its fields.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._loading = False
        # Per beschikking field, the line under it where the PIP rules say what is wrong
        # with it (``pip_rules.problems_by_field``), as the consultant edits.
        self.flags: dict[str, MessageLabel] = {}
        self._vve_born: tuple[date, ...] = ()
        self.bijstand_start: date | None = None
        body = self.body = QWidget()
        body.setObjectName("beschikkingForm")
        self.column = QVBoxLayout(body)
        self.column.setSpacing(10)
        self._route_section()
        self._pvt_map_knm_section()
        self._rows_sections()
        self._ontzorgen_section()
        self._gesprekken_section()
        self.column.addStretch(1)
        self.setWidget(body)
        self._wire(body)
        self._depend()

    # sections ----------------------------------------------------------------------
    def _group(self, title: str) -> QFormLayout:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.column.addWidget(box)
        return form

    def _flag(self, form: QFormLayout, name: str) -> None:
        flag = MessageLabel()
        flag.setObjectName(f"flag_{name}")
        form.addRow(flag)
        self.flags[name] = flag

    def show_problems(self, problems: Mapping[str, Sequence[FieldProblem]]) -> None:
        """Say at each field what the rules say about it now (``problems`` by field, from
        ``pip_rules.problems_by_field``): red when it stops the setting, amber when the
        Besluit allows it with a ground; a field without problems shows nothing."""
        for name, flag in self.flags.items():
            found = problems.get(name, ())
            if not found:
                if flag.has_message:
                    flag.clear_message()
                continue
            text = "\n".join(f"⚠ {reason_text(p.reason)}" for p in found)
            kind = "error" if any(p.blocking for p in found) else "warning"
            if flag.text() != text or flag.kind != kind:
                flag.show_message(text, kind)

    def _route_section(self) -> None:
        form = self._group(_("Leerroute"))
        self.route = enum_combo(route_labels(), _("— kies een leerroute —"))
        self.route.setObjectName("leerroute")
        form.addRow(_("Leerroute"), self.route)
        self._flag(form, "leerroute")
        self.intensity_on = QCheckBox(
            _("Intensiteit vastleggen (verplicht voor statushouders, Wet art. 15 lid 2)")
        )
        form.addRow(self.intensity_on)
        row = QHBoxLayout()
        self.per_week = _spin(
            60,
            lambda n: ngettext(" uur per week", " uur per week", n),
            1,
            _("Intensiteit: uren per week"),
        )
        self.total = _spin(
            5000,
            lambda n: ngettext(" uur in totaal", " uur in totaal", n),
            1,
            _("Intensiteit: uren in totaal"),
        )
        self.route_provider = LimitedLineEdit(SHORT_TEXT_MAX)
        self.route_provider.setPlaceholderText(_("Taalaanbieder"))
        row.addWidget(self.per_week)
        row.addWidget(self.total)
        form.addRow(_("Intensiteit"), row)
        self._flag(form, "leerroute_intensiteit")
        form.addRow(_("Taalaanbieder"), with_message(self.route_provider))
        self.a2_boxes: list[QCheckBox] = []
        a2_row = QHBoxLayout()
        for part, label in examen_labels().items():
            box = QCheckBox(label)
            box.setProperty("part", part.value)
            self.a2_boxes.append(box)
            a2_row.addWidget(box)
        form.addRow(_("Z-route: A2-examens die de inburgeraar wil doen"), a2_row)
        self._flag(form, "z_a2_examens")

    def _pvt_map_knm_section(self) -> None:
        form = self._group(_("PVT, MAP en KNM"))
        row = QHBoxLayout()
        self.pvt_hours = _spin(200, lambda n: ngettext(" uur", " uur", n), name=_("PVT: uren"))
        self.pvt_provider = LimitedLineEdit(SHORT_TEXT_MAX)
        self.pvt_provider.setPlaceholderText(_("Aanbieder"))
        self.pvt_provider.setAccessibleName(_("PVT: aanbieder"))
        row.addWidget(self.pvt_hours)
        row.addWidget(with_message(self.pvt_provider), 1)
        form.addRow(_("PVT (minstens {hours} uur)").format(hours=format_number(PVT_MIN_HOURS)), row)
        self._flag(form, "pvt")
        self.pvt_activities = LimitedPlainTextEdit(LONG_TEXT_MAX)
        self.pvt_activities.setPlaceholderText(_("Eén activiteit per regel"))
        self.pvt_activities.setFixedHeight(58)
        form.addRow(_("PVT-activiteiten"), with_message(self.pvt_activities))
        self._flag(form, "pvt_activiteiten")
        self.map_on = QCheckBox(_("MAP (niet in de onderwijsroute)"))
        map_row = QHBoxLayout()
        self.map_themes = _spin(
            20, lambda n: ngettext(" thema", " thema's", n), name=_("MAP: aantal thema's")
        )
        self.map_hours = _spin(500, lambda n: ngettext(" uur", " uur", n), name=_("MAP: uren"))
        self.map_final = QCheckBox(_("met eindgesprek"))
        for widget in (self.map_themes, self.map_hours, self.map_final):
            map_row.addWidget(widget)
        form.addRow(self.map_on, map_row)
        self._flag(form, "map")
        knm_row = QHBoxLayout()
        self.knm = enum_combo(knm_labels(), _("— nog niet vastgelegd —"))
        self.knm_hours = _spin(500, lambda n: ngettext(" uur", " uur", n), name=_("KNM: uren"))
        knm_row.addWidget(self.knm, 1)
        knm_row.addWidget(self.knm_hours)
        form.addRow(_("KNM"), knm_row)
        self._flag(form, "knm")

    def _rows_sections(self) -> None:
        form = self._group(_("Participatie"))
        self.participatie = RowsEditor(ParticipatieRow, _("Participatie toevoegen"))
        form.addRow(self.participatie)
        self._flag(form, "participatie")
        form = self._group(_("Begeleiding en ondersteuning"))
        self.begeleiding = RowsEditor(BegeleidingRow, _("Begeleiding toevoegen"))
        form.addRow(self.begeleiding)
        self._flag(form, "begeleiding")
        form = self._group(
            _("Kinderen: voor- en vroegschoolse educatie (VVE, Wet art. 15 lid 1 d)")
        )
        self.vve = RowsEditor(VveRow, None)
        form.addRow(self.vve)
        self._flag(form, "vve")

    def _ontzorgen_section(self) -> None:
        form = self._group(_("Bijstand en ontzorgen (Participatiewet art. 56a)"))
        self.bijstand = QCheckBox(_("Heeft bijstand"))
        self.ontzorgen_on = QCheckBox(_("Ontzorgen vastleggen"))
        top = QHBoxLayout()
        top.addWidget(self.bijstand)
        top.addWidget(self.ontzorgen_on)
        top.addStretch(1)
        form.addRow(top)
        parts = QHBoxLayout()
        self.ontzorgen_parts: list[QCheckBox] = []
        for part, label in ontzorgen_labels().items():
            box = QCheckBox(label)
            box.setProperty("part", part.value)
            self.ontzorgen_parts.append(box)
            parts.addWidget(box)
        form.addRow(_("Betaald uit de uitkering"), parts)
        self.besluit_datum = OptionalDate(_("Datum van het besluit"), shown=True)
        self.besluit_datum.setObjectName("besluitDatum")
        self.kenmerk = LimitedLineEdit(SHORT_TEXT_MAX)
        self.kenmerk.setObjectName("besluitKenmerk")
        self.kenmerk.setPlaceholderText(_("Kenmerk van het besluit"))
        self.kenmerk.setAccessibleName(_("Kenmerk van het besluit"))
        # The kenmerk on a line of its own: beside the date it had 119 px and showed
        # "'W-2026-0815" (usability round 6, finding 8).
        form.addRow(_("Besluit Participatiewet"), self.besluit_datum)
        form.addRow(_("Kenmerk"), with_message(self.kenmerk))
        self._flag(form, "ontzorgen")
        self.verlengd = OptionalDate(
            _("Daarna voortgezet t/m (apart besluit, Participatiewet art. 57)"), shown=True
        )
        self.verlengd.setObjectName("ontzorgenVoortgezet")
        self.budget = QCheckBox(_("met budgettraining"))
        extra = QHBoxLayout()
        extra.addWidget(self.verlengd)
        extra.addWidget(self.budget)
        form.addRow(extra)

    def _gesprekken_section(self) -> None:
        form = self._group(_("Voortgangsgesprekken en toelichting"))
        self.gesprekken = LimitedLineEdit(SHORT_TEXT_MAX)
        self.gesprekken.setPlaceholderText("1, 2, 3, 6, 9, 12, 18, 24")
        form.addRow(_("In maand (na de start van de termijn)"), with_message(self.gesprekken))
        self.toelichting = LimitedPlainTextEdit(LONG_TEXT_MAX)
        self.toelichting.setFixedHeight(58)
        form.addRow(_("Toelichting"), with_message(self.toelichting))

    def _wire(self, body: QWidget) -> None:
        def edited(*_args: object) -> None:
            if not self._loading:
                self.changed.emit()

        for box in body.findChildren(QCheckBox):
            box.toggled.connect(edited)
        for spin in body.findChildren(QSpinBox):
            spin.valueChanged.connect(edited)
        for edit in body.findChildren(QLineEdit):
            edit.textChanged.connect(edited)
        for text in body.findChildren(QPlainTextEdit):
            text.textChanged.connect(edited)
        self.route.currentIndexChanged.connect(edited)
        self.knm.currentIndexChanged.connect(edited)
        for rows in (self.participatie, self.begeleiding, self.vve):
            rows.changed.connect(edited)
        for optional in (self.besluit_datum, self.verlengd):
            optional.changed.connect(edited)

    def _depend(self) -> None:
        """Fields that only count with their box ticked can only be typed into then: text
        typed into a field the PIP does not keep would be lost on saving."""
        dependents: tuple[tuple[QCheckBox, tuple[QWidget, ...]], ...] = (
            (self.intensity_on, (self.per_week, self.total, self.route_provider)),
            (self.map_on, (self.map_themes, self.map_hours, self.map_final)),
            (
                self.ontzorgen_on,
                (
                    *self.ontzorgen_parts,
                    self.besluit_datum,
                    self.kenmerk,
                    self.verlengd,
                    self.budget,
                ),
            ),
        )
        for box, widgets in dependents:
            # A disabled field shows no placeholder (``ui.disabled_fields``): its tooltip
            # says why it cannot be typed into and what opens it (usability round 7,
            # finding 12: Taalaanbieder seemed to ignore typing without a word).
            why = _("Vink eerst ‘{box}’ aan om dit in te vullen.").format(
                box=label_name(box.text())
            )

            def follow(on: bool, widgets: tuple[QWidget, ...] = widgets, why: str = why) -> None:
                for widget in widgets:
                    widget.setEnabled(on)
                    widget.setToolTip("" if on else why)

            box.toggled.connect(follow)
            follow(box.isChecked())

        def knm_hours(_index: int = 0) -> None:  # hours belong to a chosen form of KNM
            self.knm_hours.setEnabled(self.knm.currentData() is not None)

        self.knm.currentIndexChanged.connect(knm_hours)
        knm_hours()

    # values ---------------------------------------------------------------------------
    def set_value(self, b: Beschikking) -> None:
        self._loading = True
        try:
            set_combo(self.route, b.leerroute)
            self.intensity_on.setChecked(b.leerroute_intensiteit is not None)
            intensity = b.leerroute_intensiteit or LeerrouteIntensiteit(1, 1)
            self.per_week.setValue(intensity.uren_per_week)
            self.total.setValue(intensity.totaal_uren)
            self.route_provider.setText(intensity.aanbieder)
            for box in self.a2_boxes:
                box.setChecked(Examenonderdeel(box.property("part")) in b.z_a2_examens)
            pvt = b.pvt or PvtIntensiteit(0)
            self.pvt_hours.setValue(pvt.uren)
            self.pvt_provider.setText(pvt.aanbieder)
            self.pvt_activities.setPlainText("\n".join(pvt.activiteiten))
            self.map_on.setChecked(b.map is not None)
            map_ = b.map or MapIntensiteit()
            self.map_themes.setValue(map_.themas)
            self.map_hours.setValue(map_.uren)
            self.map_final.setChecked(map_.eindgesprek)
            set_combo(self.knm, b.knm.vorm if b.knm else None)
            self.knm_hours.setValue(b.knm.uren if b.knm else 0)
            self.participatie.set_values(b.participatie)
            self.begeleiding.set_values(b.begeleiding)
            self.vve.set_values(b.vve)
            self._set_ontzorgen(b)
            self.gesprekken.setText(", ".join(str(m) for m in b.voortgangsgesprekken.maanden))
            self.toelichting.setPlainText(b.toelichting)
        finally:
            self._loading = False
        self.changed.emit()

    def _set_ontzorgen(self, b: Beschikking) -> None:
        self.bijstand.setChecked(b.bijstand)
        self.ontzorgen_on.setChecked(b.ontzorgen is not None)
        ontzorgen = b.ontzorgen or Ontzorgen(bijstand_start=self.bijstand_start)
        self.bijstand_start = ontzorgen.bijstand_start or self.bijstand_start
        for box in self.ontzorgen_parts:
            box.setChecked(OntzorgenOnderdeel(box.property("part")) in ontzorgen.onderdelen)
        self.besluit_datum.set_value(ontzorgen.besluit_datum)
        self.kenmerk.setText(ontzorgen.besluit_kenmerk)
        self.verlengd.set_value(ontzorgen.verlengd_tot)
        self.budget.setChecked(ontzorgen.budgettraining)

    def _months(self) -> tuple[int, ...]:
        try:
            months = tuple(
                int(p) for p in self.gesprekken.text().replace(";", ",").split(",") if p.strip()
            )
        except ValueError:
            raise InputRefused("pip_gesprek_not_numbers", field="maanden") from None
        return Voortgangsgesprekken(months).maanden

    def value(self) -> Beschikking:
        """The beschikking as edited; ``ValueError`` with the field's problem in words."""
        route: Leerroute | None = combo_value(self.route, Leerroute)
        intensity = (
            LeerrouteIntensiteit(
                self.per_week.value(), self.total.value(), self.route_provider.text().strip()
            )
            if self.intensity_on.isChecked()
            else None
        )
        activities = tuple(
            line.strip() for line in self.pvt_activities.toPlainText().splitlines() if line.strip()
        )
        vorm: KnmVorm | None = combo_value(self.knm, KnmVorm)
        ontzorgen = None
        if self.ontzorgen_on.isChecked():
            ontzorgen = Ontzorgen(
                bijstand_start=self.bijstand_start,
                onderdelen=tuple(
                    OntzorgenOnderdeel(b.property("part"))
                    for b in self.ontzorgen_parts
                    if b.isChecked()
                )
                or ALLE_ONTZORGEN,
                besluit_datum=self.besluit_datum.value(),
                besluit_kenmerk=self.kenmerk.text().strip(),
                verlengd_tot=self.verlengd.value(),
                budgettraining=self.budget.isChecked(),
            )
        return Beschikking(
            leerroute=route,
            leerroute_intensiteit=intensity,
            begeleiding=tuple(self.begeleiding.values()),
            pvt=PvtIntensiteit(
                self.pvt_hours.value(), activities, self.pvt_provider.text().strip()
            ),
            map=MapIntensiteit(
                self.map_themes.value(),
                self.map_final.isChecked(),
                self.map_hours.value(),
            )
            if self.map_on.isChecked()
            else None,
            knm=None if vorm is None else Knm(vorm, self.knm_hours.value()),
            participatie=tuple(self.participatie.values()),
            vve=tuple(self.vve.values()),
            bijstand=self.bijstand.isChecked(),
            ontzorgen=ontzorgen,
            voortgangsgesprekken=Voortgangsgesprekken(self._months()),
            z_a2_examens=tuple(
                Examenonderdeel(b.property("part")) for b in self.a2_boxes if b.isChecked()
            ),
            toelichting=self.toelichting.toPlainText().strip(),
        )

    def set_read_only(self, read_only: bool) -> None:
        self.body.setEnabled(not read_only)
