"""The one place every change to a case passes: apply a field patch, bump the version,
and write the outbox entry in the same transaction.

A patch maps field keys to JSON values. Identity keys (``person.*``, ``dates.*``,
``doelgroep``) land in the case's columns; every other key is a row in ``case_fields``.
A ``None`` value clears a field. Local changes go to the outbox for the office; changes
that arrive from the office (``origin="remote"``) do not.

A local change never produces an outbox entry the office protocol refuses: keys and values
are checked against the protocol's limits before anything is written (:class:`FieldRefused`
names the field and the limit, never the value), and a change of many fields is cut into
several entries (:func:`split_patch`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.audit import WHOLE_CASE, Action, part_of_key
from inburg_desktop.domain.case import Doelgroep, ResidenceBasis
from inburg_desktop.domain.case_closure import CLOSE_KEYS, Afsluiting, stored_afsluiting
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.protocol.canonical import canonical_json, json_depth
from inburg_desktop.protocol.messages import FIELD_KEY_PATTERN as FIELD_KEY_PATTERN
from inburg_desktop.protocol.messages import MAX_FIELD_KEY as MAX_KEY
from inburg_desktop.protocol.messages import MAX_FIELDS_PER_OP as MAX_FIELDS_PER_OP
from inburg_desktop.protocol.messages import MAX_VALUE_BYTES as MAX_VALUE_BYTES
from inburg_desktop.protocol.messages import MAX_VALUE_DEPTH as MAX_VALUE_DEPTH
from inburg_desktop.storage import audit_log
from inburg_desktop.storage.errors import CaseClosed, NoSuchCase
from inburg_desktop.storage.tables import CaseRow, FieldRow, OutboxRow, SyncBaseRow

JsonValue = Any
Origin = Literal["local", "remote"]

DATE_COLUMNS = {
    "person.date_of_birth": "date_of_birth",
    "dates.koppeling": "koppeling",
    "dates.brp_registration": "brp_registration",
    "dates.duo_kennisgeving": "duo_kennisgeving",
    "dates.bijstand_start": "bijstand_start",
    "dates.pip_date": "pip_date",
    "dates.brp_after_move": "brp_after_move",
    "person.permit_since": "permit_since",
}
TEXT_COLUMNS = {
    "doelgroep": "doelgroep",
    "person.given_names": "given_names",
    "person.family_name": "family_name",
    "person.nationality": "nationality",
    "person.preferred_language": "preferred_language",
    "person.v_nummer": "v_nummer",
    "person.bsn": "bsn",
    "person.residence_basis": "residence_basis",
}
REQUIRED_COLUMNS = {
    "doelgroep",
    "person.given_names",
    "person.family_name",
    "person.date_of_birth",
    "person.nationality",
    "dates.brp_registration",
}
IDENTITY_KEYS = frozenset({*DATE_COLUMNS, *TEXT_COLUMNS, "person.languages"})
# What the office protocol accepts (docs/sync-protocol.md, "Field keys and values").
OP_SPLIT_BYTES = 512 * 1024
"""A local change is cut into outbox entries of about this many bytes of keys and values,
well inside the protocol's 1 MB push batches and 2 MiB request bodies."""


@dataclass(frozen=True)
class FieldMeta:
    """Where a field's value came from and which prompt it answers."""

    source: str = "consultant"
    confirmed: bool = True
    catalogue_version: str | None = None
    prompt_id: str | None = None


class PatchError(ValueError):
    """A patch that cannot be applied (bad key or value); nothing was written.

    ``code`` says which kind, for programs: ``bad_key``, ``unknown_field``, ``empty``,
    ``bad_date``, ``bad_type``, ``bad_doelgroep``, ``bad_residence_basis``, ``too_large``,
    ``too_deep``, ``exists``.
    """

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


