"""Pushing 1,000 new cases through the desktop's SyncEngine, side by side with a raw httpx
POST of the same push bodies to the same server; prints JSON (median of ``--runs``).

* engine: a vault with ``--cases`` demo cases (their outbox: one op per new case plus the
  demo intakes' and PIPs' edits), enrolled as a new device; timed is
  ``SyncEngine.push()``: read the outbox from the SQLCipher vault, cut batches of about
  1 MB, sign and POST each, and settle each answer in a vault transaction (drop the
  acknowledged entries, record conflicts and quarantine).
* raw: the same ops, serialised beforehand into exactly the bodies the engine sends
  (``PushRequest(...).model_dump_json()`` per ``protocol.batches`` batch), with the case
  ids replaced by fresh ones of the same length so the office does the same work (it
  creates the cases) and not a replay; timed is, per body, signing it and one
  ``httpx.Client.post`` on a kept-alive connection, answer read. Signing stays in: the
  server refuses unsigned pushes, and it costs a SHA-256 of the body and one Ed25519
  signature (``signing_ms`` shows how little), so an unauthenticated echo would measure a
  different server, not a cheaper client.

Both push to one ``inburg-office serve`` process; the order alternates per run.

Run: python benchmarks/sync_push_vs_raw.py [--cases 1000] [--runs 5] [--pg URL | --db URL]
(default: a temporary SQLite office database).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.engine import make_url

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.protocol.device_keys import DeviceKey, b64decode, sign_request
from inburg_desktop.protocol.messages import Op, PushRequest, PushResponse, batches
from inburg_desktop.server.db import Database
from inburg_desktop.services import vault_session
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import enrollment
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine
from sync_load import (
    PASSPHRASE,
    client_for,
    enroll_vault,
    fresh_postgres,
    migrate,
    office_server,
)


def laptop(workdir: Path, name: str, cases: int, url: str, office: Database) -> OpenVault:
    vault = vault_session.create(workdir / name / "kluis.db", PASSPHRASE, TEST_KDF)
    enroll_vault(vault, url, office, f"push-{name}", name)
    with vault.transaction() as session:
        add_demo_cases(session, cases)
    return vault


def outbox_ops(vault: OpenVault) -> list[Op]:
    with vault.session() as session:
        rows = session.scalars(select(OutboxRow).order_by(OutboxRow.op_id)).all()
        return [
            Op(
                op_id=r.op_id,
                case_id=r.case_id,
                base_version=r.base_version,
                patch=json.loads(r.patch),
                resolves=json.loads(r.resolves),
            )
            for r in rows
        ]


def engine_push(vault: OpenVault, url: str) -> tuple[float, int]:
    with client_for(vault, url) as client:
        engine = SyncEngine(vault, client)
        start = time.perf_counter()
        engine.push()
        elapsed = time.perf_counter() - start
    assert engine.summary.quarantined == 0
    return elapsed, engine.summary.pushed


def _decided_by(patch: dict[str, Any], consultant: str) -> dict[str, Any]:
    """``patch`` with every decision's decider (a PIP version's ``vastgesteld_door``, a
    fine's ``besluit.door``) named ``consultant``: the office binds a decision to the
    consultant of the laptop that pushes it (``protocol.decider``), and the raw bodies
    are pushed by another laptop than the one that made them."""
    out = dict(patch)
    for key, value in patch.items():
        if not isinstance(value, dict):
            continue
        if key.startswith("pip.version.") and isinstance(value.get("vastgesteld_door"), dict):
            door = {**value["vastgesteld_door"], "consulent_id": consultant, "naam": consultant}
            out[key] = {**value, "vastgesteld_door": door}
        elif key.endswith(".besluit") and isinstance(value.get("door"), dict):
            out[key] = {**value, "door": {**value["door"], "id": consultant, "naam": consultant}}
    return out


def raw_bodies(ops: list[Op], consultant: str | None = None) -> list[bytes]:
    """The engine's bodies for these ops, with fresh case ids of the same length;
    ``consultant``: the pushing laptop's, named as the decider of every decision."""
    fresh: dict[str, str] = {}
    renamed = [
        op.model_copy(
            update={
                "case_id": fresh.setdefault(op.case_id, str(uuid.uuid4())),
                "patch": op.patch if consultant is None else _decided_by(op.patch, consultant),
            }
        )
        for op in ops
    ]
    return [PushRequest(ops=batch).model_dump_json().encode() for batch in batches(renamed)]


