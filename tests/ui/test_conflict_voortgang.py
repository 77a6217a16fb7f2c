"""A conflict on a part of a voortgangsgesprek (issue 15 item 2) in the conflict view: the
part named in words, a progress choice and a day shown by their labels (never the stored
code), the notes merged as text, a side the talk's rule refuses not kept, and the kept
side stored. Real widgets (pytest-qt) on a real vault."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.i18n import set_language
from inburg_desktop.storage.sync_state import conflicts
from inburg_desktop.storage.vault import OpenVault

from .test_conflict_kinds import open_view, stored, with_conflict

HELD = "voortgang.2.gehouden"


def test_a_progress_choice_in_words(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    # talk 1 held under the case's set PIP: a side the talk rules allow (a stand of a talk
    # that does not exist is refused since the resolution is held to them)
    held = {"voortgang.1.gehouden": date.today().isoformat(), "voortgang.1.pip_versie": 1}
    stand = "voortgang.1.afspraak.0.stand"
    case_id = with_conflict(
        vault, stand, "op_schema", "achter", device="deze-laptop", case_index=6, fields=held
    )
    view = open_view(qtbot, vault)
    assert "Voortgangsgesprek 1: afspraak 1, stand" in view.items.item(0).text()
    assert view.office.toPlainText() == "Op schema"
    assert view.laptop.toPlainText() == "Achter"
    assert not view.merged.isVisible()  # a choice: keep one side, no text to merge
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.take_laptop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.empty.isVisible() and view.tasks.pending == 0)
    assert stored(vault, case_id, stand) == "achter"


def test_a_held_day_as_a_date_and_a_refused_side_not_kept(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    with_conflict(vault, HELD, "2026-05-11", "2026-02-30")  # a day that does not exist
    view = open_view(qtbot, vault)
    assert "Voortgangsgesprek 2: gehouden op" in view.items.item(0).text()
    assert view.office.toPlainText() == "11 mei 2026"
    view._resolve("laptop")  # even if it were clicked
    assert view.problem.kind == "error"
    assert view.tasks.pending == 0
    with vault.session() as session:
        assert len(conflicts(session)) == 1
