"""Decisions taken before the laptop was enrolled reach the office (attack round 7,
findings 8 and 13).

A consultant who starts before their laptop is enrolled decides fines and sets PIPs as
"this vault's own consultant" (``kluis-<uuid>``); the office binds a decision to the
consultant of the pushing laptop and refused those for good, while the laptop went on
showing them as taken. Enrolling re-attributes the decisions still waiting in the outbox
to the account, in the outbox entry and in the vault alike. Real flow: the services the
windows use, ``sync_round.enroll`` and a real office (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from inburg_desktop.demo.vault_fill import add_cases
from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import consulent, handhaving, sync_round
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.transport import SyncClient

from ..conftest import LiveServer
from ..sync.test_laptops_office import new_consultant, office_fields, sync, vault_fields

D = date.fromisoformat
# The office bounds enforcement dates by its own clock (not after its day) and by the
# case's BRP registration (attack round 7, finding 3): the demo cases are made around
# the real today, the violation and decision days just before it.
TODAY = date.today()
FOUND = TODAY - timedelta(days=2)
DECIDED = TODAY - timedelta(days=1)
MOMENT = datetime.combine(DECIDED, time(9, 0), tzinfo=UTC)


def _deciders(fields: dict[str, Any]) -> dict[str, str]:
    """Every decision's decider id, by field key."""
    out: dict[str, str] = {}
    for key, value in fields.items():
        if records.KEY.fullmatch(key) and key.endswith(".besluit") and value:
            out[key] = value["door"]["id"]
        elif key.startswith("pip.version.") and value.get("vastgesteld_door"):
            out[key] = value["vastgesteld_door"]["consulent_id"]
    return out


def test_decisions_taken_before_enrollment_reach_the_office_as_the_accounts(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consulent.save_name(vault, "Sanne de Vries")
    cases = add_cases(vault, 8, today=TODAY)
    given = OvertredingInput(
        Overtreding.PVT_INTENSITEIT, FOUND, "Niet bij het PVT.", Verwijtbaarheid.OPZET
    )
    case = cases[0]
    (record,) = handhaving.record_violation(vault, case, given, TODAY).records
    handhaving.decide(vault, case, record.id, BesluitInput(True, 50_00, "", DECIDED), MOMENT)
    before = {c: _deciders(vault_fields(vault, c)) for c in cases}
    own = {d for found in before.values() for d in found.values()}
    assert len(own) == 1 and next(iter(own)).startswith("kluis-")
    assert sum(len(found) for found in before.values()) >= 2  # the fine and a set PIP

    consultant = new_consultant("voor-inschrijving")
    code, _ = admin.create_enrollment_code(office, consultant)
    sync_round.enroll(vault, server.url, code)
    with vault.session() as session:
        pending = [json.loads(p) for p in session.scalars(select(OutboxRow.patch))]
    assert not any(own & set(_deciders(p).values()) for p in pending)

    summary = sync(vault)
    assert summary.quarantined == 0
    with vault.session() as session:
        assert quarantine(session) == []
    for c in cases:
        at_office = _deciders(office_fields(office, c))
        assert set(at_office) == set(before[c])
        assert set(at_office.values()) <= {consultant}
        assert _deciders(vault_fields(vault, c)) == at_office
    # the decision keeps when it was taken; its printed decider is the account's office
    # name, which the office binds to the pushing consultant (attack round 7, finding 4)
    besluit = office_fields(office, case)[records.key(record.id, "besluit")]
    assert besluit["door"]["naam"] == consultant
    assert besluit["door"]["tijdstip"] == MOMENT.isoformat()


def test_a_decomposed_name_in_the_enroll_answer_is_shown_stored_and_attributed_in_nfc(
    vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding 13: an office that answers the consultant decomposed; the enroll message
    printed it as answered (``Jose\\u0301 Ruiz``), while the vault stored the NFC form."""
    answer = {
        "device_id": "4f1c2b9e-8a4d-4c7e-9a51-2b3c4d5e6f70",
        "consultant": unicodedata.normalize("NFD", "José Ruiz"),
        "server_time": 1_796_000_000,
        "protocol_version": 1,
    }
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=answer))
    monkeypatch.setattr(sync_round, "SyncClient", partial(SyncClient, transport=transport))
    consulent.save_name(vault, "José Ruiz")
    (case,) = add_cases(vault, 1, today=TODAY)
    given = OvertredingInput(
        Overtreding.PVT_INTENSITEIT, FOUND, "Niet bij het PVT.", Verwijtbaarheid.OPZET
    )
    (record,) = handhaving.record_violation(vault, case, given, TODAY).records
    handhaving.decide(vault, case, record.id, BesluitInput(True, 50_00, "", DECIDED), MOMENT)
    enrolled = sync_round.enroll(vault, "https://office.test", "ABCD-EFGH-JKMN-PQRS-TVWX")
    assert enrolled.consultant == "José Ruiz" and enrolled.name_replaced is None
    assert _deciders(vault_fields(vault, case)) == {records.key(record.id, "besluit"): "José Ruiz"}
