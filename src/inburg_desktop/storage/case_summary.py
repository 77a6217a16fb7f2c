"""The case summary table (``case_summaries``, migration 0007): one row per case with what
the case list and ``inburg case list`` show and search, so the list reads one table.

Keeping it current takes two parts, so that no write can forget it:

* **Which cases changed** is the database's business: triggers on ``cases`` mark a case
  in ``case_summary_stale`` when it is created or any column a summary holds changes
  (every patch moves ``version``: ``storage.changes.apply_patch``), drop the summary of
  a deleted case, and copy a new office version over. Any write marks, however it is
  made (the ORM, a bulk insert of pulled cases, plain SQL).
* **Computing a summary** needs the prompt catalogue (how far each intake topic is),
  which this layer does not read, so the computation is handed in
  (:meth:`SummaryKeeper.keep`, by ``services.case_summary``): before a transaction of the
  vault's sessions commits, :class:`SummaryKeeper` computes the summaries of the cases
  marked and clears the marks, in that same transaction.

A vault opened without a computation handed in (a tool, a test) only marks; whoever reads
summaries computes what is marked first (``services.case_summary``), so a summary read is
never behind its case.

**What a transaction wrote** (so a summary can be brought up to date from itself and the
changed fields instead of from the whole case: an autosave changes one field): temporary
triggers on each connection (:data:`TEMP_SCHEMA`, in memory: ``temp_store = MEMORY``)
record, for each case that has a summary, the first value each field held before the
transaction wrote it, the case's version before its first change and whether a column the
summary copies changed; every writing transaction begins with none recorded (what is
held between transactions is what the connection's page cache holds anyway). They are
the database's business too, so a write of any kind is seen; :func:`written` reads them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    bindparam,
    delete,
    event,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from inburg_desktop.storage.engine import WRITES
from inburg_desktop.storage.errors import VaultError
from inburg_desktop.storage.tables import (
    Base,
    CaseRow,
    CaseSummaryRow,
    CaseSummaryStaleRow,
    FieldRow,
)

log = logging.getLogger(__name__)

SUMMARIES = Base.metadata.tables[CaseSummaryRow.__tablename__]
STALE = Base.metadata.tables[CaseSummaryStaleRow.__tablename__]
COLUMNS: tuple[str, ...] = tuple(column.name for column in SUMMARIES.columns)
TRIGGERS = (
    "case_summary_on_insert",
    "case_summary_on_update",
    "case_summary_on_office_version",
    "case_summary_on_delete",
)
"""The triggers of migration 0007 that mark what changed (``OpenVault.check`` looks for
them: a later migration that copies ``cases`` to alter it drops them)."""

CHUNK = 500
"""Case ids per ``IN (...)`` and per transaction when many summaries are computed."""

SummaryValues = dict[str, Any]
"""One case's summary: a value for each of :data:`COLUMNS`."""

Compute = Callable[[Session, list[str]], list[SummaryValues]]
"""The summaries of the given case ids (those the vault holds), read in the session."""

Update = Callable[[Session, list[str]], list[str]]
"""Bring the summaries of the given case ids (marked by the transaction of the session)
up to date from what the transaction wrote (:func:`written`), in that transaction;
returns the ids it could not (computed whole by :data:`Compute` then)."""

CASES = Base.metadata.tables[CaseRow.__tablename__]
FIELDS = Base.metadata.tables[FieldRow.__tablename__]

TEMP_TABLES = {
    "summary_written_fields": (
        "CREATE TEMP TABLE IF NOT EXISTS summary_written_fields (case_id TEXT NOT NULL, "
        "key TEXT NOT NULL, held INTEGER NOT NULL, old_value TEXT, "
        "PRIMARY KEY (case_id, key)) WITHOUT ROWID"
    ),
    "summary_written_cases": (
        "CREATE TEMP TABLE IF NOT EXISTS summary_written_cases (case_id TEXT PRIMARY KEY, "
        "old_version INTEGER NOT NULL, identity INTEGER NOT NULL) WITHOUT ROWID"
    ),
}


