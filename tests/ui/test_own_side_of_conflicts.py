"""An open window keeps showing the consultant's own side of a field that a sync found in
conflict, marked at the field with a link to the conflict view; after the choice it shows
the chosen value (usability round 7 #13: laptop B's intake replaced B's just-typed notes
with laptop A's, "Velden die u niet aan het bewerken was, tonen nu de nieuwe inhoud").

Two real laptops of one consultant, a real office (SQLite and PostgreSQL), real windows.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.sync_window import SyncWindow

from ..conftest import LiveServer
from ..sync.test_laptops_office import HANDOVER, enroll_vault, make_vault, new_consultant, sync

WAIT_MS = 30_000
KEY = "intake.werkervaring.notes"


@pytest.fixture
def laptop_a(tmp_path: Path) -> Iterator[OpenVault]:
    other = make_vault(tmp_path / "laptop-a" / "kluis.db")
    yield other
    other.lock()


def two_laptops(
    server: LiveServer, office: Database, a: OpenVault, b: OpenVault, prefix: str
) -> str:
    consultant = new_consultant(prefix)
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    for laptop in (a, b):
        enroll_vault(laptop, server.url, office, consultant)
        sync(laptop)
    return case


def sync_in_window(qtbot: QtBot, vault: OpenVault) -> None:
    window = SyncWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None)
    with qtbot.waitSignal(window.synced, timeout=WAIT_MS):
        qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    window.close()


def conflict_view() -> ConflictView:
    views = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictView) and w.isVisible()
    ]
    assert len(views) == 1
    return views[0]


def test_the_intake_keeps_the_typed_notes_marked_until_the_choice(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault, laptop_a: OpenVault
) -> None:
    case = two_laptops(server, office, laptop_a, vault, "eigenkant")
    window = IntakeWindow(vault, case)  # laptop B; deletes itself on close
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)  # incl. its own look for conflicts
    window.show_topic("werkervaring")
    assert window.panel is not None
    notes = window.panel.notes.focus_target()
    notes.setFocus()
    qtbot.keyClicks(notes, "Laptop B: werkte als kok.")
    window.autosave.flush()
    qtbot.waitUntil(lambda: not window.autosave.busy and not window.autosave.pending_keys())
    with laptop_a.transaction() as session:
        update_fields(session, case, {KEY: "Laptop A: heeft een oude smartphone."})
    sync(laptop_a)

    before = window.refresher.refreshes
    sync_in_window(qtbot, vault)
    qtbot.waitUntil(lambda: window.refresher.refreshes > before, timeout=WAIT_MS)
    assert window.panel.notes.value() == "Laptop B: werkte als kok."  # B's own side stays
    assert window.fields[KEY] == "Laptop B: werkte als kok."
    mark = window.findChild(QLabel, f"{KEY}:conflict")
    assert mark is not None and mark.isVisible()
    assert "kies in Conflicten oplossen" in mark.text()
    assert "conflict" in window.notice.text() and "eigen waarde" in window.notice.text()
    assert "tonen nu de nieuwe inhoud" not in window.notice.text()

    # the same after moving to another topic and back: the mark comes with the field
    window.show_topic("motivatie")
    window.show_topic("werkervaring")
    mark = window.findChild(QLabel, f"{KEY}:conflict")
    assert mark is not None
    qtbot.waitUntil(mark.isVisible)  # a panel added to the window shows when Qt gets to it
    assert window.panel.notes.value() == "Laptop B: werkte als kok."

    # the mark's link opens the conflict view at this field; the choice shows in the window
    mark.linkActivated.emit("conflict")
    view = conflict_view()
    qtbot.waitUntil(lambda: view.current() is not None and view.tasks.pending == 0)
    current = view.current()
    assert current is not None and (current.case_id, current.field_key) == (case, KEY)
    refreshed = window.refresher.refreshes
    qtbot.mouseClick(view.take_office, Qt.MouseButton.LeftButton)  # laptop A's text
    qtbot.waitUntil(lambda: window.refresher.refreshes > refreshed, timeout=WAIT_MS)
    assert window.panel.notes.value() == "Laptop A: heeft een oude smartphone."
    qtbot.waitUntil(lambda: window.findChild(QLabel, f"{KEY}:conflict") is None)
    # nothing left: Sluiten is the default, Enter closes the view
    qtbot.waitUntil(lambda: view.items.count() == 0)
    assert view.close_button.isVisible() and view.close_button.isDefault()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert not view.isVisible()
    window.close()


def pip_draft(qtbot: QtBot, vault: OpenVault, case: str, text: str) -> PipEditorWindow:
    editor = PipEditorWindow(vault, case)  # deletes itself on close: not handed to qtbot
    editor.show()
    qtbot.waitUntil(lambda: editor.context is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: editor.tasks.pending == 0, timeout=WAIT_MS)
    editor.form.toelichting.setFocus()
    qtbot.keyClicks(editor.form.toelichting, text)
    editor.save_draft()
    qtbot.waitUntil(lambda: "Concept opgeslagen." in editor.notice.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: editor.tasks.pending == 0, timeout=WAIT_MS)
    return editor


def test_the_pip_editor_keeps_its_own_draft_marked_and_waits_for_the_choice(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault, laptop_a: OpenVault
) -> None:
    case = two_laptops(server, office, laptop_a, vault, "eigenpip")
    pip_draft(qtbot, laptop_a, case, "Laptop A: taalschool in de ochtend.").close()
    sync(laptop_a)
    editor = pip_draft(qtbot, vault, case, "Laptop B: taalschool in de avond.")  # laptop B
    shown = editor.form.toelichting.toPlainText()
    assert "Laptop B" in shown

    sync_in_window(qtbot, vault)  # the conflict comes down while the editor is open
    qtbot.waitUntil(lambda: "conflict" in editor.notice.text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: editor.tasks.pending == 0, timeout=WAIT_MS)
    assert editor.form.toelichting.toPlainText() == shown  # B's own draft stays
    mark = editor.findChild(QLabel, "pip.version.1:conflict")
    assert mark is not None and mark.isVisible()
    assert "kies in Conflicten oplossen" in mark.text()
    # saving would meet laptop A's version in the vault: it waits for the choice, said why
    assert not editor.save_button.isEnabled() and not editor.set_button.isEnabled()
    assert "Conflicten oplossen" in editor.save_button.toolTip()

    mark.linkActivated.emit("conflict")
    view = conflict_view()
    qtbot.waitUntil(lambda: view.current() is not None and view.tasks.pending == 0)
    current = view.current()
    assert current is not None and (current.case_id, current.field_key) == (
        case,
        "pip.version.1",
    )
    while view.items.count():  # the version (and the pointer with it): laptop A's
        with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
            qtbot.mouseClick(view.take_office, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Laptop A" in editor.form.toelichting.toPlainText(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: editor.findChild(QLabel, "pip.version.1:conflict") is None)
    qtbot.waitUntil(editor.save_button.isEnabled)
    assert editor.save_button.toolTip() == ""
    view.close()
    editor.close()
