"""Every date field of the PIP editor says what date it is, on screen (usability round 3,
finding 4: the second date by "Besluit Participatiewet" showed only "geen datum"): a
visible label whose buddy is the field, or the label of its own form row."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.pip import PipEditorWindow

TODAY = date(2026, 11, 2)


def _labelled(field: DateInput) -> bool:
    window = field.window()
    for label in window.findChildren(QLabel):
        if label.buddy() in (field, field.edit) and label.isVisible() and label.text().strip():
            return True
    for form in window.findChildren(QFormLayout):
        row_label = form.labelForField(field)
        if isinstance(row_label, QLabel) and row_label.isVisible() and row_label.text().strip():
            return True
    return False


def test_every_date_of_the_pip_editor_has_a_label(qtbot: QtBot, vault: OpenVault) -> None:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    window.form.ontzorgen_on.setChecked(True)
    window.plan.afspraken.add_row(None)
    unlabelled: list[str] = []
    seen = 0
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        for field in window.findChildren(DateInput):
            if field.isVisible():
                seen += 1
                if not _labelled(field):
                    unlabelled.append(field.objectName() or field.edit.accessibleName())
    assert seen >= 3
    assert unlabelled == []
