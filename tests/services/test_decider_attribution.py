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
    """The vault named its consultant as the office does but in capitals: the decisions
    take the account's id and keep the name they were printed with (attack round 8,
    finding 12: it was renamed silently), which the office takes as the same person's."""
    consultant = new_consultant("voor-inschrijving")
    typed = consultant.upper()
    consulent.save_name(vault, typed)
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

    code, _ = admin.create_enrollment_code(office, consultant)
    enrolled = sync_round.enroll(vault, server.url, code)
    assert enrolled.name_replaced is None and enrolled.decisions_other_name == ()
    assert enrolled.name_other_form == typed  # said, not silently kept
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
    # the decision keeps when it was taken and the name it was printed with: history
    besluit = office_fields(office, case)[records.key(record.id, "besluit")]
    assert besluit["door"]["naam"] == typed
    assert besluit["door"]["tijdstip"] == MOMENT.isoformat()


@pytest.mark.parametrize("typed", ["Piet Jansen", "VOOR-INSCHRIJVING-X"])
def test_a_decision_printed_with_another_name_is_never_renamed(
    server: LiveServer, office: Database, vault: OpenVault, typed: str
) -> None:
    """Attack round 8, finding 12: a decision taken as "Piet Jansen" became the account's,
    printed under its name. Another person's name (not the account's in another form,
    ``safe_text.name_key``) is left as it was and named in the enrollment's result; the
    office refuses it, and it is set aside for the consultant to decide again."""
    consulent.save_name(vault, typed)
    (case,) = add_cases(vault, 1, today=TODAY)
    given = OvertredingInput(
        Overtreding.PVT_INTENSITEIT, FOUND, "Niet bij het PVT.", Verwijtbaarheid.OPZET
    )
    (record,) = handhaving.record_violation(vault, case, given, TODAY).records
    handhaving.decide(vault, case, record.id, BesluitInput(True, 50_00, "", DECIDED), MOMENT)
    key = records.key(record.id, "besluit")
    before = vault_fields(vault, case)[key]
    consultant = new_consultant("voor-inschrijving")
    code, _ = admin.create_enrollment_code(office, consultant)
    enrolled = sync_round.enroll(vault, server.url, code)
    assert typed in enrolled.decisions_other_name
    assert enrolled.name_replaced == typed
    assert vault_fields(vault, case)[key] == before
    with vault.session() as session:
        pending = [json.loads(p) for p in session.scalars(select(OutboxRow.patch))]
    assert [p[key] for p in pending if key in p] == [before]
    assert sync(vault).quarantined >= 1
    assert key not in office_fields(office, case)


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
