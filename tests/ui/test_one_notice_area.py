"""A window has one notice area: a new notice replaces the one before, whatever its kind,
so two notices never contradict each other (usability round 7 #17: the sync window's green
"Dit venster was al open: schrijf deze laptop eerst in." stayed above a later red error).
Also the sync window's "Apart gezet (n)…" keeps Alt+A (round 7 #13)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.letterhead_dialog import LetterheadDialog
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.mnemonics import letter_of
from inburg_desktop.ui.new_case_dialog import NewCaseDialog
from inburg_desktop.ui.notice_bar import NoticeBar
from inburg_desktop.ui.sync_window import SyncWindow

from .test_mnemonics_found_in_use import _keeper, _press, _shown


def notices(window: QWidget) -> list[tuple[str, str]]:
    """Every notice the window shows now (text, kind): its notice bars and message lines
    that hold a text."""
    shown: list[tuple[str, str]] = []
    for bar in window.findChildren(NoticeBar):
        if bar.isVisible() and bar.text():
            shown.append((bar.text(), bar.kind))
    for line in window.findChildren(MessageLabel):
        if line.isVisible() and line.text():
            shown.append((line.text(), line.kind))
    return shown


def test_an_error_after_the_already_open_reminder_replaces_it(
    qtbot: QtBot, vault: OpenVault
) -> None:
    window = SyncWindow(vault)  # this laptop is not enrolled yet
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None and window.enroll_box.isVisible())
    window.raise_again()  # Ctrl+Shift+S again
    assert notices(window) == [("Dit venster was al open: schrijf deze laptop eerst in.", "info")]
    window.consulent_name.setText("Sanne de Vries")
    window.server.setText("https://kantoor.example")
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)  # no code typed
    assert notices(window) == [("Vul de eenmalige code in.", "error")]
    assert not any(
        "Dit venster was al open" in label.text()
        for label in window.findChildren(QLabel)
        if label.isVisible()
    )

    window.raise_again()  # and the other way round: the newer notice is the one shown
    assert notices(window) == [("Dit venster was al open: schrijf deze laptop eerst in.", "info")]


def test_every_notice_bar_window_replaces_a_notice_of_another_kind(
    qtbot: QtBot, vault: OpenVault
) -> None:
    for window in (MainWindow(vault), NewCaseDialog(vault), LetterheadDialog(vault)):
        qtbot.addWidget(window)
        window.show()
        bar = window.notice
        assert isinstance(bar, NoticeBar)
        bar.show_message("Dossier toegevoegd.", "info")
        bar.show_message("Het bestand is niet geïmporteerd.", "error")
        assert notices(window) == [("Het bestand is niet geïmporteerd.", "error")], window
        bar.show_message("Bezig met openen…", "progress")
        assert notices(window) == [("Bezig met openen…", "progress")], window
        window.close()


def test_apart_gezet_is_alt_a(qtbot: QtBot, vault: OpenVault, vault_path: Path) -> None:
    _keeper(vault_path)
    window = SyncWindow(vault)
    _shown(qtbot, window)
    qtbot.waitUntil(lambda: window.state is not None)
    assert window.state is not None
    window._show_state(replace(window.state, set_aside=1))
    qtbot.waitUntil(lambda: letter_of(window.quarantine_button.text()) == "a")
    opened: list[bool] = []
    window.quarantine_requested.connect(lambda: opened.append(True))
    _press(qtbot, window, "a")
    qtbot.waitUntil(lambda: opened == [True])
