"""Dossiergegevens say a refused date at the field itself, not only in the bar above
(issue 13, item 2): the consultant sees which of four dates is wrong, and the dialog
writes nothing while it is."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog

from .law_cases import LAW_CASES, add_law_cases

TODAY = date(2026, 4, 15)
ZATERDAG = next(i for i, c in enumerate(LAW_CASES) if c.name == "Zaterdag")  # born 1961


def test_a_refused_date_is_said_beneath_its_field(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        case_id = add_law_cases(session)[ZATERDAG]
        before = get_case(session, case_id).case.dates.duo_kennisgeving
    dialog = CaseDetailsDialog(vault, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kennisgeving.edit.selectAll()
    qtbot.keyClicks(dialog.kennisgeving.edit, "1-1-1960")
    assert dialog.kennisgeving.message.isVisible()
    assert "vóór de geboortedatum" in dialog.kennisgeving.message.text()
    assert not dialog.permit.message.isVisible()  # only the field that is wrong
    assert not dialog.save_button.isEnabled()
    dialog.kennisgeving.edit.selectAll()
    qtbot.keyClick(dialog.kennisgeving.edit, Qt.Key.Key_Delete)
    assert not dialog.kennisgeving.message.isVisible()
    assert dialog.save_button.isEnabled()
    dialog.reject()
    with vault.session() as session:
        assert get_case(session, case_id).case.dates.duo_kennisgeving == before
