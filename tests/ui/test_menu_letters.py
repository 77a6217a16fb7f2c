"""The case list's Alt-letters in both UI languages, also after switching (usability
round 6 finding 19: "Undo" and "Done" were seen without their letter in English, and
"Settings" without one): every menu of the menu bar has a letter, no two share one, and
the agenda's buttons keep theirs after Instellingen → Taal van de app.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QTabBar
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController, use_language
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.mnemonics import letter_of


@pytest.fixture(autouse=True)
def _back_to_dutch() -> Iterator[None]:
    yield
    use_language("nl")


def letters(window: MainWindow) -> dict[str, str]:
    """Text -> its Alt-letter ("" for none) of the menu bar, the tabs and the buttons
    shown."""
    texts = [action.text() for action in window.menuBar().actions()]
    texts += [bar.tabText(i) for bar in window.findChildren(QTabBar) for i in range(bar.count())]
    texts += [
        button.text()
        for button in window.findChildren(QAbstractButton)
        if button.isVisible() and button.text()
    ]
    return {text: (letter_of(text) or "").casefold() for text in texts}


def settled(qtbot: QtBot, window: MainWindow) -> dict[str, str]:
    qtbot.waitUntil(lambda: window.agenda.agenda is not None, timeout=15_000)
    for _turn in range(3):  # the keeper looks once per event-loop turn
        QApplication.processEvents()
    return letters(window)


def problems(found: dict[str, str], menus: list[str]) -> list[str]:
    wrong = [f"{text!r} has no letter" for text in menus if not found[text]]
    taken: dict[str, str] = {}
    for text, letter in found.items():
        if letter and letter in taken:
            wrong.append(f"{text!r} and {taken[letter]!r} share Alt+{letter}")
        taken.setdefault(letter, text)
    return wrong


@pytest.mark.parametrize("language", ["nl", "en"])
def test_menu_bar_letters_are_there_and_unique_after_a_switch(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setattr(AppSettings, "save", lambda self: None)  # no settings file
    with vault.transaction() as session:
        add_demo_cases(session, 6, date(2026, 3, 2))
    controller = AppController(vault.path, AppSettings())
    controller.on_unlocked(vault)
    try:
        other = "nl" if language == "en" else "en"
        controller.change_language(other)
        controller.change_language(language)  # switched there and back, as a user may
        window = controller.main_window
        assert window is not None
        qtbot.addWidget(window)
        window.show_agenda()
        found = settled(qtbot, window)
        menus = [action.text() for action in window.menuBar().actions()]
        assert problems(found, menus) == []
        buttons = [
            button.text()
            for name in ("agendaDone", "agendaUndo")
            if (button := window.agenda.findChild(QPushButton, name)) is not None
        ]
        assert len(buttons) == 2
        assert all(letter_of(text) for text in buttons), buttons
    finally:
        use_language("nl")
        controller.lock()
        if controller.unlock_window is not None:
            controller.unlock_window.close()
