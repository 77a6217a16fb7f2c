"""Faults at the level of the desktop client: a real vault and the SyncEngine.

* The server is SIGKILLed while the engine syncs a large outbox in small batches, at each
  window that matters, for certain: held at a fault point (``server.fault_hooks``) before
  a batch is applied, after some of its ops were applied inside the transaction, after
  its commit but before the answer, and while a pull page is being answered. The laptop
  must drop nothing the office does not hold, the office must hold exactly the batches
  it committed, and after a restart the next sync completes at once. The office then
  holds every op exactly once and every field equals the laptop's.
* A loopback TCP proxy forwards a chosen request and then drops the connection instead
  of passing the answer on: the engine raises ServerUnreachable (a SyncError), nothing
  local is dropped, and the next sync completes.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterator, Sized
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.messages import MESSAGES
from inburg_desktop.protocol import messages as protocol
from inburg_desktop.server.db import Database
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.sync_state import CURSOR, get_setting, quarantine
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync import engine as engine_module
from inburg_desktop.sync.engine import SyncEngine
from inburg_desktop.sync.transport import ServerUnreachable, SyncError

from ..conftest import LiveServer
from ..fault_points import WAIT_SECONDS, FaultPoints, in_thread
from ..loopback_proxy import LoopbackProxy
from .test_laptops_office import (
    case_ids,
    client_for,
    enroll_vault,
    new_consultant,
    office_fields,
    office_op_ids,
    ops_written,
    outbox_size,
    sync,
    vault_fields,
)

BATCH_BYTES = 4_000
# (fault point, at the first, middle or last op of the outbox): push.applied right after
# that op, push.begin and push.committed at the batch that holds it; pull.begin at the
# first page, once every op went up.
KILLS = [
    ("push.begin", "first"),
    ("push.begin", "last"),
    ("push.applied", "first"),
    ("push.applied", "middle"),
    ("push.applied", "last"),
    ("push.committed", "first"),
    ("push.committed", "middle"),
    ("push.committed", "last"),
    ("pull.begin", "first"),
]


@pytest.fixture
def office(db_url: str) -> Iterator[Database]:
    db = Database(db_url)
    yield db
    db.dispose()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut push batches at ~4 KB so a sync makes many batches to stop in.

    (``protocol.batches`` binds its size default at definition time, so the engine's
    reference is replaced rather than ``protocol.MAX_BATCH_BYTES``.)
    """
    monkeypatch.setattr(
        engine_module, "batches", functools.partial(protocol.batches, max_bytes=BATCH_BYTES)
    )


def _edit_some(vault: OpenVault, cases: list[str], rng: random.Random, count: int) -> None:
    """``count`` autosaves, each its own transaction and outbox entry, as the intake does."""
    for _ in range(count):
        n = rng.randrange(1_000_000)
        with vault.transaction() as session:
            update_fields(
                session,
                rng.choice(cases),
                {f"intake.fout.{n}": "x" * rng.randint(1, 3_000), "intake.laatste": n},
            )


def _outbox_ids(vault: OpenVault) -> list[int]:
    with vault.session() as session:
        return list(session.scalars(select(OutboxRow.op_id).order_by(OutboxRow.op_id)))


def _outbox_bytes(vault: OpenVault) -> int:
    with vault.session() as session:
        return sum(len(patch) for patch in session.scalars(select(OutboxRow.patch)))


def _holds(op_id: int, numbers: tuple[int, ...]) -> bool:
    """Whether a fault point's numbers (one op id, or a batch's first and last) hold op_id."""
    return numbers[0] <= op_id <= numbers[-1]


def _batch_held(points: FaultPoints) -> tuple[int, int]:
    """First and last op id of the last batch the server began (one syncing laptop)."""
    first, last = [numbers for point, numbers in points.seen if point == "push.begin"][-1]
    return first, last


def _cursor(vault: OpenVault) -> int:
    with vault.session() as session:
        return int(get_setting(session, CURSOR, 0))


