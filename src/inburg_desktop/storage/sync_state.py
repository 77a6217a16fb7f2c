"""What the vault remembers about syncing: device identity, cursor, conflicts, quarantine.

The device's private key is kept in the vault's settings, so it is encrypted with
everything else and leaves with nothing but the vault.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from inburg_desktop.storage.changes import apply_patch, dumps, now
from inburg_desktop.storage.stale_writes import LOCAL_CONFLICT
from inburg_desktop.storage.tables import (
    CaseRow,
    ConflictRow,
    OutboxRow,
    PushedVersionRow,
    QuarantineRow,
    SettingRow,
    SyncBaseRow,
)

DEVICE_KEYS = ("sync.server_url", "sync.device_id", "sync.consultant", "sync.private_key")
CURSOR = "sync.cursor"
LAST_SYNC = "sync.last_sync"


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(SettingRow, key)
    return default if row is None else json.loads(row.value)


def set_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(SettingRow, key)
    if row is None:
        session.add(SettingRow(key=key, value=dumps(value)))
    else:
        row.value = dumps(value)


@dataclass(frozen=True)
class Enrollment:
    server_url: str
    device_id: str
    consultant: str
    private_key_b64: str


def enrollment(session: Session) -> Enrollment | None:
    values = [get_setting(session, key) for key in DEVICE_KEYS]
    if any(not isinstance(v, str) for v in values):
        return None
    return Enrollment(*values)


def save_enrollment(session: Session, enrolled: Enrollment) -> None:
    for key, value in zip(
        DEVICE_KEYS,
        (enrolled.server_url, enrolled.device_id, enrolled.consultant, enrolled.private_key_b64),
        strict=True,
    ):
        set_setting(session, key, value)
    set_setting(session, CURSOR, 0)


@dataclass(frozen=True)
class Conflict:
    case_id: str
    field_key: str
    office_value: Any
    laptop_value: Any
    office_version: int
    local: bool = False
    """Kept on this laptop (a stale screen's edit, ``stale_writes``): ``office_value`` is
    then what the case held when the edit came, not necessarily the office's value."""
    device_id: str | None = None
    """The device whose value ``laptop_value`` is, as the office says (``FieldConflict``)."""
    office_device_id: str | None = None
    """The device that wrote ``office_value`` (``None``: office staff)."""
    office_consultant: str | None = None
    laptop_consultant: str | None = None
    office_changed_at: datetime | None = None
    """When the office's value was written at the office (UTC), as the office said."""
    laptop_changed_at: datetime | None = None
    """When the laptop's value reached the office (UTC), as the office said; for this
    laptop's own value :func:`replace_conflicts` keeps when it was typed instead."""
    office_device_label: str | None = None
    laptop_device_label: str | None = None
    """The office's names for the two devices, as the office said: kept by device in
    :data:`DEVICE_LABELS` (the conflict rows need no column for them)."""


DEVICE_LABELS = "sync.device_labels"
"""Setting: the office's label of each device whose value this laptop holds in a conflict
(device id -> label, ``inburg-office enroll --label``), so the conflict view names "laptop
2" (usability round 6 #12). Learned from conflicts; the newest label of a device wins."""

MAX_DEVICE_LABELS = 500
"""Devices whose label is kept at most (a municipality's laptops, with room to spare)."""


def device_labels(session: Session) -> dict[str, str]:
    """:data:`DEVICE_LABELS`: device id -> label (only text values)."""
    stored = get_setting(session, DEVICE_LABELS, {})
    if not isinstance(stored, dict):
        return {}
    return {k: v for k, v in stored.items() if isinstance(k, str) and isinstance(v, str)}


def _note_device_labels(session: Session, found: Collection[Conflict]) -> None:
    known = device_labels(session)
    before = dict(known)
    for item in found:
        for device, label in (
            (item.office_device_id, item.office_device_label),
            (item.device_id, item.laptop_device_label),
        ):
            if device and label:
                known.pop(device, None)
                known[device] = label  # newest last: the oldest go first beyond the bound
    if known != before:
        kept = dict(list(known.items())[-MAX_DEVICE_LABELS:])
        set_setting(session, DEVICE_LABELS, kept)


def conflicts(session: Session, case_id: str | None = None) -> list[Conflict]:
    stmt = select(ConflictRow).order_by(ConflictRow.case_id, ConflictRow.field_key)
    if case_id is not None:
        stmt = stmt.where(ConflictRow.case_id == case_id)
    return [
        Conflict(
            row.case_id,
            row.field_key,
            json.loads(row.office_value),
            json.loads(row.laptop_value),
            row.office_version,
            local=row.op_id == LOCAL_CONFLICT,
            device_id=row.device_id,
            office_device_id=row.office_device_id,
            office_consultant=row.office_consultant,
            laptop_consultant=row.laptop_consultant,
        )
        for row in session.scalars(stmt)
    ]


def replace_conflicts(
    session: Session,
    case_id: str,
    found: list[Conflict],
    op_id: int,
    *,
    whole_list: bool = True,
) -> None:
    """The office's list of open conflicts of a case replaces the local one; a conflict
    kept on this laptop (``stale_writes.LOCAL_CONFLICT``: a stale screen's edit, unknown
    to the office) stays unless the office now lists the same field.

    ``whole_list=False`` for the answer to one pushed op, which names the conflicts of
    that op's fields only: it replaces those fields' conflicts and leaves the case's
    others as they are. (Replacing the whole list there dropped the conflicts an earlier
    op of the same case had just made, with the moment the consultant typed them and
    their common base; the pull brought them back without either: "Wanneer: niet
    bekend" and no base in the conflict view, usability round 4 #7.)"""
    _note_device_labels(session, found)
    listed = [item.field_key for item in found]
    # when this laptop's own value was typed is known only while its outbox entry is
    # here: kept when the office lists the same conflict again (the pull that follows)
    earlier = {
        (key, laptop): at
        for key, laptop, at in session.execute(
            select(
                ConflictRow.field_key, ConflictRow.laptop_value, ConflictRow.laptop_changed_at
            ).where(ConflictRow.case_id == case_id, ConflictRow.field_key.in_(listed))
        )
        if at is not None
    }
    stale: ColumnElement[bool] = ConflictRow.field_key.in_(listed)
    if whole_list:
        stale = (ConflictRow.op_id != LOCAL_CONFLICT) | stale
    session.execute(delete(ConflictRow).where(ConflictRow.case_id == case_id, stale))
    bases: dict[str, str] = {}
    if listed:
        stmt = select(SyncBaseRow.field_key, SyncBaseRow.value).where(
            SyncBaseRow.case_id == case_id, SyncBaseRow.field_key.in_(listed)
        )
        bases = {key: value for key, value in session.execute(stmt)}
    typed = _typed_at(session, op_id, listed)
    own_device = get_setting(session, DEVICE_KEYS[1])
    for item in found:
        session.add(
            ConflictRow(
                case_id=case_id,
                field_key=item.field_key,
                office_value=dumps(item.office_value),
                office_version=item.office_version,
                laptop_value=dumps(item.laptop_value),
                op_id=op_id,
                created_at=now(),
                base_value=bases.get(item.field_key),
                device_id=item.device_id,
                office_device_id=item.office_device_id,
                office_consultant=item.office_consultant,
                laptop_consultant=item.laptop_consultant,
                office_changed_at=item.office_changed_at,
                laptop_changed_at=_laptop_changed_at(item, typed, own_device)
                or earlier.get((item.field_key, dumps(item.laptop_value))),
            )
        )


def _typed_at(session: Session, op_id: int, keys: Collection[str]) -> dict[str, datetime]:
    """When this laptop's outbox entry ``op_id`` was written, for each of ``keys`` it
    holds: the moment the consultant typed the value (the entry leaves the outbox in the
    transaction that records the conflict, so it is still there)."""
    row = session.get(OutboxRow, op_id) if op_id > 0 else None
    if row is None:
        return {}
    try:
        patch = json.loads(row.patch)
    except ValueError:
        return {}
    if not isinstance(patch, dict):
        return {}
    return {key: row.created_at for key in keys if key in patch}


def _laptop_changed_at(
    item: Conflict, typed: dict[str, datetime], own_device: object
) -> datetime | None:
    """This laptop's own value: when it was typed here (unknown once its entry left the
    outbox: better no time than the time it reached the office, said as typed). Another
    device's value: when it reached the office, as the office said."""
    if item.device_id is None or item.device_id == own_device:
        return typed.get(item.field_key)
    return item.laptop_changed_at


def drop_settled_bases(session: Session, case_ids: Collection[str]) -> None:
    """Forget the common bases (``SyncBaseRow``) of fields of ``case_ids`` that have no
    unsent change and no open conflict left: the office and this laptop agree again, so a
    later change starts from a new base. One query per kind, whatever the number."""
    if not case_ids:
        return
    pending: set[tuple[str, str]] = set()
    for case_id, patch_text in session.execute(
        select(OutboxRow.case_id, OutboxRow.patch).where(OutboxRow.case_id.in_(case_ids))
    ):
        try:
            patch = json.loads(patch_text)
        except ValueError:
            continue
        if isinstance(patch, dict):
            pending.update((case_id, str(key)) for key in patch)
    open_conflicts = select(ConflictRow.case_id, ConflictRow.field_key).where(
        ConflictRow.case_id.in_(case_ids)
    )
    pending.update((case_id, key) for case_id, key in session.execute(open_conflicts))
    for row in session.scalars(select(SyncBaseRow).where(SyncBaseRow.case_id.in_(case_ids))):
        if (row.case_id, row.field_key) not in pending:
            session.delete(row)


def resolve_conflict(session: Session, case_id: str, field_key: str, chosen: Any) -> None:
    """The consultant's choice (or merge) becomes the field's value and syncs back as a
    resolution; the conflict is closed locally at once."""
    resolve_conflicts(session, case_id, {field_key: chosen})


def resolve_conflicts(session: Session, case_id: str, chosen: Mapping[str, Any]) -> None:
    """Several conflicts of one case resolved together (field key → chosen value): one
    change and one op, so the office receives them as a whole (the steps of one
    enforcement record depend on each other: ``services.conflicts``)."""
    case = session.get(CaseRow, case_id)
    assert case is not None
    keys = sorted(chosen)
    apply_patch(session, case_id, dict(chosen), resolves=keys)
    session.execute(
        delete(ConflictRow).where(ConflictRow.case_id == case_id, ConflictRow.field_key.in_(keys))
    )


def next_op_id(session: Session) -> int:
    """The op id the office should expect first from this vault: the oldest unsent op, or
    the outbox's next number (SQLite AUTOINCREMENT never reuses one)."""
    pending = session.scalar(select(func.min(OutboxRow.op_id)))
    if pending is not None:
        return int(pending)
    used = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")).scalar()
    return int(used or 0) + 1


def set_outbox_sequence(session: Session, last_op_id: int) -> None:
    """Make the outbox number its next entry ``last_op_id + 1``.

    Only for the sync engine after it rewrote the tail of the outbox around an op the
    office can never have received (so no id from there on is known to the office).
    """
    session.execute(
        text("UPDATE sqlite_sequence SET seq = :seq WHERE name = 'outbox'"),
        {"seq": last_op_id},
    )


Direction = Literal["push", "pull"]


@dataclass(frozen=True)
class QuarantineEntry:
    """One thing sync set aside (see ``tables.QuarantineRow``)."""

    id: int
    direction: Direction
    case_id: str
    error: str
    created_at: datetime
    op_id: int | None = None
    field_keys: tuple[str, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)
    message: str = ""
    detail: Mapping[str, Any] = field(default_factory=dict)
    sent_at: datetime | None = None


def _loads(text_value: str, default: Any) -> Any:
    try:
        return json.loads(text_value)
    except ValueError:
        return default


def _entry(row: QuarantineRow) -> QuarantineEntry:
    keys = _loads(row.field_keys, [])
    values = _loads(row.patch, None)
    detail = _loads(row.detail, {})
    return QuarantineEntry(
        id=row.id,
        direction="pull" if row.direction == "pull" else "push",
        case_id=row.case_id,
        error=row.error,
        created_at=row.created_at,
        op_id=row.op_id,
        field_keys=tuple(str(k) for k in keys) if isinstance(keys, list) else (),
        # An unreadable outbox entry is kept as its raw text under "".
        values=values if isinstance(values, dict) else {"": row.patch},
        message=row.message,
        detail=detail if isinstance(detail, dict) else {},
        sent_at=row.sent_at,
    )


def quarantine(session: Session) -> list[QuarantineEntry]:
    """Everything set aside, oldest first."""
    stmt = select(QuarantineRow).order_by(QuarantineRow.created_at, QuarantineRow.id)
    return [_entry(row) for row in session.scalars(stmt)]


def quarantine_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(QuarantineRow)) or 0)


