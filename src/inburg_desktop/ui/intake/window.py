"""The intake window of one case: the conversation (topic map beside the current topic),
the summary, the leerroute advice, and the oproepen and session records.

The window keeps a mirror of the case's fields; every edit updates the mirror, the topic
map, and goes to the autosave controller. It closes (and flushes) on lock like every
top-level window, and deletes itself on close, so no case data outlives the lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.counts import count
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.formatting import format_date, format_number, reason_text
from inburg_desktop.i18n import _, current_language, ngettext
from inburg_desktop.messages import error_text
from inburg_desktop.prompts.catalogue import Catalogue
from inburg_desktop.prompts.translations import localized
from inburg_desktop.services import audit_trail, intake_coa, intake_edit
from inburg_desktop.services.case_status import evaluate_case
from inburg_desktop.services.intake_edit import FieldMeta, LoadedIntake, StoredCase
from inburg_desktop.services.intake_oproepen import oproep_patch, status_of, stored_oproepen
from inburg_desktop.services.intake_progress import COVERED, PARKED, field_key, shipped_catalogue
from inburg_desktop.services.intake_sessions import session_patch, session_records
from inburg_desktop.services.intake_summary import build_overview
from inburg_desktop.services.route_advice_input import advice_for, route_choice, route_choice_patch
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui import mnemonics
from inburg_desktop.ui.close_guard import field_label, name_list, placed, unfinished_dates
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.intake.actions import build_actions, name_topic_actions
from inburg_desktop.ui.intake.autosave import AutosaveController
from inburg_desktop.ui.intake.case_refresh import CaseRefresher, started_values
from inburg_desktop.ui.intake.close_guard import IntakeCloseGuard
from inburg_desktop.ui.intake.oproepen_panel import OproepenPanel
from inburg_desktop.ui.intake.quick_switcher import QuickSwitcher
from inburg_desktop.ui.intake.route_panel import RoutePanel
from inburg_desktop.ui.intake.save_state import SaveStateLabel
from inburg_desktop.ui.intake.session_dialog import SessionDialog
from inburg_desktop.ui.intake.style import BASE_POINT_SIZE, STYLE_SHEET
from inburg_desktop.ui.intake.summary_view import SummaryView
from inburg_desktop.ui.intake.topic_map import TopicMapModel, TopicMapView
from inburg_desktop.ui.intake.topic_panel import TopicPanel
from inburg_desktop.ui.interpreter_window import InterpreterWindow
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.tasks import CancelToken, TaskGroup

TAB_CONVERSATION, TAB_SUMMARY, TAB_ROUTE, TAB_OPROEPEN = range(4)


@dataclass
class RefusedInput:
    """Input a field refused: kept on screen (also across topics) and not saved until the
    consultant changes it into something the field accepts (issue 13, item 2)."""

    topic_id: str
    field_id: str
    label: str
    reason: str  # in the UI language, as the field says it
    typed: Any  # the editor's ``typed()``, to show it again


USABLE_WIDTH = 980
"""The narrowest the intake is laid out for (px). Measured at 1366×768: below it the
Oproepen panel's legal note wrapped one word per line and form rows pushed fields out of
view (usability round 2 finding 11: squeezed to 818 px beside the interpreter view). The
interpreter view takes what is left beside it (``ui.window_placement``)."""


class IntakeWindow(QMainWindow):
    lock_requested = Signal()
    loaded = Signal()
    topic_changed = Signal(str)
    prompt_changed = Signal(str)

    def __init__(
        self,
        vault: Vault,
        case_id: str,
        catalogue: Catalogue | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("intakeWindow")
        self.setMinimumWidth(USABLE_WIDTH)
        self.vault = vault
        self.case_id = case_id
        # The Dutch catalogue (the interpreter view's Dutch line) and the same in the UI
        # language for the consultant's labels.
        self.source_catalogue = catalogue or shipped_catalogue()
        self.catalogue = localized(self.source_catalogue, current_language())
        self.today = today or date.today()
        self.stored: StoredCase | None = None
        self.fields: dict[str, Any] = {}
        self.meta: dict[str, FieldMeta] = {}
        self.topic_id = self.catalogue.topics[0].id
        self._viewed_topic: str | None = None  # the last topic recorded as viewed
        self.panel: TopicPanel | None = None
        self.discussed_now: set[str] = set()
        self.refused: dict[str, RefusedInput] = {}  # by field key
        self._close_confirmed = False
        self.close_question: QMessageBox | None = None
        self.opened_at = datetime.now()
        self.autosave = AutosaveController(vault, case_id, parent=self)
        self.autosave.refused.connect(self._vault_refused)
        self.refresher = CaseRefresher(self)
        self.close_guard = IntakeCloseGuard(self)
        self.interpreter: InterpreterWindow | None = None
        self.topic_actions: list[QAction] = []  # Ctrl+1…9 (ui.intake.actions)
        # The consultant's F9 choice for the topics' side column (None: by the width).
        self.side_column_choice: bool | None = None
        self.setWindowTitle(_("Brede intake"))
        self.resize(1366, 768)
        self._build()
        build_actions(self)
        # The same Alt+letters in every case and on every topic: given out first, never
        # moved by a topic's fields (usability round 6 #23).
        mnemonics.fix(
            *self.menuBar().actions(), self.tabs.tabBar(), self.details_button, self.pip_button
        )
        self.tasks = TaskGroup(self)
        self.reload()

    # layout -------------------------------------------------------------------
    def _build(self) -> None:
        root = QWidget()
        root.setObjectName("intakeRoot")
        root.setStyleSheet(STYLE_SHEET)
        font = root.font()
        font.setPointSize(BASE_POINT_SIZE)
        root.setFont(font)
        column = QVBoxLayout(root)
        column.setContentsMargins(12, 8, 12, 6)
        header = QHBoxLayout()
        self.person = QLabel(_("Dossier laden…"))
        self.person.setObjectName("topicTitle")
        # Wraps rather than widening the window: the interpreter view must fit beside it.
        self.person.setWordWrap(True)
        header.addWidget(self.person, 1)
        self.save_state = SaveStateLabel(self.autosave)
        header.addWidget(self.save_state)
        self.case_status = QLabel()
        self.case_status.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.case_status.setObjectName("intakeCaseStatus")
        self.case_status.setWordWrap(True)
        header.addWidget(self.case_status)
        self.details_button = QPushButton(_("Dossiergegevens…"))
        self.details_button.setObjectName("caseDetailsButton")
        self.details_button.clicked.connect(self.open_details)
        header.addWidget(self.details_button)
        self.pip_button = QPushButton(_("PIP opstellen"))
        self.pip_button.clicked.connect(self.open_pip)
        header.addWidget(self.pip_button)
        column.addLayout(header)
        self.notice = MessageLabel(root)
        self.save_state.notice = self.notice
        column.addWidget(self.notice)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        column.addWidget(self.tabs, 1)

        conversation = QWidget()
        row = QHBoxLayout(conversation)
        row.setContentsMargins(0, 8, 0, 0)
        row.setSpacing(12)
        left = QVBoxLayout()
        self.progress = QLabel()
        self.progress.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.progress.setObjectName("sectionTitle")
        left.addWidget(self.progress)
        self.map_model = TopicMapModel(self.catalogue.topics, self)
        self.map = TopicMapView(self.map_model)
        self.map.setFixedWidth(285)
        # Browsing the list with the arrow keys shows each topic and keeps the keyboard
        # in the list; Enter (or a double click) goes to the topic's first field.
        self.map.topic_selected.connect(lambda t: self.show_topic(t, focus=False))
        self.map.activated.connect(lambda _index: self.show_topic(self.topic_id))
        left.addWidget(self.map, 1)
        keys = QLabel(_("Ctrl+K zoeken · Ctrl+1…9 · Ctrl+P parkeren · Ctrl+Enter afgerond"))
        keys.setWordWrap(True)
        keys.setStyleSheet("color:#6b7280;font-size:9pt")
        left.addWidget(keys)
        row.addLayout(left)
        self.panel_host = QVBoxLayout()
        row.addLayout(self.panel_host, 1)
        self.tabs.addTab(conversation, _("&Gesprek"))

        self.summary = SummaryView()
        self.tabs.addTab(self.summary, _("&Samenvatting"))
        self.route_panel = RoutePanel()
        self.route_panel.choice_made.connect(self._route_chosen)
        self.tabs.addTab(self.route_panel, _("&Leerroute"))
        self.oproepen = OproepenPanel(self.today)
        self.oproepen.oproep_added.connect(self._oproep_added)
        self.oproepen.session_requested.connect(self.open_session_dialog)
        # A date typed there but not finished is not saved: the header says so too.
        for field in self.oproepen.findChildren(DateInput):
            field.changed.connect(self.show_refused)
            field.validity_changed.connect(lambda _valid: self.show_refused())
        self.tabs.addTab(self.oproepen, _("&Oproepen en verslagen"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(root)

    # loading --------------------------------------------------------------------
    def reload(self) -> None:
        """Read the case and its fields' provenance off the GUI thread, then show them."""
        vault, case_id = self.vault, self.case_id

        def work(_token: CancelToken) -> LoadedIntake:
            return intake_edit.open_intake(vault, case_id)

        self.tasks.run(work, self._loaded, self._load_failed)

    def _loaded(self, result: LoadedIntake) -> None:
        stored, meta = result.stored, result.meta
        self.stored = stored
        self.autosave.seen_version = stored.server_version
        self.fields = dict(stored.fields)
        self.meta = dict(meta)
        self.show_person(stored)
        self.show_case_status(stored)
        self._refresh_states()
        self.show_topic(self.topic_id, focus=False)
        self.map.setFocus()
        self.loaded.emit()

    def _load_failed(self, exc: BaseException) -> None:
        if self.close_guard.read_failed(exc):
            return  # the case left this laptop: the window closes with a message
        self.notice.show_message(
            _("Het dossier kon niet worden geopend: {error}").format(error=error_text(exc)),
            "error",
        )

    # state ------------------------------------------------------------------------
    def states(self) -> dict[str, TopicState]:
        return intake_edit.states(self.fields, self.catalogue)

    def _refresh_states(self) -> None:
        states = self.states()
        self.map_model.set_states(states)
        covered = sum(1 for s in states.values() if s is TopicState.COVERED)
        self.progress.setText(
            count(
                "{covered} van {n} onderwerp afgerond",
                "{covered} van {n} onderwerpen afgerond",
                len(states),
                covered=format_number(covered),
            )
        )
        if self.panel is not None:
            self.panel.set_state(states[self.topic_id])
            self.panel.show_required(self.fields)
            self._follow_missing(states[self.topic_id])

    def _follow_missing(self, state: TopicState) -> None:
        """The "Nog niet afgerond" banner follows the topic: gone once it is parked or
        covered, its list shortened as the missing answers are given, gone when none is
        missing any more (Ctrl+Enter will then do)."""
        panel = self.panel
        if panel is None or not panel.missing.has_message:
            return
        if state in (TopicState.PARKED, TopicState.COVERED):
            panel.missing.clear_message()
            return
        check = intake_edit.cover_check(self.fields, self.catalogue.topic(self.topic_id))
        if check.ok:
            panel.missing.clear_message()
        else:
            panel.show_missing(check.missing_labels, check.nothing_recorded)

    def _apply(self, patch: dict[str, Any], meta: dict[str, FieldMeta] | None = None) -> None:
        for key, value in patch.items():
            if value is None:
                self.fields.pop(key, None)
            else:
                self.fields[key] = value
        self.meta.update(meta or {})

    # topics -------------------------------------------------------------------------
    def show_topic(self, topic_id: str, focus: bool = True) -> None:
        if self.stored is None:
            return
        if self.panel is not None and topic_id == self.topic_id:
            if focus:
                self.panel.focus_first_field()
            return
        self.autosave.flush()
        self.tabs.setCurrentIndex(TAB_CONVERSATION)
        topic = self.catalogue.topic(topic_id)
        # the audit trail: a topic shown is a view of that part (queued, written off
        # this thread: never per keystroke); the same topic drawn again (a language
        # switch, a COA item confirmed) is no new view
        if topic_id != self._viewed_topic:
            audit_trail.record_view(self.vault, self.case_id, f"intake.{topic_id}")
            self._viewed_topic = topic_id
        self._drop_panel()
        coa = intake_coa.coa_items(self.fields, self.meta).get(topic_id, [])
        number = self.catalogue.topic_ids.index(topic_id) + 1
        state = self.states()[topic_id]
        panel = TopicPanel(
            topic, self.fields, self.meta, coa, state, number, side_column=self.side_column_choice
        )
        panel.side_column_chosen.connect(self._side_column_chosen)
        # A panel's signals carry the panel: a click or keystroke Qt delivers after the
        # consultant moved to another topic (the old panel is deleted later) belongs to
        # the old panel's topic, never to the one now shown.
        panel.answer_changed.connect(partial(self._answer_from, panel))
        panel.refusal_changed.connect(partial(self._refusal_from, panel))
        panel.prompt_changed.connect(self.prompt_changed)
        panel.park_clicked.connect(partial(self._if_shown, panel, self.toggle_park))
        panel.cover_clicked.connect(partial(self._if_shown, panel, self.mark_covered))
        if panel.coa_box is not None:
            panel.coa_box.confirm.connect(self._coa_confirm)
            panel.coa_box.correct.connect(self._coa_correct)
        self.panel_host.addWidget(panel)
        self.panel = panel
        self.topic_id = topic_id
        for refused in list(self.refused.values()):
            if refused.topic_id == topic_id:  # typed before, still refused: shown again
                panel.editor(refused.field_id).show_typed(refused.typed)
        self.map.show_topic(topic_id)
        self.topic_changed.emit(topic_id)
        self.prompt_changed.emit(panel.current_prompt_id())
        if focus:
            panel.focus_first_field()

    def _drop_panel(self) -> None:
        if self.panel is not None:
            for field_id, editor in self.panel.all_editors().items():
                refused = self.refused.get(field_key(self.topic_id, field_id))
                if refused is not None:
                    refused.typed = editor.typed()  # as it stands now
            self.panel_host.removeWidget(self.panel)
            self.panel.hide()
            self.panel.deleteLater()
            self.panel = None

    def step_topic(self, step: int) -> None:
        ids = self.catalogue.topic_ids
        self.show_topic(ids[(ids.index(self.topic_id) + step) % len(ids)])

    def next_prompt(self, step: int = 1) -> None:
        if self.panel is not None:
            self.tabs.setCurrentIndex(TAB_CONVERSATION)
            self.panel.next_prompt(step)

    def toggle_side_column(self) -> None:
        """F9: show or hide the side column (the questions, the tips, the COA data) of
        the conversation; the choice holds for every topic in this window."""
        if self.panel is not None:
            self.tabs.setCurrentIndex(TAB_CONVERSATION)
            self.panel.toggle_side_column()

    def _side_column_chosen(self, shown: bool) -> None:
        self.side_column_choice = shown

    def open_switcher(self) -> None:
        if self.stored is None:
            return
        switcher = QuickSwitcher(self.catalogue.topics, self.states(), self)
        switcher.chosen.connect(self.show_topic)
        switcher.finished.connect(self._dialog_closed)
        switcher.finished.connect(switcher.deleteLater)
        switcher.open()
        switcher.query.setFocus()
        self.switcher = switcher

    # edits ----------------------------------------------------------------------------
    def _answer_from(self, panel: TopicPanel, field_id: str, value: object) -> None:
        if panel is self.panel:
            self._answer_changed(field_id, value)
        else:  # typed just before the topic changed: saved under its own topic
            self._answer_changed(field_id, value, topic_id=panel.topic.id)

    def _refusal_from(self, panel: TopicPanel, field_id: str) -> None:
        if panel is self.panel:  # a panel on its way out keeps its refusals as they were
            self._refusal_changed(field_id)

    def _if_shown(self, panel: TopicPanel, action: Callable[[], None]) -> None:
        """Run ``action`` (park, cover) only for the panel on screen: a click that reaches
        a panel after the topic changed would otherwise act on the new topic."""
        if panel is self.panel:
            action()

    def _refusal_changed(self, field_id: str) -> None:
        """A field began or stopped refusing its input: keep the refused input (and take
        back an unsaved keystroke before it), and say what is not saved in the header."""
        if self.panel is None:
            return
        editor = self.panel.editor(field_id)
        key = field_key(self.topic_id, field_id)
        reason = editor.refusal()
        if reason is None:
            self.refused.pop(key, None)
        else:
            self.refused[key] = RefusedInput(
                self.topic_id, field_id, editor.item.label, reason, editor.typed()
            )
            pending, before = self.autosave.withdraw(key)
            if pending:  # "4" on the way to "45": the vault keeps what it had
                self._apply({key: before})
                self._refresh_states()
        self.show_refused()

    def _vault_refused(self, key: str, error: object, before: object) -> None:
        """The vault refused a value the field let through (too large to go to the
        office): the field keeps it on screen, the mirror and the vault keep the value
        from before, and the field and the header say it is not saved."""
        parts = key.split(".")
        if len(parts) != 3 or parts[0] != "intake":
            return
        _prefix, topic_id, field_id = parts
        try:
            item = self.catalogue.field(topic_id, field_id)
        except KeyError:
            return
        problem = getattr(error, "problem", "")
        reason = (
            _("Niet opgeslagen: deze waarde is te groot om op te slaan en naar kantoor te sturen.")
            if problem == "too_large"
            else _("Niet opgeslagen: deze waarde kan niet worden opgeslagen.")
        )
        typed = self.fields.get(key)
        if self.panel is not None and topic_id == self.topic_id:
            editor = self.panel.all_editors().get(field_id)
            if editor is not None:
                editor.refuse(reason)
                typed = editor.typed()
        self._apply({key: before})
        self.refused[key] = RefusedInput(topic_id, field_id, item.label, reason, typed)
        # A warning, not an error: the next successful save (of other fields) clears errors.
        self.notice.show_message(f"{item.label}: {reason}", "warning")
        self._refresh_states()
        self.show_refused()

    def show_refused(self) -> None:
        """The header's save state: the topic fields holding refused input, and the dates
        typed outside the topics (Oproepen en verslagen) that are not finished; neither
        is saved, so it never says "Alles opgeslagen" meanwhile."""
        labels = [r.label for r in self.refused.values()]
        unfinished = unfinished_dates(self.oproepen)
        labels += [field_label(field.edit, self.oproepen) for field in unfinished]
        self.save_state.set_refused(tuple(labels))

    def _answer_changed(self, field_id: str, value: object, topic_id: str | None = None) -> None:
        topic_id = self.topic_id if topic_id is None else topic_id
        try:
            patch, meta = intake_edit.answer_patch(self.catalogue, topic_id, field_id, value)
        except intake_edit.AnswerRefused as refused:
            # The editors refuse such input themselves; should one not, nothing is saved
            # and the header and the notice say so (never "Opgeslagen").
            key = field_key(topic_id, field_id)
            said = error_text(refused)
            self.refused[key] = RefusedInput(topic_id, field_id, refused.item.label, said, value)
            self.notice.show_message(
                _("{field}: niet opgeslagen. {problem}").format(
                    field=refused.item.label, problem=said
                ),
                "error",
            )
            self.show_refused()
            return
        key = field_key(topic_id, field_id)
        if self.refused.pop(key, None) is not None:
            self.show_refused()
        if topic_id not in self.discussed_now:
            self.discussed_now.add(topic_id)
            patch.update(intake_edit.discussed_patch(self.fields, topic_id, datetime.now()))
        # The answer's start value goes along: a sync may have changed it underneath.
        started = started_values(self.fields, {k: v for k, v in patch.items() if k in meta})
        self._apply(patch, meta)
        self.autosave.schedule(patch, meta, started)
        self._refresh_states()

    def toggle_park(self) -> None:
        if self.stored is None:
            return
        parked = self.states()[self.topic_id] is TopicState.PARKED
        patch = intake_edit.mark_patch(self.topic_id, PARKED, not parked)
        if not parked:
            patch.update(intake_edit.mark_patch(self.topic_id, COVERED, False))
        started = started_values(self.fields, patch)
        self._apply(patch)
        self.autosave.save_now(patch, started=started)
        self._refresh_states()

    def mark_covered(self) -> None:
        if self.stored is None or self.panel is None:
            return
        topic = self.catalogue.topic(self.topic_id)
        if self.states()[self.topic_id] is TopicState.COVERED:
            patch = intake_edit.mark_patch(self.topic_id, COVERED, False)
        else:
            check = intake_edit.cover_check(self.fields, topic)
            if not check.ok:
                self.panel.show_missing(check.missing_labels, check.nothing_recorded)
                return
            patch = intake_edit.mark_patch(self.topic_id, COVERED, True)
            patch.update(intake_edit.mark_patch(self.topic_id, PARKED, False))
        started = started_values(self.fields, patch)
        self._apply(patch)
        self.autosave.save_now(patch, started=started)
        self._refresh_states()

    def _coa_confirm(self, key: str) -> None:
        patch, meta = intake_coa.confirm_patch(self.catalogue, self.fields, key, self.today)
        self._save_and_reshow(patch, meta)

    def _coa_correct(self, key: str, text: str) -> None:
        patch, meta = intake_coa.correct_patch(key, text)
        self._save_and_reshow(patch, meta)

    def _save_and_reshow(self, patch: dict[str, Any], meta: dict[str, FieldMeta]) -> None:
        started = started_values(self.fields, patch)
        self._apply(patch, meta)
        self.autosave.save_now(patch, meta, started)
        self._drop_panel()
        self.show_topic(self.topic_id, focus=False)
        self._refresh_states()

    # the other tabs ---------------------------------------------------------------------
    def current_stored(self) -> StoredCase:
        assert self.stored is not None
        return StoredCase(self.stored.case, self.stored.version, dict(self.fields))

    def _tab_changed(self, index: int) -> None:
        if self.stored is None:
            return
        if index == TAB_SUMMARY:
            self.summary.show_overview(
                build_overview(self.current_stored(), self.meta, self.catalogue)
            )
        elif index == TAB_ROUTE:
            self.route_panel.show_advice(
                advice_for(self.current_stored(), self.today), route_choice(self.fields)
            )
        elif index == TAB_OPROEPEN:
            plichtig = evaluate_case(self.current_stored(), self.today).plicht.plichtig
            self.oproepen.show_data(
                stored_oproepen(self.fields),
                status_of(self.fields, plichtig=plichtig),
                session_records(self.fields),
            )

    def _route_chosen(self, route: object, reason: str) -> None:
        advice = advice_for(self.current_stored(), self.today)
        patch, meta = route_choice_patch(route, reason, advice.route, datetime.now())  # type: ignore[arg-type]
        started = started_values(self.fields, patch)
        self._apply(patch, meta)
        self.autosave.save_now(patch, meta, started)
        self._tab_changed(TAB_ROUTE)

    def _oproep_added(self, stored: object) -> None:
        patch, meta = oproep_patch(stored)  # type: ignore[arg-type]
        self._apply(patch, meta)
        self.autosave.save_now(patch, meta)
        self._tab_changed(TAB_OPROEPEN)

    def open_session_dialog(self) -> None:
        if self.stored is None:
            return
        minutes = int((datetime.now() - self.opened_at).total_seconds() // 60)
        dialog = SessionDialog(self.today, max(minutes, 1), self)
        dialog.recorded.connect(self._session_recorded)
        dialog.finished.connect(self._dialog_closed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.session_dialog = dialog

    def _dialog_closed(self) -> None:
        # Back to this window, with the keyboard where it was (some platforms leave it nowhere).
        if self.isVisible():
            self.activateWindow()

    def _session_recorded(self, record: object) -> None:
        patch, meta = session_patch(record)  # type: ignore[arg-type]
        self._apply(patch, meta)
        self.autosave.save_now(patch, meta)
        self._tab_changed(self.tabs.currentIndex())

    def retranslate(self) -> None:
        """The UI language changed (``ui.retranslate`` said the window's messages again):
        make what comes from the catalogue and the case again in the new language, the
        topic shown rebuilt from the mirror. Typed text is in the mirror (and saved by
        the flush), refused input is kept by ``_drop_panel``; the keyboard goes back to
        the field it was in (usability round 6 finding 19)."""
        self.catalogue = localized(self.source_catalogue, current_language())
        self.map_model.beginResetModel()
        self.map_model.topics = self.catalogue.topics
        self.map_model.endResetModel()
        name_topic_actions(self)
        if self.stored is None:
            return
        focus = QApplication.focusWidget()
        panel = self.panel
        path = _names_to(focus, panel) if panel is not None and focus is not None else []
        self.show_person(self.stored)
        self.show_case_status(self.stored)
        topic = self.topic_id
        self.autosave.flush()
        self._drop_panel()
        self.show_topic(topic, focus=False)
        self._refresh_states()
        self._tab_changed(self.tabs.currentIndex())
        if path and self.panel is not None:
            _widget_at(self.panel, path).setFocus(Qt.FocusReason.OtherFocusReason)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Whatever happened before activation, the keyboard always lands somewhere useful.
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and QApplication.focusWidget() is None
        ):
            target = self.focusWidget() or self.map
            target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def open_interpreter(self) -> None:
        """Open (or raise) the interpreter view; it follows this window's prompt and is
        handed prompt ids and language codes only, never case data."""
        opening = self.interpreter is None
        if self.interpreter is None:
            person = self.stored.case.person if self.stored is not None else None
            view = InterpreterWindow(
                self.source_catalogue,
                [] if person is None else list(person.languages),
                preferred=None if person is None else person.preferred_language,
            )
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            # Shown, not activated: the consultant goes on typing in the intake.
            view.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
            view.destroyed.connect(self._interpreter_closed)
            self.prompt_changed.connect(view.show_prompt)
            view.step_requested.connect(self.next_prompt)
            view.place_beside(self)
            self.interpreter = view
        if self.panel is not None:
            self.interpreter.show_prompt(self.panel.current_prompt_id())
        typing_in = QApplication.focusWidget()
        self.interpreter.show()
        if opening:
            # Again now that it is shown: its first show fits it to the screen with a
            # frame it could not know before (``ui.window_size``), which moved it over
            # the intake's edge; shown, its frame is known (or assumed the same way).
            self.interpreter.place_beside(self)
        self.interpreter.raise_()
        if self.isVisible():
            self.activateWindow()
            if typing_in is not None and typing_in.window() is self:
                typing_in.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def show_to_newcomer(self) -> None:
        """F12 from the intake, as in the interpreter view: open the view if it is not
        open and show the current question full screen to the newcomer. The view gets the
        keyboard, so Esc there returns it to a window (and F8 steps on); the intake is
        beneath, as it was."""
        self.open_interpreter()
        view = self.interpreter
        if view is None:  # the window is closing
            return
        view.show_to_newcomer()
        view.raise_()
        view.activateWindow()

    def _interpreter_closed(self) -> None:
        self.interpreter = None

    def show_person(self, stored: StoredCase) -> None:
        """Who the intake is with, in the header and the title (after a load, and when a
        correction or a sync changed the personal data)."""
        person = stored.case.person
        self.person.setText(
            _("{name} · geboren {born} · brede intake").format(
                name=person.display_name, born=format_date(person.date_of_birth)
            )
        )
        self.setWindowTitle(_("Brede intake — {name}").format(name=person.display_name))

    def show_case_status(self, stored: StoredCase) -> None:
        """The PIP deadline (t/m) and what the data say about the plicht, in the header."""
        evaluation = evaluate_case(stored, self.today)
        deadline = evaluation.deadlines.pip_deadline
        if evaluation.deadlines.niet_plichtig:
            text = _("Geen PIP-termijn")
        elif deadline is None:
            text = _("PIP: wacht op informatie van een derde")
        else:
            text = _("PIP uiterlijk {date}").format(date=format_date(deadline))
            if evaluation.deadlines.pip_deadline_provisional:
                text += " " + _("(voorlopig)")
        notes = [reason_text(r) for r in evaluation.warnings]
        if not evaluation.plicht.plichtig:
            text += " · " + _("niet plichtig volgens de gegevens")
            notes.insert(0, reason_text(evaluation.plicht.reasons[0]))
        if evaluation.warnings:
            text += " · ⚠ " + count(
                "{n} aandachtspunt", "{n} aandachtspunten", len(evaluation.warnings)
            )
        self.case_status.setText(text)
        self.case_status.setToolTip("\n".join(f"• {note}" for note in notes))

    def conversation_cycle(self) -> list[QWidget]:
        """On the Gesprek tab, the order Tab goes round: the topic map, the form in its
        reading order (fields, notes, park/afgerond, COA), the header's buttons and the
        tabs, then the map again. Empty on the other tabs (Qt's own order there)."""
        if self.tabs.currentIndex() != 0 or self.panel is None:
            return []
        form = [w for w in self.panel.tab_chain() if w.isVisibleTo(self.panel)]
        return [self.map, *form, self.details_button, self.pip_button, self.tabs.tabBar()]

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab follow :meth:`conversation_cycle`, so the form can be left
        (it used to keep the keyboard: Tab went round its own fields only)."""
        cycle = self.conversation_cycle()
        current = QApplication.focusWidget()
        if current not in cycle:
            return super().focusNextPrevChild(next)
        index = cycle.index(current)
        step = 1 if next else -1
        for distance in range(1, len(cycle) + 1):
            target = cycle[(index + step * distance) % len(cycle)]
            if target.isVisible() and target.isEnabled():
                reason = (
                    Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
                )
                target.setFocus(reason)
                if self.panel is not None and self.panel.isAncestorOf(target):
                    self.panel.reveal(target)
                return True
        return super().focusNextPrevChild(next)

    def open_details(self) -> None:
        """Dossiergegevens: residence basis, permit, kennisgeving, move, third-party wait."""
        from inburg_desktop.ui.case_details import CaseDetailsDialog

        self.autosave.flush()
        dialog = CaseDetailsDialog(self.vault, self.case_id, self.today, self)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open()
        self.details_dialog = dialog

    def open_pip(self) -> None:
        from inburg_desktop.ui.pip import open_pip_editor

        self.autosave.flush()
        open_pip_editor(self.vault, self.case_id)

    def close_asking(self) -> None:
        """Close as the consultant asks (Ctrl+W, the window's close button): while a field
        holds input that was not saved, ask first instead of dropping it unseen. Locking
        closes without asking (the lock must never wait on a question)."""
        if not self._ask_before_closing():
            self.close()

    def _ask_before_closing(self) -> bool:
        """Open the question when refused input would be lost; True if it was opened."""
        if not self.refused or self._close_confirmed:
            return False
        # a field of a topic not shown is named with its topic (usability round 8, #4);
        # "Terug naar het veld" goes there
        titles = {topic.id: topic.title for topic in self.catalogue.topics}
        in_view = self.tabs.currentIndex() == TAB_CONVERSATION
        labels = [
            r.label
            if in_view and r.topic_id == self.topic_id
            else placed(r.label, titles.get(r.topic_id, ""))
            for r in self.refused.values()
        ]
        box = QMessageBox(self)
        box.setObjectName("refusedOnClose")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Niet opgeslagen"))
        box.setText(
            ngettext(
                "{count} waarde is niet opgeslagen: {fields}.",
                "{count} waarden zijn niet opgeslagen: {fields}.",
                len(labels),
            ).format(count=format_number(len(labels)), fields=name_list(labels))
        )
        box.setInformativeText(
            _("Bij sluiten gaat wat daar getypt staat verloren; het dossier houdt de oude waarde.")
        )
        back = box.addButton(_("Terug naar het veld"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(_("Sluiten zonder deze waarden"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.finished.connect(lambda _result: self._closing_answered(box.clickedButton() is back))
        box.finished.connect(box.deleteLater)
        box.open()
        self.close_question = box
        return True

    def _closing_answered(self, back: bool) -> None:
        self.close_question = None
        if back:
            first = next(iter(self.refused.values()))
            self.tabs.setCurrentIndex(TAB_CONVERSATION)
            self.show_topic(first.topic_id, focus=False)
            if self.panel is not None:
                self.panel.editor(first.field_id).focus_target().setFocus()
            return
        self._close_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window manager's close button is the consultant's own act, like Ctrl+W.
        if event.spontaneous() and self._ask_before_closing():
            event.ignore()
            return
        if not self.close_guard.may_close(event):  # flushes; never drops typed edits silently
            event.ignore()
            return
        if self.interpreter is not None:
            self.interpreter.close()
        super().closeEvent(event)


def _names_to(widget: QWidget, panel: QWidget) -> list[str]:
    """The object names from ``panel`` down to ``widget`` (a topic's field editors are
    named for their field); [] when ``widget`` is not in ``panel``."""
    names: list[str] = []
    current: QWidget | None = widget
    while current is not None and current is not panel:
        if current.objectName():
            names.append(current.objectName())
        current = current.parentWidget()
    return list(reversed(names)) if current is panel else []


def _widget_at(panel: QWidget, path: list[str]) -> QWidget:
    """The widget of ``panel`` that :func:`_names_to` named (as far as it is found)."""
    found = panel
    for name in path:
        inner = found.findChild(QWidget, name)
        if inner is None:
            break
        found = inner
    return found
