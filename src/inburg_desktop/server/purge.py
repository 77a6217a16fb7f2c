"""The office's retention purge (Besluit art. 9.9; issue 16 item 2; docs/retention.md).

:func:`plan` reads every case (nothing written) and applies
:func:`~inburg_desktop.domain.retention.office_retention` to what it holds: a case whose
identity and outcome term (:attr:`~.DataCategorie.KERN`) has passed goes whole; a case
where only other categories have passed (intake and PIP data, health, the loan) loses the
fields of those categories and keeps its identity. :func:`carry_out` deletes, one
transaction per case, re-planning each case inside its transaction (what changed since the
dry run counts). :func:`reclaim` then removes the bytes: on SQLite the deletes already
overwrite freed space (``PRAGMA secure_delete``), the WAL is checkpointed and truncated,
the file rebuilt (``VACUUM``) and the WAL truncated again; on PostgreSQL the touched
tables are rewritten (``VACUUM FULL``). What neither can reach (old WAL segments, backups,
replicas) is in docs/retention.md.

What goes with a case or a category, table by table (server/tables.py):

* ``field_values``: the fields of the passed categories (:func:`~.categorie_van`);
* ``conflicts``: those whose field is of a passed category;
* ``set_aside`` (and ``set_aside_repeats``), ``applied_ops`` (the first result of a push,
  which may quote values), ``duo_reported`` (so a later DUO export does not withdraw what
  was deleted lawfully), ``attachment_cases`` and ``upload_cases``: with the intake and
  PIP data (:attr:`~.DataCategorie.OVERIG`, module docstring of ``domain.retention``);
  an attachment or upload no other case holds goes with its bytes;
* the whole case: also ``assignments`` (a ``removals`` row tells the consultant's laptops
  to drop it, as ``inburg-office unassign`` does) and ``cases``.

Kept: ``removals`` and ``duo_exports`` name a case by its id only (a random UUID, no
personal data); ``removals`` goes by ``inburg-office prune``.

A case whose facts cannot be read (no or a damaged date of birth, an unknown reason for
the end of the plicht) is *refused*: listed with a code, nothing of it deleted. The log
gets counts and codes, never a value.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, delete, select, text
from sqlalchemy.orm import Session

from inburg_desktop.domain.retention import (
    FEIT_KEYS,
    KERN_MAX_YEARS,
    Bewaartermijn,
    DataCategorie,
    categorie_van,
    feiten_uit_velden,
    office_retention,
)
from inburg_desktop.server.admin import _remove_from_caseload
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database, is_sqlite, lock_counter
from inburg_desktop.server.tables import (
    AppliedOp,
    Assignment,
    Attachment,
    AttachmentCase,
    AttachmentChunk,
    CaseRecord,
    Conflict,
    DuoReported,
    FieldValue,
    SetAside,
    SetAsideRepeat,
    Upload,
    UploadCase,
    UploadChunk,
)

log = logging.getLogger(__name__)

REFUSAL_WORDS: Mapping[str, str] = {
    "purge_feiten_onleesbaar": (
        "de geboortedatum ontbreekt of een datum of reden voor het einde van de plicht is "
        "onleesbaar; zonder die kan geen bewaartermijn worden berekend"
    ),
}
"""Why a case is left alone, by code, in the office's Dutch (the server has no catalogue)."""

TOUCHED_TABLES = (
    "field_values",
    "conflicts",
    "set_aside",
    "set_aside_repeats",
    "applied_ops",
    "duo_reported",
    "attachment_cases",
    "attachment_chunks",
    "attachments",
    "upload_cases",
    "upload_chunks",
    "uploads",
    "assignments",
    "removals",
    "cases",
)
"""The tables a purge deletes from (or adds a removal to): rewritten by :func:`reclaim`."""


@dataclass(frozen=True)
class CasePurge:
    """What goes of one case: ``geheel`` (the whole case) or the ``velden`` (field keys)
    of the passed categories; ``termijnen`` the passed terms, with their reasons."""

    case_id: str
    geheel: bool
    velden: tuple[str, ...]
    termijnen: tuple[Bewaartermijn, ...]

    @property
    def categorieen(self) -> frozenset[DataCategorie]:
        return frozenset(t.categorie for t in self.termijnen)

    def as_json(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "geheel": self.geheel,
            "velden": len(self.velden),
            "categorieen": [
                {
                    "categorie": t.categorie.value,
                    "bewaren_tot": None if t.bewaren_tot is None else t.bewaren_tot.isoformat(),
                    "weg_op": None if t.weg_op is None else t.weg_op.isoformat(),
                    "voorlopig": t.voorlopig,
                    "redenen": [{"code": r.code, "tekst": r.render()} for r in t.reasons],
                }
                for t in self.termijnen
            ],
        }


