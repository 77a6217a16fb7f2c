"""A talk part in conflict after a sync is shown in the talk window as the other windows
show one (usability round 9, finding 3): the consultant's own side stays on screen and the
part carries the conflict mark (``ui.conflict_marks``), not the other laptop's text alone
with no marker."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.i18n import set_language
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_marks import mark_text
from inburg_desktop.ui.voortgang import TalkWindow

from .test_conflict_kinds import with_conflict

NOTES = "voortgang.1.notities"
OFFICE = "Gesprek. Fresh A."
OWN = "Gesprek. Laptop B zegt: les 2x per week."


def test_notes_in_conflict_show_the_own_side_with_the_mark(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    # as a sync stores it: the office's text in the case, this laptop's kept beside it
    case_id = with_conflict(
        vault, NOTES, OFFICE, OWN, device="deze-laptop", case_index=6, fields={NOTES: OFFICE}
    )
    window = TalkWindow(vault, case_id)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.show()
    assert window.nummer == 1
    assert window.notes.toPlainText() == OWN
    marks = [
        label
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.accessibleName() == mark_text()
    ]
    assert len(marks) == 1
    assert window.notes_host.isAncestorOf(marks[0])
