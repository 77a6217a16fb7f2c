"""An untouched household that a newer rule refuses (it came by sync from an office with
a weaker check, or by a handover) does not block saving another field of Dossiergegevens
(attack round 4, finding 2): the member it concerns says what is wrong, the save goes on,
and the household stays as it was. Edited, it is checked and blocks as before."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.changes import apply_patch
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog

from .law_cases import LAW_CASES, add_law_cases

TODAY = date(2026, 4, 15)
ZATERDAG = next(i for i, c in enumerate(LAW_CASES) if c.name == "Zaterdag")  # born 1961
TWO_REFERENTS = [{"relation": "referent", "name": "Omar"}, {"relation": "referent", "name": "Ali"}]


def _case_with_refused_household(vault: OpenVault) -> str:
    with vault.transaction() as session:
        case_id = add_law_cases(session)[ZATERDAG]
        # As a pull from an office with the weaker check stored it (no outbox entry).
        apply_patch(session, case_id, {"household": TWO_REFERENTS}, origin="remote")
    return case_id


def test_an_untouched_refused_household_says_its_member_and_blocks_no_save(
    qtbot: QtBot, vault: OpenVault
) -> None:
    case_id = _case_with_refused_household(vault)
    dialog = CaseDetailsDialog(vault, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    second = dialog.household.rows[1]
    assert second.problem.isVisible()
    assert "referent" in second.problem.text()
    assert dialog.save_button.isEnabled()

    dialog.kennisgeving.edit.selectAll()
    qtbot.keyClicks(dialog.kennisgeving.edit, "1-3-2026")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with vault.session() as session:
        stored = get_case(session, case_id)
    assert stored.case.dates.duo_kennisgeving == date(2026, 3, 1)
    assert stored.fields["household"] == TWO_REFERENTS


def test_an_edited_household_is_checked_and_blocks_the_save(qtbot: QtBot, vault: OpenVault) -> None:
    case_id = _case_with_refused_household(vault)
    dialog = CaseDetailsDialog(vault, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    name = dialog.household.rows[0].naam
    name.selectAll()
    qtbot.keyClicks(name, "Omar Haddad")
    assert not dialog.save_button.isEnabled()
    assert "referent" in dialog.household.rows[1].problem.text()
    dialog.reject()
