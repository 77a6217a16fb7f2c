"""Receiving what a laptop set aside (``POST /v1/set-aside``) and listing it for staff.

A laptop sets aside what it could not send or apply (its quarantine: the unsent edits of
a case the office took off the caseload, changes the office refused, records it could not
use). The consultant sends that list here so office staff can act on it: each entry is
stored once per device and local id (a report sent again stores nothing twice) under the
consultant the device belongs to. Entries may name cases that are no longer on that
consultant's caseload: that is the point (the case left while work on it was unsent).
Nothing of an entry reaches a log line: counts only.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.protocol.messages import SetAsideReceipt, SetAsideReport
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database
from inburg_desktop.server.errors import ApiError
from inburg_desktop.server.tables import SetAside

log = logging.getLogger(__name__)

MAX_HELD_PER_DEVICE = 1000
"""Set-aside entries the office holds for one device at most. A laptop sets aside a
handful (a case that left with unsent edits, a refused change); a thousand is far beyond
a consultant's caseload and bounds what one device can store here (attack round 2: a
device filled 823 MB in 30 s by sending new local ids). Beyond it the report is refused
with 429 ``set_aside_full`` and staff are asked to look at what is held."""


def receive(session: Session, who: AuthedDevice, report: SetAsideReport) -> SetAsideReceipt:
    """Store the report's new entries in the caller's transaction; the receipt lists
    every entry's local id (new or already held)."""
    ids = [entry.local_id for entry in report.entries]
    held = set(
        session.scalars(
            select(SetAside.local_id).where(
                SetAside.device_id == who.id, SetAside.local_id.in_(ids)
            )
        )
    )
    new = len(set(ids) - held)
    if new:
        count = session.scalar(
            select(func.count()).select_from(SetAside).where(SetAside.device_id == who.id)
        )
        if (count or 0) + new > MAX_HELD_PER_DEVICE:
            log.warning("set-aside report refused: device=%s holds %s", who.id, count)
            raise ApiError(
                429,
                "set_aside_full",
                "The office holds as many set-aside entries of this device as it will; "
                "ask office staff to look at them (inburg-office apart-gezet).",
            )
    stamp = utcnow()
    added = 0
    for entry in report.entries:
        if entry.local_id in held:
            continue
        held.add(entry.local_id)
        session.add(
            SetAside(
                device_id=who.id,
                consultant=who.consultant,
                local_id=entry.local_id,
                case_id=entry.case_id,
                case_label=entry.case_label,
                direction=entry.direction,
                error=entry.error,
                reason=entry.reason,
                fields=canonical_json(entry.fields),
                set_aside_at=entry.set_aside_at,
                received_at=stamp,
            )
        )
        added += 1
    log.info("set-aside report device=%s entries=%d new=%d", who.id, len(ids), added)
    return SetAsideReceipt(received=ids)


def list_set_aside(db: Database) -> list[dict[str, Any]]:
    """Every entry received, oldest first, for ``inburg-office apart-gezet``."""
    with db.read() as session:
        rows = session.scalars(select(SetAside).order_by(SetAside.id)).all()
        return [
            {
                "consultant": row.consultant,
                "device_id": row.device_id,
                "case_id": row.case_id,
                "case_label": row.case_label,
                "direction": row.direction,
                "error": row.error,
                "reason": row.reason,
                "fields": json.loads(row.fields),
                "set_aside_at": row.set_aside_at,
                "received_at": row.received_at.isoformat(timespec="seconds"),
            }
            for row in rows
        ]
