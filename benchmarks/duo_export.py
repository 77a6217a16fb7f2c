"""The office's export to DUO over 2,000 cases, beside one ``SELECT`` of the same rows.

An office database (a fresh PostgreSQL database when ``INBURG_BENCH_POSTGRES_URL`` or
``INBURG_TEST_POSTGRES_URL`` is set, else an SQLite file) is filled in bulk with
``cases`` cases as a year of work leaves them: a set PIP (every fifth amended: a new
intensity), NT2 hours reported per month, PVT activities and the signing, two MAP themes.
Each run then times either ``server.duo.compute`` plus the file's bytes
(``DuoExport.data``: what ``inburg-office duo export`` does before it writes; nothing
reported yet, so every record is new: the largest export there is) or the baseline, one
``SELECT`` of the same field rows (the report's fields of every case) fetched whole; the
order alternates from run to run. The confirmation of that export (marking every record)
is timed once and given in the note.

    python benchmarks/duo_export.py [--cases 2000] [--runs 5]   # prints one figure as JSON
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import uuid
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from bench_common import Figure, figure, median, postgres_url
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import (
    Beschikking,
    LeerrouteIntensiteit,
    MapIntensiteit,
    PipHistory,
    PvtIntensiteit,
)
from inburg_desktop.domain.progress_fields import (
    PVT_ONDERTEKEND,
    pvt_key,
    pvt_value,
    thema_key,
    uren_key,
    uren_value,
)
from inburg_desktop.domain.voortgang import PvtActiviteit, UrenRegel, UrenSoort
from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.server import duo
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import CaseRecord, FieldValue
from office_figures import office_database

ON = date(2026, 6, 15)
PIP_DAY = date(2025, 5, 11)
B1 = Beschikking(
    leerroute=Leerroute.B1,
    leerroute_intensiteit=LeerrouteIntensiteit(10, 600),
    pvt=PvtIntensiteit(12, ("workshop",)),
    map=MapIntensiteit(),
)


def _history(amended: bool) -> dict[str, Any]:
    pip = PipHistory()
    pip = pip.with_draft(pip.new_draft(B1, PIP_DAY, reden="")).set_draft(PIP_DAY)
    if amended:
        more = Beschikking(
            leerroute=Leerroute.B1,
            leerroute_intensiteit=LeerrouteIntensiteit(12, 700),
            pvt=B1.pvt,
            map=B1.map,
        )
        day = date(2025, 11, 2)
        pip = pip.with_draft(pip.new_draft(more, day, reden="meer uren")).set_draft(day)
    return dict(pip.storage_items())


def _bsn(index: int) -> str:
    """A distinct BSN per index that passes the elfproef (the export refuses others)."""
    prefix = 10_000_000 + 2 * index
    for candidate in (prefix, prefix + 1):
        digits = f"{candidate:08d}"
        check = sum(w * int(d) for w, d in zip(range(9, 1, -1), digits, strict=True)) % 11
        if check < 10:
            return f"{digits}{check}"
    raise AssertionError("two consecutive prefixes never both need check digit 10")


def _fields(index: int) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "person.bsn": _bsn(index),
        "gemeente": "GM0629",
        **_history(index % 5 == 0),
    }
    for month in range(6, 18):  # June 2025 up to May 2026
        year, m = 2025 + (month - 1) // 12, (month - 1) % 12 + 1
        first, last = date(year, m, 1), date(year, m, 28)
        regel = UrenRegel("Taalhuis", UrenSoort.NT2, last, Decimal(40 + index % 7))
        fields[uren_key(f"{index:06x}{month:06x}")] = uren_value(first, regel)
    for day in (date(2025, 7, 1), date(2025, 7, 8), date(2025, 7, 15)):
        activiteit = PvtActiviteit("workshop", day, Decimal(4), True)
        fields[pvt_key(f"{index:06x}{day.day:06x}")] = pvt_value(activiteit)
    fields[PVT_ONDERTEKEND] = "2025-07-16"
    fields[thema_key(1)] = "2025-09-01"
    fields[thema_key(2)] = "2025-10-01"
    return fields


def seed(db: Database, cases: int) -> None:
    """``cases`` cases written in bulk (the office's field rules are not what is timed)."""
    stamp = datetime(2026, 6, 1)
    case_rows: list[dict[str, Any]] = []
    field_rows: list[dict[str, Any]] = []
    for index in range(cases):
        case_id = str(uuid.UUID(int=index + 1))
        case_rows.append(
            {
                "id": case_id,
                "version": 1,
                "seq": index + 1,
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        field_rows.extend(
            {
                "case_id": case_id,
                "key": key,
                "value": canonical_json(value),
                "version": 1,
                "seq": index + 1,
                "updated_at": stamp,
            }
            for key, value in _fields(index).items()
        )
    with db.write() as session:
        session.execute(insert(CaseRecord), case_rows)
        for start in range(0, len(field_rows), 5_000):
            session.execute(insert(FieldValue), field_rows[start : start + 5_000])


def _export(db: Database) -> tuple[float, float, duo.DuoExport, int]:
    """Wall-clock and this process's CPU time (ms): the CPU figure holds on a machine
    shared with other work, where the wall clock waits for the cores."""
    start, cpu = time.perf_counter(), time.process_time()
    export = duo.compute(db, ON)
    data = export.data()
    ms = (time.perf_counter() - start) * 1000
    return ms, (time.process_time() - cpu) * 1000, export, len(data)


def _baseline(db: Database) -> tuple[float, int]:
    start = time.perf_counter()
    with db.read() as session:
        rows = session.execute(
            select(FieldValue.case_id, FieldValue.key, FieldValue.value).where(duo.report_fields())
        ).all()
    return (time.perf_counter() - start) * 1000, len(rows)


def duo_export_figure(workdir: Path, cases: int, runs: int) -> Figure:
    """The figure ``duo_export_<cases>_cases_ms``: median of ``runs``."""
    with office_database(postgres_url(), workdir) as url:
        backend = url.split(":", 1)[0]
        db = Database(url)
        try:
            seed(db, cases)
            app: list[float] = []
            app_cpu: list[float] = []
            bare: list[float] = []
            export: duo.DuoExport | None = None
            size = rows = 0
            for run in range(runs):
                for which in ("app", "bare") if run % 2 == 0 else ("bare", "app"):
                    if which == "app":
                        elapsed, cpu, export, size = _export(db)
                        app.append(elapsed)
                        app_cpu.append(cpu)
                    else:
                        elapsed, rows = _baseline(db)
                        bare.append(elapsed)
            assert export is not None
            if export.geweigerd or export.counts()["dossiers"] != cases:
                raise RuntimeError(f"export refused cases: {export.counts()}")
            start = time.perf_counter()
            duo.register(db, export)
            done = duo.confirm(db, export.export_id)
            confirm_ms = (time.perf_counter() - start) * 1000
        finally:
            db.dispose()
    return figure(
        median(app),
        "ms",
        median(bare),
        runs,
        f"server.duo.compute + DuoExport.data over {cases} cases on {backend} "
        f"({len(export.mutaties)} records, all new; file {size / 1e6:.1f} MB; slowest run "
        f"{max(app):.0f} ms; CPU of the exporting process, median {median(app_cpu):.0f} ms), "
        f"vs one SELECT of the same {rows} field rows; registering "
        f"and confirming that export (marking {done.gemeld} records) took {confirm_ms:.0f} ms",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inburg-duo-") as folder:
        result = duo_export_figure(Path(folder), args.cases, args.runs)
    print(json.dumps({f"duo_export_{args.cases}_cases_ms": result}, indent=2))


if __name__ == "__main__":
    main()