def _note_field(case_id: str, key: str, held: str, old_value: str) -> str:
    # No conflict clause: a trigger's ``OR IGNORE`` would give way to the writing
    # statement's own (``INSERT OR REPLACE`` would then overwrite the first old value).
    return (
        "INSERT INTO temp.summary_written_fields (case_id, key, held, old_value) "
        f"SELECT {case_id}, {key}, {held}, {old_value} WHERE NOT EXISTS (SELECT 1 FROM "
        f"temp.summary_written_fields WHERE case_id = {case_id} AND key = {key});"
    )


IDENTITY_COLUMNS = (
    "doelgroep",
    "given_names",
    "family_name",
    "date_of_birth",
    "nationality",
    "languages",
    "v_nummer",
    "koppeling",
    "brp_registration",
    "duo_kennisgeving",
    "bijstand_start",
    "pip_date",
    "residence_basis",
    "permit_since",
    "brp_after_move",
)
"""The columns of ``cases`` a summary holds (migration 0007 marks a case when one of them
or its version changes)."""

_HAS_SUMMARY = "EXISTS (SELECT 1 FROM main.case_summaries WHERE case_id = {})"
TEMP_TRIGGERS = {
    # BEFORE the insert: an ``INSERT OR REPLACE`` deletes the row it replaces without
    # firing delete triggers, so the value held is read while it is still there.
    "summary_field_insert": (
        "CREATE TEMP TRIGGER IF NOT EXISTS summary_field_insert BEFORE INSERT ON "
        f"main.case_fields WHEN {_HAS_SUMMARY.format('NEW.case_id')} BEGIN "
        + _note_field(
            "NEW.case_id",
            "NEW.key",
            "(SELECT count(*) FROM main.case_fields WHERE case_id = NEW.case_id AND key = NEW.key)",
            "(SELECT value FROM main.case_fields WHERE case_id = NEW.case_id AND key = NEW.key)",
        )
        + " END"
    ),
    "summary_field_update": (
        "CREATE TEMP TRIGGER IF NOT EXISTS summary_field_update AFTER UPDATE ON "
        f"main.case_fields WHEN {_HAS_SUMMARY.format('OLD.case_id')} "
        f"OR {_HAS_SUMMARY.format('NEW.case_id')} BEGIN "
        + _note_field("OLD.case_id", "OLD.key", "1", "OLD.value")
        # A changed key (no path does that): the new key held nothing before.
        + _note_field("NEW.case_id", "NEW.key", "0", "NULL")
        + " END"
    ),
    "summary_field_delete": (
        "CREATE TEMP TRIGGER IF NOT EXISTS summary_field_delete AFTER DELETE ON "
        f"main.case_fields WHEN {_HAS_SUMMARY.format('OLD.case_id')} BEGIN "
        + _note_field("OLD.case_id", "OLD.key", "1", "OLD.value")
        + " END"
    ),
    "summary_case_update": (
        "CREATE TEMP TRIGGER IF NOT EXISTS summary_case_update AFTER UPDATE ON main.cases "
        f"WHEN {_HAS_SUMMARY.format('OLD.id')} BEGIN "
        "INSERT INTO temp.summary_written_cases (case_id, old_version, identity) SELECT "
        "OLD.id, OLD.version, 0 WHERE NOT EXISTS (SELECT 1 FROM temp.summary_written_cases "
        "WHERE case_id = OLD.id); "
        "UPDATE temp.summary_written_cases SET identity = 1 WHERE case_id = OLD.id AND ("
        + " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in IDENTITY_COLUMNS)
        + "); END"
    ),
}
"""The temporary triggers (by name) that record what a transaction wrote to cases with a
summary, into :data:`TEMP_TABLES` (see the module's docstring and :class:`Written`)."""

TEMP_SCHEMA = (*TEMP_TABLES, *TEMP_TRIGGERS)


