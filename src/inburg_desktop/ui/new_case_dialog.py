""" "Nieuw dossier" and "Persoonsgegevens corrigeren": the handover's fields typed by the
consultant, checked exactly as an imported handover file (``services.case_by_hand``),
a refused value shown at its field with the keyboard put there; nothing is stored then.

Keyboard first: the first field has the focus, Tab walks the fields in order, Enter saves
(the default button), Esc cancels.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.case import Doelgroep
from inburg_desktop.domain.countries import country_name, known_codes
from inburg_desktop.formatting import doelgroep_label, reason_text, residence_labels
from inburg_desktop.i18n import _, current_language
from inburg_desktop.messages import error_text
from inburg_desktop.services import case_by_hand as service
from inburg_desktop.services.errors import VaultError
from inburg_desktop.services.household import HouseholdRefused
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.date_input import DateInput, date_problem
from inburg_desktop.ui.household_editor import HouseholdEditor
from inburg_desktop.ui.language_picker import LanguageList, SearchableCombo, language_entries
from inburg_desktop.ui.notice_bar import NoticeBar
from inburg_desktop.ui.tasks import TaskGroup
from inburg_desktop.ui.vault_messages import unlock_message
from inburg_desktop.ui.window_size import room_for

HOUSEHOLD_SECTION_MEMBERS = 1
"""Members the section shows whole; more scroll inside it (see _household_section)."""


def field_labels() -> dict[str, str]:
    """The form's label of each handover field key."""
    return {
        "person.given_names": _("&Voornamen"),
        "person.family_name": _("&Achternaam"),
        "person.date_of_birth": _("&Geboortedatum"),
        "person.nationality": _("&Nationaliteit"),
        "person.languages": _("&Talen"),
        "person.preferred_language": _("Voo&rkeurstaal"),
        "doelgroep": _("&Doelgroep"),
        "person.v_nummer": _("V-nu&mmer"),
        "person.bsn": _("&BSN"),
        "person.residence_basis": _("Verblij&fsgrond"),
        "person.permit_since": _("V&erblijfsvergunning sinds"),
        "dates.brp_registration": _("&Inschrijving BRP"),
        "dates.koppeling": _("&Koppeling aan gemeente"),
        "dates.duo_kennisgeving": _("Kennisgeving van D&UO"),
        "dates.bijstand_start": _("Bijstand &sinds"),
    }