class FieldRefused(PatchError):
    """A field the office protocol would refuse: ``problem`` is ``bad_key``, ``too_large``
    or ``too_deep``; ``size`` and ``limit`` are bytes (too_large) or levels (too_deep).
    The message names the field key and the limit, never the value."""

    def __init__(self, key: str, problem: str, size: int = 0, limit: int = 0) -> None:
        self.key = key
        self.problem = problem
        self.size = size
        self.limit = limit
        shown = key if FIELD_KEY_PATTERN.fullmatch(key) and len(key) <= MAX_KEY else "?"
        if problem == "too_large":
            text = (
                f"veld {shown} is te groot om te synchroniseren "
                f"({size // 1024} kB, hoogstens {limit // 1024} kB)"
            )
        elif problem == "too_deep":
            text = f"veld {shown} is te diep genest om te synchroniseren (hoogstens {limit})"
        else:
            text = "ongeldige veldnaam: alleen letters, cijfers en _ . - [ ] : (hoogstens 200)"
        super().__init__(text, problem)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def dumps(value: JsonValue) -> str:
    """``value`` as stored and sent: the protocol's canonical JSON."""
    return canonical_json(value)


def value_bytes(value: JsonValue) -> int:
    """Bytes of ``value`` in canonical JSON (how the protocol measures a value)."""
    return len(dumps(value).encode("utf-8"))


def sync_problem(key: str, value: JsonValue) -> FieldRefused | None:
    """Why the office protocol would refuse this field, or ``None`` when it may go."""
    if not isinstance(key, str) or not 1 <= len(key) <= MAX_KEY:
        return FieldRefused(str(key)[:MAX_KEY], "bad_key")
    if not FIELD_KEY_PATTERN.fullmatch(key):
        return FieldRefused(key, "bad_key")
    depth = json_depth(value)
    if depth > MAX_VALUE_DEPTH:
        return FieldRefused(key, "too_deep", depth, MAX_VALUE_DEPTH)
    size = value_bytes(value)
    if size > MAX_VALUE_BYTES:
        return FieldRefused(key, "too_large", size, MAX_VALUE_BYTES)
    return None


def split_patch(
    patch: Mapping[str, JsonValue], resolves: list[str] | None = None
) -> list[tuple[dict[str, JsonValue], list[str]]]:
    """Cut a patch into parts of at most ``MAX_FIELDS_PER_OP`` fields and about
    ``OP_SPLIT_BYTES`` bytes each, identity fields first (so a new case's first part
    creates it at the office with its identity). Each part carries the ``resolves`` keys it
    holds. One part when the patch fits: ``[(patch, resolves)]``. Values are assumed to be
    within ``MAX_VALUE_BYTES`` (:func:`sync_problem`), so every part fits a push batch."""
    wanted = set(resolves or [])
    keys = sorted(patch, key=lambda k: k not in IDENTITY_KEYS)
    parts: list[tuple[dict[str, JsonValue], list[str]]] = []
    current: dict[str, JsonValue] = {}
    size = 0
    for key in keys:
        n = len(key.encode("utf-8")) + value_bytes(patch[key]) + 4
        if current and (len(current) >= MAX_FIELDS_PER_OP or size + n > OP_SPLIT_BYTES):
            parts.append((current, sorted(wanted & current.keys())))
            current, size = {}, 0
        current[key] = patch[key]
        size += n
    if current or not parts:
        parts.append((current, sorted(wanted & current.keys())))
    return parts


def check_field(key: str, value: JsonValue) -> None:
    """Raise :class:`PatchError` when ``key``/``value`` cannot be stored in a case (an
    identity column with a wrong type or date, an unknown ``person.``/``dates.`` key);
    the message names the key, never the value."""
    _check_key(key)
    if key in IDENTITY_KEYS:
        column_value(key, value)


def _check_key(key: str) -> None:
    if not key or len(key) > MAX_KEY:
        raise PatchError("ongeldige veldnaam", "bad_key")
    if key not in IDENTITY_KEYS and key.startswith(("person.", "dates.")):
        raise PatchError(f"onbekend veld {key}", "unknown_field")


