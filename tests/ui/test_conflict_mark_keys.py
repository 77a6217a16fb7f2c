"""A conflict mark is one Tab stop: Tab and Shift+Tab leave it for the next field (the
tab walker, run on the intake's Opleiding topic with its notes in conflict: Tab stayed on
the mark, a label with links going round its own one link). pytest-qt, real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_marks import ConflictMarks

KEY = "intake.opleiding.notes"


def test_tab_goes_through_a_conflict_mark_and_on(qtbot: QtBot, vault: OpenVault) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    before, after = QLineEdit(), QLineEdit()
    field = QWidget()
    QVBoxLayout(field).addWidget(QLineEdit())
    for widget in (before, field, after):
        column.addWidget(widget)
    marks = ConflictMarks(window, vault, "case")
    marks.show({KEY}, {KEY: field})
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    mark = window.findChild(QLabel, f"{KEY}:conflict")
    assert mark is not None
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        mark.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(mark, key)
        assert QApplication.focusWidget() is not mark, key  # it leaves the mark
