"""The demo shows several municipalities (issue 16 item 5): the seed's three gemeenten
published as the office's list in the demo vault, the demo consultant working for two of
them, the demo cases spread over those two; a vault with an office keeps its own."""

from __future__ import annotations

from collections import Counter
from datetime import date

from inburg_desktop.demo.vault_fill import DEMO_ACCOUNT, add_cases
from inburg_desktop.services.case_list import case_rows
from inburg_desktop.services.gemeenten import consultant_gemeenten
from inburg_desktop.storage.vault import OpenVault

from ..gemeente_office import publish

TODAY = date(2026, 11, 30)


def test_the_demo_vault_has_three_gemeenten_and_its_consultant_two(vault: OpenVault) -> None:
    add_cases(vault, 12, today=TODAY)
    keuze = consultant_gemeenten(vault)
    assert keuze.office is not None
    assert [g.naam for g in keuze.office.kantoor.gemeenten] == [
        "Voorschoten",
        "Wassenaar",
        "Leidschendam-Voorburg",
    ]
    assert [g.naam for g in keuze.eigen] == ["Voorschoten", "Wassenaar"] and keuze.kiezen
    rows = case_rows(vault, TODAY)
    assert Counter(row.gemeente_naam for row in rows) == {"Voorschoten": 6, "Wassenaar": 6}
    add_cases(vault, 12, today=TODAY)  # run twice: nothing changes
    assert consultant_gemeenten(vault) == keuze


def test_a_vault_with_an_office_list_keeps_it(vault: OpenVault) -> None:
    publish(vault, "GM1916")
    add_cases(vault, 3, today=TODAY)
    keuze = consultant_gemeenten(vault)
    assert [g.code for g in keuze.eigen] == ["GM1916"]
    assert {row.gemeente for row in case_rows(vault, TODAY)} == {"GM1916"}
    assert DEMO_ACCOUNT not in str(keuze)
