"""The identity fields the law's rules turn on travel like the others (issue 11): the
residence basis and permit date from a handover imported at the office or on a laptop,
and the consultant's edits of them, of a move (Besluit art. 5.3 lid 3) and of a wait for
a third party (lid 2), reach the office and the other laptop, where the rules give the
same answer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from inburg_desktop.domain.case import ResidenceBasis, WachtenOpDerde
from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import case_details
from inburg_desktop.services.case_status import case_status
from inburg_desktop.storage.cases import get_case, import_handover
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from .test_laptops_office import enroll_vault, new_consultant, office_fields, sync

HANDOVER = json.loads((Path(__file__).parents[1] / "data" / "handover-amal.json").read_text())
TODAY = date(2026, 4, 15)


def _status(vault: OpenVault, case_id: str) -> dict[str, Any]:
    with vault.session() as session:
        return case_status(get_case(session, case_id), TODAY).as_json()


def test_residence_basis_and_law_dates_sync_everywhere(
    server: LiveServer, office: Database, vault: OpenVault, second_vault: OpenVault
) -> None:
    one, two = vault, second_vault
    consultant = new_consultant()
    handover = dict(HANDOVER, person=dict(HANDOVER["person"], residence_basis="asiel",
                                          permit_since="2026-01-10"))  # fmt: skip
    at_office = admin.import_handover(office, json.dumps(handover).encode(), consultant)
    assert office_fields(office, at_office)["person.residence_basis"] == "asiel"
    enroll_vault(one, server.url, office, consultant)
    enroll_vault(two, server.url, office, consultant)
    with one.transaction() as session:
        on_laptop = import_handover(
            session,
            parse_handover(dict(handover, person=dict(handover["person"], permit_since=None))),
        )
    sync(one)
    sync(two)
    for laptop in (one, two):
        with laptop.session() as session:
            person = get_case(session, at_office).case.person
        assert person.residence_basis is ResidenceBasis.ASIEL
        assert person.permit_since == date(2026, 1, 10)
    # the consultant edits the facts on laptop two; laptop one and the office follow
    with two.transaction() as session:
        case_details.save_details(
            session,
            on_laptop,
            case_details.CaseDetails(
                residence_basis=ResidenceBasis.GEZIN,
                permit_since=date(2026, 1, 11),
                duo_kennisgeving=date(2026, 2, 20),
                brp_after_move=date(2026, 4, 1),
                wachten_op_derde=WachtenOpDerde("Advies GGD", date(2026, 4, 2)),
            ),
            TODAY,
        )
    sync(two)
    sync(one)
    fields = office_fields(office, on_laptop)
    assert fields["person.residence_basis"] == "gezin"
    assert fields["person.permit_since"] == "2026-01-11"
    assert fields["dates.brp_after_move"] == "2026-04-01"
    assert fields["pip.wachten_op_derde"]["reden"] == "Advies GGD"
    assert _status(one, on_laptop) == _status(two, on_laptop)
    shown = _status(one, on_laptop)
    assert shown["residence_basis"] == "gezin"
    assert shown["deadlines"]["pip_deadline"] is None
    assert [w["code"] for w in shown["warnings"]] == [
        "residence_basis_doelgroep",
        "pip_deadline_waiting",
    ]
