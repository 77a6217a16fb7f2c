"""The vault's outbox as ops the office accepts: checked, split, or set aside before a push.

New outbox entries are already within the protocol's limits (``storage.changes`` checks
and splits every local change). This module is for entries written before that, or by a
bug: a value over 256 KiB, a key the protocol refuses (a handover note key with a space),
more than 500 fields in one op, an identity field the office's field rules refuse
(``protocol.field_rules``: the office would refuse the whole op), or an unreadable entry.
Such an entry must not stop the rest of the outbox, so its unusable fields are set aside
in the quarantine (kept in the vault, shown to the consultant, exportable for the office)
and the rest goes.

Renumbering: op ids must reach the office without gaps, and an op the office already holds
must never change. An op the protocol refuses was refused by the office too (it validates
every batch as a whole, in one transaction, with the same models), and since the office
stores op ids only in order, no later op can have been stored either. So from the first
entry that has to change, the tail of the outbox is rewritten and numbered on from that
entry's id; everything before it stays exactly as it was.

Nothing here puts a field value into a log line or an exception: problems are described
by error type, op id and field key only.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.protocol.canonical import canonical_json, json_depth
from inburg_desktop.protocol.field_rules import FieldRefused, check_field
from inburg_desktop.protocol.messages import (
    MAX_BODY_BYTES,
    MAX_FIELDS_PER_OP,
    MAX_VALUE_BYTES,
    MAX_VALUE_DEPTH,
    CaseId,
    FieldKey,
    Op,
    op_size,
)
from inburg_desktop.storage.changes import split_patch
from inburg_desktop.storage.sync_state import add_quarantine, set_outbox_sequence
from inburg_desktop.storage.tables import OutboxRow

log = logging.getLogger(__name__)

_FIELD_KEY: TypeAdapter[str] = TypeAdapter(FieldKey)
_CASE_ID: TypeAdapter[str] = TypeAdapter(CaseId)
# Keys whose values the office's field rules check beyond the protocol's models.
IDENTITY_PREFIXES = ("person.", "dates.", "doelgroep")
# Room for the push request's own JSON around a lone op.
_BODY_OVERHEAD = 64


def validation_codes(exc: ValidationError) -> list[dict[str, Any]]:
    """A pydantic error as locations and types only: its messages and ``input_value`` may
    repeat the refused value (a V-number, a note), which must never reach a log."""
    return [
        {"loc": [str(part) for part in err.get("loc", ())], "type": str(err.get("type", ""))}
        for err in exc.errors(include_url=False, include_input=False, include_context=False)[:20]
    ]


def field_problem(key: str, value: Any) -> tuple[str, dict[str, Any]] | None:
    """Why the office refuses this field, with what is known about it, or ``None``.

    ``bad_key``, ``too_deep`` (``{"depth", "limit"}`` in levels) and ``too_large``
    (``{"bytes", "limit"}``) are the protocol's limits; ``invalid_field``
    (``{"problem": <key of protocol.field_rules.PROBLEMS>}``) is an identity field the
    office's field rules refuse (a nationality that is not ISO 3166-1 alpha-3, a name with
    a text-direction override, an unknown ``person.*`` key, ...). Never the value itself.
    """
    try:
        _FIELD_KEY.validate_python(key, strict=True)
    except ValidationError:
        return "bad_key", {}
    depth = json_depth(value)
    if depth > MAX_VALUE_DEPTH:
        return "too_deep", {"depth": depth, "limit": MAX_VALUE_DEPTH}
    size = len(canonical_json(value).encode("utf-8"))
    if size > MAX_VALUE_BYTES:
        return "too_large", {"bytes": size, "limit": MAX_VALUE_BYTES}
    return _identity_problem(key, value)


def _identity_problem(key: str, value: Any) -> tuple[str, dict[str, Any]] | None:
    """The office's identity-field rules (``protocol.field_rules``), applied before the
    push, so an op never carries a field the office would refuse the whole op for. Only
    identity keys: every other key is fully checked by the protocol's models."""
    if not key.startswith(IDENTITY_PREFIXES):
        return None
    try:
        check_field(key, value)
    except FieldRefused as exc:
        return exc.error, {"problem": exc.problem}
    return None


@dataclass
class _Aside:
    error: str
    values: dict[str, Any] | str
    keys: list[str]
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Part:
    patch: dict[str, Any]
    resolves: list[str]


