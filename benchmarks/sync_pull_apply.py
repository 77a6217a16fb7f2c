"""Pulling a caseload onto a fresh laptop, side by side with fetching the same pages
without applying them; prints JSON (median of ``--runs``).

One laptop holds ``--cases`` demo cases and syncs them up (untimed). Then, per run, a
fresh vault is enrolled for the same consultant and timed are:

* pull: ``SyncEngine.pull()``: fetch every page (signed GET, answer parsed into the
  protocol's models) and apply each with its cursor in one SQLCipher transaction;
* fetch: the same pages fetched and parsed by the same client (``SyncClient.pull`` from
  cursor 0 until ``more`` is false), nothing applied.

The order alternates per run. Both talk to one ``inburg-office serve`` process.

Callable from ``benchmarks/run.py``: ``measure(cases, runs, pg=None)`` returns the dict
printed here.

Run: python benchmarks/sync_pull_apply.py [--cases 1000] [--runs 5] [--pg URL]
(default: a temporary SQLite office database).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.server.db import Database
from inburg_desktop.services import vault_session
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine
from sync_load import PASSPHRASE, client_for, enroll_vault, fresh_postgres, migrate, office_server


def engine_pull(vault: OpenVault, url: str) -> tuple[float, int]:
    with client_for(vault, url) as client:
        engine = SyncEngine(vault, client)
        start = time.perf_counter()
        engine.pull()
        return time.perf_counter() - start, engine.summary.pulled


def fetch_only(vault: OpenVault, url: str) -> tuple[float, int]:
    with client_for(vault, url) as client:
        start = time.perf_counter()
        cursor, cases = 0, 0
        while True:
            page = client.pull(cursor)
            cases += len(page.cases)
            cursor = page.cursor
            if not page.more:
                break
        return time.perf_counter() - start, cases


def measure_at(db_url: str, workdir: Path, cases: int, runs: int) -> dict[str, Any]:
    pulled_s: list[float] = []
    fetched_s: list[float] = []
    counts: dict[str, int] = {}
    consultant = f"pull-{uuid.uuid4().hex[:8]}"
    with office_server(db_url, 1, workdir / "server.log") as url:
        office = Database(db_url)
        try:
            source = vault_session.create(workdir / "bron" / "kluis.db", PASSPHRASE, TEST_KDF)
            enroll_vault(source, url, office, consultant, "bron")
            with source.transaction() as session:
                add_demo_cases(session, cases)
            with client_for(source, url) as client:
                SyncEngine(source, client).run()
            source.lock()
            for run in range(runs):
                fresh = vault_session.create(
                    workdir / f"nieuw-{run}" / "kluis.db", PASSPHRASE, TEST_KDF
                )
                enroll_vault(fresh, url, office, consultant, f"nieuw-{run}")
                try:

                    def pull(vault: OpenVault = fresh) -> None:
                        seconds, n = engine_pull(vault, url)
                        pulled_s.append(seconds)
                        counts["pulled"] = n

                    def fetch(vault: OpenVault = fresh) -> None:
                        seconds, n = fetch_only(vault, url)
                        fetched_s.append(seconds)
                        counts["fetched"] = n

                    for step in (pull, fetch) if run % 2 == 0 else (fetch, pull):
                        step()
                finally:
                    fresh.lock()
        finally:
            office.dispose()
    pull_median = statistics.median(pulled_s)
    fetch_median = statistics.median(fetched_s)
    return {
        "value": round(pull_median, 3),
        "unit": "s",
        "baseline": round(fetch_median, 3),
        "ratio": round(pull_median / fetch_median, 2),
        "runs": runs,
        "note": f"pull {cases} cases onto a fresh laptop vs the same pages fetched, not applied",
        **counts,
        "pull_s": [round(s, 3) for s in pulled_s],
        "fetch_s": [round(s, 3) for s in fetched_s],
    }


def measure(cases: int, runs: int, pg: str | None = None) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="inburg-pull-"))
    try:
        if pg:
            with fresh_postgres(pg) as db_url:
                return measure_at(db_url, workdir, cases, runs)
        db_url = f"sqlite:///{workdir / 'office.db'}"
        migrate(db_url)
        return measure_at(db_url, workdir, cases, runs)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg", help="PostgreSQL server URL; a fresh database is used")
    args = parser.parse_args()
    print(json.dumps(measure(args.cases, args.runs, args.pg), indent=2))


if __name__ == "__main__":
    main()
