"""Bestand → Inzageverzoek (AVG)… (issue 16 item 3; AVG art. 15 and 20), by keyboard
only: the menu's letter opens it for the case the list is on, Enter saves the readable
PDF (the default), Alt+S, Down and Enter the ``inburg-case/1`` JSON; the save dialog is offered
a name in the PIP's style; the copy is made in the background and the notice bar says
where it went. Cancelled, nothing is written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.case_document import loads
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.subject_access_dialog import SubjectAccessDialog

from .pdf_text import pdf_text

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def main(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    with vault.transaction() as session:
        add_demo_cases(session, 4)
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.show_cases()  # the list, not the agenda
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    return window


def _open_by_keyboard(qtbot: QtBot, window: MainWindow) -> SubjectAccessDialog:
    """Down into the list, Alt+B for Bestand, Z for Inzageverzoek."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Home)
    qtbot.keyClick(window, Qt.Key.Key_B, ALT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5_000)
    menu = QApplication.activePopupWidget()
    assert menu is not None
    qtbot.keyClick(menu, Qt.Key.Key_Z)
    qtbot.waitUntil(
        lambda: (
            isinstance(getattr(window, "subject_access_dialog", None), SubjectAccessDialog)
            and window.subject_access_dialog.isVisible()
        ),
        timeout=5_000,
    )
    dialog = window.subject_access_dialog
    assert isinstance(dialog, SubjectAccessDialog)
    dialog.activateWindow()  # what the window manager does with a new modal dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5_000)
    return dialog


def test_enter_saves_the_readable_pdf_with_a_name_in_the_pips_style(
    qtbot: QtBot, main: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[Any] = []
    target = tmp_path / "inzage.pdf"

    def choose(_parent: Any, _title: str, name: str, _filter: str) -> Path:
        offered.append(name)
        return target

    monkeypatch.setattr(dialogs, "choose_save_file", choose)
    dialog = _open_by_keyboard(qtbot, main)
    row = main.target_row()
    assert row is not None
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "opgeslagen" in main.notice.text(), timeout=60_000)
    assert offered and offered[0].startswith(f"{row.given_names} {row.family_name} inzage AVG ")
    assert offered[0].endswith(".pdf")
    text = pdf_text(target.read_bytes())
    assert row.family_name in text and "Uw rechten" in text
    assert target.stat().st_mode & 0o777 == 0o600


def test_alt_s_down_saves_the_json_and_escape_writes_nothing(
    qtbot: QtBot, main: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "inzage.json"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_a: target)
    dialog = _open_by_keyboard(qtbot, main)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and not target.exists()
    dialog = _open_by_keyboard(qtbot, main)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_S, ALT)
    assert dialog.focusWidget() is dialog.kind_box
    qtbot.keyClick(dialog.kind_box, Qt.Key.Key_Down)
    assert dialog.kind() == "json"
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "opgeslagen" in main.notice.text(), timeout=60_000)
    row = main.target_row()
    assert row is not None
    assert loads(target.read_bytes()).case.id == row.id


def test_a_character_no_font_has_still_saves_the_pdf_and_the_notice_names_the_field(
    qtbot: QtBot,
    main: MainWindow,
    vault: OpenVault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Attack round 8, finding 3: an emoji in a note blocked the whole overview. Now the
    PDF is saved with the character as its code, and the notice (a warning) says which
    field held it."""
    target = tmp_path / "inzage.pdf"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_a: target)
    dialog = _open_by_keyboard(qtbot, main)
    row = main.target_row()
    assert row is not None
    with vault.transaction() as session:
        update_fields(session, row.id, {"intake.opleiding.notes": "Wil elektricien worden 😀"})
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "opgeslagen" in main.notice.text(), timeout=60_000)
    said = main.notice.text()
    assert main.notice.kind == "warning"
    assert "U+1F600" in said and "Aantekeningen van de consulent" in said
    text = pdf_text(target.read_bytes())
    assert "Wil elektricien worden <U+1F600>" in text