@dataclass(frozen=True)
class Written:
    """What the current transaction wrote to one case that had a summary.

    ``old_version``: the case's version before the transaction first changed its row
    (``None``: its row was not updated, e.g. it was created in this transaction).
    ``identity``: whether a column of :data:`IDENTITY_COLUMNS` changed value.
    ``fields``: for each field key written (inserted, updated or deleted), the JSON text it
    held before the transaction first wrote it, or ``None`` when it held none.
    """

    case_id: str
    old_version: int | None
    identity: bool = False
    fields: Mapping[str, str | None] = field(default_factory=dict)


def written(session: Session, case_ids: Collection[str]) -> dict[str, Written]:
    """What the session's transaction wrote to ``case_ids`` (those with a summary when it
    wrote them; the others are absent), from the temporary triggers. Two queries."""
    wanted = set(case_ids)
    conn = session.connection()
    versions = {
        case_id: (version, bool(identity))
        for case_id, version, identity in conn.exec_driver_sql(
            "SELECT case_id, old_version, identity FROM temp.summary_written_cases"
        )
        if case_id in wanted
    }
    fields: dict[str, dict[str, str | None]] = {}
    for case_id, key, held, old_value in conn.exec_driver_sql(
        "SELECT case_id, key, held, old_value FROM temp.summary_written_fields"
    ):
        if case_id in wanted:
            fields.setdefault(case_id, {})[key] = old_value if held else None
    return {
        case_id: Written(case_id, *versions.get(case_id, (None, True)), fields.get(case_id, {}))
        for case_id in wanted
        if case_id in versions or case_id in fields
    }


def _forget_written(session: Session, case_ids: Sequence[str]) -> None:
    """Drop what was recorded of ``case_ids`` (their summaries were just written whole)."""
    conn = session.connection()
    if not _has_temp_schema(conn):
        return
    for start in range(0, len(case_ids), CHUNK):
        part = list(case_ids[start : start + CHUNK])
        marks = ", ".join("?" * len(part))
        for name in TEMP_TABLES:
            conn.exec_driver_sql(f"DELETE FROM temp.{name} WHERE case_id IN ({marks})", tuple(part))


def _has_temp_schema(conn: Connection) -> bool:
    names = ", ".join(f"'{name}'" for name in TEMP_SCHEMA)
    found = conn.exec_driver_sql(
        f"SELECT count(*) FROM temp.sqlite_master WHERE name IN ({names})"
    ).scalar()
    return found == len(TEMP_SCHEMA)


def _begin_recording(conn: Connection) -> None:
    """At the start of a writing transaction, before anything in it can write: the
    temporary tables and triggers in place (on a connection's first such transaction; a
    rolled-back one takes what it created along), nothing recorded yet."""
    if _has_temp_schema(conn):
        for name in TEMP_TABLES:
            conn.exec_driver_sql(f"DELETE FROM temp.{name}")
    else:
        for ddl in (*TEMP_TABLES.values(), *TEMP_TRIGGERS.values()):
            conn.exec_driver_sql(ddl)


def read_versions(
    session: Session, case_ids: Collection[str]
) -> dict[str, tuple[str, int, int, int, int, int]]:
    """For each of ``case_ids`` that has a summary: its ``computed_with``, ``version``,
    ``topics_covered`` and ``topics_total``, and its case's version and office version;
    one query per chunk."""
    ids = list(dict.fromkeys(case_ids))
    conn = session.connection()
    out: dict[str, tuple[str, int, int, int, int, int]] = {}
    for start in range(0, len(ids), CHUNK):
        part = tuple(ids[start : start + CHUNK])
        rows = conn.exec_driver_sql(
            "SELECT s.case_id, s.computed_with, s.version, s.topics_covered, s.topics_total, "
            "c.version, c.server_version FROM case_summaries AS s JOIN cases AS c "
            f"ON c.id = s.case_id WHERE s.case_id IN ({', '.join('?' * len(part))})",
            part,
        )
        for case_id, made, version, covered, total, now, office in rows:
            out[case_id] = (made, version, covered, total, now, office)
    return out


