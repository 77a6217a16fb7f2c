"""The Voortgang forms behave alike (usability round 9, finding 17): Enter in a form with
something missing or wrong says what, named by its field, and puts the keyboard in that
field; every refusal names its field; after adding, every adding form empties what
belongs to the entry added. pytest-qt, real widgets, by keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.services import progress
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.progress import ProgressWindow

from .test_progress_window import TODAY, _type_date, case_id, window

__all__ = ["case_id", "window"]  # the fixtures of the window's own tests


def test_enter_with_an_empty_date_and_hours_that_are_no_number_says_which_field(
    qtbot: QtBot, window: ProgressWindow, vault: OpenVault, case_id: str
) -> None:
    """The finding's steps: "Tot en met" empty, "Aantal uren" holding text that is no
    number; Enter in Aantal uren did nothing and said nothing."""
    qtbot.keyClicks(window.uren_aanbieder, "Taalhuis")
    _type_date(qtbot, window.uren_van, "01-04-2027")
    window.uren_uren.edit.setFocus()
    qtbot.keyClicks(window.uren_uren.edit, "twaalf")
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)
    said = window.message.text()
    assert said.startswith("Tot en met:"), said
    assert QApplication.focusWidget() is window.uren_tot.edit
    assert "Vul een datum in" in said
    assert progress.load(vault, case_id, TODAY).records.uren == ()


def test_a_date_after_today_names_which_of_the_two_dates_and_goes_there(
    qtbot: QtBot, window: ProgressWindow, vault: OpenVault, case_id: str
) -> None:
    qtbot.keyClicks(window.uren_aanbieder, "Taalhuis")
    _type_date(qtbot, window.uren_van, "01-04-2027")
    _type_date(qtbot, window.uren_tot, "04-12-2027")  # after today
    window.uren_uren.edit.setFocus()
    qtbot.keyClicks(window.uren_uren.edit, "12")
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message.text() != "")
    assert window.message.text().startswith("Tot en met: Deze datum ligt na vandaag")
    qtbot.waitUntil(window.uren_tot.edit.hasFocus)
    assert progress.load(vault, case_id, TODAY).records.uren == ()


def test_a_refusal_of_hours_names_the_hours_field_in_every_form(
    qtbot: QtBot, window: ProgressWindow
) -> None:
    qtbot.keyClicks(window.uren_aanbieder, "Taalhuis")
    _type_date(qtbot, window.uren_van, "01-04-2027")
    _type_date(qtbot, window.uren_tot, "01-05-2027")
    window.uren_uren.edit.setFocus()
    qtbot.keyClicks(window.uren_uren.edit, "twaalf")
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)
    assert window.message.text().startswith("Aantal uren:")
    assert QApplication.focusWidget() is window.uren_uren.edit
    window.tabs.setCurrentIndex(1)  # PVT
    window.pvt_omschrijving.setFocus()
    qtbot.keyClicks(window.pvt_omschrijving, "Bibliotheek")
    _type_date(qtbot, window.pvt_datum, "01-04-2027")
    window.pvt_uren.edit.setFocus()
    qtbot.keyClicks(window.pvt_uren.edit, "twee")
    qtbot.keyClick(window.pvt_uren.edit, Qt.Key.Key_Return)
    assert window.message.text().startswith("Uren:")


def test_every_adding_form_empties_the_entrys_own_fields_after_adding(
    qtbot: QtBot, window: ProgressWindow, vault: OpenVault, case_id: str
) -> None:
    """The exam form kept its date after "Uitslag toevoegen" while the hours form
    emptied its dates and hours."""
    window.tabs.setCurrentIndex(3)  # Examen
    window.examen_datum.edit.setFocus()
    _type_date(qtbot, window.examen_datum, "01-04-2027")
    qtbot.keyClick(window.examen_datum.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message.text() == "Vastgelegd.")
    assert len(progress.load(vault, case_id, TODAY).records.examens) == 1
    assert window.examen_datum.text() == ""
    assert QApplication.focusWidget() is window.examen_onderdeel
