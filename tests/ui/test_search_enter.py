"""Enter in a search or filter box never submits the dialog around it (usability round 6
finding 5: in Nieuw dossier, "Eritr" + Enter in the Talen search saved the whole dialog,
which then showed "verbeter wat bij de velden staat" under every empty date).

The kind: every search or filter field of every dialog of the app (:func:`every_window`),
found by what it is (the field of an editable combo, a line edit whose name or placeholder
says "zoek"), gets Enter on an empty search, on a search that finds nothing and on one
that finds something. The dialog stays open and unanswered each time; a hit is picked
(ticked, or chosen) where the field has a pick. A topic picker (Ctrl+K) closes on a hit
only, since picking is all it is for.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake.quick_switcher import QuickSwitcher
from inburg_desktop.ui.language_picker import LanguageList, SearchableCombo
from inburg_desktop.ui.new_case_dialog import NewCaseDialog

from .every_window import every_window

NOTHING = "qqxzq"
SEARCH = re.compile(r"\bzoek")  # "zoek een taal", "Onderwerp zoeken"; not "Bezoekadres"


def search_fields(dialog: QDialog) -> list[QLineEdit]:
    """The dialog's visible search and filter fields."""
    found: list[QLineEdit] = []
    for edit in dialog.findChildren(QLineEdit):
        if not edit.isVisibleTo(dialog) or not edit.isEnabled():
            continue
        combo = edit.parentWidget()
        words = f"{edit.accessibleName()} {edit.placeholderText()}".casefold()
        if (isinstance(combo, QComboBox) and combo.isEditable()) or SEARCH.search(words):
            found.append(edit)
    return found


def a_hit(edit: QLineEdit) -> str:
    """A search text that finds something in what ``edit`` searches."""
    owner = edit.parentWidget()
    if isinstance(owner, SearchableCombo):
        first = owner.choice_at(1)
        return "" if first is None else first.name[:4]
    if isinstance(owner, LanguageList):
        return next(iter(owner.choices.values())).name[:4]
    if isinstance(owner, QuickSwitcher):
        return owner.list.item(0).text().split(". ", 1)[1][:4]
    return ""


def enter_in(qtbot: QtBot, dialog: QDialog, edit: QLineEdit, text: str) -> None:
    """Type ``text`` into ``edit`` and press Enter where the keyboard is, as a person
    does (the dialog active, the keys going to its focus widget)."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    edit.setFocus(Qt.FocusReason.OtherFocusReason)
    edit.clear()
    if text:
        qtbot.keyClicks(edit, text)
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, Qt.Key.Key_Return)
    QApplication.processEvents()


def picked(edit: QLineEdit) -> bool:
    owner = edit.parentWidget()
    if isinstance(owner, SearchableCombo):
        return owner.code() != ""
    if isinstance(owner, LanguageList):
        return bool(owner.codes())
    return True


def problems_of(qtbot: QtBot, name: str, dialog: QDialog) -> list[str]:
    """What went wrong with Enter in each search field of ``dialog``. A submit is the
    dialog finishing or any of its buttons clicked (a refused save keeps the dialog open,
    which is how the finding showed it: a notice, and errors under the empty fields)."""
    problems: list[str] = []
    submitted: list[object] = []
    dialog.finished.connect(submitted.append)
    for button in dialog.findChildren(QAbstractButton):
        button.clicked.connect(partial(submitted.append, button))
    for edit in search_fields(dialog):
        label = f"{name} {edit.accessibleName() or edit.placeholderText() or edit.objectName()}"
        hit = a_hit(edit)
        picker = isinstance(dialog, QuickSwitcher)
        for text in (NOTHING, "", hit):
            if text == hit and not hit:
                continue
            enter_in(qtbot, dialog, edit, text)
            closed = bool(submitted) or not dialog.isVisible()
            if picker and text != NOTHING:  # its empty search lists every topic
                if not closed:
                    problems.append(f"{label}: Enter on {text!r} did not pick the topic")
                return problems
            if closed:
                problems.append(f"{label}: Enter on {text!r} submitted the dialog")
                return problems
            if text == hit and not picked(edit):
                problems.append(f"{label}: Enter on {text!r} picked nothing")
    return problems


def test_enter_in_a_search_box_never_submits_its_dialog(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    problems: list[str] = []
    searched: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        dialog = shown.window
        if not isinstance(dialog, QDialog) or not dialog.isVisible():
            continue
        if search_fields(dialog):
            searched.append(shown.name)
        problems += problems_of(qtbot, shown.name, dialog)
    # the walk reached the search boxes the finding is about
    assert {"NewCaseDialog", "QuickSwitcher"} <= set(searched), searched
    assert problems == [], "\n".join(problems)


def test_enter_on_a_language_found_ticks_it_and_keeps_the_dialog(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """The finding's steps: "Tigri" + Enter ticks Tigrinya; "Eritr" (no language) + Enter
    does nothing; the dialog shows no notice either time."""
    dialog = NewCaseDialog(vault)
    qtbot.addWidget(dialog)
    dialog.show()
    languages = dialog.findChild(LanguageList)
    assert isinstance(languages, LanguageList)
    enter_in(qtbot, dialog, languages.filter, "Tigri")
    assert languages.codes() == ("ti",)
    enter_in(qtbot, dialog, languages.filter, "Eritr")
    assert languages.codes() == ("ti",)
    assert dialog.isVisible() and not dialog.notice.isVisible()
    focus: QWidget | None = QApplication.focusWidget()
    assert focus is languages.filter  # the keyboard stays in the search
