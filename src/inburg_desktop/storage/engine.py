"""The SQLCipher engine: raw key, WAL, synchronous=FULL, temp_store=MEMORY.

Every database error that leaves the engine is first explained (``storage.diagnosis``):
a full disk, a read-only medium, a missing permission or another process's lock arrives
as the matching :class:`~inburg_desktop.storage.errors.VaultError`, never as a bare
``OperationalError`` that a caller could mistake for damage.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import QueuePool

from inburg_desktop.storage.diagnosis import SQLITE_READONLY, examine_medium, explain
from inburg_desktop.storage.diagnosis import read_only as read_only_medium
from inburg_desktop.storage.secret import SecretKey

CACHE_KIB = 32 * 1024
# How long a statement waits for another connection's lock before "in use" is reported.
BUSY_TIMEOUT_MS = 10_000
# Execution option of a connection whose transaction writes (``OpenVault.transaction``);
# without it a transaction only reads.
WRITES = "inburg_writes"


# SQLite maps the WAL index (-shm) in regions of this size (https://www.sqlite.org/walformat.html).
WAL_INDEX_REGION = 32 * 1024


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` read-only on a medium mounted read-only.

    ``mode=ro`` alone cannot read a WAL-mode vault there when its ``-shm`` file is absent
    (it cannot be created: SQLITE_READONLY_CANTINIT), which is the normal state after a
    clean close. Then ``immutable=1``: nothing can change the file on a read-only medium,
    so SQLite may skip locking and the shared memory. A ``-wal`` left by a program that
    did not close cleanly holds committed transactions that ``immutable`` would ignore:
    then ``mode=ro`` reads them through the existing ``-shm`` (SQLite 3.22+).

    A ``-wal`` with committed transactions but no ``-shm`` (copied without it, attack
    round 4): ``mode=ro`` cannot create the shared memory and fails SQLITE_CANTOPEN, and
    ``immutable`` would show the vault without those transactions. Then the ``unix-none``
    VFS (no file locks, which a read-only medium cannot take for writing anyway) with
    ``PRAGMA locking_mode = EXCLUSIVE`` set before the first read
    (:func:`wal_index_in_memory`): SQLite builds the WAL index in this process's memory
    (https://www.sqlite.org/wal.html, "Use of WAL Without Shared-Memory"), so the
    transactions are read and nothing is written anywhere, neither beside the vault nor
    a decrypted or encrypted copy in a temp folder.

    A vault on a full disk (``services.vault_session.unlock_for_reading``) is opened the
    same way, with one difference: while its ``-shm`` exists another program may hold it
    open and write, so ``immutable`` (which reads without locks) is not used there, and
    ``mode=ro`` reads under that program's locks. Without a ``-shm`` nobody has it open,
    and on a full disk nobody can: opening needs that file.
    """
    wal = Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    if wal_index_in_memory(path):
        query = "mode=ro&vfs=unix-none"
    elif has_wal or (_shm_in_use(path) and not _mounted_read_only(path)):
        query = "mode=ro"
    else:
        query = "mode=ro&immutable=1"
    return f"{path.absolute().as_uri()}?{query}"


def _shm_in_use(path: Path) -> bool:
    """Whether ``path``'s ``-shm`` can be a WAL index some program works with: SQLite maps
    it in regions of 32 KiB, so a shorter one (left by an open that failed on a full
    disk) is none, and counts as absent."""
    try:
        return os.stat(f"{path}-shm").st_size >= WAL_INDEX_REGION
    except FileNotFoundError:
        return False