def add_quarantine(
    session: Session,
    direction: Direction,
    case_id: str,
    values: Mapping[str, Any] | str,
    error: str,
    *,
    op_id: int | None = None,
    field_keys: Collection[str] = (),
    message: str = "",
    detail: Mapping[str, Any] | None = None,
    once: bool = False,
) -> None:
    """Set something aside. ``values``: the fields concerned (or an unreadable raw text).

    A pull entry replaces an earlier pull entry of the same case and fields, so a case
    that arrives again, still unusable, is listed once (with the newest values). ``once``:
    an entry with the same direction, case, error and values replaces the earlier one (a
    thing tried again at every sync is listed once).
    """
    keys = sorted(field_keys)
    if once:
        clear_quarantine(session, direction, case_id, error, values)
    if direction == "pull":
        session.execute(
            delete(QuarantineRow).where(
                QuarantineRow.direction == "pull",
                QuarantineRow.case_id == case_id,
                QuarantineRow.field_keys == dumps(keys),
            )
        )
    session.add(
        QuarantineRow(
            direction=direction,
            op_id=op_id,
            case_id=case_id[:64],
            field_keys=dumps(keys),
            patch=values if isinstance(values, str) else dumps(dict(values)),
            error=error[:100],
            message=message,
            detail=dumps(dict(detail or {})),
            created_at=now(),
        )
    )


