""" "Nieuw dossier" and "Persoonsgegevens corrigeren": the handover's fields typed by the
consultant, checked exactly as an imported handover file (``services.case_by_hand``),
a refused value shown at its field with the keyboard put there; nothing is stored then.

Keyboard first: the first field has the focus, Tab walks the fields in order, Enter saves
(the default button), Esc cancels (asking first when something was typed: ``ui.close_guard``).
A searchable choice takes typed text when it names one entry (``ui.language_picker``); a
V-nummer or BSN is read as a letter prints it (``domain.typed_identifier``).

Usability round 4 (finding 15): a message stands under its field, in the field's column,
in a place kept for it (the labels and fields never move); the notice above the buttons
goes as soon as what it reported is put right; a member added is scrolled into view
(``ui.household_editor``); with one language ticked, that language is the Voorkeurstaal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.case import Doelgroep
from inburg_desktop.domain.choice_search import Choice
from inburg_desktop.domain.typed_identifier import typed_bsn, typed_v_nummer
from inburg_desktop.formatting import doelgroep_label, reason_text, residence_labels
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.services import case_by_hand as service
from inburg_desktop.services.errors import VaultError
from inburg_desktop.services.gemeenten import GemeenteGeweigerd, consultant_gemeenten
from inburg_desktop.services.household import HouseholdRefused
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.case_gone import CaseGoneGuard
from inburg_desktop.ui.close_guard import (
    NOT_SAVED,
    CloseGuard,
    FieldValue,
    field_label,
    field_values,
)
from inburg_desktop.ui.date_input import DateInput, date_problem
from inburg_desktop.ui.household_editor import HouseholdEditor
from inburg_desktop.ui.language_picker import LanguageList, SearchableCombo, country_choices
from inburg_desktop.ui.message_label import MessageSlot
from inburg_desktop.ui.notice_bar import NoticeBar
from inburg_desktop.ui.placeholders import CHOOSE
from inburg_desktop.ui.tasks import TaskGroup
from inburg_desktop.ui.vault_messages import unlock_message
from inburg_desktop.ui.window_size import room_for


def not_saved_text() -> str:
    """What to do while a field refuses (each says why at the field); the notice puts it
    in the form's terms (``NewCaseDialog._not_saved``)."""
    return _("verbeter wat bij de velden staat.")


def no_language_ticked_text() -> str:
    """Voorkeurstaal's empty entry while no language is ticked."""
    return _("— vink eerst talen aan bij Talen —")


def sentence(problem: str) -> str:
    """A rule's reason as a message line: "moet tien cijfers zijn" -> "Moet tien cijfers
    zijn." (the field's name stands right above it)."""
    text = problem.strip().rstrip(".")
    return f"{text[:1].upper()}{text[1:]}." if text else ""


def typed_identifier(key: str, text: str) -> str:
    """A V-nummer or BSN as typed, read as its digits (``domain.typed_identifier``)."""
    return typed_v_nummer(text) if key == "person.v_nummer" else typed_bsn(text)


def field_labels() -> dict[str, str]:
    """The form's label of each handover field key.

    Letters at a word's start where the alphabet allows: the permit date has the "s" of
    "sinds" here as in Dossiergegevens (usability round 7 finding 10: its "e" went
    unseen, and the consultant took the field to have none)."""
    return {
        "person.given_names": _("&Voornamen"),
        "person.family_name": _("&Achternaam"),
        "person.date_of_birth": _("&Geboortedatum"),
        "person.nationality": _("&Nationaliteit"),
        "person.languages": _("&Talen"),
        "person.preferred_language": _("Voo&rkeurstaal"),
        "gemeente": _("Gem&eente"),
        "doelgroep": _("&Doelgroep"),
        "person.v_nummer": _("V-nu&mmer"),
        "person.bsn": _("&BSN"),
        "person.residence_basis": _("Verblij&fsgrond"),
        "person.permit_since": _("Verblijfsvergunning &sinds"),
        "dates.brp_registration": _("&Inschrijving BRP"),
        "dates.koppeling": _("&Koppeling aan gemeente"),
        "dates.duo_kennisgeving": _("Kennisgeving van D&UO"),
        "dates.bijstand_start": _("Bi&jstand sinds"),
    }