def _mounted_read_only(path: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:  # pragma: no cover - Windows
        return False
    try:
        return bool(statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def wal_index_in_memory(path: Path) -> bool:
    """Whether a read-only open of ``path`` must keep the WAL index in memory: a
    non-empty ``-wal`` without its ``-shm``, on a platform with the ``unix-none`` VFS."""
    if sys.platform == "win32":  # pragma: no cover - no unix VFS there
        return False
    wal = Path(f"{path}-wal")
    try:
        return wal.stat().st_size > 0 and not _shm_in_use(path)
    except FileNotFoundError:
        return False


def connect_raw(path: Path, key: SecretKey, *, read_only: bool = False) -> sqlcipher3.Connection:
    """One SQLCipher connection keyed with the raw 32-byte key (no PBKDF2); with
    ``read_only``, opened through :func:`read_only_uri` (any write then fails as
    SQLITE_READONLY, explained as the read-only medium it is)."""
    target, uri = (read_only_uri(path), True) if read_only else (str(path), False)
    conn = sqlcipher3.connect(target, check_same_thread=False, isolation_level=None, uri=uri)
    # The raw-key form skips SQLCipher's own passphrase KDF (DESIGN.md, Key management).
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    if read_only and "vfs=unix-none" in target:
        # Before the first read, or SQLite asks for the -shm it cannot create.
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
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


def make_engine(path: Path, key: SecretKey, *, read_only: bool = False) -> Engine:
    """An engine over the vault file; connections re-key from ``key`` until it is wiped.
    ``read_only``: every connection opens the file read-only (:func:`read_only_uri`)."""

    def creator() -> Any:
        conn = connect_raw(path, key, read_only=read_only)
        if not read_only:  # both would write to the file (its header, the journal mode)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            # What a delete frees is overwritten with zeros, in the page and in the WAL
            # frame that carries it: a purged case (AVG art. 17, Besluit art. 9.9) must not
            # stay readable to whoever holds the key (OpenVault.reclaim_space).
            conn.execute("PRAGMA secure_delete = ON")
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
        if _refused_by_query_only(context):
            # A write in a read session is a programming error, not the user's file
            # lacking permission: SQLAlchemy's own OperationalError says what happened.
            return None
        code = getattr(context.original_exception, "sqlite_errorcode", None)
        if read_only and isinstance(code, int) and code & 0xFF == SQLITE_READONLY:
            # Opened read-only because the medium is read-only or the disk full
            # (services.vault_session.unlock_for_reading): say which, not "permission".
            return examine_medium(path) or read_only_medium(path)
        # Returning an exception makes SQLAlchemy raise it instead of its own wrapper.
        return explain(context.original_exception, path)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if conn.get_execution_options().get(WRITES):
            # A write takes the write lock at BEGIN, so two writers queue (busy timeout)
            # instead of one failing late when it upgrades its read lock.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            # A read never takes the write lock: under WAL it runs beside the writer, so a
            # case list loading 10,000 cases no longer makes an autosave wait for it (it
            # waited 1.4 s, and at the busy timeout failed with "in use"; issue 14).
            # ``query_only`` makes an accidental write in a read fail loudly instead of
            # upgrading the lock late.
            conn.exec_driver_sql("BEGIN")
        writes = bool(conn.get_execution_options().get(WRITES))
        conn.exec_driver_sql(f"PRAGMA query_only = {0 if writes else 1}")

    @event.listens_for(engine, "checkin")
    def _writable_again(dbapi_connection: Any, _record: Any) -> None:
        # ``query_only`` outlives its transaction on the pooled connection: reset it, so
        # work outside any transaction (a WAL checkpoint before a migration) is not refused.
        dbapi_connection.execute("PRAGMA query_only = 0")

    return engine


def _refused_by_query_only(context: ExceptionContext) -> bool:
    """Whether the error is ``query_only`` refusing a write in a read transaction: plain
    SQLITE_READONLY on a connection without :data:`WRITES` (where every write meets
    ``query_only`` first; a read on a read-only medium reports an extended code such as
    SQLITE_READONLY_CANTINIT, which stays explained as the medium's)."""
    code = getattr(context.original_exception, "sqlite_errorcode", None)
    connection = context.connection
    return (
        code == SQLITE_READONLY
        and connection is not None
        and not connection.get_execution_options().get(WRITES)
    )
