"""Every key that changes the main window's page lands the keyboard where the consultant
types next, and the status bar speaks of the page on screen.

Usability round 7: finding 6, Ctrl+2 left the keyboard in the table, so "warsame" went to
its type-ahead and the search box stayed empty; finding 17, the agenda's status bar said
"1 van 13 dossiers", the case list's filter. Each way of changing the page is tried:
Ctrl+1 and Ctrl+2, each tab's Alt+letter, and Ctrl+Tab."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.i18n import set_language
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import mnemonics
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.mnemonics import letter_of

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


@pytest.fixture
def main(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    with vault.transaction() as session:
        add_demo_cases(session, 12)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    mnemonics.install(app)  # as the app does: the tabs' Alt+letters
    window = MainWindow(vault, start_on_agenda=True)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.waitUntil(lambda: window.agenda.agenda is not None and window.model.rowCount() == 12)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    return window


def tab_key(main: MainWindow, index: int) -> Callable[[QtBot], None]:
    def press(qtbot: QtBot) -> None:
        letter = letter_of(main.pages.tabText(index))
        assert letter is not None, main.pages.tabText(index)
        qtbot.keyClick(focused(), Qt.Key(ord(letter.upper())), ALT)

    return press


def ctrl(key: Qt.Key) -> Callable[[QtBot], None]:
    return lambda qtbot: qtbot.keyClick(focused(), key, CTRL)


def lands_on_cases(qtbot: QtBot, main: MainWindow) -> None:
    """The case list is shown and what is typed next replaces the search (selected)."""
    assert not main.showing_agenda
    assert focused() is main.search
    qtbot.keyClicks(focused(), "warsame")
    assert main.search.text() == "warsame"
    assert main.proxy.rowCount() >= 1


def lands_on_agenda(main: MainWindow) -> None:
    assert main.showing_agenda
    assert focused() is main.agenda.list
    assert main.agenda.current_entry() is not None


def test_every_page_key_lands_the_keyboard_where_the_consultant_types_next(
    qtbot: QtBot, main: MainWindow
) -> None:
    qtbot.waitUntil(main.agenda.list.hasFocus)
    ways = (
        ("Ctrl+1/Ctrl+2", ctrl(Qt.Key.Key_2), ctrl(Qt.Key.Key_1)),
        ("tab letters", tab_key(main, 1), tab_key(main, 0)),
        ("Ctrl+Tab", ctrl(Qt.Key.Key_Tab), ctrl(Qt.Key.Key_Tab)),
    )
    for name, to_cases, to_agenda in ways:
        main.search.setText("al getypt")  # an earlier search: replaced by typing
        to_cases(qtbot)
        qtbot.waitUntil(lambda: not main.showing_agenda)
        assert main.search.selectedText() == "al getypt", name
        lands_on_cases(qtbot, main)
        to_agenda(qtbot)
        qtbot.waitUntil(lambda: main.showing_agenda)
        lands_on_agenda(main)


def test_the_status_bar_speaks_of_the_page_on_screen(qtbot: QtBot, main: MainWindow) -> None:
    status = main.statusBar()
    open_items = main.agenda.model.open_count()
    assert open_items > 1
    assert status.currentMessage() == f"{open_items} punten op de agenda"
    main.show_cases()
    qtbot.keyClicks(main.search, "Haddad, A")
    assert status.currentMessage() == "1 van 12 dossiers"
    main.show_agenda()
    assert status.currentMessage() == f"{open_items} punten op de agenda"
    # an item done: the count follows, as the agenda's heading does
    main.agenda.mark_done()
    qtbot.waitUntil(lambda: main.agenda.model.open_count() == open_items - 1)
    assert status.currentMessage() == f"{open_items - 1} punten op de agenda"
    assert f"{open_items - 1} punten" in main.agenda.title.text()
    # a reload of the case list while the agenda shows leaves the agenda's count
    main.refresh()
    qtbot.waitUntil(lambda: main.tasks.pending == 0)
    assert status.currentMessage() == f"{open_items - 1} punten op de agenda"
    main.show_cases()
    assert status.currentMessage() == "1 van 12 dossiers"
