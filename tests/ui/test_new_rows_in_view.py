"""Every "add a row" button of the app puts the new row on screen with the keyboard in
its first field and the focus frame drawn (usability round 7 finding 10, as a kind): the
intake's "Rij toevoegen" (Gezinssituatie's members) and each row list of the PIP editor
(Doel, Afspraak, Participatie, Begeleiding toevoegen), in the windows as they open at
1366×768, each added several times so the later rows stand below the fold. The household
editor's own button is tried in ``test_household_rows.py``."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake.group_editor import GroupEditor
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.pip.widgets import RowsEditor
from inburg_desktop.ui.pip.window import PipEditorWindow

from .test_household_rows import on_screen

TODAY = date(2026, 3, 2)
TIMES = 3


def cases(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


def press(qtbot: QtBot, button: QPushButton) -> None:
    """The button pressed by keyboard: the keyboard on it, then Space."""
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def check_rows_added(
    qtbot: QtBot, window: QWidget, button: QPushButton, rows: list[QWidget], name: str
) -> None:
    for _ in range(TIMES):
        before = len(rows)
        press(qtbot, button)
        qtbot.waitUntil(lambda before=before: len(rows) == before + 1)  # type: ignore[misc]
        row = rows[-1]
        focused = QApplication.focusWidget()
        assert focused is not None and row.isAncestorOf(focused), name
        qtbot.waitUntil(lambda row=row: on_screen(row))  # type: ignore[misc]
        assert window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange), name


def test_rij_toevoegen_in_the_intake(qtbot: QtBot, vault: OpenVault) -> None:
    intake = IntakeWindow(vault, cases(vault)[0], today=TODAY)
    qtbot.addWidget(intake)
    intake.show()
    qtbot.waitUntil(lambda: intake.stored is not None, timeout=15_000)
    intake.show_topic("gezinssituatie")
    QApplication.processEvents()
    groups = [group for group in intake.findChildren(GroupEditor) if group.isVisible()]
    assert groups
    for group in groups:
        check_rows_added(qtbot, intake, group.add_button, group.rows, group.item.key)  # type: ignore[arg-type]


def test_rows_added_in_the_pip_editor(qtbot: QtBot, vault: OpenVault) -> None:
    pip = PipEditorWindow(vault, cases(vault)[DRAFT_INDEX], today=TODAY)
    qtbot.addWidget(pip)
    pip.show()
    qtbot.waitUntil(lambda: pip.context is not None, timeout=15_000)
    tried = []
    for editor in pip.findChildren(RowsEditor):
        button = editor.add_button
        if button is None:
            continue
        for index in range(pip.tabs.count()):
            page = pip.tabs.widget(index)
            if page is not None and page.isAncestorOf(editor):
                pip.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        if not button.isVisible() or not button.isEnabled():
            continue  # not offered for this case's route
        check_rows_added(qtbot, pip, button, editor.rows, button.text())  # type: ignore[arg-type]
        tried.append(button.text())
    assert len(tried) >= 2, tried
