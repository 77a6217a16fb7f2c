"""Reading and writing cases in an open vault session (the case repository)."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.case import (
    Case,
    CaseDates,
    Doelgroep,
    Inburgeraar,
    ResidenceBasis,
    WachtenOpDerde,
)
from inburg_desktop.domain.handover import Handover
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.protocol import handover_fields
from inburg_desktop.protocol.handover_fields import HANDOVER_NOTE_LABELS as HANDOVER_NOTE_LABELS
from inburg_desktop.protocol.handover_fields import HANDOVER_NOTES_PREFIX as HANDOVER_NOTES_PREFIX
from inburg_desktop.storage.changes import FieldMeta, apply_patch, create_case, field_values
from inburg_desktop.storage.errors import NoSuchCase
from inburg_desktop.storage.tables import CaseRow, FieldRow

COA_SOURCE = "coa"
GEMEENTE_KEY = "gemeente"  # the case's gemeente, a CBS code (issue 16 item 5)
WACHTEN_KEY = "pip.wachten_op_derde"  # Besluit art. 5.3 lid 2: {reden, sinds, ontvangen}


def new_case_id() -> str:
    return str(uuid.uuid4())


CONSULTANT_SOURCE = "consultant"


def handover_patch(
    handover: Handover, source: str = COA_SOURCE
) -> tuple[dict[str, Any], dict[str, FieldMeta]]:
    """The patch (and field provenance) that an imported handover file becomes: the
    protocol's patch (``protocol.handover_fields``), with the sender's own words marked
    as from the COA and not yet confirmed (typed by the consultant: theirs, confirmed)."""
    patch = handover_fields.handover_patch(handover)
    if source == COA_SOURCE:
        from_coa = FieldMeta(source=COA_SOURCE, confirmed=False)
        meta = {key: from_coa for key in patch if handover_fields.from_sender(key)}
    else:
        meta = {}
    return patch, meta


def import_handover(
    session: Session,
    handover: Handover,
    source: str = COA_SOURCE,
    gemeente: str | None = None,
) -> str:
    """Create a case from a parsed handover (a file, or the consultant's "Nieuw dossier"
    with ``source=CONSULTANT_SOURCE``); returns the new case id. ``gemeente``: the case's
    gemeente (a canonical CBS code, checked by the caller), written in the same change
    as the case, so the office gets both in one push."""
    case_id = new_case_id()
    patch, meta = handover_patch(handover, source)
    if gemeente is not None:
        patch[GEMEENTE_KEY] = gemeente
    create_case(session, case_id, patch, source=source, meta=meta)
    return case_id


def to_domain(row: CaseRow | Row[Any]) -> Case:
    """The domain's case from its stored columns (an ORM row, or a plain row of the
    ``cases`` table's columns)."""
    return Case(
        id=row.id,
        doelgroep=Doelgroep(row.doelgroep),
        person=Inburgeraar(
            given_names=row.given_names,
            family_name=row.family_name,
            date_of_birth=row.date_of_birth,
            nationality=row.nationality,
            languages=tuple(json.loads(row.languages)),
            preferred_language=row.preferred_language,
            v_nummer=row.v_nummer,
            bsn=row.bsn,
            residence_basis=residence_basis(row.residence_basis),
            permit_since=row.permit_since,
        ),
        dates=CaseDates(
            brp_registration=row.brp_registration,
            koppeling=row.koppeling,
            duo_kennisgeving=row.duo_kennisgeving,
            bijstand_start=row.bijstand_start,
            pip_date=row.pip_date,
            brp_after_move=row.brp_after_move,
        ),
    )


def residence_basis(value: str | None) -> ResidenceBasis | None:
    """The stored residence basis; ``None`` when empty or unknown to this version."""
    try:
        return None if value is None else ResidenceBasis(value)
    except ValueError:
        return None  # written by a newer version: unknown here, warned about as unknown


def wachten_op_derde(fields: Mapping[str, Any]) -> WachtenOpDerde | None:
    """The recorded wait for a third party's information, or ``None`` (also when malformed:
    the deadline then stays the one of lid 1, never later)."""
    value = fields.get(WACHTEN_KEY)
    if not isinstance(value, dict):
        return None
    with contextlib.suppress(KeyError, TypeError, ValueError):
        received = value.get("ontvangen")
        return WachtenOpDerde(
            reden=str(value["reden"]),
            sinds=parse_iso_date(value["sinds"]),
            ontvangen=None if received is None else parse_iso_date(received),
        )
    return None


