"""Before "PIP vaststellen" the confirmation says plainly when the PIP would go out with the
placeholder letterhead ("standaardgegevens: pas aan…"), offers to fill it in, and does not
let the PIP be set before the consultant ticked that they saw it (usability round 3,
finding 2: a set PIP printed the placeholder letterhead without a word).

With INBURG_SCREENSHOTS=1 it writes docs/screenshots/pip-vaststellen-briefhoofd.png."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.letterhead_dialog import LetterheadDialog
from inburg_desktop.ui.pip import PipEditorWindow

from .pip_confirm import CONSULENT, open_confirmation

TODAY = date(2026, 11, 2)
LEFT = Qt.MouseButton.LeftButton
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def editor(qtbot: QtBot, vault: OpenVault) -> PipEditorWindow:
    consulent.save_name(vault, CONSULENT)
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    return window


def test_the_placeholder_letterhead_is_said_and_offered_before_setting(
    qtbot: QtBot, editor: PipEditorWindow
) -> None:
    editor.form.intensity_on.setChecked(True)
    editor.form.total.setValue(1200)
    dialog = open_confirmation(qtbot, editor)
    # amounts as the form and the decision write them (round 3, finding 4: "1200 uur")
    shown = " ".join(label.text() for label in dialog.findChildren(type(dialog.why_disabled)))
    assert "1.200 uur in totaal" in shown
    assert dialog.sender_box.isVisible()
    said = " ".join(
        label.text() for label in dialog.sender_box.findChildren(type(dialog.why_disabled))
    )
    assert "standaardtekst (Gemeente Wassenaar" in said
    assert "Briefhoofd van de gemeente" in said
    # not set before the consultant ticked that they saw it
    assert dialog.acknowledge.isVisible() and not dialog.confirm_button.isEnabled()
    if os.environ.get("INBURG_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()
        dialog.grab().save(str(SHOTS / "pip-vaststellen-briefhoofd.png"))
    # "Briefhoofd invullen…" opens the letterhead; once saved the warning is gone
    qtbot.mouseClick(dialog.letterhead_button, LEFT)
    qtbot.waitUntil(lambda: editor.letterhead_dialog is not None)
    letterhead = editor.letterhead_dialog
    assert isinstance(letterhead, LetterheadDialog)
    qtbot.waitUntil(lambda: letterhead.isVisible() and letterhead.save_button.isEnabled())
    for field, text in (
        (letterhead.name, "Gemeente Leiden"),
        (letterhead.college, "het college van burgemeester en wethouders van Leiden"),
        (letterhead.postal, "Postbus 9100, 2300 PC Leiden"),
        (letterhead.phone, "14 071"),
    ):
        field.clear()
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(letterhead.save_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.confirmation.sender, timeout=10_000)
    assert not dialog.sender_box.isVisible()
    box = dialog.acknowledge
    if box.isVisible():  # what is open in the intake still asks for the tick
        qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert dialog.confirm_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, LEFT)
