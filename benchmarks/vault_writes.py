"""Writing cases on the SQLCipher vault beside plain SQLite with the same pragmas; prints
JSON (median of ``--runs``).

Each run writes ``--cases`` demo cases, one transaction each (as the app saves a new case
or an import: the same ``add_demo_cases`` patch path with its outbox entries), into a
fresh SQLCipher vault (``storage.vault.create_vault``, the app's engine and pragmas) and
into a fresh plain SQLite file (the standard library's ``sqlite3``, same schema through
the same migrations, same pragmas: WAL, synchronous=FULL, temp_store=MEMORY,
foreign_keys, the same cache size, BEGIN IMMEDIATE). The order alternates per run; the
figure is the median time per case written. ``autosave`` is the same side by side for
one intake field saved through ``storage.cases.update_fields`` (p50 and p99 over
``--edits`` edits per run).

Callable from ``benchmarks/run.py``: ``measure(cases, runs, edits)`` returns the dict
printed here.

Run: python benchmarks/vault_writes.py [--cases 200] [--runs 5] [--edits 300]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage import migrate
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.engine import CACHE_KIB
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.storage.vault import create_vault

PASSPHRASE = "benchmark passphrase, not secret"
Sessions = Callable[[], Session]


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
            f"cache_size = -{CACHE_KIB}",
        ):
            conn.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    migrate.upgrade(engine)
    return sessionmaker(engine, expire_on_commit=False)


def write_cases(sessions: Sessions, cases: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each case written, one transaction per case."""
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(cases):
        start, start_cpu = time.perf_counter(), time.process_time()
        with sessions() as session, session.begin():
            add_demo_cases(session, 1, date(2026, 11, 28))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return wall, cpu


def autosaves(sessions: Sessions, edits: int) -> list[float]:
    """Seconds per autosave of one intake field of one case."""
    with sessions() as session:
        case_id = session.scalars(select(CaseRow.id).limit(1)).one()
    samples = []
    for n in range(edits):
        start = time.perf_counter()
        with sessions() as session, session.begin():
            update_fields(session, case_id, {"intake.opleiding.notes": f"aantekening {n}"})
        samples.append(time.perf_counter() - start)
    return samples


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(cases: int, runs: int, edits: int, block: int = 10) -> dict[str, Any]:
    """Per run, a fresh vault and a fresh plain file; cases are written in alternating
    blocks of ``block`` (so both see the same moments of a busy machine), then the
    autosaves, also alternating."""
    wall: dict[str, list[float]] = {"cipher": [], "plain": []}
    cpu: dict[str, list[float]] = {"cipher": [], "plain": []}
    saves: dict[str, list[float]] = {"cipher": [], "plain": []}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            directory = Path(tmp) / str(run)
            directory.mkdir()
            vault = create_vault(directory / "cipher.db", PASSPHRASE, TEST_KDF)
            both: dict[str, Sessions] = {
                "cipher": vault.session,
                "plain": plain_sqlite_sessions(directory / "plain.db"),
            }
            order = ["cipher", "plain"] if run % 2 == 0 else ["plain", "cipher"]
            for done in range(0, cases, block):
                for name in order:
                    w, c = write_cases(both[name], min(block, cases - done))
                    wall[name].extend(w)
                    cpu[name].extend(c)
            for done in range(0, edits, block):
                for name in order:
                    saves[name].extend(autosaves(both[name], min(block, edits - done)))
            vault.lock()

    def med(samples: list[float]) -> float:
        return statistics.median(samples) * 1000

    p99 = {name: percentile(values, 0.99) * 1000 for name, values in saves.items()}
    return {
        "write_case": {
            "value": round(med(wall["cipher"]), 2),
            "unit": "ms per case written (median)",
            "baseline": round(med(wall["plain"]), 2),
            "ratio": round(med(wall["cipher"]) / med(wall["plain"]), 2),
            "runs": runs,
            "note": f"{cases} demo cases per run, one transaction each: SQLCipher vault vs "
            f"plain SQLite, same pragmas; CPU {med(cpu['cipher']):.2f} vs "
            f"{med(cpu['plain']):.2f} ms (ratio "
            f"{med(cpu['cipher']) / med(cpu['plain']):.2f})",
            "cpu_ratio": round(med(cpu["cipher"]) / med(cpu["plain"]), 2),
        },
        "autosave": {
            "value": round(p99["cipher"], 2),
            "unit": "ms (p99)",
            "baseline": round(p99["plain"], 2),
            "ratio": round(p99["cipher"] / p99["plain"], 2),
            "runs": runs,
            "note": f"one intake field saved, {edits} edits per run; p50 "
            f"{med(saves['cipher']):.2f} vs {med(saves['plain']):.2f} ms",
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=300)
    args = parser.parse_args()
    print(json.dumps(measure(args.cases, args.runs, args.edits), indent=2))


if __name__ == "__main__":
    main()
