""" "Nieuw dossier" and correcting personal data (issue 13 item 9): the consultant adds a
case by hand with the handover's fields, checked exactly as an imported handover file,
errors at the field; personal data are corrected through the change path of every edit
(outbox, so it syncs), keyboard first."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.handover import HandoverError, parse_handover_bytes
from inburg_desktop.i18n import _
from inburg_desktop.services import case_by_hand
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.tables import CaseRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.language_picker import LanguageList, SearchableCombo
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.new_case_dialog import NewCaseDialog, sentence


def open_main(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def count(vault: OpenVault, table: type) -> int:
    with vault.session() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def error_at(dialog: NewCaseDialog, key: str) -> QLabel:
    """The message label under field ``key``."""
    label = dialog.findChild(QLabel, f"error:{key}")
    assert label is not None
    return label


def type_into(qtbot: QtBot, dialog: NewCaseDialog, key: str, text: str) -> None:
    widget = dialog.fields[key]
    if isinstance(widget, LanguageList):
        widget.set_codes(tag.strip() for tag in text.split(",") if tag.strip())
        return
    edit = widget.findChild(QLineEdit) if isinstance(widget, DateInput) else widget
    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    edit.selectAll()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest cannot type every character; pasted, as a consultant might
        edit.insert(text)


def choose(dialog: NewCaseDialog, key: str, data: str) -> None:
    combo = dialog.fields[key]
    assert isinstance(combo, QComboBox)
    assert combo.findData(data) >= 0, data
    combo.setCurrentIndex(combo.findData(data))


GOOD = {
    "person.given_names": "Selam",
    "person.family_name": "Berhane",
    "person.date_of_birth": "9-1-1997",
    "person.languages": "ti, en",
    "person.v_nummer": "1234567890",
    "dates.brp_registration": "1-10-2026",
    "dates.bijstand_start": "5-10-2026",
}


def fill(qtbot: QtBot, dialog: NewCaseDialog, **changes: str) -> None:
    values = {**GOOD, **{k.replace("__", "."): v for k, v in changes.items()}}
    for key, text in values.items():
        type_into(qtbot, dialog, key, text)
    choose(dialog, "person.nationality", "ERI")
    choose(dialog, "doelgroep", "statushouder")


def test_ctrl_n_adds_a_case_by_keyboard_and_the_list_shows_it(
    qtbot: QtBot, vault: OpenVault
) -> None:
    window = open_main(qtbot, vault)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.new_case_dialog
    assert isinstance(dialog, NewCaseDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.fields["person.given_names"])
    fill(qtbot, dialog)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # the default button
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    qtbot.waitUntil(lambda: window.selected_row() is not None)
    row = window.selected_row()
    assert row is not None and row.list_name == "Berhane, Selam"
    with vault.session() as session:
        case = get_case(session, row.id).case
        stored_row = session.get(CaseRow, row.id)
        assert stored_row is not None
        source = stored_row.source
    assert case.person.nationality == "ERI" and case.person.languages == ("ti", "en")
    assert case.person.v_nummer == "1234567890"
    assert case.dates.brp_registration == date(2026, 10, 1)
    assert case.dates.bijstand_start == date(2026, 10, 5)
    assert source == "consultant"
    assert count(vault, OutboxRow) == 1  # sent to the office like an import


BAD = [
    ("person__v_nummer", "12345"),
    ("person__given_names", "Se\u202elam"),  # a right-to-left override hides text
    ("person__family_name", "   "),
    ("person__bsn", "12"),
    ("person__date_of_birth", "2-10-2026"),  # after the BRP registration
]


@pytest.mark.parametrize(("field", "text"), BAD)
def test_a_refused_value_is_said_at_its_field_as_an_import_says_it_and_nothing_is_stored(
    qtbot: QtBot, vault: OpenVault, field: str, text: str
) -> None:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, **{field: text})
    # the same document through the file importer's reader: its verdict is the rule
    doc = case_by_hand.handover_document(dialog.form())
    with pytest.raises(HandoverError) as refused:
        parse_handover_bytes(json.dumps(doc).encode())
    key = field.replace("__", ".")
    assert refused.value.key.split("[")[0] == key
    dialog.save()
    error = error_at(dialog, key)
    qtbot.waitUntil(lambda: error.isVisible())
    assert error.text() == sentence(refused.value.reason.render(_))  # the importer's words
    assert dialog.notice.isVisible()
    assert "Het dossier is nog niet aangemaakt" in dialog.notice.text()
    assert dialog.isVisible()
    assert QApplication.focusWidget() in (dialog.fields[key], dialog.fields[key].focusProxy())
    assert count(vault, CaseRow) == 0 and count(vault, OutboxRow) == 0


def test_personal_data_are_corrected_as_an_edit_that_syncs(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        ids = add_demo_cases(session, 2)
    intake = IntakeWindow(vault, ids[0])  # open on the case meanwhile
    qtbot.addWidget(intake)
    intake.show()
    qtbot.waitUntil(lambda: intake.stored is not None)
    window = open_main(qtbot, vault)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert window.select_case(ids[0])
    outbox = count(vault, OutboxRow)
    window.correct_action.trigger()
    dialog = window.new_case_dialog
    assert dialog.fields["doelgroep"].isEnabled() is False  # not personal data
    type_into(qtbot, dialog, "person.family_name", "Haddad-Khalil")
    type_into(qtbot, dialog, "person.bsn", "12")
    dialog.save()
    error = error_at(dialog, "person.bsn")
    qtbot.waitUntil(lambda: error.isVisible())
    with vault.session() as session:
        assert get_case(session, ids[0]).case.person.family_name == "Haddad"
    type_into(qtbot, dialog, "person.bsn", "123456782")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with vault.session() as session:
        person = get_case(session, ids[0]).case.person
        ops = session.scalars(select(OutboxRow).where(OutboxRow.case_id == ids[0])).all()
    assert person.family_name == "Haddad-Khalil" and person.bsn == "123456782"
    assert count(vault, OutboxRow) == outbox + 1
    assert json.loads(ops[-1].patch).keys() >= {"person.family_name", "person.bsn"}
    qtbot.waitUntil(
        lambda: any("Haddad-Khalil" in str(window.model.index(r, 0).data()) for r in range(2))
    )


def test_a_correction_refused_by_the_handover_rules_writes_nothing(vault: OpenVault) -> None:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 1)[0]
    loaded = case_by_hand.load_case(vault, case_id)
    form = case_by_hand.form_of(loaded)
    bad = case_by_hand.PersonForm(**{**form.__dict__, "date_of_birth": date(2030, 1, 1)})
    outbox = count(vault, OutboxRow)
    with pytest.raises(HandoverError) as refused:
        case_by_hand.correct_person(vault, case_id, bad, loaded)
    assert refused.value.key == "person.date_of_birth"
    assert count(vault, OutboxRow) == outbox


@pytest.mark.parametrize("text", ["", "31-02-2026", "3-10"])
def test_a_missing_or_impossible_date_is_said_at_its_field(
    qtbot: QtBot, vault: OpenVault, text: str
) -> None:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog)
    edit = dialog.fields["dates.brp_registration"].findChild(QLineEdit)
    assert edit is not None
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)
    dialog.save()
    error = error_at(dialog, "dates.brp_registration")
    assert error.isVisible() and error.text()
    assert "Het dossier is nog niet aangemaakt" in dialog.notice.text()
    assert count(vault, CaseRow) == 0


# --- usability round 2 finding 16 and attack round 2 finding 5 ------------------------


def test_languages_and_countries_show_as_names_and_are_found_by_typing(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    languages = dialog.fields["person.languages"]
    assert isinstance(languages, LanguageList)
    qtbot.keyClicks(languages.filter, "arab")
    shown = [
        languages.list.item(r).text()
        for r in range(languages.list.count())
        if not languages.list.item(r).isHidden()
    ]
    assert "Arabisch (ar)" in shown and all("arab" in t.casefold() for t in shown)
    preferred = dialog.fields["person.preferred_language"]
    assert isinstance(preferred, SearchableCombo)
    languages.set_codes(["ti"])  # Voorkeurstaal offers the ticked languages
    assert preferred.itemText(preferred.findData("ti")) == "Tigrinya (ti)"
    nationality = dialog.fields["person.nationality"]
    assert isinstance(nationality, SearchableCombo)
    assert nationality.itemText(nationality.findData("SYR")) == "Syrië (SYR)"
    line = nationality.lineEdit()
    assert line is not None
    line.setFocus()
    qtbot.keyClicks(line, "syr")  # any part of the name, any case
    completer = nationality.completer()
    assert completer is not None
    shown_first = completer.completionModel().index(0, 0).data()
    assert shown_first == "Syrië (SYR)" == nationality.suggestions("syr")[0]


def test_the_residence_basis_and_permit_date_are_asked_and_stored(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, person__permit_since="12032025")
    basis = dialog.fields["person.residence_basis"]
    assert isinstance(basis, SearchableCombo)
    assert basis.itemText(basis.findData("asiel")).startswith("Asiel")
    choose(dialog, "person.residence_basis", "asiel")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with vault.session() as session:
        (row,) = session.scalars(select(CaseRow)).all()
        person = get_case(session, row.id).case.person
    assert person.residence_basis is not None and person.residence_basis.value == "asiel"
    assert person.permit_since == date(2025, 3, 12)


def test_a_statushouder_without_v_nummer_is_refused_at_the_field(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, person__v_nummer="")
    dialog.save()
    error = error_at(dialog, "person.v_nummer")
    qtbot.waitUntil(lambda: error.isVisible())
    assert error.text() == "Is verplicht voor een statushouder."
    assert count(vault, CaseRow) == 0 and count(vault, OutboxRow) == 0
    choose(dialog, "doelgroep", "gezinsmigrant")  # a gezinsmigrant may have none yet
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert count(vault, CaseRow) == 1


def test_a_v_nummer_already_on_this_laptop_is_refused_with_a_way_to_open_that_case(
    qtbot: QtBot, vault: OpenVault
) -> None:
    window = open_main(qtbot, vault)
    first = NewCaseDialog(vault)
    qtbot.addWidget(first)
    first.show()
    fill(qtbot, first)
    first.save()
    qtbot.waitUntil(lambda: not first.isVisible())
    with vault.session() as session:
        (existing,) = session.scalars(select(CaseRow.id)).all()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.open_new_case()
    dialog = window.new_case_dialog
    fill(qtbot, dialog, person__given_names="Selam M.")
    dialog.save()
    error = error_at(dialog, "person.v_nummer")
    qtbot.waitUntil(lambda: error.isVisible())
    assert "Er is al een dossier met dit V-nummer: Selam Berhane" in error.text()
    assert count(vault, CaseRow) == 1 and count(vault, OutboxRow) == 1
    assert dialog.open_existing_button.isVisible()
    with qtbot.waitSignal(window.case_opened) as opened:
        dialog.open_existing_button.click()
    assert opened.args == [existing]
    assert not dialog.isVisible()
    row = window.selected_row()
    assert row is not None and row.id == existing


def test_a_correction_to_a_v_nummer_in_use_writes_nothing(vault: OpenVault) -> None:
    with vault.transaction() as session:
        ids = add_demo_cases(session, 2)
    loaded = case_by_hand.load_case(vault, ids[1])
    other = case_by_hand.load_case(vault, ids[0]).case.person.v_nummer
    assert other is not None
    form = case_by_hand.form_of(loaded)
    outbox = count(vault, OutboxRow)
    with pytest.raises(case_by_hand.VNummerInGebruik) as taken:
        case_by_hand.correct_person(
            vault, ids[1], case_by_hand.PersonForm(**{**form.__dict__, "v_nummer": other}), loaded
        )
    assert taken.value.case_id == ids[0]
    assert count(vault, OutboxRow) == outbox