@dataclass
class _Plan:
    parts: list[_Part]
    asides: list[_Aside]
    op: Op | None = None  # the entry as it is, when it may go unchanged


@dataclass(frozen=True)
class _Tail:
    """An outbox entry to write again (with a new op id) in the rewritten tail; ``patch``
    and ``resolves`` are its stored JSON texts."""

    case_id: str
    base_version: int
    created_at: datetime
    patch: str
    resolves: str

    @classmethod
    def of(cls, row: OutboxRow, part: _Part) -> _Tail:
        return cls(
            row.case_id,
            row.base_version,
            row.created_at,
            canonical_json(part.patch),
            canonical_json(part.resolves),
        )


def _make_op(op_id: int, case_id: str, base_version: int, part: _Part) -> Op:
    return Op(
        op_id=op_id,
        case_id=case_id,
        base_version=base_version,
        patch=part.patch,
        resolves=part.resolves,
    )


def _read(row: OutboxRow) -> tuple[dict[str, Any], list[str]] | None:
    try:
        patch = json.loads(row.patch)
        resolves = json.loads(row.resolves)
    except ValueError:
        return None
    if not isinstance(patch, dict) or not isinstance(resolves, list):
        return None
    return patch, [str(key) for key in resolves]


def _plan(row: OutboxRow) -> _Plan:
    """What one outbox entry becomes: the same op, parts of it, and what is set aside."""
    read = _read(row)
    if read is None:
        return _Plan([], [_Aside("unreadable", row.patch, [])])
    patch, resolves = read
    # Nearly always: the entry is a valid op that fits a request, and goes as it is.
    try:
        op = _make_op(row.op_id, row.case_id, row.base_version, _Part(patch, resolves))
    except ValidationError:
        pass
    else:
        if op_size(op) <= MAX_BODY_BYTES - _BODY_OVERHEAD and not any(
            _identity_problem(key, value) for key, value in patch.items()
        ):
            return _Plan([_Part(patch, resolves)], [], op=op)
    try:
        _CASE_ID.validate_python(row.case_id, strict=True)
    except ValidationError:
        return _Plan([], [_Aside("bad_case_id", patch, sorted(patch))])
    asides: dict[str, _Aside] = {}
    good: dict[str, Any] = {}
    for key, value in patch.items():
        problem = field_problem(key, value)
        if problem is None:
            good[key] = value
            continue
        code, sizes = problem
        aside = asides.setdefault(code, _Aside(code, {}, [], {"fields": {}}))
        assert isinstance(aside.values, dict)
        aside.values[key] = value
        aside.keys.append(key)
        if sizes:
            aside.detail["fields"][key] = sizes
    if not good:
        return _Plan([], list(asides.values()))
    kept_resolves = [key for key in resolves if key in good]
    whole = _Part(good, kept_resolves)
    parts = [whole]
    if len(good) > MAX_FIELDS_PER_OP:
        parts = [_Part(p, r) for p, r in split_patch(good, kept_resolves)]
    else:
        try:
            op = _make_op(row.op_id, row.case_id, row.base_version, whole)
        except ValidationError:
            pass  # looked at part by part below
        else:
            if op_size(op) > MAX_BODY_BYTES - _BODY_OVERHEAD:
                parts = [_Part(p, r) for p, r in split_patch(good, kept_resolves)]
    checked: list[_Part] = []
    for part in parts:
        try:
            _make_op(row.op_id, row.case_id, row.base_version, part)
        except ValidationError as exc:
            # Something the checks above do not know (a newer protocol rule): the part
            # cannot go as it is, so it waits in the quarantine with what was refused.
            asides.setdefault(
                "invalid_op", _Aside("invalid_op", {}, [], {"errors": validation_codes(exc)})
            )
            aside = asides["invalid_op"]
            assert isinstance(aside.values, dict)
            aside.values.update(part.patch)
            aside.keys.extend(part.patch)
        else:
            checked.append(part)
    return _Plan(checked, list(asides.values()))