MESSAGE_LINES = 2
"""Lines kept under each field for its message: a message of up to these lines never
moves the rows below; a longer one pushes them down rather than being cut off."""

SECTION_WIDTH = 520
"""The width a section gets when the screen has room (px): its messages fit one line."""
SECTION_MIN_WIDTH = 420
"""Narrower, the form scrolls sideways rather than squeezing the fields (px)."""

PERSON_SECTION = (
    "person.given_names",
    "person.family_name",
    "person.date_of_birth",
    "person.nationality",
    "person.languages",
    "person.preferred_language",
    "person.v_nummer",
    "person.bsn",
)
"""The person's fields (the form's first section); the rest make the case section."""

IDENTIFIER_FIELDS = ("person.v_nummer", "person.bsn")
"""Fields holding a number copied from a letter: shown in their stored form on leaving."""

GEMEENTE = "gemeente"
"""The case's gemeente (``services.gemeenten``): a choice when the consultant works for
several, shown read-only for one, its row hidden when the office published none (and in a
correction of personal data: the gemeente is corrected in Dossiergegevens)."""

_LOCKED_IN_CORRECTION = (
    "doelgroep",
    "dates.brp_registration",
    "dates.koppeling",
    "dates.duo_kennisgeving",
    "dates.bijstand_start",
    "person.residence_basis",
    "person.permit_since",
)


