"""The main window: the consultant's case list with search, import and lock."""

from __future__ import annotations

import heapq
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.counts import count
from inburg_desktop.domain.handover import HandoverError, read_handover_file
from inburg_desktop.domain.problem import GlyphsReplaced
from inburg_desktop.formatting import format_number, reason_text
from inburg_desktop.i18n import _, current_language
from inburg_desktop.locale_names import picker_label
from inburg_desktop.messages import error_text, file_problem, problem_text, sentences
from inburg_desktop.prompts.translations import prompt_language_codes
from inburg_desktop.services.case_import import ImportedCase, import_case
from inburg_desktop.services.case_list import (
    CaseListRow,
    CaseListUpdate,
    case_rows,
    changed_case_rows,
)
from inburg_desktop.services.errors import VaultError
from inburg_desktop.services.files import export_file
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.services.vault_session import Vault, on_write
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.agenda import AgendaPage
from inburg_desktop.ui.app_actions import AppActions
from inburg_desktop.ui.app_actions import register as register_app_actions
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.case_table_model import (
    COL_INTAKE,
    COL_NAME,
    COL_PIP_DEADLINE,
    ROW_ROLE,
    CaseFilterModel,
    CaseTableModel,
    display_text,
    width_texts,
)
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.keys import key_sequence
from inburg_desktop.ui.language_order import ordered_codes
from inburg_desktop.ui.letterhead_dialog import LetterheadDialog
from inburg_desktop.ui.menu_names import CONSULENT_ITEM, LETTERHEAD_ITEM, SETTINGS_MENU
from inburg_desktop.ui.notice_bar import NoticeBar
from inburg_desktop.ui.passphrase_dialog import PassphraseDialog
from inburg_desktop.ui.quit_app import quit_app
from inburg_desktop.ui.shortcut_overview import add_help_menu
from inburg_desktop.ui.single_window import raise_open
from inburg_desktop.ui.tasks import CancelToken, Task, TaskGroup
from inburg_desktop.ui.vault_messages import unlock_message

if TYPE_CHECKING:  # the sync stack (engine, httpx) only when a sync window is opened
    from inburg_desktop.ui.quarantine_view import QuarantineView
    from inburg_desktop.ui.sync_window import SyncWindow


def _name_length(row: CaseListRow) -> int:
    return len(row.family_name) + len(row.given_names) + len(row.gemeente_naam)


CELL_PADDING = 8
"""Pixels beside a cell's text beyond the style's own margins, so columns do not touch."""
NAME_SAMPLE = 60
"""The names a Naam column's width is worked out from: the longest (by characters)."""
NAME_COLUMN_SHARE = 0.34
"""The Naam column is as wide as the longest name, but at most this share of the table, so
the deadline and its status ("● te laat") always have their room (names elide instead,
whole in their tooltip)."""


def empty_import_hint() -> str:
    """The empty list's words on a laptop not enrolled with an office."""
    return _(
        "Nog geen dossiers. Importeer een overdrachtsbestand via Bestand → "
        "Overdrachtsbestand importeren, of sleep het bestand in dit venster."
    )


