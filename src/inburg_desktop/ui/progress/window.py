"""The Voortgang window of one case (issue 15 items 3 and 5): where the case stands against
the PIP in force, and forms to record what arrives — hours per provider and kind, PVT
activities and the signing, MAP themes and the eindgesprek, exam results as DUO reports
them, the Z-route eindgesprek — and, on its own tab, ontzorgen (budget training, the
Participatiewet art. 57 decision) and the nazorg contact.

Keyboard first: the first field of the first tab has the keyboard when the window opens
(or the field an agenda item is about, :data:`PLACES`); every tab, field and button has
an Alt+letter (hand-placed here, kept unique by the app's mnemonic keeper); Enter in a
field records its form; Esc closes. Every vault call runs through the window's
:class:`~inburg_desktop.ui.tasks.TaskGroup` (``services.progress``,
``services.aftercare``), so closing the window drops what is still running. A refusal is
said in the window's message line in the catalogue's words and nothing is stored; the
form keeps what was typed.

Every write carries what its form was based on (``services.progress.Seen``: the office
version and the values the window showed when the consultant began to type in it), so a
value a sync or a resolved conflict changed underneath the window is kept as a conflict,
never overwritten, and the window says so (attack round 8 #4). A field in conflict shows
the consultant's own side, marked with a link to Conflicten oplossen
(``ui.conflict_marks``; usability round 8 #1). A sync that takes the case off this laptop
sets aside what was typed in the forms and not yet recorded, and the closing message
lists it (``ui.case_gone``; attack round 8 #7).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.pip import (
    MAP_THEMES,
    Z_COURSE_HOURS,
    Z_PARTICIPATION_HOURS,
    Examenonderdeel,
)
from inburg_desktop.domain.progress_fields import (
    ART57,
    BUDGETTRAINING,
    MAP_EINDGESPREK,
    NAZORG_CONTACT,
    PVT_ONDERTEKEND,
    Z_EINDGESPREK,
    examen_key,
    hours_value,
    pvt_key,
    route_problem,
    thema_key,
    uren_key,
)
from inburg_desktop.domain.voortgang import Taalniveau, UrenSoort
from inburg_desktop.formatting import examen_label, format_number, uren_soort_label
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text, field_refusal
from inburg_desktop.services import aftercare, audit_trail, progress
from inburg_desktop.services.aftercare import Art57Input
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.progress import (
    ExamenInput,
    ProgressOverview,
    ProgressRefused,
    PvtInput,
    Seen,
    UrenInput,
)
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.case_gone import CaseGoneGuard
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.conflict_marks import ConflictMarks, mark_text
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.fresh_reads import FreshReads
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.progress.forms import EntryList, HoursInput, add_row, read_hours
from inburg_desktop.ui.progress.summary import (
    aftercare_lines,
    examen_lines,
    map_lines,
    pvt_lines,
    summary_lines,
    uren_lines,
)
from inburg_desktop.ui.single_window import open_for_case
from inburg_desktop.ui.tasks import TaskGroup
from inburg_desktop.ui.typed_field import TypedField

PLACES = ("uren", "ontzorgen", "nazorg")
"""Where the window can open: the hours form (default), the art. 57 decision (the agenda's
``ontzorgen_end`` item), the nazorg contact (its ``nazorg`` item)."""


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


Fields = tuple[QWidget, ...]


def _route_reason(code: str) -> str:
    """Why a tab of route-bound data takes nothing for this case (``code``: a refusal of
    ``progress_fields.route_problem``), said at the top of the tab."""
    return {
        "voortgangsdata_route_not_set": _(
            "Dit hoort bij een bepaalde leerroute, en er is nog geen vastgesteld PIP dat de "
            "leerroute vastlegt: stel eerst het PIP vast."
        ),
        "voortgangsdata_not_z_route": _(
            "Alleen in de Z-route (Besluit inburgering 2021 art. 3.14); volgens het PIP volgt "
            "deze inburgeraar een andere route."
        ),
        "voortgangsdata_map_not_applicable": _(
            "Niet in de onderwijsroute: het taalschakeltraject vervangt de MAP (Wet "
            "inburgering 2021 art. 8 lid 3)."
        ),
        "voortgangsdata_exam_in_z_route": _(
            "In de Z-route is er geen examen: het eindgesprek sluit de route af (Besluit "
            "inburgering 2021 art. 3.14)."
        ),
    }[code]


def _value(field: QWidget) -> object:
    if isinstance(field, TypedField):  # a date or hours: the text as typed
        return field.text()
    if isinstance(field, QLineEdit):
        return field.text()
    if isinstance(field, QComboBox):
        return field.currentIndex()
    if isinstance(field, QCheckBox):
        return field.isChecked()
    raise TypeError(type(field).__name__)


def _snapshot(fields: Fields) -> tuple[object, ...]:
    return tuple(_value(field) for field in fields)


def _typed_day(field: DateInput) -> str | None:
    """A date field as stored (``YYYY-MM-DD``), the text typed when it is no date yet,
    ``None`` when empty."""
    day = field.value()
    if day is not None:
        return day.isoformat()
    return field.text().strip() or None


def _typed_hours(field: HoursInput) -> str:
    """Hours as stored ("12.5"), or the text typed when it is no number of hours yet."""
    try:
        return hours_value(read_hours(field.text()))
    except ProgressRefused:
        return field.text().strip()


def _field_name(field: QWidget) -> str:
    if isinstance(field, QCheckBox):
        return field.text().replace("&", "")
    return field.accessibleName()


class ProgressWindow(QWidget):
    """The progress of ``case_id``; ``changed(case_id)`` after every stored entry."""

    changed = Signal(str)

    def __init__(
        self, vault: Vault, case_id: str, today: date | None = None, place: str = "uren"
    ) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.vault, self.case_id = vault, case_id
        self.today = today or date.today()
        self.place = place if place in PLACES else "uren"
        self.tasks = TaskGroup(self)
        self.reads = FreshReads()  # no read older than a write is shown (ui.fresh_reads)
        self.data: ProgressOverview | None = None
        # Closes with the case's one message when a sync takes the case off this laptop
        # (every window of a case does; it stayed open on a case no longer here). What is
        # typed in a form and not yet recorded is set aside as the entry it would have
        # recorded, and the message lists it (attack round 8 #7: it was dropped unsaid).
        self.case_gone = CaseGoneGuard(
            self,
            vault,
            case_id,
            unsaved=self._unsaved_work,
            held=lambda: {} if self.data is None else dict(self.data.fields),
            label=lambda: "" if self.data is None else self.data.person.display_name,
        )
        # A field in conflict shows the consultant's own side, marked at the field.
        self.marks = ConflictMarks(self, vault, case_id)
        self._mark_hosts: dict[str, QWidget] = {}
        self.setWindowTitle(_("Voortgang"))
        self.resize(1200, 700)

        self.summary = _label("")
        self.summary.setObjectName("progressSummary")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.summary)
        scroll.setMinimumWidth(380)
        self.message = MessageLabel()
        self.message.setObjectName("windowMessage")

        self._route_notes: dict[str, QLabel] = {}
        self._route_fields: dict[str, tuple[QWidget, ...]] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(self._uren_tab(), _("&Uren"))
        self.tabs.addTab(self._pvt_tab(), _("P&VT"))
        self.tabs.addTab(self._map_tab(), _("&MAP"))
        self.tabs.addTab(self._examen_tab(), _("E&xamen"))
        self.tabs.addTab(self._z_tab(), _("&Z-route"))
        self.tabs.addTab(self._aftercare_tab(), _("O&ntzorgen en nazorg"))

        self._forms = self._form_list()
        self._clean: dict[str, tuple[object, ...]] = {
            name: _snapshot(fields) for name, (fields, _action) in self._forms.items()
        }
        # What each form was based on: the case as shown when it was last clean (a form
        # with typing keeps the basis it was typed on through a reload).
        self._basis: dict[str, Seen] = {name: Seen(None, {}) for name in self._forms}
        self._closing: list[str] | None = None  # the forms still to record before closing
        # Typing in a form is unsaved until its button records it: closing asks first
        # (ui.close_guard), naming the fields, and Opslaan records each form with typing.
        self.close_guard = CloseGuard(
            self, self._save_for_close, unsaved=self._unsaved_labels, discard=lambda: None
        )
        self.case_gone.closed.connect(lambda _text: self.close_guard.release())
        close_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        close_key.setWhatsThis(_("Venster sluiten"))

        row = QHBoxLayout()
        row.addWidget(scroll, 2)
        row.addWidget(self.tabs, 3)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.message)
        self._place()
        # A sync or a resolved conflict changed the case: show it as it is now (the
        # forms keep what is typed in them, ``_loaded``).
        case_events().case_changed.connect(self._case_changed)
        self.reload()

    # --- the tabs ----------------------------------------------------------------------

    def _button(self, text: str, name: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(action)
        return button

    def _on_enter(self, fields: tuple[QWidget, ...], action: Callable[[], None]) -> None:
        # Enter in a field of a form records that form (as a dialog's default button)
        for field in fields:
            edit = field.edit if isinstance(field, TypedField) else field
            if isinstance(edit, QLineEdit):
                edit.returnPressed.connect(action)

    def _uren_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.uren_aanbieder = QLineEdit()
        self.uren_aanbieder.setObjectName("urenAanbieder")
        self.uren_aanbieder.setMaxLength(200)
        self.uren_soort = QComboBox()
        for soort in UrenSoort:
            self.uren_soort.addItem(uren_soort_label(soort), soort)
        self.uren_van = DateInput(optional=False)
        self.uren_tot = DateInput(optional=False)
        self.uren_uren = HoursInput()
        self.uren_intake = QCheckBox(_("Gevolgd tijdens de &brede intake (alleen NT2)"))
        add_row(form, _("&Aanbieder:"), self.uren_aanbieder)
        add_row(form, _("&Soort uren:"), self.uren_soort)
        add_row(form, _("&Van:"), self.uren_van)
        add_row(form, _("&Tot en met:"), self.uren_tot)
        add_row(form, _("A&antal uren:"), self.uren_uren)
        form.addRow("", self.uren_intake)
        self.uren_add = self._button(_("Uren &toevoegen"), "urenToevoegen", self.add_uren)
        self._on_enter(
            (self.uren_aanbieder, self.uren_van, self.uren_tot, self.uren_uren), self.add_uren
        )
        self.uren_list = EntryList(_("Vastgelegde uren"))
        self.uren_list.setObjectName("urenList")
        self.uren_remove = self._button(
            _("Regel &verwijderen…"), "urenVerwijderen", lambda: self.remove(self.uren_list)
        )
        return self._page(page, form, self.uren_add, _("Vastgelegde uren:"), self.uren_list,
                          self.uren_remove)  # fmt: skip

    def _pvt_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.pvt_omschrijving = QLineEdit()
        self.pvt_omschrijving.setMaxLength(200)
        self.pvt_datum = DateInput(optional=False)
        self.pvt_uren = HoursInput()
        self.pvt_aanwezig = QCheckBox(_("&Aanwezig geweest"))
        self.pvt_aanwezig.setChecked(True)
        add_row(form, _("&Activiteit:"), self.pvt_omschrijving)
        add_row(form, _("&Datum:"), self.pvt_datum)
        add_row(form, _("&Uren:"), self.pvt_uren)
        form.addRow("", self.pvt_aanwezig)
        self.pvt_add = self._button(_("Activiteit &toevoegen"), "pvtToevoegen", self.add_pvt)
        self._on_enter((self.pvt_omschrijving, self.pvt_datum, self.pvt_uren), self.add_pvt)
        sign = QFormLayout()
        self.pvt_ondertekend = DateInput()
        add_row(sign, _("Participatieverklaring &ondertekend op:"), self.pvt_ondertekend)
        self.pvt_sign = self._button(
            _("Ondertekening &vastleggen"), "pvtOndertekening", self.sign_pvt
        )
        self._on_enter((self.pvt_ondertekend,), self.sign_pvt)
        self.pvt_list = EntryList(_("PVT-activiteiten"))
        self.pvt_list.setObjectName("pvtList")
        self.pvt_remove = self._button(
            _("Activiteit ve&rwijderen…"), "pvtVerwijderen", lambda: self.remove(self.pvt_list)
        )
        out = self._page(page, form, self.pvt_add, _("PVT-activiteiten:"), self.pvt_list,
                         self.pvt_remove)  # fmt: skip
        column = out.layout()
        assert isinstance(column, QVBoxLayout)
        column.addLayout(sign)
        column.addWidget(self.pvt_sign, 0, Qt.AlignmentFlag.AlignLeft)
        return out

    def _map_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self._route_note("map"))
        form = QFormLayout()
        self.map_thema = QComboBox()
        for thema in range(1, MAP_THEMES + 1):
            self.map_thema.addItem(_("Thema {number}").format(number=thema), thema)
        self.map_afgerond = DateInput()
        add_row(form, _("&Thema:"), self.map_thema)
        add_row(form, _("&Afgerond op (leeg: niet afgerond):"), self.map_afgerond)
        self.map_save = self._button(_("Thema &vastleggen"), "mapThema", self.save_map_thema)
        self._on_enter((self.map_afgerond,), self.save_map_thema)
        end = QFormLayout()
        self.map_eindgesprek = DateInput()
        add_row(end, _("&Eindgesprek op:"), self.map_eindgesprek)
        self.map_end = self._button(
            _("Eind&gesprek vastleggen"), "mapEindgesprek", self.save_map_eindgesprek
        )
        self._on_enter((self.map_eindgesprek,), self.save_map_eindgesprek)
        self.map_done = _label("")
        self.map_done.setObjectName("mapDone")
        column.addLayout(form)
        column.addWidget(self.map_save, 0, Qt.AlignmentFlag.AlignLeft)
        column.addLayout(end)
        column.addWidget(self.map_end, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.map_done)
        column.addWidget(self._mark_host("map_thema"))
        column.addStretch(1)
        self._route_fields["map"] = (
            self.map_thema, self.map_afgerond, self.map_save, self.map_eindgesprek, self.map_end
        )  # fmt: skip
        return page

    def _examen_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.examen_onderdeel = QComboBox()
        for part in (*Examenonderdeel, None):
            self.examen_onderdeel.addItem(examen_label(part), part)
        self.examen_onderdeel.currentIndexChanged.connect(self._examen_part_changed)
        self.examen_niveau = QComboBox()
        for level in Taalniveau:
            self.examen_niveau.addItem(level.value, level)
        self.examen_niveau.setCurrentIndex(list(Taalniveau).index(Taalniveau.B1))
        self.examen_datum = DateInput(optional=False)
        self.examen_behaald = QCheckBox(_("&Behaald"))
        self.examen_behaald.setChecked(True)
        add_row(form, _("&Onderdeel:"), self.examen_onderdeel)
        add_row(form, _("&Niveau:"), self.examen_niveau)
        add_row(form, _("&Datum (volgens DUO):"), self.examen_datum)
        form.addRow("", self.examen_behaald)
        self.examen_add = self._button(_("Uitslag &toevoegen"), "examenToevoegen", self.add_examen)
        self._on_enter((self.examen_datum,), self.add_examen)
        self.examen_list = EntryList(_("Examenuitslagen"))
        self.examen_list.setObjectName("examenList")
        self.examen_remove = self._button(
            _("Uitslag ve&rwijderen…"), "examenVerwijderen", lambda: self.remove(self.examen_list)
        )
        self._route_fields["examen"] = (
            self.examen_onderdeel, self.examen_niveau, self.examen_datum, self.examen_behaald,
            self.examen_add,
        )  # fmt: skip
        out = self._page(page, form, self.examen_add, _("Uitslagen:"), self.examen_list,
                         self.examen_remove)  # fmt: skip
        column = out.layout()
        assert isinstance(column, QVBoxLayout)
        column.insertWidget(0, self._route_note("examen"))
        return out

    def _z_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self._route_note("zroute"))
        form = QFormLayout()
        self.z_eindgesprek = DateInput()
        add_row(form, _("&Eindgesprek met de gemeente op:"), self.z_eindgesprek)
        self.z_save = self._button(_("Eindgesprek &vastleggen"), "zEindgesprek", self.save_z)
        self._on_enter((self.z_eindgesprek,), self.save_z)
        note = _label(
            _(
                "De uren van de Z-route ({lesuren} lesuren; voor asielstatushouders ook "
                "{participatie} uur participatie, PVT en MAP tellen mee) komen uit het tabblad "
                "Uren (Besluit inburgering 2021 art. 3.14)."
            ).format(
                lesuren=format_number(Z_COURSE_HOURS),
                participatie=format_number(Z_PARTICIPATION_HOURS),
            )
        )
        column.addLayout(form)
        column.addWidget(self.z_save, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(note)
        column.addStretch(1)
        self._route_fields["zroute"] = (self.z_eindgesprek, self.z_save)
        return page

    def _aftercare_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.aftercare = _label("")
        self.aftercare.setObjectName("aftercareSummary")
        training = QFormLayout()
        self.training_gestart = DateInput()
        self.training_afgerond = DateInput()
        self.training_aanbieder = QLineEdit()
        self.training_aanbieder.setMaxLength(200)
        add_row(training, _("Budgettraining &gestart op:"), self.training_gestart)
        add_row(training, _("Budgettraining a&fgerond op:"), self.training_afgerond)
        add_row(training, _("&Gegeven door:"), self.training_aanbieder)
        self.training_save = self._button(
            _("&Budgettraining vastleggen"), "budgettraining", self.save_training
        )
        self._on_enter(
            (self.training_gestart, self.training_afgerond, self.training_aanbieder),
            self.save_training,
        )
        art57 = QFormLayout()
        self.art57_datum = DateInput(optional=False)
        self.art57_kenmerk = QLineEdit()
        self.art57_kenmerk.setMaxLength(200)
        self.art57_van = DateInput(optional=False)
        self.art57_tot = DateInput(placeholder=_("leeg: tot nader order"))
        add_row(art57, _("Besluit art. 57 &gedateerd:"), self.art57_datum)
        add_row(art57, _("&Kenmerk:"), self.art57_kenmerk)
        add_row(art57, _("Ontzorgen gaat door &vanaf:"), self.art57_van)
        add_row(art57, _("&Tot en met:"), self.art57_tot)
        self.art57_save = self._button(_("Besluit &art. 57 vastleggen"), "art57", self.save_art57)
        self._on_enter(
            (self.art57_datum, self.art57_kenmerk, self.art57_van, self.art57_tot),
            self.save_art57,
        )
        nazorg = QFormLayout()
        self.nazorg_contact = DateInput()
        add_row(nazorg, _("&Nazorgcontact op:"), self.nazorg_contact)
        self.nazorg_save = self._button(
            _("Nazorgcontact vast&leggen"), "nazorgContact", self.save_nazorg
        )
        self._on_enter((self.nazorg_contact,), self.save_nazorg)
        column.addWidget(self.aftercare)
        column.addLayout(training)
        column.addWidget(self.training_save, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self._mark_host("training"))
        column.addLayout(art57)
        column.addWidget(self.art57_save, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self._mark_host("art57"))
        column.addLayout(nazorg)
        column.addWidget(self.nazorg_save, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _route_note(self, item: str) -> QLabel:
        """Beneath a tab of data that belongs to some leerroutes only: why its fields take
        nothing for this case (shown while the route is another, or not set)."""
        note = _label("")
        note.setObjectName(f"routeNote_{item}")
        note.hide()
        self._route_notes[item] = note
        return note

    def _page(
        self,
        page: QWidget,
        form: QFormLayout,
        add: QPushButton,
        heading: str,
        entries: EntryList,
        remove: QPushButton,
    ) -> QWidget:
        column = QVBoxLayout(page)
        column.addLayout(form)
        column.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        title = QLabel(heading)
        title.setBuddy(entries)
        column.addWidget(title)
        column.addWidget(entries, 1)
        column.addWidget(self._mark_host(entries.objectName()))
        column.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _mark_host(self, name: str) -> QWidget:
        """Where the conflict mark of a list or a whole record goes (``ui.conflict_marks``:
        a widget with a box layout of its own)."""
        host = QWidget()
        host.setObjectName(f"{name}ConflictMark")
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        self._mark_hosts[name] = host
        return host

    def _examen_part_changed(self) -> None:
        # KNM has no level (ExamenUitslag): the level field is not offered for it
        self.examen_niveau.setEnabled(
            self.examen_onderdeel.isEnabled() and self.examen_onderdeel.currentData() is not None
        )

    def _place(self) -> None:
        """Put the keyboard where the window was opened for (:data:`PLACES`)."""
        if self.place == "uren":
            self.tabs.setCurrentIndex(0)
            self.uren_aanbieder.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.tabs.setCurrentIndex(self.tabs.count() - 1)
        field = self.art57_datum if self.place == "ontzorgen" else self.nazorg_contact
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        page = self.tabs.currentWidget()
        if isinstance(page, QScrollArea):
            page.ensureWidgetVisible(field)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.focusWidget() is None:
            self._place()

    # --- what is typed and not yet recorded ---------------------------------------------

    def _form_list(self) -> dict[str, tuple[Fields, Callable[[], None]]]:
        """Each form: its fields (what counts as typed) and the act that records it."""
        return {
            "uren": (
                (self.uren_aanbieder, self.uren_soort, self.uren_van, self.uren_tot,
                 self.uren_uren, self.uren_intake),
                self.add_uren,
            ),
            "pvt": (
                (self.pvt_omschrijving, self.pvt_datum, self.pvt_uren, self.pvt_aanwezig),
                self.add_pvt,
            ),
            "pvt_ondertekend": ((self.pvt_ondertekend,), self.sign_pvt),
            "map_thema": ((self.map_afgerond,), self.save_map_thema),
            "map_eindgesprek": ((self.map_eindgesprek,), self.save_map_eindgesprek),
            "examen": (
                (self.examen_onderdeel, self.examen_niveau, self.examen_datum,
                 self.examen_behaald),
                self.add_examen,
            ),
            "zroute": ((self.z_eindgesprek,), self.save_z),
            "training": (
                (self.training_gestart, self.training_afgerond, self.training_aanbieder),
                self.save_training,
            ),
            "art57": (
                (self.art57_datum, self.art57_kenmerk, self.art57_van, self.art57_tot),
                self.save_art57,
            ),
            "nazorg": ((self.nazorg_contact,), self.save_nazorg),
        }  # fmt: skip

    def dirty(self, name: str) -> bool:
        """Whether form ``name`` holds typing its button has not recorded."""
        fields, _action = self._forms[name]
        return _snapshot(fields) != self._clean[name]

    def _mark_clean(self, name: str) -> None:
        self._clean[name] = _snapshot(self._forms[name][0])

    def _unsaved_labels(self) -> list[str]:
        labels: list[str] = []
        for name, (fields, _action) in self._forms.items():
            clean = self._clean[name]
            labels += [
                _field_name(f) for f, was in zip(fields, clean, strict=True) if _value(f) != was
            ]
        return labels

    def _unsaved_work(self) -> dict[str, Any]:
        """What each form with typing would record, as the field it would write (field
        key -> value), for setting aside when the case leaves this laptop. Taken as typed:
        a date or a number that is none yet stays the text typed, so nothing typed is
        lost (the list shows it; the office refuses such a value if it is sent)."""
        patch: dict[str, Any] = {}
        for name in self._forms:
            if self.dirty(name):
                patch.update(self._typed(name))
        return patch

    def _typed(self, name: str) -> dict[str, Any]:
        """Form ``name``'s fields as the value its button would record (see
        :meth:`_unsaved_work`); a new entry under a new id."""
        singles = {
            "pvt_ondertekend": (PVT_ONDERTEKEND, self.pvt_ondertekend),
            "map_eindgesprek": (MAP_EINDGESPREK, self.map_eindgesprek),
            "zroute": (Z_EINDGESPREK, self.z_eindgesprek),
            "nazorg": (NAZORG_CONTACT, self.nazorg_contact),
            "map_thema": (thema_key(int(self.map_thema.currentData())), self.map_afgerond),
        }
        if name in singles:
            key, field = singles[name]
            return {key: _typed_day(field)}
        entry = progress.new_entry_id()
        if name == "uren":
            return {
                uren_key(entry): {
                    "aanbieder": self.uren_aanbieder.text(),
                    "soort": str(self.uren_soort.currentData()),
                    "van": _typed_day(self.uren_van),
                    "tot": _typed_day(self.uren_tot),
                    "uren": _typed_hours(self.uren_uren),
                    "tijdens_intake": self.uren_intake.isChecked(),
                }
            }
        if name == "pvt":
            return {
                pvt_key(entry): {
                    "omschrijving": self.pvt_omschrijving.text(),
                    "datum": _typed_day(self.pvt_datum),
                    "uren": _typed_hours(self.pvt_uren),
                    "aanwezig": self.pvt_aanwezig.isChecked(),
                }
            }
        if name == "examen":
            part = self.examen_onderdeel.currentData()
            return {
                examen_key(entry): {
                    "onderdeel": None if part is None else str(part),
                    "niveau": None if part is None else str(self.examen_niveau.currentData()),
                    "datum": _typed_day(self.examen_datum),
                    "behaald": self.examen_behaald.isChecked(),
                }
            }
        if name == "training":
            return {
                BUDGETTRAINING: {
                    "gestart_op": _typed_day(self.training_gestart),
                    "afgerond_op": _typed_day(self.training_afgerond),
                    "aanbieder": self.training_aanbieder.text(),
                }
            }
        return {
            ART57: {
                "datum": _typed_day(self.art57_datum),
                "kenmerk": self.art57_kenmerk.text(),
                "van": _typed_day(self.art57_van),
                "tot": _typed_day(self.art57_tot),
            }
        }

    def _save_for_close(self) -> None:
        """Opslaan in the close question: record each form with typing, one after the
        other; the first refusal keeps the window open and says why."""
        self._closing = [name for name in self._forms if self.dirty(name)]
        self._next_for_close()

    def _next_for_close(self) -> None:
        queue = self._closing
        if queue is None:
            return
        if not queue:
            self._closing = None
            self.close_guard.saved()
            return
        name = queue.pop(0)
        before = self.tasks.pending
        self._forms[name][1]()
        if self.tasks.pending == before:  # refused before writing (a date that is no date)
            self._closing = None
            self.close_guard.save_failed()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_guard.allows_close(event):
            return
        super().closeEvent(event)

    # --- reading -----------------------------------------------------------------------

    def _case_changed(self, case_id: str) -> None:
        if self.case_gone.handling:
            return
        if case_id in (ALL_CASES, self.case_id):
            self.reload()

    def reload(self) -> None:
        vault, case_id, today = self.vault, self.case_id, self.today
        # A read older than a write of this window would take back what it recorded
        # (issue 13): shown only when no write began or ended while it was read.
        self.tasks.run(
            lambda _t: progress.load(vault, case_id, today),
            self.reads.read(self._loaded, self.reload),
            self._failed,
            name="progress-load",
        )

    def _loaded(self, data: ProgressOverview) -> None:
        new_conflicts = data.conflicts - (set() if self.data is None else self.data.conflicts)
        self.data = data
        self.setWindowTitle(_("Voortgang — {name}").format(name=data.person.display_name))
        lines = summary_lines(data)
        if data.records.unreadable:
            lines += [
                "",
                _(
                    "{count} opgeslagen gegeven(s) kunnen niet worden gelezen (van een nieuwere "
                    "versie, of beschadigd) en tellen niet mee; vraag het kantoor ze na te kijken."
                ).format(count=format_number(len(data.records.unreadable))),
            ]
        self.summary.setText("\n".join(lines))
        self.aftercare.setText("\n".join(aftercare_lines(data)))
        marked = self._marked_lines
        self.uren_list.fill(marked(uren_lines(data)), _("Nog geen uren vastgelegd."))
        self.pvt_list.fill(marked(pvt_lines(data)), _("Nog geen PVT-activiteiten vastgelegd."))
        self.examen_list.fill(marked(examen_lines(data)), _("Nog geen uitslagen vastgelegd."))
        done = map_lines(data)
        self.map_done.setText("\n".join(done) if done else _("Nog geen MAP-thema afgerond."))
        records = data.records
        # what the vault holds, shown in the forms that hold no typing of their own
        prefill: dict[str, Callable[[], None]] = {
            "pvt_ondertekend": lambda: self.pvt_ondertekend.set_value(records.pvt_ondertekend),
            "map_eindgesprek": lambda: self.map_eindgesprek.set_value(records.map_eindgesprek),
            "zroute": lambda: self.z_eindgesprek.set_value(records.z_eindgesprek),
            "nazorg": lambda: self.nazorg_contact.set_value(records.nazorg_contact),
            "training": lambda: self._show_training(data),
        }
        for name in self._forms:
            if self.dirty(name):
                continue
            if name in prefill:
                prefill[name]()
            self._mark_clean(name)
            self._basis[name] = Seen.of(data)
        self._mark_conflicts(data)
        if new_conflicts:
            # the same words as the intake's (case_refresh): the own value stays shown
            self.message.show_message(
                _(
                    "Ook elders gewijzigd, dus een conflict: {fields}. Hier blijft uw eigen "
                    "waarde staan; kies wat blijft in Conflicten oplossen (de link bij het veld)."
                ).format(fields=self._labels(new_conflicts)),
                "warning",
            )
        # what the route has no use for is not taken, and its tab says why (the one rule,
        # progress_fields.route_problem, that the use cases refuse it by)
        for item, note in self._route_notes.items():
            problem = route_problem(item, data.leerroute)
            note.setText("" if problem is None else _route_reason(problem.code))
            note.setVisible(problem is not None)
            for field in self._route_fields[item]:
                field.setEnabled(problem is None)
        self._examen_part_changed()
        self.tabs.setTabEnabled(5, data.ontzorgen.eind is not None or data.nazorg.due is not None)
        self._enable_aftercare(data)

    def _marked_lines(self, lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """List lines with the conflict mark's words after an entry in conflict (the
        list shows the consultant's own side of it)."""
        held = set() if self.data is None else self.data.conflicts
        return [(key, f"{line} · {mark_text()}" if key in held else line) for key, line in lines]

    def _labels(self, keys: set[str] | frozenset[str] | tuple[str, ...]) -> str:
        return ", ".join(_(field_label(key)) for key in sorted(keys))

    def _mark_editors(self) -> dict[str, QWidget]:
        """Where each kind of field is marked: a day at its field, an entry or a whole
        record at its list or form (:meth:`_mark_host`)."""
        return {
            PVT_ONDERTEKEND: self.pvt_ondertekend,
            MAP_EINDGESPREK: self.map_eindgesprek,
            Z_EINDGESPREK: self.z_eindgesprek,
            NAZORG_CONTACT: self.nazorg_contact,
            BUDGETTRAINING: self._mark_hosts["training"],
            ART57: self._mark_hosts["art57"],
            "uren.": self._mark_hosts["urenList"],
            "pvt.activiteit.": self._mark_hosts["pvtList"],
            "examen.": self._mark_hosts["examenList"],
            "map.thema.": self._mark_hosts["map_thema"],
        }

    def _mark_conflicts(self, data: ProgressOverview) -> None:
        """Mark the fields in conflict (one mark per list or form: the first of its keys;
        the list lines say which entries)."""
        places = self._mark_editors()
        editors: dict[str, QWidget] = {}
        used: set[str] = set()
        for key in sorted(data.conflicts):
            place = key if key in places else next((p for p in places if key.startswith(p)), None)
            if place is None or place in used:
                continue
            used.add(place)
            editors[key] = places[place]
        self.marks.show(set(editors), editors)

    def _show_training(self, data: ProgressOverview) -> None:
        training = data.records.budgettraining
        if training is not None:
            self.training_gestart.set_value(training.gestart_op)
            self.training_afgerond.set_value(training.afgerond_op)
            self.training_aanbieder.setText(training.aanbieder)

    def _enable_aftercare(self, data: ProgressOverview) -> None:
        ontzorgen = data.ontzorgen.eind is not None
        for widget in (
            self.training_gestart,
            self.training_afgerond,
            self.training_aanbieder,
            self.training_save,
            self.art57_datum,
            self.art57_kenmerk,
            self.art57_van,
            self.art57_tot,
            self.art57_save,
        ):
            widget.setEnabled(ontzorgen)
        nazorg = data.nazorg.due is not None
        self.nazorg_contact.setEnabled(nazorg)
        self.nazorg_save.setEnabled(nazorg)

    def retranslate(self) -> None:
        """The UI language changed: the summary and the lists, made from the data, in the
        new language."""
        if self.data is not None:
            self._loaded(self.data)

    def _failed(self, exc: BaseException) -> None:
        if self.case_gone.is_gone(exc):
            self.case_gone.gone()
            return
        self.message.show_message(error_text(exc), "error")

    # --- writing -----------------------------------------------------------------------

    def _write(
        self,
        form: str | None,
        call: Callable[[], ProgressOverview],
        stored: Callable[[], None],
        at: Mapping[str, QWidget] | None = None,
    ) -> None:
        """Run a use case; on success show the case as it is now and empty the form
        (``stored``), on a refusal say why (nothing was stored, the form keeps its text),
        at the field it names too (``at``: the refusal's ``field`` → the form's field).
        ``form``: the form it records (:meth:`_form_list`), ``None`` for a removal."""

        def done(data: ProgressOverview) -> None:
            stored()
            if form is not None:
                self._mark_clean(form)  # recorded: what it shows now is no typing of its own
            self._loaded(data)
            if data.kept:
                # the vault's value changed underneath the form: kept beside it, not over it
                self.message.show_message(
                    _(
                        "Niet overschreven: {fields} is intussen gewijzigd (synchronisatie "
                        "of een opgelost conflict). Uw invoer is bewaard als conflict; kies "
                        "wat blijft via Synchroniseren → Conflicten oplossen."
                    ).format(fields=self._labels(data.kept)),
                    "error",
                )
                # the conflict count and the other windows of the case show it now
                case_events().case_changed.emit(self.case_id)
            else:
                self.message.show_message(_("Vastgelegd."), "info")
            self.changed.emit(self.case_id)
            self._next_for_close()

        def failed(exc: BaseException) -> None:
            self._write_failed(exc)
            if isinstance(exc, ProgressRefused) and not self.case_gone.is_gone(exc):
                self.message.show_message(self._named(exc, at or {}), "error")
                self._say_at(exc, at or {})

        written, refused = self.reads.write(done, failed)
        self.tasks.run(lambda _t: call(), written, refused, name="progress-write")

    def _say_at(self, refused: ProgressRefused, at: Mapping[str, QWidget]) -> None:
        """Say ``refused`` at the field it names (beneath a date or hours field) and put
        the keyboard there; the message line says it too."""
        field = at.get(str(refused.params.get("field", "")))
        if field is None:
            return
        if isinstance(field, DateInput | HoursInput):
            field.show_refusal(error_text(refused))
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _named(refused: ProgressRefused, at: Mapping[str, QWidget]) -> str:
        """``refused`` in words, named by the label of the field it is about when the form
        has it (usability round 9, finding 17: "Deze datum ligt na vandaag" did not say
        which of the two dates)."""
        field = at.get(str(refused.params.get("field", "")))
        text = error_text(refused)
        return text if field is None else field_refusal(_field_name(field), text)

    def _refused_at(self, refused: ProgressRefused, at: Mapping[str, QWidget]) -> None:
        """A refusal found before anything runs: said in the message line, named by its
        field, and at its field."""
        self.message.show_message(self._named(refused, at), "error")
        self._say_at(refused, at)
        if self._closing is not None:
            self._closing = None
            self.close_guard.save_failed()

    def basis(self, form: str | None) -> Seen:
        """What a write of ``form`` is based on (``None``, a removal: the case as shown)."""
        if form is None:
            return Seen(None, {}) if self.data is None else Seen.of(self.data)
        return self._basis[form]

    def _write_failed(self, exc: BaseException) -> None:
        self._failed(exc)
        if self._closing is not None:
            self._closing = None
            self.close_guard.save_failed()

    def _day_problem(self, *fields: DateInput) -> bool:
        """Say the first field's typing problem beneath it, and in the message line."""
        for field in fields:
            problem = field.problem()
            if problem is not None:
                field.say_problem()
                field.setFocus(Qt.FocusReason.OtherFocusReason)
                self.message.show_message(field_refusal(_field_name(field), problem), "error")
                return True
        return False

    def _hours(self, field: HoursInput) -> Decimal | None:
        try:
            return read_hours(field.text())
        except ProgressRefused as exc:
            self._refused_at(exc, {"uren": field})
            return None

    def add_uren(self) -> None:
        if self._day_problem(self.uren_van, self.uren_tot):
            return
        hours = self._hours(self.uren_uren)
        van, tot = self.uren_van.value(), self.uren_tot.value()
        if hours is None or van is None or tot is None:
            return
        at: dict[str, QWidget] = {
            "aanbieder": self.uren_aanbieder,
            "van": self.uren_van,
            "tot": self.uren_tot,
            "uren": self.uren_uren,
            "tijdens_intake": self.uren_intake,
        }
        given = UrenInput(
            self.uren_aanbieder.text(),
            UrenSoort(self.uren_soort.currentData()),  # Qt gives the enum back as text
            van,
            tot,
            hours,
            self.uren_intake.isChecked(),
        )
        try:  # the rule the office holds the entry to, at entry (attack round 8, finding 1)
            progress.uren_entry(given)
        except ProgressRefused as exc:
            self._refused_at(exc, at)
            return
        vault, case_id, today, seen = self.vault, self.case_id, self.today, self.basis("uren")

        def stored() -> None:
            # the provider and kind stay: the next line is usually the same provider's
            self.uren_van.set_value(None)
            self.uren_tot.set_value(None)
            self.uren_uren.clear()
            self.uren_van.setFocus(Qt.FocusReason.OtherFocusReason)

        self._write(
            "uren", lambda: progress.add_uren(vault, case_id, given, today, seen), stored, at
        )

    def add_pvt(self) -> None:
        if self._day_problem(self.pvt_datum):
            return
        hours = self._hours(self.pvt_uren)
        day = self.pvt_datum.value()
        if hours is None or day is None:
            return
        given = PvtInput(
            self.pvt_omschrijving.text(),
            day,
            hours,
            self.pvt_aanwezig.isChecked(),
        )
        at: dict[str, QWidget] = {
            "omschrijving": self.pvt_omschrijving,
            "datum": self.pvt_datum,
            "uren": self.pvt_uren,
        }
        try:
            progress.pvt_entry(given)
        except ProgressRefused as exc:
            self._refused_at(exc, at)
            return
        vault, case_id, today, seen = self.vault, self.case_id, self.today, self.basis("pvt")

        def stored() -> None:
            self.pvt_omschrijving.clear()
            self.pvt_datum.set_value(None)
            self.pvt_uren.clear()
            self.pvt_omschrijving.setFocus(Qt.FocusReason.OtherFocusReason)

        self._write(
            "pvt",
            lambda: progress.add_pvt_activiteit(vault, case_id, given, today, seen),
            stored,
            at,
        )

    def _day_write(
        self,
        form: str,
        field: DateInput,
        call: Callable[[Vault, str, date | None, date, Seen], ProgressOverview],
    ) -> None:
        if self._day_problem(field):
            return
        day = field.value()
        vault, case_id, today, seen = self.vault, self.case_id, self.today, self.basis(form)
        self._write(
            form, lambda: call(vault, case_id, day, today, seen), lambda: None, {"datum": field}
        )

    def sign_pvt(self) -> None:
        self._day_write("pvt_ondertekend", self.pvt_ondertekend, progress.set_pvt_ondertekend)

    def save_map_thema(self) -> None:
        if self._day_problem(self.map_afgerond):
            return
        thema: int = self.map_thema.currentData()
        day = self.map_afgerond.value()
        vault, case_id, today, seen = self.vault, self.case_id, self.today, self.basis("map_thema")

        def stored() -> None:
            self.map_afgerond.set_value(None)
            if self.map_thema.currentIndex() < self.map_thema.count() - 1:
                self.map_thema.setCurrentIndex(self.map_thema.currentIndex() + 1)

        self._write(
            "map_thema",
            lambda: progress.set_map_thema(vault, case_id, thema, day, today, seen),
            stored,
            {"datum": self.map_afgerond},
        )

    def save_map_eindgesprek(self) -> None:
        self._day_write("map_eindgesprek", self.map_eindgesprek, progress.set_map_eindgesprek)

    def save_z(self) -> None:
        self._day_write("zroute", self.z_eindgesprek, progress.set_z_eindgesprek)

    def save_nazorg(self) -> None:
        self._day_write("nazorg", self.nazorg_contact, aftercare.record_nazorg_contact)

    def add_examen(self) -> None:
        if self._day_problem(self.examen_datum):
            return
        day = self.examen_datum.value()
        if day is None:
            return
        # Qt gives the enums back as their text
        chosen = self.examen_onderdeel.currentData()
        part = None if chosen is None else Examenonderdeel(chosen)
        level = None if part is None else Taalniveau(self.examen_niveau.currentData())
        given = ExamenInput(part, level, day, self.examen_behaald.isChecked())
        vault, case_id, today, seen = self.vault, self.case_id, self.today, self.basis("examen")

        def stored() -> None:
            # as every adding form: the entry's own fields empty, ready for the next
            # (usability round 9, finding 17: the exam's date stayed, the hours' went)
            self.examen_datum.set_value(None)
            self.examen_onderdeel.setFocus(Qt.FocusReason.OtherFocusReason)

        self._write(
            "examen",
            lambda: progress.add_examen(vault, case_id, given, today, seen),
            stored,
            {"datum": self.examen_datum, "onderdeel": self.examen_onderdeel,
             "niveau": self.examen_niveau},
        )  # fmt: skip

    def save_training(self) -> None:
        if self._day_problem(self.training_gestart, self.training_afgerond):
            return
        start, end = self.training_gestart.value(), self.training_afgerond.value()
        who = self.training_aanbieder.text()
        vault, case_id, today, seen = self.vault, self.case_id, self.today, self.basis("training")
        self._write(
            "training",
            lambda: aftercare.set_budgettraining(vault, case_id, start, end, who, today, seen),
            lambda: None,
            {"gestart_op": self.training_gestart, "afgerond_op": self.training_afgerond,
             "aanbieder": self.training_aanbieder},
        )  # fmt: skip

    def save_art57(self) -> None:
        if self._day_problem(self.art57_datum, self.art57_van, self.art57_tot):
            return
        datum, van = self.art57_datum.value(), self.art57_van.value()
        if datum is None or van is None:
            return
        given = Art57Input(datum, self.art57_kenmerk.text(), van, self.art57_tot.value())
        vault, case_id, today, seen = self.vault, self.case_id, self.today, self.basis("art57")
        self._write(
            "art57",
            lambda: aftercare.record_art57(vault, case_id, given, today, seen),
            lambda: None,
            {"datum": self.art57_datum, "kenmerk": self.art57_kenmerk, "van": self.art57_van,
             "tot": self.art57_tot},
        )  # fmt: skip

    def remove(self, entries: EntryList) -> None:
        """Remove the chosen entry after a question whose default is to keep it."""
        key = entries.selected_key()
        item = entries.currentItem()
        if key is None or item is None:
            self.message.show_message(_("Kies eerst een regel in de lijst."), "error")
            entries.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Regel verwijderen"))
        box.setText(_("Deze regel verwijderen?\n{line}").format(line=item.text()))
        remove = box.addButton(_("&Verwijderen"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("confirmRemove")
        keep = box.addButton(_("&Behouden"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)  # Enter keeps the line
        box.setEscapeButton(keep)
        vault, case_id, today = self.vault, self.case_id, self.today

        def answered(button: object) -> None:
            self.question = None
            if button is not remove:
                entries.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            seen = self.basis(None)
            self._write(
                None,
                lambda: progress.remove_entry(vault, case_id, key, today, seen),
                lambda: entries.setFocus(Qt.FocusReason.OtherFocusReason),
            )

        box.buttonClicked.connect(answered)
        self.question = box  # tests answer it here
        box.open()

    question: QMessageBox | None = None


def open_progress(vault: Vault, case_id: str, place: str = "uren") -> ProgressWindow:
    """Raise the case's open Voortgang window (put at ``place``), or open one (top-level,
    so a lock closes it)."""
    audit_trail.record_view(vault, case_id, "progress")
    window = open_for_case(
        ProgressWindow, case_id, lambda: ProgressWindow(vault, case_id, place=place)
    )
    if window.place != place:
        window.place = place
        window._place()
    return window
