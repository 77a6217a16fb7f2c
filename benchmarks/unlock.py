"""Unlock time and SQLCipher overhead, measured side by side in one run; prints JSON.

* unlock: derive the key with the production Argon2id parameters, open the vault,
  migrate check, and run the first query (the case list's), median of N runs.
* overhead: the app's own write/read workload (create cases through the same patch path
  the app uses, then read them back for the case list) on SQLCipher against the same
  code on a plain SQLite file with the same pragmas.

Run: python benchmarks/unlock.py [--runs 7] [--cases 300]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services.case_list import load_case_rows
from inburg_desktop.storage import migrate
from inburg_desktop.storage.vault import OpenVault, create_vault, unlock_vault

PASSPHRASE = "een lange zin als wachtwoord voor de meting"


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure_unlock(directory: Path, runs: int, cases: int) -> dict[str, Any]:
    path = directory / "bench.db"
    vault = create_vault(path, PASSPHRASE)  # production KDF parameters
    with vault.transaction() as session:
        add_demo_cases(session, cases, date(2026, 11, 28))
    vault.lock()
    samples = []
    for _ in range(runs):

        def unlock_and_query() -> None:
            opened = unlock_vault(path, PASSPHRASE)
            with opened.session() as session:
                load_case_rows(session, date(2026, 11, 28))
            opened.lock()

        samples.append(timed(unlock_and_query))
    return {
        "runs": runs,
        "cases": cases,
        "median_s": round(statistics.median(samples), 3),
        "min_s": round(min(samples), 3),
        "max_s": round(max(samples), 3),
        "goal_median_s": 1.0,
    }


def plain_sqlite_sessions(path: Path) -> sessionmaker[Session]:
    engine = create_engine(f"sqlite:///{path}", module=sqlite3)

    @event.listens_for(engine, "connect")
    def pragmas(conn: Any, _record: Any) -> None:
        conn.isolation_level = None
        for pragma in (
            "journal_mode = WAL",
            "synchronous = FULL",
            "temp_store = MEMORY",
            "foreign_keys = ON",
            "cache_size = -32768",
        ):
            conn.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    migrate.upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)


def workload(
    sessions: Callable[[], Session],
    cases: int,
    writing: Callable[[], AbstractContextManager[Session]] | None = None,
) -> dict[str, float]:
    """Insert ``cases`` cases one transaction each (as imports do), then list them.

    ``writing`` opens a write transaction (the vault's ``transaction``: its reads are
    query_only); by default a session of ``sessions`` with ``begin()``."""

    @contextmanager
    def begun() -> Iterator[Session]:
        with sessions() as session, session.begin():
            yield session

    write_transaction = writing or begun
    write = 0.0
    for i in range(cases):

        def one() -> None:
            with write_transaction() as session:
                add_demo_cases(session, 1, date(2026, 11, 28))

        write += timed(one)
        del i
    read_samples = []
    for _ in range(5):

        def read() -> None:
            with sessions() as session:
                load_case_rows(session, date(2026, 11, 28))

        read_samples.append(timed(read))
    return {
        "write_per_case_ms": round(write / cases * 1000, 3),
        "list_all_ms": round(statistics.median(read_samples) * 1000, 1),
    }


def measure_overhead(directory: Path, cases: int) -> dict[str, Any]:
    vault: OpenVault = create_vault(directory / "cipher.db", PASSPHRASE)
    cipher = workload(vault.session, cases, vault.transaction)
    vault.lock()
    plain = workload(plain_sqlite_sessions(directory / "plain.db"), cases)
    return {
        "cases": cases,
        "sqlcipher": cipher,
        "plain_sqlite": plain,
        "write_overhead_pct": round(
            (cipher["write_per_case_ms"] / plain["write_per_case_ms"] - 1) * 100, 1
        ),
        "read_overhead_pct": round((cipher["list_all_ms"] / plain["list_all_ms"] - 1) * 100, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cases", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        result = {
            "unlock": measure_unlock(directory, args.runs, args.cases),
            "overhead": measure_overhead(directory, args.cases),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