def clear_quarantine(
    session: Session,
    direction: Direction,
    case_id: str,
    error: str,
    values: Mapping[str, Any] | str,
) -> None:
    """Drop the entries of exactly this thing (it went through after all)."""
    session.execute(
        delete(QuarantineRow).where(
            QuarantineRow.direction == direction,
            QuarantineRow.case_id == case_id,
            QuarantineRow.error == error,
            QuarantineRow.patch == (values if isinstance(values, str) else dumps(dict(values))),
        )
    )


def clear_pull_quarantine(session: Session, case_id: str, applied: Collection[str]) -> None:
    """The office sent usable values: drop the pull entries they settle (those whose
    fields all arrived now, and the case-level ones, since the case is now here)."""
    for row in session.scalars(
        select(QuarantineRow).where(
            QuarantineRow.direction == "pull", QuarantineRow.case_id == case_id
        )
    ):
        keys = _loads(row.field_keys, [])
        if not keys or (isinstance(keys, list) and set(keys) <= set(applied)):
            session.delete(row)


def mark_quarantine_sent(session: Session, ids: Collection[int], when: datetime) -> None:
    """Note that the entries ``ids`` were sent to the office at ``when``."""
    for row in session.scalars(select(QuarantineRow).where(QuarantineRow.id.in_(ids))):
        row.sent_at = when


