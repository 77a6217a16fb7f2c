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
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Row, bindparam, delete, event, insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from inburg_desktop.storage.errors import VaultError
from inburg_desktop.storage.tables import Base, CaseSummaryRow, CaseSummaryStaleRow

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


def stale_ids(session: Session) -> list[str]:
    """The cases whose summary must be computed again."""
    return list(session.scalars(select(CaseSummaryStaleRow.case_id)))


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
    autosave never waits for a caseload. When the computation fails for a reason of its
    own (not the database's), the transaction still commits with its cases marked, and a
    later read computes them: a summary must never cost the consultant a write.
    """

    def __init__(self) -> None:
        self._compute: Compute | None = None

    def attach(self, sessions: sessionmaker[Any]) -> None:
        """Watch every session ``sessions`` creates."""
        event.listen(sessions, "before_flush", self._flushing)
        event.listen(sessions, "do_orm_execute", self._executing)
        event.listen(sessions, "before_commit", self._before_commit)

    def keep(self, compute: Compute) -> None:
        """Compute summaries with ``compute`` from now on."""
        self._compute = compute

    @property
    def compute(self) -> Compute | None:
        return self._compute

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
        marked = session.connection().execute(select(STALE.c.case_id)).scalars()
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
            refresh(session, compute, ids)
        except (DBAPIError, VaultError):
            raise
        except Exception as exc:  # the computation's own fault: the write goes on
            # What a chunk computed before stays written; the rest stays marked.
            log.warning("case summaries left to compute later: %s", type(exc).__name__)


_BACKLOG = "inburg.summary_backlog"
