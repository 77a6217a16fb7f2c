"""Dossiergegevens (issue 11, item 3): the residence basis and the other facts the law's
rules turn on are editable in the case; the dialog shows what they mean before saving,
refuses what cannot be right, and the case list and intake header follow a save."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.case import ResidenceBasis
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.case_table_model import COL_DOELGROEP, COL_PIP_DEADLINE, ROW_ROLE
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.main_window import MainWindow

from .law_cases import LAW_CASES, add_law_cases

TODAY = date(2026, 4, 15)
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ZATERDAG = next(i for i, c in enumerate(LAW_CASES) if c.name == "Zaterdag")  # basis unknown


@pytest.fixture
def ids(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_law_cases(session)


def _row_of(main: MainWindow, case_id: str) -> int:
    return next(
        r
        for r in range(main.proxy.rowCount())
        if main.proxy.data(main.proxy.index(r, 0), ROW_ROLE).id == case_id
    )


def test_residence_basis_edited_in_the_case_changes_the_plicht(
    qtbot: QtBot, vault: OpenVault, ids: list[str]
) -> None:
    case_id = ids[ZATERDAG]
    main = MainWindow(vault)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() == len(LAW_CASES))
    row = _row_of(main, case_id)
    doelgroep = main.proxy.index(row, COL_DOELGROEP)
    assert "⚠" in str(main.proxy.data(doelgroep))  # residence basis unknown: a warning
    assert "verblijfsgrond is niet vastgelegd" in str(main.proxy.data(doelgroep, TOOLTIP))
    main.table.selectRow(row)
    main.details_action.trigger()
    dialog = main.details_dialog
    assert isinstance(dialog, CaseDetailsDialog)
    qtbot.addWidget(dialog)
    assert "inburgeringsplichtig" in dialog.status.text()
    assert "De verblijfsgrond is niet vastgelegd" in dialog.status.text()
    # EU citizen's family member: not plichtig (Wet art. 3 lid 2 b), shown before saving
    dialog.basis.setCurrentIndex(dialog.basis.findData(ResidenceBasis.EU_FAMILIELID.value))
    assert "niet inburgeringsplichtig" in dialog.status.text()
    assert "Wet art. 3 lid 2 b" in dialog.status.text()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    with vault.session() as session:
        assert get_case(session, case_id).case.person.residence_basis is (
            ResidenceBasis.EU_FAMILIELID
        )

    def shown() -> str:
        return str(main.proxy.data(main.proxy.index(_row_of(main, case_id), COL_DOELGROEP)))

    qtbot.waitUntil(lambda: "niet plichtig" in shown())


def test_impossible_values_are_refused_in_words(
    qtbot: QtBot, vault: OpenVault, ids: list[str]
) -> None:
    case_id = ids[ZATERDAG]  # born 1961-01-31
    dialog = CaseDetailsDialog(vault, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.permit.edit, "1-1-1960")
    assert not dialog.save_button.isEnabled()
    assert "vóór de geboortedatum" in dialog.notice.text()
    dialog.permit.edit.clear()
    qtbot.keyClicks(dialog.permit.edit, "16-04-2026")
    assert "in de toekomst" in dialog.notice.text()
    dialog.permit.edit.selectAll()
    qtbot.keyClick(dialog.permit.edit, Qt.Key.Key_Delete)  # empty: no date
    assert dialog.save_button.isEnabled()
    dialog.waiting.setChecked(True)  # a wait needs its reason (Besluit art. 5.3 lid 2)
    assert not dialog.save_button.isEnabled()
    assert "reden" in dialog.notice.text()
    dialog.reject()
    with vault.session() as session:
        assert get_case(session, case_id).case.person.permit_since is None


def test_waiting_for_a_third_party_from_the_intake(
    qtbot: QtBot, vault: OpenVault, ids: list[str]
) -> None:
    case_id = ids[ZATERDAG]
    window = IntakeWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.stored is not None)
    assert "30 mei 2026" in window.case_status.text()
    window.details_button.click()
    dialog = window.details_dialog
    qtbot.addWidget(dialog)
    dialog.waiting.setChecked(True)
    qtbot.keyClicks(dialog.reden, "Medisch advies van de GGD")
    dialog.asked.edit.selectAll()
    qtbot.keyClicks(dialog.asked.edit, "10-4-2026")
    assert "wacht op informatie van een derde" in dialog.status.text()
    assert "Besluit art. 5.3 lid 2" in dialog.status.text()
    with qtbot.waitSignal(window.loaded, timeout=10000):
        dialog.save_button.click()
    assert "wacht op informatie van een derde" in window.case_status.text()
    main = MainWindow(vault)
    qtbot.addWidget(main)
    qtbot.waitUntil(lambda: main.model.rowCount() == len(LAW_CASES))
    index = main.proxy.index(_row_of(main, case_id), COL_PIP_DEADLINE)
    assert main.proxy.data(index) == "wacht op derde"
    assert "Besluit art. 5.3 lid 2" in str(main.proxy.data(index, TOOLTIP))
    assert not [w for w in QApplication.topLevelWidgets() if w is dialog and w.isVisible()]


VOORLOPIG = next(i for i, c in enumerate(LAW_CASES) if c.name == "Voorlopig")  # no PIP, late
STATIA = next(i for i, c in enumerate(LAW_CASES) if c.name == "Statia")  # ontzorgen over


def _dialog(qtbot: QtBot, vault: OpenVault, case_id: str) -> CaseDetailsDialog:
    dialog = CaseDetailsDialog(vault, case_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_nationality_is_named_not_coded(qtbot: QtBot, vault: OpenVault, ids: list[str]) -> None:
    """Usability round 2 finding 13: "de nationaliteit SYR" in a sentence."""
    text = _dialog(qtbot, vault, ids[STATIA]).status.text()
    assert "nationaliteit Syrië" in text
    assert "SYR" not in text


def test_a_passed_deadline_is_flagged_in_words(
    qtbot: QtBot, vault: OpenVault, ids: list[str]
) -> None:
    """Usability round 2 finding 13: a PIP deadline weeks ago looked like any other date."""
    late = _dialog(qtbot, vault, ids[VOORLOPIG]).status.text()
    assert "verstreken: PIP nog niet vastgesteld" in late and "⚠" in late
    over = _dialog(qtbot, vault, ids[STATIA]).status.text()
    assert "afgelopen" in over  # ontzorgen ended 28 Feb 2025
    assert "verstreken" not in over  # its PIP was set; the termijn runs until 2028
    on_time = _dialog(qtbot, vault, ids[ZATERDAG]).status.text()
    assert "verstreken" not in on_time and "⚠" not in on_time
