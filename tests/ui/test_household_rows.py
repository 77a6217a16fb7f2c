"""A household member added by keyboard, in Nieuw dossier and in Dossiergegevens at
1366×768 (usability round 7 finding 10): it shows whole, scrolled into view, with the
keyboard in its Relatie and the focus frame drawn there, and Tab goes on as the fields
stand on screen; a typical long name, a V-nummer as typed and every choice show whole."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import mnemonics
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.household_editor import HouseholdEditor, MemberRow
from inburg_desktop.ui.mnemonics import letter_of
from inburg_desktop.ui.new_case_dialog import NewCaseDialog
from inburg_desktop.ui.scroll_into_view import scroll_areas_around

from .every_window import demo_cases

TODAY = date(2026, 3, 2)
NAME = "Hodan Abdirahman Warsame-Farah"  # 30 characters, not the editor's own sample
V_NUMMER = "V 98765 43210"

Opener = Callable[[OpenVault], NewCaseDialog | CaseDetailsDialog]


def new_case(vault: OpenVault) -> NewCaseDialog:
    return NewCaseDialog(vault)


def case_details(vault: OpenVault) -> CaseDetailsDialog:
    return CaseDetailsDialog(vault, demo_cases(vault)[0], today=TODAY)


@pytest.fixture(params=[new_case, case_details], ids=["Nieuw dossier", "Dossiergegevens"])
def dialog(
    request: pytest.FixtureRequest, qtbot: QtBot, vault: OpenVault
) -> NewCaseDialog | CaseDetailsDialog:
    mnemonics.install(app())  # as the app does
    opener: Opener = request.param
    opened = opener(vault)
    qtbot.addWidget(opened)
    opened.show()
    opened.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is opened)
    editor = household(opened)
    qtbot.waitUntil(lambda: letter_of(editor.add_button.text()) is not None)
    return opened


def app() -> QApplication:
    instance = QApplication.instance()
    assert isinstance(instance, QApplication)
    return instance


def household(dialog: NewCaseDialog | CaseDetailsDialog) -> HouseholdEditor:
    assert dialog.household is not None
    return dialog.household


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def on_screen(widget: QWidget) -> bool:
    """Whether ``widget`` shows whole: inside the viewport of every scroll area around
    it and inside its window."""
    for area in scroll_areas_around(widget):
        viewport = area.viewport()
        rect = QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())
        if not viewport.rect().contains(rect):
            return False
    window = widget.window()
    return window.rect().contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))


def add_by_keyboard(qtbot: QtBot, editor: HouseholdEditor) -> MemberRow:
    """Alt+letter of "Gezinslid toevoegen", as the consultant presses it."""
    before = len(editor.rows)
    letter = letter_of(editor.add_button.text())
    assert letter is not None
    qtbot.keyClick(focused(), Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(editor.rows) == before + 1)
    return editor.rows[-1]


def test_a_new_member_shows_whole_with_the_keyboard_in_its_relation(
    qtbot: QtBot, dialog: NewCaseDialog | CaseDetailsDialog
) -> None:
    editor = household(dialog)
    for _ in range(3):  # each one below the last, past the fold
        row = add_by_keyboard(qtbot, editor)
        qtbot.waitUntil(row.relatie.hasFocus)
        qtbot.waitUntil(lambda row=row: on_screen(row))  # type: ignore[misc]
        # the focus frame is drawn: Qt draws it only after a focus change by key
        assert dialog.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    # Tab as the fields stand on screen: Relatie, Naam beside it, then the row below
    row = editor.rows[-1]
    before: QWidget = row.relatie
    for target in (row.naam, row.geboren.edit, row.plichtig, row.v_nummer, row.notitie):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is target
        assert reads_after(before, target, row), target.objectName()
        before = target


def reads_after(first: QWidget, second: QWidget, row: QWidget) -> bool:
    """Whether ``second`` comes after ``first`` when reading ``row``: right of it on the
    same line, or on a line below."""
    a = QRect(first.mapTo(row, QPoint(0, 0)), first.size())
    b = QRect(second.mapTo(row, QPoint(0, 0)), second.size())
    if abs(a.center().y() - b.center().y()) < min(a.height(), b.height()) // 2:
        return b.left() > a.right()
    return b.top() > a.center().y()


def text_area_of(combo: QComboBox) -> int:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width()


def shows_whole(line: QLineEdit, text: str) -> bool:
    """Whether ``text`` fits the room ``line`` gives text, as its style lays it out
    (QLineEdit keeps 2 px free beside the text on each side)."""
    line.setText(text)
    option = QStyleOptionFrame()
    line.initStyleOption(option)
    room = line.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, line)
    margins = line.textMargins()
    free = room.width() - margins.left() - margins.right() - 2 * 2
    return free >= line.fontMetrics().horizontalAdvance(text)


def test_a_long_name_a_v_nummer_and_the_choices_show_whole(
    qtbot: QtBot, dialog: NewCaseDialog | CaseDetailsDialog
) -> None:
    assert len(NAME) == 30
    row = add_by_keyboard(qtbot, household(dialog))
    qtbot.waitUntil(lambda: on_screen(row))
    assert shows_whole(row.naam, NAME), f"Naam {row.naam.width()} px"
    assert shows_whole(row.v_nummer, V_NUMMER), f"V-nummer {row.v_nummer.width()} px"
    for combo in (row.relatie, row.plichtig):
        for index in range(combo.count()):
            combo.setCurrentIndex(index)
            text = combo.currentText()
            assert text_area_of(combo) >= combo.fontMetrics().horizontalAdvance(text), text