def wachten_value(wait: WachtenOpDerde | None) -> dict[str, Any] | None:
    """The stored form of a wait for a third party (``None`` clears it)."""
    if wait is None:
        return None
    return {
        "reden": wait.reden,
        "sinds": wait.sinds.isoformat(),
        "ontvangen": None if wait.ontvangen is None else wait.ontvangen.isoformat(),
    }


@dataclass(frozen=True)
class StoredCase:
    """A case with all its fields, as read from the vault."""

    case: Case
    version: int
    fields: dict[str, Any]
    server_version: int = 0  # the office version this laptop last pulled

    def field(self, key: str, default: Any = None) -> Any:
        return self.fields.get(key, default)


def get_case(session: Session, case_id: str) -> StoredCase:
    row = session.get(CaseRow, case_id)
    if row is None:
        raise NoSuchCase(case_id=case_id)
    fields = field_values(session, case_id)
    case = to_domain(row)
    wait = wachten_op_derde(fields)
    if wait is not None:
        case = replace(case, dates=replace(case.dates, wachten_op_derde=wait))
    return StoredCase(case, row.version, fields, row.server_version)


ID_CHUNK = 500
"""Case ids per ``IN (...)`` query: well inside SQLite's limit on parameters."""


def stored_cases(
    session: Session,
    *,
    prefixes: tuple[str, ...],
    keys: tuple[str, ...] = (),
    skip_suffixes: tuple[str, ...] = (),
    case_ids: Collection[str] | None = None,
) -> list[StoredCase]:
    """Every case in the case list's order (family name, then id), or those of
    ``case_ids`` (in chunks of :data:`ID_CHUNK`, in no promised order), each with only the
    fields whose key starts with one of ``prefixes`` or is one of ``keys`` (and the wait
    for a third party, which the case's dates hold), less those ending in one of
    ``skip_suffixes``. Two queries (per chunk) whatever the number of cases, where
    :func:`get_case` costs two per case.

    ``StoredCase.fields`` then holds only those fields: for views that need a known part
    of every case (the case list's status), never for editing a case.
    """
    if case_ids is None:
        return _stored_cases(session, prefixes, (*keys, WACHTEN_KEY), skip_suffixes, None)
    chosen = list(dict.fromkeys(case_ids))
    out: list[StoredCase] = []
    for start in range(0, len(chosen), ID_CHUNK):
        part = chosen[start : start + ID_CHUNK]
        out += _stored_cases(session, prefixes, (*keys, WACHTEN_KEY), skip_suffixes, part)
    return out


def _stored_cases(
    session: Session,
    prefixes: tuple[str, ...],
    keys: tuple[str, ...],
    skip_suffixes: tuple[str, ...],
    case_ids: list[str] | None,
) -> list[StoredCase]:
    cases = select(CaseRow.__table__).order_by(CaseRow.family_name, CaseRow.id)
    wanted = [FieldRow.key.startswith(prefix, autoescape=True) for prefix in prefixes]
    wanted.append(FieldRow.key.in_(keys))
    fields = select(FieldRow.case_id, FieldRow.key, FieldRow.value).where(or_(*wanted))
    for suffix in skip_suffixes:
        fields = fields.where(~FieldRow.key.endswith(suffix, autoescape=True))
    if case_ids is not None:
        cases = cases.where(CaseRow.id.in_(case_ids))
        fields = fields.where(FieldRow.case_id.in_(case_ids))
    by_case: dict[str, dict[str, Any]] = {}
    for case_id, key, value in session.execute(fields):
        by_case.setdefault(case_id, {})[key] = json.loads(value)
    out = []
    for row in session.execute(cases):
        values = by_case.get(row.id, {})
        case = to_domain(row)
        wait = wachten_op_derde(values)
        if wait is not None:
            case = replace(case, dates=replace(case.dates, wachten_op_derde=wait))
        out.append(StoredCase(case, row.version, values, row.server_version))
    return out


def case_versions(session: Session) -> dict[str, tuple[int, int]]:
    """Every case's (local version, office version): what moves on every write to it."""
    stmt = select(CaseRow.id, CaseRow.version, CaseRow.server_version)
    return {case_id: (version, server) for case_id, version, server in session.execute(stmt)}


def iter_cases(session: Session) -> Iterator[Case]:
    for row in session.scalars(select(CaseRow).order_by(CaseRow.family_name, CaseRow.id)):
        yield to_domain(row)


def update_fields(
    session: Session,
    case_id: str,
    patch: dict[str, Any],
    meta: dict[str, FieldMeta] | None = None,
    *,
    seen_version: int | None = None,
) -> int:
    """Apply a local edit (autosave, PIP, oproep...) and queue it for the office.

    ``seen_version``: the office version the editor read the case at (see ``apply_patch``).
    """
    return apply_patch(session, case_id, patch, meta=meta, seen_version=seen_version)
