"""The consultant sees the unsent work kept from a case that left the caseload: the sync
summary says so, and the 'Apart gezet' list names the case by its kept label."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from inburg_desktop.services.sync_round import RoundReport
from inburg_desktop.storage.sync_state import add_quarantine
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.caseload_exit import CASE_LABEL, LEFT_CASELOAD
from inburg_desktop.ui.quarantine_view import QuarantineView
from inburg_desktop.ui.sync_window import summary_text


def test_the_summary_says_unsent_work_was_kept() -> None:
    text = summary_text(RoundReport(purged=1, quarantined=1, kept_unsent=1, quarantine_open=1))
    assert "niet meer op uw lijst" in text and "bewaard onder ‘Apart gezet’" in text
    assert "bewaard" not in summary_text(RoundReport(purged=1))


def test_the_list_names_a_case_no_longer_on_the_laptop(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        add_quarantine(
            session,
            "push",
            "0b0e7e4e-0000-4000-8000-000000000001",
            {"intake.gezondheid.notes": "notitie"},
            LEFT_CASELOAD,
            op_id=3,
            field_keys=["intake.gezondheid.notes"],
            detail={"what": "change", CASE_LABEL: "Amal Haddad (V 1234567890)"},
        )
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.items.count() == 1)  # read off the GUI thread
    assert view.items.item(0).text().startswith("Amal Haddad (V 1234567890)")
    assert "nog niet naar kantoor verstuurd" in view.reason.text()
    assert "notitie" in view.values.toPlainText()