class NewCaseDialog(QDialog):
    """A new case (``case_id`` None) or a correction of an existing case's personal
    data. ``saved(case_id)`` after the vault stored it.

    Layout (usability round 3 finding 6): the fields stand in sections (a ``QFormLayout``
    each, side by side: the person, the case; a later section is one more entry of
    :attr:`sections`) inside a scroll area, and the dialog is never taller or wider than
    the screen's available geometry. Each field has a message line of its own under it,
    kept free while empty, so a message never moves the fields under the pointer.
    Closing with typed data asks first (``ui.close_guard``), like every editing window.
    """

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
        self.gemeenten = consultant_gemeenten(vault)
        self.setWindowTitle(
            _("Nieuw dossier") if case_id is None else _("Persoonsgegevens corrigeren")
        )
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._showing_stored = False  # True while a stored case's values are filled in
        self.sections: list[QFormLayout] = []
        content = QWidget()
        content.setObjectName("newCaseFields")
        content_column = QVBoxLayout(content)
        self.section_row = QHBoxLayout()
        content_column.addLayout(self.section_row)
        labels = field_labels()
        for keys in (PERSON_SECTION, tuple(k for k in labels if k not in PERSON_SECTION)):
            section = QWidget()
            form = QFormLayout(section)
            form.setContentsMargins(0, 0, 0, 0)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for key in keys:
                self._add_field(form, key, labels[key])
            # Equal halves whatever the messages say: a message never shifts a column.
            policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            policy.setHorizontalStretch(1)
            section.setSizePolicy(policy)
            section.setMinimumWidth(SECTION_MIN_WIDTH)
            self.section_row.addWidget(section, 1, Qt.AlignmentFlag.AlignTop)
            self.sections.append(form)
            if GEMEENTE in keys:
                self._fit_gemeente(form)
        # The household members of a new case: a section of its own under the two (a
        # correction is of personal data; members are edited in Dossiergegevens).
        self.household: HouseholdEditor | None = None
        if case_id is None:
            self.household = self._household_section(content_column)
        self.area = QScrollArea()
        self.area.setObjectName("newCaseScroll")
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        # Always there: a bar that came and went would move every field sideways.
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.area.setWidget(content)
        column = QVBoxLayout(self)
        column.addWidget(self.area, 1)
        self.notice = NoticeBar(self, closable=False)
        # Its place is kept while it is hidden: a message never moves the fields.
        policy = self.notice.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.notice.setSizePolicy(policy)
        self.notice.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 12)
        column.addWidget(self.notice)
        # What the notice reported, asked again after every edit: it goes with its cause.
        self._notice_cause: Callable[[], bool] | None = None
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
        self.open_existing_button.clicked.connect(self._open_existing)
        buttons.addButton(self.open_existing_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_existing_button.setEnabled(False)
        self.open_existing_button.hide()  # shown when a V-nummer is taken
        self._existing: str | None = None
        column.addWidget(buttons)
        languages = self.fields["person.languages"]
        assert isinstance(languages, LanguageList)
        languages.changed.connect(self._offer_ticked_languages)
        self._offer_ticked_languages()
        if self.loaded is not None:
            self._showing_stored = True
            self._show(service.form_of(self.loaded))
            self._showing_stored = False
            for key in _LOCKED_IN_CORRECTION:
                self.fields[key].setEnabled(False)  # not personal data: Dossiergegevens
        # The language search box is a way to find a language, not data: not asked about.
        languages.filter.setProperty(NOT_SAVED, True)
        # Every field, and the ticked languages (list items are no widgets of their own).
        self.close_guard = CloseGuard(
            self,
            self.save,
            state=lambda: (
                field_values(self)
                | {"languages": FieldValue(field_label(languages, self), languages.codes())}
            ),
        )
        self.close_guard.mark_clean()
        if case_id is not None:
            # A sync started from another window (the intake's Ctrl+Shift+S) can take
            # the case off this laptop while its correction is open: close it with the
            # case's one message instead of taking typing that can never be saved.
            loaded = self.loaded
            self.case_gone = CaseGoneGuard(
                self,
                vault,
                case_id,
                # what is typed and not saved is set aside and listed (attack round 8 #7)
                unsaved=self._unsaved_correction,
                label=lambda: "" if loaded is None else loaded.case.person.display_name,
            )
            self.case_gone.closed.connect(lambda _text: self.close_guard.release())
        self.fields["person.given_names"].setFocus()

    def _fit_gemeente(self, form: QFormLayout) -> None:
        """The Gemeente row as the consultant's gemeenten ask (see :data:`GEMEENTE`)."""
        combo = self._combo(GEMEENTE)
        keuze = self.gemeenten
        # Filled while the form is still being built: no field's message to clear yet.
        blocker = QSignalBlocker(combo)
        for gemeente in sorted(keuze.eigen, key=lambda g: g.naam.casefold()):
            combo.addItem(keuze.label(gemeente.code), gemeente.code)
        if keuze.kiezen:
            combo.insertItem(0, _(CHOOSE), "")
            combo.setCurrentIndex(0)
        else:
            combo.setEnabled(False)  # one gemeente: shown, nothing to choose
        blocker.unblock()
        if not keuze.eigen or self.case_id is not None:
            form.setRowVisible(combo, False)
            slot = self.errors[GEMEENTE].parentWidget()
            if slot is not None:
                form.setRowVisible(slot, False)

    def gemeente_code(self) -> str | None:
        """The code of the gemeente chosen or shown (``None``: none shown, or none chosen
        yet among several)."""
        combo = self._combo(GEMEENTE)
        if not self.gemeenten.eigen or self.case_id is not None:
            return None
        return str(combo.currentData() or "") or None

    def _unsaved_correction(self) -> dict[str, object]:
        """The personal data typed in a correction and not saved, as typed (field key ->
        value; empty when nothing is unsaved)."""
        if self.loaded is None or not self.close_guard.has_changes:
            return {}
        return dict(service.typed_correction(self.form(), self.loaded))

    def _add_field(self, form: QFormLayout, key: str, text: str) -> None:
        widget = self._editor(key)
        widget.setObjectName(key)
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)
        if isinstance(widget, DateInput):
            # The date field's own message line moves into the slot under the field: it
            # says what it says about the typed date there, in the slot's fixed place.
            error: QLabel = widget.message
            widget.changed.connect(lambda: self._slot_changed(key))
        else:
            error = QLabel()
            error.setTextFormat(Qt.TextFormat.PlainText)
            error.setWordWrap(True)
            error.setStyleSheet("color:#b91c1c")
            error.hide()
        error.setObjectName(f"error:{key}")
        # A message wraps within the column (its length never widens the form), and its
        # place is kept while it is hidden, at its width: the line it needs is known
        # before it shows.
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setRetainSizeWhenHidden(True)
        error.setSizePolicy(policy)
        # Under the field, in its column (spanning the row, it stood under the label, as
        # if the label had dropped below its field), with the lines kept for it whether a
        # message shows or not: nothing moves when a short one comes or goes. A longer
        # message grows the slot and pushes the rows below down (usability round 6
        # finding 20: a fixed slot cut off the six-digit date hint's last line).
        slot = MessageSlot(error, MESSAGE_LINES)
        slot.setObjectName(f"slot:{key}")
        row = form.rowCount()
        form.setWidget(row, QFormLayout.ItemRole.FieldRole, slot)
        self.fields[key], self.errors[key] = widget, error
        if isinstance(widget, SearchableCombo):
            widget.problem_changed.connect(lambda problem: self._say_at(key, problem))
            widget.currentIndexChanged.connect(lambda _index: self._recheck_notice())
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: self._say_at(key, ""))
            if key in IDENTIFIER_FIELDS:
                widget.editingFinished.connect(lambda: self._tidy_identifier(key))
        elif isinstance(widget, LanguageList):
            widget.changed.connect(lambda: self._say_at(key, ""))
            # Its own height, always: squeezed or stretched, it moved the rows below.
            widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(lambda _index: self._say_at(key, ""))

    def reject(self) -> None:
        """Esc, Annuleren, Alt+F4 and the title bar's ✕ ask first when something typed
        is not saved (usability round 3 finding 4)."""
        if self.close_guard.allows_close():
            super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """As large as the fields need, never larger than the room the screen leaves a
        window (``ui.window_size.room_for``: available geometry less the frame); the
        scroll area takes the rest."""
        room = room_for(self)
        content = self.area.widget()
        assert content is not None
        bar = self.area.verticalScrollBar().sizeHint().width()
        wanted_width = len(self.sections) * (SECTION_WIDTH + 12) + bar + 24
        chrome = self.sizeHint().height() - self.area.sizeHint().height()
        wanted_height = content.sizeHint().height() + chrome + 2 * self.area.frameWidth()
        self.setMaximumSize(room.size())
        width = min(max(wanted_width, self.width()), room.width())
        height = min(wanted_height, room.height())
        self.resize(width, height)
        self.move(
            min(max(self.x(), room.left()), room.right() - width + 1),
            min(max(self.y(), room.top()), room.bottom() - height + 1),
        )

    def _editor(self, key: str) -> QWidget:
        if key == "person.nationality":
            return SearchableCombo(country_choices(), _(CHOOSE), remake=country_choices)
        if key == "person.languages":
            return LanguageList()
        if key == "person.preferred_language":
            return SearchableCombo([], no_language_ticked_text())
        if key == "person.residence_basis":
            labels = residence_labels()
            return SearchableCombo(
                (Choice(basis.value, labels[basis]) for basis in labels),
                _("— onbekend —"),
                with_code=False,
            )
        if key == GEMEENTE:
            return QComboBox()
        if key == "doelgroep":
            combo = QComboBox()
            for value in Doelgroep:
                combo.addItem(doelgroep_label(value.value), value.value)
            return combo
        if key.startswith("dates.") or key in ("person.date_of_birth", "person.permit_since"):
            required = key in ("dates.brp_registration", "person.date_of_birth")
            return DateInput(optional=not required)
        return QLineEdit()

    def retranslate(self) -> None:
        """The UI language changed (the lists named their languages and countries anew,
        ``ui.retranslate``): Voorkeurstaal offers the ticked languages by their new names."""
        self._offer_ticked_languages()

    def _offer_ticked_languages(self) -> None:
        """Voorkeurstaal offers the ticked languages only (and says so when none is)."""
        languages = self.fields["person.languages"]
        assert isinstance(languages, LanguageList)
        offered = languages.ticked_choices()
        preferred = self._search("person.preferred_language")
        kept = preferred.code()
        # a stored preference outside the stored languages is shown, not dropped
        if (
            kept
            and kept not in {choice.code for choice in offered}
            and self.loaded is not None
            and kept == self.loaded.case.person.preferred_language
        ):
            offered.append(languages.choices.get(kept) or Choice(kept, kept))
        preferred.set_choices(offered, _("— geen —") if offered else no_language_ticked_text())
        if (
            len(offered) == 1
            and not preferred.code()
            and not preferred.problem()
            and not self._showing_stored  # a stored case shows as it is stored
        ):
            # One language spoken: that is the one to speak with (usability round 4, 15:
            # it said "— geen —" with exactly one ticked).
            preferred.set_code(offered[0].code)

    def _say_at(self, key: str, problem: str) -> None:
        """Show ``problem`` in the message line of field ``key`` ("" clears it); the
        notice goes when what it reported is put right (:meth:`_recheck_notice`)."""
        error = self.errors[key]
        field = self.fields[key]
        if isinstance(field, DateInput):
            if problem and not field.text().strip():
                # an empty required date: the field itself says nothing until typed into
                error.setText(problem)
                error.show()
            else:
                field.show_refusal(problem or None)
        else:
            error.setText(problem)
            error.setVisible(bool(problem))
        if not problem:
            self._recheck_notice()

    def _field_messages(self) -> list[str]:
        """The keys of the fields whose message line says something now."""
        return [key for key, error in self.errors.items() if not error.isHidden() and error.text()]

    def _say_not_saved(self, problem: str, cause: Callable[[], bool]) -> None:
        """The notice that nothing was stored, kept while ``cause()`` still holds."""
        self.notice.show_message(self._not_saved(problem), "error")
        self._notice_cause = cause

    def _recheck_notice(self) -> None:
        """Take the notice away once what it reported is gone (usability round 4, 15:
        "verbeter wat bij de velden staat" stayed after every field was put right)."""
        if self._notice_cause is not None and not self._notice_cause():
            self._notice_cause = None
            self.notice.hide()

    def _slot_changed(self, key: str) -> None:
        """A date field was edited: its own check speaks again (an old refusal goes)."""
        self._say_at(key, "")

    def _tidy_identifier(self, key: str) -> None:
        """Show a V-nummer or BSN as it will be stored once it reads as one ("V 123.456.7890"
        becomes "1234567890"); text that does not is left as typed, for its message."""
        line = self._line(key)
        tidy = typed_identifier(key, line.text())
        if tidy != line.text() and tidy.isdigit():
            line.setText(tidy)

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
        """Say at the field what is wrong with it, and put the keyboard there; the
        notice above the buttons says that nothing was saved."""
        self._hide_existing()
        field = key if key in self.fields else key.split("[")[0]
        if field not in self.fields:  # a rule about the file as a whole
            # Said of no field: it stays until the next Save asks again.
            self._say_not_saved(problem, lambda: True)
            return
        self._say_at(field, sentence(problem))
        self._say_not_saved(not_saved_text(), lambda: bool(self._field_messages()))
        widget = self.fields[field]
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.area.ensureWidgetVisible(widget)

    def _hide_existing(self) -> None:
        self._existing = None
        self.open_existing_button.setEnabled(False)
        self.open_existing_button.hide()

    def field_problems(self) -> dict[str, str]:
        """What the fields themselves refuse before the form is checked: a date that is
        missing, half typed or impossible, a typed choice that is none."""
        problems: dict[str, str] = {}
        for key, widget in self.fields.items():
            if not widget.isEnabled():
                continue
            if isinstance(widget, SearchableCombo):
                widget.settle()
            problem = widget.problem() if isinstance(widget, DateInput | SearchableCombo) else None
            if problem:
                problems[key] = problem
        return problems

    def _not_saved(self, problem: str) -> str:
        """A refusal of the form as a whole, in the form's terms (:meth:`_unsaved`)."""
        if self.loaded is None:
            return _("Het dossier is nog niet aangemaakt: {problem}").format(problem=problem)
        return _("De correctie is nog niet opgeslagen: {problem}").format(problem=problem)

    def save(self) -> None:
        # Every field's own refusal is said at once, each at its field; the keyboard
        # goes to the first.
        problems = self.field_problems()
        for key, refusal in problems.items():
            self._say_at(key, refusal)
        if problems:
            self._hide_existing()
            self._say_not_saved(not_saved_text(), lambda: bool(self._field_messages()))
            first = self.fields[next(iter(problems))]
            first.setFocus(Qt.FocusReason.OtherFocusReason)
            self.area.ensureWidgetVisible(first)
            self.close_guard.save_failed()
            return
        problem = date_problem(self)
        if problem is not None:
            self._say_not_saved(problem, lambda: date_problem(self) is not None)
            self.close_guard.save_failed()
            return
        self._notice_cause = None
        self.notice.hide()
        form, vault = self.form(), self.vault
        members = [] if self.household is None else self.household.members()
        self.save_button.setEnabled(False)
        if self.loaded is None:
            gemeente = self.gemeente_code()
            self.tasks.run(
                lambda _t: service.add_case(vault, form, members, gemeente=gemeente),
                self._added,
                self._failed,
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
        self.close_guard.saved()  # stored: closing loses nothing
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
            self.close_guard.save_failed()
            return
        self.close_guard.saved()  # stored: closing loses nothing
        # Open windows of this case (the intake, the PIP editor) show the new data.
        case_events().case_changed.emit(self.loaded.case.id)
        self.saved.emit(self.loaded.case.id)
        self.accept()

    def _open_existing(self) -> None:
        if self._existing is not None:
            self.open_existing.emit(self._existing)
            # Chosen instead of this entry: what was typed duplicates that case.
            self.close_guard.release()
            self.reject()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.close_guard.save_failed()
        if self.case_id is not None and CaseGoneGuard.is_gone(exc):
            self.case_gone.gone()
            return
        if isinstance(exc, service.VNummerInGebruik):
            self.show_problem("person.v_nummer", error_text(exc))
            self._existing = exc.case_id
            self.open_existing_button.setEnabled(True)
            self.open_existing_button.show()
        elif isinstance(exc, HouseholdRefused) and self.household is not None:
            self.notice.show_message(error_text(exc), "error")
            self.household.show_refusal(exc, focus=True)
            household = self.household
            self._notice_cause = lambda: household.refused is not None
        elif isinstance(exc, GemeenteGeweigerd):
            self.show_problem(GEMEENTE, error_text(exc))
        elif isinstance(exc, service.HandoverError):
            self.show_problem(exc.key, reason_text(exc.reason))
        elif isinstance(exc, VaultError):
            self.notice.show_message(unlock_message(exc), "error")
            self._notice_cause = None  # not the form's: stays until the next Save
        else:
            raise exc

    def _household_section(self, column: QVBoxLayout) -> HouseholdEditor:
        """The optional household members of a new case (``ui.household_editor``).

        The members stand in the dialog's one scroll area, growing the form: a scroll
        area of their own inside the scrolling form (usability round 3 finding 6) showed
        two scroll bars one inside the other and half of a new member below the inner
        one's fold (usability round 7 finding 10)."""
        box = QGroupBox(_("Gezinsleden (optioneel)"))
        box.setObjectName("newCaseHousehold")
        editor = HouseholdEditor()
        QVBoxLayout(box).addWidget(editor)
        column.addWidget(box)
        # A refusal said at a member is asked again at every edit of the members: it goes
        # (and the notice with it) when the member is put right.
        editor.changed.connect(self._household_edited)
        return editor

    def _household_edited(self) -> None:
        editor = self.household
        if editor is not None and editor.refused is not None:
            own = self._line("person.v_nummer").text().strip() or None
            editor.check(date.today(), own_v_nummer=own)
        self._recheck_notice()
