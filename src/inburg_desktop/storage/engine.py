"""The SQLCipher engine: raw key, WAL, synchronous=FULL, temp_store=MEMORY.

Every database error that leaves the engine is first explained (``storage.diagnosis``):
a full disk, a read-only medium, a missing permission or another process's lock arrives
as the matching :class:`~inburg_desktop.storage.errors.VaultError`, never as a bare
``OperationalError`` that a caller could mistake for damage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import QueuePool

from inburg_desktop.storage.diagnosis import explain
from inburg_desktop.storage.secret import SecretKey

CACHE_KIB = 32 * 1024
# How long a statement waits for another connection's lock before "in use" is reported.
BUSY_TIMEOUT_MS = 10_000


def connect_raw(path: Path, key: SecretKey) -> sqlcipher3.Connection:
    """One SQLCipher connection keyed with the raw 32-byte key (no PBKDF2)."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    # The raw-key form skips SQLCipher's own passphrase KDF (DESIGN.md, Key management).
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    # No ``cipher_memory_security``: it wipes and locks every allocation SQLite makes, not
    # only SQLCipher's key material (which SQLCipher locks and wipes regardless), and it
    # doubled the CPU of every write (issue 14: 15.4 vs 7.8 ms per case, plain SQLite
    # 7.8). It guards nothing DESIGN.md's key management relies on: the key is a wiped
    # bytearray on lock, and while unlocked the decrypted rows sit in Python objects and
    # widgets anyway (docs/threat-model.md, "An unlocked, running laptop").
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    # Before anything reads the file: a lock held elsewhere is waited for, not an error.
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    return conn


def make_engine(path: Path, key: SecretKey) -> Engine:
    """An engine over the vault file; connections re-key from ``key`` until it is wiped."""

    def creator() -> Any:
        conn = connect_raw(path, key)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    engine = create_engine(
        "sqlite+pysqlite://",
        module=sqlcipher3.dbapi2,
        creator=creator,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        hide_parameters=True,  # SQL errors must never carry personal data into logs
    )

    @event.listens_for(engine, "handle_error")
    def _explain(context: ExceptionContext) -> BaseException | None:
        # Returning an exception makes SQLAlchemy raise it instead of its own wrapper.
        return explain(context.original_exception, path)

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn: Any) -> None:
        # Take the write lock at BEGIN, so two writers queue instead of failing late.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