def column_value(key: str, value: JsonValue) -> Any:
    """Convert a patch value for an identity column, validating it."""
    if value is None:
        if key in REQUIRED_COLUMNS:
            raise PatchError(f"{key} mag niet leeg zijn", "empty")
        return None
    if key in DATE_COLUMNS:
        if not isinstance(value, str):
            raise PatchError(f"{key} moet een datum zijn", "bad_date")
        try:
            return parse_iso_date(value)
        except ValueError:
            # Not chained: the parser's message repeats the text it refused.
            raise PatchError(f"{key} moet een datum zijn", "bad_date") from None
    if key == "person.languages":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PatchError(f"{key} moet een lijst van taalcodes zijn", "bad_type")
        return dumps(value)
    if not isinstance(value, str):
        raise PatchError(f"{key} moet tekst zijn", "bad_type")
    if key == "doelgroep":
        try:
            Doelgroep(value)
        except ValueError:
            # Not chained: the enum's message repeats the value it refused.
            raise PatchError(f"{key} is geen bekende doelgroep", "bad_doelgroep") from None
    if key == "person.residence_basis":
        try:
            ResidenceBasis(value)
        except ValueError:
            raise PatchError(
                f"{key} is geen bekende verblijfsgrond", "bad_residence_basis"
            ) from None
    return value


def apply_patch(
    session: Session,
    case_id: str,
    patch: Mapping[str, JsonValue],
    *,
    origin: Origin = "local",
    meta: Mapping[str, FieldMeta] | None = None,
    server_version: int | None = None,
    resolves: list[str] | None = None,
    seen_version: int | None = None,
    fresh: bool = False,
) -> int:
    """Apply ``patch`` to an existing case inside the caller's transaction.

    Returns the case's new local version. Writes the outbox entries of a local change: one,
    or several when the protocol needs it (:func:`split_patch`). A local key or value the
    protocol would refuse raises :class:`FieldRefused` before anything is written.
    ``seen_version`` is the office version of the case as the editor showed it: when a
    sync has pulled newer office values since, the edit goes out against what the
    consultant saw, so the office keeps both values as a conflict instead of the edit
    silently replacing an office change the consultant never saw.
    ``fresh``: the case was created in this transaction and holds no fields yet, so no
    field is looked up before it is written (:func:`create_case`; one query less per
    field, which is most of the cost of an import or a seeded caseload).
    """
    case = session.get(CaseRow, case_id)
    if case is None:
        raise NoSuchCase(case_id=case_id)
    if origin == "local":
        for key, value in patch.items():
            problem = sync_problem(key, value)
            if problem is not None:
                raise problem
        # a closed case is read-only on the laptop (usability round 9, #20); resolving a
        # conflict stays possible, since an open conflict keeps the case from its purge
        if patch and not resolves and (closed := closed_of(session, case_id)) is not None:
            raise CaseClosed((closed.reason,))
    stamp = now()
    meta = meta or {}
    if origin == "local" and case.server_version > 0:
        record_bases(session, case, patch.keys(), stamp)
    rows = {} if fresh else _held_rows(session, case.id, patch.keys())
    for key, value in patch.items():
        _apply_one(session, case, key, value, meta.get(key), stamp, rows)
    case.version += 1
    case.updated_at = stamp
    if server_version is not None:
        case.server_version = server_version
    if origin == "local" and patch and not fresh:
        # the audit trail: which field groups changed, never a value (issue 16)
        audit_log.record_parts(
            session, case_id, Action.CHANGE, map(part_of_key, patch), coalesce=True
        )
    if origin == "local" and patch:
        base = (
            case.server_version if seen_version is None else min(seen_version, case.server_version)
        )
        for part, part_resolves in split_patch(patch, resolves):
            session.add(
                OutboxRow(
                    case_id=case_id,
                    base_version=base,
                    patch=dumps(part),
                    created_at=stamp,
                    resolves=dumps(part_resolves),
                )
            )
    return case.version


