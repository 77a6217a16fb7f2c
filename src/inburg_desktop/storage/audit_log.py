"""The audit trail in the vault: append entries, read and check chains, purge a case's.

The rules (entries, hashing, checking) are ``domain.audit``'s; this module stores what it
makes in ``audit_trail`` (append-only by the triggers of migration 0011) and keeps, per
chain, the head the office confirmed (``audit_anchors``), which is both the anchor a
check holds the chain against and where the next push of the chain starts.

Who and from where: the actor is the office account once enrolled, else the
consultant's name setting, else this vault's own consultant id (``services.consulent``
keeps the same settings); the device is the enrolled device id, else this vault's own
audit device id (``audit.device_id``, a random UUID made once: an unenrolled laptop's
chains keep that id after enrollment, the office binds each chain to the device that
first pushed it).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from inburg_desktop.domain import audit
from inburg_desktop.domain.audit import Action, Anchor, AuditEntry, AuditError, ChainCheck
from inburg_desktop.domain.safe_text import label_problem, person_name
from inburg_desktop.storage.tables import (
    AuditAnchorRow,
    AuditPurgeRow,
    AuditRow,
    CaseRow,
    SettingRow,
)

DEVICE_SETTING = "audit.device_id"
ENROLLED_DEVICE = "sync.device_id"  # storage.sync_state.DEVICE_KEYS (not imported: it
ENROLLED_ACCOUNT = "sync.consultant"  # writes through storage.changes, which records here)
NAME_SETTING = "consulent.naam"  # services.consulent.NAAM_SETTING
ID_SETTING = "consulent.id"  # services.consulent.ID_SETTING
UNKNOWN_ACTOR = "consulent"
"""The actor before any name or account is known (a fresh vault): never empty."""
CHANGE_COALESCE = timedelta(minutes=10)
"""A change of the part the chain's last entry already records as changed by the same
actor less than this long ago adds no entry: autosave saves every few keystrokes, and
one entry per save would say no more than one per editing spell, only much longer."""
_CACHE = "inburg.audit_who"


def _usable(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = person_name(value)
    if len(text) > audit.MAX_ACTOR or label_problem(text) is not None:
        return None
    return text


def _settings(session: Session, keys: tuple[str, ...]) -> dict[str, object]:
    """The JSON values of ``keys`` held, in one query (a save asks this every time)."""
    found: dict[str, object] = {}
    rows = session.execute(_SETTINGS_SQL, dict(zip(_WHO_PARAMS, keys, strict=True)))
    for key, value in rows:
        try:
            found[key] = json.loads(value)
        except ValueError:
            continue
    return found


_WHO_KEYS = (ENROLLED_ACCOUNT, NAME_SETTING, ID_SETTING, ENROLLED_DEVICE, DEVICE_SETTING)
_WHO_PARAMS = tuple(f"k{n}" for n in range(len(_WHO_KEYS)))
# Plain SQL for the two reads every save makes (settings, the chain's head): the ORM's
# statement handling cost more than the reads themselves (benchmarks/audit_typing.py).
_SETTINGS_SQL = text(
    "SELECT key, value FROM settings WHERE key IN (" + ", ".join(f":{p}" for p in _WHO_PARAMS) + ")"
)
_HEAD_SQL = text(
    "SELECT row_id, case_id, device_id, seq, at, actor, action, part, prev_hash, hash "
    "FROM audit_trail WHERE case_id = :case_id AND device_id = :device_id "
    "ORDER BY seq DESC, row_id DESC LIMIT 1"
)


def who(session: Session) -> tuple[str, str]:
    """``(actor, device_id)`` of this vault's acts, in the caller's transaction (it may
    create ``audit.device_id``); cached on the session."""
    cached = session.info.get(_CACHE)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    held = _settings(session, _WHO_KEYS)
    actor = (
        _usable(held.get(ENROLLED_ACCOUNT))
        or _usable(held.get(NAME_SETTING))
        or _usable(held.get(ID_SETTING))
        or UNKNOWN_ACTOR
    )
    device = held.get(ENROLLED_DEVICE)
    if not isinstance(device, str) or not audit.ID_PATTERN.fullmatch(device):
        device = held.get(DEVICE_SETTING)
        if not isinstance(device, str) or not audit.ID_PATTERN.fullmatch(device):
            device = str(uuid.uuid4())
            session.add(SettingRow(key=DEVICE_SETTING, value=json.dumps(device)))
    session.info[_CACHE] = (actor, device)
    return actor, device


def _entry(row: AuditRow) -> AuditEntry:
    return audit.entry_from_fields(row)


def _row(entry: AuditEntry) -> AuditRow:
    body = entry.body()
    return AuditRow(
        **{key: body[key] for key in body if key != "seq"}, seq=entry.seq, hash=entry.hash
    )


def _head_row(session: Session, case_id: str, device_id: str) -> AuditRow | None:
    found = session.execute(_HEAD_SQL, {"case_id": case_id, "device_id": device_id}).first()
    return None if found is None else AuditRow(**found._asdict())


def record(
    session: Session,
    case_id: str,
    action: Action,
    part: str,
    *,
    at: datetime | None = None,
    coalesce: bool = False,
) -> AuditEntry | None:
    """Append one entry to this device's chain of ``case_id`` in the caller's transaction.

    ``coalesce``: add nothing (``None``) when the chain's last entry is the same act on
    the same part by the same actor less than :data:`CHANGE_COALESCE` ago. Raises
    :class:`~inburg_desktop.domain.audit.AuditError` for a part or case id of the wrong
    form (nothing written)."""
    actor, device_id = who(session)
    moment = at or datetime.now(UTC)
    last = _head_row(session, case_id, device_id)
    if (
        coalesce
        and last is not None
        and (last.action, last.part, last.actor) == (action.value, part, actor)
        and timedelta(0) <= moment - audit.parse_time(last.at) < CHANGE_COALESCE
    ):
        return None  # read as stored: a save while typing parses no whole entry
    entry = audit.append(
        None if last is None else _entry(last),
        at=moment,
        actor=actor,
        device_id=device_id,
        case_id=case_id,
        action=action,
        part=part,
    )
    session.add(_row(entry))
    return entry


def record_parts(
    session: Session, case_id: str, action: Action, parts: Iterable[str], *, coalesce: bool
) -> None:
    """:func:`record` for each of ``parts`` once, in sorted order (one save's groups)."""
    for part in sorted(set(parts)):
        record(session, case_id, action, part, coalesce=coalesce)


@dataclass(frozen=True)
class StoredChain:
    """One chain of a case as stored, with its check.

    ``entries`` are the rows that read as entries, in stored order; ``check`` is
    :func:`domain.audit.verify`'s verdict against the office's anchor when there is one
    (a row that is no entry at all is reported ``edited`` where it stands);
    ``anchor`` the head the office confirmed, ``None`` before the chain's first push."""

    case_id: str
    device_id: str
    entries: tuple[AuditEntry, ...]
    check: ChainCheck
    anchor: Anchor | None


def set_anchor(session: Session, case_id: str, device_id: str, head_: Anchor) -> None:
    """Keep ``head_`` as what the office holds of the chain (it only moves forward)."""
    row = session.get(AuditAnchorRow, (case_id, device_id))
    if row is None:
        session.add(
            AuditAnchorRow(case_id=case_id, device_id=device_id, seq=head_.seq, hash=head_.hash)
        )
    elif head_.seq > row.seq:
        row.seq, row.hash = head_.seq, head_.hash


def chains(session: Session, case_id: str) -> list[StoredChain]:
    """Every chain held for ``case_id`` (one per device), each checked; devices sorted."""
    rows = session.scalars(
        select(AuditRow).where(AuditRow.case_id == case_id).order_by(AuditRow.row_id)
    ).all()
    by_device: dict[str, list[AuditRow]] = {}
    for row in rows:
        by_device.setdefault(row.device_id, []).append(row)
    anchored = {
        r.device_id: Anchor(r.seq, r.hash)
        for r in session.scalars(select(AuditAnchorRow).where(AuditAnchorRow.case_id == case_id))
    }
    for device in anchored:
        by_device.setdefault(device, [])  # a chain removed whole still shows, truncated
    out = []
    for device, held in sorted(by_device.items()):
        out.append(_checked(case_id, device, held, anchored.get(device)))
    return out


def _checked(
    case_id: str, device_id: str, rows: list[AuditRow], head_: Anchor | None
) -> StoredChain:
    entries, check = audit.verify_stored(rows, anchor=head_, case_id=case_id, device_id=device_id)
    return StoredChain(case_id, device_id, entries, check, head_)


def unpushed(session: Session, limit: int) -> list[AuditEntry]:
    """Up to ``limit`` entries the office has not confirmed, in stored order: of each
    chain those numbered above its anchor."""
    stmt = (
        select(AuditRow)
        .outerjoin(
            AuditAnchorRow,
            (AuditAnchorRow.case_id == AuditRow.case_id)
            & (AuditAnchorRow.device_id == AuditRow.device_id),
        )
        .where((AuditAnchorRow.seq.is_(None)) | (AuditRow.seq > AuditAnchorRow.seq))
        .order_by(AuditRow.row_id)
        .limit(limit)
    )
    out = []
    for row in session.scalars(stmt):
        try:
            out.append(_entry(row))
        except AuditError:
            continue  # a damaged row is not sent; the office then refuses what follows it
    return out


def purge_case(session: Session, case_id: str) -> int:
    """Remove every chain of ``case_id`` and its anchors (a case purged from this laptop:
    the office keeps its copy); returns the number of entries removed. The one path
    the delete trigger lets through, and only for whole cases."""
    removed = session.scalar(select(func.count()).where(AuditRow.case_id == case_id)) or 0
    session.add(AuditPurgeRow(case_id=case_id))
    session.flush()
    session.execute(delete(AuditRow).where(AuditRow.case_id == case_id))
    session.execute(delete(AuditAnchorRow).where(AuditAnchorRow.case_id == case_id))
    session.execute(delete(AuditPurgeRow).where(AuditPurgeRow.case_id == case_id))
    return int(removed or 0)


def case_held(session: Session, case_id: str) -> bool:
    """Whether the vault holds the case ``case_id``."""
    return session.get(CaseRow, case_id) is not None
