"""Filling an office database with a caseload directly (no HTTP, no per-case commit), so
tests can make pages of large caseloads cheaply. Each case gets its own sequence number,
as a push or an import would give it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import insert

from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.tables import Assignment, CaseRecord, FieldValue

from .laptop_sim import IDENTITY


def fill_caseload(
    office: Database, consultant: str, cases: int, extra_fields: int = 10
) -> list[str]:
    """Create ``cases`` cases on ``consultant``'s caseload, each with the identity fields
    and ``extra_fields`` notes, written by the office; returns their ids in seq order."""
    stamp = datetime.now(UTC).replace(tzinfo=None)
    ids = [str(uuid.uuid4()) for _ in range(cases)]
    with office.write() as session:
        counter = lock_counter(session)
        seqs = [counter.next() for _ in ids]
        session.execute(
            insert(CaseRecord),
            [
                {"id": i, "version": 1, "seq": s, "created_at": stamp, "updated_at": stamp}
                for i, s in zip(ids, seqs, strict=True)
            ],
        )
        session.execute(
            insert(Assignment),
            [
                {"case_id": i, "consultant": consultant, "assigned_seq": s, "assigned_at": stamp}
                for i, s in zip(ids, seqs, strict=True)
            ],
        )
        fields = {**IDENTITY, **{f"intake.note{n}": f"notitie {n}" for n in range(extra_fields)}}
        session.execute(
            insert(FieldValue),
            [
                {
                    "case_id": i,
                    "key": key,
                    "value": canonical_json(value),
                    "version": 1,
                    "seq": s,
                    "device_id": None,
                    "updated_at": stamp,
                }
                for i, s in zip(ids, seqs, strict=True)
                for key, value in fields.items()
            ],
        )
    return ids
