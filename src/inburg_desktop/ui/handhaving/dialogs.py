"""The forms of the enforcement window: record a violation, a warning, the decision, and
how an imposed fine ended. Each gathers what was typed and hands it to the window, which
runs the use case (``services.handhaving``) and shows a refusal in the form, in words;
nothing is stored until the use case accepts it.

Every field has a label with a buddy, so the mnemonic keeper gives it an Alt+letter; Enter
in a one-line field submits, Escape cancels.

**Nothing moves when a message appears** (usability round 7, finding 8: after a refusal
"Vastgesteld op:" jumped above its field and gaps opened, so a click aimed at a field hit
empty space), and **no room is kept empty between the fields** (usability round 9,
finding 19: the three lines kept under every date, and the note kept under
Verwijtbaarheid, showed as empty bands, as if a hint were missing). So every message
appears below the form: a date's own problem ("Geen volledige datum: …") on the line
under the form, named by its field (``TypedField.said_elsewhere``), the form's refusal
below that, named by the field it is about and with the keyboard put there; the room a
dialog gains is taken by a stretch between the form and those lines, never by the
fields. A note that belongs to a field is always shown, so it never comes or goes.

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
from inburg_desktop.domain.handhaving import (
    MAX_TEXT,
    Afloop,
    Handhaving,
    HandhavingInvalid,
    RecordInconsistent,
    Voorstel,
    bezwaar_last_day,
    final_from,
)
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
from inburg_desktop.messages import error_text, field_refusal
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.field_problems import FieldProblems
from inburg_desktop.ui.first_field import first_field
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.placeholders import CHOOSE
from inburg_desktop.ui.refusal_clears import clear_refusal_on_edit
from inburg_desktop.ui.reserved_date import TypedField, rows_keep_their_height
from inburg_desktop.ui.reserved_label import ReservedLabel

DATE_RULES = ("date_after_today", "date_before_brp")
"""The rules of a record (``domain.handhaving``) that are the problem of the date of the
step being recorded: a form names that date when one of them refuses it."""
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
    # as tall as its text at the width it gets, no taller: a wrapped label's own size
    # hint counts more lines than it shows, and the rest was an empty band (usability
    # round 9, finding 19)
    note = ReservedLabel([_(text)])
    note.setText(_(text))
    note.setObjectName(object_name)
    note.setStyleSheet("color:#4b5563")
    return note


class _Form(QDialog):
    """A form with a message line and OK/Cancel; ``submitted`` carries what was typed.

    A field added with a ``key`` (the use case's name of it: a refusal's ``field``) and
    ``rules`` (the codes of :data:`~inburg_desktop.domain.handhaving.RECORD_RULES` that
    are this field's problem) has its refusals said with its label and gets the keyboard
    (:meth:`refusal`)."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.form = QFormLayout()
        self.message = MessageLabel()
        self.message.setObjectName("formMessage")
        # the date fields' own problems, each named by its field (module docstring)
        self.field_problems = FieldProblems()
        self.keyed: dict[str, tuple[QWidget, str]] = {}  # use case's field name → field
        self.rule_fields: dict[str, tuple[QWidget, str]] = {}  # rule code → field
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
        column.addWidget(self.field_problems)
        column.addWidget(self.message)
        column.addWidget(self.buttons)

        # Esc or the title bar's ✕ with something typed asks first (ui.close_guard);
        # "Opslaan" there submits the form as its own button does; every form here records
        # a step of enforcement, so Enter in that question goes back to the form.
        self.close_guard = CloseGuard(self, self.submit, decision=True)

    def add_field(
        self, text: str, field: QWidget, key: str = "", rules: tuple[str, ...] = ()
    ) -> QLabel:
        """A form row: ``text`` as the field's label (its buddy, so it gets an
        Alt+letter); a date says its problem below the form, named by ``text``.
        ``key``, ``rules``: what refusals are this field's (class docstring). Returns the
        label."""
        label = QLabel(text)
        label.setBuddy(field)
        named = (field, text)
        if key:
            self.keyed[key] = named
        self.rule_fields.update(dict.fromkeys(rules, named))
        if isinstance(field, TypedField):
            # on the line of the date's text, not of the box around it
            label.setMinimumHeight(field.edit.sizeHint().height())
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.field_problems.watch(field, text)
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

    def refused_at(self, field: QWidget, label: str, text: str) -> None:
        """A refusal that is one field's problem: said with the field's label, and the
        keyboard put in the field."""
        self.refused(field_refusal(label, text))
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def date_refused(self, field: DateInput) -> None:
        """A date that is no date (or none where one is needed): said with its label."""
        label = self.form.labelForField(field)
        text = label.text() if isinstance(label, QLabel) else ""
        self.refused_at(field, text, field.problem() or _("Vul de datum in (dd-mm-jjjj)."))

    def refusal(self, exc: BaseException) -> None:
        """The use case refused with ``exc``: at its field when it names one of this
        form's (a refusal's ``field``; a rule of the record that is one field's problem,
        never worded as the violation "as a whole": usability round 9, finding 10), else
        in the form's words."""
        if isinstance(exc, RecordInconsistent):
            named = self.rule_fields.get(exc.rule.code) if exc.this_record else None
            if named is not None:
                self.refused_at(*named, self.rule_text(exc))
                return
        elif isinstance(exc, HandhavingInvalid):
            named = self.keyed.get(str(exc.params.get("field", "")))
            if named is not None:
                self.refused_at(*named, error_text(exc))
                return
        self.refused(error_text(exc))

    def rule_text(self, exc: RecordInconsistent) -> str:
        """What a broken rule that is one field's problem says (after the field's label):
        the rule with its article, and that nothing was recorded."""
        why = reason_text(exc.reasons[0])
        return error_text(HandhavingInvalid("handhaving_step_refused", reason=why))

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
        # finding 8: greyed "without a word why"). Always shown, as the rule it is: a note
        # that came with the intake kinds kept its room empty otherwise, an empty band
        # (usability round 9, finding 19).
        self.culpa_note = _audience_note(self._fixed_fine_text(intake_cents), "verwijtbaarheidNote")
        self.add_field(_("&Overtreding:"), self.soort)
        self.found_label = self.add_field(
            _("Vastgesteld op:"), self.found, "vastgesteld_op", DATE_RULES
        )
        self.add_field(_("Wat is er gebeurd:"), self.toelichting, "toelichting")
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
            "Verwijtbaarheid telt alleen bij een boete op grond van Wet art. 23 (Besluit "
            "inburgering 2021 art. 7.1 lid 4). Bij de brede intake is de boete een vast "
            "bedrag van {amount} (art. 7.1 lid 1)."
        ).format(amount=format_euro(intake_cents))

    def _kind_changed(self) -> None:
        soort = self.kind()
        # Lid 4 applies to the art. 23 fine only: the intake fine has no culpability step.
        fixed = soort is not None and soort.artikel_22
        self.culpa.setEnabled(not fixed)

    def submit(self) -> None:
        soort = self.kind()
        if soort is None:
            self.refused(error_text(InputRefused("handhaving_no_obligation")))
            self.soort.setFocus()
            return
        found = self.found.value()
        if found is None:
            self.date_refused(self.found)
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
        self.add_field(
            _("Gewaarschuwd op:"), self.op, "op", (*DATE_RULES, "warning_after_decision")
        )
        self.add_field(_("Interne aantekening:"), self.toelichting, "toelichting")
        self.form.addRow("", _audience_note(INTERNAL, "waarschuwingAudience"))
        self.ready()

    def submit(self) -> None:
        op = self.op.value()
        if op is None:
            self.date_refused(self.op)
            return
        self.ok.setEnabled(False)
        wijze = Wijze(self.wijze.currentData())
        self.submitted.emit(wijze, op, self.toelichting.toPlainText()[: MAX_TEXT + 1])


