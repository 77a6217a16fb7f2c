"""The sync figures of ``benchmarks/run.py``: push, pull, bytes downloaded back, the
server's time per pull page and the many-laptop load, each beside its baseline.

They reuse the single-purpose benchmarks as modules: ``sync_push_vs_raw`` (the laptops,
the engine's push and the raw signed POSTs), ``sync_bytes`` (the counting proxy and one
sync round) and ``sync_load`` (the office server process, fresh PostgreSQL databases,
enrolment and the 50-laptop load).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from bench_common import Figure, figure, median
from inburg_desktop.protocol.messages import DEFAULT_PULL_LIMIT
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import Database
from inburg_desktop.server.pull import pull as server_pull
from inburg_desktop.services import vault_session
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine
from sync_bytes import CountingProxy, one_round
from sync_load import (
    PASSPHRASE,
    client_for,
    enroll_vault,
    fresh_postgres,
    migrate,
    office_server,
    run_load,
)
from sync_push_vs_raw import engine_push, laptop, outbox_ops, raw_bodies, raw_push


@contextlib.contextmanager
def office_database(pg_url: str | None, workdir: Path) -> Iterator[str]:
    """A fresh PostgreSQL database when ``pg_url`` is given, else a SQLite file."""
    if pg_url:
        with fresh_postgres(pg_url) as url:
            yield url
        return
    url = f"sqlite:///{workdir / 'office.db'}"
    migrate(url)
    yield url


def push_figure(
    url: str, office: Database, workdir: Path, cases: int, runs: int, backend: str
) -> tuple[Figure, str]:
    """Push ``cases`` new cases (SyncEngine.push) vs the same bodies as raw signed POSTs;
    returns the figure and the consultant whose caseload now holds the engine's cases."""
    engine_s: list[float] = []
    raw_s: list[float] = []
    consultant = ""
    ops_count = 0
    for run in range(runs):
        mine = laptop(workdir, f"engine-{run}", cases, url, office)
        other = laptop(workdir, f"raw-{run}", 0, url, office)
        try:
            ops = outbox_ops(mine)
            ops_count = len(ops)
            bodies = raw_bodies(ops, f"push-raw-{run}")
            order = ("engine", "raw") if run % 2 == 0 else ("raw", "engine")
            for step in order:
                if step == "engine":
                    elapsed, pushed = engine_push(mine, url)
                    assert pushed == len(ops), (pushed, len(ops))
                    engine_s.append(elapsed)
                else:
                    raw_s.append(raw_push(other, url, bodies)[0])
            consultant = f"push-engine-{run}"
        finally:
            mine.lock()
            other.lock()
    return (
        figure(
            median(engine_s),
            "s",
            median(raw_s),
            runs,
            f"{cases} new cases ({ops_count} ops) pushed by SyncEngine.push() vs the same "
            f"bodies as raw signed httpx POSTs; office on {backend}, one uvicorn worker",
        ),
        consultant,
    )


def fresh_laptop(
    workdir: Path, name: str, url: str, office: Database, consultant: str
) -> OpenVault:
    vault = vault_session.create(workdir / name / "kluis.db", PASSPHRASE, TEST_KDF)
    enroll_vault(vault, url, office, consultant, name)
    return vault


def fetch_pages(vault: OpenVault, url: str) -> tuple[float, int]:
    """Every pull page from cursor 0, fetched and parsed, nothing applied."""
    with client_for(vault, url) as client:
        client.pull(0, 1)  # the connection open, as the engine's is after its push
        start = time.perf_counter()
        cursor, cases = 0, 0
        while True:
            page = client.pull(cursor)
            cases += len(page.cases)
            cursor = page.cursor
            if not page.more:
                break
        return time.perf_counter() - start, cases


def engine_pull(vault: OpenVault, url: str) -> tuple[float, int]:
    with client_for(vault, url) as client:
        client.pull(0, 1)
        engine = SyncEngine(vault, client)
        start = time.perf_counter()
        engine.pull()
        return time.perf_counter() - start, engine.summary.pulled


def pull_figure(
    url: str, office: Database, workdir: Path, consultant: str, cases: int, runs: int, backend: str
) -> Figure:
    applied: list[float] = []
    fetched: list[float] = []
    pulled = fetched_cases = 0
    for run in range(runs):
        fresh = fresh_laptop(workdir, f"pull-{run}", url, office, consultant)
        other = fresh_laptop(workdir, f"fetch-{run}", url, office, consultant)
        try:
            for step in ("apply", "fetch") if run % 2 == 0 else ("fetch", "apply"):
                if step == "apply":
                    elapsed, pulled = engine_pull(fresh, url)
                    applied.append(elapsed)
                else:
                    elapsed, fetched_cases = fetch_pages(other, url)
                    fetched.append(elapsed)
        finally:
            fresh.lock()
            other.lock()
    return figure(
        median(applied),
        "s",
        median(fetched),
        runs,
        f"a fresh laptop pulls its consultant's {cases} cases (SyncEngine.pull(), "
        f"{pulled} pulled) vs the same pages fetched and parsed, not applied "
        f"({fetched_cases} cases); office on {backend}",
    )


