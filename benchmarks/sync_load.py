"""Many laptops syncing at once against one office server; prints JSON.

Each simulated laptop is a real encrypted vault (SQLCipher, fast test KDF) driven by the
desktop's own ``SyncEngine`` and an enrolled ``SyncClient`` with its own Ed25519 key, in
its own thread. Devices come in pairs per consultant (a consultant with two laptops); each
consultant also has a case imported at the office that both laptops edit (different
fields), and each laptop brings a new case of its own. All devices at once, every laptop
syncs (its new case goes up, the caseload comes down) and then does ``--rounds`` rounds of
``--edits`` autosaves, each round followed by one sync (push, pull). A failed round (e.g.
a 503 when the database pool is exhausted) is retried, as the consultant would, and
counted. After a final sync of every laptop the office is checked:

* every device's op ids at the office are exactly 1..n (n = ops its outbox numbered):
  ``lost`` counts missing ones, ``duplicated`` counts (device, op id) stored twice;
* every laptop's copy of its caseload equals the office's (``mismatched_cases``).

Timing: ``wall_s`` covers the concurrent phase (edits, pushes, pulls of all devices);
``ops_per_s`` is ops acknowledged by the office per wall second; latency is per HTTP
request as the client sees it (request sent to answer read), p50/p95/p99 overall and for
push and pull. Client and server share this machine's CPUs, so the figures are a floor.

Run against the local PostgreSQL (a fresh database is created and dropped):
    python benchmarks/sync_load.py --pg postgresql+psycopg://postgres@127.0.0.1:54329/postgres
Options: --devices 50 --rounds 4 --edits 10 --workers 2 (uvicorn worker processes);
--db URL uses an existing, migrated database instead of --pg.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.protocol.device_keys import DeviceKey, b64decode, b64encode
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.migrate import upgrade
from inburg_desktop.server.tables import AppliedOp, Assignment, FieldValue
from inburg_desktop.services import vault_session
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.changes import case_patch, field_values
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import Enrollment, enrollment, save_enrollment
from inburg_desktop.storage.tables import CaseRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine
from inburg_desktop.sync.transport import SyncClient, SyncError

HANDOVER = Path(__file__).resolve().parent.parent / "tests" / "data" / "handover-amal.json"
PASSPHRASE = "benchmark passphrase, not secret"
GIVE_UP_SECONDS = 120.0


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def latency(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"n": 0}
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 0.95), 1),
        "p99_ms": round(percentile(samples, 0.99), 1),
        "max_ms": round(max(samples), 1),
    }


class TimingTransport(httpx.HTTPTransport):
    """Records (path, milliseconds) for every request, answer body included."""

    def __init__(self, record: list[tuple[str, float]], lock: threading.Lock) -> None:
        super().__init__()
        self.record = record
        self.lock = lock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        start = time.perf_counter()
        response = super().handle_request(request)
        response.read()  # the client reads it anyway; count it in the latency
        elapsed = (time.perf_counter() - start) * 1000
        with self.lock:
            self.record.append((request.url.path, elapsed))
        return response


# --- the office server ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def office_server(db_url: str, workers: int, log: Path) -> Iterator[str]:
    """``inburg-office serve`` on a free loopback port; yields its URL."""
    port = free_port()
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "inburg_desktop.server.cli", "serve", "--db", db_url,
             "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
             "--log-level", "warning"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}; see {log}")
            try:
                if httpx.get(f"{url}/health", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not come up")
            time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=20)


@contextlib.contextmanager
def fresh_postgres(base_url: str) -> Iterator[str]:
    """A new, migrated database on the PostgreSQL at ``base_url``; dropped afterwards."""
    name = f"inburg_bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
    try:
        migrate(url)
        yield url
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def migrate(url: str) -> None:
    db = Database(url)
    try:
        upgrade(db.engine)
    finally:
        db.dispose()


# --- laptops --------------------------------------------------------------------------


@dataclass
class Laptop:
    index: int
    consultant: str
    vault: OpenVault
    shared_case: str
    device_id: str = ""
    own_case: str = ""
    failed_rounds: int = 0
    errors: list[str] = field(default_factory=list)


def enroll_vault(
    vault: OpenVault, url: str, office: Database, consultant: str, name: str = "benchmark"
) -> str:
    """Enroll a vault with a fresh one-time code, as ``inburg device enroll`` does."""
    code, _ = admin.create_enrollment_code(office, consultant)
    key = DeviceKey.generate()
    with SyncClient(url, retries=0) as client:
        answer = client.enroll(code, key, name)
    with vault.transaction() as session:
        save_enrollment(
            session,
            Enrollment(url, answer.device_id, answer.consultant, b64encode(key.private_bytes())),
        )
    return answer.device_id


def client_for(vault: OpenVault, url: str | None = None, **kwargs: Any) -> SyncClient:
    """The vault's enrolled client (optionally pointed at another URL, e.g. a proxy)."""
    with vault.session() as session:
        enrolled = enrollment(session)
    assert enrolled is not None
    key = DeviceKey.from_private_bytes(b64decode(enrolled.private_key_b64))
    return SyncClient(url or enrolled.server_url, device_id=enrolled.device_id, key=key, **kwargs)