def _rewrite_tail(session: Session, start: int, tail: list[_Tail]) -> None:
    """Replace every outbox entry from op id ``start`` on by ``tail``, numbered on from
    ``start``, and make the outbox continue after the last of them."""
    for old in session.scalars(select(OutboxRow).where(OutboxRow.op_id >= start)).all():
        session.delete(old)
    session.flush()
    for offset, item in enumerate(tail):
        session.add(
            OutboxRow(
                op_id=start + offset,
                case_id=item.case_id,
                base_version=item.base_version,
                patch=item.patch,
                created_at=item.created_at,
                resolves=item.resolves,
            )
        )
        session.flush()  # in op-id order
    set_outbox_sequence(session, start + len(tail) - 1)


def _quarantine(session: Session, row: OutboxRow, aside: _Aside) -> None:
    add_quarantine(
        session,
        "push",
        row.case_id,
        aside.values,
        aside.error,
        op_id=row.op_id,
        field_keys=aside.keys,
        detail=aside.detail,
    )


def prepare_outbox(session: Session) -> tuple[list[Op], int]:
    """Every outbox entry as a valid op, in op-id order, after setting aside (in the
    caller's transaction) whatever the protocol refuses; returns the ops and how many
    quarantine entries were added."""
    rows = list(session.scalars(select(OutboxRow).order_by(OutboxRow.op_id)))
    ops: list[Op] = []
    start: int | None = None
    tail: list[tuple[OutboxRow, _Part]] = []
    added = 0
    for row in rows:
        plan = _plan(row)
        if start is None and plan.op is not None:
            ops.append(plan.op)
            continue
        if start is None:
            start = row.op_id
        for aside in plan.asides:
            _quarantine(session, row, aside)
            added += 1
        tail.extend((row, part) for part in plan.parts)
    if start is None:
        return ops, 0
    new_ops = [
        _make_op(start + offset, row.case_id, row.base_version, part)
        for offset, (row, part) in enumerate(tail)
    ]
    _rewrite_tail(session, start, [_Tail.of(row, part) for row, part in tail])
    ops.extend(new_ops)
    log.warning(
        "outbox: %d entries set aside, ops renumbered from %d (%d ops follow)",
        added,
        start,
        len(tail),
    )
    return ops, added


def set_aside_refused(
    session: Session, op_id: int, error: str, message: str, detail: Mapping[str, Any]
) -> bool:
    """The office refused a lone op as a whole (it stored nothing of it): set the entry
    aside and number the rest of the outbox on from its id. False if it is gone already."""
    row = session.get(OutboxRow, op_id)
    if row is None:
        return False
    read = _read(row)
    values: dict[str, Any] | str = row.patch if read is None else read[0]
    keys = [] if read is None else sorted(read[0])
    add_quarantine(
        session,
        "push",
        row.case_id,
        values,
        error,
        op_id=op_id,
        field_keys=keys,
        message=message,
        detail=detail,
    )
    later = list(
        session.scalars(select(OutboxRow).where(OutboxRow.op_id > op_id).order_by(OutboxRow.op_id))
    )
    tail = [
        _Tail(item.case_id, item.base_version, item.created_at, item.patch, item.resolves)
        for item in later
    ]
    _rewrite_tail(session, op_id, tail)
    log.warning("outbox: op %d refused by the office as a whole (%s), set aside", op_id, error)
    return True


@dataclass(frozen=True)
class TakenOp:
    """An outbox entry taken out unsent: its old op id and its stored JSON patch text."""

    op_id: int
    patch: str
    created_at: datetime


def take_case_ops(session: Session, case_id: str) -> list[TakenOp]:
    """Remove every outbox entry of ``case_id`` (in the caller's transaction) and number
    the rest of the outbox on without gaps; returns the removed entries, oldest first.

    Only for entries the office cannot have stored: the sync engine calls it in the pull,
    after the push of the same round emptied the outbox of everything it had sent, so what
    is left was written since and never went out.
    """
    mine = list(
        session.scalars(
            select(OutboxRow).where(OutboxRow.case_id == case_id).order_by(OutboxRow.op_id)
        )
    )
    if not mine:
        return []
    start = mine[0].op_id
    later = [
        _Tail(row.case_id, row.base_version, row.created_at, row.patch, row.resolves)
        for row in session.scalars(
            select(OutboxRow)
            .where(OutboxRow.op_id > start, OutboxRow.case_id != case_id)
            .order_by(OutboxRow.op_id)
        )
    ]
    taken = [TakenOp(row.op_id, row.patch, row.created_at) for row in mine]
    _rewrite_tail(session, start, later)
    return taken