def raw_push(vault: OpenVault, url: str, bodies: list[bytes]) -> tuple[float, float]:
    """Sign and POST each body; returns (seconds, of which signing in ms)."""
    with vault.session() as session:
        enrolled = enrollment(session)
    assert enrolled is not None
    key = DeviceKey.from_private_bytes(b64decode(enrolled.private_key_b64))
    signing = 0.0
    with httpx.Client(base_url=url, timeout=120.0) as http:
        http.get("/health")  # open the connection first, as the engine's client has
        start = time.perf_counter()
        for body in bodies:
            t0 = time.perf_counter()
            headers = sign_request(
                key,
                enrolled.device_id,
                method="POST",
                path="/v1/push",
                query="",
                body=body,
                timestamp=int(time.time()),
            )
            signing += time.perf_counter() - t0
            headers["content-type"] = "application/json"
            answer = http.post("/v1/push", content=body, headers=headers)
            answer.raise_for_status()
            result = PushResponse.model_validate_json(answer.content)
            assert all(r.status == "applied" for r in result.results)
        elapsed = time.perf_counter() - start
    return elapsed, signing * 1000


@contextlib.contextmanager
def office_database(args: argparse.Namespace, workdir: Path) -> Iterator[str]:
    if args.pg:
        with fresh_postgres(args.pg) as url:
            yield url
        return
    url = args.db or f"sqlite:///{workdir / 'office.db'}"
    migrate(url)
    yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--pg", help="PostgreSQL server URL; a fresh database is used")
    where.add_argument("--db", help="an existing office database URL")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="inburg-push-"))
    engine_s: list[float] = []
    raw_s: list[float] = []
    signing_ms: list[float] = []
    shape: dict[str, Any] = {}
    try:
        with (
            office_database(args, workdir) as db_url,
            office_server(db_url, 1, workdir / "server.log") as url,
        ):
            office = Database(db_url)
            try:
                for run in range(args.runs):
                    mine = laptop(workdir, f"engine-{run}", args.cases, url, office)
                    other = laptop(workdir, f"raw-{run}", 0, url, office)
                    try:
                        ops = outbox_ops(mine)
                        bodies = raw_bodies(ops, f"push-raw-{run}")
                        shape = {
                            "ops": len(ops),
                            "batches": len(bodies),
                            "body_bytes": sum(len(b) for b in bodies),
                        }

                        def run_engine(vault: OpenVault = mine, n: int = len(ops)) -> None:
                            elapsed, pushed = engine_push(vault, url)
                            assert pushed == n
                            engine_s.append(elapsed)

                        def run_raw(vault: OpenVault = other, bodies: list[bytes] = bodies) -> None:
                            elapsed, signed = raw_push(vault, url, bodies)
                            raw_s.append(elapsed)
                            signing_ms.append(signed)

                        for step in (
                            (run_engine, run_raw) if run % 2 == 0 else (run_raw, run_engine)
                        ):
                            step()
                    finally:
                        mine.lock()
                        other.lock()
            finally:
                office.dispose()
        engine_median = statistics.median(engine_s)
        raw_median = statistics.median(raw_s)
        print(
            json.dumps(
                {
                    "cases": args.cases,
                    **shape,
                    "database": make_url(db_url).get_backend_name(),
                    "runs": args.runs,
                    "engine_push_s": round(engine_median, 3),
                    "raw_post_s": round(raw_median, 3),
                    "engine_over_raw": round(engine_median / raw_median, 2),
                    "client_overhead_s": round(engine_median - raw_median, 3),
                    "signing_ms": round(statistics.median(signing_ms), 2),
                    "engine_ops_per_s": round(shape["ops"] / engine_median),
                    "raw_ops_per_s": round(shape["ops"] / raw_median),
                    "engine_runs_s": [round(s, 3) for s in engine_s],
                    "raw_runs_s": [round(s, 3) for s in raw_s],
                },
                indent=2,
            )
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