class MainWindow(QMainWindow):
    lock_requested = Signal()
    language_requested = Signal(str)
    idle_minutes_requested = Signal(float)
    synced = Signal()  # a sync round ended: office settings may have changed
    case_opened = Signal(str)

    def __init__(
        self, vault: Vault, banner: str | None = None, *, start_on_agenda: bool = False
    ) -> None:
        """``start_on_agenda``: open on the agenda (as after unlock, ``ui.app``), else
        on the case list."""
        super().__init__()
        self.vault = vault
        self.tasks = TaskGroup(self)
        self.setWindowTitle(_("inburg-desktop — dossiers"))
        self.setAcceptDrops(True)
        self.resize(1280, 720)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 8, 12, 8)
        self.demo_bar = NoticeBar(closable=False)
        if banner:
            self.demo_bar.show_message(banner, "demo")
        layout.addWidget(self.demo_bar)
        self.notice = NoticeBar()
        self.notice.setObjectName("notice")
        layout.addWidget(self.notice)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setAccessibleName(_("Zoeken in de dossiers"))
        self.search.setPlaceholderText(
            _("Zoeken op naam, V-nummer, nationaliteit of taal (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(34)
        self.search.installEventFilter(self)
        # The agenda and the case list side by side as tabs: each one click, or Ctrl+1 /
        # Ctrl+2 (menu Beeld), away from the other.
        self.pages = QTabWidget()
        self.pages.setObjectName("mainPages")
        self.pages.setDocumentMode(True)
        self.agenda = AgendaPage(vault, self, self.tasks)
        self.pages.addTab(self.agenda, _("&Agenda"))
        self.cases_page = QWidget()
        self.cases_page.setObjectName("casesPage")
        cases_layout = QVBoxLayout(self.cases_page)
        cases_layout.setContentsMargins(0, 4, 0, 0)
        self.pages.addTab(self.cases_page, _("&Dossiers"))
        layout.addWidget(self.pages, 1)
        cases_layout.addWidget(self.search)

        self.model = CaseTableModel()
        self.proxy = CaseFilterModel()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setAccessibleName(_("Dossiers"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_PIP_DEADLINE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        # Widths set from what the columns can show (_fit_columns), never sized to their
        # contents by Qt: that asks every cell of the list at every fit (a thousand rows
        # per column), so each keystroke of a search cost more than a frame. The
        # consultant may drag a column wider; the last takes what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        cases_layout.addWidget(self.table, 1)
        self.empty_hint = QLabel(empty_import_hint())
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color:#555;font-size:12pt;padding:24px")
        cases_layout.addWidget(self.empty_hint)
        self.setCentralWidget(central)
        self.pages.setCurrentWidget(self.agenda if start_on_agenda else self.cases_page)

        self.search.textChanged.connect(self._filter)
        self.pages.currentChanged.connect(self._page_changed)
        # The agenda's count in the status bar follows its list (read, done, undone).
        agenda_model = self.agenda.model
        for signal in (
            agenda_model.modelReset,
            agenda_model.dataChanged,
            agenda_model.rowsInserted,
            agenda_model.rowsRemoved,
        ):
            signal.connect(self._agenda_shown_changed)
        self.table.activated.connect(self._activated)
        self._build_menus()
        self._load_task: Task[list[CaseListRow]] | None = None
        self._update_task: Task[CaseListUpdate] | None = None
        self._shown_versions: dict[str, tuple[int, int]] = {}
        self._loaded_on: date | None = None
        self._refresh_queued = False
        self._select_after_load: str | None = None
        # one of each per app: opening again raises it (ui.single_window)
        self.sync_window: SyncWindow | None = None
        self.conflict_view: ConflictView | None = None
        self.quarantine_view: QuarantineView | None = None
        self._wanted_widths: dict[int, int] = {}  # by column, from the rows' texts
        self._fitted_widths: dict[int, int] = {}  # by column, as last set here
        # The list follows every committed write to the vault, from any window or use
        # case (services.vault_session.on_write), not only a sync.
        case_events().vault_written.connect(self.refresh_soon)
        case_events().case_changed.connect(self._case_changed)  # a method: ends with us
        self._stop_watching = on_write(vault, case_events().vault_written.emit)
        self.refresh()
        if start_on_agenda:
            self.agenda.focus_list()

    # menus -----------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&Bestand"))
        self.import_action = QAction(_("Overdrachtsbestand &importeren…"), self)
        self.import_action.setShortcut(key_sequence("Ctrl+I"))
        self.import_action.triggered.connect(self.choose_import)
        file_menu.addAction(self.import_action)
        self.new_case_action = QAction(_("&Nieuw dossier…"), self)
        self.new_case_action.setShortcut(key_sequence("Ctrl+N"))
        self.new_case_action.triggered.connect(self.open_new_case)
        file_menu.addAction(self.new_case_action)
        self.correct_action = QAction(_("Persoonsgegevens &corrigeren…"), self)
        self.correct_action.triggered.connect(self.open_correction)
        file_menu.addAction(self.correct_action)
        self.open_intake_action = QAction(_("Intake &openen (Enter)"), self)
        self.open_intake_action.setShortcut(key_sequence("Ctrl+O"))
        self.open_intake_action.triggered.connect(self.open_selected)
        file_menu.addAction(self.open_intake_action)
        self.details_action = QAction(_("&Dossiergegevens…"), self)
        self.details_action.setShortcut(key_sequence("Ctrl+Shift+D"))
        self.details_action.triggered.connect(self.open_details)
        file_menu.addAction(self.details_action)
        self.pip_action = QAction(_("&PIP opstellen"), self)
        self.pip_action.setShortcut(key_sequence("Ctrl+Shift+P"))
        self.pip_action.triggered.connect(self.open_pip)
        file_menu.addAction(self.pip_action)
        self.handhaving_action = QAction(_("&Handhaving…"), self)  # violations and fines
        self.handhaving_action.triggered.connect(self.open_handhaving)
        file_menu.addAction(self.handhaving_action)
        self.talk_action = QAction(_("Voort&gangsgesprek…"), self)  # issue 15 item 2
        self.talk_action.setShortcut(key_sequence("Ctrl+Shift+G"))
        self.talk_action.triggered.connect(self.open_talk)
        file_menu.addAction(self.talk_action)
        self.progress_action = QAction(_("Voo&rtgang en nazorg…"), self)  # issue 15 items 3, 5
        self.progress_action.setShortcut(key_sequence("Ctrl+Shift+V"))
        self.progress_action.triggered.connect(self.open_progress)
        file_menu.addAction(self.progress_action)
        # issue 16: who saw or changed what of the case (ui/audit_log_dialog.py)
        self.audit_log_action = QAction(_("&Logboek…"), self)
        self.audit_log_action.triggered.connect(self.open_audit_log)
        file_menu.addAction(self.audit_log_action)
        # AVG art. 15 and 20: the person's own copy (ui/subject_access_dialog.py)
        self.subject_access_action = QAction(_("In&zageverzoek (AVG)…"), self)
        self.subject_access_action.triggered.connect(self.request_subject_access)
        file_menu.addAction(self.subject_access_action)
        self.booklet_menu = booklet_menu = file_menu.addMenu(_("Vragen&boekje voor de tolk (PDF)"))
        self.booklet_actions: dict[str, QAction] = {}
        for code in ordered_codes(prompt_language_codes()):
            action = QAction(picker_label(code, current_language()), self)
            action.triggered.connect(lambda _c=False, c=code: self.export_booklet(c))
            booklet_menu.addAction(action)
            self.booklet_actions[code] = action
        file_menu.addSeparator()
        self.lock_action = QAction(_("&Vergrendelen"), self)
        self.lock_action.setShortcut(key_sequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested.emit)
        file_menu.addAction(self.lock_action)
        quit_action = QAction(_("&Afsluiten"), self)
        # Spelled out: not every platform theme binds StandardKey.Quit (then it is empty)
        quit_action.setShortcut(key_sequence("Ctrl+Q"))
        quit_action.triggered.connect(self.quit_app)
        self.quit_action = quit_action
        file_menu.addAction(quit_action)

        find = QAction(_("Zoeken"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.show_cases)
        find.triggered.connect(self.search.setFocus)
        self.addAction(find)

        view_menu = bar.addMenu(_("Bee&ld"))
        self.agenda_page_action = QAction(_("&Agenda"), self)
        self.agenda_page_action.setShortcut(key_sequence("Ctrl+1"))
        self.agenda_page_action.triggered.connect(self.show_agenda)
        view_menu.addAction(self.agenda_page_action)
        self.cases_page_action = QAction(_("&Dossierlijst"), self)
        self.cases_page_action.setShortcut(key_sequence("Ctrl+2"))
        self.cases_page_action.triggered.connect(self.show_cases)
        view_menu.addAction(self.cases_page_action)
        agenda_menu = bar.addMenu(_("A&genda"))
        for action in self.agenda.actions_for_menu():
            agenda_menu.addAction(action)

        sync_menu = bar.addMenu(_("&Synchroniseren"))
        self.sync_action = QAction(_("&Synchroniseren met kantoor…"), self)
        self.sync_action.setShortcut(key_sequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(self.open_sync)
        sync_menu.addAction(self.sync_action)
        self.conflicts_action = QAction(_("&Conflicten oplossen…"), self)
        self.conflicts_action.triggered.connect(self.open_conflicts)
        sync_menu.addAction(self.conflicts_action)
        self.quarantine_action = QAction(_("&Apart gezet…"), self)
        self.quarantine_action.triggered.connect(self.open_quarantine)
        sync_menu.addAction(self.quarantine_action)
        # Ctrl+Shift+S, Ctrl+L and Ctrl+Q work from every window (ui.app_actions)
        register_app_actions(
            AppActions(sync=self.sync_action, lock=self.lock_action, quit=self.quit_action)
        )

        settings = bar.addMenu(_(SETTINGS_MENU))
        self.letterhead_action = QAction(_(LETTERHEAD_ITEM), self)
        self.letterhead_action.triggered.connect(self.open_letterhead)
        settings.addAction(self.letterhead_action)
        self.consulent_action = QAction(_(CONSULENT_ITEM), self)
        self.consulent_action.triggered.connect(self.open_consulent_name)
        settings.addAction(self.consulent_action)
        self.grace_action = QAction(_("&Gesloten dossiers bewaren…"), self)
        self.grace_action.triggered.connect(self.open_grace)
        settings.addAction(self.grace_action)
        self.passphrase_action = QAction(_("&Wachtwoord wijzigen…"), self)
        self.passphrase_action.triggered.connect(self.open_passphrase)
        settings.addAction(self.passphrase_action)
        language = settings.addMenu(_("&Taal van de app"))
        for code, label in (("nl", "Nederlands"), ("en", "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(code == current_language())
            action.triggered.connect(lambda _c=False, c=code: self.language_requested.emit(c))
            language.addAction(action)
        idle = settings.addMenu(_("&Automatisch vergrendelen na"))
        self.idle_menu = idle
        self.idle_actions: dict[float, QAction] = {}
        for minutes in (2, 5, 10, 15, 30):
            action = QAction(count("{n} minuut", "{n} minuten", minutes), self)
            action.setCheckable(True)
            action.triggered.connect(
                lambda _c=False, m=minutes: self.idle_minutes_requested.emit(float(m))
            )
            idle.addAction(action)
            self.idle_actions[float(minutes)] = action
        idle.addSeparator()
        self.idle_office_note = QAction(self)
        self.idle_office_note.setObjectName("idleOfficeNote")
        self.idle_office_note.setEnabled(False)
        self.idle_office_note.setVisible(False)
        idle.addAction(self.idle_office_note)
        add_help_menu(self, self.vault)

    def show_idle_lock(self, chosen: float, office_maximum: float | None) -> None:
        """Mark the consultant's choice and show the office's maximum (choices above it
        are disabled: the office's setting wins, AVG art. 32 policy of the municipality)."""
        effective = chosen if office_maximum is None else min(chosen, office_maximum)
        for minutes, action in self.idle_actions.items():
            action.setChecked(minutes == effective)
            action.setEnabled(office_maximum is None or minutes <= office_maximum)
        if office_maximum is None:
            self.idle_office_note.setVisible(False)
            return
        self.idle_office_note.setText(
            count(
                "Het kantoor staat hoogstens {n} minuut toe",
                "Het kantoor staat hoogstens {n} minuten toe",
                office_maximum,
            )
        )
        self.idle_office_note.setVisible(True)

    def export_booklet(self, language: str) -> None:
        """Write the prompt booklet where the consultant chooses (no personal data in it)."""
        path = dialogs.choose_save_file(
            self,
            _("Vragenboekje opslaan"),
            f"vragenboekje-{language}.pdf",
            _("PDF-bestanden (*.pdf)"),
        )
        if path is None:
            return
        # The PDF stack (ReportLab) on first use, not with the main window: it was a
        # tenth of a second of importing the main window (issue 14).
        from inburg_desktop.pdf.booklet import render_booklet
        from inburg_desktop.pdf.document import noting_replaced

        catalogue = shipped_catalogue()  # the booklet is Dutch beside the newcomer's language

        def written(made: tuple[object, GlyphsReplaced | None]) -> None:
            said = _("Vragenboekje opgeslagen: {name}").format(name=path.name)
            if made[1] is None:
                self.notice.show_message(said, "info")
            else:  # a translation with a character no font draws (issue 13)
                self.notice.show_message(sentences(said, problem_text(made[1])), "warning")

        self.tasks.run(
            lambda _token: noting_replaced(
                lambda: export_file(path, render_booklet(catalogue, language))
            ),
            written,
            lambda exc: self.notice.show_message(
                _("Het vragenboekje kon niet worden opgeslagen: {error}").format(
                    error=error_text(exc)
                ),
                "error",
            ),
        )

    def open_sync(self) -> None:
        """The sync window: the one already open is raised and says where it stands
        (``SyncWindow.raise_again``)."""
        if self.sync_window is not None and self.sync_window.isVisible():
            self.sync_window.raise_again()
            return
        from inburg_desktop.ui.sync_window import SyncWindow  # the sync stack: on first use

        window = SyncWindow(self.vault, self)
        window.synced.connect(lambda _summary: self.refresh())
        window.synced.connect(lambda _summary: self.synced.emit())
        window.conflicts_requested.connect(self.open_conflicts)
        window.quarantine_requested.connect(self.open_quarantine)
        window.show()
        self.sync_window = window

    def open_letterhead(self) -> None:
        dialog = LetterheadDialog(self.vault, self)
        dialog.saved.connect(
            lambda: self.notice.show_message(
                _(
                    "Briefhoofd opgeslagen. Het staat voortaan op elk PIP; ondertekende "
                    "PIP's blijven zoals ze zijn."
                ),
                "info",
            )
        )
        dialog.open()
        self.letterhead_dialog = dialog

    def open_consulent_name(self) -> None:
        """The name every PIP carries (``ui.consulent_dialog``)."""
        from inburg_desktop.ui.consulent_dialog import ConsulentNameDialog

        dialog = ConsulentNameDialog(self.vault, parent=self)
        dialog.accepted.connect(
            lambda: self.notice.show_message(
                _("Naam opgeslagen. Nieuwe PIP's noemen u zo; vastgestelde PIP's houden hun naam."),
                "info",
            )
        )
        dialog.open()
        self.consulent_dialog = dialog

    def open_grace(self) -> None:
        """How long a closed case stays on this laptop (``ui.grace_dialog``)."""
        from inburg_desktop.ui.grace_dialog import GraceDialog

        dialog = GraceDialog(self.vault, parent=self)
        dialog.accepted.connect(
            lambda: self.notice.show_message(
                _(
                    "Opgeslagen. Afgesloten dossiers gaan vanaf de volgende synchronisatie "
                    "volgens deze termijn van deze laptop."
                ),
                "info",
            )
        )
        dialog.open()
        self.grace_dialog = dialog

    def open_passphrase(self) -> None:
        dialog = PassphraseDialog(self.vault, self)
        dialog.changed.connect(lambda text: self.notice.show_message(text, "info"))
        dialog.open()
        self.passphrase_dialog = dialog

    def open_conflicts(self) -> None:
        """The conflict view: the one already open is raised and re-read."""
        if self.conflict_view is not None and raise_open(self.conflict_view):
            self.conflict_view.reload()
            return
        view = ConflictView(self.vault, self)
        view.resolved.connect(lambda _case: self.refresh())
        view.show()
        self.conflict_view = view

    def open_quarantine(self) -> None:
        """'Apart gezet': the one already open is raised and re-read."""
        if self.quarantine_view is not None and raise_open(self.quarantine_view):
            self.quarantine_view.reload()
            return
        from inburg_desktop.ui.quarantine_view import QuarantineView  # with the transport

        view = QuarantineView(self.vault, self)
        view.show()
        self.quarantine_view = view

    # pages -----------------------------------------------------------------
    def retranslate(self) -> None:
        """The UI language changed while this window stays (``ui.retranslate``; the app
        builds a new case list, other owners may keep this one): the booklet's languages
        named in the new language."""
        for code in ordered_codes(self.booklet_actions):  # in the new language's order
            action = self.booklet_actions[code]
            action.setText(picker_label(code, current_language()))
            self.booklet_menu.removeAction(action)
            self.booklet_menu.addAction(action)

    def show_agenda(self) -> None:
        """The agenda, with the keyboard in its list (Ctrl+1)."""
        self.pages.setCurrentWidget(self.agenda)
        self._keyboard_to_page()

    def show_cases(self) -> None:
        """The case list, with the keyboard in its search box, its text selected (Ctrl+2,
        Ctrl+F): what is typed next searches; Down or Enter goes on into the results."""
        self.pages.setCurrentWidget(self.cases_page)
        self._keyboard_to_page()

    def _page_changed(self, _index: int) -> None:
        """Whichever way the page changed (Ctrl+1/Ctrl+2, the tab's Alt+letter or a
        click, Ctrl+Tab): the keyboard where the consultant types next on it, and the
        status bar about it."""
        self._keyboard_to_page()
        self._show_count()

    def _agenda_shown_changed(self, *_args: object) -> None:
        if self.showing_agenda:
            self._show_count()

    def _keyboard_to_page(self) -> None:
        """The keyboard in the page on screen: the agenda's list, or the case list's
        search box with its text selected. Usability round 7 finding 6: after Ctrl+2 the
        keyboard stayed in the table, so "warsame" went to its type-ahead, not the search;
        a tab's Alt+letter left it on the tab bar, where typing does nothing."""
        if self.showing_agenda:
            self.agenda.focus_list()
        else:
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    @property
    def showing_agenda(self) -> bool:
        return self.pages.currentWidget() is self.agenda

    def open_intake_of(self, case_id: str) -> None:
        """The intake of ``case_id`` (the app opens it, or raises the one open)."""
        self.case_opened.emit(case_id)

    # data ------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the case list off the GUI thread (a load still running is dropped: the
        newest read wins)."""
        vault, language = self.vault, current_language()
        for running in (self._load_task, self._update_task):
            if running is not None:
                running.cancel()
        self._update_task = None
        self._load_task = self.tasks.run(
            lambda _token: case_rows(vault, translate=_, ui_language=language),
            self._rows_loaded,
            self._load_failed,
        )

    def refresh_soon(self) -> None:
        """Reload once for a burst of writes (an autosave, a sync round's many commits):
        only the rows of the cases written (``services.case_list.changed_case_rows``)."""
        self.agenda.refresh_soon()  # the agenda follows every write too
        if not self._refresh_queued:
            self._refresh_queued = True
            QTimer.singleShot(0, self, self._queued_refresh)  # not after the window is gone

    def _case_changed(self, case_id: str) -> None:
        if case_id == ALL_CASES:  # after a sync: read the whole list again
            self._loaded_on = None
        self.refresh_soon()
        self.agenda.refresh_soon()

    def _queued_refresh(self) -> None:
        self._refresh_queued = False
        if self.vault.locked:
            return
        if self._load_task is not None or self._loaded_on != date.today():
            # A whole read is due (none finished yet, or the day moved on: every
            # deadline's urgency is said from today).
            self.refresh()
            return
        if self._update_task is not None:
            self._update_task.cancel()  # its rows are read again: the versions held stay
        vault, language, shown = self.vault, current_language(), dict(self._shown_versions)
        self._update_task = self.tasks.run(
            lambda _token: changed_case_rows(vault, shown, translate=_, ui_language=language),
            self._rows_updated,
            self._load_failed,
        )

    def _rows_updated(self, update: CaseListUpdate) -> None:
        self._update_task = None
        self.model.update_rows(update.rows, update.gone)
        for case_id in update.gone:
            self._shown_versions.pop(case_id, None)
        self._shown_versions.update((row.id, row.version) for row in update.rows)
        self.empty_hint.setVisible(self.model.rowCount() == 0)
        self.table.setVisible(self.model.rowCount() > 0)
        if self._select_after_load is not None:
            self.select_case(self._select_after_load)
            self._select_after_load = None
        self._fit_columns(changed=update.rows)
        self._show_count()

    def _rows_loaded(self, rows: list[CaseListRow]) -> None:
        self._load_task = None
        self._loaded_on = date.today()
        self._shown_versions = {row.id: row.version for row in rows}
        selected = self.selected_row()
        scrolled = self.table.verticalScrollBar().value()
        self.model.set_rows(rows)
        self._fit_columns(changed=rows, grow_only=False)  # before the table shows
        self.empty_hint.setVisible(not rows)
        self.table.setVisible(bool(rows))
        if not rows:
            self._word_empty_hint()
        wanted = self._select_after_load or (selected.id if selected is not None else None)
        self._select_after_load = None
        # A reload after an edit elsewhere leaves the list where the consultant was.
        self.table.verticalScrollBar().setValue(scrolled)
        if wanted is not None:
            self.select_case(wanted)
        self._show_count()

    def _word_empty_hint(self) -> None:
        """An empty list says where cases come from on *this* laptop: an enrolled one gets
        them from the office by syncing (usability round 3: it said to import a handover
        file), a laptop not enrolled imports them. The enrollment is read off the GUI
        thread; an unreadable one leaves the import wording."""
        from inburg_desktop.services import sync_round  # the sync stack: not at start-up

        vault = self.vault
        self.tasks.run(
            lambda _token: sync_round.state(vault).enrolled is not None,
            self._show_empty_hint,
            lambda _exc: None,
        )

    def _show_empty_hint(self, enrolled: bool) -> None:
        if enrolled:
            text = _(
                "Nog geen dossiers op deze laptop. Synchroniseer met kantoor via "
                "Synchroniseren → Synchroniseren met kantoor… (Ctrl+Shift+S) om uw "
                "dossiers op te halen."
            )
        else:
            text = empty_import_hint()
        self.empty_hint.setText(text)

    def select_case(self, case_id: str) -> bool:
        """Select the row of ``case_id`` when the filter shows it."""
        ids = self.model.row_ids()
        if case_id not in ids:
            return False
        index = self.proxy.mapFromSource(self.model.index(ids.index(case_id), 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        return True

    def _fit_columns(
        self, *, changed: list[CaseListRow] | None = None, grow_only: bool = True
    ) -> None:
        """Set the columns' widths: each as wide as the widest text it can show for the
        rows held (``case_table_model.width_texts``; the names: the longest ones) and its
        header, the name at most NAME_COLUMN_SHARE of the table, the last column taking
        what is left. Worked out when rows are loaded (``changed``: all of them) and
        widened for rows a write replaced (``grow_only``), never while typing a search:
        the widths stay as they are when a filter hides rows. A column the consultant
        dragged to another width keeps it."""
        if changed is not None:
            widths = self._content_widths(changed)
            if grow_only:
                for col, width in self._wanted_widths.items():
                    widths[col] = max(width, widths.get(col, 0))
            self._wanted_widths = widths
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        for col, wanted in sorted(self._wanted_widths.items()):
            if col == COL_NAME:
                wanted = min(wanted, int(room * NAME_COLUMN_SHARE))
            elif col == COL_INTAKE:  # the last: at least its text, else what is left
                others = sum(header.sectionSize(c) for c in range(COL_INTAKE))
                wanted = max(wanted, room - others)
            fitted = self._fitted_widths.get(col)
            if fitted is not None and header.sectionSize(col) != fitted:
                continue  # dragged by the consultant
            if header.sectionSize(col) != wanted:
                header.resizeSection(col, wanted)
            self._fitted_widths[col] = header.sectionSize(col)

    def _content_widths(self, rows: list[CaseListRow]) -> dict[int, int]:
        metrics = self.table.fontMetrics()
        style = self.table.style()
        # What an item view puts around a cell's text (QCommonStyle, CT_ItemViewItem).
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        margin += CELL_PADDING
        header = self.table.horizontalHeader()
        texts = width_texts(rows)
        texts[COL_NAME] = {
            display_text(row, COL_NAME)
            for row in heapq.nlargest(NAME_SAMPLE, rows, key=_name_length)
        }
        return {
            col: max(
                header.sectionSizeHint(col),
                *(metrics.horizontalAdvance(text) + margin for text in column or {""}),
            )
            for col, column in texts.items()
        }

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_columns()

    def _show_count(self) -> None:
        """The status bar speaks of the page on screen (usability round 7 finding 17: the
        agenda showed "1 van 13 dossiers", the case list's filter). The case list: what it
        shows, "1 van 12 dossiers" while a search filters it, "12 dossiers" otherwise; the
        agenda: its open items, as its heading counts them (nothing before it is read)."""
        if self.showing_agenda:
            if self.agenda.agenda is None:
                self.statusBar().clearMessage()
            else:
                items = self.agenda.model.open_count()
                self.statusBar().showMessage(
                    count("{n} punt op de agenda", "{n} punten op de agenda", items)
                )
            return
        total = self.model.rowCount()
        if self.proxy.filtering:
            text = count(
                "{shown} van {n} dossier",
                "{shown} van {n} dossiers",
                total,
                shown=format_number(self.proxy.rowCount()),
            )
        else:
            text = count("{n} dossier", "{n} dossiers", total)
        self.statusBar().showMessage(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down or Enter in the search field moves into the results (the first row, or the
        # one selected), so the consultant goes on with the keyboard.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            keys = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if event.key() in keys and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                return self.focus_results()
        return super().eventFilter(watched, event)

    def focus_results(self) -> bool:
        """Put the keyboard in the list, on the selected row or else the first; false
        (nothing happens) when the search shows no case."""
        if self.proxy.rowCount() == 0:
            return False
        if not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        current = self.table.selectionModel().selectedRows()[0]
        self.table.setCurrentIndex(current)
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def quit_app(self) -> None:
        """Afsluiten (Ctrl+Q): every window of the app closes, each asking first about what
        was typed and not saved (its close guard); a window that stays open (Annuleren)
        stops the quit, and the main window stays too. Closing only this window left an
        open intake on screen and the program running (usability round 7, finding 14: a
        case in view at the kitchen table after "Afsluiten"). A question answered with
        "close" lets the quit go on (``ui.quit_app``)."""
        quit_app(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_watching()
        super().closeEvent(event)

    def _load_failed(self, exc: BaseException) -> None:
        self.notice.show_message(
            _("De dossiers konden niet worden geladen: {error}").format(error=error_text(exc)),
            "error",
        )

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._show_count()

    def selected_row(self) -> CaseListRow | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = self.proxy.data(indexes[0], ROW_ROLE)
        return row if isinstance(row, CaseListRow) else None

    def target_row(self) -> CaseListRow | None:
        """The case a list shortcut (Ctrl+O, Ctrl+Shift+D, Ctrl+Shift+P) acts on: the
        selected row, else the current one, else the only row the search left. Otherwise
        it says why nothing happened and puts the keyboard in the list on its first row,
        so the next press acts on the case the consultant then picks. On the agenda: the
        case of the item the keyboard is on (else the case list is shown)."""
        if self.showing_agenda:
            entry = self.agenda.current_entry()
            ids = self.model.row_ids()
            if entry is not None and entry.item.case_id in ids:
                held = self.model.index(ids.index(entry.item.case_id), 0).data(ROW_ROLE)
                if isinstance(held, CaseListRow):
                    return held
            self.pages.setCurrentWidget(self.cases_page)
        row = self.selected_row()
        if row is None and self.table.currentIndex().isValid():
            current = self.proxy.data(self.table.currentIndex(), ROW_ROLE)
            row = current if isinstance(current, CaseListRow) else None
        if row is None and self.proxy.rowCount() == 1:
            only = self.proxy.data(self.proxy.index(0, 0), ROW_ROLE)
            row = only if isinstance(only, CaseListRow) else None
        if row is not None:
            self._say_if_closed(row.id)
            return row
        if self.proxy.rowCount() == 0:
            self.notice.show_message(
                _("Er staat geen dossier in de lijst om te openen."), "warning"
            )
            return None
        self.notice.show_message(
            _(
                "Kies eerst een dossier: de lijst heeft nu de focus, kies met de pijltjes "
                "en druk dan nog eens op de sneltoets (of Enter om de intake te openen)."
            ),
            "warning",
        )
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.table.setCurrentIndex(self.proxy.index(0, 0))
        return None

    def open_selected(self) -> None:
        row = self.target_row()
        if row is not None:
            self.case_opened.emit(row.id)

    def open_pip(self) -> None:
        """Open the PIP editor of the selected case; the list follows its changes."""
        from inburg_desktop.ui.pip import open_pip_editor

        row = self.target_row()
        if row is not None:
            open_pip_editor(self.vault, row.id).pip_changed.connect(lambda _id: self.refresh())

    def open_handhaving(self) -> None:
        """The selected case's violations and fines (Wet art. 22, 23; Besluit art. 7.1)."""
        from inburg_desktop.ui.handhaving import open_handhaving

        row = self.target_row()
        if row is not None:
            open_handhaving(self.vault, row.id).changed.connect(lambda _id: self.refresh())

    def open_audit_log(self) -> None:
        """The selected case's Logboek: its audit trail, read-only."""
        from inburg_desktop.ui.audit_log_dialog import AuditLogDialog

        row = self.target_row()
        if row is not None:
            person = f"{row.given_names} {row.family_name}"
            self.audit_log_dialog = AuditLogDialog(self.vault, row.id, person, self)
            self.audit_log_dialog.open()

    def request_subject_access(self) -> None:
        """Inzageverzoek (AVG) for the selected case: the readable PDF or the JSON."""
        from inburg_desktop.ui.subject_access_dialog import request_subject_access

        row = self.target_row()
        if row is not None:
            person = f"{row.given_names} {row.family_name}"
            self.subject_access_dialog = request_subject_access(
                self, self.vault, row.id, person, self.tasks, self.notice
            )

    def open_talk(self) -> None:
        """The voortgangsgesprek window of the selected case (``ui.voortgang``)."""
        from inburg_desktop.ui.voortgang import open_talk_window

        row = self.target_row()
        if row is not None:
            open_talk_window(self.vault, row.id)

    def open_progress(self) -> None:
        """The Voortgang window of the selected case: hours, PVT, MAP, exams, ontzorgen
        and nazorg (``ui.progress``)."""
        from inburg_desktop.ui.progress import open_progress

        row = self.target_row()
        if row is not None:
            open_progress(self.vault, row.id).changed.connect(lambda _id: self.refresh())

    def open_details(self) -> None:
        """Dossiergegevens of the selected case: the facts the law's rules turn on."""
        row = self.target_row()
        if row is not None:
            self.open_details_of(row.id)

    def open_details_of(self, case_id: str) -> QWidget:
        """Dossiergegevens of ``case_id`` (also from the agenda)."""
        from inburg_desktop.ui.case_details import CaseDetailsDialog

        dialog = CaseDetailsDialog(self.vault, case_id, parent=self)
        dialog.saved.connect(lambda _id: self.refresh())
        dialog.open()
        self.details_dialog = dialog
        return dialog

    def open_new_case(self) -> None:
        """ "Nieuw dossier": the handover's fields by hand, checked as an import."""
        from inburg_desktop.ui.new_case_dialog import NewCaseDialog

        dialog = NewCaseDialog(self.vault, parent=self)
        dialog.saved.connect(self._case_added)
        dialog.open_existing.connect(self._open_existing)
        dialog.open()
        self.new_case_dialog = dialog

    def _open_existing(self, case_id: str) -> None:
        """The case that already holds a typed V-nummer: selected and opened."""
        self.search.clear()
        self.select_case(case_id)
        self.case_opened.emit(case_id)

    def _case_added(self, case_id: str) -> None:
        self.notice.show_message(_("Dossier toegevoegd."), "info")
        self.search.clear()
        self._select_after_load = case_id
        self.refresh()

    def open_correction(self) -> None:
        """Correct the selected case's personal data (an edit like any other: synced)."""
        from inburg_desktop.ui.new_case_dialog import NewCaseDialog

        row = self.target_row()
        if row is None:
            return
        dialog = NewCaseDialog(self.vault, row.id, parent=self)
        dialog.open()
        self.new_case_dialog = dialog

    def _activated(self, index: QModelIndex) -> None:
        row = self.proxy.data(index, ROW_ROLE)
        if isinstance(row, CaseListRow):
            self._say_if_closed(row.id)
            self.case_opened.emit(row.id)

    def _say_if_closed(self, case_id: str) -> None:
        """A closed case opens read-only: the notice says since when and why
        (usability round 9, finding 20; ``services.case_closure``)."""
        from inburg_desktop.services.case_closure import closed

        found = closed(self.vault, case_id)
        if found is not None:
            self.notice.show_message(reason_text(found.reason), "warning")

    # import ----------------------------------------------------------------
    def choose_import(self) -> None:
        path = dialogs.choose_open_file(
            self, _("Overdrachtsbestand importeren"), _("Overdrachtsbestanden (*.json)")
        )
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """Import one handover file off the GUI thread; on any problem, say what and
        change nothing."""
        vault = self.vault

        def work(_token: CancelToken) -> ImportedCase:
            handover = read_handover_file(path)  # refuses a FIFO or device: never hangs
            return import_case(vault, handover)

        self.tasks.run(work, self._imported, lambda exc: self._import_failed(path, exc))

    def _imported(self, imported: ImportedCase) -> None:
        self.notice.show_message(
            _("Dossier van {name} geïmporteerd.").format(name=imported.display_name), "info"
        )
        self.refresh()

    def _import_failed(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, OSError):
            self.notice.show_message(
                _("Het bestand {name} kon niet worden gelezen: {error}").format(
                    name=path.name, error=file_problem(exc)
                ),
                "error",
            )
        elif isinstance(exc, HandoverError):
            self.notice.show_message(
                _(
                    "Het bestand {name} is niet geïmporteerd: het veld {key} klopt niet "
                    "({problem}). Er is niets gewijzigd."
                ).format(name=path.name, key=exc.key, problem=reason_text(exc.reason)),
                "error",
            )
        elif isinstance(exc, VaultError):
            # A full disk, a read-only medium, ...: said as such; nothing was imported.
            self.notice.show_message(unlock_message(exc), "error")
        else:
            raise exc

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() and u.toLocalFile().endswith(".json") for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            self.import_file(Path(url.toLocalFile()))
        event.acceptProposedAction()
