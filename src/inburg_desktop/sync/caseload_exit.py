"""A case leaving this laptop's caseload, without losing what was done on it here.

Data minimisation (AVG art. 5(1)(c)) says a case the office moved to another consultant,
or closed, leaves the laptop. But work done offline on it that never reached the office
(unsent outbox entries, attachments not yet uploaded, changes the office refused and that
were set aside) exists nowhere else: deleting it would lose a consultant's notes silently.
So before the case goes, that work moves into the quarantine ("Apart gezet"), where the
consultant sees it and can export it for the office. Each entry keeps the case's label
(name and V-number) in its detail, inside the encrypted vault only, so the list and the
export still say whose case it was after the case itself is gone.

What the office sent and this laptop could not apply (pull entries) is the office's own
data, which it still holds: that leaves with the case.

No value and no label reaches a log line here: counts only.
"""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.case_label import case_label as domain_case_label
from inburg_desktop.storage.changes import dumps
from inburg_desktop.storage.sync_state import add_quarantine
from inburg_desktop.storage.tables import (
    AttachmentRow,
    CaseRow,
    PushedVersionRow,
    QuarantineRow,
    SyncBaseRow,
)
from inburg_desktop.sync.outbox import take_case_ops

log = logging.getLogger(__name__)

LEFT_CASELOAD = "case_left_caseload"
"""Quarantine code of work kept from a case that left the caseload."""

BEFORE = "before"
"""Key in a push entry's detail: the structured values (a PIP version, the household, an
agenda state...) as this laptop last had them from the office, by field key: what the
entry is compared with, so "Apart gezet" and the office see only the parts the consultant
changed (``protocol.set_aside_describe``; usability round 6 #22)."""

CASE_LABEL = "case_label"
"""Key in a push entry's detail: the case's name, V-number and case number, as the
consultant knew it (``case_label``)."""


@dataclass(frozen=True)
class Kept:
    """What ``keep_unsent_work`` set aside: unsent changes and attachments."""

    changes: int = 0
    attachments: int = 0
    earlier: int = 0  # push entries set aside before (e.g. refused as case_not_found), kept

    @property
    def total(self) -> int:
        return self.changes + self.attachments


def case_label(case: CaseRow) -> str:
    """The case as the consultant knows it, with its number: ``"Amal Haddad (V
    1234567890, INB-0B0E7E4E)"`` (``domain.case_label``)."""
    return domain_case_label(case.given_names, case.family_name, case.v_nummer, case.id)


def _patch(text: str) -> tuple[dict[str, Any] | str, list[str]]:
    try:
        value = json.loads(text)
    except ValueError:
        return text, []
    if not isinstance(value, dict):
        return text, []
    return value, sorted(value)


def structured(value: Any) -> bool:
    """Whether ``value`` has parts (an object, or a list of objects)."""
    return isinstance(value, dict) or (
        isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value)
    )


def _bases(session: Session, case_id: str, values: Any) -> dict[str, Any]:
    """The office's value, as this laptop last had it (``sync_bases``), of each structured
    field of ``values``: the entry's :data:`BEFORE`."""
    if not isinstance(values, dict):
        return {}
    keys = [key for key, value in values.items() if structured(value)]
    if not keys:
        return {}
    rows = session.scalars(
        select(SyncBaseRow).where(SyncBaseRow.case_id == case_id, SyncBaseRow.field_key.in_(keys))
    )
    out: dict[str, Any] = {}
    for row in rows:
        try:
            out[row.field_key] = json.loads(row.value)
        except ValueError:
            continue
    return out


def never_at_office(session: Session, case_id: str) -> bool:
    """Whether the office never held ``case_id`` for this laptop: made here (a case by
    hand, an imported document), never pulled (server version 0) and no push of it ever
    acknowledged. Such a case is no case the office took away: its creating op was refused
    (set aside, with the reason, in "Apart gezet") or has not been sent. Taking it "off the
    caseload" would delete the only copy of it (attack round 7, finding 12: an imported
    case vanished in the sync that refused it), so it stays, unsynced, for the consultant
    to repair or send from the set-aside list."""
    case = session.get(CaseRow, case_id)
    if case is None or case.server_version != 0:
        return False
    return session.get(PushedVersionRow, case_id) is None


def keep_unsent_work(session: Session, case_id: str) -> Kept:
    """Set aside (in the caller's transaction) all unsent work of ``case_id`` before the
    case is deleted: its outbox entries, its attachments not uploaded yet, and label the
    push entries already set aside for it. Drops its pull entries. Returns the counts of
    entries added, and of earlier push entries kept."""
    case = session.get(CaseRow, case_id)
    label = case_label(case) if case is not None else ""
    changes = 0
    for op in take_case_ops(session, case_id):
        values, keys = _patch(op.patch)
        add_quarantine(
            session,
            "push",
            case_id,
            values,
            LEFT_CASELOAD,
            op_id=op.op_id,
            field_keys=keys,
            detail={"what": "change", CASE_LABEL: label, BEFORE: _bases(session, case_id, values)},
        )
        changes += 1
    # An attachment refused earlier is set aside again below, with its content.
    session.execute(
        delete(QuarantineRow).where(
            QuarantineRow.case_id == case_id,
            QuarantineRow.direction == "push",
            QuarantineRow.error == "attachment_refused",
        )
    )
    attachments = 0
    for row in session.scalars(
        select(AttachmentRow).where(
            AttachmentRow.case_id == case_id, AttachmentRow.uploaded.is_(False)
        )
    ):
        add_quarantine(
            session,
            "push",
            case_id,
            {
                "sha256": row.sha256,
                "kind": row.kind,
                "size": row.size,
                "media_type": row.media_type,
            },
            LEFT_CASELOAD,
            detail={
                "what": "attachment",
                CASE_LABEL: label,
                "content_base64": base64.b64encode(row.content).decode("ascii"),
            },
        )
        attachments += 1
    session.execute(
        delete(QuarantineRow).where(
            QuarantineRow.case_id == case_id, QuarantineRow.direction == "pull"
        )
    )
    earlier = 0
    for entry in session.scalars(
        select(QuarantineRow).where(
            QuarantineRow.case_id == case_id,
            QuarantineRow.direction == "push",
            QuarantineRow.error != LEFT_CASELOAD,
        )
    ):
        earlier += 1
        if label:
            detail = json.loads(entry.detail or "{}")
            if isinstance(detail, dict) and not detail.get(CASE_LABEL):
                detail[CASE_LABEL] = label
                entry.detail = dumps(detail)
    kept = Kept(changes, attachments, earlier)
    if kept.total:
        log.warning(
            "a case left the caseload with unsent work: %d changes and %d attachments set aside",
            changes,
            attachments,
        )
    return kept
