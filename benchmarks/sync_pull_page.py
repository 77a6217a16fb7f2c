"""The office's cost of one pull page as the caseload grows; prints JSON.

For each ``--sizes`` caseload (default 1,000, 10,000 and 100,000 cases of one consultant,
each with the six identity fields and ``--fields`` notes, written straight into a fresh
office database), timed is the office's own work for one 100-case page, in process (no
HTTP): ``server.pull.pull`` inside a read transaction, plus serialising the answer as the
route does (``model_dump_json``). Pages are taken at cursors spread over the whole
caseload (the first page, from 0, also carries every case id of the caseload, so it is
reported apart); ``page_ms`` is the median over ``--runs`` passes of those pages. The
baseline beside it is the plainest read of the same page: one indexed ``SELECT`` of the
100 cases' fields by case id, decoded from JSON.

Callable from ``benchmarks/run.py``: ``measure(url, sizes, runs, fields)`` returns the
dict printed here.

Run: python benchmarks/sync_pull_page.py --pg postgresql+psycopg://postgres@127.0.0.1:55432/postgres
[--sizes 1000,10000,100000] [--runs 5]; without --pg a temporary SQLite database is used.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text

from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.pull import pull
from inburg_desktop.server.tables import Assignment, CaseRecord, FieldValue
from sync_load import fresh_postgres, migrate

IDENTITY: dict[str, Any] = {
    "doelgroep": "statushouder",
    "person.given_names": "Testpersoon",
    "person.family_name": "Fictief",
    "person.date_of_birth": "1990-01-01",
    "person.nationality": "SYR",
    "dates.brp_registration": "2026-01-05",
}
PAGE = 100
CHUNK = 5000


def fill(office: Database, consultant: str, cases: int, fields: int) -> list[str]:
    """``cases`` cases on ``consultant``'s caseload, each at its own sequence number."""
    stamp = datetime.now(UTC).replace(tzinfo=None)
    values = {**IDENTITY, **{f"intake.note{n}": f"notitie nummer {n}" * 3 for n in range(fields)}}
    ids: list[str] = []
    for start in range(0, cases, CHUNK):
        with office.write() as session:
            counter = lock_counter(session)
            chunk = [(str(uuid.uuid4()), counter.next()) for _ in range(min(CHUNK, cases - start))]
            session.execute(
                insert(CaseRecord),
                [
                    {"id": i, "version": 1, "seq": s, "created_at": stamp, "updated_at": stamp}
                    for i, s in chunk
                ],
            )
            session.execute(
                insert(Assignment),
                [
                    {
                        "case_id": i,
                        "consultant": consultant,
                        "assigned_seq": s,
                        "assigned_at": stamp,
                    }
                    for i, s in chunk
                ],
            )
            session.execute(
                insert(FieldValue),
                [
                    {
                        "case_id": i,
                        "key": key,
                        "value": canonical_json(value),
                        "version": 1,
                        "seq": s,
                        "device_id": None,
                        "updated_at": stamp,
                    }
                    for i, s in chunk
                    for key, value in values.items()
                ],
            )
        ids.extend(i for i, _ in chunk)
    return ids


def page_seconds(office: Database, who: AuthedDevice, since: int) -> tuple[float, int]:
    start = time.perf_counter()
    with office.read() as session:
        answer = pull(session, who, since, PAGE)
    answer.model_dump_json()
    return time.perf_counter() - start, len(answer.cases)


def baseline_seconds(office: Database, case_ids: list[str]) -> float:
    start = time.perf_counter()
    with office.read() as session:
        rows = session.execute(
            select(FieldValue.case_id, FieldValue.key, FieldValue.value, FieldValue.version)
            .where(FieldValue.case_id.in_(case_ids))
            .order_by(FieldValue.case_id, FieldValue.key)
        ).all()
    [(c, k, json.loads(v), n) for c, k, v, n in rows]
    return time.perf_counter() - start


def measure_size(url: str, size: int, runs: int, fields: int) -> dict[str, Any]:
    office = Database(url)
    try:
        who = AuthedDevice(id=str(uuid.uuid4()), consultant=f"bench-{uuid.uuid4().hex[:8]}")
        ids = fill(office, who.consultant, size, fields)
        if office.engine.dialect.name == "postgresql":
            # Fresh statistics after the bulk fill, as autovacuum would soon give them.
            with office.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
        with office.read() as session:
            seqs = list(
                session.scalars(
                    select(CaseRecord.seq)
                    .join(Assignment, Assignment.case_id == CaseRecord.id)
                    .where(Assignment.consultant == who.consultant)
                    .order_by(CaseRecord.seq)
                )
            )
        # Ten cursors spread over the caseload, each just before a case.
        cursors = [seqs[i] - 1 for i in range(0, size - PAGE, max(1, (size - PAGE) // 10))][1:11]
        first: list[float] = []
        pages: list[float] = []
        base: list[float] = []
        for _ in range(runs):
            seconds, n = page_seconds(office, who, 0)
            assert n == PAGE
            first.append(seconds)
            for since in cursors:
                seconds, n = page_seconds(office, who, since)
                assert n == PAGE
                pages.append(seconds)
                at = seqs.index(since + 1)
                base.append(baseline_seconds(office, ids[at : at + PAGE]))
        return {
            "cases": size,
            "page_ms": round(statistics.median(pages) * 1000, 2),
            "first_page_ms": round(statistics.median(first) * 1000, 2),
            "baseline_ms": round(statistics.median(base) * 1000, 2),
            "ratio": round(statistics.median(pages) / statistics.median(base), 2),
            "pages_timed": len(pages),
        }
    finally:
        office.dispose()


@contextmanager
def database(pg: str | None) -> Iterator[str]:
    if pg:
        with fresh_postgres(pg) as url:
            yield url
        return
    workdir = Path(tempfile.mkdtemp(prefix="inburg-pullpage-"))
    try:
        url = f"sqlite:///{workdir / 'office.db'}"
        migrate(url)
        yield url
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def measure(pg: str | None, sizes: list[int], runs: int, fields: int) -> dict[str, Any]:
    """One fresh database per caseload size; the page figures of each."""
    out: dict[str, Any] = {"unit": "ms per 100-case page", "runs": runs, "sizes": []}
    for size in sizes:
        with database(pg) as url:
            out["sizes"].append(measure_size(url, size, runs, fields))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="PostgreSQL server URL; a fresh database per size")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fields", type=int, default=14)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(json.dumps(measure(args.pg, sizes, args.runs, args.fields), indent=2))


if __name__ == "__main__":
    main()
