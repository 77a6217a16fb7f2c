"""Usability round 7, finding 2: planning (Ctrl+G) an overdue item moved it from "Te laat"
to "Deze week" and the count of Te laat dropped; Enter on the planned oproep then opened
the Oproepen tab with today as "Datum van de afspraak". A planned item whose due date has
passed stays in Te laat, says how late it is beside the planned moment, and opens with
the planned day filled in. The app as after unlock, real key events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.agenda import AgendaKind, Groep
from inburg_desktop.i18n import set_language
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda.model import Heading
from inburg_desktop.ui.agenda.state_dialogs import PlanDialog
from inburg_desktop.ui.intake.window import TAB_OPROEPEN, IntakeWindow
from inburg_desktop.ui.main_window import MainWindow

from .agenda_vault import agenda_app, entries, row_of, seeded_vault
from .test_agenda_page import go_to

K = AgendaKind


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


def _overdue_count(window: MainWindow) -> int:
    model = window.agenda.model
    for number in range(model.rowCount()):
        heading = model.index(number, 0).data(Qt.ItemDataRole.UserRole + 2)
        if isinstance(heading, Heading) and heading.group is Groep.OVERDUE:
            return heading.count
    return 0


def _intake_of(case_id: str) -> IntakeWindow | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, IntakeWindow) and widget.case_id == case_id and widget.isVisible():
            return widget
    return None


def test_a_planned_overdue_oproep_stays_late_and_opens_on_its_planned_day(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seeded_vault(vault)
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    agenda = window.agenda
    case_id = ids["oproep_send"]  # due 20 april 2026, the agenda of 11 May 2026
    late_before = _overdue_count(window)
    title_before = agenda.title.text()
    go_to(qtbot, window, case_id, K.OPROEP_SEND)
    qtbot.keyClick(agenda.list, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = agenda.dialog
    assert isinstance(dialog, PlanDialog)
    qtbot.waitUntil(dialog.day.edit.hasFocus)
    dialog.day.edit.clear()
    qtbot.keyClicks(dialog.day.edit, "13052026")
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.time.edit.hasFocus)
    qtbot.keyClicks(dialog.time.edit, "1430")
    qtbot.keyClick(dialog.time.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    def planned_shown() -> bool:
        return any(
            e.item.case_id == case_id and e.item.planned_at is not None for e in entries(window)
        )

    qtbot.waitUntil(planned_shown)
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and not agenda._queued)
    (entry,) = [e for e in entries(window) if e.item.case_id == case_id]
    assert entry.item.group is Groep.OVERDUE  # it was "Deze week"
    assert _overdue_count(window) == late_before  # the count of Te laat did not drop
    assert agenda.title.text() == title_before
    text = agenda.model.index(row_of(window, case_id, K.OPROEP_SEND), 0).data()
    assert "gepland 13 mei 2026 om 14:30 · uiterlijk 20 apr 2026, 21 dagen te laat" in text

    # Enter opens the Oproepen tab with the planned day as the oproep's date
    go_to(qtbot, window, case_id, K.OPROEP_SEND)
    qtbot.keyClick(agenda.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _intake_of(case_id) is not None, timeout=20_000)
    intake = _intake_of(case_id)
    assert intake is not None
    panel = intake.oproepen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.date.edit, timeout=20_000)
    assert intake.tabs.currentIndex() == TAB_OPROEPEN
    assert panel.date.text() == "13-05-2026"
    assert not panel.warning.isChecked()  # a first oproep: no warning


def test_an_overdue_item_says_how_late_it_is(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every overdue item carries its days late, planned or not (one day: singular)."""
    ids = seeded_vault(vault)
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    text = window.agenda.model.index(row_of(window, ids["oproep_send"], K.OPROEP_SEND), 0).data()
    assert "uiterlijk 20 apr 2026, 21 dagen te laat" in text
    for entry in entries(window):
        late = "te laat" in entry.text
        assert late is (entry.item.group is Groep.OVERDUE and entry.item.days_late > 0)


@pytest.mark.parametrize(
    ("case", "kind", "warning"),
    [
        ("oproep_send", K.OPROEP_SEND, False),
        ("oproep_new", K.OPROEP_NEW, False),
        ("oproep_warning", K.OPROEP_WARNING, True),
    ],
)
def test_every_planned_oproep_item_opens_with_what_it_knows(
    qtbot: QtBot,
    vault: OpenVault,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    kind: AgendaKind,
    warning: bool,
) -> None:
    """The kind of "open at the right place": each oproep item to send fills the planned
    day, and the warning oproep ticks its warning (Wet art. 14 lid 2)."""
    from datetime import datetime

    from inburg_desktop.domain.agenda import Planned
    from inburg_desktop.services.agenda import agenda_on, set_item_state

    from .agenda_vault import ON

    ids = seeded_vault(vault)
    case_id = ids[case]
    (item,) = [i for i in agenda_on(vault, ON).items if i.case_id == case_id and i.kind is kind]
    set_item_state(vault, case_id, item.key, Planned(datetime(2026, 5, 12, 9, 15)), ON)
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    go_to(qtbot, window, case_id, kind)
    qtbot.keyClick(window.agenda.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _intake_of(case_id) is not None, timeout=20_000)
    intake = _intake_of(case_id)
    assert intake is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is intake.oproepen.date.edit, timeout=20_000)
    assert intake.oproepen.date.text() == "12-05-2026"
    assert intake.oproepen.warning.isChecked() is warning


@pytest.mark.parametrize("days", [-3, 2])
def test_a_planned_talk_opens_with_its_planned_day_as_held_on(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch, days: int
) -> None:
    """A voortgangsgesprek planned on a day that has come opens the talk window with that
    day as "Gehouden op"; a day still to come leaves today (a talk cannot be held in the
    future)."""
    from datetime import date, datetime, time, timedelta

    from inburg_desktop.demo.fill import add_demo_cases
    from inburg_desktop.demo.pip_stages import SIGNED_INDEX
    from inburg_desktop.domain.agenda import TARGETS, AgendaItem
    from inburg_desktop.domain.text import Reason
    from inburg_desktop.ui.agenda.model import Entry, worded
    from inburg_desktop.ui.voortgang import TalkWindow

    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12)[SIGNED_INDEX]
    _controller, main = agenda_app(qtbot, vault, monkeypatch)
    today = date.today()
    planned = datetime.combine(today + timedelta(days=days), time(10, 0))
    kind = K.VOORTGANGSGESPREK
    item = AgendaItem(
        case_id, kind, today, Groep.TODAY, Reason("x", "x", {}), TARGETS[kind], planned
    )
    main.agenda.model.set_entries([worded(Entry(item, "Demo"))])
    main.agenda.list.select_row(1)  # the heading is row 0
    main.agenda.list.setFocus()
    qtbot.waitUntil(main.agenda.list.hasFocus)
    qtbot.keyClick(main.agenda.list, Qt.Key.Key_Return)

    def window() -> TalkWindow | None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, TalkWindow) and widget.case_id == case_id:
                return widget
        return None

    qtbot.waitUntil(lambda: window() is not None and window().screen_data is not None)  # type: ignore[union-attr]
    talk = window()
    assert talk is not None
    expected = planned.date() if days <= 0 else today
    qtbot.waitUntil(lambda: talk.held_date.value() == expected)
    talk.close()