def bytes_back_figure(
    url: str, office: Database, workdir: Path, cases: int, backend: str
) -> Figure:
    """The first sync of a laptop holding ``cases`` new cases: bytes received vs sent."""
    vault = vault_session.create(workdir / "bytes" / "kluis.db", PASSPHRASE, TEST_KDF)
    try:
        enroll_vault(vault, url, office, "bytes-consulent", "bytes")
        from datetime import date

        from inburg_desktop.demo.fill import add_demo_cases

        with vault.transaction() as session:
            add_demo_cases(session, cases, date(2026, 11, 28))
        proxy = CountingProxy(int(url.rsplit(":", 1)[1]))
        try:
            first = one_round(vault, proxy)
        finally:
            proxy.close()
    finally:
        vault.lock()
    return figure(
        first["wire_received"],
        "bytes",
        first["wire_sent"],
        1,
        f"first sync of a laptop with {cases} new cases: bytes received on the wire "
        f"(baseline: bytes sent); ops pushed {first['pushed']}, cases the summary counts "
        f"as pulled {first['pulled']}; client counters sent "
        f"{first['bytes_sent']} / received {first['bytes_received']}; office on {backend}",
        digits=0,
    )


# --- the server's time per pull page ---------------------------------------------------

PAGE_KEYS = ("server_pull_page_1000", "server_pull_page_10000", "server_pull_page_100000")

REPLICATE = {
    "cases": (
        "INSERT INTO cases (id, version, seq, created_at, updated_at, created_by) "
        "SELECT :prefix || lpad(g::text, 7, '0'), c.version, :base + g, c.created_at, "
        "c.updated_at, c.created_by FROM cases c, generate_series(1, :n) g WHERE c.id = :template"
    ),
    "assignments": (
        "INSERT INTO assignments (case_id, consultant, assigned_seq, assigned_at) "
        "SELECT :prefix || lpad(g::text, 7, '0'), :consultant, :base + g, now() "
        "FROM generate_series(1, :n) g"
    ),
    "field_values": (
        "INSERT INTO field_values (case_id, key, value, version, seq, device_id, updated_at) "
        "SELECT :prefix || lpad(g::text, 7, '0'), f.key, f.value, f.version, :base + g, "
        "f.device_id, f.updated_at FROM field_values f, generate_series(1, :n) g "
        "WHERE f.case_id = :template"
    ),
}


def seed_caseload(office: Database, consultant: str, n: int) -> int:
    """Give ``consultant`` ``n`` copies of a typical case at the office (the median by
    number of fields of the demo cases the push figure sent), in set-based SQL
    (PostgreSQL): 100,000 cases in a minute, where pushing them would take an hour.
    Returns the number of field rows per case."""
    with office.write() as session:
        counts = session.execute(
            text(
                "SELECT case_id, count(*) AS n FROM field_values GROUP BY case_id "
                "ORDER BY n, case_id"
            )
        ).all()
        template, fields = counts[len(counts) // 2]  # a typical case: the median by fields
        base = int(
            session.execute(text("SELECT seq FROM sync_state WHERE id = 1 FOR UPDATE")).scalar_one()
        )
        params = {
            "prefix": f"{consultant}-",
            "base": base,
            "n": n,
            "template": template,
            "consultant": consultant,
        }
        for statement in REPLICATE.values():
            session.execute(text(statement), params)
        session.execute(text("UPDATE sync_state SET seq = :seq WHERE id = 1"), {"seq": base + n})
    with office.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))
    return int(fields)


def page_times(office: Database, consultant: str, pages: int) -> tuple[float, float, int]:
    """Walk ``pages`` + 1 pages of ``consultant``'s caseload from cursor 0 through the
    server's own pull function, answer serialised as the route sends it. Returns the
    median ms of the pages after the first, the first page's ms (it also lists the whole
    caseload), and the cases per page."""
    who = AuthedDevice(id="bench-device", consultant=consultant)
    cursor = 0
    times: list[float] = []
    per_page = 0
    for _ in range(pages + 1):
        start = time.perf_counter()
        with office.read() as session:
            answer = server_pull(session, who, cursor, DEFAULT_PULL_LIMIT)
            answer.model_dump_json()
        times.append((time.perf_counter() - start) * 1000)
        per_page = max(per_page, len(answer.cases))
        cursor = answer.cursor
        if not answer.more:
            break
    later = times[1:] or times  # a caseload of one page: that page is all there is
    return median(later), times[0], per_page


