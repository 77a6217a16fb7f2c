"""Faults: the server SIGKILLed at each window of a push, connections cut mid-answer.

Every kill and every cut lands where the test chose, for certain: the server is held at
a fault point (``inburg_desktop.server.fault_hooks``, switched on only for these server
processes) and killed there; the proxy cuts the answer of a chosen request. After each
fault the office must hold exactly the batches it committed, the laptop must still hold
every op the office did not acknowledge, and the next push must complete at once. At the
end the office holds every op exactly once and every field written by an op.
"""

from __future__ import annotations

import functools
import random
import uuid
from collections.abc import Iterator, Sized
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inburg_desktop.protocol.device_keys import DeviceKey
from inburg_desktop.protocol.messages import batches
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import AppliedOp, Device, FieldValue
from inburg_desktop.sync.transport import ServerUnreachable, SyncClient

from ..fault_points import WAIT_SECONDS, FaultPoints, in_thread
from ..loopback_proxy import LoopbackProxy
from .conftest import LiveServer, new_case_id
from .laptop_sim import SimLaptop

# Where the kill lands: which push window, at the first, middle or last op of the outbox
# (push.applied: right after that op; otherwise: at the batch that holds it).
WINDOWS = ("push.begin", "push.applied", "push.committed")
POSITIONS = ("first", "middle", "last")
KILLS = [(window, position) for window in WINDOWS for position in POSITIONS]


def _edit_some(laptop: SimLaptop, cases: list[str], rng: random.Random, count: int) -> None:
    for _ in range(count):
        op_id = laptop.next_op_id
        laptop.edit(
            rng.choice(cases),
            {f"intake.op.{op_id}": "x" * rng.randint(1, 3000), "intake.laatste": op_id},
        )


def _pick(items: Sized, position: str) -> int:
    return {"first": 0, "middle": len(items) // 2, "last": len(items) - 1}[position]


def _holds(op_id: int, numbers: tuple[int, ...]) -> bool:
    """Whether a fault point's numbers (one op id, or a batch's first and last) hold op_id."""
    return numbers[0] <= op_id <= numbers[-1]


def _batch_held(points: FaultPoints) -> tuple[int, int]:
    """First and last op id of the last batch the server began (one pushing laptop)."""
    first, last = [numbers for point, numbers in points.seen if point == "push.begin"][-1]
    return first, last


def _office_state(office: Database, device_id: str) -> tuple[int, list[int], int]:
    """(the device's last op id, its applied op ids, its ``intake.op.*`` fields)."""
    with office.read() as session:
        device = session.get(Device, device_id)
        assert device is not None
        op_ids = list(
            session.scalars(
                select(AppliedOp.op_id)
                .where(AppliedOp.device_id == device_id)
                .order_by(AppliedOp.op_id)
            )
        )
        fields = session.scalar(
            select(func.count())
            .select_from(FieldValue)
            .where(FieldValue.device_id == device_id, FieldValue.key.like("intake.op.%"))
        )
        return device.last_op_id, op_ids, int(fields or 0)


def _assert_office_holds_up_to(office: Database, device_id: str, last: int) -> None:
    """The office holds ops 1..last of the device, each once, with their fields."""
    assert _office_state(office, device_id) == (last, list(range(1, last + 1)), last)


def _enroll(url: str, office: Database, consultant: str) -> SyncClient:
    code, _ = admin.create_enrollment_code(office, consultant)
    client = SyncClient(url, retries=0, timeout=30.0)
    client.enroll(code, DeviceKey.generate(), "fault-laptop")
    return client


@pytest.fixture
def held_server(db_url: str, tmp_path: Path) -> Iterator[tuple[LiveServer, FaultPoints]]:
    """A server process of its own, reporting its fault points to the test."""
    points = FaultPoints()
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs", fault_points=points)
    live.start()
    try:
        yield live, points
    finally:
        live.kill()
        points.close()


@pytest.mark.slow
def test_sigkill_at_each_window_of_a_push_loses_and_duplicates_nothing(
    held_server: tuple[LiveServer, FaultPoints], office: Database
) -> None:
    live, points = held_server
    rng = random.Random(20260601)
    laptop = SimLaptop(_enroll(live.url, office, f"fault-{uuid.uuid4().hex[:6]}"))
    device_id = laptop.client.device_id
    assert device_id is not None
    cases = [new_case_id() for _ in range(8)]
    for window, position in KILLS:
        _edit_some(laptop, cases, rng, rng.randint(20, 80))
        max_bytes = rng.choice([4_000, 30_000])
        target = laptop.outbox[_pick(laptop.outbox, position)].op_id
        stop = points.stop_at(window, where=functools.partial(_holds, target))
        pushing = in_thread(functools.partial(laptop.push, max_bytes=max_bytes))
        stop.wait()
        live.kill()
        with pytest.raises(ServerUnreachable):
            pushing.result(timeout=WAIT_SECONDS)
        first, last = _batch_held(points)
        assert first <= target <= last
        # The batches before were acknowledged; this one was not, whatever the window.
        assert laptop.outbox[0].op_id == first, (window, position)
        # The transaction is all or nothing: before its commit the office holds none of
        # the batch (not even the ops applied before the kill), after it all of it.
        holds = last if window == "push.committed" else first - 1
        _assert_office_holds_up_to(office, device_id, holds)
        live.start()
        laptop.push(max_bytes=max_bytes)  # at once: a resent committed batch is replayed
        assert laptop.outbox == []
        _assert_office_holds_up_to(office, device_id, laptop.next_op_id - 1)
    assert laptop.quarantined == []
    laptop.pull()
    for case in cases:
        assert laptop.client.get_case(case).version >= 1


@pytest.mark.slow
def test_connections_cut_mid_answer(server: LiveServer, office: Database) -> None:
    proxy = LoopbackProxy(server.port)
    try:
        client = _enroll(server.url, office, f"cut-{uuid.uuid4().hex[:6]}")
        assert client.device_id is not None
        laptop = SimLaptop(
            SyncClient(proxy.url, device_id=client.device_id, key=client.key, retries=0)
        )
        rng = random.Random(11)
        cases = [new_case_id() for _ in range(5)]
        for _round in range(12):
            _edit_some(laptop, cases, rng, rng.randint(5, 30))
            max_bytes = rng.choice([4_000, 30_000])
            planned = list(batches(list(laptop.outbox), max_bytes))
            b = rng.randrange(len(planned))
            proxy.arm("POST /v1/push", "cut", nth=b + 1)
            with pytest.raises(ServerUnreachable):
                laptop.push(max_bytes=max_bytes)
            assert proxy.armed == 0
            # The office committed the batch whose answer was cut; the laptop kept it.
            assert laptop.outbox[0].op_id == planned[b][0].op_id
            _assert_office_holds_up_to(office, client.device_id, planned[b][-1].op_id)
            laptop.push(max_bytes=max_bytes)  # at once: the cut batch is replayed
            assert laptop.outbox == []
        assert [s.fault for s in proxy.spoiled] == ["cut"] * 12
        _assert_office_holds_up_to(office, client.device_id, laptop.next_op_id - 1)
        laptop.client.close()
        proxy.settle()
    finally:
        proxy.close()
