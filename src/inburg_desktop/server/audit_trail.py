"""The audit trail at the office: entries checked on arrival, kept, read and verified.

Issue 16 item 1: the laptops' audit entries are synced to the office, where the chain is
checked on arrival. :func:`receive` (``POST /v1/audit``) takes an entry only when it
extends the chain the office holds for its (case, device) (``domain.audit.extends``):
an entry edited, a row missing before it, a row out of order, another device's chain or
a case not on the sender's caseload is refused and reported in the answer
(:class:`~inburg_desktop.protocol.messages.AuditRefusal`) and in the log (codes and
counts, no case ids), never silently accepted; the rest of that chain in the request is
refused with it. An entry the office already holds (same number, same hash) is taken
again as held: a repeated request changes nothing.

:func:`case_trail` reads a case's chains at the office and checks each against the head
kept in ``audit_chains`` (``domain.audit.verify`` with that anchor), so an entry
edited, deleted or reordered in ``audit_entries`` afterwards shows.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from inburg_desktop.domain import audit
from inburg_desktop.domain.audit import Anchor, AuditEntry, AuditError, ChainCheck
from inburg_desktop.protocol.messages import (
    AuditHead,
    AuditPush,
    AuditReceipt,
    AuditRecord,
    AuditRefusal,
)
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.pull import in_caseload
from inburg_desktop.server.tables import AuditChain, AuditEntryRecord

log = logging.getLogger(__name__)

REFUSED_TEXTS = {
    "audit_chain_broken": (
        "This entry does not extend the audit chain the office holds (edited, entries "
        "missing before it, or out of order); it and the rest of its chain were not taken."
    ),
    "audit_chain_foreign": "This audit chain belongs to another device.",
    "audit_entry_invalid": "This is not an audit entry.",
    "case_not_found": "No such case.",
}


def _entry(record: AuditRecord) -> AuditEntry:
    return audit.entry_from_json(record.model_dump())


def receive(session: Session, who: AuthedDevice, body: AuditPush) -> AuditReceipt:
    """Check and keep ``body``'s entries in the caller's transaction (module docstring).
    Reads the batch's chains and the entries it may repeat in one query each, whatever
    its size (review: a laptop retrying a batch cost one query per entry held)."""
    visible = in_caseload(session, who, {r.case_id for r in body.entries})
    mine = [r for r in body.entries if r.case_id in visible]
    chains: dict[tuple[str, str], AuditChain | None] = dict.fromkeys(
        {(r.case_id, r.device_id) for r in mine}
    )
    chains.update(_chains(session, chains))
    held = _held_hashes(session, mine, chains)
    broken: set[tuple[str, str]] = set()
    refused: list[AuditRefusal] = []
    stamp = utcnow()

    def refuse(record: AuditRecord, code: str) -> None:
        key = (record.case_id, record.device_id)
        broken.add(key)
        refused.append(
            AuditRefusal(
                case_id=record.case_id,
                device_id=record.device_id,
                seq=record.seq,
                error=code,
                message=REFUSED_TEXTS[code],
            )
        )

    for record in body.entries:
        key = (record.case_id, record.device_id)
        if key in broken:
            refuse(record, "audit_chain_broken")
            continue
        if record.case_id not in visible:
            refuse(record, "case_not_found")  # elsewhere or nowhere: one answer
            continue
        chain = chains[key]
        if chain is not None and chain.owner != who.id:
            refuse(record, "audit_chain_foreign")
            continue
        try:
            entry = _entry(record)
        except AuditError:
            refuse(record, "audit_entry_invalid")
            continue
        head = None if chain is None else Anchor(chain.head_seq, chain.head_hash)
        if head is not None and entry.seq <= head.seq and held.get(_place(entry)) == entry.hash:
            continue  # sent before (a repeated request): held, nothing changes
        if not audit.extends(head, entry, record.case_id, record.device_id):
            refuse(record, "audit_chain_broken")
            continue
        session.add(AuditEntryRecord(**entry.to_json(), pushed_by=who.id, received_at=stamp))
        held[_place(entry)] = entry.hash  # the same entry twice in one request: held
        if chain is None:
            chain = AuditChain(
                case_id=entry.case_id,
                device_id=entry.device_id,
                owner=who.id,
                head_seq=entry.seq,
                head_hash=entry.hash,
            )
            session.add(chain)
            chains[key] = chain
        else:
            chain.head_seq, chain.head_hash = entry.seq, entry.hash
    if refused:
        counts = Counter(r.error for r in refused)
        log.warning(
            "audit: refused %d entries from device %s (%s)",
            len(refused),
            who.id,
            ", ".join(f"{code} {n}" for code, n in sorted(counts.items())),
        )
    heads = [
        AuditHead(case_id=c.case_id, device_id=c.device_id, seq=c.head_seq, hash=c.head_hash)
        for c in chains.values()
        if c is not None
    ]
    return AuditReceipt(heads=heads, refused=refused)


def _place(entry: AuditEntry) -> tuple[str, str, int]:
    return entry.case_id, entry.device_id, entry.seq


def _chains(
    session: Session, keys: Collection[tuple[str, str]]
) -> dict[tuple[str, str], AuditChain]:
    """The chains the office holds of ``keys`` ((case, device) pairs), in one query."""
    if not keys:
        return {}
    rows = session.scalars(
        select(AuditChain).where(tuple_(AuditChain.case_id, AuditChain.device_id).in_(keys))
    )
    return {(c.case_id, c.device_id): c for c in rows}


def _held_hashes(
    session: Session,
    records: Sequence[AuditRecord],
    chains: Mapping[tuple[str, str], AuditChain | None],
) -> dict[tuple[str, str, int], str]:
    """The hashes the office holds of the entries among ``records`` that a chain already
    reaches (number at most its head's: what a repeated request sends again), by (case,
    device, number), in one query; none when no record is such an entry."""
    places = set()
    for record in records:
        chain = chains.get((record.case_id, record.device_id))
        if chain is not None and record.seq <= chain.head_seq:
            places.add((record.case_id, record.device_id, record.seq))
    if not places:
        return {}
    rows = session.execute(
        select(
            AuditEntryRecord.case_id,
            AuditEntryRecord.device_id,
            AuditEntryRecord.seq,
            AuditEntryRecord.hash,
        ).where(
            tuple_(AuditEntryRecord.case_id, AuditEntryRecord.device_id, AuditEntryRecord.seq).in_(
                places
            )
        )
    )
    return {(case_id, device_id, seq): text for case_id, device_id, seq, text in rows}


@dataclass(frozen=True)
class OfficeChain:
    """One chain of a case at the office: its entries in stored order, the check against
    the head the office kept, that head, and the device that sent the chain."""

    device_id: str
    entries: tuple[AuditEntry, ...]
    check: ChainCheck
    head: Anchor | None
    owner: str | None


def case_trail(session: Session, case_id: str) -> list[OfficeChain]:
    """Every chain the office holds of ``case_id``, each checked; devices sorted. A chain
    whose rows are all gone still shows (truncated against its head)."""
    rows = session.scalars(
        select(AuditEntryRecord)
        .where(AuditEntryRecord.case_id == case_id)
        .order_by(AuditEntryRecord.id)
    ).all()
    by_device: dict[str, list[AuditEntryRecord]] = {}
    for row in rows:
        by_device.setdefault(row.device_id, []).append(row)
    kept = {
        c.device_id: c
        for c in session.scalars(select(AuditChain).where(AuditChain.case_id == case_id))
    }
    for device in kept:
        by_device.setdefault(device, [])
    out = []
    for device, held in sorted(by_device.items()):
        chain = kept.get(device)
        head = None if chain is None else Anchor(chain.head_seq, chain.head_hash)
        out.append(_checked(case_id, device, held, head, None if chain is None else chain.owner))
    return out


def _checked(
    case_id: str,
    device_id: str,
    rows: Sequence[AuditEntryRecord],
    head: Anchor | None,
    owner: str | None,
) -> OfficeChain:
    entries, check = audit.verify_stored(rows, anchor=head, case_id=case_id, device_id=device_id)
    return OfficeChain(device_id, entries, check, head, owner)
