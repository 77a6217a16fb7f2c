"""Intake autosave latency and case-open time, with a plain-SQLite baseline; prints JSON.

* autosave: one field edit saved the way the intake window saves it (``AutosaveController
  .write``: one transaction through ``update_fields``, field row + provenance + case
  version + outbox entry) on the SQLCipher vault with ``synchronous=FULL`` in WAL mode;
  p50/p99 over N edits (the debounce delay itself is not counted: it is a choice).
* baseline: the same logical write (upsert of the field row, case version bump, outbox
  insert) with the stdlib ``sqlite3`` on an unencrypted file, same pragmas.
* open: load a case with a complete intake (case, fields and their provenance) and build
  the summary and topic states, as the intake window does; median of M runs.

Run: python benchmarks/intake_autosave.py [--edits 500] [--opens 20]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services import intake_edit, vault_session
from inburg_desktop.services.intake_progress import intake_progress, shipped_catalogue
from inburg_desktop.services.intake_summary import build_summary
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault

COMPLETE_CASE = 2  # demo/intake_stages.py: the complete intake


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def figures(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p99_ms": round(percentile(samples, 0.99), 3),
        "max_ms": round(max(samples), 3),
        "n": len(samples),
    }


def autosave_edits(vault: OpenVault, case_id: str, edits: int) -> list[float]:
    catalogue = shipped_catalogue()
    samples = []
    for n in range(edits):
        text = f"Aantekening {n}: " + "woorden " * (n % 40)
        patch, meta = intake_edit.answer_patch(catalogue, "motivatie", "notes", text)
        start = time.perf_counter()
        with vault.transaction() as session:
            intake_edit.save(session, case_id, patch, meta)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def baseline_edits(path: Path, edits: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("CREATE TABLE cases (id TEXT PRIMARY KEY, version INTEGER, updated_at TEXT)")
    conn.execute(
        "CREATE TABLE case_fields (case_id TEXT, key TEXT, value TEXT, source TEXT, "
        "confirmed INTEGER, catalogue_version TEXT, prompt_id TEXT, updated_at TEXT, "
        "PRIMARY KEY (case_id, key))"
    )
    conn.execute(
        "CREATE TABLE outbox (op_id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT, "
        "base_version INTEGER, patch TEXT, created_at TEXT)"
    )
    conn.execute("INSERT INTO cases VALUES ('c', 1, '')")
    samples = []
    for n in range(edits):
        value = json.dumps(f"Aantekening {n}: " + "woorden " * (n % 40))
        stamp = datetime.now().isoformat()
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO case_fields VALUES ('c', 'intake.motivatie.notes', ?, 'consultant', 1, "
            "'2026.1', 'motivatie.opening', ?) ON CONFLICT (case_id, key) DO UPDATE SET "
            "value = excluded.value, updated_at = excluded.updated_at",
            (value, stamp),
        )
        conn.execute(
            "UPDATE cases SET version = version + 1, updated_at = ? WHERE id = 'c'", (stamp,)
        )
        conn.execute(
            "INSERT INTO outbox (case_id, base_version, patch, created_at) VALUES ('c', 0, ?, ?)",
            (json.dumps({"intake.motivatie.notes": value}), stamp),
        )
        conn.execute("COMMIT")
        samples.append((time.perf_counter() - start) * 1000)
    conn.close()
    return samples


def open_case(vault: OpenVault, case_id: str) -> int:
    with vault.session() as session:
        stored, _meta = intake_edit.load_intake(session, case_id)
    summary = build_summary(stored)
    progress = intake_progress(stored)
    return summary.topics_covered + progress.topics_covered


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--opens", type=int, default=20)
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="inburg-bench-"))
    # As the app opens it (services.vault_session): where the tree keeps case summaries,
    # each autosave computes its case's summary in its own transaction.
    vault = vault_session.create(directory / "vault.db", "benchmark", TEST_KDF)
    with vault.transaction() as session:
        ids = add_demo_cases(session, 12, date.today())
    with vault.engine.connect() as conn:
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    shipped_catalogue()  # loaded once per process, as in the app
    open_case(vault, ids[COMPLETE_CASE])  # warm-up
    autosave = autosave_edits(vault, ids[COMPLETE_CASE], args.edits)
    baseline = baseline_edits(directory / "plain.db", args.edits)
    opens = timed(lambda: open_case(vault, ids[COMPLETE_CASE]), args.opens)
    with vault.session() as session:
        fields = len(intake_edit.load_intake(session, ids[COMPLETE_CASE])[0].fields)
    vault.lock()
    print(
        json.dumps(
            {
                "pragmas": {"synchronous": sync, "journal_mode": journal},
                "autosave_one_field_sqlcipher": figures(autosave),
                "baseline_same_write_plain_sqlite3": figures(baseline),
                "open_case_full_intake": {
                    "median_ms": round(statistics.median(opens), 3),
                    "max_ms": round(max(opens), 3),
                    "n": len(opens),
                    "fields_in_case": fields,
                },
                "goals": {"autosave_p99_ms": 15, "open_case_ms": 100},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
