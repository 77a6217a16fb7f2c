"""The PIP editor of one case: the advice, what is missing and the deadlines beside the
beschikking and ontwikkelplan forms, a live PDF preview, setting, amending and signing.

Loading, saving, rendering and signing run off the GUI thread (the window's
``TaskGroup``), each a use case of ``services.pip_editing`` that owns its transaction;
closing the window drops what is still running. A set PIP is
shown read-only; "Wijziging voorbereiden" opens an amendment that needs a reason, and the
rules' refusals (``pip_rules``) are listed in words. The window deletes itself on close,
so no case data outlives a lock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.pip import PipHistory, PipVersion
from inburg_desktop.domain.pip_rules import problems_by_field
from inburg_desktop.domain.text import Reason
from inburg_desktop.formatting import format_date, format_datetime
from inburg_desktop.i18n import _, current_language, ngettext
from inburg_desktop.locale_names import picker_label
from inburg_desktop.messages import Worded, error_text, problem_text, sentences
from inburg_desktop.pdf.document import noting_replaced
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import audit_trail, own_conflicts
from inburg_desktop.services import pip_editing as editing
from inburg_desktop.services import pip_service as service
from inburg_desktop.services.cancel import CancelToken
from inburg_desktop.services.consulent import ConsulentOnbekend
from inburg_desktop.services.pip_confirmation import Confirmation
from inburg_desktop.services.pip_editing import DraftInput, PipEditorData
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.app_actions import app_actions
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.case_gone import CaseGoneGuard
from inburg_desktop.ui.close_guard import NOT_SAVED, CloseGuard
from inburg_desktop.ui.consulent_dialog import ConsulentNameDialog
from inburg_desktop.ui.count_suffix import follow_count
from inburg_desktop.ui.date_input import date_problem
from inburg_desktop.ui.first_field import focus_first_field
from inburg_desktop.ui.fresh_reads import FreshReads
from inburg_desktop.ui.keys import key_sequence
from inburg_desktop.ui.language_order import ordered_codes
from inburg_desktop.ui.letterhead_dialog import LetterheadDialog
from inburg_desktop.ui.menu_names import CONSULENT_ITEM, SETTINGS_MENU, menu_path
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.pip import file_actions
from inburg_desktop.ui.pip.beschikking_form import BeschikkingForm
from inburg_desktop.ui.pip.confirm_dialog import PipConfirmDialog
from inburg_desktop.ui.pip.conflict_hold import PipConflictHold
from inburg_desktop.ui.pip.ontwikkelplan_form import OntwikkelplanForm
from inburg_desktop.ui.pip.preview import PdfPreview
from inburg_desktop.ui.pip.side_panel import SidePanel
from inburg_desktop.ui.pip.signing_panel import SigningPanel
from inburg_desktop.ui.pip.widgets import KeepsContentWidth
from inburg_desktop.ui.shortcut_overview import help_action
from inburg_desktop.ui.single_window import open_for_case
from inburg_desktop.ui.tasks import Task, TaskGroup
from inburg_desktop.ui.text_limits import SHORT_TEXT_MAX, LimitedPlainTextEdit, with_message

TAB_BESCHIKKING, TAB_PLAN, TAB_SIGN = range(3)
REASON_HEIGHT = 48  # pixels: two lines of the amendment's reason before it scrolls
PDF_FILTER = "PDF (*.pdf)"
R = TypeVar("R")


class PipEditorWindow(QMainWindow):
    loaded = Signal()
    saved = Signal(str)  # what happened: draft, set, plan, signed, scan
    pip_changed = Signal(str)  # case id: the case list should refresh
    lock_requested = Signal()
    proposal_button: QPushButton
    save_button: QPushButton
    set_button: QPushButton
    amend_button: QPushButton
    discard_button: QPushButton
    plan_button: QPushButton
    export_button: QPushButton
    print_button: QPushButton

    def __init__(
        self,
        vault: Vault,
        case_id: str,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("pipEditor")
        self.vault, self.case_id = vault, case_id
        self.today = today or date.today()
        self.context: service.PipContext | None = None
        self.history = PipHistory()
        self._clean_work: dict[str, object] = {}
        self.consulent: str | None = None  # asked before a PIP is produced
        self.preferred_annex: str | None = None
        self.confirm_dialog: PipConfirmDialog | None = None
        self.name_dialog: ConsulentNameDialog | None = None
        self.letterhead_dialog: LetterheadDialog | None = None
        self.amending = False
        self.busy = False
        self.producing: Task[object] | None = None  # the export or print under way
        self._cancelled_text: str | None = None
        self.tasks = TaskGroup(self)  # closing the window drops what is still running
        self.reads = FreshReads()  # no read older than a write is shown (ui.fresh_reads)
        # Closes with a message when a sync takes the case off this laptop; what was typed
        # and not saved is set aside first ("Apart gezet"), as the intake's edits are.
        self.case_gone = CaseGoneGuard(
            self,
            vault,
            case_id,
            unsaved=self._unsaved_work,
            label=self._case_label,
            # what the editor showed when loaded, so only what was typed since is shown
            # (usability round 6 #22: a whole prefilled plan was listed)
            held=lambda: {**self.history.storage_items(), **self._clean_work},
        )
        # A sync or a resolved conflict changed the case: show it (unless edits are open).
        case_events().case_changed.connect(self._case_changed)
        self.setWindowTitle(_("PIP opstellen"))
        self.resize(1366, 768)
        self.conflict = PipConflictHold(self, vault, case_id)
        self._build()
        # every editable field counts (ui.close_guard.field_state), not only what the
        # draft keeps: a provider typed before ticking "Intensiteit" is typed all the same
        self.close_guard = CloseGuard(self, self.save_all)
        self.case_gone.closed.connect(lambda _text: self.close_guard.release())  # set aside
        self._window_actions()
        self.reload()

    # layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QWidget()
        column = QVBoxLayout(root)
        column.setContentsMargins(10, 6, 10, 6)
        header = QHBoxLayout()
        self.person = QLabel(_("Dossier laden…"))
        self.person.setStyleSheet("font-size:14pt;font-weight:600")
        header.addWidget(self.person, 1)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.status.setObjectName("pipStatus")
        self.status.setStyleSheet("font-weight:600;color:#1d4ed8")
        header.addWidget(self.status)
        header.addWidget(self.conflict.host)  # "conflict – kies in …" while it is in one
        column.addLayout(header)
        # What an action says goes below the panels, not above them: a message appearing
        # above would push every button and field down under the pointer.
        self.notice = MessageLabel(root)
        self.notice.setObjectName("pipNotice")
        column.addLayout(self._buttons())
        column.addLayout(self._output_row())
        self.amend_row = QWidget()
        amend = QHBoxLayout(self.amend_row)
        amend.setContentsMargins(0, 0, 0, 0)
        self.reason = LimitedPlainTextEdit(SHORT_TEXT_MAX)  # sentences: wraps, Tab moves on
        self.reason.setFixedHeight(REASON_HEIGHT)
        self.reason.setObjectName("amendReason")
        self.reason.setPlaceholderText(_("Reden van de wijziging (verplicht, Awb art. 3:46)"))
        self.reason.setAccessibleName(_("Reden van de wijziging"))
        self.a2 = QCheckBox(_("Afschalen naar A2"))
        self.hours = QSpinBox()
        self.hours.setRange(0, 5000)
        follow_count(self.hours, lambda n: ngettext(" uur NT2 gevolgd", " uur NT2 gevolgd", n))
        self.hours.setGroupSeparatorShown(True)
        self.hours.setAccessibleName(_("Uren NT2 gevolgd"))
        amend.addWidget(QLabel(_("Wijziging:")))
        amend.addWidget(with_message(self.reason), 1)
        amend.addWidget(self.a2)
        amend.addWidget(self.hours)
        self.amend_row.hide()
        column.addWidget(self.amend_row)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.side = SidePanel()
        self.tabs = QTabWidget()
        self.form = BeschikkingForm()
        self.plan = OntwikkelplanForm()
        self.signing = SigningPanel()
        self.tabs.addTab(self.form, _("&Besluit"))
        self.tabs.addTab(self.plan, _("&Ontwikkelplan"))
        # It scrolls like the other two tabs: on a 1024×600 screen its 448 px did not fit
        # beside the editor's header (usability round 4, finding 18).
        signing_area = QScrollArea()
        signing_area.setObjectName("signingScroll")
        signing_area.setWidget(self.signing)
        signing_area.setWidgetResizable(True)
        signing_area.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs.addTab(signing_area, _("O&ndertekenen"))
        self.preview = PdfPreview()
        for widget in (self.side, self.tabs, self.preview):
            split.addWidget(widget)
        split.setSizes([320, 620, 410])
        # At 1366×768 the preview gives way, not fields; the signing tab scrolls too.
        for form in (self.form, self.plan, signing_area):
            KeepsContentWidth(form)
        split.setChildrenCollapsible(False)
        # A handle one can see and grab: the side panel is widened by dragging it.
        split.setHandleWidth(7)
        split.setStyleSheet(
            "QSplitter::handle{background:#cbd5e1;margin:0 2px}"
            "QSplitter::handle:hover{background:#64748b}"
        )
        for index in range(1, split.count()):
            split.handle(index).setToolTip(_("Slepen om de breedte te wijzigen"))
        self.split = split
        column.addWidget(split, 1)
        column.addWidget(self.notice)
        self.setCentralWidget(root)
        for signal in (
            self.form.changed,
            self.plan.changed,
            self.reason.textChanged,
            self.side.exceptions.changed,
        ):
            signal.connect(self._edited)
        self.a2.toggled.connect(self._edited)
        self.hours.valueChanged.connect(self._edited)
        self.signing.sign_requested.connect(self.sign)
        self.signing.export_unsigned_requested.connect(self.export_pdf)
        self.signing.attach_scan_requested.connect(lambda: file_actions.attach_scan(self))
        self.signing.export_requested.connect(lambda sha: file_actions.export_attachment(self, sha))

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        specs = (
            ("proposal_button", _("Voorstel uit de intake"), self.use_proposal, None),
            ("save_button", _("Concept opslaan"), self.save_draft, "Ctrl+S"),
            ("set_button", _("PIP vaststellen"), self.set_pip, "Ctrl+Return"),
            ("amend_button", _("Wijziging voorbereiden"), self.start_amendment, None),
            ("discard_button", _("Concept verwerpen"), self.discard_draft, None),
            ("plan_button", _("Ontwikkelplan opslaan"), self.save_plan, None),
        )
        for name, text, slot, shortcut in specs:
            button = QPushButton(text)
            if shortcut:
                button.setToolTip(
                    key_sequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
                )
            button.setObjectName(name)
            button.clicked.connect(slot)
            setattr(self, name, button)
            row.addWidget(button)
            if shortcut:
                action = QAction(text, self)  # named in the shortcut overview (F1)
                action.setShortcut(key_sequence(shortcut))
                action.triggered.connect(slot)
                self.addAction(action)
        row.addStretch(1)
        return row

    def _output_row(self) -> QHBoxLayout:
        """What leaves the vault: the annex language, export and print, on a row of their
        own so the language combo is never squeezed by the action buttons."""
        row = QHBoxLayout()
        self.annex = QComboBox()
        self.annex.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.annex.setObjectName("pipAnnexLanguage")
        self.annex.setProperty(NOT_SAVED, True)  # a choice for export and print, not data
        self.annex.setAccessibleName(_("Samenvatting in de taal van de inburgeraar"))
        # the preview shows the annex chosen, as export and print will
        self.annex.currentIndexChanged.connect(self._edited)
        annex_label = QLabel(_("Samenvatting &in:"))
        annex_label.setBuddy(self.annex)
        row.addWidget(annex_label)
        row.addWidget(self.annex)
        for name, text, slot, shortcut in (
            ("export_button", _("PDF &exporteren…"), self.export_pdf, "Ctrl+E"),
            ("print_button", _("&Afdrukken…"), self.print_pdf, "Ctrl+P"),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            setattr(self, name, button)
            row.addWidget(button)
            action = QAction(text, self)  # named in the shortcut overview (F1)
            action.setShortcut(key_sequence(shortcut))
            action.triggered.connect(slot)
            self.addAction(action)
        # An export or print in progress: what is happening, a bar that moves and a way
        # to stop it; right of the buttons, so showing them moves nothing.
        self.output_state = QLabel()
        self.output_state.setObjectName("pipOutputState")
        self.output_state.setTextFormat(Qt.TextFormat.PlainText)
        self.output_bar = QProgressBar()
        self.output_bar.setObjectName("pipOutputBusy")
        self.output_bar.setRange(0, 0)  # how long rendering takes is not known: it moves
        self.output_bar.setTextVisible(False)
        self.output_bar.setFixedWidth(120)
        self.output_bar.setAccessibleName(_("Bezig"))
        self.output_cancel = QPushButton(_("Annuleren"))
        self.output_cancel.setObjectName("pipOutputCancel")
        self.output_cancel.clicked.connect(self.cancel_output)
        for widget in (self.output_state, self.output_bar, self.output_cancel):
            row.addWidget(widget)
            widget.hide()
        row.addStretch(1)
        return row

    def _window_actions(self) -> None:
        """Ctrl+W and Ctrl+Q close the editor (asking first when edits are not saved), as
        every window of the app; F1 lists the shortcuts."""
        # Spelled out: not every platform theme binds StandardKey.Quit (then it is empty)
        # Esc as in every secondary window (usability round 6 #24)
        # Ctrl+Q is the app's Afsluiten when a case list is open (ui.app_actions: a second
        # binding would make it ambiguous, and then Qt fires neither).
        keys_closing = (
            ["Ctrl+W", "Esc"] if app_actions() is not None else ["Ctrl+W", "Ctrl+Q", "Esc"]
        )
        for keys in keys_closing:
            close = QAction(_("Sluiten"), self)
            close.setShortcut(key_sequence(keys))
            close.triggered.connect(self.close)
            self.addAction(close)
        help_action(self)

    def _unsaved_work(self) -> dict[str, object]:
        """The PIP as typed and not saved, as the field patch saving would write (empty
        when nothing is unsaved, or nothing of it can be read as a PIP)."""
        if self.context is None or not self.close_guard.has_changes:
            return {}
        return self._work_as_shown()

    def _work_as_shown(self) -> dict[str, object]:
        """What saving the editor as it shows now would write (see ``_unsaved_work``)."""
        try:
            if self.editable:
                draft = self._candidate_input()
                return dict(editing.unsaved_patch(self.history, draft))
            plan = self.plan.value(self.today)
        except ValueError:
            return {}
        return dict(editing.unsaved_patch(self.history, None, plan))

    def _case_label(self) -> str:
        if self.context is None:
            return ""
        person = self.context.stored.case.person
        if person.v_nummer:
            return f"{person.display_name} (V {person.v_nummer})"
        return person.display_name

    def _case_changed(self, case_id: str) -> None:
        """The case changed underneath (a sync, a resolved conflict): read it again. With
        edits of its own open the editor keeps them and says so; saving them then meets
        the stale-write guard, which tells what changed."""
        if case_id not in (ALL_CASES, self.case_id) or self.context is None:
            return
        if self.vault.locked or self.case_gone.handling:
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
        self.reload()

    def save_all(self) -> None:
        """Save what the close question offers to save: the draft, or the plan of a set PIP."""
        if self.editable:
            self.save_draft()
        else:
            self.save_plan()

    def _fill_annex_languages(self, data: PipEditorData) -> None:
        """The annex languages, the newcomer's preferred one first and chosen; Dutch only
        (no annex) last. Kept as the consultant chose while the window is open."""
        if self.annex.count():
            return
        self.preferred_annex = data.preferred_annex
        ordered = ordered_codes(data.annex_languages, data.preferred_annex)
        for code in ordered:
            self.annex.addItem(self._annex_label(code), code)
        self.annex.addItem(_("Geen samenvatting (alleen Nederlands)"), None)
        self.annex.setCurrentIndex(
            0 if data.preferred_annex is not None else self.annex.count() - 1
        )
        self.annex.setMinimumWidth(self.annex.sizeHint().width())  # its longest language

    def _annex_label(self, code: str) -> str:
        """A language as the consultant reads it: its name in the UI language beside its
        own ("Somali — Soomaali"; usability round 6 #19 showed "Somalisch" in English)."""
        label = picker_label(code, current_language())
        if code == self.preferred_annex:
            label += " " + _("(voorkeurstaal)")
        return label

    def retranslate(self) -> None:
        """The UI language changed (``ui.retranslate`` said the window's messages again):
        the texts made from the PIP's state are made again; what is typed stays."""
        for index in range(self.annex.count()):
            code = self.annex.itemData(index)
            if isinstance(code, str):
                self.annex.setItemText(index, self._annex_label(code))
        if self.context is None:
            return
        self.side.show_advice(self.context.advice, self.context.choice)
        self.side.show_notes(self.context.proposal.notes)
        self._refresh_state()
        self._edited()

    @property
    def annex_language(self) -> str | None:
        """The language chosen for the annex (``None``: no annex)."""
        data = self.annex.currentData()
        return data if isinstance(data, str) else None

    # loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the case's PIP, advice and signed copies off the GUI thread."""
        vault, case_id, today = self.vault, self.case_id, self.today
        self.tasks.run(
            lambda _token: (
                editing.open_editor(vault, case_id, today),
                own_conflicts.own_sides(vault, case_id),
            ),
            # shown only when no write of this window began or ended while it was read
            # (ui.fresh_reads, issue 13: an older read took back what was just saved)
            self.reads.read(lambda found: self._loaded(*found), self.reload),
            self.failed,
        )

    def _loaded(self, result: PipEditorData, own: dict[str, Any] | None = None) -> None:
        # a PIP in conflict shows the consultant's own version (ui.pip.conflict_hold)
        result = self.conflict.apply(result, own or {})
        context, consulent, infos = result.context, result.consulent, list(result.attachments)
        first = self.context is None
        self.context, self.consulent, self.history = context, consulent, context.history
        person = context.stored.case.person
        self.person.setText(_("PIP — {name}").format(name=person.display_name))
        self.setWindowTitle(_("PIP opstellen — {name}").format(name=person.display_name))
        self.side.show_advice(context.advice, context.choice)
        self.side.show_notes(context.proposal.notes)
        self.signing.set_attachments(infos)
        self._fill_annex_languages(result)
        self.form.bijstand_start = context.stored.case.dates.bijstand_start
        shown = self.history.draft or self.history.in_force
        if shown is None:
            self.form.set_value(context.proposal.beschikking)
            self.plan.set_value(context.proposal.ontwikkelplan)
        elif first or not self.amending:
            self._show_version(shown)
        if self.history.draft is not None and self.history.in_force is not None:
            self.amending = True  # a stored amendment draft reopens in amendment mode
        self._refresh_state()
        if self.conflict.holding:
            self.notice.show_message(self.conflict.notice(), "warning")
        self.close_guard.mark_clean()
        self._clean_work = self._work_as_shown()  # a prefilled draft, as loaded
        if first:
            # the first field of the page shown, not a button (usability round 6 #14)
            focus_first_field(self.tabs.currentWidget())
            self.loaded.emit()

    def _show_version(self, version: PipVersion) -> None:
        self.side.exceptions.set_recorded(version.uitzonderingen)
        self.form.set_value(version.beschikking)
        self.plan.set_value(version.ontwikkelplan)
        self.reason.setPlainText(version.reden)
        self.a2.setChecked(version.afschaling_a2)
        self.hours.setValue(version.cursusuren_nt2)

    def failed(self, exc: BaseException) -> None:
        self.busy = False
        self.close_guard.save_failed()
        self._refresh_state()
        if isinstance(exc, ConsulentOnbekend):
            self.consulent = None  # asked again before the next PIP is produced
            self.notice.show_message(error_text(exc), "error")
        elif isinstance(exc, service.PipChanged):
            # Refused, nothing written: show the PIP as it is now, and say so.
            self.notice.show_message(error_text(exc), "error")
            self.amending = False
            self.reload()
        elif isinstance(exc, service.PipRefused):
            self.side.show_missing(exc.reasons)
        self.notice.show_message(error_text(exc), "error")

    # state --------------------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        return self.history.in_force is None or self.amending

    def status_name(self) -> str:
        return str(self.history.pointer()["status"])

    def _refresh_state(self) -> None:
        status = self.status_name()
        names = {
            "none": _("Nog geen PIP"),
            "draft": _("Concept"),
            "set": _("Vastgesteld"),
            "signed": _("Ondertekend"),
        }
        text = names.get(status, status)
        in_force = self.history.in_force
        if in_force is not None:
            text += " · " + version_dates(self.history, in_force)
        if in_force is not None and in_force.vastgesteld_door is not None:
            door = in_force.vastgesteld_door
            # AVG art. 22: who took the decision and when, as recorded with the version;
            # its day written as the dagtekening beside it is ("30 nov 2026 13:19")
            text += " · " + _("vastgesteld door {name} op {moment}").format(
                name=door.naam, moment=format_datetime(door.moment.astimezone(), style="day")
            )
        if self.amending:
            text += " · " + _("wijziging in voorbereiding")
        self.status.setText(text)
        ready = self.context is not None and not self.busy
        self.form.set_read_only(not self.editable)
        self.amend_row.setVisible(self.amending)
        self.proposal_button.setEnabled(ready and self.history.in_force is None)
        self.save_button.setEnabled(ready and self.editable)
        self.set_button.setEnabled(ready and self.editable)
        self.amend_button.setEnabled(ready and not self.editable)
        self.discard_button.setEnabled(ready and self.history.draft is not None)
        self.plan_button.setEnabled(ready and self.history.latest is not None)
        # the stored PIP leaves the vault in every state, the signed one as it was signed
        producible = ready and self.history.latest is not None and self.producing is None
        self.export_button.setEnabled(producible)
        self.print_button.setEnabled(producible)
        self.annex.setEnabled(status != "signed")
        self.annex.setToolTip(
            _("Een ondertekend PIP wordt geëxporteerd en afgedrukt zoals het is ondertekend.")
            if status == "signed"
            else ""
        )
        self.signing.set_status("draft" if self.editable and status != "none" else status)
        self.conflict.hold(
            (self.save_button, self.set_button, self.amend_button, self.discard_button)
        )
        self._edited()

    def candidate(self) -> PipVersion:
        """The draft as edited now (not stored); ``ValueError`` when a field does not fit
        or a date field holds no usable date (a half-typed date is never dropped)."""
        problem = date_problem(self)
        if problem is not None:
            raise Worded(_("Niet alle datums kloppen: {problem}").format(problem=problem))
        return self.history.new_draft(
            self.form.value(),
            self.today,
            reden=self.reason.toPlainText().strip(),
            afschaling_a2=self.a2.isChecked(),
            cursusuren_nt2=self.hours.value(),
            ontwikkelplan=self.plan.value(self.today),
            uitzonderingen=self.side.exceptions.value(),
        )

    def _edited(self, *_args: object) -> None:
        context = self.context
        if context is None:
            return
        evaluation = service.evaluation_for(context.stored, self.history, self.today)
        self.side.show_deadlines(
            service.deadlines_for(context.stored, self.history, self.today),
            self.history.pip_date,
            evaluation.plicht,
            # an amendment in force has a dagtekening of its own, shown beside the first
            amended=amendment_in_force(self.history),
        )
        self.side.show_plicht(evaluation.plicht, evaluation.warnings)
        if not self.editable:
            self.side.exceptions.set_warnings(())
            self.form.show_problems({})
            self.side.show_set(
                _("Het PIP is vastgesteld. Wijzigen kan via ‘Wijziging voorbereiden’.")
            )
            version = self.history.in_force
            assert version is not None
            self._preview(self.history, version)
            return
        try:
            draft = self.candidate()
        except ValueError as exc:
            self.side.show_missing((), error_text(exc))
            return
        check = service.setting_check(
            context.stored, self.history, draft, self.today, self.hours.value()
        )
        self.side.exceptions.set_warnings(check.warnings)
        self.form.show_problems(problems_by_field(check))
        # A PIP is one value at the office: say so while typing, not only when saving.
        too_large = service.size_problem(self.history.with_draft(draft))
        self.side.show_missing(check.refusals, error_text(too_large) if too_large else None)
        self._preview(self.history.with_draft(draft), draft)

    def _preview(self, history: PipHistory, version: PipVersion) -> None:
        """Show what export and print produce now, with the annex chosen: the stored PIP
        through the export's own function once it is set (the signed copy once signed),
        else the draft as edited through the same document and renderer."""
        assert self.context is not None
        lang = self.annex_language
        if not self.editable:
            vault, case_id = self.vault, self.case_id
            self.preview.request(lambda: editing.pip_file(vault, case_id, render_pip, lang))
            return
        stored, head = self.context.stored, self.context.letterhead
        # the preview of a draft only; the PIP itself is never produced without a name
        consulent = self.consulent or _("[naam van de consulent nog niet ingesteld]")
        self.preview.request(
            lambda: editing.rendered_file(
                service.pip_document(
                    stored, history, version, consulent, lang=lang, letterhead=head
                ),
                render_pip,
            )
        )

    # actions ------------------------------------------------------------------------------
    def write_async(
        self,
        work: Callable[[], R],
        what: str,
        message: str,
        ends_amendment: bool = False,
        warning: Callable[[R], str | None] | None = None,
    ) -> None:
        """Run one write use case off the GUI thread; then say so and reload. ``warning``
        tells from the result what the consultant must still do (``None``: nothing), said
        with ``message`` as a warning that stays."""
        if self.busy:
            return
        self.busy = True
        self._refresh_state()

        def done(_result: R) -> None:
            self.busy = False
            if ends_amendment:
                self.amending = False
            still = warning(_result) if warning is not None else None
            if still:
                self.notice.show_message(sentences(message, still), "warning")
            else:
                self.notice.show_message(message, "info")
            self.saved.emit(what)
            self.pip_changed.emit(self.case_id)
            self.reload()
            self.close_guard.saved()

        written, failed = self.reads.write(done, self.failed)
        self.tasks.run(lambda _token: work(), written, failed, name=f"pip-{what}")

    def use_proposal(self) -> None:
        if self.context is not None:
            self.form.set_value(self.context.proposal.beschikking)
            self.plan.set_value(self.context.proposal.ontwikkelplan)

    def _draft_input(self) -> DraftInput | None:
        """The draft as edited now; ``None`` (and the problem said) when a field does not fit."""
        try:
            return self._candidate_input()
        except ValueError as exc:
            self.notice.show_message(error_text(exc), "error")
            return None

    def _candidate_input(self) -> DraftInput:
        """The draft as edited now (``ValueError`` when a field does not fit)."""
        draft = self.candidate()
        return DraftInput(
            draft.beschikking,
            draft.ontwikkelplan,
            self.today,
            reden=self.reason.toPlainText(),
            afschaling_a2=self.a2.isChecked(),
            cursusuren_nt2=self.hours.value(),
            uitzonderingen=self.side.exceptions.value(),
        )

    def save_draft(self) -> None:
        draft = self._draft_input()
        if draft is None or not self.editable:
            return
        vault, case_id, seen, loaded = self.vault, self.case_id, self.seen_version, self.history
        self.write_async(
            lambda: editing.save_draft(vault, case_id, draft, seen_version=seen, loaded=loaded),
            "draft",
            _("Concept opgeslagen."),
        )

    @property
    def seen_version(self) -> int | None:
        """The office version of the case as this editor shows it (stale views conflict)."""
        return None if self.context is None else self.context.stored.server_version

    def with_consulent(self, then: Callable[[], None]) -> None:
        """Run ``then`` once the consultant's name is set: at once when it is, else after
        asking for it (the name every PIP carries); cancelled, nothing is produced and the
        editor says so."""
        if self.consulent is not None:
            then()
            return
        dialog = ConsulentNameDialog(
            self.vault,
            None,
            _(
                "Voordat er een PIP wordt gemaakt: welke naam staat er als consulent in? "
                "Het PIP noemt u bij naam, in het besluit, bij de handtekening en in de "
                "samenvatting. U kunt de naam later wijzigen via {menu}."
            ).format(menu=menu_path(SETTINGS_MENU, CONSULENT_ITEM)),
            self,
        )
        self.name_dialog = dialog

        def done(result: int) -> None:
            self.name_dialog = None
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted or dialog.saved_name is None:
                self.notice.show_message(
                    _("Geen naam van de consulent ingesteld: er is geen PIP gemaakt."), "error"
                )
                self._refresh_state()  # e.g. the sign button, pressed before the name
                return
            self.consulent = dialog.saved_name
            self._edited()
            then()

        dialog.finished.connect(done)
        dialog.open()

    def set_pip(self) -> None:
        """Open the confirmation of what will be decided; set only after it is confirmed
        (a beschikking is a deliberate act, never a single key)."""
        if self.busy or not self.editable or self.confirm_dialog is not None:
            return
        draft = self._draft_input()
        if draft is not None:
            self.with_consulent(lambda: self._confirm(draft))

    def _confirm(self, draft: DraftInput) -> None:
        vault, case_id, hours = self.vault, self.case_id, draft.cursusuren_nt2
        self.busy = True
        self._refresh_state()

        def show(confirmation: Confirmation) -> None:
            self.busy = False
            self._refresh_state()
            self.confirm_and_set(confirmation, draft)

        self.tasks.run(
            lambda _token: editing.confirmation(vault, case_id, draft, hours), show, self.failed
        )

    def confirm_and_set(self, confirmation: Confirmation, draft: DraftInput) -> None:
        """Show ``confirmation`` (window-modal); set the PIP as it was confirmed only when
        the consultant confirms it."""
        dialog = PipConfirmDialog(confirmation, self)
        self.confirm_dialog = dialog  # tests and screenshots reach the open dialog
        dialog.fill_letterhead_requested.connect(lambda: self._fill_letterhead(dialog))

        def done(result: int) -> None:
            self.confirm_dialog = None
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted:
                # not "er is niets gewijzigd": the draft's edits are kept, only the
                # vaststelling did not happen (usability round 4: 47)
                self.notice.show_message(_("Het PIP is niet vastgesteld."), "info")
                return
            self._set_confirmed(draft)

        dialog.finished.connect(done)
        dialog.open()

    def _fill_letterhead(self, dialog: PipConfirmDialog) -> None:
        """Open the letterhead over the confirmation; once saved, the confirmation and the
        preview show the new one."""
        letterhead = LetterheadDialog(self.vault, dialog)
        letterhead.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.letterhead_dialog = letterhead
        vault, case_id = self.vault, self.case_id

        def reread(gaps: tuple[Reason, ...]) -> None:
            if self.confirm_dialog is dialog:  # still open (it deletes itself when closed)
                dialog.set_sender(gaps)

        def saved() -> None:
            self.tasks.run(lambda _token: editing.sender_gaps(vault, case_id), reread, self.failed)
            self.reload()  # the preview carries the new letterhead

        letterhead.saved.connect(saved)
        letterhead.open()

    def _set_confirmed(self, draft: DraftInput) -> None:
        vault, case_id, seen, hours, loaded = (
            self.vault,
            self.case_id,
            self.seen_version,
            draft.cursusuren_nt2,
            self.history,
        )
        first = self.history.pip_date
        if self.history.in_force is None or first is None:
            message = _("PIP vastgesteld met dagtekening {day}.").format(day=format_date(draft.on))
        else:  # an amendment: its own dagtekening, the first PIP's named as such
            message = _(
                "Wijziging vastgesteld: versie {number}, dagtekening {day} (eerste PIP: {first})."
            ).format(
                number=self.history.in_force.nummer + 1,
                day=format_date(draft.on),
                first=format_date(first),
            )
        self.write_async(
            lambda: editing.save_and_set(
                vault, case_id, draft, hours, seen_version=seen, loaded=loaded
            ),
            "set",
            message,
            ends_amendment=True,
        )

    def _names_its_consultant(self) -> bool:
        """The PIP that export and print produce already names who set it (a set version
        records it; a signed copy is exported as signed), so no name need be asked."""
        version = self.history.in_force or self.history.latest
        return version is not None and version.vastgesteld_door is not None

    def export_pdf(self) -> None:
        self._produce(file_actions.export_pip)

    def print_pdf(self) -> None:
        self._produce(file_actions.print_pip)

    def _produce(self, action: Callable[[PipEditorWindow], None]) -> None:
        """Export or print: asks the consultant's name first when the PIP needs it. One at
        a time: a second press (or Ctrl+P) while one runs starts nothing and says so."""
        if self.producing is not None:
            self.notice.show_message(
                _("{what} Wacht tot dat klaar is, of annuleer het.").format(
                    what=self.output_state.text()
                ),
                "info",
            )
            return
        if self.history.latest is None or self.busy:
            return
        if self._names_its_consultant():
            action(self)
        else:
            self.with_consulent(lambda: action(self))

    def run_output(
        self,
        what: str,
        work: Callable[[CancelToken], R],
        done: Callable[[R], None],
        *,
        cancelled: str | None,
        too_late: Callable[[R], None] | None = None,
    ) -> None:
        """Run an export or print (``work``) off the GUI thread, ``what`` it does shown
        with a moving bar beside the buttons, which stay disabled until it ends; then
        ``done`` says where the result went. ``cancelled`` is what the Cancel button
        says when pressed (``None``: the work cannot be stopped, no Cancel button);
        ``too_late`` is told the result when the work finished before it saw the cancel.
        """
        if self.producing is not None:
            return
        self._cancelled_text = cancelled
        self.output_state.setText(what)
        for widget in (self.output_state, self.output_bar):
            widget.show()
        self.output_cancel.setVisible(cancelled is not None)

        def finished(result: R) -> None:
            self._output_ended()
            done(result)

        def failed(exc: BaseException) -> None:
            self._output_ended()
            self.failed(exc)

        def dropped(result: R) -> None:
            if too_late is not None and shiboken6.isValid(self):
                too_late(result)

        task = self.tasks.run(work, finished, failed, name="pip-output", on_dropped=dropped)
        self.producing = task  # type: ignore[assignment]
        self._refresh_state()

    def cancel_output(self) -> None:
        """Stop the export or print under way (Cancel): its result is dropped."""
        task = self.producing
        if task is None or self._cancelled_text is None:
            return
        task.cancel()
        self._output_ended()
        self.notice.show_message(self._cancelled_text, "info")

    def _output_ended(self) -> None:
        self.producing = None
        for widget in (self.output_state, self.output_bar, self.output_cancel):
            widget.hide()
        self._refresh_state()

    def start_amendment(self) -> None:
        self.amending = True
        self.reason.clear()
        # a ground for an earlier route change does not carry over to a new change
        self.side.exceptions.set_recorded(
            tuple(
                u
                for u in self.side.exceptions.recorded.values()
                if u.regel != "route_switch_after_window"
            )
        )
        self._refresh_state()
        self.reason.setFocus()

    def discard_draft(self) -> None:
        vault, case_id = self.vault, self.case_id
        self.write_async(
            lambda: editing.discard_draft(vault, case_id),
            "discard",
            _("Concept verworpen."),
            ends_amendment=True,
        )

    def save_plan(self) -> None:
        problem = date_problem(self.plan)
        if problem is not None:
            self.notice.show_message(
                _("Niet opgeslagen: niet alle datums kloppen: {problem}").format(problem=problem),
                "error",
            )
            return
        vault, case_id = self.vault, self.case_id
        plan, seen, loaded = self.plan.value(self.today), self.seen_version, self.history
        self.write_async(
            lambda: editing.save_ontwikkelplan(
                vault, case_id, plan, seen_version=seen, loaded=loaded
            ),
            "plan",
            _("Ontwikkelplan opgeslagen (geen nieuw besluit nodig)."),
        )

    def sign(self, inburgeraar: bytes, consulent: bytes) -> None:
        if self._names_its_consultant():  # the set version names who set it
            self._sign(inburgeraar, consulent)
        else:
            self.with_consulent(lambda: self._sign(inburgeraar, consulent))

    def _sign(self, inburgeraar: bytes, consulent: bytes) -> None:
        vault, case_id, today, lang = self.vault, self.case_id, self.today, self.annex_language
        self.write_async(
            lambda: noting_replaced(
                lambda: editing.sign(
                    vault, case_id, today, inburgeraar, consulent, render_pip, lang=lang
                ),
                decision=True,
            ),
            "signed",
            _("Ondertekend en bewaard in de kluis."),
            # the signed copy is stored as rendered: a code in a name must be seen now
            warning=lambda made: problem_text(made[1]) if made[1] is not None else None,
        )

    def tell(self, message: str) -> None:
        self.notice.show_message(message, "info")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_guard.allows_close(event):
            return
        self.preview.shutdown()
        super().closeEvent(event)


def amendment_in_force(history: PipHistory) -> PipVersion | None:
    """The version in force when it amends an earlier set PIP; ``None`` for the first PIP
    (or none set)."""
    first = next((v for v in history.versions if v.is_set), None)
    in_force = history.in_force
    return None if in_force is None or in_force is first else in_force


def version_dates(history: PipHistory, version: PipVersion) -> str:
    """How the editor names a set ``version``'s date: "dagtekening 1 okt 2026" for the
    first PIP; for an amendment its own number and dagtekening with the first PIP's
    labelled as such, "versie 2, dagtekening 30 nov 2026 (eerste PIP: 1 okt 2026)": the
    termijn counts from the first (Wet art. 11), the decision in force is the newest."""
    assert version.dagtekening is not None
    day = format_date(version.dagtekening)
    first = history.pip_date
    if first is None or amendment_in_force(history) is not version:
        return _("dagtekening {day}").format(day=day)
    return _("versie {number}, dagtekening {day} (eerste PIP: {first})").format(
        number=version.nummer, day=day, first=format_date(first)
    )


def open_pip_editor(vault: Vault, case_id: str) -> PipEditorWindow:
    """Raise the case's open PIP editor, or open one (top-level, so a lock closes it)."""
    audit_trail.record_view(vault, case_id, "pip")
    return open_for_case(PipEditorWindow, case_id, lambda: PipEditorWindow(vault, case_id))
