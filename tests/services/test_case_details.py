"""Editing the facts the law's rules turn on (services/case_details.py): residence basis,
permit date, DUO's kennisgeving, a move (Besluit art. 5.3 lid 3) and a wait for a third
party (lid 2). Only what changed is written, as one patch the office sync carries; a value
that cannot be right is refused, naming the field, and nothing is written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.domain.case import ResidenceBasis, WachtenOpDerde
from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.messages import error_text
from inburg_desktop.services import case_details as service
from inburg_desktop.services.case_status import case_status
from inburg_desktop.storage.cases import WACHTEN_KEY, get_case, import_handover
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 4, 15)
D = date.fromisoformat
HANDOVER = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    with vault.transaction() as session:
        return import_handover(session, parse_handover(HANDOVER))


def _ops(vault: OpenVault) -> list[dict[str, object]]:
    with vault.session() as session:
        return [json.loads(o.patch) for o in session.scalars(select(OutboxRow))]


def test_save_writes_only_what_changed_as_one_op(vault: OpenVault, case_id: str) -> None:
    before = len(_ops(vault))
    details = service.CaseDetails(
        residence_basis=ResidenceBasis.ASIEL,
        permit_since=D("2026-01-10"),
        duo_kennisgeving=D("2026-02-20"),  # unchanged: from the handover
        wachten_op_derde=WachtenOpDerde("Medisch advies GGD", D("2026-04-01")),
    )
    with vault.transaction() as session:
        assert service.save_details(session, case_id, details, TODAY).changed
    ops = _ops(vault)
    assert len(ops) == before + 1
    assert ops[-1] == {
        "person.residence_basis": "asiel",
        "person.permit_since": "2026-01-10",
        WACHTEN_KEY: {"reden": "Medisch advies GGD", "sinds": "2026-04-01", "ontvangen": None},
    }
    with vault.session() as session:
        stored = get_case(session, case_id)
        status = case_status(stored, TODAY).as_json()
    assert service.details_of(stored) == details
    assert status["residence_basis"] == "asiel" and status["permit_since"] == "2026-01-10"
    # Besluit art. 5.3 lid 2: waiting, no date until the information arrives
    assert status["deadlines"]["pip_deadline"] is None
    assert [w["code"] for w in status["warnings"]] == ["pip_deadline_waiting"]
    with vault.transaction() as session:  # nothing changed: nothing written
        assert not service.save_details(session, case_id, details, TODAY).changed
    assert len(_ops(vault)) == before + 1


def test_a_move_and_clearing_values(vault: OpenVault, case_id: str) -> None:
    with vault.transaction() as session:
        service.save_details(
            session,
            case_id,
            service.CaseDetails(brp_after_move=D("2026-04-01"), duo_kennisgeving=None),
            TODAY,
        )
    with vault.session() as session:
        status = case_status(get_case(session, case_id), TODAY).as_json()
    # Besluit art. 5.3 lid 3: 10 weeks after the registration here
    assert status["deadlines"]["pip_deadline"] == "2026-06-10"
    assert status["deadlines"]["pip_deadline_basis"] == "brp_after_move"
    assert _ops(vault)[-1] == {"dates.duo_kennisgeving": None, "dates.brp_after_move": "2026-04-01"}


@pytest.mark.parametrize(
    ("details", "field", "words"),
    [
        (service.CaseDetails(permit_since=D("1990-01-01")), "permit_since", "geboortedatum"),
        (service.CaseDetails(permit_since=D("2026-04-16")), "permit_since", "toekomst"),
        (service.CaseDetails(duo_kennisgeving=D("2027-01-01")), "duo_kennisgeving", "toekomst"),
        (service.CaseDetails(brp_after_move=D("2026-03-01")), "brp_after_move",
         "eerste BRP-inschrijving"),
        (service.CaseDetails(wachten_op_derde=WachtenOpDerde("x" * 501, D("2026-04-01"))),
         "wachten_op_derde", "500"),
    ],
)  # fmt: skip
def test_impossible_values_are_refused_and_nothing_is_written(
    vault: OpenVault, case_id: str, details: service.CaseDetails, field: str, words: str
) -> None:
    before = _ops(vault)
    with pytest.raises(service.DetailsRefused) as refused, vault.transaction() as session:
        service.save_details(session, case_id, details, TODAY)
    assert refused.value.field == field
    assert words in error_text(refused.value)
    assert _ops(vault) == before


def test_preview_computes_without_writing(vault: OpenVault, case_id: str) -> None:
    with vault.session() as session:
        stored = get_case(session, case_id)
    before = _ops(vault)
    eu = service.preview(stored, service.CaseDetails(ResidenceBasis.EU_FAMILIELID), TODAY)
    assert not eu.plicht.plichtig  # Wet art. 3 lid 2 b
    assert eu.plicht.codes[0] == "residence_eu_family"
    assert _ops(vault) == before
