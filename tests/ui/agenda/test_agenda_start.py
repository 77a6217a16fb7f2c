"""The agenda is the first screen after unlock, with the keyboard in it; the case list is
one key (Ctrl+2) or one click (its tab) away and back (Ctrl+1), both in the F1 overview
and the menu; a language switch keeps the page the consultant was on."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.i18n import set_language
from inburg_desktop.services import agenda as agenda_service
from inburg_desktop.services.cancel import Cancelled
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda import page as agenda_page
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.shortcut_overview import shortcut_rows

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


def test_the_agenda_is_the_first_screen_and_the_case_list_one_key_away(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    with vault.transaction() as session:
        add_demo_cases(session, 12)
    controller = AppController(vault.path, AppSettings.load())
    monkeypatch.setattr(controller, "show_unlock", lambda: None)
    controller.on_unlocked(vault)
    main = controller.main_window
    assert main is not None
    qtbot.addWidget(main)
    assert main.showing_agenda and main.agenda.isVisible() and not main.table.isVisible()
    qtbot.waitUntil(lambda: main.agenda.agenda is not None and main.tasks.pending == 0)
    main.activateWindow()
    qtbot.waitUntil(main.agenda.list.hasFocus)
    assert main.agenda.current_entry() is not None  # the keyboard is on the first item
    qtbot.keyClick(main.agenda.list, Qt.Key.Key_2, CTRL)
    assert not main.showing_agenda and main.table.isVisible()
    qtbot.waitUntil(lambda: main.table.hasFocus() or main.search.hasFocus())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_1, CTRL)
    assert main.showing_agenda
    qtbot.waitUntil(main.agenda.list.hasFocus)
    # one click: the tab
    bar = main.pages.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert not main.showing_agenda
    # F1 names both keys, and the item keys
    rows = {row.description: row.keys for row in shortcut_rows(main)}
    assert rows["Agenda"] == "Ctrl+1" and rows["Dossierlijst"] == "Ctrl+2"
    assert rows["Afgehandeld"] == "Ctrl+D" and rows["Uitstellen…"] == "Ctrl+U"
    assert rows["Plannen…"] == "Ctrl+G" and rows["Ongedaan maken"] == "Ctrl+Z"
    assert rows["Dossier openen"] in ("Return", "Enter")  # Qt's word, or ours (ui.qt_words)
    # a language switch rebuilds the window on the page it was on
    controller.change_language("en")
    try:
        rebuilt = controller.main_window
        assert rebuilt is not None and rebuilt is not main
        qtbot.addWidget(rebuilt)
        assert not rebuilt.showing_agenda
        assert rebuilt.pages.tabText(0) == "&Agenda" and rebuilt.pages.tabText(1) == "&Cases"
    finally:
        set_language("nl")


def test_a_read_that_arrives_on_the_case_list_waits_for_the_agenda_to_be_shown(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+2 at once after unlock: the agenda's read, arriving while the consultant types
    in the case list's search box, is not put on screen then (it held the GUI thread for
    up to 456 ms at 10,000 cases, benchmarks/gui_child.py list-app), but when the agenda
    is shown again."""
    with vault.transaction() as session:
        add_demo_cases(session, 12)
    controller = AppController(vault.path, AppSettings.load())
    monkeypatch.setattr(controller, "show_unlock", lambda: None)
    controller.on_unlocked(vault)
    main = controller.main_window
    assert main is not None
    qtbot.addWidget(main)
    main.show_cases()  # before the read came back
    qtbot.waitUntil(lambda: main.tasks.pending == 0)
    QApplication.processEvents()
    assert main.agenda.model.rowCount() == 0 and main.agenda.agenda is None
    main.show_agenda()
    qtbot.waitUntil(lambda: main.agenda.model.rowCount() > 0)
    assert main.agenda.agenda is not None


def test_leaving_the_agenda_stops_its_read_and_coming_back_reads_again(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+2 while the agenda is read: the read stops (on the worker it shares the
    interpreter with the GUI thread while the consultant types in the search box:
    benchmarks/gui_child.py list-app), and Ctrl+1 reads it again."""
    with vault.transaction() as session:
        add_demo_cases(session, 12)
    go = threading.Event()
    outcomes: list[str] = []

    def held_read(*args: object, **kwargs: object) -> object:
        go.wait(10)  # the consultant leaves the agenda while this read runs
        try:
            read = agenda_service.agenda_on(*args, **kwargs)  # type: ignore[arg-type]
        except Cancelled:
            outcomes.append("stopped")
            raise
        outcomes.append("finished")
        return read

    monkeypatch.setattr(agenda_page, "agenda_on", held_read)
    controller = AppController(vault.path, AppSettings.load())
    monkeypatch.setattr(controller, "show_unlock", lambda: None)
    controller.on_unlocked(vault)
    main = controller.main_window
    assert main is not None
    qtbot.addWidget(main)
    main.show_cases()
    go.set()
    qtbot.waitUntil(lambda: len(outcomes) == 1)
    assert outcomes == ["stopped"]
    assert main.agenda.model.rowCount() == 0
    main.show_agenda()
    qtbot.waitUntil(lambda: main.agenda.model.rowCount() > 0)
    assert outcomes == ["stopped", "finished"]
