"""The notice bar shows messages as plain text: they quote file names, a handover file's keys
and a server's words, which a QLabel would otherwise render as HTML."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import notice_bar
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.notice_bar import NoticeBar


def test_notice_messages_quoting_a_file_are_plain_text(qtbot: QtBot) -> None:
    bar = NoticeBar()
    qtbot.addWidget(bar)
    message = "Het bestand <img src=x>.json is niet geïmporteerd: het veld notes.<b>x</b>"
    bar.show_message(message, "error")
    assert bar.label.textFormat() == Qt.TextFormat.PlainText
    assert bar.text() == message


def test_a_confirmation_goes_by_itself_an_error_stays(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Usability round 3: "Dossier toegevoegd." stood in the main window for ever."""
    monkeypatch.setattr(notice_bar, "INFO_SECONDS", 0.05)
    bar = NoticeBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.show_message("Dossier toegevoegd.", "info")
    assert bar.isVisible()
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5_000)

    bar.show_message("Dossier toegevoegd.", "info")
    bar.show_message("Het bestand is niet geïmporteerd.", "error")
    assert not bar.expiry.isActive()  # the confirmation's timer does not take the error
    assert bar.isVisible() and bar.text() == "Het bestand is niet geïmporteerd."


def test_the_main_windows_added_case_notice_passes(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notice_bar, "INFO_SECONDS", 0.05)
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.notice.show_message("Dossier toegevoegd.", "info")
    assert window.notice.isVisible()
    qtbot.waitUntil(lambda: not window.notice.isVisible(), timeout=5_000)
