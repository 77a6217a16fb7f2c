"""The snooze and plan questions name the case and the item in their heading; a name is
what the consultant or the office typed, so it is shown as written, never as markup
(found reading the labels that show data, after the talk window's agreements were)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.ui.agenda.state_dialogs import PlanDialog, SnoozeDialog

ABOUT = "Voortgangsgesprek — <b>Haddad</b>, Amal <img src='x'>, uiterlijk 3 mrt 2026"


@pytest.mark.parametrize("dialog_type", [SnoozeDialog, PlanDialog])
def test_the_heading_shows_a_name_with_markup_as_written(
    qtbot: QtBot, dialog_type: type[SnoozeDialog] | type[PlanDialog]
) -> None:
    dialog = dialog_type(ABOUT, date(2026, 3, 2))
    qtbot.addWidget(dialog)
    dialog.show()
    heading = dialog.findChild(QLabel, "agendaStateAbout")
    assert heading is not None
    assert heading.text() == ABOUT
    assert heading.textFormat() is Qt.TextFormat.PlainText
