"""Instellingen → Briefhoofd van de gemeente: fill in the municipality, choose a logo,
save; a bad value is refused in words and nothing is stored; a letterhead the office
publishes is shown read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.services.letterhead import LOCAL_KEY, OFFICE_KEY, load_letterhead
from inburg_desktop.storage.sync_state import get_setting, set_setting
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.letterhead_dialog import LetterheadDialog
from inburg_desktop.ui.main_window import MainWindow


def open_from_menu(qtbot: QtBot, vault: OpenVault) -> tuple[MainWindow, LetterheadDialog]:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.letterhead_action.trigger()
    dialog = window.letterhead_dialog
    assert isinstance(dialog, LetterheadDialog) and dialog.isVisible()
    return window, dialog


def retype(qtbot: QtBot, edit: object, text: str) -> None:
    edit.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(edit, text)  # type: ignore[arg-type]


def test_fill_in_choose_a_logo_and_save(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, dialog = open_from_menu(qtbot, vault)
    assert "standaardgegevens" in dialog.notice.text()
    assert dialog.name.text() == "Gemeente Wassenaar"
    retype(qtbot, dialog.name, "Gemeente Leiden")
    retype(qtbot, dialog.college, "het college van burgemeester en wethouders van Leiden")
    retype(qtbot, dialog.postal, "Postbus 9100, 2300 PC Leiden")
    logo = tmp_path / "logo.png"
    Image.new("RGB", (240, 80), (20, 80, 160)).save(logo)
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: logo)
    qtbot.mouseClick(dialog.logo_button, Qt.MouseButton.LeftButton)
    assert dialog.logo == logo.read_bytes()
    assert not dialog.logo_preview.pixmap().isNull()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Briefhoofd opgeslagen" in window.notice.text()
    with vault.session() as session:
        chosen = load_letterhead(session)
    assert chosen.source == "local"
    assert chosen.letterhead.name == "Gemeente Leiden"
    assert chosen.letterhead.postal_address == "Postbus 9100, 2300 PC Leiden"
    assert chosen.letterhead.logo == logo.read_bytes()


def test_a_bad_value_or_file_is_refused_and_nothing_is_stored(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, dialog = open_from_menu(qtbot, vault)
    not_an_image = tmp_path / "logo.png"
    not_an_image.write_bytes(b"GIF89a, toch niet")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: not_an_image)
    qtbot.mouseClick(dialog.logo_button, Qt.MouseButton.LeftButton)
    assert "geen PNG- of JPEG-afbeelding" in dialog.notice.text()
    assert dialog.logo is None
    dialog.name.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.notice.text() == "Niet opgeslagen: naam van de gemeente: mag niet leeg zijn"
    with vault.session() as session:
        assert get_setting(session, LOCAL_KEY) is None


def test_the_office_letterhead_is_shown_read_only(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        set_setting(
            session,
            OFFICE_KEY,
            {
                "name": "Gemeente Katwijk",
                "college": "het college van burgemeester en wethouders van Katwijk",
                "postal_address": "Postbus 589, 2220 AN Katwijk",
                "phone": "14 071",
            },
        )
    _window, dialog = open_from_menu(qtbot, vault)
    assert dialog.name.text() == "Gemeente Katwijk" and dialog.name.isReadOnly()
    assert not dialog.save_button.isEnabled() and not dialog.logo_button.isEnabled()
    assert "Het kantoor bepaalt dit briefhoofd" in dialog.notice.text()
    qtbot.keyClicks(dialog.name, "Gemeente Leiden")  # read-only: typing changes nothing
    assert dialog.name.text() == "Gemeente Katwijk"
