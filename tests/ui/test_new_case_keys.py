"""Nieuw dossier by keyboard, as usability round 4 used it (finding 15), with real keys:

- "Gezinslid toevoegen" puts the keyboard in the new member, which is scrolled into
  view in both scroll areas (the section's and the form's); it stood below the fold;
- the notice "verbeter wat bij de velden staat" goes as soon as the fields are put right
  (it stayed after every field was), as does one about a member;
- a message stands under its field, in the field's column, in a place kept for it: no
  label or field moves (the message stood in the label column, the label seemed to drop);
- Down in the language search goes into the results, Up from the first comes back, and
  Enter ticks the result (it saved the dialog);
- with exactly one language ticked, that is the Voorkeurstaal ("— geen —" showed);
- "Geboortedatum" and "Doelgroep" have an Alt+letter that reaches them.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.household_editor import HouseholdEditor
from inburg_desktop.ui.language_picker import LanguageList, SearchableCombo
from inburg_desktop.ui.mnemonics import letter_of
from inburg_desktop.ui.new_case_dialog import NewCaseDialog

from .test_new_case_dialog import error_at

ALT = Qt.KeyboardModifier.AltModifier


def open_dialog(qtbot: QtBot, vault: OpenVault) -> NewCaseDialog:
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def key(
    qtbot: QtBot, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, which, modifier)


def household(dialog: NewCaseDialog) -> HouseholdEditor:
    assert dialog.household is not None
    return dialog.household


def seen_whole(widget: QWidget) -> bool:
    """Whether ``widget`` shows whole in every scroll area around it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            viewport = parent.viewport()
            place = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
            if not viewport.rect().contains(place):
                return False
        parent = parent.parentWidget()
    return True


def _has_rows(editor: HouseholdEditor, number: int) -> bool:
    return len(editor.rows) == number


