"""Recording a talk as held never widens the talk window (usability round 9, finding 5):
beside the Tolkscherm the window is 820 px wide; "Gesprek als gehouden vastleggen" showed
"Gehouden ongedaan maken" in the same row as the other buttons, whose minimum width then
pushed the window to 997 px, under the Tolkscherm."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.i18n import set_language
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.voortgang import TalkWindow

TODAY = date(2026, 11, 2)
BESIDE_INTERPRETER = 820  # the width the window takes beside the Tolkscherm (s11)


def test_recording_a_talk_as_held_keeps_the_window_width(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[SIGNED_INDEX]
    window = TalkWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.show()
    window.resize(BESIDE_INTERPRETER, 728)
    qtbot.keyClicks(window.notes, "Gesprek gevoerd.")
    with qtbot.waitSignal(window.held, timeout=10000):
        window.hold_button.click()
    qtbot.waitUntil(lambda: window.undo_button.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: window.notice.text() != "", timeout=10000)
    assert window.minimumSizeHint().width() <= BESIDE_INTERPRETER
    assert window.width() == BESIDE_INTERPRETER
    # every button of the row is wholly inside the window
    for button in (window.hold_button, window.undo_button, window.amend_button):
        right = button.mapTo(window, button.rect().topRight()).x()
        assert right < window.width(), button.text()
