"""Faults: the server SIGKILLed during pushes, connections cut mid-response.

After restarts and retries the office must hold every op exactly once, the outbox must be
empty, and every field written by an op must be there.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import AppliedOp, Device, FieldValue
from inburg_desktop.sync.device_keys import DeviceKey
from inburg_desktop.sync.transport import ServerUnreachable, SyncClient

from .conftest import LiveServer, new_case_id
from .laptop_sim import SimLaptop

TRIALS = 21


def _edit_some(laptop: SimLaptop, cases: list[str], rng: random.Random, count: int) -> None:
    for _ in range(count):
        op_id = laptop.next_op_id
        laptop.edit(
            rng.choice(cases),
            {f"intake.op.{op_id}": "x" * rng.randint(1, 3000), "intake.laatste": op_id},
        )


def _push_until_done(laptop: SimLaptop, rng: random.Random, give_up: float = 60.0) -> int:
    """Push with retries, as the sync engine does; returns how many attempts failed."""
    failures = 0
    deadline = time.monotonic() + give_up
    while laptop.outbox:
        try:
            laptop.push(max_bytes=rng.choice([4_000, 30_000, 300_000]))
        except ServerUnreachable:
            failures += 1
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    return failures


def _assert_exactly_once(office: Database, device_id: str, total: int) -> None:
    with office.read() as session:
        op_ids = list(
            session.scalars(
                select(AppliedOp.op_id)
                .where(AppliedOp.device_id == device_id)
                .order_by(AppliedOp.op_id)
            )
        )
        device = session.get(Device, device_id)
        fields = session.scalar(
            select(func.count())
            .select_from(FieldValue)
            .where(FieldValue.device_id == device_id, FieldValue.key.like("intake.op.%"))
        )
    assert op_ids == list(range(1, total + 1))
    assert device is not None and device.last_op_id == total
    assert fields == total


def _enroll(url: str, office: Database, consultant: str) -> SyncClient:
    code, _ = admin.create_enrollment_code(office, consultant)
    client = SyncClient(url, retries=0, timeout=10.0)
    client.enroll(code, DeviceKey.generate(), "fault-laptop")
    return client


@pytest.mark.slow
def test_sigkill_during_pushes_loses_and_duplicates_nothing(
    db_url: str, office: Database, tmp_path: Path
) -> None:
    rng = random.Random(20260601)
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs")
    live.start()
    try:
        laptop = SimLaptop(_enroll(live.url, office, f"fault-{uuid.uuid4().hex[:6]}"))
        cases = [new_case_id() for _ in range(8)]
        interrupted = 0
        for _trial in range(TRIALS):
            _edit_some(laptop, cases, rng, rng.randint(20, 80))
            killer = threading.Timer(rng.uniform(0.0, 0.3), live.kill)
            killer.start()
            try:
                while laptop.outbox:
                    laptop.push(max_bytes=rng.choice([4_000, 30_000, 300_000]))
            except ServerUnreachable:
                interrupted += 1
            killer.join()
            live.start()
            _push_until_done(laptop, rng)
        assert laptop.outbox == []
        assert laptop.quarantined == []
        assert interrupted >= TRIALS // 4, "too few kills landed during a push"
        assert laptop.client.device_id is not None
        _assert_exactly_once(office, laptop.client.device_id, laptop.next_op_id - 1)
        laptop.pull()
        for case in cases:
            assert laptop.client.get_case(case).version >= 1
    finally:
        live.kill()


class CuttingProxy:
    """A loopback TCP proxy that cuts some responses in half and drops the connection."""

    def __init__(self, target_port: int, cut_probability: float, seed: int) -> None:
        self.target_port = target_port
        self.cut_probability = cut_probability
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.cuts = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = int(self.sock.getsockname()[1])
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.closed = True
        self.sock.close()

    def _accept(self) -> None:
        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
        except OSError:
            conn.close()
            return

        def forward() -> None:
            try:
                while data := conn.recv(65536):
                    upstream.sendall(data)
            except OSError:
                pass
            finally:
                with contextlib.suppress(OSError):
                    upstream.shutdown(socket.SHUT_WR)

        threading.Thread(target=forward, daemon=True).start()
        try:
            while data := upstream.recv(65536):
                with self.lock:
                    cut = self.rng.random() < self.cut_probability
                if cut:
                    conn.sendall(data[: len(data) // 2])
                    with self.lock:
                        self.cuts += 1
                    break
                conn.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (conn, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)  # wakes the other thread's recv
                sock.close()


@pytest.mark.slow
def test_connections_cut_mid_response(server: LiveServer, office: Database) -> None:
    proxy = CuttingProxy(server.port, cut_probability=0.35, seed=7)
    try:
        client = _enroll(server.url, office, f"cut-{uuid.uuid4().hex[:6]}")
        laptop = SimLaptop(
            SyncClient(
                f"http://127.0.0.1:{proxy.port}",
                device_id=client.device_id,
                key=client.key,
                retries=0,
                timeout=10.0,
            )
        )
        rng = random.Random(11)
        cases = [new_case_id() for _ in range(5)]
        failures = 0
        for _round in range(15):
            _edit_some(laptop, cases, rng, rng.randint(5, 30))
            failures += _push_until_done(laptop, rng)
        assert laptop.outbox == []
        assert proxy.cuts > 0 and failures > 0
        assert client.device_id is not None
        _assert_exactly_once(office, client.device_id, laptop.next_op_id - 1)
    finally:
        proxy.close()
