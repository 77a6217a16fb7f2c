"""The SQLCipher engine: raw key, WAL, synchronous=FULL, temp_store=MEMORY."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from inburg_desktop.storage.secret import SecretKey

CACHE_KIB = 32 * 1024


def connect_raw(path: Path, key: SecretKey) -> sqlcipher3.Connection:
    """One SQLCipher connection keyed with the raw 32-byte key (no PBKDF2)."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    # The raw-key form skips SQLCipher's own passphrase KDF (DESIGN.md, Key management).
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    conn.execute("PRAGMA cipher_memory_security = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    return conn


def make_engine(path: Path, key: SecretKey) -> Engine:
    """An engine over the vault file; connections re-key from ``key`` until it is wiped."""

    def creator() -> Any:
        conn = connect_raw(path, key)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 10000")
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

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn: Any) -> None:
        # Take the write lock at BEGIN, so two writers queue instead of failing late.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
