"""Dossiergegevens: the facts the law's rules turn on, editable in the case, with what
they mean computed live beside them (``services.case_details``).

The consultant records the residence basis and the permit date (who is plichtig), DUO's
kennisgeving, a registration here after a move (Besluit art. 5.3 lid 3) and a wait for a
third party's information with its reason (lid 2). The right-hand side shows what the data
say about the plicht, every warning, and the deadlines, each end "t/m" (the last day that
still counts), before anything is saved. A value that cannot be right is refused with the
field named, and nothing is stored.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.case import ResidenceBasis, WachtenOpDerde
from inburg_desktop.domain.deadlines import PassedDeadline, passed_deadlines
from inburg_desktop.domain.evaluation import Evaluation
from inburg_desktop.domain.problem import InputRefused
from inburg_desktop.formatting import (
    doelgroep_label,
    format_date,
    reason_text,
    residence_labels,
)
from inburg_desktop.i18n import _
from inburg_desktop.messages import Worded, error_text
from inburg_desktop.services import audit_trail
from inburg_desktop.services import case_details as service
from inburg_desktop.services import household as household_service
from inburg_desktop.services.errors import NoSuchCase, VaultError
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.gemeenten import consultant_gemeenten
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.case_gone import CaseGoneGuard
from inburg_desktop.ui.close_guard import CloseGuard, field_state
from inburg_desktop.ui.date_input import DateInput, date_problem
from inburg_desktop.ui.first_field import focus_first_field
from inburg_desktop.ui.household_editor import HouseholdEditor
from inburg_desktop.ui.notice_bar import NoticeBar
from inburg_desktop.ui.pip.widgets import OptionalDate, combo_value, enum_combo, set_combo
from inburg_desktop.ui.tasks import TaskGroup
from inburg_desktop.ui.text_limits import LimitedPlainTextEdit
from inburg_desktop.ui.vault_messages import unlock_message
from inburg_desktop.ui.window_size import show_whole_content


def deadline_rows(evaluation: Evaluation, today: date) -> list[tuple[str, str, bool]]:
    """The deadlines as (label, UI date, passed) rows; every end is the last day ("t/m").
    ``passed`` follows ``domain.deadlines.passed_deadlines`` on ``today``; a passed row's
    text says so in words, not only in colour."""

    def day(value: date | None, unknown: str) -> str:
        return unknown if value is None else format_date(value)

    d = evaluation.deadlines
    passed = passed_deadlines(d, today)
    after = _("na vaststellen van het PIP")
    if d.niet_plichtig:  # none of these exist without a plicht (deadlines.compute_deadlines)
        pip = after = _("geen: niet inburgeringsplichtig volgens de gegevens")
    elif d.pip_deadline is None:
        pip = _("wacht op informatie van een derde (Besluit art. 5.3 lid 2)")
    else:
        pip = format_date(d.pip_deadline)
        if d.pip_deadline_provisional:
            pip += " " + _("(voorlopig: kennisgeving van DUO nog niet bekend)")
    rows: list[tuple[str, str, PassedDeadline | None]] = [
        (_("PIP uiterlijk vastgesteld (Besluit art. 5.3)"), pip, "pip_deadline"),
        (_("Inburgeringstermijn t/m (Wet art. 11)"), day(d.termijn_end, after), "termijn_end"),
        (
            _("Leerroute wijzigen kan t/m (Besluit art. 5.4 lid 1)"),
            day(d.route_switch_until, after),
            "route_switch_until",
        ),
        (
            _("Ontzorgen t/m (Participatiewet art. 56a)"),
            day(d.ontzorgen_until, _("niet van toepassing")),
            "ontzorgen_until",
        ),
    ]
    plicht = evaluation.plicht
    if plicht.plicht_ends_on is not None:
        ends = format_date(plicht.plicht_ends_on)
        if plicht.aow_provisional:
            ends += " " + _("(voorlopig: AOW-leeftijd nog niet wettelijk vastgesteld)")
        rows.append((_("Inburgeringsplicht t/m (AOW-leeftijd, Wet art. 3)"), ends, None))
    words = {
        "pip_deadline": _("verstreken: PIP nog niet vastgesteld"),
        "termijn_end": _("verstreken"),
        "route_switch_until": _("verstreken"),
        "ontzorgen_until": _("afgelopen"),
    }
    return [
        (label, f"{text} — {words[kind]}" if kind in passed else text, kind in passed)
        for label, text, kind in rows
    ]


READING_WIDTH = 1200
"""The width (px) Dossiergegevens asks for: the form (643 px at the least) and, beside
it, the rules' outcome in lines short enough to read; a smaller screen gets the room it
has (below 1009 px for both, the outcome goes below the form)."""


class CaseDetailsDialog(QDialog):
    saved = Signal(str)  # case id

    def __init__(
        self,
        vault: Vault,
        case_id: str,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetails")
        self.vault, self.case_id = vault, case_id
        self.today = today or date.today()
        self.tasks = TaskGroup(self)
        # Closes with a message when a sync takes the case off this laptop.
        # what is typed and not saved is set aside when a sync takes the case away, and
        # the closing message lists it (attack round 8 #7: it was dropped unsaid)
        self.case_gone = CaseGoneGuard(
            self,
            vault,
            case_id,
            unsaved=self._unsaved_work,
            held=lambda: dict(self.stored.fields),
        )
        self.stored = service.load_case(vault, case_id)
        audit_trail.record_view(vault, case_id, "dossiergegevens")
        person = self.stored.case.person
        self.setWindowTitle(_("Dossiergegevens — {name}").format(name=person.display_name))
        self._build()
        self._show(service.details_of(self.stored))
        self.refresh()
        # Wide enough to read the form and the rules' outcome beside it; as tall as they
        # need once shown (``showEvent``). The scroll area alone opened it at 1004×509 on
        # a 1366×768 screen (usability round 4, finding 18). The first show fits it to
        # the screen (``ui.window_size``), and the one scroll area takes the rest.
        self.resize(READING_WIDTH, self.sizeHint().height())
        self._sized = False
        self.close_guard = CloseGuard(self, self.save)  # every field (ui.close_guard)
        self.close_guard.mark_clean()
        focus_first_field(self)  # not the scroll area (usability round 6 #14)
        self.case_gone.closed.connect(lambda _text: self.close_guard.release())
        # A sync or a resolved conflict changed the case: show it (unless edits are open).
        case_events().case_changed.connect(self._case_changed)

    def reject(self) -> None:
        """Esc, Annuleren and the title bar's ✕ ask first when edits are not saved."""
        if self.close_guard.allows_close():
            super().reject()

    # layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        case = self.stored.case
        column = QVBoxLayout(self)
        head = QLabel(
            _("{name} · {doelgroep} · BRP-inschrijving {brp}").format(
                name=case.person.display_name,
                doelgroep=doelgroep_label(case.doelgroep.value),
                brp=format_date(case.dates.brp_registration),
            )
        )
        head.setStyleSheet("font-weight:600")
        column.addWidget(head)
        self.notice = NoticeBar(self)
        column.addWidget(self.notice)
        # The form and the rules' outcome scroll together: at 1366×768 inside a window
        # manager's frame the Termijnen and a field's two-line refusal need more height
        # than there is (usability round 2 findings 12 and 14: rows cut off, no scroll).
        content = QWidget()
        content.setObjectName("caseDetailsContent")
        # The form and the outcome side by side; one above the other on a screen too
        # narrow for both (1024×600: the two need 1009 px beside each other).
        row = self.content_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        row.setContentsMargins(0, 0, 0, 0)
        scroll = self.form_scroll = QScrollArea()
        scroll.setObjectName("caseDetailsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        column.addWidget(scroll, 1)
        left = QVBoxLayout()
        row.addLayout(left, 3)
        form = QFormLayout()
        self.gemeente = self._gemeente_combo()
        label = QLabel(_("Gem&eente"))
        label.setBuddy(self.gemeente)
        form.addRow(label, self.gemeente)
        self.basis = enum_combo(residence_labels(), _("— onbekend —"))
        self.basis.setObjectName("residenceBasis")
        form.addRow(_("Verblijfsgrond"), self.basis)
        self.permit = OptionalDate(_("bekend"))
        self.permit.setObjectName("permitSince")
        form.addRow(_("Verblijfsvergunning &sinds"), self.permit)
        self.kennisgeving = OptionalDate(_("ontvangen"))
        self.kennisgeving.setObjectName("duoKennisgeving")
        form.addRow(_("Kennisgeving van DUO"), self.kennisgeving)
        self.after_move = OptionalDate(_("verhuisd"))
        self.after_move.setObjectName("brpAfterMove")
        form.addRow(_("Ingeschreven hier na verhuizing (Besluit art. 5.3 lid 3)"), self.after_move)
        left.addLayout(form)
        box = QGroupBox(_("Wachten op informatie van een derde (Besluit art. 5.3 lid 2)"))
        wait = QFormLayout(box)
        self.waiting = QCheckBox(_("Het PIP wacht op informatie van een derde"))
        self.waiting.setObjectName("waiting")
        wait.addRow(self.waiting)
        self.reden = LimitedPlainTextEdit(service.MAX_REDEN)  # sentences: wraps, Tab moves on
        self.reden.setFixedHeight(52)
        self.reden.setObjectName("waitReason")
        self.reden.setPlaceholderText(_("Welke informatie, van wie (verplicht)"))
        wait.addRow(_("Reden"), self.reden)
        self.asked = DateInput(optional=False)
        self.asked.setObjectName("waitAsked")
        wait.addRow(_("Gevraagd op"), self.asked)
        self.received = OptionalDate(_("ontvangen op"))
        self.received.setObjectName("waitReceived")
        wait.addRow(_("Ontvangen"), self.received)
        left.addWidget(box)
        members = QGroupBox(_("Gezinsleden (gezinssituatie)"))
        members.setObjectName("householdBox")
        self.household = HouseholdEditor()
        QVBoxLayout(members).addWidget(self.household)
        left.addWidget(members)
        left.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("caseDetailsStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status.setMinimumWidth(360)
        row.addWidget(self.status, 4)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        # The app's own words, as in Nieuw dossier: Qt's (from its own catalogue, or
        # English without one) took the "s" of "Verblijfsvergunning sinds" for "Save".
        self.save_button.setText(_("&Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annu&leren"))
        column.addWidget(buttons)
        # It scrolls down only: as wide as its content needs (stacked: its wider part),
        # never a sideways bar.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._parts = (left, self.status)
        scroll.setMinimumWidth(
            max(part.minimumSize().width() for part in self._parts)
            + scroll.verticalScrollBar().sizeHint().width()
        )
        self.basis.currentIndexChanged.connect(self.refresh)
        for optional in (self.permit, self.kennisgeving, self.after_move, self.received):
            optional.changed.connect(self.refresh)
        self.waiting.toggled.connect(self.refresh)
        self.reden.textChanged.connect(self.refresh)
        self.asked.changed.connect(self.refresh)
        self.household.changed.connect(self.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # once: later the consultant's own size stays
            self._sized = True
            show_whole_content(self, self.form_scroll)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side when the scroll area has the width for both parts, else stacked."""
        super().resizeEvent(event)
        row = self.content_row
        both = sum(part.minimumSize().width() for part in self._parts) + row.spacing()
        # from the dialog's own new width: the scroll area is laid out only after this
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        area = self.form_scroll
        room = (
            self.width()
            - margins.left()
            - margins.right()
            - 2 * area.frameWidth()
            - area.verticalScrollBar().sizeHint().width()
        )
        direction = (
            QBoxLayout.Direction.LeftToRight if room >= both else QBoxLayout.Direction.TopToBottom
        )
        if row.direction() != direction:
            row.setDirection(direction)

    def _gemeente_combo(self) -> QComboBox:
        """The case's gemeente, correctable among the consultant's gemeenten
        (``services.gemeenten``); the stored one is offered too when it is not theirs (so
        it shows as it is); read-only with one entry or none known."""
        keuze = self.gemeenten = consultant_gemeenten(self.vault)
        combo = QComboBox()
        combo.setObjectName("gemeente")
        stored = service.details_of(self.stored).gemeente
        codes = [g.code for g in sorted(keuze.eigen, key=lambda g: g.naam.casefold())]
        if stored is not None and stored not in codes:
            codes.insert(0, stored)
        for code in codes:
            combo.addItem(keuze.label(code), code)
        if not codes:
            combo.addItem(_("— onbekend —"), None)
        combo.setEnabled(len(codes) > 1)
        return combo

    def _show(self, details: service.CaseDetails) -> None:
        self.gemeente.setCurrentIndex(max(self.gemeente.findData(details.gemeente), 0))
        set_combo(self.basis, details.residence_basis)
        self.permit.set_value(details.permit_since)
        self.kennisgeving.set_value(details.duo_kennisgeving)
        self.after_move.set_value(details.brp_after_move)
        wait = details.wachten_op_derde
        self.waiting.setChecked(wait is not None)
        self.reden.setPlainText("" if wait is None else wait.reden)
        self.asked.set_value(self.today if wait is None else wait.sinds)
        self.received.set_value(None if wait is None else wait.ontvangen)
        self.household_view = household_service.household_of(self.stored)
        self.household.set_members(self.household_view.members)
        self._household_shown = field_state(self.household)

    # values ---------------------------------------------------------------------------
    def details(self) -> service.CaseDetails:
        """The edited values; ``ValueError`` (a date field's :class:`Worded` problem or an
        ``InputRefused``) when a date or the wait is incomplete."""
        wait = None
        waiting = self.waiting.isChecked()
        for widget in (self.reden, self.asked, self.received):
            widget.setEnabled(waiting)
        # A half-typed or impossible date is refused, never read as another date.
        problem = date_problem(self)
        if problem is not None:
            raise Worded(problem)
        if waiting:
            if not self.reden.toPlainText().strip():
                raise InputRefused("wait_reason_missing")
            asked = self.asked.value()
            assert asked is not None  # a required DateInput without a problem
            received = self.received.value()
            if received is not None and received < asked:
                raise InputRefused("wait_received_before_asked")
            wait = WachtenOpDerde(self.reden.toPlainText().strip(), asked, received)
        return service.CaseDetails(
            residence_basis=combo_value(self.basis, ResidenceBasis),
            permit_since=self.permit.value(),
            duo_kennisgeving=self.kennisgeving.value(),
            brp_after_move=self.after_move.value(),
            wachten_op_derde=wait,
            gemeente=self.gemeente.currentData() or None,
        )

    def retranslate(self) -> None:
        """The UI language changed (``ui.retranslate`` said the window's messages again):
        the status, made from the rules on the values as edited, in the new language."""
        self.refresh()

    def refresh(self, *_args: object) -> None:
        """Recompute the rules on the edited values (nothing is written)."""
        try:
            details = self.details()
            service.check_details(self.stored, details, self.today)
        except ValueError as exc:
            self.notice.show_message(error_text(exc), "error")
            self._show_at_field(exc)
            self.save_button.setEnabled(False)
            return
        self._show_at_field(None)
        refused = self.household.check(self.today, self.stored.case.person.v_nummer)
        if refused is not None and self._edited():
            self.notice.show_message(error_text(refused), "error")
            self.save_button.setEnabled(False)
            return
        # An untouched household a newer rule refuses (it came by sync or a handover)
        # stays as it is and blocks nothing: check() said at the member what is wrong.
        self.notice.hide()
        self.save_button.setEnabled(True)
        self.show_evaluation(service.preview(self.stored, details, self.today))

    def _show_at_field(self, refused: ValueError | None) -> None:
        """A refusal naming a field is said beneath that field too (issue 13, item 2)."""
        at = {
            "permit_since": self.permit,
            "duo_kennisgeving": self.kennisgeving,
            "brp_after_move": self.after_move,
            "wachten_op_derde": self.asked,
        }
        said = error_text(refused) if isinstance(refused, service.DetailsRefused) else None
        named = refused.field if isinstance(refused, service.DetailsRefused) else None
        for field, widget in at.items():
            widget.show_refusal(said if field == named else None)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        plicht = evaluation.plicht
        verdict = (
            _("Volgens de vastgelegde gegevens inburgeringsplichtig")
            if plicht.plichtig
            else _("Volgens de vastgelegde gegevens niet inburgeringsplichtig")
        )
        colour = "#15803d" if plicht.plichtig else "#7c2d12"
        parts = [f"<p style='color:{colour}'><b>{escape(verdict)}</b></p>"]
        parts.append(
            "<ul style='margin-left:-18px'>"
            + "".join(f"<li>{escape(reason_text(r))}</li>" for r in plicht.reasons)
            + "</ul>"
        )
        if evaluation.warnings:
            heading = _("Let op")
            parts.append(f"<p><b>{escape(heading)}</b></p>")
            parts.append(
                "<ul style='margin-left:-18px;color:#92400e'>"
                + "".join(f"<li>{escape(reason_text(w))}</li>" for w in evaluation.warnings)
                + "</ul>"
            )
        body = "".join(
            f"<tr><td style='padding-right:8px;color:#374151'>{escape(k)}</td>"
            + (
                f"<td style='color:#b91c1c'><b>⚠ {escape(v)}</b></td></tr>"
                if passed
                else f"<td><b>{escape(v)}</b></td></tr>"
            )
            for k, v, passed in deadline_rows(evaluation, self.today)
        )
        heading = _("Termijnen")
        parts.append(f"<p><b>{escape(heading)}</b></p><table>{body}</table>")
        parts.append(self._household_html())
        self.status.setText("".join(parts))

    def _household_html(self) -> str:
        """The household as the summary says it: the members as edited now, and whether
        they are still the handover's words (not yet recorded by the consultant)."""
        members = self.household.members()
        heading = _("Gezinsleden")
        if not members:
            none = _("Nog geen gezinsleden vastgelegd.")
            return f"<p><b>{escape(heading)}</b><br>{escape(none)}</p>"
        lines = household_service.household_lines(members)
        out = f"<p><b>{escape(heading)}</b></p><ul style='margin-left:-18px'>"
        out += "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"
        if self.household_view.source == "handover" and not self._edited():
            out += (
                "<p style='color:#4b5563'>"
                + escape(_("Volgens de warme overdracht (COA); nog niet door u vastgelegd."))
                + "</p>"
            )
        return out

    def _edited(self) -> bool:
        """Whether the members were edited since they were shown."""
        return field_state(self.household) != self._household_shown

    def _unsaved_work(self) -> dict[str, object]:
        """What the dialog holds and has not saved, as the fields it would write (empty
        when nothing is unsaved)."""
        if not self.close_guard.has_changes:
            return {}
        try:
            details: service.CaseDetails | None = self.details()
        except ValueError:
            details = None  # a date half typed: the household still counts
        members = self.household.members() if self._edited() else None
        return service.typed_patch(self.stored, details, members)

    def save(self) -> None:
        """Check, then write off the GUI thread; the dialog closes once it is stored."""
        try:
            details = self.details()
            refused = self.household.check(self.today, self.stored.case.person.v_nummer)
            if refused is not None and self._edited():
                self.household.show_refusal(refused, focus=True)
                raise refused
        except ValueError as exc:
            text = _("Niet opgeslagen: {problem}").format(problem=error_text(exc))
            self.notice.show_message(text, "error")
            self.close_guard.save_failed()
            return
        vault, case_id, today = self.vault, self.case_id, self.today
        seen, loaded = self.stored.server_version, self.stored
        members = self.household.members() if self._edited() else None
        self.save_button.setEnabled(False)
        self.tasks.run(
            lambda _token: service.save(
                vault,
                case_id,
                details,
                today,
                seen_version=seen,
                loaded=loaded,
                household=members,
            ),
            self._saved,
            self._save_failed,
        )

    def _saved(self, outcome: service.DetailsSaved) -> None:
        self.save_button.setEnabled(True)
        if outcome.changed:
            self.saved.emit(self.case_id)
        if outcome.kept:
            # The case changed underneath this dialog: show it as it is now and say what
            # was kept as a conflict instead of written.
            self.reload()
            self.notice.show_message(
                _(
                    "Niet overschreven: {fields} is gewijzigd sinds dit venster openging "
                    "(synchronisatie of een opgelost conflict). Uw keuze is bewaard als "
                    "conflict; kies wat blijft via Synchroniseren → Conflicten oplossen."
                ).format(fields=", ".join(field_label(k) for k in outcome.kept)),
                "error",
            )
            case_events().case_changed.emit(self.case_id)
            self.close_guard.save_failed()  # stays open: what was kept is said above
            return
        self.close_guard.mark_clean()  # the dialog closes by accept(), as saved
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.close_guard.save_failed()
        if isinstance(exc, VaultError):  # a full disk, ...: said as such, nothing written
            self.notice.show_message(unlock_message(exc), "error")
        elif isinstance(exc, ValueError):  # DetailsRefused too: nothing was written
            self.notice.show_message(
                _("Niet opgeslagen: {problem}").format(problem=error_text(exc)), "error"
            )
            self._show_at_field(exc)
            if isinstance(exc, household_service.HouseholdRefused):
                self.household.show_refusal(exc, focus=True)
        else:
            raise exc

    def reload(self) -> None:
        """Show the case as the vault holds it now."""
        self.stored = service.load_case(self.vault, self.case_id)
        self._show(service.details_of(self.stored))
        self.refresh()
        self.close_guard.mark_clean()

    def _case_changed(self, case_id: str) -> None:
        """The case changed underneath: show it; edits of one's own stay, with a notice."""
        if case_id not in (ALL_CASES, self.case_id) or self.vault.locked:
            return
        if self.case_gone.handling:
            return
        if self.close_guard.has_changes:
            self.notice.show_message(
                _(
                    "Dit dossier is intussen gewijzigd (synchronisatie of een opgelost "
                    "conflict). Uw wijzigingen hier zijn nog niet opgeslagen en blijven "
                    "staan; sluit zonder opslaan om de nieuwe stand te zien."
                ),
                "info",
            )
            return
        try:
            self.reload()
        except NoSuchCase:
            return  # gone: the case-gone guard closes the dialog with its message