def server_page_figures(
    office: Database | None, sizes: list[int], pages: int, reason: str
) -> dict[str, Figure]:
    """One figure per caseload size, keyed by :data:`PAGE_KEYS` in order (the full run's
    sizes; a smaller run says its sizes in the note); the baseline is the smallest size's
    page time."""
    out: dict[str, Figure] = {}
    if office is None:
        for key in PAGE_KEYS[: len(sizes)]:
            out[key] = figure(None, "ms", None, 0, reason)
        return out
    measured: list[tuple[int, float, float, int, int]] = []
    for size in sizes:
        consultant = f"page{size}"
        fields = seed_caseload(office, consultant, size)
        later, first, per_page = page_times(office, consultant, pages)
        measured.append((size, later, first, per_page, fields))
    smallest = measured[0][1]
    office_size = sum(sizes)
    for key, (size, later, first, per_page, fields) in zip(PAGE_KEYS, measured, strict=False):
        out[key] = figure(
            later,
            "ms",
            smallest,
            pages,
            f"server.pull.pull() + JSON of one {per_page}-case page (cursor > 0) for a "
            f"consultant holding {size} cases ({fields} fields each), on PostgreSQL; "
            f"baseline: the same at {sizes[0]} cases; first page (cursor 0, lists the "
            f"whole caseload) {first:.1f} ms; measured while the office held "
            f"{sum(s for s, *_ in measured if s <= size)} of finally {office_size} seeded cases",
            digits=2,
        )
    return out


def load_figures(
    pg_url: str | None, workdir: Path, devices: int, rounds: int, edits: int
) -> dict[str, Figure]:
    units = {"sync_load_ops_per_s": "ops/s", "sync_load_p95_ms": "ms", "sync_load_lost": "ops"}
    if not pg_url:
        reason = "no PostgreSQL: set INBURG_BENCH_POSTGRES_URL or INBURG_TEST_POSTGRES_URL"
        return {key: figure(None, unit, None, 0, reason) for key, unit in units.items()}
    workdir.mkdir(parents=True, exist_ok=True)
    with fresh_postgres(pg_url) as db_url, office_server(db_url, 2, workdir / "load.log") as url:
        result = run_load(
            url, db_url, workdir / "load", devices=devices, rounds=rounds, edits=edits
        )
    what = (
        f"{devices} laptops ({result['consultants']} consultants, two laptops each) syncing at "
        f"once against one office (2 uvicorn workers, PostgreSQL), {rounds} rounds of {edits} "
        f"edits; {result['ops']} ops, {result['requests']} requests in {result['wall_s']} s; "
        f"retried rounds {result['failed_rounds_retried']}, duplicated {result['duplicated']}, "
        f"mismatched cases {result['mismatched_cases']}, outbox left {result['outbox_left']}; "
        "client and server share this machine's CPUs"
    )
    return {
        "sync_load_ops_per_s": figure(
            result["ops_per_s"], "ops/s", None, 1, f"ops acknowledged per wall second; {what}", 1
        ),
        "sync_load_p95_ms": figure(
            result["latency"]["p95_ms"],
            "ms",
            result["latency"]["p50_ms"],
            result["latency"]["n"],
            f"p95 latency of every request (baseline: the p50); push p95 "
            f"{result['latency_push'].get('p95_ms')} ms, pull p95 "
            f"{result['latency_pull'].get('p95_ms')} ms; {what}",
            1,
        ),
        "sync_load_lost": figure(
            result["lost"],
            "ops",
            0,
            1,
            f"ops a laptop numbered that the office does not hold (must be 0); {what}",
            0,
        ),
    }


def office_figures(
    pg_url: str | None,
    workdir: Path,
    *,
    push_cases: int,
    pull_cases: int,
    bytes_cases: int,
    runs: int,
    page_sizes: list[int],
    pages: int,
) -> dict[str, Figure]:
    """Push, pull and bytes-back against one office server (PostgreSQL if given, else
    SQLite), then the server's page time on the same database (PostgreSQL only)."""
    out: dict[str, Figure] = {}
    workdir.mkdir(parents=True, exist_ok=True)
    with office_database(pg_url, workdir) as db_url:
        backend = make_url(db_url).get_backend_name()
        office = Database(db_url)
        try:
            with office_server(db_url, 1, workdir / "server.log") as url:
                push, consultant = push_figure(url, office, workdir, push_cases, runs, backend)
                if pull_cases != push_cases:
                    extra = laptop(workdir, "pull-source", pull_cases, url, office)
                    try:
                        engine_push(extra, url)
                    finally:
                        extra.lock()
                    consultant = "push-pull-source"
                out["pull_1000_cases"] = pull_figure(
                    url, office, workdir, consultant, pull_cases, runs, backend
                )
                out["bytes_back_after_first_push"] = bytes_back_figure(
                    url, office, workdir, bytes_cases, backend
                )
                out["push_1000_cases"] = push
            reason = (
                "no PostgreSQL: set INBURG_BENCH_POSTGRES_URL or INBURG_TEST_POSTGRES_URL"
                if not pg_url
                else ""
            )
            out.update(server_page_figures(office if pg_url else None, page_sizes, pages, reason))
        finally:
            office.dispose()
    return out


def dump(figures: dict[str, Figure]) -> str:
    return json.dumps(figures, indent=2)
