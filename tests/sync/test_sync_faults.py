"""Faults at the level of the desktop client: a real vault and the SyncEngine.

* The server is SIGKILLed at random moments while the engine pushes a large outbox in
  small batches; after a restart, sync is retried until it succeeds. The office must hold
  every op exactly once, the laptop's outbox must be empty and every field on the office
  must equal the laptop's.
* A loopback TCP proxy forwards the request and then drops the connection instead of
  answering: the engine raises ServerUnreachable (a SyncError), nothing local is dropped,
  and the next sync completes.
"""

from __future__ import annotations

import functools
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.server.db import Database
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync import engine as engine_module
from inburg_desktop.sync import protocol
from inburg_desktop.sync.engine import SyncEngine, SyncSummary
from inburg_desktop.sync.transport import ServerUnreachable, SyncError

from ..conftest import LiveServer
from .test_laptops_office import (
    LoopbackProxy,
    case_ids,
    client_for,
    enroll_vault,
    new_consultant,
    office_fields,
    office_op_ids,
    ops_written,
    outbox_size,
    vault_fields,
)

TRIALS = 21
GIVE_UP_SECONDS = 60.0


@pytest.fixture
def office(db_url: str) -> Iterator[Database]:
    db = Database(db_url)
    yield db
    db.dispose()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut push batches at ~4 KB so a kill or a cut lands between and inside batches.

    (``protocol.batches`` binds its size default at definition time, so the engine's
    reference is replaced rather than ``protocol.MAX_BATCH_BYTES``.)
    """
    monkeypatch.setattr(
        engine_module, "batches", functools.partial(protocol.batches, max_bytes=4_000)
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


def _sync_until_done(vault: OpenVault, url: str) -> tuple[SyncSummary, int]:
    """Retry as the consultant would (bounded); returns the summary and the failures."""
    failures = 0
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while True:
        try:
            with client_for(vault, url, retries=0, timeout=10.0) as client:
                return SyncEngine(vault, client).run(), failures
        except SyncError:
            failures += 1
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _assert_office_equals_laptop(office: Database, vault: OpenVault, device: str) -> None:
    assert outbox_size(vault) == 0
    with vault.session() as session:
        assert quarantine(session) == []
    assert office_op_ids(office, device) == list(range(1, ops_written(vault) + 1))
    for case_id in case_ids(vault):
        assert office_fields(office, case_id) == vault_fields(vault, case_id), case_id


@pytest.mark.slow
@pytest.mark.usefixtures("small_batches")
def test_sigkill_while_the_engine_pushes(
    db_url: str, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    rng = random.Random(20260602)
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs")
    live.start()
    try:
        device = enroll_vault(vault, live.url, office, new_consultant("kill"))
        with vault.transaction() as session:
            cases = add_demo_cases(session, 4)
        killed_in: list[str] = []
        for _trial in range(TRIALS):
            _edit_some(vault, cases, rng, rng.randint(30, 70))
            before = set(_outbox_ids(vault))
            stage = ["start"]

            def note(
                name: str, done: int, total: int, moved: int, stage: list[str] = stage
            ) -> None:
                stage[0] = name

            killer = threading.Timer(rng.uniform(0.02, 0.5), live.kill)
            killer.start()
            try:
                with client_for(vault, live.url, retries=0, timeout=10.0) as client:
                    SyncEngine(vault, client, note).run()
            except ServerUnreachable:
                killed_in.append(stage[0])
                # Nothing local was dropped that the office does not hold.
                left = set(_outbox_ids(vault))
                assert before - left <= set(office_op_ids(office, device))
            killer.join()
            live.start()
            _sync_until_done(vault, live.url)
            assert outbox_size(vault) == 0
        assert killed_in.count("push") >= TRIALS // 4, killed_in
        _assert_office_equals_laptop(office, vault, device)
    finally:
        live.kill()


@pytest.fixture(scope="module")
def server(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(db_url=db_url, log_dir=tmp_path_factory.mktemp("server-logs"))
    live.start()
    yield live
    live.stop()


@pytest.mark.usefixtures("small_batches")
def test_connection_dropped_after_the_request_was_forwarded(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    device = enroll_vault(vault, server.url, office, new_consultant("knip"))
    with vault.transaction() as session:
        cases = add_demo_cases(session, 3)
    _edit_some(vault, cases, random.Random(3), 20)
    pending = _outbox_ids(vault)
    before = {case_id: vault_fields(vault, case_id) for case_id in cases}
    proxy = LoopbackProxy(server.port, drop_probability=1.0)
    try:
        with (
            pytest.raises(ServerUnreachable) as failure,
            client_for(vault, proxy.url, retries=0, timeout=10.0) as client,
        ):
            SyncEngine(vault, client).run()
        assert isinstance(failure.value, SyncError) and failure.value.message_nl
        assert proxy.drops >= 1
        # The office did apply the first batch, but its answer never arrived: the laptop
        # keeps every op (nothing dropped without an acknowledgement) and every value.
        assert office_op_ids(office, device)[:1] == [1]
        assert _outbox_ids(vault) == pending
        assert {case_id: vault_fields(vault, case_id) for case_id in cases} == before
        # The next sync (the connection is fine again) completes; the resent batch
        # changes nothing at the office.
        proxy.drop_probability = 0.0
        with client_for(vault, proxy.url, retries=0, timeout=10.0) as client:
            summary = SyncEngine(vault, client).run()
        assert summary.pushed == len(pending)
        _assert_office_equals_laptop(office, vault, device)
    finally:
        proxy.close()


@pytest.mark.slow
@pytest.mark.usefixtures("small_batches")
def test_random_dropped_answers_during_push_and_pull(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    rng = random.Random(17)
    device = enroll_vault(vault, server.url, office, new_consultant("knip"))
    with vault.transaction() as session:
        cases = add_demo_cases(session, 3)
    proxy = LoopbackProxy(server.port, drop_probability=0.2, seed=5)
    failures = 0
    try:
        for _round in range(8):
            _edit_some(vault, cases, rng, rng.randint(5, 25))
            written = set(range(1, ops_written(vault) + 1))
            try:
                with client_for(vault, proxy.url, retries=0, timeout=10.0) as client:
                    SyncEngine(vault, client).run()
            except ServerUnreachable:
                failures += 1
                # Every op is still on the laptop or already at the office.
                assert written <= set(_outbox_ids(vault)) | set(office_op_ids(office, device))
            _sync_until_done(vault, proxy.url)
        assert proxy.drops > 0 and failures > 0
        _assert_office_equals_laptop(office, vault, device)
    finally:
        proxy.close()