def test_an_added_member_is_scrolled_into_view_with_the_keyboard_in_it(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = open_dialog(qtbot, vault)
    # As under a window manager at 1366×768: its frame and taskbar leave the dialog less
    # height than the offscreen screen does, and the household section is below the fold.
    dialog.resize(dialog.width(), 560)
    qtbot.waitUntil(lambda: dialog.height() == 560)
    editor = household(dialog)
    for number in range(1, 4):
        editor.add_button.setFocus(Qt.FocusReason.TabFocusReason)
        key(qtbot, Qt.Key.Key_Space)  # "Gezinslid toevoegen", by keyboard
        qtbot.waitUntil(partial(_has_rows, editor, number))
        row = editor.rows[-1]
        qtbot.waitUntil(row.relatie.hasFocus)
        qtbot.waitUntil(partial(seen_whole, row.relatie))
        assert seen_whole(row.relatie), f"member {number} typed into out of sight"


def test_the_notice_goes_when_the_fields_are_put_right(qtbot: QtBot, vault: OpenVault) -> None:
    dialog = open_dialog(qtbot, vault)
    key(qtbot, Qt.Key.Key_Return)  # Save with everything empty: the dates refuse
    qtbot.waitUntil(dialog.notice.isVisible)
    born = dialog.fields["person.date_of_birth"]
    brp = dialog.fields["dates.brp_registration"]
    assert isinstance(born, DateInput) and isinstance(brp, DateInput)
    assert error_at(dialog, "person.date_of_birth").text()
    for field, text in ((born, "9-1-1997"), (brp, "1-10-2026")):
        field.edit.setFocus()
        qtbot.keyClicks(field.edit, text)
        key(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not dialog.notice.isVisible())
    assert not error_at(dialog, "person.date_of_birth").isVisible()


def test_the_notice_about_a_field_the_rules_refused_goes_when_it_is_put_right(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = open_dialog(qtbot, vault)
    dialog.show_problem("person.v_nummer", "moet tien cijfers zijn")  # as a refused Save says
    assert dialog.notice.isVisible()
    line = dialog.fields["person.v_nummer"]
    line.setFocus()
    qtbot.keyClicks(line, "1")
    qtbot.waitUntil(lambda: not dialog.notice.isVisible())


def test_the_notice_about_a_member_goes_when_the_member_is_put_right(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = open_dialog(qtbot, vault)
    editor = household(dialog)
    editor.add_button.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(editor.rows) == 1)
    refused = editor.check(date.today())  # a member without a relation is refused
    assert refused is not None
    dialog._failed(refused)  # as the vault's refusal comes back from Save
    assert dialog.notice.isVisible()
    row = editor.rows[0]
    row.relatie.setFocus()
    key(qtbot, Qt.Key.Key_Down)  # a relation chosen: the member is right now
    qtbot.waitUntil(lambda: not dialog.notice.isVisible())
    assert not row.problem.has_message


def _places(dialog: NewCaseDialog) -> dict[str, QRect]:
    """Where each label and field stands in the form (the scroll area's content: a
    message may scroll the form to show itself on a short screen, which moves nothing
    in it)."""
    scroll = dialog.findChild(QScrollArea)
    content = scroll.widget() if scroll is not None else None
    form: QWidget = content if content is not None else dialog
    places: dict[str, QRect] = {}
    for label in dialog.findChildren(QLabel):
        if label.buddy() is not None and label.isVisible():
            places[f"label {label.text()}"] = QRect(label.mapTo(form, QPoint(0, 0)), label.size())
    for name, field in dialog.fields.items():
        places[name] = QRect(field.mapTo(form, QPoint(0, 0)), field.size())
    return places


def test_a_message_stands_under_its_field_and_moves_no_label_or_field(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = open_dialog(qtbot, vault)
    qtbot.waitExposed(dialog)
    QApplication.processEvents()  # laid out as shown
    before = _places(dialog)
    for name in ("person.v_nummer", "person.given_names", "person.bsn"):
        dialog.show_problem(name, "moet tien cijfers zijn")
    QApplication.processEvents()
    assert _places(dialog) == before
    for name in ("person.v_nummer", "person.given_names", "person.bsn"):
        message, field = error_at(dialog, name), dialog.fields[name]
        at = message.mapTo(dialog, QPoint(0, 0))
        under = field.mapTo(dialog, QPoint(0, field.height()))
        assert at.x() >= field.mapTo(dialog, QPoint(0, 0)).x(), f"{name}: under the label"
        assert at.y() >= under.y(), f"{name}: not under its field"


def _languages(dialog: NewCaseDialog) -> LanguageList:
    widget = dialog.fields["person.languages"]
    assert isinstance(widget, LanguageList)
    return widget


def test_down_goes_into_the_language_results_and_enter_ticks_one(
    qtbot: QtBot, vault: OpenVault
) -> None:
    dialog = open_dialog(qtbot, vault)
    languages = _languages(dialog)
    languages.filter.setFocus()
    qtbot.keyClicks(languages.filter, "Tigr")
    key(qtbot, Qt.Key.Key_Down)
    assert languages.list.hasFocus()
    current = languages.list.currentItem()
    assert current is not None and current.text().startswith("Tigrinya")
    key(qtbot, Qt.Key.Key_Return)
    assert languages.codes() == ("ti",)
    assert dialog.isVisible() and not dialog.notice.isVisible()  # Enter ticked, no Save
    key(qtbot, Qt.Key.Key_Up)  # from the first result back to the search
    assert languages.filter.hasFocus()
    languages.filter.selectAll()
    qtbot.keyClicks(languages.filter, "Arabisch")
    key(qtbot, Qt.Key.Key_Return)  # Enter in the search ticks the best result
    assert languages.codes() == ("ti", "ar")
    assert dialog.isVisible() and not dialog.notice.isVisible()


def test_one_ticked_language_is_the_voorkeurstaal(qtbot: QtBot, vault: OpenVault) -> None:
    dialog = open_dialog(qtbot, vault)
    languages = _languages(dialog)
    preferred = dialog.fields["person.preferred_language"]
    assert isinstance(preferred, SearchableCombo)
    languages.filter.setFocus()
    qtbot.keyClicks(languages.filter, "Tigrinya")
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Space)  # ticked
    assert languages.codes() == ("ti",)
    assert preferred.code() == "ti"
    assert preferred.currentText().startswith("Tigrinya")
    languages.filter.setFocus()
    languages.filter.selectAll()
    qtbot.keyClicks(languages.filter, "Engels")
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Space)
    assert preferred.code() == "ti"  # a second language changes no choice made
    languages.filter.setFocus()
    languages.filter.selectAll()
    qtbot.keyClicks(languages.filter, "Tigrinya")
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Space)  # Tigrinya unticked: English is the one left
    assert languages.codes() == ("en",)
    assert preferred.code() == "en"


def _lettered(label: QLabel) -> bool:
    return letter_of(label.text()) is not None


def test_geboortedatum_and_doelgroep_have_an_alt_letter_that_reaches_them(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    AppController(vault_path, AppSettings())  # installs the keeper, as the app does
    dialog = open_dialog(qtbot, vault)
    for plain, name in (("Geboortedatum", "person.date_of_birth"), ("Doelgroep", "doelgroep")):
        label = next(
            label
            for label in dialog.findChildren(QLabel)
            if label.text().replace("&", "") == plain and label.buddy() is not None
        )
        qtbot.waitUntil(partial(_lettered, label))
        letter = letter_of(label.text())
        assert letter is not None
        dialog.fields["person.given_names"].setFocus()
        key(qtbot, Qt.Key(ord(letter.upper())), ALT)
        field = dialog.fields[name]
        focus = QApplication.focusWidget()
        assert focus is not None and (focus is field or field.isAncestorOf(focus)), plain
