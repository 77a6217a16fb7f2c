"""The agenda's header and its section headings count the same items at all times
(usability round 6 finding 1: after Ctrl+D the header said "11 punten" while the section
still said "Te laat (10)"). An item done or snoozed here today stays shown, marked, with
its way back (Ctrl+Z), and is counted by neither; undone, it counts in both again. Looked
at right after each act and again after the agenda is read again."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.agenda import AgendaKind
from inburg_desktop.i18n import set_language
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda.model import HEADING_ROLE, Heading
from inburg_desktop.ui.agenda.state_dialogs import SnoozeDialog
from inburg_desktop.ui.main_window import MainWindow

from .agenda_vault import agenda_app, seeded_vault
from .test_agenda_page import go_to

K = AgendaKind


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


def header_count(window: MainWindow) -> int:
    found = re.search(r": (\d+) punt", window.agenda.title.text())
    assert found is not None, window.agenda.title.text()
    return int(found.group(1))


def heading_counts(window: MainWindow) -> dict[str, int]:
    model = window.agenda.model
    counts: dict[str, int] = {}
    for number in range(model.rowCount()):
        heading = model.index(number, 0).data(HEADING_ROLE)
        if isinstance(heading, Heading):
            counts[heading.group.value] = heading.count
        shown = model.index(number, 0).data(Qt.ItemDataRole.DisplayRole)
        if isinstance(heading, Heading):
            # the text says the same number as the heading holds
            assert shown.endswith(f"({heading.count})"), shown
    return counts


def agree(window: MainWindow) -> tuple[int, dict[str, int]]:
    header, sections = header_count(window), heading_counts(window)
    assert header == sum(sections.values()), (window.agenda.title.text(), sections)
    return header, sections


def settled(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.tasks.pending == 0 and not window.agenda._queued)


def test_done_snoozed_and_undone_items_count_alike_in_header_and_sections(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = seeded_vault(vault)
    _controller, window = agenda_app(qtbot, vault, monkeypatch)
    agenda = window.agenda
    total, sections = agree(window)
    case_id = ids["pip_deadline"]
    go_to(qtbot, window, case_id, K.PIP_DEADLINE)
    group = agenda.current_entry().item.group.value  # type: ignore[union-attr]
    qtbot.keyClick(agenda.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: header_count(window) == total - 1)
    after, now = agree(window)  # at once, before the agenda is read again
    assert now[group] == sections[group] - 1
    settled(qtbot, window)
    assert agree(window) == (after, now)  # and after it was read again
    assert "Ctrl+Z maakt ongedaan" in agenda.current_entry().text  # type: ignore[union-attr]

    qtbot.keyClick(agenda.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: header_count(window) == total)
    assert agree(window) == (total, sections)
    settled(qtbot, window)
    assert agree(window) == (total, sections)

    snoozed = ids["oproep_send"]
    go_to(qtbot, window, snoozed, K.OPROEP_SEND)
    group = agenda.current_entry().item.group.value  # type: ignore[union-attr]
    qtbot.keyClick(agenda.list, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = agenda.dialog
    assert isinstance(dialog, SnoozeDialog)
    qtbot.waitUntil(dialog.reason.hasFocus)
    qtbot.keyClicks(dialog.reason, "Wacht op de tolk")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: header_count(window) == total - 1)
    _count, now = agree(window)
    assert now[group] == sections[group] - 1
    settled(qtbot, window)
    agree(window)
