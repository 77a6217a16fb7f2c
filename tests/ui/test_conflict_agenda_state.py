"""A conflict on an agenda item's state (issue 15 item 2) in the conflict view: the item
named in words, each side's state in words (never JSON), a side no version writes refused
at the button, and the kept side stored. Real widgets (pytest-qt) on a real vault."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.i18n import set_language
from inburg_desktop.storage.sync_state import conflicts
from inburg_desktop.storage.vault import OpenVault

from .test_conflict_kinds import open_view, stored, with_conflict

KEY = "agenda.pip_deadline:2026-05-01"
DONE = {"state": "done", "on": "2026-05-11"}
SNOOZED = {"state": "snoozed", "reason": "Wacht op de tolk", "until": "2026-05-20"}


def test_agenda_state_conflict_in_words(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    case_id = with_conflict(vault, KEY, DONE, SNOOZED, device="deze-laptop")
    view = open_view(qtbot, vault)
    assert "Agenda: PIP vaststellen (1 mei 2026)" in view.items.item(0).text()
    assert view.office.toPlainText() == "Afgehandeld op 11 mei 2026"
    assert view.laptop.toPlainText() == "Uitgesteld tot 20 mei 2026: Wacht op de tolk"
    assert not view.merged.isVisible()  # two states: no text to merge
    assert "agendapunt" in view.hint.text()
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.take_laptop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.empty.isVisible() and view.tasks.pending == 0)
    assert stored(vault, case_id, KEY) == SNOOZED


def test_a_side_that_is_no_state_cannot_be_kept(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    with_conflict(vault, KEY, DONE, {"state": "snoozed", "until": "2026-05-20"})
    view = open_view(qtbot, vault)
    assert view.laptop.toPlainText() == "geen geldige stand van een agendapunt"
    assert not view.take_laptop.isEnabled()
    view._resolve("laptop")  # even if it were clicked
    assert view.problem.kind == "error"
    assert view.tasks.pending == 0
    with vault.session() as session:
        assert len(conflicts(session)) == 1
