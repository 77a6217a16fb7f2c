"""Pull by cursor over a consultant's caseload: cases, removals, settings, open conflicts.

Cursors are values of the office's change counter. A page holds every change with a
sequence number in ``(since, cursor]``; the laptop applies it with its new cursor in one
transaction. A cursor older than the retained removals (the floor) or newer than the
counter gets ``refetch``: pull again from 0, which sends the whole caseload.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from pydantic import JsonValue
from sqlalchemy import Row, func, select, union_all
from sqlalchemy.orm import Session

from inburg_desktop.protocol.messages import CaseState, FieldState, PullResponse
from inburg_desktop.server import fault_hooks
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import committed_seq
from inburg_desktop.server.errors import case_not_found
from inburg_desktop.server.push import conflict_message
from inburg_desktop.server.tables import (
    Assignment,
    CaseRecord,
    Conflict,
    FieldValue,
    Removal,
    Setting,
)


def pull(session: Session, who: AuthedDevice, since: int, limit: int) -> PullResponse:
    """One page of changes for ``who``'s caseload after cursor ``since``.

    A case is ordered by the *earliest* change it has after ``since`` (a field, its
    assignment, or a case-level change such as a conflict), and sends every field changed
    after ``since``. When the page is cut, the cursor stops just before the first item left
    out, so nothing at or below the cursor is ever skipped.
    """
    fault_hooks.reached("pull.begin", since)
    seq_now, floor = committed_seq(session)
    if since > seq_now or (since != 0 and since < floor):
        return PullResponse(cursor=0, more=True, refetch=True)
    mine = Assignment.consultant == who.consultant
    changes = union_all(
        select(FieldValue.case_id.label("case_id"), FieldValue.seq.label("seq"))
        .join(Assignment, Assignment.case_id == FieldValue.case_id)
        .where(mine, FieldValue.seq > since, FieldValue.seq <= seq_now),
        select(CaseRecord.id.label("case_id"), CaseRecord.seq.label("seq"))
        .join(Assignment, Assignment.case_id == CaseRecord.id)
        .where(mine, CaseRecord.seq > since, CaseRecord.seq <= seq_now),
        select(Assignment.case_id.label("case_id"), Assignment.assigned_seq.label("seq")).where(
            mine, Assignment.assigned_seq > since, Assignment.assigned_seq <= seq_now
        ),
    ).subquery()
    first_change = func.min(changes.c.seq).label("first_change")
    case_rows = session.execute(
        select(changes.c.case_id, first_change)
        .group_by(changes.c.case_id)
        .order_by(first_change, changes.c.case_id)
        .limit(limit + 1)
    ).all()
    removal_rows: Sequence[Row[int, str]] = []
    if since > 0:
        removal_rows = session.execute(
            select(Removal.seq, Removal.case_id)
            .where(
                Removal.consultant == who.consultant,
                Removal.seq > since,
                Removal.seq <= seq_now,
            )
            .order_by(Removal.seq)
            .limit(limit + 1)
        ).all()
    setting_rows = session.execute(
        select(Setting.seq, Setting.key, Setting.value)
        .where(Setting.seq > since, Setting.seq <= seq_now)
        .order_by(Setting.seq)
        .limit(limit + 1)
    ).all()
    merged: list[tuple[int, str, str, str]] = sorted(
        [(int(seq), "case", str(case_id), "") for case_id, seq in case_rows]
        + [(int(seq), "removal", str(case_id), "") for seq, case_id in removal_rows]
        + [(int(seq), "setting", str(key), str(value)) for seq, key, value in setting_rows]
    )
    more = len(merged) > limit
    cursor = merged[limit][0] - 1 if more else seq_now
    cases: list[CaseState] = []
    removals: list[str] = []
    settings: dict[str, JsonValue] = {}
    for _seq, kind, name, value in merged[:limit]:
        if kind == "case":
            cases.append(_changed_case(session, name, since))
        elif kind == "removal":
            removals.append(name)
        else:
            settings[name] = json.loads(value)
    caseload = None
    if since == 0:
        caseload = sorted(session.scalars(select(Assignment.case_id).where(mine)))
    return PullResponse(
        cursor=cursor,
        more=more,
        cases=cases,
        removals=removals,
        settings=settings,
        caseload=caseload,
    )


def _changed_case(session: Session, case_id: str, since: int) -> CaseState:
    version, assigned_seq = session.execute(
        select(CaseRecord.version, Assignment.assigned_seq)
        .join(Assignment, Assignment.case_id == CaseRecord.id)
        .where(CaseRecord.id == case_id)
    ).one()
    return case_state(session, case_id, int(version), since, full=int(assigned_seq) > since)


def case_state(session: Session, case_id: str, version: int, since: int, full: bool) -> CaseState:
    stmt = select(FieldValue.key, FieldValue.value, FieldValue.version).where(
        FieldValue.case_id == case_id
    )
    if not full:
        stmt = stmt.where(FieldValue.seq > since)
    fields = {
        key: FieldState(value=json.loads(value), version=int(field_version))
        for key, value, field_version in session.execute(stmt.order_by(FieldValue.key))
    }
    conflicts = session.scalars(
        select(Conflict).where(Conflict.case_id == case_id).order_by(Conflict.field_key)
    )
    return CaseState(
        case_id=case_id,
        version=version,
        full=full,
        fields=fields,
        conflicts=[conflict_message(c) for c in conflicts],
    )


def visible_case(session: Session, who: AuthedDevice, case_id: str) -> CaseState:
    """A whole case in ``who``'s caseload; the same 404 whether it is elsewhere or nowhere."""
    row = session.execute(
        select(CaseRecord.version)
        .join(Assignment, Assignment.case_id == CaseRecord.id)
        .where(CaseRecord.id == case_id, Assignment.consultant == who.consultant)
    ).first()
    if row is None:
        raise case_not_found()
    return case_state(session, case_id, int(row[0]), 0, True)


def in_caseload(session: Session, who: AuthedDevice, case_ids: Iterable[str]) -> set[str]:
    ids = list(case_ids)
    return set(
        session.scalars(
            select(Assignment.case_id).where(
                Assignment.case_id.in_(ids), Assignment.consultant == who.consultant
            )
        )
    )