def _pick(items: Sized, which: str) -> int:
    return {"first": 0, "middle": len(items) // 2, "last": len(items) - 1}[which]


def _assert_office_equals_laptop(office: Database, vault: OpenVault, device: str) -> None:
    assert outbox_size(vault) == 0
    with vault.session() as session:
        assert quarantine(session) == []
    assert office_op_ids(office, device) == list(range(1, ops_written(vault) + 1))
    for case_id in case_ids(vault):
        assert office_fields(office, case_id) == vault_fields(vault, case_id), case_id


@pytest.mark.slow
@pytest.mark.usefixtures("small_batches")
def test_sigkill_at_each_window_of_a_sync(
    db_url: str, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    rng = random.Random(20260602)
    points = FaultPoints()
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs", fault_points=points)
    live.start()
    try:
        device = enroll_vault(vault, live.url, office, new_consultant("kill"))
        with vault.transaction() as session:
            cases = add_demo_cases(session, 4)
        for point, which in KILLS:
            _edit_some(vault, cases, rng, rng.randint(30, 70))
            before = _outbox_ids(vault)
            cursor = _cursor(vault)
            target = before[_pick(before, which)]
            if point == "pull.begin":
                stop = points.stop_at(point)
            else:
                stop = points.stop_at(point, where=functools.partial(_holds, target))
            syncing = in_thread(functools.partial(sync, vault, live.url, retries=0))
            stop.wait()
            live.kill()
            with pytest.raises(ServerUnreachable):
                syncing.result(timeout=WAIT_SECONDS)
            # Nothing local was dropped that the office does not hold ...
            left = set(_outbox_ids(vault))
            at_office = office_op_ids(office, device)
            assert set(before) - left <= set(at_office)
            # ... and the office holds exactly the batches it committed.
            if point == "pull.begin":
                assert left == set() and at_office == list(range(1, before[-1] + 1))
                assert _cursor(vault) == cursor  # the unanswered page was not applied
            else:
                first, last = _batch_held(points)
                assert first <= target <= last
                assert min(left) == first, (point, which)
                holds = last if point == "push.committed" else first - 1
                assert at_office == list(range(1, holds + 1)), (point, which)
            live.start()
            sync(vault, live.url, retries=0)  # at once: a resent committed batch is replayed
            assert outbox_size(vault) == 0
        _assert_office_equals_laptop(office, vault, device)
    finally:
        live.kill()
        points.close()


@pytest.mark.usefixtures("small_batches")
def test_connection_dropped_after_the_request_was_forwarded(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    device = enroll_vault(vault, server.url, office, new_consultant("knip"))
    with vault.transaction() as session:
        cases = add_demo_cases(session, 3)
    _edit_some(vault, cases, random.Random(3), 20)
    pending = _outbox_ids(vault)
    assert _outbox_bytes(vault) > BATCH_BYTES  # more than one batch
    before = {case_id: vault_fields(vault, case_id) for case_id in cases}
    proxy = LoopbackProxy(server.port)
    proxy.arm("POST /v1/push", "drop")
    try:
        with (
            pytest.raises(ServerUnreachable) as failure,
            client_for(vault, proxy.url, retries=0) as client,
        ):
            SyncEngine(vault, client).run()
        assert isinstance(failure.value, SyncError) and failure.value.code in MESSAGES
        assert [s.fault for s in proxy.spoiled] == ["drop"]
        # The office did apply the first batch, but its answer never arrived: the laptop
        # keeps every op (nothing dropped without an acknowledgement) and every value.
        applied = office_op_ids(office, device)
        assert applied == list(range(1, len(applied) + 1)) and 0 < len(applied) < len(pending)
        assert _outbox_ids(vault) == pending
        assert {case_id: vault_fields(vault, case_id) for case_id in cases} == before
        # The next sync (the connection is fine again) completes; the resent batch
        # changes nothing at the office.
        with client_for(vault, proxy.url, retries=0) as client:
            summary = SyncEngine(vault, client).run()
        assert summary.pushed == len(pending)
        _assert_office_equals_laptop(office, vault, device)
    finally:
        proxy.close()


@pytest.mark.slow
@pytest.mark.usefixtures("small_batches")
def test_dropped_answers_during_push_and_pull(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """Each round drops the answer to one chosen request, a push batch or a pull page."""
    rng = random.Random(17)
    device = enroll_vault(vault, server.url, office, new_consultant("knip"))
    with vault.transaction() as session:
        cases = add_demo_cases(session, 3)
    proxy = LoopbackProxy(server.port)
    try:
        for round_no in range(8):
            _edit_some(vault, cases, rng, rng.randint(5, 25))
            written = set(range(1, ops_written(vault) + 1))
            cursor = _cursor(vault)
            if round_no % 2:
                proxy.arm("GET /v1/pull", "drop")
            else:
                # The answer to the first or the second batch of the push.
                nth = 1 + round_no // 2 % 2
                assert nth == 1 or _outbox_bytes(vault) > BATCH_BYTES
                proxy.arm("POST /v1/push", "drop", nth=nth)
            with pytest.raises(ServerUnreachable):
                sync(vault, proxy.url, retries=0)
            assert proxy.armed == 0
            # Every op is still on the laptop or already at the office.
            assert written <= set(_outbox_ids(vault)) | set(office_op_ids(office, device))
            if round_no % 2:
                assert outbox_size(vault) == 0 and _cursor(vault) == cursor
            sync(vault, proxy.url, retries=0)  # at once
            assert outbox_size(vault) == 0
        spoiled = [s.request.split()[:2] for s in proxy.spoiled]
        assert [f"{method} {target.split('?')[0]}" for method, target in spoiled] == [
            "POST /v1/push",
            "GET /v1/pull",
        ] * 4
        _assert_office_equals_laptop(office, vault, device)
    finally:
        proxy.close()
