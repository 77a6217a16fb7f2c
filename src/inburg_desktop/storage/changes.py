"""The one place every change to a case passes: apply a field patch, bump the version,
and write the outbox entry in the same transaction.

A patch maps field keys to JSON values. Identity keys (``person.*``, ``dates.*``,
``doelgroep``) land in the case's columns; every other key is a row in ``case_fields``.
A ``None`` value clears a field. Local changes go to the outbox for the office; changes
that arrive from the office (``origin="remote"``) do not.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.case import Doelgroep
from inburg_desktop.storage.errors import NoSuchCase
from inburg_desktop.storage.tables import CaseRow, FieldRow, OutboxRow

JsonValue = Any
Origin = Literal["local", "remote"]

DATE_COLUMNS = {
    "person.date_of_birth": "date_of_birth",
    "dates.koppeling": "koppeling",
    "dates.brp_registration": "brp_registration",
    "dates.duo_kennisgeving": "duo_kennisgeving",
    "dates.bijstand_start": "bijstand_start",
    "dates.pip_date": "pip_date",
}
TEXT_COLUMNS = {
    "doelgroep": "doelgroep",
    "person.given_names": "given_names",
    "person.family_name": "family_name",
    "person.nationality": "nationality",
    "person.preferred_language": "preferred_language",
    "person.v_nummer": "v_nummer",
    "person.bsn": "bsn",
}
REQUIRED_COLUMNS = {
    "doelgroep",
    "person.given_names",
    "person.family_name",
    "person.date_of_birth",
    "person.nationality",
    "dates.brp_registration",
}
MAX_KEY = 200


@dataclass(frozen=True)
class FieldMeta:
    """Where a field's value came from and which prompt it answers."""

    source: str = "consultant"
    confirmed: bool = True
    catalogue_version: str | None = None
    prompt_id: str | None = None


class PatchError(ValueError):
    """A patch that cannot be applied (bad key or value); nothing was written."""


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def dumps(value: JsonValue) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def column_value(key: str, value: JsonValue) -> Any:
    """Convert a patch value for an identity column, validating it."""
    if value is None:
        if key in REQUIRED_COLUMNS:
            raise PatchError(f"{key} mag niet leeg zijn")
        return None
    if key in DATE_COLUMNS:
        if not isinstance(value, str):
            raise PatchError(f"{key} moet een datum zijn")
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise PatchError(f"{key} moet een datum zijn") from exc
    if key == "person.languages":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PatchError(f"{key} moet een lijst van taalcodes zijn")
        return dumps(value)
    if not isinstance(value, str):
        raise PatchError(f"{key} moet tekst zijn")
    if key == "doelgroep":
        Doelgroep(value)
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
) -> int:
    """Apply ``patch`` to an existing case inside the caller's transaction.

    Returns the case's new local version. Writes one outbox entry for a local change.
    ``seen_version`` is the office version of the case as the editor showed it: when a
    sync has pulled newer office values since, the edit goes out against what the
    consultant saw, so the office keeps both values as a conflict instead of the edit
    silently replacing an office change the consultant never saw.
    """
    case = session.get(CaseRow, case_id)
    if case is None:
        raise NoSuchCase(f"Dossier {case_id} bestaat niet.")
    stamp = now()
    meta = meta or {}
    for key, value in patch.items():
        _apply_one(session, case, key, value, meta.get(key), stamp)
    case.version += 1
    case.updated_at = stamp
    if server_version is not None:
        case.server_version = server_version
    if origin == "local" and patch:
        session.add(
            OutboxRow(
                case_id=case_id,
                base_version=(
                    case.server_version
                    if seen_version is None
                    else min(seen_version, case.server_version)
                ),
                patch=dumps(dict(patch)),
                created_at=stamp,
                resolves=dumps(sorted(resolves or [])),
            )
        )
    return case.version


def _apply_one(
    session: Session,
    case: CaseRow,
    key: str,
    value: JsonValue,
    meta: FieldMeta | None,
    stamp: datetime,
) -> None:
    if not key or len(key) > MAX_KEY:
        raise PatchError("ongeldige veldnaam")
    if key in DATE_COLUMNS:
        setattr(case, DATE_COLUMNS[key], column_value(key, value))
        return
    if key in TEXT_COLUMNS:
        setattr(case, TEXT_COLUMNS[key], column_value(key, value))
        return
    if key == "person.languages":
        case.languages = column_value(key, value)
        return
    if key.startswith(("person.", "dates.")):
        raise PatchError(f"onbekend veld {key}")
    if value is None:
        session.execute(delete(FieldRow).where(FieldRow.case_id == case.id, FieldRow.key == key))
        return
    row = session.get(FieldRow, (case.id, key))
    meta = meta or FieldMeta()
    if row is None:
        row = FieldRow(case_id=case.id, key=key)
        session.add(row)
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
) -> None:
    """Insert a new case from a patch that holds at least the required identity keys."""
    missing = sorted(k for k in REQUIRED_COLUMNS if patch.get(k) in (None, ""))
    if missing:
        raise PatchError(f"{missing[0]} ontbreekt")
    if session.get(CaseRow, case_id) is not None:
        raise PatchError(f"dossier {case_id} bestaat al")
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
    apply_patch(session, case_id, patch, origin=origin, meta=meta)


def field_values(session: Session, case_id: str, prefix: str = "") -> dict[str, JsonValue]:
    """All field values of a case whose key starts with ``prefix``."""
    stmt = select(FieldRow.key, FieldRow.value).where(FieldRow.case_id == case_id)
    if prefix:
        stmt = stmt.where(FieldRow.key.startswith(prefix, autoescape=True))
    return {key: json.loads(value) for key, value in session.execute(stmt)}
