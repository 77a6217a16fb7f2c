"""The enforcement window of one case (handhaving; Wet inburgering 2021 art. 22, 23, 27,
Besluit inburgering 2021 art. 7.1): the case's violations, and per violation its steps,
the proposed fine with every rule step and its article, and what can be done next.

Keyboard first: the list has the keyboard when the window opens; Ctrl+N records a
violation, and every action is a button with an Alt+letter (the app's mnemonic keeper).
Every vault call runs through the window's :class:`~inburg_desktop.ui.tasks.TaskGroup`
(``services.handhaving``), so closing the window drops what is still running.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.case_label import enforcement_number
from inburg_desktop.domain.file_names import boete_file_name
from inburg_desktop.domain.handhaving import Handhaving, RecordRule
from inburg_desktop.domain.problem import GlyphsReplaced
from inburg_desktop.domain.text import Reason
from inburg_desktop.formatting import (
    AFLOOP_LABELS,
    OVERTREDING_LABELS,
    VERWIJTBAARHEID_LABELS,
    WAARSCHUWING_LABELS,
    format_date,
    format_euro,
)
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text, problem_text, sentences
from inburg_desktop.services import audit_trail
from inburg_desktop.services import handhaving as service
from inburg_desktop.services.handhaving import HandhavingData
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.case_gone import CaseGoneGuard
from inburg_desktop.ui.fresh_reads import FreshReads
from inburg_desktop.ui.handhaving.dialogs import (
    DecideDialog,
    EndDialog,
    ViolationDialog,
    WarningDialog,
    proposal_lines,
)
from inburg_desktop.ui.keys import key_sequence
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.single_window import open_for_case
from inburg_desktop.ui.tasks import TaskGroup

PDF_FILTER = "PDF (*.pdf)"


def _long(day: date) -> str:
    return format_date(day, style="long")


def broken_text(rule: RecordRule) -> str:
    """What the window says of a record that breaks a rule of its case (attack round 7,
    finding 1): the rule with its article, and that it counts for nothing until it is
    put right."""
    why = Reason.of(rule.code, rule.dutch, artikel=rule.artikel).render(_)
    return _(
        "Deze overtreding klopt als geheel niet: {why} Ze telt niet mee als eerdere boete en "
        "er wordt geen beschikking van gemaakt."
    ).format(why=why)


def status_text(record: Handhaving) -> str:
    """Where a violation stands, in a few words."""
    besluit = record.besluit
    if besluit is None:
        return _("nog geen besluit")
    if not besluit.opleggen:
        return _("geen boete")
    text = _("boete {amount}").format(amount=format_euro(besluit.bedrag_cents))
    if record.afloop is not None:
        text += ", " + _(AFLOOP_LABELS[record.afloop.status]).lower()
    return text


UNREADABLE_ROLE = Qt.ItemDataRole.UserRole + 1


def unreadable_text() -> str:
    return _(
        "Deze overtreding kan niet worden gelezen: een stap ervan is niet zoals de app die "
        "vastlegt (van een nieuwere versie, of beschadigd). Er kan niets mee worden gedaan; "
        "vraag het kantoor om hem na te kijken. De andere overtredingen werken gewoon."
    )


def amounts_text(data: HandhavingData) -> str:
    """Whose fine amounts the proposals use, and a warning when the office published
    amounts this laptop could not read."""
    source = {
        "office": _("Bedragen: die van de gemeente (gepubliceerd door het kantoor)."),
        "local": _("Bedragen: die van de gemeente (ingesteld op deze laptop)."),
    }.get(data.settings_source, _("Bedragen: die van het Besluit inburgering 2021, art. 7.1."))
    if data.office_settings_unread:
        source += " " + _(
            "Let op: de bedragen die het kantoor publiceerde konden niet worden gelezen; "
            "vraag het kantoor ze na te kijken."
        )
    return source


class HandhavingWindow(QWidget):
    """The violations of ``case_id``; ``changed(case_id)`` after every stored step."""

    changed = Signal(str)

    def __init__(self, vault: Vault, case_id: str, today: date | None = None) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.vault, self.case_id = vault, case_id
        self.today = today or date.today()
        self.tasks = TaskGroup(self)
        self.reads = FreshReads()
        self.data: HandhavingData | None = None
        self.dialog: Any = None  # the form open now (tests reach it here)
        # closes with the case's one message when the office takes the case off this
        # laptop (usability round 7 #11: it stayed open on a case no longer here)
        self.case_gone = CaseGoneGuard(self, vault, case_id)
        self.setWindowTitle(_("Handhaving"))
        self.resize(960, 640)

        self.list = QListWidget()
        self.list.setObjectName("violations")
        self.list.setAccessibleName(_("Overtredingen"))
        self.list.currentItemChanged.connect(lambda *_a: self._show_selected())
        self.detail = QLabel()
        self.detail.setObjectName("detail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        self.message = MessageLabel()
        self.message.setObjectName("windowMessage")
        # whose amounts the proposals use (attack round 6, finding 17)
        self.amounts = QLabel()
        self.amounts.setObjectName("amountsSource")
        self.amounts.setTextFormat(Qt.TextFormat.PlainText)
        self.amounts.setWordWrap(True)

        self.new_button = QPushButton(_("&Nieuwe overtreding… (Ctrl+N)"))
        self.new_button.setObjectName("newViolation")
        self.warn_button = QPushButton(_("&Waarschuwing vastleggen…"))
        self.warn_button.setObjectName("recordWarning")
        self.decide_button = QPushButton(_("&Besluiten…"))
        self.decide_button.setObjectName("decide")
        self.end_button = QPushButton(_("&Onherroepelijk of vervallen…"))
        self.end_button.setObjectName("recordEnd")
        self.pdf_button = QPushButton(_("Beschikking als &PDF…"))
        self.pdf_button.setObjectName("letterPdf")
        self.new_button.clicked.connect(self.open_violation)
        self.warn_button.clicked.connect(self.open_warning)
        self.decide_button.clicked.connect(self.open_decision)
        self.end_button.clicked.connect(self.open_end)
        self.pdf_button.clicked.connect(lambda: self.export_letter())  # not `checked` as path
        # the shortcut overview (F1) reads a QShortcut's description from whatsThis
        record_key = QShortcut(key_sequence("Ctrl+N"), self, self.open_violation)
        record_key.setWhatsThis(_("Nieuwe overtreding vastleggen"))
        close_key = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        close_key.setWhatsThis(_("Venster sluiten"))

        buttons = QVBoxLayout()
        for button in (
            self.new_button,
            self.warn_button,
            self.decide_button,
            self.end_button,
            self.pdf_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        heading = QLabel(_("&Overtredingen:"))
        heading.setBuddy(self.list)
        left.addWidget(heading)
        left.addWidget(self.list)
        row = QHBoxLayout()
        row.addLayout(left, 2)
        row.addWidget(scroll, 3)
        row.addLayout(buttons)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.amounts)
        column.addWidget(self.message)
        self._update_buttons()
        self.reload()

    # --- reading ---------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        vault, case_id = self.vault, self.case_id
        # shown only when no write of this window began or ended while it was read
        # (ui.fresh_reads, issue 13)
        self.tasks.run(
            lambda _t: service.load(vault, case_id),
            self.reads.read(lambda data: self._loaded(data, select), lambda: self.reload(select)),
            self._failed,
            name="handhaving-load",
        )

    def _loaded(self, data: HandhavingData, select: str | None) -> None:
        self.data = data
        self.setWindowTitle(_("Handhaving — {name}").format(name=data.person.display_name))
        current = select or self.selected_id()
        self.list.clear()
        for record in data.records:
            day = format_date(record.overtreding.vastgesteld_op)
            what = _(OVERTREDING_LABELS[record.overtreding.soort])
            shown = f"{day} · {what} · {status_text(record)}"
            if record.id in data.broken:
                shown = _("{record} · klopt niet").format(record=shown)
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.list.addItem(item)
            if record.id == current:
                self.list.setCurrentItem(item)
        for record_id in data.unreadable:  # shown, so one bad record hides no other
            item = QListWidgetItem(
                _("Kenmerk {ref} · kan niet worden gelezen").format(
                    ref=enforcement_number(self.case_id, record_id)
                )
            )
            item.setData(UNREADABLE_ROLE, record_id)
            self.list.addItem(item)
        self.amounts.setText(amounts_text(data))
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        if not data.records:
            self.detail.setText(
                _("Nog geen overtredingen. Leg er een vast met Nieuwe overtreding (Ctrl+N).")
            )
        self._show_selected()
        self.list.setFocus()

    def retranslate(self) -> None:
        """The UI language changed (``ui.retranslate`` said the window's messages again):
        the list and the details, made from the records, in the new language."""
        if self.data is not None:
            focus = self.focusWidget()  # where the keyboard was stays (the fill takes it)
            self._loaded(self.data, self.selected_id())
            if focus is not None:
                focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, exc: BaseException) -> None:
        self.message.show_message(error_text(exc), "error")
        self._update_buttons()

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def selected(self) -> Handhaving | None:
        record_id = self.selected_id()
        if self.data is None or record_id is None:
            return None
        try:
            return self.data.record(record_id)
        except ValueError:
            return None

    def _update_buttons(self) -> None:
        record = self.selected()
        undecided = record is not None and record.besluit is None
        self.warn_button.setEnabled(undecided)
        self.decide_button.setEnabled(undecided)
        imposed = record is not None and record.besluit is not None and record.besluit.opleggen
        self.end_button.setEnabled(imposed and record is not None and record.afloop is None)
        self.pdf_button.setEnabled(record is not None and record.besluit is not None)

    def _show_selected(self) -> None:
        self._update_buttons()
        record = self.selected()
        if record is None or self.data is None:
            item = self.list.currentItem()
            if item is not None and item.data(UNREADABLE_ROLE):
                self.detail.setText(unreadable_text())
            return
        lines = self.detail_lines(record, self.data)
        rule = self.data.broken.get(record.id)
        if rule is not None:
            lines = [broken_text(rule), "", *lines]
        self.detail.setText("\n".join(lines))

    def detail_lines(self, record: Handhaving, data: HandhavingData) -> list[str]:
        """Everything known of ``record``, and the proposal: the stored one once decided,
        else computed now from the case's history, each step citing its article."""
        o = record.overtreding
        lines = [
            _(OVERTREDING_LABELS[o.soort]),
            _("Kenmerk: {ref}").format(ref=enforcement_number(self.case_id, record.id)),
            _("Vastgesteld op {day}").format(day=_long(o.vastgesteld_op)),
        ]
        if o.verwijtbaarheid is not None:
            lines.append(
                _("Verwijtbaarheid: {label}").format(
                    label=_(VERWIJTBAARHEID_LABELS[o.verwijtbaarheid])
                )
            )
        if o.bijstand_verlaagd:
            lines.append(_("Bijstand al verlaagd voor dezelfde gedraging (Wet art. 27)"))
        lines += ["", o.toelichting, ""]
        w = record.waarschuwing
        if w is None:
            lines.append(_("Nog geen waarschuwing vastgelegd."))
        else:
            lines.append(
                _("Gewaarschuwd op {day}: {how}").format(
                    day=_long(w.op), how=_(WAARSCHUWING_LABELS[w.wijze]).lower()
                )
            )
            if w.toelichting:
                lines.append(w.toelichting)
        lines.append("")
        proposal = record.voorstel if record.besluit is not None else None
        if proposal is None:
            try:
                proposal = service.compute_proposal(data, record.id, self.today)
            except ValueError as exc:  # the rules refuse the history (dates mixed up)
                lines.append(error_text(exc))
                proposal = None
        if proposal is not None:
            lines.append(
                _("Voorgestelde boete: {amount}").format(amount=format_euro(proposal.bedrag_cents))
            )
            lines += [f"• {line}" for line in proposal_lines(proposal)]
        b = record.besluit
        if b is not None:
            lines.append("")
            if b.opleggen:
                lines.append(
                    _("Boete opgelegd: {amount}").format(amount=format_euro(b.bedrag_cents))
                )
            else:
                lines.append(_("Geen boete opgelegd"))
            lines.append(
                _("Besluit van {day}, door {name}").format(
                    day=_long(b.dagtekening), name=b.door.naam
                )
            )
            if b.reden:
                lines.append(_("Reden: {reason}").format(reason=b.reden))
            if b.nieuwe_termijn_tot is not None:
                lines.append(_("Nieuwe termijn t/m {day}").format(day=_long(b.nieuwe_termijn_tot)))
        if record.afloop is not None:
            lines.append(
                _("{status} op {day}").format(
                    status=_(AFLOOP_LABELS[record.afloop.status]), day=_long(record.afloop.op)
                )
            )
        return lines

    # --- writing ---------------------------------------------------------------------

    def _write(self, form: Any, call: Callable[[], HandhavingData], select: str | None) -> None:
        """Run a use case; on success close ``form`` and show the result, on a refusal say
        why in the form (nothing was stored)."""

        def done(data: HandhavingData) -> None:
            form.stored()
            self.dialog = None
            chosen = select
            if chosen is None and self.data is not None:
                before = {r.id for r in self.data.records}
                new = [r.id for r in data.records if r.id not in before]
                chosen = new[0] if new else None
            self.message.clear_message()
            self._loaded(data, chosen)
            self.changed.emit(self.case_id)

        written, refused = self.reads.write(done, form.refusal)
        self.tasks.run(lambda _t: call(), written, refused, name="handhaving-write")

    def _open(self, form: Any) -> None:
        self.dialog = form
        form.open()

    def open_violation(self) -> None:
        data = self.data
        intake = data.settings.intake_cents if data is not None else None
        form = (
            ViolationDialog(self.today, self)
            if intake is None
            else ViolationDialog(self.today, self, intake_cents=intake)
        )
        vault, case_id, today = self.vault, self.case_id, self.today
        form.submitted.connect(
            lambda given: self._write(
                form, lambda: service.record_violation(vault, case_id, given, today), None
            )
        )
        self._open(form)

    def open_warning(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        form = WarningDialog(self.today, self)
        vault, case_id, today = self.vault, self.case_id, self.today
        form.submitted.connect(
            lambda wijze, op, text: self._write(
                form,
                lambda: service.record_warning(vault, case_id, record_id, wijze, op, text, today),
                record_id,
            )
        )
        self._open(form)

    def open_decision(self) -> None:
        record, data = self.selected(), self.data
        if record is None or data is None:
            return
        try:
            proposal = service.compute_proposal(data, record.id, self.today)
        except ValueError as exc:
            self.message.show_message(error_text(exc), "error")
            return
        form = DecideDialog(record, proposal, data.person.display_name, self.today, self)
        vault, case_id, record_id = self.vault, self.case_id, record.id
        form.submitted.connect(
            lambda given: self._write(
                form, lambda: service.decide(vault, case_id, record_id, given), record_id
            )
        )
        self._open(form)

    def open_end(self) -> None:
        record = self.selected()
        if record is None or record.besluit is None:
            return
        form = EndDialog(self.today, record.besluit.dagtekening, self)
        vault, case_id, today, record_id = self.vault, self.case_id, self.today, record.id
        form.submitted.connect(
            lambda status, op: self._write(
                form,
                lambda: service.record_end(vault, case_id, record_id, status, op, today),
                record_id,
            )
        )
        self._open(form)

    def export_letter(self, path: Path | None = None) -> None:
        """The decision letter as PDF, rendered and written off the GUI thread."""
        record = self.selected()
        if record is None or record.besluit is None:
            return
        if path is None:
            # named as the PIP is, in the user's documents (dialogs.choose_save_file)
            name = "" if self.data is None else self.data.person.display_name
            suggested = boete_file_name(name, record.besluit.dagtekening)
            path = dialogs.choose_save_file(self, _("Beschikking opslaan"), suggested, PDF_FILTER)
            if path is None:
                return
        # reportlab: lazily
        from inburg_desktop.pdf.boete_document import render_boete
        from inburg_desktop.pdf.document import noting_replaced

        vault, case_id, record_id, out = self.vault, self.case_id, record.id, path
        self.tasks.run(
            lambda _t: noting_replaced(
                lambda: service.export_letter(vault, case_id, record_id, render_boete, out),
                decision=True,
            ),
            self._letter_written,
            self._failed,
            name="handhaving-pdf",
        )

    def _letter_written(self, made: tuple[Path, GlyphsReplaced | None]) -> None:
        """Say where the letter went; when characters printed as their code, which field
        and that the letter must be corrected before it is sent, as a warning that stays
        (issue 13)."""
        written, replaced = made
        said = _("Beschikking opgeslagen: {path}").format(path=written.name)
        if replaced is None:
            self.message.show_message(said, "info")
        else:
            self.message.show_message(sentences(said, problem_text(replaced)), "warning")


def open_handhaving(vault: Vault, case_id: str) -> HandhavingWindow:
    """Raise the case's open enforcement window, or open one (top-level, so a lock
    closes it)."""
    audit_trail.record_view(vault, case_id, "handhaving")
    return open_for_case(HandhavingWindow, case_id, lambda: HandhavingWindow(vault, case_id))
