"""The agenda start screen (issue 15 item 1) on a seeded vault: the items grouped under
their headings with due dates, reasons (the rule and its article) and the case's name;
the keyboard moving over the headings; done, snooze and plan by keyboard, stored as the
item's case field and undone by Ctrl+Z; what the consultant typed refused in words with
nothing stored. Real widgets, real key events, real vault."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.agenda import AgendaKind, Groep
from inburg_desktop.domain.oproep import Oproep, OproepUitkomst
from inburg_desktop.i18n import set_language
from inburg_desktop.services.agenda import agenda_on
from inburg_desktop.services.intake_oproepen import StoredOproep, oproep_patch
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda.model import Heading
from inburg_desktop.ui.agenda.state_dialogs import PlanDialog, SnoozeDialog
from inburg_desktop.ui.main_window import MainWindow

from .agenda_vault import ON, agenda_app, entries, row_of, seeded_vault

K = AgendaKind
VERSCHENEN = OproepUitkomst.VERSCHENEN


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


@pytest.fixture
def ids(vault: OpenVault) -> dict[str, str]:
    return seeded_vault(vault)


def stored(vault: OpenVault, case_id: str, key: str) -> object:
    with vault.session() as session:
        return get_case(session, case_id).fields.get(key)


def key(
    qtbot: QtBot,
    window: MainWindow,
    k: Qt.Key,
    mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, k, mods)


def go_to(qtbot: QtBot, window: MainWindow, case_id: str, kind: str) -> None:
    """The keyboard on the item: Home, then Down until it is current (real key events)."""
    agenda = window.agenda
    agenda.list.setFocus()
    qtbot.waitUntil(agenda.list.hasFocus)
    qtbot.keyClick(agenda.list, Qt.Key.Key_Home)
    wanted = row_of(window, case_id, kind)
    for _step in range(agenda.model.rowCount()):
        if agenda.list.currentIndex().row() == wanted:
            return
        qtbot.keyClick(agenda.list, Qt.Key.Key_Down)
    raise AssertionError("the keyboard did not reach the item")


def test_items_grouped_with_due_dates_reasons_and_names(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    model = window.agenda.model
    rows = [model.index(n, 0) for n in range(model.rowCount())]
    headings = [r.data(Qt.ItemDataRole.UserRole + 2) for r in rows]
    shown = [h for h in headings if isinstance(h, Heading)]
    # the groups in the agenda's order, each heading counting its items
    assert [h.group for h in shown] == [Groep.OVERDUE, Groep.TODAY, Groep.LATER]
    expected = agenda_on(vault, ON)
    for heading in shown:
        assert heading.count == len(expected.group(heading.group))
    assert rows[0].data() == f"Te laat ({len(expected.group(Groep.OVERDUE))})"
    # every item of the vault's agenda, in its order, under its group's heading
    assert [e.item for e in entries(window)] == list(expected.items)
    pip = model.index(row_of(window, ids["pip_deadline"], K.PIP_DEADLINE), 0).data()
    assert pip.split("\n") == [
        "PIP vaststellen — Haddad, Amal",
        "uiterlijk 11 mei 2026",
        "Stel het PIP vast: uiterlijk 11 mei 2026 (Besluit art. 5.3 lid 1).",
    ]
    route = model.index(row_of(window, ids["route_switch_window"], K.ROUTE_SWITCH_WINDOW), 0)
    assert "(Besluit art. 5.4 lid 1)" in route.data()
    assert "20 mei 2026" in route.data()
    # a screen reader hears the group and the whole item
    spoken = route.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Later: ") and "Besluit art. 5.4 lid 1" in spoken
    assert window.agenda.list.accessibleName() == "Agenda"
    assert window.agenda.title.text() == f"Agenda op 11 mei 2026: {len(expected.items)} punten"


def test_english_reasons_cite_the_law_the_english_way(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_language("en")
    try:
        _controller, window = agenda_app(qtbot, vault, monkeypatch)
        model = window.agenda.model
        text = model.index(row_of(window, ids["pip_deadline"], K.PIP_DEADLINE), 0).data()
        assert "(Decree art. 5.3(1))" in text and "11 May 2026" in text
        assert model.index(0, 0).data().startswith("Overdue (")
    finally:
        set_language("nl")


def test_the_keyboard_skips_the_headings(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    agenda = window.agenda
    last_today = [e for e in entries(window) if e.item.group is Groep.TODAY][-1]
    go_to(qtbot, window, last_today.item.case_id, last_today.item.kind)
    qtbot.keyClick(agenda.list, Qt.Key.Key_Down)  # over the heading "Later"
    below = agenda.current_entry()
    assert below is not None and below.item.group is Groep.LATER
    qtbot.keyClick(agenda.list, Qt.Key.Key_Up)  # back over it
    assert agenda.current_entry() == last_today
    qtbot.keyClick(agenda.list, Qt.Key.Key_Home)  # the first row is a heading
    assert agenda.list.currentIndex().row() == 1


def test_done_by_keyboard_is_stored_shown_and_undone(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    agenda = window.agenda
    case_id = ids["pip_deadline"]
    go_to(qtbot, window, case_id, K.PIP_DEADLINE)
    field = "agenda.pip_deadline:2026-05-11"
    qtbot.keyClick(agenda.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(vault, case_id, field) is not None)
    assert stored(vault, case_id, field) == {"state": "done", "on": "2026-05-11"}
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and not agenda._queued)
    # shown in its place, marked, with the way back
    row = row_of(window, case_id, K.PIP_DEADLINE)
    assert agenda.list.currentIndex().row() == row
    assert "Afgehandeld op 11 mei 2026 (Ctrl+Z maakt ongedaan)" in agenda.model.index(row, 0).data()
    assert not agenda.done_action.isEnabled() and agenda.undo_action.isEnabled()
    # the vault's agenda no longer holds it (persisted)
    assert all(
        i.case_id != case_id or i.kind is not K.PIP_DEADLINE for i in agenda_on(vault, ON).items
    )
    qtbot.keyClick(agenda.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(vault, case_id, field) is None and window.tasks.pending == 0)
    row = row_of(window, case_id, K.PIP_DEADLINE)
    assert "Afgehandeld" not in agenda.model.index(row, 0).data()
    assert agenda.done_action.isEnabled()


def test_snooze_needs_a_reason_then_is_stored_and_undone(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    agenda = window.agenda
    case_id = ids["oproep_send"]
    field = "agenda.oproep_send:2026-04-20"
    go_to(qtbot, window, case_id, K.OPROEP_SEND)
    qtbot.keyClick(agenda.list, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = agenda.dialog
    assert isinstance(dialog, SnoozeDialog)
    qtbot.waitUntil(dialog.reason.hasFocus)
    # no reason: refused in words, nothing stored, the dialog stays
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.problem.text() == "Niet vastgelegd: Geef een reden om dit punt uit te stellen."
    assert stored(vault, case_id, field) is None
    # a day not after today: the service refuses it, said in the dialog
    qtbot.keyClicks(dialog.reason, "Wacht op de tolk")
    dialog.until.edit.clear()
    qtbot.keyClicks(dialog.until.edit, "11-05-2026")
    qtbot.keyClick(dialog.until.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.writing and dialog.problem.text() != "")
    assert "Niet vastgelegd" in dialog.problem.text()
    assert stored(vault, case_id, field) is None
    dialog.until.edit.clear()
    qtbot.keyClicks(dialog.until.edit, "20-05-2026")
    qtbot.keyClick(dialog.until.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert stored(vault, case_id, field) == {
        "state": "snoozed",
        "reason": "Wacht op de tolk",
        "until": "2026-05-20",
    }
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and not agenda._queued)
    row = row_of(window, case_id, K.OPROEP_SEND)
    assert "Uitgesteld tot 20 mei 2026: Wacht op de tolk" in agenda.model.index(row, 0).data()
    qtbot.waitUntil(agenda.list.hasFocus)
    qtbot.keyClick(agenda.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: stored(vault, case_id, field) is None)


def test_plan_by_keyboard_moves_the_item_to_its_day(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    agenda = window.agenda
    case_id = ids["termijn_end"]
    field = "agenda.termijn_end:2026-08-01"
    go_to(qtbot, window, case_id, K.TERMIJN_END)
    qtbot.keyClick(agenda.list, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = agenda.dialog
    assert isinstance(dialog, PlanDialog)
    qtbot.waitUntil(dialog.day.edit.hasFocus)
    dialog.day.edit.clear()
    qtbot.keyClicks(dialog.day.edit, "13-05-2026")
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_Tab)
    qtbot.waitUntil(dialog.time.edit.hasFocus)
    qtbot.keyClicks(dialog.time.edit, "1430")  # typed as in a diary
    qtbot.keyClick(dialog.time.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert stored(vault, case_id, field) == {"state": "planned", "at": "2026-05-13T14:30"}
    # read again: the item is on Wednesday, this week, with its planned time
    qtbot.waitUntil(
        lambda: any(
            e.item.case_id == case_id and e.item.group is Groep.THIS_WEEK for e in entries(window)
        )
    )
    row = row_of(window, case_id, K.TERMIJN_END)
    text = agenda.model.index(row, 0).data()
    assert "gepland 13 mei 2026 om 14:30 · uiterlijk 1 aug 2026" in text
    # a fresh window (as after the next unlock) shows the same: it is in the vault
    fresh = MainWindow(vault, start_on_agenda=True)
    qtbot.addWidget(fresh)
    fresh.agenda.today = lambda: ON
    fresh.show()
    qtbot.waitUntil(lambda: fresh.agenda.shown_on == ON and fresh.tasks.pending == 0)
    planned = [e for e in entries(fresh) if e.item.case_id == case_id]
    assert planned[0].item.planned_at is not None
    assert planned[0].item.planned_at.isoformat() == "2026-05-13T14:30:00"


def test_the_agenda_reads_again_after_an_edit_and_at_midnight(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    agenda = window.agenda
    case_id = ids["oproep_send"]
    assert any(e.item.case_id == case_id for e in entries(window))
    # an edit elsewhere (an oproep recorded in the intake: a write to the case): read again
    patch, _meta = oproep_patch(StoredOproep(Oproep(date(2026, 5, 4), None, VERSCHENEN, False)))
    with qtbot.waitSignal(agenda.loaded, timeout=20_000), vault.transaction() as session:
        update_fields(session, case_id, patch)
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and not agenda._queued)
    assert not any(e.item.case_id == case_id for e in entries(window))
    # midnight: the day moves on, every item's group is said from the new day
    agenda.today = lambda: date(2026, 5, 12)
    with qtbot.waitSignal(agenda.loaded, timeout=20_000):
        agenda._midnight.timeout.emit()
    assert agenda.shown_on == date(2026, 5, 12)
    assert agenda._midnight.isActive()
    assert "12 mei 2026" in agenda.title.text()


def test_esc_with_a_typed_reason_asks_before_it_is_lost(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ..test_close_guard import _question

    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    agenda = window.agenda
    go_to(qtbot, window, ids["oproep_send"], K.OPROEP_SEND)
    qtbot.keyClick(agenda.list, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = agenda.dialog
    assert isinstance(dialog, SnoozeDialog)
    qtbot.waitUntil(dialog.reason.hasFocus)
    qtbot.keyClicks(dialog.reason, "Wacht op de tolk")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    box = _question(dialog)
    assert box is not None and dialog.isVisible()
    box.button(QMessageBox.StandardButton.Save).click()  # Opslaan: the snooze is stored
    qtbot.waitUntil(lambda: not dialog.isVisible())
    value = stored(vault, ids["oproep_send"], "agenda.oproep_send:2026-04-20")
    assert isinstance(value, dict) and value["reason"] == "Wacht op de tolk"