@dataclass(frozen=True)
class PurgePlan:
    """Every case with something due on ``peildatum``, the refused cases (id, code) and
    how many cases were looked at."""

    peildatum: date
    te_verwijderen: tuple[CasePurge, ...]
    geweigerd: tuple[tuple[str, str], ...]
    dossiers: int


def _decoded(rows: Iterable[tuple[str, str | None]]) -> dict[str, object]:
    """The fields ``rows`` (key, stored text or ``None`` when not read) as key to decoded
    value (``None``: not read)."""
    out: dict[str, object] = {}
    for key, raw in rows:
        if raw is None:
            out[key] = None  # a value the decision does not read: only its key counts
            continue
        try:
            out[key] = json.loads(raw)
        except (ValueError, RecursionError):
            # unreadable (a broken disk, an older version; nested past Python's limit): a
            # fact key then refuses the case, others go by key; never the whole plan
            out[key] = raw
    return out


def _case_purge(
    case_id: str, values: Mapping[str, object], on: date, kern_years: int
) -> CasePurge | None:
    """What goes of the case whose fields are ``values`` on ``on`` (key to decoded value;
    only the facts' values are read, ``domain.retention.FEIT_KEYS``); ``None`` when nothing
    does. Raises ``ValueError`` when its facts cannot be read."""
    termijnen = office_retention(feiten_uit_velden(values), kern_years=kern_years)
    due = tuple(t for t in termijnen if t.is_due(on))
    if not due:
        return None
    categorieen = {t.categorie for t in due}
    geheel = DataCategorie.KERN in categorieen
    velden = tuple(sorted(k for k in values if geheel or categorie_van(k) in categorieen))
    return CasePurge(case_id, geheel, velden, due)


PLAN_BATCH = 500
"""Cases whose fields :func:`plan` reads in one query: what it holds at once is bounded
by this, not by the office's caseload (and the query's parameters stay far below
SQLite's limit)."""


def _decision_fields(
    session: Session, case_ids: Sequence[str]
) -> dict[str, list[tuple[str, str | None]]]:
    """What the retention decision reads of ``case_ids``, per case: every field's key, with
    its stored text for the facts (``domain.retention.FEIT_KEYS``) and ``None`` for the
    rest, whose values the decision never reads (review: the plan loaded every value of
    every case: notes, PIPs, records). One query."""
    fact = FieldValue.key.in_(FEIT_KEYS)
    rows = session.execute(
        select(FieldValue.case_id, FieldValue.key, case((fact, FieldValue.value))).where(
            FieldValue.case_id.in_(case_ids)
        )
    )
    out: dict[str, list[tuple[str, str | None]]] = {}
    for case_id, key, value in rows:
        out.setdefault(case_id, []).append((key, value))
    return out


def plan(db: Database, on: date, *, kern_years: int = KERN_MAX_YEARS) -> PurgePlan:
    """What a purge on ``on`` deletes (reads only, in one transaction). ``kern_years``: the
    municipality's term for identity and outcome data (``office_retention``). Reads the
    case ids, then per :data:`PLAN_BATCH` cases their field keys and retention facts
    (:func:`_decision_fields`); a case whose facts cannot be read is refused alone."""
    purges: list[CasePurge] = []
    refused: list[tuple[str, str]] = []
    with db.read() as session:
        case_ids = session.execute(select(CaseRecord.id).order_by(CaseRecord.id)).scalars().all()
        for start in range(0, len(case_ids), PLAN_BATCH):
            batch = case_ids[start : start + PLAN_BATCH]
            fields = _decision_fields(session, batch)
            for case_id in batch:
                try:
                    found = _case_purge(case_id, _decoded(fields.get(case_id, ())), on, kern_years)
                except ValueError:
                    refused.append((case_id, "purge_feiten_onleesbaar"))
                    continue
                if found is not None:
                    purges.append(found)
    return PurgePlan(on, tuple(purges), tuple(refused), len(case_ids))


@dataclass(frozen=True)
class PurgeDone:
    """What :func:`carry_out` deleted: whole cases and cases that lost fields (ids)."""

    geheel: tuple[str, ...]
    deels: tuple[str, ...]


