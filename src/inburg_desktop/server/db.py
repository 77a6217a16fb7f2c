"""Engines and sessions for the office database (SQLite file or PostgreSQL).

On SQLite every writing transaction starts with ``BEGIN IMMEDIATE`` (one writer at a time,
no lock upgrades that fail under load) in WAL mode; read-only sessions start deferred. On
PostgreSQL writers serialise on the change counter's row lock (:func:`lock_counter`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from inburg_desktop.server.tables import SyncState

READONLY = "inburg_readonly"


def default_db_path() -> Path:
    """Where ``inburg-office`` keeps its SQLite file when no database is given (the user
    data dir); nothing is made."""
    return Path(platformdirs.user_data_dir("inburg-office", appauthor=False)) / "office.db"


def default_db_url() -> str:
    """An SQLite file in the user data dir for ``inburg-office`` (its folder made,
    owner-only)."""
    path = default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return f"sqlite:///{path}"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets WAL, a busy timeout and immediate write locks."""
    if not is_sqlite(url):
        return create_engine(
            url, pool_pre_ping=True, pool_size=10, max_overflow=20, hide_parameters=True
        )
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"timeout": 60, "check_same_thread": False},
        hide_parameters=True,
    )

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get(READONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    if parsed.database and parsed.database != ":memory:" and os.name == "posix":
        db_path = Path(parsed.database)
        if not db_path.exists():
            db_path.touch(mode=0o600)
    return engine


class Database:
    """The engine and its two session factories, created once per app or command."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._write = sessionmaker(self.engine, expire_on_commit=False)
        options: dict[str, Any] = {READONLY: True}
        if not is_sqlite(url):
            options["isolation_level"] = "REPEATABLE READ"  # one snapshot per pull
        self._read = sessionmaker(self.engine.execution_options(**options), expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any exception."""
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


class Counter:
    """Hands out sequence numbers inside a writing transaction that holds the lock."""

    def __init__(self, state: SyncState) -> None:
        self._state = state

    def next(self) -> int:
        self._state.seq += 1
        return self._state.seq

    @property
    def floor(self) -> int:
        return self._state.floor

    def raise_floor(self, seq: int) -> None:
        """Cursors below ``seq`` can no longer be served incrementally."""
        self._state.floor = max(self._state.floor, seq)


def lock_counter(session: Session) -> Counter:
    """Take the change counter's row lock; call first in every writing transaction."""
    state = session.execute(
        select(SyncState).where(SyncState.id == 1).with_for_update()
    ).scalar_one()
    return Counter(state)


def committed_seq(session: Session) -> tuple[int, int]:
    """The counter and floor as committed (read before the rows a pull returns)."""
    row = session.execute(select(SyncState.seq, SyncState.floor).where(SyncState.id == 1)).one()
    return int(row[0]), int(row[1])