def closed_of(session: Session, case_id: str) -> Afsluiting | None:
    """The close the office recorded for ``case_id`` (``domain.case_closure``), or
    ``None`` while it is open (or its close does not read)."""
    rows = session.execute(
        select(FieldRow.key, FieldRow.value).where(
            FieldRow.case_id == case_id, FieldRow.key.in_(CLOSE_KEYS)
        )
    )
    return stored_afsluiting((key, raw) for key, raw in rows)


def record_bases(session: Session, case: CaseRow, keys: Iterable[str], stamp: datetime) -> None:
    """Keep, for each of ``keys`` that has none yet, the value it holds now as the common
    base of a later conflict: before the first local change since the office last agreed,
    this is the value both the office and this laptop started from. Two queries, whatever
    the number of keys (autosave runs this on every edit)."""
    wanted = set(keys)
    if not wanted:
        return
    have = set(
        session.scalars(
            select(SyncBaseRow.field_key).where(
                SyncBaseRow.case_id == case.id, SyncBaseRow.field_key.in_(wanted)
            )
        )
    )
    missing = wanted - have
    if not missing:
        return
    identity = case_patch(case)
    held = select(FieldRow.key, FieldRow.value).where(
        FieldRow.case_id == case.id, FieldRow.key.in_(missing - identity.keys())
    )
    stored = {key: value for key, value in session.execute(held)}
    for key in sorted(missing):
        text = dumps(identity[key]) if key in identity else stored.get(key, "null")
        session.add(SyncBaseRow(case_id=case.id, field_key=key, value=text, created_at=stamp))


def _held_rows(session: Session, case_id: str, keys: Iterable[str]) -> dict[str, FieldRow]:
    """The ``case_fields`` rows of ``keys`` the case has, in one query whatever their
    number (issue 14: a pulled case looked up each field with its own query)."""
    wanted = [key for key in keys if key not in IDENTITY_KEYS]
    if not wanted:
        return {}
    stmt = select(FieldRow).where(FieldRow.case_id == case_id, FieldRow.key.in_(wanted))
    return {row.key: row for row in session.scalars(stmt)}


def _apply_one(
    session: Session,
    case: CaseRow,
    key: str,
    value: JsonValue,
    meta: FieldMeta | None,
    stamp: datetime,
    rows: dict[str, FieldRow],
) -> None:
    _check_key(key)
    if key in DATE_COLUMNS:
        setattr(case, DATE_COLUMNS[key], column_value(key, value))
        return
    if key in TEXT_COLUMNS:
        setattr(case, TEXT_COLUMNS[key], column_value(key, value))
        return
    if key == "person.languages":
        case.languages = column_value(key, value)
        return
    if value is None:
        if (held := rows.pop(key, None)) is not None:
            session.delete(held)
        return
    row = rows.get(key)
    meta = meta or FieldMeta()
    if row is None:
        row = FieldRow(case_id=case.id, key=key)
        session.add(row)
        rows[key] = row
    row.value = dumps(value)
    row.source = meta.source
    row.confirmed = meta.confirmed
    row.catalogue_version = meta.catalogue_version
    row.prompt_id = meta.prompt_id
    row.updated_at = stamp


def case_patch(row: CaseRow) -> dict[str, JsonValue]:
    """The identity columns of ``row`` as a patch (what a new case sends to the office)."""
    out: dict[str, JsonValue] = {}
    for key, col in DATE_COLUMNS.items():
        value = getattr(row, col)
        out[key] = value.isoformat() if value is not None else None
    for key, col in TEXT_COLUMNS.items():
        out[key] = getattr(row, col)
    out["person.languages"] = json.loads(row.languages)
    return out


