"""The laptop's grace period, and which closed cases leave this laptop after a sync.

A case whose plicht ended (``uitkomst.plicht_einde`` recorded: the case is closed) stays
on the laptop :func:`grace_setting` days after the later of that day and the last sync
that took everything of it to the office, then it goes
(:func:`~inburg_desktop.domain.retention.laptop_purge`; AVG art. 5 lid 1 c and e). Never
while something of it has not reached the office: unsent changes, attachments not
uploaded, open conflicts, changes set aside and not sent: those block, with the reason;
unless a legal term of the case (Besluit art. 9.9, ``office_retention``) has passed, which
makes it due regardless (its unsent work is set aside first, as for any purge).

"The last sync that took everything" is kept per closed case as the day and the case's
local version then (setting :data:`SYNCED_KEY`): a round that finds the case with nothing
waiting and a version other than the one noted notes the new day, so an edit after
closing starts the grace period again, and a round that only looks does not.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.retention import (
    DATE_OF_BIRTH_KEY,
    DEFAULT_GRACE_DAYS,
    LENING_EINDE_KEY,
    OVERLEDEN_KEY,
    PLICHT_EINDE_KEY,
    PLICHT_EINDE_REDEN_KEY,
    Bewaartermijn,
    LaptopFeiten,
    LaptopPurge,
    feiten_uit_velden,
    grace_days,
    laptop_purge,
    office_retention,
)
from inburg_desktop.storage.sync_state import get_setting, set_setting
from inburg_desktop.storage.tables import (
    AttachmentRow,
    CaseRow,
    ConflictRow,
    FieldRow,
    OutboxRow,
    QuarantineRow,
)

GRACE_KEY = "retention.grace_days"
"""The grace period setting in days (:func:`~inburg_desktop.domain.retention.grace_days`)."""
SYNCED_KEY = "retention.fully_synced"
"""Per closed case id: ``[ISO day, local version]`` of its last full sync."""


def grace_setting(session: Session) -> int:
    """The grace period in days: the stored setting, or the domain's default when none
    is stored or the stored one is out of range (a hand-edited vault)."""
    try:
        return grace_days(get_setting(session, GRACE_KEY, DEFAULT_GRACE_DAYS))
    except ValueError:
        return DEFAULT_GRACE_DAYS


def set_grace_setting(session: Session, days: int) -> int:
    """Store the grace period; raises ``ValueError`` (nothing stored) outside
    [``MIN_GRACE_DAYS``, ``MAX_GRACE_DAYS``] or for anything but whole days."""
    set_setting(session, GRACE_KEY, grace_days(days))
    return days


@dataclass(frozen=True)
class ClosedCase:
    """A closed case on this laptop and what :func:`laptop_purge` says of it."""

    case_id: str
    purge: LaptopPurge


def _closed(session: Session) -> dict[str, date]:
    out: dict[str, date] = {}
    for case_id, raw in session.execute(
        select(FieldRow.case_id, FieldRow.value).where(FieldRow.key == PLICHT_EINDE_KEY)
    ):
        try:
            value = json.loads(raw)
            out[case_id] = parse_iso_date(value)
        except (ValueError, TypeError):
            continue  # unreadable: not known to be closed, so it stays
    return out


FACT_KEYS = (PLICHT_EINDE_KEY, PLICHT_EINDE_REDEN_KEY, OVERLEDEN_KEY, LENING_EINDE_KEY)


def _legal_terms(
    session: Session, case_ids: Collection[str]
) -> dict[str, tuple[Bewaartermijn, ...]]:
    """Per case, its terms under Besluit art. 9.9 (``office_retention``) from the facts it
    holds; a case whose facts do not read has none (the grace period still applies)."""
    values: dict[str, dict[str, object]] = {}
    for case_id, born in session.execute(
        select(CaseRow.id, CaseRow.date_of_birth).where(CaseRow.id.in_(case_ids))
    ):
        values[case_id] = {DATE_OF_BIRTH_KEY: born.isoformat()}
    for case_id, key, raw in session.execute(
        select(FieldRow.case_id, FieldRow.key, FieldRow.value).where(FieldRow.case_id.in_(case_ids))
    ):
        held = values.setdefault(case_id, {})
        if key not in FACT_KEYS:
            held[key] = None  # its category counts (which terms apply), not its value
            continue
        try:
            held[key] = json.loads(raw)
        except ValueError:
            held[key] = raw
    out: dict[str, tuple[Bewaartermijn, ...]] = {}
    for case_id, held in values.items():
        try:
            out[case_id] = office_retention(feiten_uit_velden(held))
        except ValueError:
            out[case_id] = ()
    return out


def _count(session: Session, column: object, *where: object) -> dict[str, int]:
    rows = session.execute(select(column, func.count()).where(*where).group_by(column))  # type: ignore[call-overload]
    return {case_id: int(n) for case_id, n in rows}


def closed_cases(session: Session, on: date, *, note_synced: bool = False) -> list[ClosedCase]:
    """Every closed case with whether it goes on ``on``; with ``note_synced`` (in a write
    transaction, after a sync round, whose caller then purges every case found due) a
    case with nothing waiting gets its full sync noted as ``on`` when its version changed
    since the last note (module docstring)."""
    closed = _closed(session)
    if not closed:
        if note_synced and get_setting(session, SYNCED_KEY):
            set_setting(session, SYNCED_KEY, {})
        return []
    outbox = _count(session, OutboxRow.case_id)
    unsent = _count(session, AttachmentRow.case_id, AttachmentRow.uploaded.is_(False))
    conflicts = _count(session, ConflictRow.case_id)
    held = _count(
        session,
        QuarantineRow.case_id,
        QuarantineRow.direction == "push",
        QuarantineRow.sent_at.is_(None),
    )
    versions = {
        case_id: version
        for case_id, version in session.execute(
            select(CaseRow.id, CaseRow.version).where(CaseRow.id.in_(closed))
        )
    }
    stored = get_setting(session, SYNCED_KEY, {})
    marks: dict[str, list[object]] = stored if isinstance(stored, dict) else {}
    marks = {k: v for k, v in marks.items() if k in versions}
    grace = grace_setting(session)
    legal = _legal_terms(session, closed)
    out: list[ClosedCase] = []
    for case_id, ended in sorted(closed.items()):
        if case_id not in versions:
            continue
        feiten = LaptopFeiten(
            afgesloten_op=ended,
            wachtende_wijzigingen=outbox.get(case_id, 0),
            wachtende_bijlagen=unsent.get(case_id, 0),
            open_conflicten=conflicts.get(case_id, 0),
            in_quarantaine=held.get(case_id, 0),
        )
        waiting = (
            feiten.wachtende_wijzigingen
            + feiten.wachtende_bijlagen
            + feiten.open_conflicten
            + feiten.in_quarantaine
        )
        mark = marks.get(case_id)
        if note_synced and not waiting and (mark is None or mark[1] != versions[case_id]):
            mark = [on.isoformat(), versions[case_id]]
            marks[case_id] = mark
        synced = None
        if isinstance(mark, list) and mark and isinstance(mark[0], str):
            synced = parse_iso_date(mark[0])
        feiten = replace(feiten, volledig_gesynct_op=synced)
        found = laptop_purge(feiten, on, grace=grace, legal_terms=legal.get(case_id, ()))
        if found.due:
            marks.pop(case_id, None)  # it goes now (the caller purges every due case)
        out.append(ClosedCase(case_id, found))
    if note_synced:
        set_setting(session, SYNCED_KEY, marks)
    return out
