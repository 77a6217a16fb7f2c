"""Nieuw dossier, keyboard first, as the fresh tester of usability round 3 used it:

1. a searchable choice (nationality, Voorkeurstaal, Verblijfsgrond) takes what was typed
   on Tab when it names one entry exactly or matches only one; otherwise the field keeps
   the text and says at the field that it is no choice (it silently went back to
   "— kies —");
2. every language search ranks exact > prefix > word prefix > contains, the prompt
   languages first ("Arabisch" + Tab + Space ticked "Algerijns Arabisch"; "Tigr" + Down
   gave Tigre), and Voorkeurstaal offers only the ticked languages;
6. a V-nummer copied from a letter ("V 123.456.7890") and a BSN with dots are read as
   their digits.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inburg_desktop import i18n
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.language_picker import LanguageList, SearchableCombo
from inburg_desktop.ui.new_case_dialog import NewCaseDialog

from .test_new_case_dialog import choose, fill


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    try:
        yield request.param
    finally:
        i18n.set_language("nl")


def open_dialog(qtbot: QtBot, vault: OpenVault) -> NewCaseDialog:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def key_target(widget: QWidget) -> QWidget:
    """Where a key goes now: the completer's list while it is open (it has the keyboard
    then, as on a real screen), else the widget with the focus."""
    if isinstance(widget, SearchableCombo):
        completer = widget.completer()
        popup = None if completer is None else completer.popup()
        if popup is not None and popup.isVisible():
            return popup
    focus = QApplication.focusWidget()
    assert focus is not None
    return focus


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """The offscreen platform leaves a closed popup the active window (a window manager
    gives it back): give the keyboard back to the dialog, as the desktop does."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def type_in_combo(qtbot: QtBot, combo: SearchableCombo, text: str) -> None:
    line = combo.lineEdit()
    assert line is not None
    back_to(qtbot, combo.window())
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(line.hasFocus)
    line.selectAll()
    qtbot.keyClicks(line, text)


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(key_target(widget), key)
    QApplication.processEvents()
    back_to(qtbot, widget.window())


def combo(dialog: NewCaseDialog, key: str) -> SearchableCombo:
    widget = dialog.fields[key]
    assert isinstance(widget, SearchableCombo)
    return widget


def languages(dialog: NewCaseDialog) -> LanguageList:
    widget = dialog.fields["person.languages"]
    assert isinstance(widget, LanguageList)
    return widget


# --- 1: typed text on Tab --------------------------------------------------------------

TYPED = {
    "nl": [
        ("person.nationality", "Eritrea", "ERI"),  # the tester's text: exact
        ("person.nationality", "eritrea", "ERI"),  # any case
        ("person.nationality", "Eritr", "ERI"),  # the only match
        ("person.nationality", "Syria", "SYR"),  # the other UI language's name
        ("person.residence_basis", "asiel", "asiel"),
        ("person.preferred_language", "arabisch", "ar"),
    ],
    "en": [
        ("person.nationality", "Eritrea", "ERI"),
        ("person.nationality", "syrie", "SYR"),
        ("person.residence_basis", "family migr", "gezin"),
        ("person.preferred_language", "Arabic", "ar"),
    ],
}