def read_with_cases(
    session: Session, case_ids: Collection[str]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """For each of ``case_ids`` that has a summary: its columns (:data:`COLUMNS`) and its
    case's own columns (identity, dates, version and office version, by column name), in
    chunks of one query, in no promised order."""
    stmt = select(*SUMMARIES.c, *CASES.c).join(CASES, CASES.c.id == SUMMARIES.c.case_id)
    own = len(SUMMARIES.c)
    case_columns = [column.name for column in CASES.c]
    ids = list(dict.fromkeys(case_ids))
    out: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        for row in session.connection().execute(stmt.where(SUMMARIES.c.case_id.in_(part))):
            held = dict(zip(COLUMNS, row[:own], strict=True))
            out.append((held, dict(zip(case_columns, row[own:], strict=True))))
    return out


def fields_of(
    session: Session, case_id: str, keys: Sequence[str], prefixes: Sequence[str]
) -> dict[str, Any]:
    """The decoded values of one case's fields named in ``keys`` or starting with one of
    ``prefixes``; one query. Each prefix is a range of the primary key: keys compare
    bytewise (``BINARY``), so every key that starts with ``p`` lies from ``p`` up to ``p``
    with its last character's successor."""
    wanted = []
    params: list[str] = [case_id]
    if keys:
        wanted.append(f"key IN ({', '.join('?' * len(keys))})")
        params += keys
    for prefix in prefixes:
        wanted.append("(key >= ? AND key < ?)")
        params += [prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)]
    if not wanted:
        return {}
    rows = session.connection().exec_driver_sql(
        f"SELECT key, value FROM case_fields WHERE case_id = ? AND ({' OR '.join(wanted)})",
        tuple(params),
    )
    return {name: json.loads(value) for name, value in rows}


def _sql_value(value: Any) -> Any:
    """A value as SQLAlchemy's SQLite types store it (dates ISO, booleans 0/1)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def update_columns(session: Session, summaries: Sequence[SummaryValues]) -> None:
    """Store part of summaries: each mapping holds ``case_id`` and some of :data:`COLUMNS`
    to change (one ``UPDATE`` per set of columns, executemany)."""
    by_columns: dict[tuple[str, ...], list[SummaryValues]] = {}
    for summary in summaries:
        columns = tuple(sorted(k for k in summary if k != "case_id"))
        unknown = set(columns) - set(COLUMNS)
        if unknown:
            raise ValueError(f"not a summary column: {sorted(unknown)}")
        by_columns.setdefault(columns, []).append(summary)
    conn = session.connection()
    for columns, group in by_columns.items():
        sql = (
            f"UPDATE case_summaries SET {', '.join(f'{c} = ?' for c in columns)} WHERE case_id = ?"
        )
        params = [(*(_sql_value(s[c]) for c in columns), s["case_id"]) for s in group]
        conn.exec_driver_sql(sql, params if len(params) > 1 else params[0])


def unmark(session: Session, case_ids: Sequence[str]) -> None:
    """Clear the marks of ``case_ids`` (their summaries are current)."""
    conn = session.connection()
    for start in range(0, len(case_ids), CHUNK):
        part = tuple(case_ids[start : start + CHUNK])
        marks = ", ".join("?" * len(part))
        conn.exec_driver_sql(f"DELETE FROM case_summary_stale WHERE case_id IN ({marks})", part)


def stale_ids(session: Session) -> list[str]:
    """The cases whose summary must be computed again."""
    return list(_marked(session.connection()))


def _marked(conn: Connection) -> Iterator[str]:
    # Plain SQL: every write transaction asks this twice (``SummaryKeeper``).
    return (case_id for (case_id,) in conn.exec_driver_sql(_MARKED))


_MARKED = "SELECT case_id FROM case_summary_stale"


def mark_stale(session: Session, case_ids: Collection[str]) -> None:
    """Mark ``case_ids`` for computing again (a summary computed by older code)."""
    ids = list(case_ids)
    for start in range(0, len(ids), CHUNK):
        session.execute(
            insert(STALE).prefix_with("OR IGNORE"),
            [{"case_id": case_id} for case_id in ids[start : start + CHUNK]],
        )


def refresh(session: Session, compute: Compute, case_ids: Collection[str]) -> None:
    """Compute and store the summaries of ``case_ids`` and clear their marks, in the
    caller's transaction (an id the vault no longer holds just loses its mark)."""
    ids = list(dict.fromkeys(case_ids))
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        write(session, compute(session, part))
        session.execute(delete(STALE).where(STALE.c.case_id.in_(part)))


