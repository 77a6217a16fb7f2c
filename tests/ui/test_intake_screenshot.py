"""The intake screen at 1366×768 (the usual municipal laptop) with a demo case mid-intake:
nothing important clipped. With INBURG_SCREENSHOTS=1 it also writes docs/intake-screen.png.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.intake import IntakeWindow

DOCS = Path(__file__).resolve().parents[2] / "docs"
TOPIC = os.environ.get("INBURG_SCREENSHOT_TOPIC", "werkervaring")


def test_intake_screen_at_1366x768(qtbot: QtBot, vault: OpenVault) -> None:
    register_fonts()
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 3)[0]  # half covered, one parked, COA data
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    window.show_topic(TOPIC)
    window.panel.next_prompt()
    QApplication.processEvents()
    qtbot.wait(100)
    panel = window.panel
    # The question is readable in full, the topic map shows every state in words.
    prompt = panel.prompt_text
    assert prompt.height() >= prompt.heightForWidth(prompt.width())
    assert window.map.width() >= 250
    for label in panel.findChildren(QLabel):
        if label.isVisible() and label.wordWrap() and label.text():
            assert label.height() >= label.heightForWidth(label.width()) - 1, label.text()
    if os.environ.get("INBURG_SCREENSHOTS") == "1":
        assert window.grab().save(str(DOCS / "intake-screen.png"))