OFFICE_REFUSED = "office_refused"
"""``detail`` key of an entry whose report the office refused on its own merits (422 or
413 for the entry: ``{"code": the office's error code, "at": ISO UTC}``): kept here, not
sent again (sending it again gets the same answer). In ``detail`` rather than a column: an
older version reads the entry as before."""


def mark_quarantine_refused(session: Session, entry_id: int, code: str, when: datetime) -> None:
    """Note that the office refused the report of entry ``entry_id`` with ``code`` at
    ``when`` (:data:`OFFICE_REFUSED`); the entry stays as it is otherwise."""
    row = session.get(QuarantineRow, entry_id)
    if row is None:
        return
    detail = _loads(row.detail, {})
    if not isinstance(detail, dict):
        detail = {}
    detail[OFFICE_REFUSED] = {"code": code[:100], "at": when.isoformat(timespec="seconds")}
    row.detail = dumps(detail)


def note_pushed_version(session: Session, case_id: str, version: int) -> None:
    """Note that this laptop holds what its pushes of ``case_id`` made up to office
    ``version`` (never lowers what is noted). The case must be held here."""
    if version <= 0:
        return
    row = session.get(PushedVersionRow, case_id)
    if row is None:
        session.add(PushedVersionRow(case_id=case_id, version=version))
    elif version > row.version:
        row.version = version


def pushed_versions(session: Session, case_ids: Collection[str]) -> dict[str, int]:
    """:func:`note_pushed_version`'s value of each of ``case_ids`` held here (0 when none
    was noted); a case this vault does not hold is absent. One query."""
    ids = list(case_ids)
    if not ids:
        return {}
    return {
        str(case_id): int(version or 0)
        for case_id, version in session.execute(
            select(CaseRow.id, PushedVersionRow.version)
            .outerjoin(PushedVersionRow, PushedVersionRow.case_id == CaseRow.id)
            .where(CaseRow.id.in_(ids))
        )
    }