def write(session: Session, summaries: Sequence[SummaryValues]) -> None:
    """Store whole summaries, replacing any held for the same cases."""
    if summaries:
        session.execute(insert(SUMMARIES).prefix_with("OR REPLACE"), list(summaries))
        # What was recorded of them is in these summaries now: a later write in the same
        # transaction is brought up to date from them, not from older values.
        _forget_written(session, [summary["case_id"] for summary in summaries])


LIST_COLUMNS = (
    "case_id",
    "version",
    "server_version",
    "computed_with",
    "given_names",
    "family_name",
    "doelgroep",
    "nationality",
    "languages",
    "v_nummer",
    "brp_registration",
    "topics_covered",
    "topics_total",
    "pip_status",
    "search_own",
    "status_on",
    "status_until",
    "plichtig",
    "pip_deadline",
    "pip_deadline_provisional",
    "deadline_state",
    "notes",
    "gemeente",
)
"""What a list shows of a case, in this order (:func:`read`); the dates the rules read are
left out, needed only for an outcome of another day (:func:`read_whole`)."""


def read(
    session: Session, case_ids: Collection[str] | None = None, *, whole: bool = False
) -> list[Row[Any]]:
    """The summaries in the case list's first order, family name then case id, as rows of
    :data:`LIST_COLUMNS` (``whole``: of every column, :data:`COLUMNS`); with
    ``case_ids`` only theirs (in chunks, in no promised order)."""
    columns = SUMMARIES.c if whole else [SUMMARIES.c[name] for name in LIST_COLUMNS]
    stmt = select(*columns).order_by(SUMMARIES.c.family_name, SUMMARIES.c.case_id)
    if case_ids is None:
        return list(session.execute(stmt).all())
    ids = list(dict.fromkeys(case_ids))
    out: list[Row[Any]] = []
    for start in range(0, len(ids), CHUNK):
        out += session.execute(stmt.where(SUMMARIES.c.case_id.in_(ids[start : start + CHUNK])))
    return out


def versions(session: Session) -> dict[str, tuple[int, int]]:
    """Every summary's case version and office version."""
    stmt = select(SUMMARIES.c.case_id, SUMMARIES.c.version, SUMMARIES.c.server_version)
    return {case_id: (local, office) for case_id, local, office in session.execute(stmt)}


STATUS_COLUMNS = (
    "status_on",
    "status_until",
    "plichtig",
    "pip_deadline",
    "pip_deadline_provisional",
    "deadline_state",
    "notes",
)
"""The columns of the rules' outcome on one day (:func:`write_statuses`)."""


def write_statuses(session: Session, statuses: Sequence[Mapping[str, Any]]) -> None:
    """Store the rules' outcome of cases on a later day: each mapping holds ``case_id``,
    ``version`` (the summary is only updated while the case is still at that version)
    and :data:`STATUS_COLUMNS`."""
    if not statuses:
        return
    stmt = (
        update(SUMMARIES)
        .where(
            SUMMARIES.c.case_id == bindparam("b_case_id"),
            SUMMARIES.c.version == bindparam("b_version"),
        )
        .values({column: bindparam(column) for column in STATUS_COLUMNS})
    )
    params = [
        {"b_case_id": s["case_id"], "b_version": s["version"], **{c: s[c] for c in STATUS_COLUMNS}}
        for s in statuses
    ]
    session.execute(stmt, params)