class EndDialog(_Form):
    """An imposed fine became final (onherroepelijk) or was withdrawn/annulled on a day.

    ``decided``: the decision's date. A fine is final at the earliest the day after its
    objection period (``domain.handhaving.final_from``, Awb art. 6:7 and 6:8): the form
    says that day under the date, fills it in for "Onherroepelijk" (today for
    "Vervallen"), and refuses an earlier or a future day at the date, naming the first
    allowed day (usability round 9, finding 10: it offered the decision's own day, which
    was always refused, in words that blamed the whole violation)."""

    submitted = Signal(object, object)  # Afloop, date

    def __init__(self, today: date, decided: date, parent: QWidget | None = None) -> None:
        super().__init__(_("Onherroepelijk of vervallen"), _("Vastleggen"), parent)
        self.today, self.first_final = today, final_from(decided)
        self.last_objection = bezwaar_last_day(decided)
        self.status = QComboBox()
        self.status.setObjectName("afloop")
        for value, label in AFLOOP_LABELS.items():
            self.status.addItem(_(label), value)
        self.op = DateInput(optional=False)
        self.op.setObjectName("afloopOp")
        self.op.set_value(self.prefill())
        self.add_field(_("Wat:"), self.status)
        self.op_label = self.add_field(
            _("Op:"),
            self.op,
            "op",
            (*DATE_RULES, "end_before_decision", "final_in_objection_period"),
        )
        self.form.addRow(
            "",
            _audience_note(
                _(
                    "Onherroepelijk op zijn vroegst op {first}: tot en met {last} kan er "
                    "bezwaar worden gemaakt (Awb art. 6:7 en 6:8)."
                ).format(
                    first=format_date(self.first_final, style="long"),
                    last=format_date(self.last_objection, style="long"),
                ),
                "finalFrom",
            ),
        )
        self.status.currentIndexChanged.connect(self._status_changed)
        self.ready()

    def chosen(self) -> Afloop:
        return Afloop(self.status.currentData())

    def prefill(self) -> date:
        """The day the form offers for the status chosen: the first day the fine can be
        final, or today for a withdrawal or annulment."""
        return self.first_final if self.chosen() is Afloop.ONHERROEPELIJK else self.today

    def _status_changed(self) -> None:
        # the offered day follows the status while the consultant has not typed one
        offered = {self.first_final, self.today}
        if self.op.value() in offered:
            self.op.set_value(self.prefill())

    def rule_text(self, exc: RecordInconsistent) -> str:
        if exc.rule.code == "final_in_objection_period":
            return self._final_from_text()
        return super().rule_text(exc)

    def _final_from_text(self) -> str:
        first, last = (
            format_date(self.first_final, style="long"),
            format_date(self.last_objection, style="long"),
        )
        return error_text(HandhavingInvalid("handhaving_final_from", first=first, last=last))

    def submit(self) -> None:
        op = self.op.value()
        if op is None:
            self.date_refused(self.op)
            return
        status = self.chosen()
        label = self.op_label.text()
        if status is Afloop.ONHERROEPELIJK and op < self.first_final:
            self.refused_at(self.op, label, self._final_from_text())
            return
        if status is Afloop.ONHERROEPELIJK and op > self.today and self.first_final > self.today:
            first = format_date(self.first_final, style="long")
            text = error_text(HandhavingInvalid("handhaving_final_not_yet", first=first))
            self.refused_at(self.op, label, text)
            return
        self.ok.setEnabled(False)
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
        self.add_field(
            _("Bedrag:"), self.amount, "bedrag_cents", ("decision_above_proposal", "decision_zero")
        )
        self.add_field(_("Reden:"), self.reason, "reden")
        self.form.addRow("", _audience_note(IN_LETTER, "redenAudience"))
        self.add_field(
            _("Datum besluit:"),
            self.day,
            "dagtekening",
            (*DATE_RULES, "decision_before_violation", "warning_after_decision"),
        )
        self.add_field(
            _("Nieuwe termijn t/m:"),
            self.term,
            "nieuwe_termijn_tot",
            ("term_before_decision", "intake_term_too_long", "term_after_termijn",
             "term_beyond_law"),
        )  # fmt: skip
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
            self.date_refused(self.day)
            return None
        if self.term.problem() is not None:
            self.date_refused(self.term)
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