def sync_once(
    laptop: Laptop, url: str, record: list[tuple[str, float]], lock: threading.Lock
) -> None:
    """One sync round, retried (bounded) until it succeeds."""
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while True:
        try:
            with client_for(
                laptop.vault, url, timeout=60.0, transport=TimingTransport(record, lock)
            ) as client:
                SyncEngine(laptop.vault, client).run()
            return
        except SyncError as exc:
            laptop.failed_rounds += 1
            laptop.errors.append(f"{type(exc).__name__}: {exc}")
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def work(
    laptop: Laptop,
    url: str,
    rounds: int,
    edits: int,
    record: list[tuple[str, float]],
    lock: threading.Lock,
    start: threading.Barrier,
    failures: list[BaseException],
) -> None:
    try:
        start.wait(timeout=60)
        sync_once(laptop, url, record, lock)  # the new case goes up, the caseload comes down
        for round_no in range(rounds):
            for n in range(edits):
                case = laptop.own_case if n % 2 else laptop.shared_case
                with laptop.vault.transaction() as session:
                    update_fields(
                        session,
                        case,
                        {f"intake.laptop{laptop.index}.r{round_no}.e{n}": f"notitie {n} " * 8},
                    )
            sync_once(laptop, url, record, lock)
    except BaseException as exc:
        failures.append(exc)


def ops_written(vault: OpenVault) -> int:
    with vault.session() as session:
        used = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"))
        return int(used.scalar() or 0)


def vault_fields(vault: OpenVault, case_id: str) -> dict[str, Any]:
    with vault.session() as session:
        row = session.get(CaseRow, case_id)
        if row is None:
            return {}
        values = {**case_patch(row), **field_values(session, case_id)}
    return {k: v for k, v in values.items() if v is not None}


def office_fields(office: Database, case_id: str) -> dict[str, Any]:
    with office.read() as session:
        rows = session.execute(
            select(FieldValue.key, FieldValue.value).where(FieldValue.case_id == case_id)
        ).all()
    values = {key: json.loads(value) for key, value in rows}
    return {k: v for k, v in values.items() if v is not None}


