"""A window left open while a sync or a conflict resolution changes the case never
overwrites what they brought, and shows it (usability test, shots 89-94 and 102: laptop
2's intake, open during sync and resolution, autosaved its pre-sync notes over the merged
notes; laptop 1's text was gone everywhere).

Real windows (pytest-qt), real vaults, a real office: the intake window (autosave) and
the Dossiergegevens dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import intake_edit, pip_service
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.sync_state import conflicts, resolve_conflict
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.sync_window import SyncWindow

from ..conftest import LiveServer
from ..sync.test_laptops_office import (
    HANDOVER,
    enroll_vault,
    make_vault,
    new_consultant,
    office_fields,
    sync,
)
from .merge_edits import keep_both_sides

WAIT_MS = 30_000
NOTES = "intake.motivatie.notes"
WENS = "intake.motivatie.beroepswens"


@pytest.fixture
def two_laptops(
    server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> Iterator[tuple[OpenVault, OpenVault, str]]:
    """Laptop 1 (a second vault) and laptop 2 (``vault``), both with one office case."""
    consultant = new_consultant("venster")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    one = make_vault(tmp_path / "laptop-1" / "kluis.db")
    enroll_vault(one, server.url, office, consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(one)
    sync(vault)
    yield one, vault, case
    one.lock()


def stored(vault: OpenVault, case_id: str) -> dict[str, object]:
    with vault.session() as session:
        return get_case(session, case_id).fields


def open_intake(qtbot: QtBot, vault: OpenVault, case_id: str) -> IntakeWindow:
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    window.show_topic("motivatie")
    return window


def notes_editor(window: IntakeWindow) -> QPlainTextEdit:
    assert window.panel is not None
    editor = window.panel.notes.focus_target()
    assert isinstance(editor, QPlainTextEdit)
    return editor


def type_at_end(qtbot: QtBot, editor: QPlainTextEdit, text: str) -> None:
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)


def sync_in_window(qtbot: QtBot, vault: OpenVault) -> None:
    """A sync through the real sync window (which tells open windows)."""
    window = SyncWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None)  # read off the GUI thread
    with qtbot.waitSignal(window.synced, timeout=WAIT_MS):
        qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    window.close()


def merge_all(qtbot: QtBot, vault: OpenVault) -> ConflictView:
    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.tasks.pending == 0)  # the list is read off the GUI thread
    while view.items.count():
        view.items.setCurrentRow(0)
        keep_both_sides(view)
        with qtbot.waitSignal(view.resolved, timeout=WAIT_MS):
            qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: view.tasks.pending == 0)  # and read again after each
    return view


def test_open_intake_follows_sync_and_resolution_and_typing_adds_to_the_merge(
    qtbot: QtBot, office: Database, two_laptops: tuple[OpenVault, OpenVault, str]
) -> None:
    one, two, case = two_laptops
    with one.transaction() as session:
        intake_edit.save(session, case, {NOTES: "Laptop 1: wil verpleegkundige worden."})
    window = open_intake(qtbot, two, case)
    type_at_end(qtbot, notes_editor(window), "Laptop 2: wil kapper worden.")
    window.autosave.flush()
    window.map.setFocus()  # the consultant looks at the topic list, not editing a field
    sync(one)

    sync_in_window(qtbot, two)  # the conflict comes down while the window is open
    qtbot.waitUntil(lambda: "conflict" in window.notice.text(), timeout=WAIT_MS)
    # the consultant's own side stays on screen until the choice (usability round 7 #13;
    # read off the GUI thread, so it may follow the notice by a moment)
    own = "Laptop 2: wil kapper worden."
    qtbot.waitUntil(lambda: notes_editor(window).toPlainText() == own, timeout=WAIT_MS)
    merge_all(qtbot, two)
    merged = "Laptop 1: wil verpleegkundige worden.\nLaptop 2: wil kapper worden."
    qtbot.waitUntil(lambda: notes_editor(window).toPlainText() == merged, timeout=WAIT_MS)

    type_at_end(qtbot, notes_editor(window), " Extra na sync.")
    window.autosave.flush()
    assert stored(two, case)[NOTES] == merged + " Extra na sync."
    sync(two)
    sync(one)
    assert office_fields(office, case)[NOTES] == merged + " Extra na sync."
    assert stored(one, case)[NOTES] == merged + " Extra na sync."


def test_typing_in_a_field_changed_underneath_keeps_both_as_a_conflict(
    qtbot: QtBot, office: Database, two_laptops: tuple[OpenVault, OpenVault, str]
) -> None:
    """The case changes underneath the window without the window being told (a sync and
    a resolution from another program, ``inburg sync``, while the intake is open): what
    the consultant types next on the stale screen is kept as a conflict, never written
    over the merge, and the window says so."""
    one, two, case = two_laptops
    with one.transaction() as session:
        intake_edit.save(session, case, {NOTES: "Laptop 1: wil verpleegkundige worden."})
    window = open_intake(qtbot, two, case)
    editor = notes_editor(window)
    type_at_end(qtbot, editor, "Laptop 2: wil kapper worden.")
    window.autosave.flush()
    sync(one)
    sync(two)
    merged = "Laptop 1: wil verpleegkundige worden.\nLaptop 2: wil kapper worden."
    with two.transaction() as session:
        resolve_conflict(session, case, NOTES, merged)
    assert editor.toPlainText() == "Laptop 2: wil kapper worden."  # the stale screen

    type_at_end(qtbot, editor, " Extra na sync.")
    window.autosave.flush()
    assert stored(two, case)[NOTES] == merged  # not overwritten
    with two.session() as session:
        kept = [(c.field_key, c.office_value, c.laptop_value) for c in conflicts(session)]
    assert kept == [(NOTES, merged, "Laptop 2: wil kapper worden. Extra na sync.")]
    assert "Niet overschreven" in window.notice.text()
    assert "Aantekeningen" in window.notice.text()

    # The office knows nothing of it: a sync keeps it, and the merge goes up untouched.
    sync(two)
    sync(one)
    assert office_fields(office, case)[NOTES] == merged
    with two.session() as session:
        assert [c.field_key for c in conflicts(session)] == [NOTES]
    # The consultant decides in the conflict view, like any sync conflict.
    view = ConflictView(two)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.tasks.pending == 0)  # the list is read off the GUI thread
    assert view.items.count() == 1
    assert "verouderd venster" in view.laptop_label.text()  # said for what it is
    assert view.laptop.toPlainText() == "Laptop 2: wil kapper worden. Extra na sync."
    with qtbot.waitSignal(view.resolved, timeout=WAIT_MS):
        qtbot.mouseClick(view.take_laptop, Qt.MouseButton.LeftButton)
    assert stored(two, case)[NOTES] == "Laptop 2: wil kapper worden. Extra na sync."


def test_dossiergegevens_left_open_does_not_overwrite_a_synced_date(
    qtbot: QtBot, office: Database, two_laptops: tuple[OpenVault, OpenVault, str]
) -> None:
    _one, two, case = two_laptops
    dialog = CaseDetailsDialog(two, case, today=date(2026, 4, 15))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.tasks.pending == 0)  # the case is read off the GUI thread
    # typed before the sync brings the office's date: the dialog keeps what was typed
    # (round 3, finding 5: without edits of its own it would show the synced date)
    dialog.permit.edit.setFocus()
    qtbot.keyClicks(dialog.permit.edit, "1-7-2021")
    admin.edit_case(office, case, {"person.permit_since": "2021-06-15"})
    sync_in_window(qtbot, two)
    assert dialog.permit.value() == date(2021, 7, 1)  # shown as typed, in its normal form
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.tasks.pending == 0)  # written off the GUI thread
    with two.session() as session:
        assert get_case(session, case).case.person.permit_since == date(2021, 6, 15)
        kept = [(c.field_key, c.office_value, c.laptop_value) for c in conflicts(session)]
    assert kept == [("person.permit_since", "2021-06-15", "2021-07-01")]
    assert "Niet overschreven" in dialog.notice.text()
    assert dialog.permit.value() == date(2021, 6, 15)  # the dialog shows the case as it is
    assert dialog.isVisible()


def test_pip_editor_left_open_refuses_to_save_over_a_changed_pip(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Another write changes the stored draft while the editor is open (a sync, a
    resolution): saving from the editor's older view is refused in words, nothing is
    written, and the editor shows the PIP as it is now."""
    today = date(2026, 11, 2)
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, today)
    case_id = cases[DRAFT_INDEX]
    window = PipEditorWindow(vault, case_id, today=today)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None)
    with vault.transaction() as session:  # underneath the open editor
        history = pip_service.load_history(get_case(session, case_id))
        draft = history.draft
        assert draft is not None
        plan = replace(draft.ontwikkelplan, bijgewerkt_op=date(2026, 10, 30))
        pip_service.save_draft(session, case_id, draft.beschikking, plan, today)
    with vault.session() as session:
        underneath = pip_service.load_history(get_case(session, case_id)).storage_items()
    window.form.kenmerk.selectAll()
    qtbot.keyClicks(window.form.kenmerk, "PW-OUD-SCHERM")
    qtbot.mouseClick(window.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "intussen gewijzigd" in window.notice.text(), timeout=WAIT_MS)
    with vault.session() as session:
        assert pip_service.load_history(get_case(session, case_id)).storage_items() == underneath
    qtbot.waitUntil(lambda: window.form.kenmerk.text() != "PW-OUD-SCHERM", timeout=WAIT_MS)