class NewCaseDialog(QDialog):
    """A new case (``case_id`` None) or a correction of an existing case's personal
    data. ``saved(case_id)`` after the vault stored it."""

    saved = Signal(str)
    open_existing = Signal(str)  # case id: the consultant opens the case with this V-nummer

    def __init__(
        self, vault: Vault, case_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newCaseDialog")
        self.vault, self.case_id = vault, case_id
        self.tasks = TaskGroup(self)
        self.loaded = None if case_id is None else service.load_case(vault, case_id)
        self.setWindowTitle(
            _("Nieuw dossier") if case_id is None else _("Persoonsgegevens corrigeren")
        )
        column = QVBoxLayout(self)
        self.notice = NoticeBar(self)
        column.addWidget(self.notice)
        form = QFormLayout()
        column.addLayout(form)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        labels = field_labels()
        for key in labels:
            widget = self._editor(key)
            widget.setObjectName(key)
            label = QLabel(labels[key])
            label.setBuddy(widget)
            form.addRow(label, widget)
            error = QLabel()
            error.setObjectName(f"error:{key}")
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.setWordWrap(True)
            error.setStyleSheet("color:#b91c1c")
            error.hide()
            form.addRow("", error)
            self.fields[key], self.errors[key] = widget, error
            if isinstance(widget, DateInput):
                # What the form said about this date goes once the field holds a date
                # again (usability round 3, finding 3: it stayed beneath a valid date).
                widget.changed.connect(partial(self._date_changed, key))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Opslaan"))
        self.save_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annu&leren"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.open_existing_button = QPushButton(_("Dat dossier o&penen"))
        self.open_existing_button.setObjectName("openExistingCase")
        self.open_existing_button.setAutoDefault(False)
        self.open_existing_button.hide()
        self.open_existing_button.clicked.connect(self._open_existing)
        self._existing: str | None = None
        form.addRow("", self.open_existing_button)
        self.household: HouseholdEditor | None = None
        if case_id is None:  # a correction is of personal data; members: Dossiergegevens
            self.household = self._household_section(column)
        column.addWidget(buttons)
        if self.loaded is not None:
            self._show(service.form_of(self.loaded))
            for key in ("doelgroep", "dates.brp_registration", "dates.koppeling",
                        "dates.duo_kennisgeving", "dates.bijstand_start",
                        "person.residence_basis", "person.permit_since"):  # fmt: skip
                self.fields[key].setEnabled(False)  # not personal data: Dossiergegevens
        self.fields["person.given_names"].setFocus()

    def _editor(self, key: str) -> QWidget:
        if key == "person.nationality":
            ui = current_language()
            countries = sorted((country_name(c, ui), c) for c in known_codes())
            return SearchableCombo(
                ((code, f"{name} ({code})") for name, code in countries), _("— kies —")
            )
        if key == "person.languages":
            return LanguageList()
        if key == "person.preferred_language":
            return SearchableCombo(language_entries(), _("— geen —"))
        if key == "person.residence_basis":
            labels = residence_labels()
            return SearchableCombo(
                ((basis.value, labels[basis]) for basis in labels), _("— onbekend —")
            )
        if key == "doelgroep":
            combo = QComboBox()
            for value in Doelgroep:
                combo.addItem(doelgroep_label(value.value), value.value)
            return combo
        if key.startswith("dates.") or key in ("person.date_of_birth", "person.permit_since"):
            required = key in ("dates.brp_registration", "person.date_of_birth")
            return DateInput(optional=not required)
        return QLineEdit()

    def _line(self, key: str) -> QLineEdit:
        widget = self.fields[key]
        assert isinstance(widget, QLineEdit)
        return widget

    def _combo(self, key: str) -> QComboBox:
        widget = self.fields[key]
        assert isinstance(widget, QComboBox)
        return widget

    def _search(self, key: str) -> SearchableCombo:
        widget = self.fields[key]
        assert isinstance(widget, SearchableCombo)
        return widget

    def _date(self, key: str) -> DateInput:
        widget = self.fields[key]
        assert isinstance(widget, DateInput)
        return widget

    def _show(self, form: service.PersonForm) -> None:
        self._line("person.given_names").setText(form.given_names)
        self._line("person.family_name").setText(form.family_name)
        self._date("person.date_of_birth").set_value(form.date_of_birth)
        self._search("person.nationality").set_code(form.nationality)
        languages = self.fields["person.languages"]
        assert isinstance(languages, LanguageList)
        languages.set_codes(form.languages)
        self._search("person.preferred_language").set_code(form.preferred_language)
        self._search("person.residence_basis").set_code(form.residence_basis)
        self._date("person.permit_since").set_value(form.permit_since)
        self._line("person.v_nummer").setText(form.v_nummer or "")
        self._line("person.bsn").setText(form.bsn or "")
        doelgroep = self._combo("doelgroep")
        doelgroep.setCurrentIndex(max(doelgroep.findData(form.doelgroep), 0))
        self._date("dates.brp_registration").set_value(form.brp_registration)
        self._date("dates.koppeling").set_value(form.koppeling)
        self._date("dates.duo_kennisgeving").set_value(form.duo_kennisgeving)
        self._date("dates.bijstand_start").set_value(form.bijstand_start)

    def form(self) -> service.PersonForm:
        """The typed values (dates already checked as dates by their fields)."""
        languages = self.fields["person.languages"]
        assert isinstance(languages, LanguageList)
        return service.PersonForm(
            given_names=self._line("person.given_names").text(),
            family_name=self._line("person.family_name").text(),
            date_of_birth=self._date("person.date_of_birth").value(),
            nationality=self._search("person.nationality").code(),
            languages=languages.codes(),
            doelgroep=str(self._combo("doelgroep").currentData()),
            brp_registration=self._date("dates.brp_registration").value(),
            preferred_language=self._search("person.preferred_language").code(),
            v_nummer=self._line("person.v_nummer").text(),
            bsn=self._line("person.bsn").text(),
            koppeling=self._date("dates.koppeling").value(),
            duo_kennisgeving=self._date("dates.duo_kennisgeving").value(),
            bijstand_start=self._date("dates.bijstand_start").value(),
            residence_basis=self._search("person.residence_basis").code() or None,
            permit_since=self._date("person.permit_since").value(),
        )

    def show_problem(self, key: str, problem: str) -> None:
        """Say at the field what is wrong with it, and put the keyboard there."""
        for shown in self.errors.values():
            shown.hide()
        self.open_existing_button.hide()
        field = key if key in self.fields else key.split("[")[0]
        label = field_labels().get(field, field).replace("&", "")
        error = self.errors.get(field)
        if error is None:  # a rule about the file as a whole
            self.notice.show_message(
                self._not_saved(problem),
                "error",
            )
            return
        error.setText(
            _("{field}: {problem}. {unsaved}").format(
                field=label, problem=problem.rstrip(". "), unsaved=self._unsaved()
            )
        )
        error.show()
        self.fields[field].setFocus(Qt.FocusReason.OtherFocusReason)

    def _not_saved(self, problem: str) -> str:
        """A refusal of the form as a whole, in the form's terms (:meth:`_unsaved`)."""
        if self.loaded is None:
            return _("Het dossier is nog niet aangemaakt: {problem}").format(problem=problem)
        return _("De correctie is nog niet opgeslagen: {problem}").format(problem=problem)

    def _unsaved(self) -> str:
        """What a refusal leaves, in the form's terms: a new case does not exist yet, a
        correction is not stored yet ("Er is niets opgeslagen" read oddly in a form that
        was never saved; usability round 3, finding 3)."""
        if self.loaded is None:
            return _("Het dossier is nog niet aangemaakt.")
        return _("De correctie is nog niet opgeslagen.")

    def _date_changed(self, key: str) -> None:
        field = self.fields[key]
        if isinstance(field, DateInput) and field.problem() is None:
            self.errors[key].hide()

    def save(self) -> None:
        # A date that is missing, half typed or impossible: said at its field.
        for key, widget in self.fields.items():
            if isinstance(widget, DateInput) and widget.isEnabled() and widget.problem():
                self.show_problem(key, str(widget.problem()))
                return
        problem = date_problem(self)
        if problem is not None:
            self.notice.show_message(
                self._not_saved(problem),
                "error",
            )
            return
        form, vault = self.form(), self.vault
        members = [] if self.household is None else self.household.members()
        self.save_button.setEnabled(False)
        if self.loaded is None:
            self.tasks.run(
                lambda _t: service.add_case(vault, form, members), self._added, self._failed
            )
        else:
            case_id, loaded = self.loaded.case.id, self.loaded
            self.tasks.run(
                lambda _t: service.correct_person(vault, case_id, form, loaded),
                self._corrected,
                self._failed,
            )

    def _added(self, added: object) -> None:
        self.save_button.setEnabled(True)
        case_id = str(getattr(added, "case_id", ""))
        self.saved.emit(case_id)
        self.accept()

    def _corrected(self, outcome: service.CorrectionSaved) -> None:
        self.save_button.setEnabled(True)
        assert self.loaded is not None
        if outcome.kept:
            self.notice.show_message(
                _(
                    "Niet overschreven: gewijzigd sinds dit venster openging. Uw keuze is "
                    "bewaard als conflict; kies wat blijft via Synchroniseren → Conflicten "
                    "oplossen."
                ),
                "error",
            )
            return
        # Open windows of this case (the intake, the PIP editor) show the new data.
        case_events().case_changed.emit(self.loaded.case.id)
        self.saved.emit(self.loaded.case.id)
        self.accept()

    def _open_existing(self) -> None:
        if self._existing is not None:
            self.open_existing.emit(self._existing)
            self.reject()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, service.VNummerInGebruik):
            self.show_problem("person.v_nummer", error_text(exc))
            self._existing = exc.case_id
            self.open_existing_button.show()
        elif isinstance(exc, HouseholdRefused) and self.household is not None:
            self.notice.show_message(error_text(exc), "error")
            self.household.show_refusal(exc, focus=True)
        elif isinstance(exc, service.HandoverError):
            self.show_problem(exc.key, reason_text(exc.reason))
        elif isinstance(exc, VaultError):
            self.notice.show_message(unlock_message(exc), "error")
        else:
            raise exc

    def _household_section(self, column: QVBoxLayout) -> HouseholdEditor:
        """The optional household members of a new case (``ui.household_editor``)."""
        box = QGroupBox(_("Gezinsleden (optioneel)"))
        box.setObjectName("newCaseHousehold")
        editor = HouseholdEditor()
        # The form nearly fills a 1366×768 screen: members scroll inside the section
        # (Tab scrolls the field it reaches into view) instead of growing the dialog past
        # the screen (usability round 3 finding 6).
        scroll = QScrollArea()
        scroll.setObjectName("newCaseHouseholdScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(editor)
        room = editor.room_for(HOUSEHOLD_SECTION_MEMBERS)
        scroll.setMinimumWidth(room.width() + scroll.verticalScrollBar().sizeHint().width())
        scroll.setFixedHeight(editor.sizeHint().height())
        QVBoxLayout(box).addWidget(scroll)
        column.addWidget(box)
        self._household_scroll = scroll
        # At the next turn: the dialog's size hint then counts the member just added.
        editor.changed.connect(lambda: QTimer.singleShot(0, self._fit_household))
        return editor

    def _fit_household(self) -> None:
        """The section as tall as its members, up to one whole member and never past
        what the screen leaves the dialog; more scroll inside it."""
        editor, scroll = self.household, self._household_scroll
        if editor is None:
            return
        spare = room_for(self).height() - self.sizeHint().height()
        most = min(
            editor.room_for(HOUSEHOLD_SECTION_MEMBERS).height(), scroll.minimumHeight() + spare
        )
        least = editor.room_for(0).height()
        scroll.setFixedHeight(max(least, min(editor.sizeHint().height(), most)))