def create_case(
    session: Session,
    case_id: str,
    patch: Mapping[str, JsonValue],
    *,
    source: str = "consultant",
    origin: Origin = "local",
    meta: Mapping[str, FieldMeta] | None = None,
    absent: bool = False,
) -> CaseRow:
    """Insert a new case from a patch that holds at least the required identity keys;
    returns its row. ``absent``: the caller read in this transaction that no case with
    this id exists (a pulled page reads that for all its cases at once), so it is not
    looked up again."""
    missing = sorted(k for k in REQUIRED_COLUMNS if patch.get(k) in (None, ""))
    if missing:
        raise PatchError(f"{missing[0]} ontbreekt", "empty")
    if not absent and session.get(CaseRow, case_id) is not None:
        raise PatchError(f"dossier {case_id} bestaat al", "exists")
    stamp = now()
    row = CaseRow(
        id=case_id,
        doelgroep="",
        given_names="",
        family_name="",
        date_of_birth=date(1900, 1, 1),
        nationality="",
        languages="[]",
        brp_registration=date(1900, 1, 1),
        source=source,
        version=0,
        server_version=0,
        created_at=stamp,
        updated_at=stamp,
    )
    session.add(row)
    session.flush()
    apply_patch(session, case_id, patch, origin=origin, meta=meta, fresh=True)
    if origin == "local":
        audit_log.record(session, case_id, Action.CREATE, WHOLE_CASE)
    return row


def new_case_rows(
    case_id: str,
    patch: Mapping[str, JsonValue],
    *,
    source: str,
    server_version: int,
    stamp: datetime,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The ``cases`` row and ``case_fields`` rows (as column dicts, for a bulk insert) of
    a case that :func:`create_case` with ``origin="remote"`` would make from ``patch``:
    the same checks, the same values, version 1, no outbox entry. Raises
    :class:`PatchError` for anything ``create_case`` would refuse; nothing is written."""
    missing = sorted(k for k in REQUIRED_COLUMNS if patch.get(k) in (None, ""))
    if missing:
        raise PatchError(f"{missing[0]} ontbreekt", "empty")
    case: dict[str, Any] = {
        "id": case_id,
        "doelgroep": "",
        "given_names": "",
        "family_name": "",
        "date_of_birth": date(1900, 1, 1),
        "nationality": "",
        "languages": "[]",
        "brp_registration": date(1900, 1, 1),
        **{column: None for column in DATE_COLUMNS.values() if column not in _REQUIRED_DATES},
        **{column: None for column in TEXT_COLUMNS.values() if column not in _REQUIRED_TEXT},
        "source": source,
        "version": 1,
        "server_version": server_version,
        "created_at": stamp,
        "updated_at": stamp,
    }
    fields: list[dict[str, Any]] = []
    default = FieldMeta()
    for key, value in patch.items():
        _check_key(key)
        if key in DATE_COLUMNS:
            case[DATE_COLUMNS[key]] = column_value(key, value)
        elif key in TEXT_COLUMNS:
            case[TEXT_COLUMNS[key]] = column_value(key, value)
        elif key == "person.languages":
            case["languages"] = column_value(key, value)
        elif value is not None:
            fields.append(
                {
                    "case_id": case_id,
                    "key": key,
                    "value": dumps(value),
                    "source": default.source,
                    "confirmed": default.confirmed,
                    "catalogue_version": default.catalogue_version,
                    "prompt_id": default.prompt_id,
                    "updated_at": stamp,
                }
            )
    return case, fields


_REQUIRED_DATES = {"date_of_birth", "brp_registration"}
_REQUIRED_TEXT = {"doelgroep", "given_names", "family_name", "nationality"}


def field_values(session: Session, case_id: str, prefix: str = "") -> dict[str, JsonValue]:
    """All field values of a case whose key starts with ``prefix``."""
    stmt = select(FieldRow.key, FieldRow.value).where(FieldRow.case_id == case_id)
    if prefix:
        stmt = stmt.where(FieldRow.key.startswith(prefix, autoescape=True))
    return {key: json.loads(value) for key, value in session.execute(stmt)}
