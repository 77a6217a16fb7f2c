"""Every window and dialog of the app, built on a vault with demo cases, shown and loaded:
the walks of issue 13 (wheel guard, sizes at 1366×768, accessible names) go through all of
them, so a window added later joins by one line here.

The intake is shown once per topic (each topic builds its own editors) and the PIP editor
on a draft; the conflict view holds one conflict, so its resolution controls exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX, SIGNED_INDEX
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.services import consulent
from inburg_desktop.services.handhaving import (
    BesluitInput,
    OvertredingInput,
    decide,
    record_violation,
)
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.sync_state import Conflict, replace_conflicts
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.about_dialog import AboutDialog
from inburg_desktop.ui.agenda.state_dialogs import PlanDialog, SnoozeDialog
from inburg_desktop.ui.audit_log_dialog import AuditLogDialog
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.consulent_dialog import ConsulentNameDialog
from inburg_desktop.ui.grace_dialog import GraceDialog
from inburg_desktop.ui.handhaving import HandhavingWindow
from inburg_desktop.ui.handhaving.dialogs import DecideDialog
from inburg_desktop.ui.intake.quick_switcher import QuickSwitcher
from inburg_desktop.ui.intake.session_dialog import SessionDialog
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.interpreter_window import InterpreterWindow
from inburg_desktop.ui.letterhead_dialog import LetterheadDialog
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.new_case_dialog import NewCaseDialog
from inburg_desktop.ui.passphrase_dialog import PassphraseDialog
from inburg_desktop.ui.pip.window import PipEditorWindow
from inburg_desktop.ui.progress import ProgressWindow
from inburg_desktop.ui.quarantine_view import QuarantineView
from inburg_desktop.ui.shortcut_overview import ShortcutOverview
from inburg_desktop.ui.subject_access_dialog import SubjectAccessDialog
from inburg_desktop.ui.sync_window import SyncWindow
from inburg_desktop.ui.unlock_window import UnlockWindow
from inburg_desktop.ui.voortgang.amend_dialog import AmendDialog
from inburg_desktop.ui.voortgang.window import TalkWindow

from ..gemeente_office import publish
from .pip_confirm import CONSULENT, open_confirmation

TODAY = date(2026, 3, 2)
CONFLICT_KEY = "intake.opleiding.notes"
OPZET = Verwijtbaarheid.OPZET


@dataclass
class Shown:
    """One window as the consultant sees it; ``name`` says which (and which topic)."""

    name: str
    window: QWidget


def demo_cases(vault: OpenVault) -> list[str]:
    """Twelve demo cases (the PIP stages among them) and one open conflict."""
    # Two of the office's gemeenten are the consultant's (issue 16 item 5): every window
    # shows what a consultant of several gemeenten sees (the choice, the names in the list).
    publish(vault, "GM0626", "GM0629")
    with vault.transaction() as session:
        ids = add_demo_cases(session, 12, TODAY, gemeenten=("GM0626", "GM0629"))
        replace_conflicts(
            session, ids[0], [Conflict(ids[0], CONFLICT_KEY, "op kantoor", "op de laptop", 3)], 1
        )
    return ids


def _ready(qtbot: QtBot, window: QWidget, loaded: Callable[[], bool]) -> QWidget:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(loaded, timeout=15_000)
    return window


def case_windows(qtbot: QtBot, vault: OpenVault, vault_path: Path) -> Iterator[tuple[Shown, str]]:
    """The windows of :func:`every_window` that show one case, with that case's id."""
    for shown in every_window(qtbot, vault, vault_path):
        case_id = getattr(shown.window, "case_id", None)
        if isinstance(case_id, str):
            yield shown, case_id


