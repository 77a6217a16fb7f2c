"""The forms of the enforcement window: record a violation, a warning, the decision, and
how an imposed fine ended. Each gathers what was typed and hands it to the window, which
runs the use case (``services.handhaving``) and shows a refusal in the form, in words;
nothing is stored until the use case accepts it.

Every field has a label with a buddy, so the mnemonic keeper gives it an Alt+letter; Enter
in a one-line field submits, Escape cancels.

**Nothing moves when a message appears** (usability round 7, finding 8: after a refusal
"Vastgesteld op:" jumped above its field and gaps opened, so a click aimed at a field hit
empty space): a date keeps the room for its own message beneath it
(``ui.reserved_date``), the form's refusal appears below the form, and the room a dialog
gains is taken by a stretch between the form and that line, never by the fields.

**Which text goes into the letter** (usability round 7, finding 7: the warning's note
"Brief gestuurd" was glued into the beschikking): what happened (the violation's
"Wat is er gebeurd") and the reason of the decision are part of the decision's
motivation (Awb art. 3:46), so they go into the letter to the inburgeraar, each as its own
paragraph, and their fields say so (:data:`IN_LETTER`); the warning's note is an internal
note of the consultant and stays out of the letter (:data:`INTERNAL`).

The decision asks for a confirmation that names what will be decided
(``DecideDialog.confirm_text``) whose default button is "Annuleren", as the PIP's does:
a stray Enter never takes a legal decision.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.fines import BESLUIT_AMOUNTS, Overtreding, Verwijtbaarheid
from inburg_desktop.domain.handhaving import MAX_TEXT, Afloop, Handhaving, Voorstel
from inburg_desktop.domain.handhaving import Waarschuwingswijze as Wijze
from inburg_desktop.domain.problem import InputRefused
from inburg_desktop.domain.text import N_
from inburg_desktop.formatting import (
    AFLOOP_LABELS,
    OVERTREDING_LABELS,
    VERWIJTBAARHEID_LABELS,
    WAARSCHUWING_LABELS,
    format_date,
    format_euro,
    reason_text,
)
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.first_field import first_field
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.placeholders import CHOOSE
from inburg_desktop.ui.refusal_clears import clear_refusal_on_edit
from inburg_desktop.ui.reserved_date import TypedField, reserved_date, rows_keep_their_height
from inburg_desktop.ui.reserved_label import ReservedLabel

IN_LETTER = N_("Deze tekst komt in de brief aan de inburgeraar.")
INTERNAL = N_("Interne aantekening: deze tekst komt niet in de brief aan de inburgeraar.")


def _text_box(object_name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(object_name)
    box.setTabChangesFocus(True)  # Tab leaves the box: the form is keyboard first
    box.setFixedHeight(90)
    return box


def _audience_note(text: str, object_name: str) -> QLabel:
    """The line under a text field that says who reads it (:data:`IN_LETTER`,
    :data:`INTERNAL`)."""
    note = QLabel(_(text))
    note.setObjectName(object_name)
    note.setWordWrap(True)
    note.setTextFormat(Qt.TextFormat.PlainText)
    note.setStyleSheet("color:#4b5563")
    return note


class _Form(QDialog):
    """A form with a message line and OK/Cancel; ``submitted`` carries what was typed."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = QFormLayout()
        self.message = MessageLabel()
        self.message.setObjectName("formMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self.ok.setObjectName("formOk")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        # Rows never wrap their label above the field, whatever the style's habit; the
        # labels sit at the top of their row, on the line of the field's text.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addStretch(1)  # room the dialog gains goes here, never into a field
        column.addWidget(self.message)
        column.addWidget(self.buttons)

        # Esc or the title bar's ✕ with something typed asks first (ui.close_guard);
        # "Opslaan" there submits the form as its own button does.
        self.close_guard = CloseGuard(self, self.submit)

    def add_field(self, text: str, field: QWidget) -> QLabel:
        """A form row: ``text`` as the field's label (its buddy, so it gets an
        Alt+letter), a date in its box with the room for its message kept
        (``ui.reserved_date``). Returns the label."""
        label = QLabel(text)
        label.setBuddy(field)
        if isinstance(field, TypedField):
            # on the line of the date's text, not of the box around it
            label.setMinimumHeight(field.edit.sizeHint().height())
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.form.addRow(label, reserved_date(field))
        else:
            self.form.addRow(label, field)
        return label

    def ready(self) -> None:
        """The fields are built and filled: what is shown now counts as nothing typed."""
        self.close_guard.mark_clean()
        clear_refusal_on_edit(self.message, self)  # a corrected field takes the bar away
        rows_keep_their_height(self.form)
        # The keyboard starts in the first field, not on OK (usability round 6 #14).
        self.first_input().setFocus(Qt.FocusReason.OtherFocusReason)

    def first_input(self) -> QWidget:
        """The field the consultant fills first: the form's first (a form may say
        another)."""
        return first_field(self) or self.ok

    def reject(self) -> None:
        if self.close_guard.allows_close():
            super().reject()

    def submit(self) -> None:  # pragma: no cover - every form overrides it
        raise NotImplementedError

    def refused(self, text: str) -> None:
        """The use case refused: say why, keep everything typed."""
        self.message.show_message(text, "error")
        self.ok.setEnabled(True)
        self.close_guard.save_failed()

    def stored(self) -> None:
        """The use case took it: close without asking."""
        self.close_guard.saved()
        self.accept()


class ViolationDialog(_Form):
    """Which obligation was not met, when it was found, what happened, the culpability
    (Besluit art. 7.1 lid 4; only for the Wet art. 23 violations) and whether the bijstand
    was already reduced for it (Wet art. 27)."""

    submitted = Signal(object)  # OvertredingInput

    def __init__(
        self,
        today: date,
        parent: QWidget | None = None,
        intake_cents: int = BESLUIT_AMOUNTS["intake_cents"],
    ) -> None:
        super().__init__(_("Overtreding vastleggen"), _("Vastleggen"), parent)
        # Nothing chosen until the consultant chooses: a preselected obligation was
        # recorded by a hurried Enter (usability round 6 #18).
        self.soort = QComboBox()
        self.soort.setObjectName("soort")
        self.soort.addItem(_(CHOOSE), None)
        for soort, label in OVERTREDING_LABELS.items():
            self.soort.addItem(_(label), soort)
        self.found = DateInput(optional=False)
        self.found.setObjectName("vastgesteldOp")
        self.found.set_value(today)
        self.toelichting = _text_box("toelichting")
        self.culpa = QComboBox()
        self.culpa.setObjectName("verwijtbaarheid")
        self.culpa.addItem(_(CHOOSE), None)
        for value, label in VERWIJTBAARHEID_LABELS.items():
            self.culpa.addItem(_(label), value)
        self.bijstand = QCheckBox(
            _("Bijstand is voor dezelfde gedraging al verlaagd (Wet art. 27)")
        )
        self.bijstand.setObjectName("bijstandVerlaagd")
        # Why Verwijtbaarheid is greyed for the intake fine, beside it (usability round 7,
        # finding 8: greyed "without a word why"); its room is kept, so nothing moves.
        self.culpa_note = ReservedLabel([self._fixed_fine_text(intake_cents)])
        self.culpa_note.setObjectName("verwijtbaarheidNote")
        self.culpa_note.setStyleSheet("color:#4b5563")
        self.add_field(_("&Overtreding:"), self.soort)
        self.add_field(_("Vastgesteld op:"), self.found)
        self.add_field(_("Wat is er gebeurd:"), self.toelichting)
        self.form.addRow("", _audience_note(IN_LETTER, "toelichtingAudience"))
        self.add_field(_("Verwijtbaarheid:"), self.culpa)
        self.form.addRow("", self.culpa_note)
        self.form.addRow("", self.bijstand)
        self.soort.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.ready()

    def kind(self) -> Overtreding | None:
        """The obligation chosen; ``None`` while the placeholder is shown."""
        value = self.soort.currentData()  # Qt hands an enum's data back as its plain value
        return None if value is None else Overtreding(value)

    def culpability(self) -> Verwijtbaarheid | None:
        value = self.culpa.currentData()
        return None if value is None else Verwijtbaarheid(value)

    @staticmethod
    def _fixed_fine_text(intake_cents: int) -> str:
        return _(
            "Geldt niet bij de brede intake: die boete is een vast bedrag van {amount} "
            "(Besluit inburgering 2021 art. 7.1 lid 1); verwijtbaarheid telt alleen bij een "
            "boete op grond van Wet art. 23 (lid 4)."
        ).format(amount=format_euro(intake_cents))

    def _kind_changed(self) -> None:
        soort = self.kind()
        # Lid 4 applies to the art. 23 fine only: the intake fine has no culpability step.
        fixed = soort is not None and soort.artikel_22
        self.culpa.setEnabled(not fixed)
        self.culpa_note.setText(self.culpa_note.texts[0] if fixed else "")

    def submit(self) -> None:
        soort = self.kind()
        if soort is None:
            self.refused(error_text(InputRefused("handhaving_no_obligation")))
            self.soort.setFocus()
            return
        found = self.found.value()
        if found is None:
            self.refused(self.found.problem() or _("Vul de datum in (dd-mm-jjjj)."))
            return
        self.ok.setEnabled(False)
        self.submitted.emit(
            OvertredingInput(
                soort,
                found,
                self.toelichting.toPlainText()[: MAX_TEXT + 1],
                self.culpability(),
                self.bijstand.isChecked(),
            )
        )


class WarningDialog(_Form):
    """The warning given: the day, how, and what was said (optional)."""

    submitted = Signal(object, object, str)  # Wijze, date, text

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(_("Waarschuwing vastleggen"), _("Vastleggen"), parent)
        self.wijze = QComboBox()
        self.wijze.setObjectName("wijze")
        for value, label in WAARSCHUWING_LABELS.items():
            self.wijze.addItem(_(label), value)
        self.op = DateInput(optional=False)
        self.op.setObjectName("gewaarschuwdOp")
        self.op.set_value(today)
        self.toelichting = _text_box("waarschuwingToelichting")
        self.add_field(_("&Hoe:"), self.wijze)
        self.add_field(_("Gewaarschuwd op:"), self.op)
        self.add_field(_("Interne aantekening:"), self.toelichting)
        self.form.addRow("", _audience_note(INTERNAL, "waarschuwingAudience"))
        self.ready()

    def submit(self) -> None:
        op = self.op.value()
        if op is None:
            self.refused(self.op.problem() or _("Vul de datum in (dd-mm-jjjj)."))
            return
        self.ok.setEnabled(False)
        wijze = Wijze(self.wijze.currentData())
        self.submitted.emit(wijze, op, self.toelichting.toPlainText()[: MAX_TEXT + 1])


class EndDialog(_Form):
    """An imposed fine became final (onherroepelijk) or was withdrawn/annulled on a day."""

    submitted = Signal(object, object)  # Afloop, date

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(_("Onherroepelijk of vervallen"), _("Vastleggen"), parent)
        self.status = QComboBox()
        self.status.setObjectName("afloop")
        for value, label in AFLOOP_LABELS.items():
            self.status.addItem(_(label), value)
        self.op = DateInput(optional=False)
        self.op.setObjectName("afloopOp")
        self.op.set_value(today)
        self.add_field(_("Wat:"), self.status)
        self.add_field(_("Op:"), self.op)
        self.ready()

    def submit(self) -> None:
        op = self.op.value()
        if op is None:
            self.refused(self.op.problem() or _("Vul de datum in (dd-mm-jjjj)."))
            return
        self.ok.setEnabled(False)
        status = Afloop(self.status.currentData())
        self.submitted.emit(status, op)


def proposal_lines(proposal: Voorstel) -> list[str]:
    """The proposal's steps in the UI language, each citing its article."""
    return [reason_text(step) for step in proposal.stappen]


class DecideDialog(_Form):
    """The decision on one violation: the proposal with each rule step and its article,
    impose (the proposed amount, or less with a reason) or not (with a reason), the date
    and an optional new term. "Beslissen…" asks for a confirmation that names what will
    be decided; only its own button takes the decision."""

    submitted = Signal(object)  # BesluitInput

    def __init__(
        self,
        record: Handhaving,
        proposal: Voorstel,
        person: str,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Besluiten over de boete"), _("Beslissen…"), parent)
        self.record, self.proposal, self.person = record, proposal, person
        self.steps = QLabel("\n".join(f"• {line}" for line in proposal_lines(proposal)))
        self.steps.setObjectName("proposalSteps")
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.steps.setWordWrap(True)
        self.impose = QRadioButton(
            _("Boete opleggen (voorstel: {amount})").format(
                amount=format_euro(proposal.bedrag_cents)
            )
        )
        self.impose.setObjectName("opleggen")
        self.none = QRadioButton(_("Geen boete opleggen"))
        self.none.setObjectName("geenBoete")
        self.amount = QDoubleSpinBox()
        self.amount.setObjectName("bedrag")
        self.amount.setDecimals(2)
        self.amount.setPrefix("€ ")
        self.amount.setRange(0, proposal.bedrag_cents / 100)
        self.amount.setValue(proposal.bedrag_cents / 100)
        self.reason = _text_box("reden")
        self.day = DateInput(optional=False)
        self.day.setObjectName("dagtekening")
        self.day.set_value(today)
        self.term = DateInput(optional=True)
        self.term.setObjectName("nieuweTermijn")
        self.form.addRow(_("Voorgestelde boete:"), self.steps)
        self.form.addRow("", self.impose)
        self.form.addRow("", self.none)
        self.add_field(_("Bedrag:"), self.amount)
        self.add_field(_("Reden:"), self.reason)
        self.form.addRow("", _audience_note(IN_LETTER, "redenAudience"))
        self.add_field(_("Datum besluit:"), self.day)
        self.add_field(_("Nieuwe termijn t/m:"), self.term)
        self.impose.toggled.connect(self.amount.setEnabled)
        if proposal.bedrag_cents > 0:
            self.impose.setChecked(True)
        else:
            self.none.setChecked(True)
            self.impose.setEnabled(False)
        self.confirm_box: QMessageBox | None = None
        self.ready()

    def first_input(self) -> QWidget:
        """The reason: the amount is proposed; what the consultant types is why."""
        return self.reason

    def given(self) -> BesluitInput | None:
        day = self.day.value()
        if day is None:
            self.refused(self.day.problem() or _("Vul de datum in (dd-mm-jjjj)."))
            return None
        if self.term.problem() is not None:
            self.refused(self.term.problem() or "")
            return None
        cents = round(self.amount.value() * 100) if self.impose.isChecked() else 0
        return BesluitInput(
            self.impose.isChecked(),
            cents,
            self.reason.toPlainText()[: MAX_TEXT + 1],
            day,
            self.term.value(),
        )

    def confirm_text(self, given: BesluitInput) -> str:
        """What the confirmation names: who, what, how much, on which day."""
        what = _(OVERTREDING_LABELS[self.record.overtreding.soort])
        found = format_date(self.record.overtreding.vastgesteld_op, style="long")
        if given.opleggen:
            head = _("U legt {person} een boete op van {amount}.").format(
                person=self.person, amount=format_euro(given.bedrag_cents)
            )
        else:
            head = _("U besluit {person} geen boete op te leggen.").format(person=self.person)
        lines = [head]
        if self.record.waarschuwing is None:
            # not refused (the law names no warning before every fine), but said
            lines.append(_("Let op: er is geen waarschuwing vastgelegd."))
        return "\n".join(
            [
                *lines,
                _("Overtreding: {what}, vastgesteld op {day}.").format(what=what, day=found),
                _("Datum besluit: {day}.").format(day=format_date(given.dagtekening, style="long")),
                _("Dit is een besluit (beschikking) waartegen bezwaar mogelijk is; het wordt "
                  "vastgelegd met uw naam en het tijdstip."),
            ]
        )  # fmt: skip

    def submit(self) -> None:
        given = self.given()
        if given is None:
            return
        box = QMessageBox(self)
        box.setObjectName("confirmDecision")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Besluit nemen?"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.confirm_text(given))
        decide = box.addButton(_("&Besluit nemen"), QMessageBox.ButtonRole.AcceptRole)
        decide.setObjectName("confirmDecide")
        cancel = box.addButton(_("&Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # Enter never takes a legal decision
        box.setEscapeButton(cancel)

        def answered() -> None:
            if box.clickedButton() is decide:
                self.ok.setEnabled(False)
                self.submitted.emit(given)

        box.finished.connect(lambda _result: answered())
        self.confirm_box = box
        box.open()