def run_load(
    url: str,
    db_url: str,
    workdir: Path,
    *,
    devices: int = 50,
    rounds: int = 4,
    edits: int = 10,
) -> dict[str, Any]:
    """Run the load against a running server; returns figures and the checks' results."""
    office = Database(db_url)
    try:
        run = uuid.uuid4().hex[:6]
        handover = HANDOVER.read_bytes()
        laptops: list[Laptop] = []
        shared: dict[str, str] = {}
        for index in range(devices):
            consultant = f"last-{run}-{index // 2}"
            if consultant not in shared:
                shared[consultant] = admin.import_handover(office, handover, consultant)
            vault = vault_session.create(
                workdir / f"laptop-{index}" / "kluis.db", PASSPHRASE, TEST_KDF
            )
            laptop = Laptop(index, consultant, vault, shared[consultant])
            laptop.device_id = enroll_vault(vault, url, office, consultant, f"load-{index}")
            with vault.transaction() as session:
                (laptop.own_case,) = add_demo_cases(session, 1)
            laptops.append(laptop)

        record: list[tuple[str, float]] = []
        lock = threading.Lock()
        failures: list[BaseException] = []
        barrier = threading.Barrier(devices + 1)
        threads = [
            threading.Thread(
                target=work,
                args=(lp, url, rounds, edits, record, lock, barrier, failures),
                name=f"laptop-{lp.index}",
            )
            for lp in laptops
        ]
        for thread in threads:
            thread.start()
        barrier.wait(timeout=60)
        started = time.perf_counter()
        for thread in threads:
            thread.join(timeout=GIVE_UP_SECONDS * rounds + 60)
        wall = time.perf_counter() - started
        if any(t.is_alive() for t in threads):
            raise RuntimeError("a laptop thread did not finish in time")
        if failures:
            raise RuntimeError(f"{len(failures)} laptops failed: {failures[0]!r}")

        # Every laptop syncs once more (one after another), then everything is compared.
        for laptop in laptops:
            sync_once(laptop, url, [], lock)
        written = {lp.device_id: ops_written(lp.vault) for lp in laptops}
        with office.read() as session:
            rows = session.execute(
                select(AppliedOp.device_id, AppliedOp.op_id).where(
                    AppliedOp.device_id.in_(list(written))
                )
            ).all()
            distinct = session.scalar(
                select(func.count()).select_from(
                    select(AppliedOp.device_id, AppliedOp.op_id)
                    .where(AppliedOp.device_id.in_(list(written)))
                    .distinct()
                    .subquery()
                )
            )
            caseloads: dict[str, set[str]] = {}
            for case_id, consultant in session.execute(
                select(Assignment.case_id, Assignment.consultant).where(
                    Assignment.consultant.in_(list(shared))
                )
            ):
                caseloads.setdefault(consultant, set()).add(case_id)
        stored: dict[str, set[int]] = {}
        for device, op_id in rows:
            stored.setdefault(device, set()).add(int(op_id))
        lost = sum(len(set(range(1, n + 1)) - stored.get(d, set())) for d, n in written.items())
        unexpected = sum(
            len(stored.get(d, set()) - set(range(1, n + 1))) for d, n in written.items()
        )
        duplicated = len(rows) - int(distinct or 0)
        mismatched = 0
        pending = 0
        for laptop in laptops:
            with laptop.vault.session() as session:
                pending += len(session.scalars(select(OutboxRow.op_id)).all())
                local = set(session.scalars(select(CaseRow.id)))
            expected = caseloads.get(laptop.consultant, set())
            mismatched += len(local ^ expected)
            for case_id in expected:
                if vault_fields(laptop.vault, case_id) != office_fields(office, case_id):
                    mismatched += 1
        paths = {"push": "/v1/push", "pull": "/v1/pull"}
        total_ops = sum(written.values())
        return {
            "devices": devices,
            "consultants": len(shared),
            "rounds": rounds,
            "edits_per_round": edits,
            "ops": total_ops,
            "requests": len(record),
            "wall_s": round(wall, 2),
            "ops_per_s": round(total_ops / wall, 1),
            "requests_per_s": round(len(record) / wall, 1),
            "latency": latency([ms for _path, ms in record]),
            **{
                f"latency_{name}": latency([ms for p, ms in record if p == path])
                for name, path in paths.items()
            },
            "failed_rounds_retried": sum(lp.failed_rounds for lp in laptops),
            "first_errors": sorted({e for lp in laptops for e in lp.errors})[:3],
            "lost": lost,
            "duplicated": duplicated,
            "unexpected": unexpected,
            "outbox_left": pending,
            "mismatched_cases": mismatched,
            "device_ids": sorted(written),
        }
    finally:
        for laptop in locals().get("laptops", []):
            laptop.vault.lock()
        office.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--pg", help="PostgreSQL server URL; a fresh database is used")
    where.add_argument("--db", help="an existing database URL (migrated on start)")
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="inburg-load-"))
    try:
        with contextlib.ExitStack() as stack:
            if args.pg:
                db_url = stack.enter_context(fresh_postgres(args.pg))
            else:
                db_url = args.db
                migrate(db_url)
            url = stack.enter_context(office_server(db_url, args.workers, workdir / "server.log"))
            figures = run_load(
                url, db_url, workdir, devices=args.devices, rounds=args.rounds, edits=args.edits
            )
        figures.pop("device_ids")
        figures["database"] = make_url(db_url).get_backend_name()
        figures["server_workers"] = args.workers
        figures["cpus"] = os.cpu_count()
        print(json.dumps(figures, indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
