"""The office checks each audit entry on arrival (issue 16 item 1): it takes an entry only
when it extends the chain it holds (``domain.audit.extends``); an edited entry, a gap, a
row out of order, another device's chain or a case off the caseload is refused and
reported, never silently accepted; a repeated request changes nothing."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inburg_desktop.domain.audit import Action, AuditEntry, append, compute_hash
from inburg_desktop.protocol.messages import AuditPush, AuditReceipt, AuditRecord
from inburg_desktop.server import admin
from inburg_desktop.server.audit_trail import case_trail, receive
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import AuditEntryRecord

HANDOVER = (Path(__file__).parents[1] / "data" / "handover-amal.json").read_bytes()
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _chain(
    case_id: str, device_id: str, n: int, start: AuditEntry | None = None
) -> list[AuditEntry]:
    out: list[AuditEntry] = []
    head = start
    for i in range(n):
        head = append(
            head,
            at=T0 + timedelta(minutes=len(out) + (0 if start is None else start.seq)),
            actor="Consulent Een",
            device_id=device_id,
            case_id=case_id,
            action=Action.VIEW if i % 2 else Action.CHANGE,
            part="pip" if i % 2 else "intake.opleiding",
        )
        out.append(head)
    return out


def _send(office: Database, who: AuthedDevice, entries: list[AuditEntry]) -> AuditReceipt:
    body = AuditPush(entries=[AuditRecord(**e.to_json()) for e in entries])
    with office.write() as session:
        return receive(session, who, body)


def _stored(office: Database, case_id: str) -> int:
    with office.read() as session:
        return int(
            session.scalar(select(func.count()).where(AuditEntryRecord.case_id == case_id)) or 0
        )


@pytest.fixture
def world(office: Database) -> tuple[str, AuthedDevice]:
    consultant = f"consulent-{uuid.uuid4().hex[:8]}"
    case_id = admin.import_handover(office, HANDOVER, consultant)
    return case_id, AuthedDevice(id=str(uuid.uuid4()), consultant=consultant)


def test_a_chain_is_taken_in_parts_and_a_repeat_changes_nothing(
    office: Database, world: tuple[str, AuthedDevice]
) -> None:
    case_id, who = world
    entries = _chain(case_id, who.id, 5)
    first = _send(office, who, entries[:3])
    assert first.refused == [] and [(h.seq, h.hash) for h in first.heads] == [(3, entries[2].hash)]
    again = _send(office, who, entries)  # 1-3 again (a lost answer), then 4-5
    assert again.refused == [] and again.heads[0].seq == 5
    assert _stored(office, case_id) == 5
    with office.read() as session:
        (chain,) = case_trail(session, case_id)
    assert chain.check.ok and chain.head is not None and chain.head.seq == 5
    assert list(chain.entries) == entries


@pytest.mark.parametrize("tamper", ["edited", "rehashed", "gap", "reordered", "copy"])
def test_an_entry_that_does_not_extend_the_chain_is_refused_with_the_rest_of_it(
    office: Database, world: tuple[str, AuthedDevice], tamper: str
) -> None:
    case_id, who = world
    entries = _chain(case_id, who.id, 5)
    _send(office, who, entries[:2])
    rest = entries[2:]
    if tamper == "edited":
        rest[0] = replace(rest[0], part="handhaving")  # the hash no longer matches
    elif tamper == "rehashed":
        changed = replace(rest[0], part="handhaving")
        rest[0] = replace(changed, hash=compute_hash(changed))  # links on, but 4 does not
        rest = rest[:1]
        held = _send(office, who, rest)
        assert held.refused == []  # alone, a re-hashed entry is indistinguishable
        broken = _send(office, who, entries[3:])
        assert [(r.seq, r.error) for r in broken.refused] == [
            (4, "audit_chain_broken"),
            (5, "audit_chain_broken"),
        ]
        return
    elif tamper == "gap":
        rest = rest[1:]
    elif tamper == "reordered":
        rest = [rest[1], rest[0], rest[2]]
    elif tamper == "copy":
        rest = [entries[1], *rest[1:]]
        rest[0] = replace(rest[0], seq=3)
    answer = _send(office, who, rest)
    assert answer.refused[0].error == "audit_chain_broken"
    assert [r.seq for r in answer.refused] == [r.seq for r in rest]
    assert "not taken" in answer.refused[0].message
    assert _stored(office, case_id) == 2  # nothing of it was kept
    with office.read() as session:
        (chain,) = case_trail(session, case_id)
    assert chain.check.ok and chain.head is not None and chain.head.seq == 2


def test_another_devices_chain_and_another_caseload_are_refused(
    office: Database, world: tuple[str, AuthedDevice]
) -> None:
    case_id, who = world
    entries = _chain(case_id, who.id, 2)
    _send(office, who, entries[:1])
    other = AuthedDevice(id=str(uuid.uuid4()), consultant=who.consultant)
    assert _send(office, other, entries[1:]).refused[0].error == "audit_chain_foreign"
    stranger = AuthedDevice(id=str(uuid.uuid4()), consultant="iemand-anders")
    theirs = _chain(case_id, stranger.id, 1)
    assert _send(office, stranger, theirs).refused[0].error == "case_not_found"
    nowhere = _chain("bestaat-niet", who.id, 1)
    refused = _send(office, who, nowhere).refused[0]
    assert (refused.error, refused.message) == ("case_not_found", "No such case.")
    assert _stored(office, case_id) == 1


def test_the_office_log_says_codes_and_counts_never_the_case(
    office: Database, world: tuple[str, AuthedDevice], caplog: pytest.LogCaptureFixture
) -> None:
    case_id, who = world
    entries = _chain(case_id, who.id, 2)
    _send(office, who, entries[1:])  # starts at 2: refused
    text = json.dumps([r.getMessage() for r in caplog.records])
    assert "audit_chain_broken 1" in text
    assert case_id not in text