def missing_triggers(conn: Connection | Session) -> list[str]:
    """The triggers of :data:`TRIGGERS` the vault lacks (none when all is well)."""
    held = set(conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    return [name for name in TRIGGERS if name not in held]


class SummaryKeeper:
    """Computes the summaries of the cases a transaction of a vault's sessions marked,
    before it commits (the outermost transaction: a savepoint's release is not the end),
    with the computation handed in by :meth:`keep`.

    Only what the transaction itself marked: cases marked before it began (a migration's
    backfill, writes made while no computation was handed in) are left to the reader,
    which computes them in chunks of their own (``services.case_summary``), so an
    autosave never waits for a caseload. With an update handed in too, a summary is first
    brought up to date from itself and what the transaction wrote (:func:`written`), and
    computed whole only where that cannot be done. When the computation fails for a
    reason of its own (not the database's), the transaction still commits with its cases
    marked, and a later read computes them: a summary must never cost the consultant a
    write.
    """

    def __init__(self) -> None:
        self._compute: Compute | None = None
        self._update: Update | None = None

    def attach(self, sessions: sessionmaker[Any]) -> None:
        """Watch every session ``sessions`` creates, and every connection of its engine
        (the temporary record of what each writing transaction wrote)."""
        event.listen(sessions, "before_flush", self._flushing)
        event.listen(sessions, "do_orm_execute", self._executing)
        event.listen(sessions, "before_commit", self._before_commit)
        engine = sessions.kw.get("bind")
        if engine is not None:
            # After the engine's own "begin" listener, which opens the transaction.
            event.listen(engine, "begin", self._beginning)

    def keep(self, compute: Compute, update: Update | None = None) -> None:
        """Compute summaries with ``compute`` from now on; with ``update``, bring them up
        to date from what each transaction wrote first."""
        self._compute = compute
        self._update = update

    @property
    def compute(self) -> Compute | None:
        return self._compute

    @property
    def update(self) -> Update | None:
        return self._update

    def _beginning(self, conn: Connection) -> None:
        # Migrations and reads never write through ``WRITES``; only a vault whose
        # summaries are brought up to date needs the record.
        if self._update is not None and conn.get_execution_options().get(WRITES):
            _begin_recording(conn)

    # What was marked before a transaction's first write is its backlog: read then (a
    # read-only session never asks), before anything of its own can mark.
    def _flushing(self, session: Session, _context: object, _instances: object) -> None:
        self._note_backlog(session)

    def _executing(self, state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            self._note_backlog(state.session)

    def _note_backlog(self, session: Session) -> None:
        if self._compute is None:
            return
        root = session.get_transaction()
        held = session.info.get(_BACKLOG)
        if held is not None and held[0] is root:
            return
        marked = _marked(session.connection())
        session.info[_BACKLOG] = (root, frozenset(marked))

    def _before_commit(self, session: Session) -> None:
        compute = self._compute
        if compute is None or session.in_nested_transaction():
            return
        session.flush()  # the triggers mark what the pending changes change
        began, backlog = session.info.pop(_BACKLOG, (None, frozenset()))
        if began is not session.get_transaction():
            return  # wrote nothing (through this session) since it began
        ids = [case_id for case_id in stale_ids(session) if case_id not in backlog]
        if not ids:
            return
        try:
            # A writing transaction recorded what it wrote (``_beginning``).
            if self._update is not None and session.connection().get_execution_options().get(
                WRITES
            ):
                rest = self._update(session, ids)
                done = set(ids) - set(rest)
                unmark(session, [case_id for case_id in ids if case_id in done])
                ids = rest
            if ids:
                refresh(session, compute, ids)
        except (DBAPIError, VaultError):
            raise
        except Exception as exc:  # the computation's own fault: the write goes on
            # What a chunk computed before stays written; the rest stays marked.
            log.warning("case summaries left to compute later: %s", type(exc).__name__)


_BACKLOG = "inburg.summary_backlog"
