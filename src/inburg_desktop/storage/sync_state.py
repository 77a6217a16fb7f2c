"""What the vault remembers about syncing: device identity, cursor, conflicts, quarantine.

The device's private key is kept in the vault's settings, so it is encrypted with
everything else and leaves with nothing but the vault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from inburg_desktop.storage.changes import apply_patch, dumps, now
from inburg_desktop.storage.tables import (
    CaseRow,
    ConflictRow,
    OutboxRow,
    QuarantineRow,
    SettingRow,
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
        )
        for row in session.scalars(stmt)
    ]


def replace_conflicts(session: Session, case_id: str, found: list[Conflict], op_id: int) -> None:
    """The office's list of open conflicts of a case replaces the local one."""
    session.execute(delete(ConflictRow).where(ConflictRow.case_id == case_id))
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
            )
        )


def resolve_conflict(session: Session, case_id: str, field_key: str, chosen: Any) -> None:
    """The consultant's choice (or merge) becomes the field's value and syncs back as a
    resolution; the conflict is closed locally at once."""
    case = session.get(CaseRow, case_id)
    assert case is not None
    apply_patch(session, case_id, {field_key: chosen}, resolves=[field_key])
    session.execute(
        delete(ConflictRow).where(
            ConflictRow.case_id == case_id, ConflictRow.field_key == field_key
        )
    )


def next_op_id(session: Session) -> int:
    """The op id the office should expect first from this vault: the oldest unsent op, or
    the outbox's next number (SQLite AUTOINCREMENT never reuses one)."""
    pending = session.scalar(select(func.min(OutboxRow.op_id)))
    if pending is not None:
        return int(pending)
    used = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'")).scalar()
    return int(used or 0) + 1


def quarantine(session: Session) -> list[QuarantineRow]:
    return list(session.scalars(select(QuarantineRow).order_by(QuarantineRow.op_id)))
