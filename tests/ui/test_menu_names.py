"""Every sentence that sends people through a menu ("Instellingen → Briefhoofd van de
gemeente") names the menu and its item as the menu bar shows them, in each UI language.

Usability round 4 (issue 13, shot 109): About said "Settings → Municipality letterhead"
while the menu item reads "Municipal letterhead…". The check reads every msgid and every
translation in the UI catalogues, so a sentence in domain/, messages.py or a window is
caught alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from inburg_desktop.i18n import set_language
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.about_dialog import AboutDialog
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.menu_names import LETTERHEAD_ITEM, SETTINGS_MENU, menu_path, shown_name

CATALOGUES = Path(__file__).resolve().parents[2] / "translations" / "ui"


def _menus(window: MainWindow) -> dict[str, set[str]]:
    """Each top-level menu's shown name with the shown names of its items."""
    found: dict[str, set[str]] = {}
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        found[shown_name(top.text())] = {
            shown_name(a.text()) for a in menu.actions() if a.text() and not a.isSeparator()
        }
    return found


def _texts(language: str) -> Iterator[str]:
    with (CATALOGUES / language / "LC_MESSAGES" / "ui.po").open("rb") as fh:
        catalog = read_po(fh)
    for message in catalog:
        if not message.id:
            continue
        text = message.id if language == "nl" else message.string
        parts = text if isinstance(text, tuple) else (text,)
        for part in parts:
            if part:
                yield " ".join(str(part).split())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_menu_path_in_a_text_names_the_real_menu_item(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    set_language(language)
    try:
        window = MainWindow(vault)
        qtbot.addWidget(window)
        menus = _menus(window)
        wrong = []
        for text in _texts(language):
            for name, items in menus.items():
                start = 0
                while (at := text.find(f"{name} → ", start)) >= 0:
                    start = at + 1
                    rest = text[at + len(name) + 3 :]
                    if not any(rest.startswith(item) for item in items):
                        wrong.append(f"{name} → {rest[:40]!r}")
        assert not wrong, wrong
        assert menus[shown_name(SETTINGS_MENU)] >= {shown_name(LETTERHEAD_ITEM)}
    finally:
        set_language("nl")


def test_about_names_the_letterhead_item_as_the_menu_shows_it(
    qtbot: QtBot, vault: OpenVault
) -> None:
    set_language("en")
    try:
        window = MainWindow(vault)
        qtbot.addWidget(window)
        dialog = AboutDialog(window, None)
        qtbot.addWidget(dialog)
        assert "Settings → Municipal letterhead)" in dialog.contact.text()
        assert menu_path(SETTINGS_MENU, LETTERHEAD_ITEM) == "Settings → Municipal letterhead"
    finally:
        set_language("nl")
