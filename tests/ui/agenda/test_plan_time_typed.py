"""Agenda → Plannen… (Ctrl+G): the time is typed as in a diary (usability round 6 finding
21: after Tab "1430" left 09:00, "14:30" typed at the end made 09:14; only the arrows
worked), and the red "Niet vastgelegd: …" bar goes once the refused field is corrected.
Real key events into the dialog's real fields."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.agenda import Planned
from inburg_desktop.i18n import set_language
from inburg_desktop.ui.agenda.state_dialogs import PlanDialog

TODAY = date(2026, 11, 30)


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


def plan_dialog(qtbot: QtBot) -> PlanDialog:
    dialog = PlanDialog("Oproep voor de brede intake sturen — Haddad, Amal", TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def chosen(qtbot: QtBot, dialog: PlanDialog) -> object:
    with qtbot.waitSignal(dialog.chosen) as asked:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    return asked.args[0]


@pytest.mark.parametrize("typed", ["1430", "14:30", "14.30", "14u30"])
def test_a_time_typed_after_tab_is_the_time_planned(qtbot: QtBot, typed: str) -> None:
    dialog = plan_dialog(qtbot)
    qtbot.waitUntil(dialog.day.edit.hasFocus)
    dialog.day.edit.selectAll()
    qtbot.keyClicks(dialog.day.edit, "02-12-2026")
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.time.edit.hasFocus)
    qtbot.keyClicks(dialog.time.edit, typed)
    assert chosen(qtbot, dialog) == Planned(datetime(2026, 12, 2, 14, 30))
    assert dialog.time.text() == "14:30"  # shown back in the one form


def test_a_click_then_typing_replaces_the_time_shown(qtbot: QtBot) -> None:
    dialog = plan_dialog(qtbot)
    edit = dialog.time.edit
    end = QPoint(edit.width() - 4, edit.height() // 2)
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(edit.hasFocus)
    qtbot.keyClicks(edit, "14:30")
    assert edit.text() == "14:30"
    assert chosen(qtbot, dialog) == Planned(datetime(2026, 11, 30, 14, 30))


def test_a_time_that_is_no_time_is_refused_in_words_and_nothing_is_chosen(
    qtbot: QtBot,
) -> None:
    dialog = plan_dialog(qtbot)
    dialog.time.setFocus()
    qtbot.waitUntil(dialog.time.edit.hasFocus)
    qtbot.keyClicks(dialog.time.edit, "25:00")
    with qtbot.assertNotEmitted(dialog.chosen):
        qtbot.keyClick(dialog.time.edit, Qt.Key.Key_Return)
    assert dialog.problem.text() == (
        "Niet vastgelegd: Deze tijd bestaat niet: 25:00. Een tijd ligt tussen 00:00 en 23:59."
    )
    # said by the field as well, named by its label (below the form: ui.field_problems)
    assert (
        dialog.time.shown_in.isVisible()
        and "Tijd: Deze tijd bestaat niet" in dialog.time.shown_in.text()
    )
    assert dialog.time.text() == "25:00"  # kept as typed
    dialog.time.edit.selectAll()
    qtbot.keyClicks(dialog.time.edit, "15")
    assert dialog.problem.text() == ""  # corrected: the bar goes
    assert "25:00" not in dialog.time.shown_in.text()
    assert chosen(qtbot, dialog) == Planned(datetime(2026, 11, 30, 15, 0))


def test_the_refusal_bar_goes_once_the_date_is_corrected(qtbot: QtBot) -> None:
    dialog = plan_dialog(qtbot)
    qtbot.waitUntil(dialog.day.edit.hasFocus)
    dialog.day.edit.selectAll()
    qtbot.keyClicks(dialog.day.edit, "2122026")  # 2-12 or 21-2: refused
    with qtbot.assertNotEmitted(dialog.chosen):
        qtbot.keyClick(dialog.day.edit, Qt.Key.Key_Return)
    assert dialog.problem.text().startswith("Niet vastgelegd: ")
    dialog.day.edit.selectAll()
    qtbot.keyClicks(dialog.day.edit, "02-12-2026")
    assert dialog.problem.text() == ""
    assert chosen(qtbot, dialog) == Planned(datetime(2026, 12, 2, 9, 0))
