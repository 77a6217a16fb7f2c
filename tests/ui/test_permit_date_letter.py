""" "Verblijfsvergunning sinds" has an Alt-letter a consultant finds (usability round 7,
finding 10): the "s" of "sinds", a word's start, the same in Nieuw dossier and in
Dossiergegevens, and Alt+S puts the keyboard in the permit date; the other letters placed
by hand in Nieuw dossier stay where they were placed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import mnemonics
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.mnemonics import letter_of
from inburg_desktop.ui.new_case_dialog import NewCaseDialog, field_labels

from .every_window import demo_cases

TODAY = date(2026, 3, 2)


def label_of(window: QWidget, field: QWidget) -> QLabel:
    found = [label for label in window.findChildren(QLabel) if label.buddy() is field]
    assert len(found) == 1
    return found[0]


def test_the_permit_date_has_the_s_of_sinds_in_both_windows(qtbot: QtBot, vault: OpenVault) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    mnemonics.install(app)
    new_case = NewCaseDialog(vault)
    details = CaseDetailsDialog(vault, demo_cases(vault)[0], today=TODAY)
    for window, field in (
        (new_case, new_case.fields["person.permit_since"]),
        (details, details.permit),
    ):
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda window=window: QApplication.activeWindow() is window)  # type: ignore[misc]
        label = label_of(window, field)
        qtbot.waitUntil(lambda label=label: letter_of(label.text()) is not None)  # type: ignore[misc]
        assert label.text() == "Verblijfsvergunning &sinds"
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        now = QApplication.focusWidget()
        assert now is not None and (now is field or field.isAncestorOf(now))
        window.hide()
    # every letter placed by hand in Nieuw dossier stays (a button shown with the form
    # took the G of "Geboortedatum" once the household no longer scrolled on its own)
    labels = field_labels()
    for key, field in new_case.fields.items():
        assert label_of(new_case, field).text() == labels[key]
