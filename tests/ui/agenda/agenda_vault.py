"""A vault with an item of every kind the vault can produce (tests/services/test_agenda's
cases: 2026-05-11 is a Monday), one case with open sync conflicts and set-aside records,
and the app shown on it as after unlock, with the agenda read as of that day."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.sync_state import Conflict, add_quarantine, replace_conflicts
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda.model import Entry
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.main_window import MainWindow

from ...services.test_agenda import CASES, ON, seed

__all__ = ["CASES", "ON", "agenda_app", "entries", "row_of", "seeded_vault"]


def seeded_vault(vault: OpenVault) -> dict[str, str]:
    """Every case of ``CASES`` by name, and ``"sync"``: a case with 2 open conflicts
    and 1 set-aside record (besides its termijn item)."""
    ids = {name: seed(vault, **spec) for name, spec in CASES.items()}
    sync = seed(vault, **CASES["termijn_end"], person={"given_names": "Sara"})
    with vault.transaction() as session:
        replace_conflicts(
            session,
            sync,
            [
                Conflict(sync, "intake.werk.notes", "kantoor", "laptop", 2),
                Conflict(sync, "intake.taal.notes", "a", "b", 2),
            ],
            1,
        )
        add_quarantine(session, "push", sync, {"intake.werk.notes": "x"}, "invalid_field", op_id=1)
    ids["sync"] = sync
    return ids


def agenda_app(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch, on: date = ON
) -> tuple[AppController, MainWindow]:
    """The app after unlock (``AppController.on_unlocked``), its agenda read as of ``on``."""
    controller = AppController(vault.path, AppSettings.load())
    monkeypatch.setattr(controller, "show_unlock", lambda: None)  # a lock ends the test
    controller.on_unlocked(vault)
    window = controller.main_window
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.agenda.today = lambda: on
    with qtbot.waitSignal(window.agenda.loaded, timeout=20_000):
        window.agenda.refresh()
    qtbot.waitUntil(lambda: window.agenda.shown_on == on and window.tasks.pending == 0)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return controller, window


def entries(window: MainWindow) -> list[Entry]:
    return window.agenda.model.entries()


def row_of(window: MainWindow, case_id: str, kind: str) -> int:
    model = window.agenda.model
    for number in range(model.rowCount()):
        entry = model.index(number, 0).data(Qt.ItemDataRole.UserRole + 1)
        if isinstance(entry, Entry) and entry.item.case_id == case_id and entry.item.kind == kind:
            return number
    raise AssertionError(f"no {kind} item of the case on the agenda")
