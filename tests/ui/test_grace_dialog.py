"""Instellingen → Gesloten dossiers bewaren: the grace period a closed case stays on this
laptop (domain.retention: default 30 days, 0 to 90), shown as stored and saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.retention import DEFAULT_GRACE_DAYS, MAX_GRACE_DAYS
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.retention import grace_setting, set_grace_setting
from inburg_desktop.ui.grace_dialog import GraceDialog
from inburg_desktop.ui.main_window import MainWindow


def open_from_menu(qtbot: QtBot, vault: OpenVault) -> tuple[MainWindow, GraceDialog]:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.grace_action.trigger()
    dialog = window.grace_dialog
    assert isinstance(dialog, GraceDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.loaded)  # read off the GUI thread
    return window, dialog


def test_the_default_is_shown_and_a_new_value_is_saved(qtbot: QtBot, vault: OpenVault) -> None:
    window, dialog = open_from_menu(qtbot, vault)
    assert dialog.days.value() == DEFAULT_GRACE_DAYS
    assert dialog.days.maximum() == MAX_GRACE_DAYS
    dialog.days.selectAll()
    qtbot.keyClicks(dialog.days, "7")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Opgeslagen" in window.notice.text()
    with vault.session() as session:
        assert grace_setting(session) == 7


def test_the_stored_value_is_shown_and_cancel_changes_nothing(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        set_grace_setting(session, 12)
    _window, dialog = open_from_menu(qtbot, vault)
    assert dialog.days.value() == 12
    dialog.days.selectAll()
    qtbot.keyClicks(dialog.days, "90")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with vault.session() as session:
        assert grace_setting(session) == 12
