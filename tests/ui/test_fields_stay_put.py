"""Usability round 7, findings 8 and 17: a message that appears in a dialog moves no field.

In "Overtreding vastleggen" a refusal and a date's own message made "Vastgesteld op:"
jump above its field and opened gaps, so a click aimed at a field hit empty space; the
talk window's "Gehouden op" sat lower than its field once the date's message showed. For
every dialog of the enforcement window, the talks and the agenda: the place of every
field and of every label that names one, before and after a refusal (a date typed that
does not exist, and the form's own refusal), is the same. Real key events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.fines import Overtreding
from inburg_desktop.i18n import set_language
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda.state_dialogs import PlanDialog, SnoozeDialog
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.first_field import takes_input
from inburg_desktop.ui.handhaving.dialogs import EndDialog, ViolationDialog, WarningDialog
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.voortgang.amend_dialog import AmendDialog

TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


def places(window: QWidget) -> dict[str, QRect]:
    """Where each field and each label naming one is, in the window's coordinates."""
    out: dict[str, QRect] = {}
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is not None:
            name = f"label {widget.text()!r}"
        elif takes_input(widget):
            name = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()}"
            parent = widget.parentWidget()
            if isinstance(parent, DateInput):
                name = f"date {parent.objectName()}"
        else:
            continue
        out[name] = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return out


def _type_bad_date(qtbot: QtBot, field: DateInput) -> None:
    field.edit.setFocus()
    qtbot.waitUntil(field.edit.hasFocus)
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "31-2-2026")


def _shown(qtbot: QtBot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    return dialog


def _refused_bar(dialog: QWidget) -> bool:
    return any(m.has_message for m in dialog.findChildren(MessageLabel) if m.isVisible())


def _violation(qtbot: QtBot) -> tuple[QWidget, Callable[[], None]]:
    dialog = ViolationDialog(TODAY)
    dialog.soort.setCurrentIndex(dialog.soort.findData(Overtreding.INTAKE_NIET_MEEGEWERKT))

    def refuse() -> None:
        _type_bad_date(qtbot, dialog.found)
        dialog.submit()

    return dialog, refuse


def _warning(qtbot: QtBot) -> tuple[QWidget, Callable[[], None]]:
    dialog = WarningDialog(TODAY)

    def refuse() -> None:
        _type_bad_date(qtbot, dialog.op)
        dialog.submit()

    return dialog, refuse


def _end(qtbot: QtBot) -> tuple[QWidget, Callable[[], None]]:
    dialog = EndDialog(TODAY, TODAY - timedelta(days=60))  # decided two months before

    def refuse() -> None:
        _type_bad_date(qtbot, dialog.op)
        dialog.submit()

    return dialog, refuse


def _snooze(qtbot: QtBot) -> tuple[QWidget, Callable[[], None]]:
    dialog = SnoozeDialog("Oproep — Demo, uiterlijk 1-3-2026", TODAY)

    def refuse() -> None:
        _type_bad_date(qtbot, dialog.until)
        dialog._accept()

    return dialog, refuse


def _plan(qtbot: QtBot) -> tuple[QWidget, Callable[[], None]]:
    dialog = PlanDialog("Oproep — Demo, uiterlijk 1-3-2026", TODAY)

    def refuse() -> None:
        dialog.time.edit.setFocus()
        dialog.time.edit.selectAll()
        qtbot.keyClicks(dialog.time.edit, "2561")  # no time: said beneath the field
        _type_bad_date(qtbot, dialog.day)
        dialog._accept()

    return dialog, refuse


def _amend(qtbot: QtBot) -> tuple[QWidget, Callable[[], None]]:
    dialog = AmendDialog(1, TODAY)

    def refuse() -> None:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()  # no reason

    return dialog, refuse


DIALOGS = {
    "Overtreding vastleggen": _violation,
    "Waarschuwing vastleggen": _warning,
    "Onherroepelijk of vervallen": _end,
    "Agendapunt uitstellen": _snooze,
    "Agendapunt plannen": _plan,
    "PIP wijzigen naar aanleiding van dit gesprek": _amend,
}


@pytest.mark.parametrize("name", list(DIALOGS))
def test_no_field_moves_when_a_refusal_appears(qtbot: QtBot, name: str) -> None:
    dialog, refuse = DIALOGS[name](qtbot)
    _shown(qtbot, dialog)
    before = places(dialog)
    assert before
    refuse()
    qtbot.waitUntil(lambda: _refused_bar(dialog))
    QApplication.processEvents()
    assert places(dialog) == before


def test_the_decision_form_keeps_its_fields_in_place(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """ "Besluiten over de boete": a decision date that does not exist is refused."""
    from inburg_desktop.ui.handhaving.dialogs import DecideDialog

    from .test_mnemonics import alone

    form = alone(qtbot, vault, "DecideDialog")
    assert isinstance(form, DecideDialog)
    QApplication.processEvents()
    before = places(form)
    _type_bad_date(qtbot, form.day)
    form.submit()
    qtbot.waitUntil(lambda: _refused_bar(form))
    QApplication.processEvents()
    assert places(form) == before
    form.close_guard.mark_clean()
    form.reject()


def test_the_talk_windows_held_on_label_stays_on_its_fields_line(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Usability round 7 #17: "Gehouden op" sat lower than its field when the date's
    message showed; the row and the form above it keep their places."""
    from inburg_desktop.ui.voortgang.window import TalkWindow

    from .test_mnemonics import alone

    window = alone(qtbot, vault, "TalkWindow")
    assert isinstance(window, TalkWindow)
    settled: list[dict[str, QRect]] = []

    def still() -> bool:  # the agreement rows are laid out in the turns after loading
        QApplication.processEvents()
        settled.append(places(window))
        return len(settled) > 2 and settled[-1] == settled[-2] == settled[-3]

    qtbot.waitUntil(still)
    label, edit = window.held_label, window.held_date.edit

    def middle(widget: QWidget) -> int:
        return widget.mapTo(window, QPoint(0, 0)).y() + widget.height() // 2

    before = places(window)
    assert abs(middle(label) - middle(edit)) <= 2
    _type_bad_date(qtbot, window.held_date)
    qtbot.waitUntil(lambda: window.held_date.message.isVisible())
    QApplication.processEvents()
    assert abs(middle(label) - middle(edit)) <= 2
    after = places(window)
    moved = {k: (before[k], after.get(k)) for k in before if after.get(k) != before[k]}
    assert moved == {}
