"""Instellingen → Briefhoofd van de gemeente: fill in the municipality, choose a logo,
save; a bad value or logo file (not an image, truncated, a decompression bomb) is refused
in words and nothing is stored; a letterhead the office publishes is shown read-only."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
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
    qtbot.waitUntil(lambda: dialog.chosen is not None)  # read off the GUI thread
    return window, dialog


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClicks(edit, text)


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
    qtbot.waitUntil(lambda: dialog.logo is not None)  # read and re-encoded off the GUI thread
    assert dialog.logo_button.isEnabled() and dialog.save_button.isEnabled()
    assert dialog.logo is not None
    with Image.open(io.BytesIO(dialog.logo)) as chosen_logo:
        assert (chosen_logo.format, chosen_logo.size) == ("PNG", (240, 80))
    assert not dialog.logo_preview.pixmap().isNull()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Briefhoofd opgeslagen" in window.notice.text()
    with vault.session() as session:
        chosen = load_letterhead(session)
    assert chosen.source == "local"
    assert chosen.letterhead.name == "Gemeente Leiden"
    assert chosen.letterhead.postal_address == "Postbus 9100, 2300 PC Leiden"
    assert chosen.letterhead.logo == dialog.logo


def test_a_bad_value_or_file_is_refused_and_nothing_is_stored(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, dialog = open_from_menu(qtbot, vault)
    not_an_image = tmp_path / "logo.png"
    not_an_image.write_bytes(b"GIF89a, toch niet")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: not_an_image)
    qtbot.mouseClick(dialog.logo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.logo_button.isEnabled())
    assert dialog.notice.text() == "logo: geen PNG- of JPEG-afbeelding"
    assert dialog.logo is None
    dialog.name.clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.notice.text().startswith("Niet opgeslagen"))  # off-thread
    assert dialog.isVisible() and dialog.save_button.isEnabled()
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


def _truncated_png(path: Path) -> Path:
    whole = io.BytesIO()
    Image.linear_gradient("L").resize((400, 300)).save(whole, format="PNG")
    path.write_bytes(whole.getvalue()[: len(whole.getvalue()) * 2 // 3])
    return path


def _jpeg_bomb(path: Path) -> Path:
    """A tiny JPEG whose header claims 13000 × 13000 pixels (1.8 GB to decode)."""
    small = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(small, format="JPEG")
    data = bytearray(small.getvalue())
    at = data.index(b"\xff\xc0")  # start of frame: length, precision, height, width
    data[at + 5 : at + 9] = struct.pack(">HH", 13000, 13000)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated_png, "logo: de afbeelding is beschadigd of onvolledig"),
        (_jpeg_bomb, "logo: te groot"),
    ],
    ids=["truncated", "bomb"],
)
def test_a_logo_that_does_not_decode_is_refused_when_chosen(
    qtbot: QtBot,
    vault: OpenVault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], Path],
    message: str,
) -> None:
    _window, dialog = open_from_menu(qtbot, vault)
    picked = make(tmp_path / "logo.img")
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: picked)
    qtbot.mouseClick(dialog.logo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.logo_button.isEnabled())
    assert dialog.notice.text().startswith(message)
    assert dialog.logo is None
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with vault.session() as session:
        assert load_letterhead(session).letterhead.logo is None
