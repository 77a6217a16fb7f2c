"""The talk window keeps what is typed right after it opens (usability round 6 finding
14): the keyboard starts in Aantekeningen; a "Gesprek" list with one talk is no keyboard
stop (its list opened on the first space and swallowed every key after it); F8 steps the
question from the notes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.i18n import set_language
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.voortgang import TalkWindow

TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


def test_typing_at_once_goes_into_the_notes_and_f8_steps_on(qtbot: QtBot, vault: OpenVault) -> None:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[0]  # no PIP: one talk in the list
    window = TalkWindow(vault, case_id, today=TODAY)  # deletes itself on close
    with qtbot.waitSignal(window.loaded, timeout=15_000):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.talk_box.count() == 1
    qtbot.keyClicks(QApplication.focusWidget(), "Gaat goed met de taal")
    assert window.notes.toPlainText() == "Gaat goed met de taal"
    assert not window.talk_box.view().isVisible()  # its list never opened
    first = window.prompt_index
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    assert window.prompt_index == first + 1
    # Tab from the notes never stops on a list with nothing to choose
    assert window.talk_box.focusPolicy() == Qt.FocusPolicy.NoFocus
    window.autosave.flush()
    qtbot.waitUntil(lambda: not window.autosave.busy)
    window.close()
