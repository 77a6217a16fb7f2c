"""A repeated audit request costs the office a fixed number of reads, whatever its size
(review of ``audit_trail.receive``: a laptop retrying after a lost answer sent back every
entry the office held, and each cost its own SELECT, as did each chain). Counted with
SQLAlchemy's ``before_cursor_execute`` on the office's own engine, SQLite and
PostgreSQL."""

from __future__ import annotations

import uuid

import pytest

from inburg_desktop.protocol.messages import AuditPush, AuditReceipt, AuditRecord
from inburg_desktop.server import admin
from inburg_desktop.server.audit_trail import receive
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import Database

from ..statements import selects
from .test_audit_receive import HANDOVER, _chain, _stored

READS_PER_REQUEST = 3
"""The caseload check, the chains of the request, the entries it may repeat."""


def _send_counted(
    office: Database, who: AuthedDevice, records: list[AuditRecord]
) -> tuple[AuditReceipt, int]:
    with selects(office.engine) as seen, office.write() as session:
        answer = receive(session, who, AuditPush(entries=records))
    return answer, len(seen)


@pytest.mark.parametrize("size", [4, 40])
def test_a_retried_request_reads_the_same_whatever_its_size(office: Database, size: int) -> None:
    consultant = f"consulent-{uuid.uuid4().hex[:8]}"
    cases = [admin.import_handover(office, HANDOVER, consultant) for _ in range(2)]
    who = AuthedDevice(id=str(uuid.uuid4()), consultant=consultant)
    chains = {case_id: _chain(case_id, who.id, size) for case_id in cases}
    half = [AuditRecord(**e.to_json()) for c in cases for e in chains[c][: size // 2]]
    first, _ = _send_counted(office, who, half)
    assert first.refused == []
    everything = [AuditRecord(**e.to_json()) for c in cases for e in chains[c]]
    again, reads = _send_counted(office, who, everything)  # the lost answer's entries again
    assert again.refused == []
    assert sorted(h.seq for h in again.heads) == [size, size]
    assert all(_stored(office, case_id) == size for case_id in cases)
    assert reads <= READS_PER_REQUEST


def test_the_same_entry_twice_in_one_request_is_held(office: Database) -> None:
    """Read before the loop, the entries held still include those the request adds."""
    consultant = f"consulent-{uuid.uuid4().hex[:8]}"
    case_id = admin.import_handover(office, HANDOVER, consultant)
    who = AuthedDevice(id=str(uuid.uuid4()), consultant=consultant)
    entries = [AuditRecord(**e.to_json()) for e in _chain(case_id, who.id, 3)]
    answer, _ = _send_counted(office, who, [*entries[:2], entries[1], entries[2]])
    assert answer.refused == [] and answer.heads[0].seq == 3
    assert _stored(office, case_id) == 3