def every_window(qtbot: QtBot, vault: OpenVault, vault_path: Path) -> Iterator[Shown]:
    """Each window in turn, shown and loaded; the caller looks at it before the next one.

    ``vault_path`` is the vault's file (the unlock window shows it). Windows are closed by
    qtbot at the end of the test."""
    ids = demo_cases(vault)
    catalogue = shipped_catalogue()

    main = MainWindow(vault)
    yield Shown("MainWindow", _ready(qtbot, main, lambda: main.model.rowCount() > 0))
    main.show_agenda()
    qtbot.waitUntil(lambda: main.agenda.agenda is not None, timeout=15_000)
    yield Shown("MainWindow[agenda]", main)
    main.show_cases()

    snooze = SnoozeDialog("Oproep voor de brede intake sturen — Haddad, Amal", TODAY)
    yield Shown("SnoozeDialog", _ready(qtbot, snooze, lambda: True))
    plan = PlanDialog("Oproep voor de brede intake sturen — Haddad, Amal", TODAY)
    yield Shown("PlanDialog", _ready(qtbot, plan, lambda: True))

    intake = IntakeWindow(vault, ids[0], today=TODAY)
    _ready(qtbot, intake, lambda: intake.stored is not None)
    for topic in catalogue.topics:
        intake.show_topic(topic.id, focus=False)
        QApplication.processEvents()  # the panel's widgets are shown by a queued call
        yield Shown(f"IntakeWindow[{topic.id}]", intake)
    for index in range(1, intake.tabs.count()):
        intake.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield Shown(f"IntakeWindow[tab {index}]", intake)

    # before a name is set: its empty field. Given as empty, so the dialog does not read
    # the vault: this laptop is enrolled (``publish``), and the enrolled name it would
    # otherwise fill in arrived before or after the walkers looked, by machine speed
    name_dialog = ConsulentNameDialog(vault, current="")
    yield Shown("ConsulentNameDialog", _ready(qtbot, name_dialog, lambda: True))
    consulent.save_name(vault, CONSULENT)  # so "PIP vaststellen" opens its confirmation

    pip = PipEditorWindow(vault, ids[DRAFT_INDEX], today=TODAY)
    _ready(qtbot, pip, lambda: pip.context is not None)
    for index in range(pip.tabs.count()):
        pip.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield Shown(f"PipEditorWindow[tab {index}]", pip)
    confirm = open_confirmation(qtbot, pip)  # "PIP vaststellen" on the draft
    yield Shown("PipConfirmDialog", confirm)
    confirm.reject()

    yield from _handhaving(qtbot, vault, ids[0])

    talk = TalkWindow(vault, ids[SIGNED_INDEX], today=TODAY)
    yield Shown("TalkWindow", _ready(qtbot, talk, lambda: talk.screen_data is not None))

    progress = ProgressWindow(vault, ids[SIGNED_INDEX], today=TODAY)
    _ready(qtbot, progress, lambda: progress.data is not None)
    for index in range(progress.tabs.count()):
        progress.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        yield Shown(f"ProgressWindow[tab {index}]", progress)

    amend = AmendDialog(1, TODAY)
    yield Shown("AmendDialog", _ready(qtbot, amend, lambda: True))

    details = CaseDetailsDialog(vault, ids[0], today=TODAY)
    yield Shown("CaseDetailsDialog", _ready(qtbot, details, lambda: True))

    sync = SyncWindow(vault)
    yield Shown("SyncWindow", _ready(qtbot, sync, lambda: sync.state is not None))

    conflicts = ConflictView(vault)
    _ready(qtbot, conflicts, lambda: conflicts.items.count() == 1)
    conflicts.items.setCurrentRow(0)
    yield Shown("ConflictView", conflicts)

    quarantine = QuarantineView(vault)
    with qtbot.waitSignal(quarantine.loaded, timeout=15_000):
        qtbot.addWidget(quarantine)
        quarantine.show()
    yield Shown("QuarantineView", quarantine)

    interpreter = InterpreterWindow(catalogue, ("ar", "ti"))
    yield Shown("InterpreterWindow", _ready(qtbot, interpreter, lambda: True))

    unlock = UnlockWindow(vault_path)
    yield Shown("UnlockWindow", _ready(qtbot, unlock, lambda: True))

    passphrase = PassphraseDialog(vault)
    yield Shown("PassphraseDialog", _ready(qtbot, passphrase, lambda: True))

    letterhead = LetterheadDialog(vault)
    yield Shown(
        "LetterheadDialog", _ready(qtbot, letterhead, lambda: letterhead.save_button.isEnabled())
    )

    session_dialog = SessionDialog(TODAY, 45)
    yield Shown("SessionDialog", _ready(qtbot, session_dialog, lambda: True))

    new_case = NewCaseDialog(vault)
    yield Shown("NewCaseDialog", _ready(qtbot, new_case, lambda: True))

    correction = NewCaseDialog(vault, ids[0])
    yield Shown("NewCaseDialog (correctie)", _ready(qtbot, correction, lambda: True))

    overview = ShortcutOverview(main)
    yield Shown("ShortcutOverview", _ready(qtbot, overview, lambda: True))

    subject_access = SubjectAccessDialog("Amal Haddad")
    yield Shown("SubjectAccessDialog", _ready(qtbot, subject_access, lambda: True))
    about = AboutDialog(main, vault)
    yield Shown("AboutDialog", _ready(qtbot, about, lambda: about.tasks.pending == 0))
    grace = GraceDialog(vault)
    yield Shown("GraceDialog", _ready(qtbot, grace, lambda: grace.loaded))
    audit_log = AuditLogDialog(vault, ids[0], "Amal Haddad", main)
    yield Shown("AuditLogDialog", _ready(qtbot, audit_log, lambda: audit_log.model.rowCount() > 0))

    switcher = QuickSwitcher(catalogue.topics, intake.states())
    yield Shown("QuickSwitcher", _ready(qtbot, switcher, lambda: True))
    QApplication.processEvents()


def _handhaving(qtbot: QtBot, vault: OpenVault, case_id: str) -> Iterator[Shown]:
    """The enforcement window with one violation selected, and each of its forms as the
    window opens them (the decision's with its proposal)."""
    found = OvertredingInput(
        Overtreding.PVT_INTENSITEIT, TODAY, "Drie PVT-bijeenkomsten niet gekomen.", OPZET
    )
    record_violation(vault, case_id, found, TODAY)
    window = HandhavingWindow(vault, case_id, today=TODAY)
    _ready(qtbot, window, lambda: window.data is not None and window.list.count() == 1)
    window.list.setCurrentRow(0)
    yield Shown("HandhavingWindow", window)
    for opener in (
        window.open_violation,
        window.open_warning,
        window.open_decision,
        window.open_end,
    ):
        if opener == window.open_end:
            # the end of a fine follows its decision: one taken as the window would
            decided = BesluitInput(True, 5000, "", TODAY, None)
            decide(
                vault, case_id, window.list.currentItem().data(Qt.ItemDataRole.UserRole), decided
            )
            window.reload()
            qtbot.waitUntil(window.end_button.isEnabled)
        opener()
        qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
        form = window.dialog
        yield Shown(type(form).__name__, form)
        if isinstance(form, DecideDialog):
            # its "Besluit nemen?" confirmation, a window of its own (usability round 8,
            # finding 6: the walk never saw it)
            form.impose.setChecked(True)  # the proposed fine, as the consultant chose it
            form.submit()
            box = form.confirm_box
            assert box is not None
            qtbot.waitUntil(box.isVisible)
            yield Shown("DecideConfirmation", box)
            box.reject()
            qtbot.waitUntil(box.isHidden)
            form.close_guard.release()  # the choice made for the walk is no typing
        form.reject()
        qtbot.waitUntil(form.isHidden)
