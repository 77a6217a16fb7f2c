"""The Voortgang window holds what is typed to the rules at entry (real widgets,
pytest-qt): hours are a number with a Dutch decimal comma, text refused beneath the field
as it is typed (usability round 8, finding 3); the hours, the period and the days are
checked with the rule the office holds them to, the refusal said at its field and nothing
stored (attack round 8, finding 1); hours of one provider and kind over a period it
already reported are refused (finding 4); what belongs to another leerroute takes
nothing, and its tab says why (finding 5)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.i18n import set_language
from inburg_desktop.services import progress
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.progress import ProgressWindow

from . import test_progress_window as opened
from .test_progress_window import TODAY, _type_date

# the B1 case with its PIP and the window on it, as the window's own tests open them
case_id = opened.case_id
window = opened.window


def _stored(vault: OpenVault, case: str) -> int:
    records = progress.load(vault, case, TODAY).records
    return len(records.uren) + len(records.pvt)


def test_pvt_hours_take_a_number_only_said_at_the_field(
    qtbot: QtBot,
    window: ProgressWindow,
    vault: OpenVault,
    case_id: str,
) -> None:
    window.tabs.setCurrentIndex(1)  # PVT
    qtbot.keyClicks(window.pvt_omschrijving, "Werkbezoek")
    _type_date(qtbot, window.pvt_datum, "01-04-2027")
    _type_date(qtbot, window.pvt_uren, "twaalf")
    beneath = window.pvt_uren.message
    assert beneath.isVisible() and "alleen een getal" in beneath.text()  # as it is typed
    qtbot.keyClick(window.pvt_uren.edit, Qt.Key.Key_Return)
    assert "alleen een getal" in window.message.text()
    _type_date(qtbot, window.pvt_uren, "2.5")
    assert "komma" in beneath.text()  # 2.5 is no Dutch decimal: asked again
    _type_date(qtbot, window.pvt_uren, "2,5")
    assert not beneath.isVisible()
    assert _stored(vault, case_id) == 0
    qtbot.keyClick(window.pvt_uren.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message.text() == "Vastgelegd.")
    assert [e.activiteit.uren for e in progress.load(vault, case_id, TODAY).records.pvt] == [2.5]


def test_hours_and_period_are_checked_at_entry_and_refused_at_their_field(
    qtbot: QtBot,
    window: ProgressWindow,
    vault: OpenVault,
    case_id: str,
) -> None:
    qtbot.keyClicks(window.uren_aanbieder, "Taalhuis")
    _type_date(qtbot, window.uren_van, "01-04-2027")
    _type_date(qtbot, window.uren_tot, "01-04-2027")
    _type_date(qtbot, window.uren_uren, "10000")  # one day: at most 24
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)
    assert window.uren_uren.message.isVisible()
    assert "hoogstens 24 uur" in window.uren_uren.message.text()
    assert window.focusWidget() is window.uren_uren.edit
    _type_date(qtbot, window.uren_van, "02-04-2027")  # the period ends before it starts
    _type_date(qtbot, window.uren_uren, "4")
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)
    assert "einddatum ligt vóór de begindatum" in window.uren_tot.message.text()
    assert window.uren_tot.message.isVisible()
    assert _stored(vault, case_id) == 0  # refused before anything ran: nothing stored
    # a refusal of the use case (after today) is said at its field too
    _type_date(qtbot, window.uren_tot, "01-06-2027")
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "na vandaag" in window.uren_tot.message.text())
    assert _stored(vault, case_id) == 0


def test_a_period_the_provider_already_reported_is_refused(
    qtbot: QtBot,
    window: ProgressWindow,
    vault: OpenVault,
    case_id: str,
) -> None:
    qtbot.keyClicks(window.uren_aanbieder, "Taalhuis")
    for van, tot in (("01-03-2027", "31-03-2027"), ("15-03-2027", "15-04-2027")):
        _type_date(qtbot, window.uren_van, van)
        _type_date(qtbot, window.uren_tot, tot)
        _type_date(qtbot, window.uren_uren, "40")
        window.message.clear()
        qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.message.text() != "")
    assert "dubbel" in window.message.text()
    assert "dubbel" in window.uren_van.message.text()
    assert len(progress.load(vault, case_id, TODAY).records.uren) == 1


def test_route_bound_tabs_take_nothing_and_say_why(
    qtbot: QtBot,
    window: ProgressWindow,
    vault: OpenVault,
) -> None:
    # a B1 case: the Z-route eindgesprek is not taken
    note = window._route_notes["zroute"]
    assert not window.z_eindgesprek.isEnabled() and not window.z_save.isEnabled()
    assert not note.isHidden() and "Alleen in de Z-route" in note.text()
    assert window.examen_datum.isEnabled()  # the B1-route has DUO's exam
    assert window._route_notes["examen"].isHidden()
    # a case without a set PIP: what belongs to a route waits for it
    with vault.transaction() as session:
        other = add_demo_cases(session, 1, date(2026, 11, 2))[0]
    set_language("nl")
    bare = ProgressWindow(vault, other, today=TODAY)
    qtbot.addWidget(bare)
    bare.show()
    qtbot.waitUntil(lambda: bare.data is not None)
    for item in ("zroute", "map", "examen"):
        assert "nog geen vastgesteld PIP" in bare._route_notes[item].text()
    assert not bare.z_save.isEnabled() and not bare.examen_add.isEnabled()
    assert not bare.map_save.isEnabled()
    assert bare.uren_add.isEnabled()  # hours belong to every route
