"""Receiving what a laptop set aside (``POST /v1/set-aside``) and listing it for staff.

A laptop sets aside what it could not send or apply (its quarantine: the unsent edits of
a case the office took off the caseload, changes the office refused, records it could not
use). The consultant sends that list here so office staff can act on it: each entry is
stored once per device and local id (a report sent again stores nothing twice) under the
consultant the device belongs to.

What a device may file is bounded (attack round 3):

- only about a case its consultant holds or held (on the caseload now, or taken off it:
  ``removals``, kept until ``inburg-office prune`` forgets them). Anything else is refused
  404 ``case_not_found`` as a whole report, the same answer through the same statements
  whether the case is another consultant's or does not exist (no existence oracle);
- ``set_aside_at`` must be an ISO 8601 UTC moment within :data:`OLDEST` before and
  :data:`SKEW` after the office's clock (422 ``invalid_set_aside_at`` otherwise);
- the device's own label of the case is not kept: staff see the office's label (name and
  V-nummer as the office holds them), so a forged label cannot name someone else;
- an identical repeat (same device, case, direction, code and values) adds to the count
  of the entry already held instead of a new entry;
- an entry holds at most ``MAX_SET_ASIDE_ENTRY_BYTES`` (its values shortened by the
  laptop, ``protocol.messages.short_value``): a larger one is refused 413
  ``set_aside_entry_too_large``; and a device holds at most :data:`MAX_HELD_PER_DEVICE`
  entries and :data:`MAX_BYTES_PER_DEVICE` bytes (429 ``set_aside_full`` beyond either;
  attack round 3: the entry cap alone let one device store 1.8 GB). A refused report
  stores nothing.

Staff list the entries a page at a time (:func:`set_aside_page`, keyset by id), so a
full office is never read into memory at once.

Nothing of an entry reaches a log line: counts and row ids only.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, union
from sqlalchemy.orm import Session

from inburg_desktop.domain.iso_date import parse_iso_moment
from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.protocol.messages import (
    MAX_SET_ASIDE_ENTRY_BYTES,
    SetAsideEntry,
    SetAsideReceipt,
    SetAsideReport,
    set_aside_entry_bytes,
)
from inburg_desktop.protocol.set_aside_words import words_problem
from inburg_desktop.server.admin import case_identities
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database
from inburg_desktop.server.errors import ApiError, case_not_found
from inburg_desktop.server.tables import Assignment, Device, Removal, SetAside, SetAsideRepeat

log = logging.getLogger(__name__)

MAX_HELD_PER_DEVICE = 1000
"""Set-aside entries the office holds for one device at most. A laptop sets aside a
handful (a case that left with unsent edits, a refused change); a thousand is far beyond
a consultant's caseload and bounds what one device can store here (attack round 2: a
device filled 823 MB in 30 s by sending new local ids). Beyond it the report is refused
with 429 ``set_aside_full`` and staff are asked to look at what is held."""


MAX_BYTES_PER_DEVICE = 4 * 1024 * 1024
"""Bytes of set-aside entries (``SetAside.size_bytes``) the office holds for one device at
most: room for more than a hundred entries at the per-entry cap and for the thousand
entries of :data:`MAX_HELD_PER_DEVICE` at 4 KB each, far beyond what a consultant sets
aside. Beyond it the report is refused with 429 ``set_aside_full``, as for the count."""

MAX_ENTRY_ID = 2**31 - 1
"""The highest number (``SetAside.id``) an entry can have: the column is an ``Integer``,
32 bits on PostgreSQL. Staff may type any number; one above it names no entry, and is
answered so instead of being sent to PostgreSQL, which refuses it as out of range (attack
round 4: ``apart-gezet --na 2147483648`` said the office database was damaged)."""

PAGE = 100
"""Entries per page of :func:`set_aside_page` unless asked otherwise."""

OLDEST = timedelta(days=5 * 365)
"""How long before now a set-aside moment may lie: a laptop keeps its list until the
consultant clears it, but not for longer than the office keeps a closed case."""

SKEW = timedelta(days=1)
"""How far a laptop's clock may run ahead of the office's."""


def _moment(text: str, now: datetime) -> str:
    """``text`` as the office stores a set-aside moment (``YYYY-MM-DDTHH:MM:SSZ``).

    Raises ``ApiError`` 422 ``invalid_set_aside_at`` for anything that is not an ISO 8601
    moment with a time zone, or lies outside ``[now - OLDEST, now + SKEW]``.
    """
    try:
        parsed = parse_iso_moment(text, zone="required")
    except ValueError:
        parsed = None
    if parsed is None:
        raise ApiError(
            422, "invalid_set_aside_at", "set_aside_at must be an ISO 8601 moment in UTC."
        )
    moment = parsed.astimezone(UTC).replace(tzinfo=None)
    if not now - OLDEST <= moment <= now + SKEW:
        raise ApiError(
            422, "invalid_set_aside_at", "set_aside_at lies outside what the office accepts."
        )
    return moment.isoformat(timespec="seconds") + "Z"


def _check_words(entry: SetAsideEntry) -> None:
    """Refuse an entry whose ``reason`` or ``labels`` hold what the office will not store
    or show (``protocol.set_aside_words``, the rule the laptop cleans its words by before
    sending): control characters but tab and line breaks, lone surrogates and bidi
    controls in the reason, those and every invisible or non-character in a label.
    PostgreSQL cannot store NUL in a text column at all (attack round 4: a NUL in a reason
    gave 500). The values (``fields``) are what the laptop held, kept as JSON (which
    escapes every control character) and shown escaped, so a value the office refused can
    still be reported.

    Raises ``ApiError`` 422 ``invalid_set_aside_reason`` or ``invalid_set_aside_label``.
    """
    refused = words_problem(entry.reason, entry.labels)
    if refused is None:
        return
    what, key = refused
    if what == "reason":
        raise ApiError(
            422,
            "invalid_set_aside_reason",
            "reason may not contain control characters (but tab and line breaks), "
            "lone surrogates or text-direction controls.",
        )
    raise ApiError(
        422,
        "invalid_set_aside_label",
        f"The label of {key} may not contain control, text-direction or invisible characters.",
    )


def content_key(device_id: str, entry: SetAsideEntry) -> str:
    """What makes two entries the same repeat: device, case, direction, code and values."""
    about = [device_id, entry.case_id, entry.direction, entry.error, entry.fields]
    return hashlib.sha256(canonical_json(about).encode("utf-8")).hexdigest()


def _held_cases(session: Session, consultant: str, case_ids: Sequence[str]) -> set[str]:
    """The ids among ``case_ids`` that are or were on ``consultant``'s caseload: one
    statement, whatever the answer (so its work tells nothing either)."""
    wanted = sorted(set(case_ids))
    now_held = select(Assignment.case_id).where(
        Assignment.consultant == consultant, Assignment.case_id.in_(wanted)
    )
    held_before = select(Removal.case_id).where(
        Removal.consultant == consultant, Removal.case_id.in_(wanted)
    )
    return set(session.scalars(union(now_held, held_before)))


def _local_ids_held(session: Session, device_id: str, ids: Sequence[int]) -> set[int]:
    first = select(SetAside.local_id).where(
        SetAside.device_id == device_id, SetAside.local_id.in_(ids)
    )
    repeated = select(SetAsideRepeat.local_id).where(
        SetAsideRepeat.device_id == device_id, SetAsideRepeat.local_id.in_(ids)
    )
    return set(session.scalars(union(first, repeated)))


def _count_held(session: Session, device_id: str) -> tuple[int, int]:
    """Entries (repeats included) and bytes the office holds for ``device_id``."""
    entries, size = session.execute(
        select(func.count(), func.coalesce(func.sum(SetAside.size_bytes), 0)).where(
            SetAside.device_id == device_id
        )
    ).one()
    repeats = session.scalar(
        select(func.count())
        .select_from(SetAsideRepeat)
        .where(SetAsideRepeat.device_id == device_id)
    )
    return int(entries or 0) + int(repeats or 0), int(size or 0)


def _full() -> ApiError:
    return ApiError(
        429,
        "set_aside_full",
        "The office holds as many set-aside entries of this device as it will; "
        "ask office staff to look at them (inburg-office apart-gezet).",
    )


def receive(session: Session, who: AuthedDevice, report: SetAsideReport) -> SetAsideReceipt:
    """Store the report's new entries in the caller's transaction; the receipt lists
    every entry's local id (new, repeated or already held).

    Raises ``ApiError``: 404 ``case_not_found`` when an entry names a case the device's
    consultant never held (nothing of the report is stored), 422
    ``invalid_set_aside_at`` for a moment that is no timestamp or out of bounds, 422
    ``invalid_set_aside_reason`` / ``invalid_set_aside_label`` (:func:`_check_words`), 429
    ``set_aside_full`` beyond :data:`MAX_HELD_PER_DEVICE`.
    """
    for entry in report.entries:
        _check_words(entry)
    stamp = utcnow()
    moments = [_moment(entry.set_aside_at, stamp) for entry in report.entries]
    sizes = [set_aside_entry_bytes(e.fields, e.labels, e.reason) for e in report.entries]
    if max(sizes) > MAX_SET_ASIDE_ENTRY_BYTES:
        log.warning("set-aside report refused: an entry of %d bytes", max(sizes))
        raise ApiError(
            413,
            "set_aside_entry_too_large",
            f"A set-aside entry holds at most {MAX_SET_ASIDE_ENTRY_BYTES} bytes of values, "
            "labels and reason; send shortened values (the laptop keeps them whole).",
        )
    cases = [entry.case_id for entry in report.entries]
    if set(cases) - _held_cases(session, who.consultant, cases):
        log.warning("set-aside report refused: a case outside the caseload history")
        raise case_not_found()
    # One report of a device at a time from here to the commit: counting and inserting
    # must not interleave, or parallel reports all see the old count and the cap is raced
    # past (attack round 3: 3,800 held on PostgreSQL against 1,000). On SQLite the write
    # lock already serialises them; PostgreSQL locks the device's row.
    session.execute(select(Device.id).where(Device.id == who.id).with_for_update())
    ids = [entry.local_id for entry in report.entries]
    held = _local_ids_held(session, who.id, ids)
    fresh = {e.local_id: size for e, size in zip(report.entries, sizes, strict=True)}
    fresh = {local_id: size for local_id, size in fresh.items() if local_id not in held}
    if fresh:
        count, size = _count_held(session, who.id)
        # A repeat stores only its local id, but is counted as an entry of full size:
        # the bound holds whatever part of the report turns out to repeat.
        if count + len(fresh) > MAX_HELD_PER_DEVICE:
            log.warning("set-aside report refused: device=%s holds %s", who.id, count)
            raise _full()
        if size + sum(fresh.values()) > MAX_BYTES_PER_DEVICE:
            log.warning("set-aside report refused: device=%s holds %d bytes", who.id, size)
            raise _full()
    added = repeated = 0
    for entry, moment, entry_size in zip(report.entries, moments, sizes, strict=True):
        if entry.local_id in held:
            continue
        held.add(entry.local_id)
        key = content_key(who.id, entry)
        first = session.scalars(
            select(SetAside).where(SetAside.device_id == who.id, SetAside.content_key == key)
        ).first()
        if first is not None:
            first.repeats += 1
            first.set_aside_at = max(first.set_aside_at, moment)
            session.add(
                SetAsideRepeat(device_id=who.id, local_id=entry.local_id, set_aside_id=first.id)
            )
            repeated += 1
            continue
        row = SetAside(
            device_id=who.id,
            consultant=who.consultant,
            local_id=entry.local_id,
            case_id=entry.case_id,
            case_label="",  # the device's label is not trusted: staff see the office's
            direction=entry.direction,
            error=entry.error,
            reason=entry.reason,
            fields=canonical_json(entry.fields),
            set_aside_at=moment,
            received_at=stamp,
            content_key=key,
            repeats=1,
            size_bytes=entry_size,
            labels=canonical_json(entry.labels),
        )
        session.add(row)
        session.flush()  # the next repeat in this report finds it
        added += 1
    log.info(
        "set-aside report device=%s entries=%d new=%d repeats=%d", who.id, len(ids), added, repeated
    )
    return SetAsideReceipt(received=ids)


def _listed(
    row: SetAside, identity: dict[str, Any], device: tuple[str, str] | None
) -> dict[str, Any]:
    labels = json.loads(row.labels or "{}")
    label, computer = device or ("", "")
    return {
        "id": row.id,
        "consultant": row.consultant,
        "device_id": row.device_id,
        "device_label": label,
        "device_name": computer,
        "case_id": row.case_id,
        "family_name": identity.get("family_name"),
        "given_names": identity.get("given_names"),
        "v_nummer": identity.get("v_nummer"),
        "direction": row.direction,
        "error": row.error,
        "reason": row.reason,
        "fields": json.loads(row.fields),
        "labels": labels if isinstance(labels, dict) else {},
        "set_aside_at": row.set_aside_at,
        "repeats": row.repeats,
        "received_at": row.received_at.isoformat(timespec="seconds"),
    }


def set_aside_page(db: Database, after: int = 0, limit: int = PAGE) -> list[dict[str, Any]]:
    """At most ``limit`` entries with an id above ``after``, by id (oldest first), for
    ``inburg-office apart-gezet``: a keyset page (three statements whatever the number of
    entries held, never ``OFFSET``). Pass the last id of a page as ``after`` for the next;
    an empty list means there is no more.

    Each entry: its ``id`` (to clear it), consultant, device (``device_id``, and the
    laptop as staff know it: ``device_label`` given at enrollment and ``device_name``, the
    computer's name; both ``""`` when unknown), case id with the office's
    own ``family_name``, ``given_names`` and ``v_nummer`` of the case (``None`` when the
    office holds no such field), direction, ``error`` code, the laptop's ``reason`` (its
    words, kept for the record only), ``fields`` (field key to the value as the laptop
    sent it: shortened, ``protocol.messages.short_value``), ``labels`` (field key to the
    laptop's words for it; empty from laptops that sent none), ``set_aside_at`` (the
    latest of its repeats), ``repeats`` and ``received_at`` (ISO UTC).

    Raises ``ValueError`` for ``after < 0`` or ``limit`` outside 1-10,000.
    """
    if after < 0 or not 1 <= limit <= 10_000:
        raise ValueError("after must be >= 0 and limit 1-10,000")
    if after >= MAX_ENTRY_ID:
        return []  # no entry lies above the column's range
    with db.read() as session:
        rows = session.scalars(
            select(SetAside).where(SetAside.id > after).order_by(SetAside.id).limit(limit)
        ).all()
        identities = case_identities(session, {row.case_id for row in rows})
        device_ids = sorted({row.device_id for row in rows})
        devices = {
            device_id: (label or "", name or "")
            for device_id, label, name in session.execute(
                select(Device.id, Device.label, Device.name).where(Device.id.in_(device_ids))
            )
        }
        return [
            _listed(row, identities.get(row.case_id, {}), devices.get(row.device_id))
            for row in rows
        ]


def iter_set_aside(db: Database, after: int = 0, page: int = PAGE) -> Iterator[dict[str, Any]]:
    """Every entry with an id above ``after``, by id, read a page at a time
    (:func:`set_aside_page`): memory stays that of one page however much is held."""
    while True:
        rows = set_aside_page(db, after, page)
        yield from rows
        if len(rows) < page:
            return
        after = rows[-1]["id"]


def list_set_aside(db: Database) -> list[dict[str, Any]]:
    """Every entry held, oldest first (see :func:`set_aside_page` for the keys). Reads
    everything into memory: for tests and small offices; staff listings page."""
    return list(iter_set_aside(db))


def _possible(ids: Sequence[int]) -> list[int]:
    """The distinct ``ids`` an entry can have (1 to :data:`MAX_ENTRY_ID`), ascending: the
    others name no entry and are not sent to the database, which would refuse them."""
    return sorted({n for n in ids if 1 <= n <= MAX_ENTRY_ID})


def held_ids(db: Database, ids: Sequence[int] | None) -> list[int]:
    """Which of ``ids`` are held (every held id for ``None``), ascending. Any whole number
    may be asked about: one outside the column's range is simply not held."""
    with db.read() as session:
        chosen = select(SetAside.id).order_by(SetAside.id)
        if ids is not None:
            chosen = chosen.where(SetAside.id.in_(_possible(ids)))
        return [int(n) for n in session.scalars(chosen)]


def count_set_aside(db: Database) -> int:
    """How many entries the office holds (repeats of an entry not counted apart)."""
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(SetAside)) or 0)


def clear_set_aside(db: Database, ids: Sequence[int] | None) -> int:
    """Delete the entries ``ids`` (all entries for ``None``) with their repeats, in one
    transaction; returns how many entries went. Logged as an audit line with the count and
    the row ids only (no case, name or value)."""
    with db.write() as session:
        chosen = select(SetAside.id)
        if ids is not None:
            chosen = chosen.where(SetAside.id.in_(_possible(ids)))
        found = list(session.scalars(chosen))
        if found:
            session.execute(delete(SetAsideRepeat).where(SetAsideRepeat.set_aside_id.in_(found)))
            session.execute(delete(SetAside).where(SetAside.id.in_(found)))
    log.info("audit: office staff cleared %d set-aside entries (ids %s)", len(found), found)
    return len(found)
