"""Instellingen → Gesloten dossiers bewaren: the grace period a closed case stays on this
laptop (domain.retention: default 30 days, 0 to 90), shown as stored and saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.retention import DEFAULT_GRACE_DAYS, MAX_GRACE_DAYS, MIN_GRACE_DAYS
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
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a number typed: asked first (close guard)
    box = dialog.close_guard.question
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    box.button(QMessageBox.StandardButton.Discard).click()  # Niet opslaan
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with vault.session() as session:
        assert grace_setting(session) == 12


def test_the_dialog_states_the_range_and_what_counts_as_closed(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Usability round 9, finding 20: no maximum was stated, and nothing said how a case
    gets closed."""
    _window, dialog = open_from_menu(qtbot, vault)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())
    assert f"Van {MIN_GRACE_DAYS} tot en met {MAX_GRACE_DAYS} dagen" in shown
    assert "wanneer het kantoor het sluit of het van uw caseload haalt" in shown


@pytest.mark.parametrize("typed", ["9999", "91", "-5"])
def test_a_number_outside_the_range_is_refused_in_words_not_cut(
    qtbot: QtBot, vault: OpenVault, typed: str
) -> None:
    """Usability round 9, finding 20: typing 9999 showed "9 dagen" without a word."""
    with vault.transaction() as session:
        set_grace_setting(session, 12)
    _window, dialog = open_from_menu(qtbot, vault)
    dialog.days.selectAll()
    qtbot.keyClicks(dialog.days, typed)
    assert dialog.days.text() == f"{typed} dagen"  # as typed, not cut
    said = dialog.message.text()
    assert said.startswith("Bewaren na sluiten:")
    assert f"{typed} dagen kan niet" in said
    assert f"van {MIN_GRACE_DAYS} tot en met {MAX_GRACE_DAYS} dagen" in said
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message.text() == said
    assert dialog.days.hasFocus()
    with vault.session() as session:
        assert grace_setting(session) == 12  # nothing stored
    dialog.days.selectAll()
    qtbot.keyClicks(dialog.days, "45")  # corrected: the message goes, Save stores it
    assert dialog.message.text() == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with vault.session() as session:
        assert grace_setting(session) == 45


def test_the_arrow_keys_stay_inside_the_range(qtbot: QtBot, vault: OpenVault) -> None:
    _window, dialog = open_from_menu(qtbot, vault)
    dialog.days.setValue(MAX_GRACE_DAYS)
    qtbot.keyClick(dialog.days, Qt.Key.Key_Up)
    assert dialog.days.value() == MAX_GRACE_DAYS
    dialog.days.setValue(MIN_GRACE_DAYS)
    qtbot.keyClick(dialog.days, Qt.Key.Key_Down)
    assert dialog.days.value() == MIN_GRACE_DAYS
    assert dialog.message.text() == ""