def carry_out(
    db: Database, purge_plan: PurgePlan, *, kern_years: int = KERN_MAX_YEARS
) -> PurgeDone:
    """Delete what ``purge_plan`` lists, one transaction per case. Each case is planned
    again inside its transaction, so a change since the plan (a recorded end of the
    plicht, a new field) counts and a case no longer due is left alone."""
    whole: list[str] = []
    partly: list[str] = []
    for listed in purge_plan.te_verwijderen:
        with db.write() as session:
            counter = lock_counter(session)
            rows = _decision_fields(session, [listed.case_id]).get(listed.case_id, [])
            try:
                now = _case_purge(listed.case_id, _decoded(rows), purge_plan.peildatum, kern_years)
            except ValueError:
                continue
            if now is None or session.get(CaseRecord, listed.case_id) is None:
                continue
            _delete(session, now)
            if now.geheel:
                assignment = session.get(Assignment, now.case_id)
                if assignment is not None:
                    _remove_from_caseload(session, counter, assignment, utcnow())
                    session.delete(assignment)
                session.execute(delete(CaseRecord).where(CaseRecord.id == now.case_id))
                whole.append(now.case_id)
            else:
                partly.append(now.case_id)
    log.info("purge: %d cases deleted whole, %d partly", len(whole), len(partly))
    return PurgeDone(tuple(whole), tuple(partly))


def _delete(session: Session, purge: CasePurge) -> None:
    case_id = purge.case_id
    if is_sqlite(str(session.get_bind().engine.url)):
        # Freed pages and cells are overwritten with zeros as they are freed (the WAL then
        # carries zeros, not the deleted values); reclaim() rebuilds the file after.
        session.execute(text("PRAGMA secure_delete=ON"))
    session.execute(
        delete(FieldValue).where(FieldValue.case_id == case_id, FieldValue.key.in_(purge.velden))
    )
    conflicts = session.execute(
        select(Conflict.field_key).where(Conflict.case_id == case_id)
    ).scalars()
    gone = [k for k in conflicts if purge.geheel or categorie_van(k) in purge.categorieen]
    if gone:
        session.execute(
            delete(Conflict).where(Conflict.case_id == case_id, Conflict.field_key.in_(gone))
        )
    if not (purge.geheel or DataCategorie.OVERIG in purge.categorieen):
        return
    held = select(SetAside.id).where(SetAside.case_id == case_id)
    session.execute(delete(SetAsideRepeat).where(SetAsideRepeat.set_aside_id.in_(held)))
    session.execute(delete(SetAside).where(SetAside.case_id == case_id))
    session.execute(delete(AppliedOp).where(AppliedOp.case_id == case_id))
    session.execute(delete(DuoReported).where(DuoReported.case_id == case_id))
    _delete_attachments(session, case_id)


def _delete_attachments(session: Session, case_id: str) -> None:
    """The case's links to attachments and uploads; the bytes too where no other case
    holds them (an attachment is shared by hash: another case's copy stays)."""
    hashes = set(
        session.execute(
            select(AttachmentCase.sha256).where(AttachmentCase.case_id == case_id)
        ).scalars()
    )
    session.execute(delete(AttachmentCase).where(AttachmentCase.case_id == case_id))
    for sha in sorted(hashes):
        if session.execute(
            select(AttachmentCase.case_id).where(AttachmentCase.sha256 == sha).limit(1)
        ).first():
            continue
        session.execute(delete(AttachmentChunk).where(AttachmentChunk.sha256 == sha))
        session.execute(delete(Attachment).where(Attachment.sha256 == sha))
    uploads = set(
        session.execute(
            select(UploadCase.device_id, UploadCase.sha256).where(UploadCase.case_id == case_id)
        )
    )
    session.execute(delete(UploadCase).where(UploadCase.case_id == case_id))
    for device_id, sha in sorted(uploads):
        if session.execute(
            select(UploadCase.case_id)
            .where(UploadCase.device_id == device_id, UploadCase.sha256 == sha)
            .limit(1)
        ).first():
            continue
        session.execute(
            delete(UploadChunk).where(UploadChunk.device_id == device_id, UploadChunk.sha256 == sha)
        )
        session.execute(delete(Upload).where(Upload.device_id == device_id, Upload.sha256 == sha))


@dataclass(frozen=True)
class Reclaimed:
    """What :func:`reclaim` did: ``complete`` False when another connection (a running
    server) kept the WAL from being truncated: run the purge again when it is idle."""

    backend: str
    complete: bool


def reclaim(db: Database) -> Reclaimed:
    """Remove the deleted bytes from the database's files (module docstring). On SQLite
    it needs no other writer for the final truncation, and says when one was there."""
    if is_sqlite(db.url):
        with db.engine.connect() as conn:
            raw: Any = conn.connection.driver_connection
            raw.execute("PRAGMA secure_delete=ON")
            busy: int = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            raw.execute("VACUUM")
            busy |= raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return Reclaimed("sqlite", busy == 0)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"VACUUM (FULL, ANALYZE) {', '.join(TOUCHED_TABLES)}")
    return Reclaimed("postgresql", True)
