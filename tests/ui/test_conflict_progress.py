"""A conflict on progress data in the conflict view (usability round 8 #2): a record's
sides as labelled values in words, Dutch and English (never JSON such as ``{"uren":
"12", ...}``); a record is kept whole, one side or the other (no merged text); a side
the field check refuses cannot be kept; a day of the progress data is a date with a date
field. Real widgets (pytest-qt) on a real vault."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.i18n import set_language
from inburg_desktop.storage.vault import OpenVault

from .test_conflict_kinds import open_view, stored, with_conflict

UREN_KEY = "uren.0123456789ab"
OFFICE = {
    "aanbieder": "Taalhuis Leiden",
    "soort": "nt2",
    "van": "2026-04-01",
    "tot": "2026-04-30",
    "uren": "12.5",
    "tijdens_intake": False,
}
LAPTOP = {**OFFICE, "uren": "14"}
EXAM_KEY = "examen.0123456789ab"
KNM = {"onderdeel": None, "niveau": None, "datum": "2026-05-04", "behaald": True}


def test_hours_conflict_in_labelled_words(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    case_id = with_conflict(vault, UREN_KEY, OFFICE, LAPTOP, device="deze-laptop")
    view = open_view(qtbot, vault)
    assert "Voortgang: gevolgde uren" in view.items.item(0).text()
    office = view.office.toPlainText()
    assert office.splitlines() == [
        "Aanbieder: Taalhuis Leiden",
        "Soort uren: NT2-les",
        "Van: 1 april 2026",
        "Tot en met: 30 april 2026",
        "Aantal uren: 12,5 uur",
        "Tijdens de brede intake: nee",
    ]
    assert "Aantal uren: 14 uur" in view.laptop.toPlainText()
    assert "{" not in office and '"' not in office
    assert not view.merged.isVisible()  # a record is kept whole: no text to merge
    assert view.editor.shown() is view.editor.none
    assert not view.take_merged.isEnabled()
    assert "voortgangsgegevens" in view.hint.text()
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.take_laptop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.empty.isVisible() and view.tasks.pending == 0)
    assert stored(vault, case_id, UREN_KEY) == LAPTOP


def test_in_english_too(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("en")
    try:
        with_conflict(vault, EXAM_KEY, KNM, {**KNM, "behaald": False}, device="deze-laptop")
        view = open_view(qtbot, vault)
        assert view.office.toPlainText().splitlines() == [
            "Part: KNM",
            "Date (as DUO reports it): 4 May 2026",
            "Passed: yes",
        ]
        assert view.laptop.toPlainText().splitlines()[-1] == "Passed: no"
    finally:
        set_language("nl")


@pytest.mark.parametrize(
    "broken",
    [
        {**OFFICE, "uren": "721"},  # more than 24 a day over the range
        {**OFFICE, "soort": "yoga"},  # no kind of hours
        {"uren": 12, "van": "2026-04-01"},  # no record's shape
    ],
)
def test_a_side_the_field_refuses_cannot_be_kept(
    qtbot: QtBot, vault: OpenVault, broken: dict[str, object]
) -> None:
    set_language("nl")
    with_conflict(vault, UREN_KEY, OFFICE, broken, device="deze-laptop")
    view = open_view(qtbot, vault)
    assert view.laptop.toPlainText() == "geen geldige voortgangsgegevens"
    assert not view.take_laptop.isEnabled()
    assert view.take_laptop.toolTip()  # says why, in words
    assert view.take_office.isEnabled()


def test_a_progress_day_is_a_date(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    case_id = with_conflict(
        vault, "map.eindgesprek", "2026-06-01", "2026-06-03", device="deze-laptop"
    )
    view = open_view(qtbot, vault)
    assert view.office.toPlainText() == "1 juni 2026"
    assert view.editor.shown() is view.editor.date
    view.editor.date.edit.setText("02-06-2026")
    with qtbot.waitSignal(view.resolved):
        qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.empty.isVisible() and view.tasks.pending == 0)
    assert stored(vault, case_id, "map.eindgesprek") == "2026-06-02"
