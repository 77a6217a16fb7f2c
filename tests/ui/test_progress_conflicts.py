"""The Voortgang window and conflicts (pytest-qt, real widgets, real vault):

- attack round 8 #4: a form typed on a view a sync changed underneath does not overwrite
  the newer value: the edit is kept as a conflict and the window says so;
- usability round 8 #1: a field in conflict shows the consultant's own side, not the
  other laptop's, marked with a link that opens Conflicten oplossen at the field; after
  the choice the window shows the chosen value and the mark goes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.progress_fields import MAP_EINDGESPREK, PVT_ONDERTEKEND
from inburg_desktop.services.conflicts import list_conflicts
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.sync_state import Conflict, replace_conflicts
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.conflict_marks import mark_text
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.progress import ProgressWindow

from . import test_progress_window as base
from .test_progress_window import TODAY, _type_date

case_id = base.case_id  # a B1 PIP in force
window = base.window  # the window open on it

UREN_KEY = "uren.0123456789ab"
UREN = {
    "aanbieder": "Taalhuis Leiden",
    "soort": "nt2",
    "van": "2027-03-01",
    "tot": "2027-03-31",
    "uren": "12",
    "tijdens_intake": False,
}


def _stored(vault: OpenVault, case: str, key: str) -> object:
    with vault.session() as session:
        return get_case(session, case).fields.get(key)


def _reloaded(qtbot: QtBot, window: ProgressWindow) -> None:
    before = window.data
    case_events().case_changed.emit(window.case_id)  # what a sync or a resolution says
    qtbot.waitUntil(lambda: window.data is not before and window.tasks.pending == 0)


def test_a_form_typed_on_a_stale_view_is_kept_as_a_conflict_not_written_over(
    qtbot: QtBot,
    window: ProgressWindow,
    vault: OpenVault,
    case_id: str,
) -> None:
    window.tabs.setCurrentIndex(1)  # PVT
    _type_date(qtbot, window.pvt_ondertekend, "01-04-2027")
    with vault.transaction() as session:  # another laptop's day arrives with a sync
        update_fields(session, case_id, {PVT_ONDERTEKEND: "2027-03-15"})
    _reloaded(qtbot, window)
    assert window.pvt_ondertekend.edit.text() == "01-04-2027"  # the typing stays
    qtbot.mouseClick(window.pvt_sign, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    said = window.message.text()
    assert "Niet overschreven" in said and "participatieverklaring" in said, said
    assert _stored(vault, case_id, PVT_ONDERTEKEND) == "2027-03-15"  # not overwritten
    (conflict,) = list_conflicts(vault)
    assert (conflict.field_key, conflict.laptop_value) == (PVT_ONDERTEKEND, "2027-04-01")
    # the window goes on showing the consultant's day, marked as a conflict
    assert window.pvt_ondertekend.edit.text() == "01-04-2027"
    mark = window.findChild(QLabel, f"{PVT_ONDERTEKEND}:conflict")
    assert mark is not None and mark.isVisible()


def test_a_form_typed_on_a_current_view_is_recorded(
    qtbot: QtBot,
    window: ProgressWindow,
    vault: OpenVault,
    case_id: str,
) -> None:
    with vault.transaction() as session:
        update_fields(session, case_id, {PVT_ONDERTEKEND: "2027-03-15"})
    _reloaded(qtbot, window)  # the window shows the new day before the consultant types
    window.tabs.setCurrentIndex(1)
    assert window.pvt_ondertekend.edit.text() == "15-03-2027"
    _type_date(qtbot, window.pvt_ondertekend, "01-04-2027")
    qtbot.mouseClick(window.pvt_sign, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    assert window.message.text() == "Vastgelegd."
    assert _stored(vault, case_id, PVT_ONDERTEKEND) == "2027-04-01"
    assert list_conflicts(vault) == ()


def test_a_field_in_conflict_shows_the_own_side_marked_until_the_choice(
    qtbot: QtBot,
    vault: OpenVault,
    case_id: str,
) -> None:
    # after a sync: the vault holds the other laptop's values, the conflicts keep ours
    theirs = {**UREN, "uren": "16"}
    with vault.transaction() as session:
        update_fields(session, case_id, {MAP_EINDGESPREK: "2027-04-10", UREN_KEY: theirs})
        replace_conflicts(
            session,
            case_id,
            [
                Conflict(case_id, MAP_EINDGESPREK, "2027-04-10", "2027-04-12", 3),
                Conflict(case_id, UREN_KEY, theirs, UREN, 3),
            ],
            1,
        )
    window = ProgressWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.data is not None)
    window.tabs.setCurrentIndex(2)  # MAP
    assert window.map_eindgesprek.edit.text() == "12-04-2027"  # our own day, not theirs
    mark = window.findChild(QLabel, f"{MAP_EINDGESPREK}:conflict")
    assert mark is not None and mark.isVisible()
    window.tabs.setCurrentIndex(0)  # Uren: our 12 hours, the line says it is in conflict
    line = window.uren_list.item(0).text()
    assert "12 uur" in line and mark_text() in line, line
    uren_mark = window.findChild(QLabel, f"{UREN_KEY}:conflict")
    assert uren_mark is not None and uren_mark.isVisible()
    assert "conflict" in window.message.text()

    # the mark opens the conflict view at the field; the choice shows in the window
    window.tabs.setCurrentIndex(2)
    mark.linkActivated.emit("conflict")
    views = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConflictView)]
    (view,) = [v for v in views if v.isVisible()]
    qtbot.waitUntil(lambda: view.current() is not None and view.tasks.pending == 0)
    current = view.current()
    assert current is not None and current.field_key == MAP_EINDGESPREK
    qtbot.mouseClick(view.take_office, Qt.MouseButton.LeftButton)  # the other laptop's day
    qtbot.waitUntil(lambda: window.map_eindgesprek.edit.text() == "10-04-2027")
    qtbot.waitUntil(lambda: window.findChild(QLabel, f"{MAP_EINDGESPREK}:conflict") is None)
    view.close()
