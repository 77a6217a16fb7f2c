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
from sqlalchemy import Row, func, or_, select
from sqlalchemy.orm import Session

from inburg_desktop.protocol.messages import CaseState, FieldConflict, FieldState, PullResponse
from inburg_desktop.server import fault_hooks
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import committed_seq
from inburg_desktop.server.errors import case_not_found
from inburg_desktop.server.push import conflict_messages
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
    after ``since`` except the ones this device wrote itself (:func:`_sent_back`). When the
    page is cut, the cursor stops just before the first item left out, so nothing at or
    below the cursor is ever skipped.

    The work per page does not grow with the caseload: a fixed number of statements
    (about ten, whatever ``limit`` and the caseload), each an index range from ``since``
    (keyset, never ``OFFSET``). Every change of a case also moves ``cases.seq`` to its
    number, so the first ``limit + 1`` cases by ``cases.seq`` bound the page: no case whose
    first change lies beyond that bound can be among the first ``limit + 1`` by first
    change, and only field and assignment rows up to it are read.
    """
    fault_hooks.reached("pull.begin", since)
    seq_now, floor = committed_seq(session)
    if since > seq_now or (since != 0 and since < floor):
        return PullResponse(cursor=0, more=True, refetch=True)
    mine = Assignment.consultant == who.consultant
    latest = session.execute(
        select(CaseRecord.id, CaseRecord.seq)
        .join(Assignment, Assignment.case_id == CaseRecord.id)
        .where(mine, CaseRecord.seq > since, CaseRecord.seq <= seq_now)
        .order_by(CaseRecord.seq)
        .limit(limit + 1)
    ).all()
    bound = int(latest[-1][1]) if len(latest) > limit else seq_now
    first: dict[str, int] = {}

    def seen(case_id: str, seq: int) -> None:
        if seq < first.get(case_id, seq + 1):
            first[case_id] = seq

    for case_id, seq in latest:
        seen(str(case_id), int(seq))
    # Field changes in the window, read by the seq index alone and then kept when the case
    # is on this caseload (by primary key): joined to the caseload at once, the planner
    # may read the whole caseload instead (PostgreSQL hashed every assignment).
    in_window = {
        str(case_id): int(seq)
        for case_id, seq in session.execute(
            select(FieldValue.case_id, func.min(FieldValue.seq))
            .where(FieldValue.seq > since, FieldValue.seq <= bound)
            .group_by(FieldValue.case_id)
        )
    }
    for case_id in in_caseload(session, who, in_window):
        seen(case_id, in_window[case_id])
    for case_id, seq in session.execute(
        select(Assignment.case_id, Assignment.assigned_seq).where(
            mine, Assignment.assigned_seq > since, Assignment.assigned_seq <= bound
        )
    ):
        seen(str(case_id), int(seq))
    case_rows = sorted((seq, case_id) for case_id, seq in first.items())[: limit + 1]
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
        [(seq, "case", case_id, "") for seq, case_id in case_rows]
        + [(int(seq), "removal", str(case_id), "") for seq, case_id in removal_rows]
        + [(int(seq), "setting", str(key), str(value)) for seq, key, value in setting_rows]
    )
    more = len(merged) > limit
    cursor = merged[limit][0] - 1 if more else seq_now
    page = merged[:limit]
    states = changed_cases(
        session, who, [name for _seq, kind, name, _value in page if kind == "case"], since
    )
    cases: list[CaseState] = []
    removals: list[str] = []
    settings: dict[str, JsonValue] = {}
    for _seq, kind, name, value in page:
        if kind == "case":
            cases.append(states[name])
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


def changed_cases(
    session: Session, who: AuthedDevice, case_ids: list[str], since: int
) -> dict[str, CaseState]:
    """The page's cases by id, in three statements whatever their number: versions and
    assignments, the fields to send, the open conflicts.

    A case assigned to this caseload after ``since`` is sent ``full`` (every field), unless
    fields this device wrote itself were left out (:func:`_sent_back`): then ``full`` is
    false, and a laptop that does not hold the case fetches it whole
    (``GET /v1/cases/{id}``), as it does for any partial update of a case it lacks.
    ``own_version`` names the highest version left out, so a laptop whose vault went back
    to before those pushes knows it lacks them and fetches the case whole as well.
    """
    if not case_ids:
        return {}
    heads = {
        str(case_id): (int(version), int(assigned_seq))
        for case_id, version, assigned_seq in session.execute(
            select(CaseRecord.id, CaseRecord.version, Assignment.assigned_seq)
            .join(Assignment, Assignment.case_id == CaseRecord.id)
            # Both sides by primary key: otherwise PostgreSQL hashed every assignment.
            .where(CaseRecord.id.in_(case_ids), Assignment.case_id.in_(case_ids))
        )
    }
    whole = [case_id for case_id, (_v, assigned_seq) in heads.items() if assigned_seq > since]
    changed = FieldValue.seq > since
    if whole:
        changed = or_(changed, FieldValue.case_id.in_(whole))
    fields: dict[str, dict[str, FieldState]] = {case_id: {} for case_id in case_ids}
    # Per case, the highest version of a field left out as this device's own: the laptop
    # compares it with what its acknowledged pushes produced (CaseState.own_version).
    left_out: dict[str, int] = {}
    for case_id, key, value, version, seq, device_id in session.execute(
        select(
            FieldValue.case_id,
            FieldValue.key,
            FieldValue.value,
            FieldValue.version,
            FieldValue.seq,
            FieldValue.device_id,
        )
        .where(FieldValue.case_id.in_(case_ids), changed)
        .order_by(FieldValue.case_id, FieldValue.key)
    ):
        if _sent_back(who, device_id, int(seq), heads[case_id][1]):
            left_out[case_id] = max(left_out.get(case_id, 0), int(version))
            continue
        fields[case_id][key] = FieldState(value=json.loads(value), version=int(version))
    conflicts: dict[str, list[FieldConflict]] = {case_id: [] for case_id in case_ids}
    rows = session.scalars(
        select(Conflict)
        .where(Conflict.case_id.in_(case_ids))
        .order_by(Conflict.case_id, Conflict.field_key)
    ).all()
    # with who wrote each side (two statements for the page, only when it has conflicts)
    for row, message in zip(rows, conflict_messages(session, rows), strict=True):
        conflicts[row.case_id].append(message)
    return {
        case_id: CaseState(
            case_id=case_id,
            version=heads[case_id][0],
            full=heads[case_id][1] > since and case_id not in left_out,
            fields=fields[case_id],
            conflicts=conflicts[case_id],
            own_version=left_out.get(case_id, 0),
        )
        for case_id in case_ids
    }


def _sent_back(who: AuthedDevice, device_id: str | None, seq: int, assigned_seq: int) -> bool:
    """Whether a field's value is one this device itself pushed while the case was on its
    caseload: the laptop holds it already (it wrote it before pushing it), so sending it
    back would only cost bytes (issue 14: the first sync downloaded every case it had just
    uploaded). A value written before the case's latest assignment is sent all the same:
    a laptop purges a case that leaves its caseload, so it needs those values again when
    the case comes back."""
    return device_id == who.id and seq >= assigned_seq


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
    ).all()
    return CaseState(
        case_id=case_id,
        version=version,
        full=full,
        fields=fields,
        conflicts=conflict_messages(session, conflicts),
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
