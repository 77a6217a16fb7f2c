"""The household travels as one list field (issue 13): a laptop's members reach the office
and the consultant's other laptop; the same field changed on both sides is a conflict that
keeps both lists, listed with its kind, and the chosen list syncs back."""

from __future__ import annotations

from datetime import date

from inburg_desktop.domain.household import Gezinslid, Relatie
from inburg_desktop.server.db import Database
from inburg_desktop.services import household
from inburg_desktop.services.conflicts import list_conflicts, resolve
from inburg_desktop.services.household import HOUSEHOLD_KEY
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from .test_laptops_office import (
    office_conflicts,
    office_fields,
    one_case_on_two_laptops,
    sync,
)

TODAY = date(2026, 4, 15)
PARTNER = Gezinslid(Relatie.PARTNER, naam="Omar", inburgeringsplichtig=True, v_nummer="2222222222")
LINA = Gezinslid(Relatie.KIND, naam="Lina", geboortedatum=date(2025, 2, 1))


def _members(vault: OpenVault, case_id: str) -> tuple[Gezinslid, ...]:
    return household.load(vault, case_id)[1].members


def _save(vault: OpenVault, case_id: str, members: list[Gezinslid]) -> None:
    stored, _view = household.load(vault, case_id)
    saved = household.save(vault, case_id, members, TODAY, loaded=stored)
    assert saved.changed


def test_household_round_trip_and_conflict(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    one, two = vault, second_vault
    _consultant, case = one_case_on_two_laptops(server, office, one, two)
    # imported at the office: the handover's household shows on both laptops
    assert [m.relatie for m in _members(two, case)] == [Relatie.KIND]

    _save(one, case, [PARTNER, LINA])
    assert sync(one).conflicts == 0
    assert office_fields(office, case)[HOUSEHOLD_KEY] == [
        {
            "relation": "partner",
            "name": "Omar",
            "inburgeringsplichtig": True,
            "v_nummer": "2222222222",
        },
        {"relation": "kind", "name": "Lina", "date_of_birth": "2025-02-01"},
    ]
    sync(two)
    assert _members(two, case) == (PARTNER, LINA)

    # both laptops change the members before syncing: a conflict, both lists kept
    _save(one, case, [PARTNER])
    _save(two, case, [PARTNER, LINA, Gezinslid(Relatie.OUDER, naam="Fatima")])
    sync(one)
    assert sync(two).conflicts == 1
    (conflict,) = list_conflicts(two)
    assert conflict.field_key == HOUSEHOLD_KEY and conflict.kind.kind == "household"
    assert household.stored_text(conflict.office_value) == (
        "Partner: Omar, ook inburgeringsplichtig (V 2222222222)"
    )
    assert household.stored_text(conflict.laptop_value).endswith("\nOuder: Fatima")
    assert len(_members(two, case)) == 1  # the office's list stays until one is chosen

    resolve(two, case, HOUSEHOLD_KEY, conflict.laptop_value)
    assert sync(two).conflicts == 0
    assert office_conflicts(office, case) == []
    sync(one)
    assert [m.naam for m in _members(one, case)] == ["Omar", "Lina", "Fatima"]