def test_every_searchable_choice_takes_an_exact_or_only_match_on_tab(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    dialog = open_dialog(qtbot, vault)
    languages(dialog).set_codes(["ar", "ti"])
    for key, typed, code in TYPED[language]:
        field = combo(dialog, key)
        field.set_code(None)
        type_in_combo(qtbot, field, typed)
        press(qtbot, field, Qt.Key.Key_Tab)
        assert (field.code(), field.problem()) == (code, None), (key, typed)
        assert field.currentText() == field.itemText(field.findData(code))
        assert not dialog.errors[key].isVisible()


@pytest.mark.parametrize("typed", ["Atlantis", "Ni"])  # none matches / several do
def test_text_that_is_no_choice_stays_and_is_said_at_the_field(
    qtbot: QtBot, vault: OpenVault, typed: str
) -> None:
    dialog = open_dialog(qtbot, vault)
    field = combo(dialog, "person.nationality")
    choose(dialog, "person.nationality", "SYR")
    type_in_combo(qtbot, field, typed)
    press(qtbot, field, Qt.Key.Key_Tab)
    assert field.currentText() == typed  # never silently the old choice or "— kies —"
    assert field.code() == ""
    error = dialog.errors["person.nationality"]
    assert error.isVisible() and f"„{typed}”" in error.text()
    # Save refuses at the field, nothing is stored.
    fill(qtbot, dialog)
    type_in_combo(qtbot, field, typed)
    dialog.save()
    assert error.isVisible() and dialog.notice.isVisible()
    with vault.session() as session:
        assert session.scalars(select(CaseRow)).all() == []
    # Down picks from the suggestions; the message goes.
    if typed == "Ni":
        type_in_combo(qtbot, field, typed)
        press(qtbot, field, Qt.Key.Key_Down)
        press(qtbot, field, Qt.Key.Key_Return)
        assert field.code() in ("NER", "NGA", "NIC", "NIU") and not error.isVisible()


# --- 2: ranking and Voorkeurstaal -------------------------------------------------------

BEST = {"nl": ("Arabisch", "ar"), "en": ("Arabic", "ar")}


def test_a_language_typed_then_tab_and_space_ticks_the_exact_one(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    dialog = open_dialog(qtbot, vault)
    picker = languages(dialog)
    typed, code = BEST[language]
    picker.filter.setFocus()
    qtbot.keyClicks(picker.filter, typed)
    press(qtbot, picker, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is picker.list
    press(qtbot, picker, Qt.Key.Key_Space)
    assert picker.codes() == (code,)
    shown = [
        str(picker.list.item(r).text())
        for r in range(picker.list.count())
        if not picker.list.item(r).isHidden()
    ]
    assert shown[0] == f"{typed} (ar)" and len(shown) > 3  # the varieties follow


def test_voorkeurstaal_offers_the_ticked_languages_ranked(qtbot: QtBot, vault: OpenVault) -> None:
    dialog = open_dialog(qtbot, vault)
    preferred = combo(dialog, "person.preferred_language")
    line = preferred.lineEdit()
    assert line is not None
    assert preferred.count() == 1 and "vink eerst talen aan" in line.placeholderText()
    languages(dialog).set_codes(["tig", "ti", "nl"])
    assert sorted(str(preferred.itemData(i)) for i in range(1, preferred.count())) == [
        "nl",
        "ti",
        "tig",
    ]
    type_in_combo(qtbot, preferred, "Tigr")
    press(qtbot, preferred, Qt.Key.Key_Down)
    press(qtbot, preferred, Qt.Key.Key_Return)
    assert preferred.code() == "ti"  # Tigrinya (a prompt language) before Tigre
    languages(dialog).set_codes(["tig", "nl"])  # ti unticked: no longer a choice
    assert preferred.findData("ti") < 0 and preferred.code() == ""


# --- 6: identifiers as letters print them -------------------------------------------------


def test_a_v_nummer_with_its_v_and_a_bsn_with_dots_are_read_as_digits(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = open_dialog(qtbot, vault)
    fill(qtbot, dialog)
    for key, typed, shown in (
        ("person.v_nummer", "V 123.456.7890", "1234567890"),
        ("person.bsn", "1234.56.782", "123456782"),
    ):
        line = dialog.fields[key]
        assert isinstance(line, QLineEdit)
        line.setFocus()
        line.selectAll()
        qtbot.keyClicks(line, typed)
        press(qtbot, line, Qt.Key.Key_Tab)
        assert line.text() == shown  # shown as it will be stored, once it reads as one
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with vault.session() as session:
        (row,) = session.scalars(select(CaseRow)).all()
        person = get_case(session, row.id).case.person
    assert (person.v_nummer, person.bsn) == ("1234567890", "123456782")


def test_a_v_that_does_not_lead_is_refused_by_the_rule_not_guessed(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = open_dialog(qtbot, vault)
    fill(qtbot, dialog, person__v_nummer="12V3456789")
    dialog.save()
    error = dialog.errors["person.v_nummer"]
    qtbot.waitUntil(error.isVisible)
    assert error.text() == "Moet tien cijfers zijn."
