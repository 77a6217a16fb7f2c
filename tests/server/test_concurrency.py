"""Several devices at once, a pull while a push is held inside its transaction, and two
server instances over one database (stateless)."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

from sqlalchemy import func, select

from inburg_desktop.server.db import Database, is_sqlite
from inburg_desktop.server.tables import AppliedOp

from ..fault_points import WAIT_SECONDS, FaultPoints, in_thread
from .conftest import LiveServer, enroll, new_case_id
from .laptop_sim import IDENTITY, SimLaptop

DEVICES = 8
OPS_EACH = 40


def test_concurrent_devices_and_a_concurrent_puller_miss_nothing(
    server: LiveServer, office: Database
) -> None:
    consultant = f"druk-{uuid.uuid4().hex[:6]}"
    laptops = [SimLaptop(enroll(server, office, consultant)) for _ in range(DEVICES)]
    watcher = SimLaptop(enroll(server, office, consultant))
    errors: list[BaseException] = []
    done = threading.Event()

    def work(laptop: SimLaptop, index: int) -> None:
        try:
            case = new_case_id()
            for n in range(OPS_EACH):
                laptop.edit(case, {f"veld.{index}.{n}": n})
                if n % 5 == 4:
                    laptop.push(max_bytes=2_000)
            laptop.push()
        except BaseException as exc:
            errors.append(exc)

    def watch() -> None:
        try:
            while not done.is_set():
                watcher.pull(limit=7)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(lp, i)) for i, lp in enumerate(laptops)]
    puller = threading.Thread(target=watch)
    puller.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    puller.join()
    assert errors == []
    watcher.pull(limit=7)
    # Incremental pulls, running while the pushes went on, saw every field exactly as
    # written. (Which pull overlaps which push is up to the scheduler; the window where a
    # pull meets an uncommitted push is pinned by the next test.)
    seen = {key for fields in watcher.cases.values() for key in fields}
    expected = {f"veld.{i}.{n}" for i in range(DEVICES) for n in range(OPS_EACH)}
    assert seen == expected | set(IDENTITY)
    with office.read() as session:
        ids = [lp.client.device_id for lp in laptops]
        stored = session.scalar(
            select(func.count()).select_from(AppliedOp).where(AppliedOp.device_id.in_(ids))
        )
    assert stored == DEVICES * OPS_EACH


def test_a_pull_while_a_push_is_held_sees_it_all_or_nothing(
    db_url: str, office: Database, tmp_path: Path
) -> None:
    """A push held inside its transaction (some ops applied, nothing committed): another
    device's pull sees none of it and keeps its cursor below it (PostgreSQL answers the
    pull while the push is held; SQLite has one writer at a time and every signed request
    records its nonce, so there the pull waits for the commit and then sees all of it).
    Held after the commit (the answer not yet sent), the pull sees all of it. Either way
    the next pull has every field: nothing is skipped."""
    waits_for_writer = is_sqlite(db_url)
    points = FaultPoints()
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs", fault_points=points)
    live.start()
    try:
        consultant = f"vast-{uuid.uuid4().hex[:6]}"
        writer = SimLaptop(enroll(live, office, consultant))
        watcher = SimLaptop(enroll(live, office, consultant))
        case = new_case_id()
        writer.edit(case, {"veld.begin": 0})
        writer.push()
        watcher.pull()
        for window, nth in (("push.applied", 3), ("push.committed", 1)):
            keys = [f"veld.{window}.{n}" for n in range(5)]
            for n, key in enumerate(keys):
                writer.edit(case if n % 2 else new_case_id(), {key: n})
            stop = points.stop_at(window, nth)
            pushing = in_thread(writer.push)
            stop.wait()
            before = watcher.cursor
            pulling = in_thread(watcher.pull)
            committed = window == "push.committed"
            if committed or not waits_for_writer:
                pulling.result(timeout=WAIT_SECONDS)  # answered while the push is held
            stop.release()
            pulling.result(timeout=WAIT_SECONDS)
            seen = {key for fields in watcher.cases.values() for key in fields}
            if committed or waits_for_writer:
                assert set(keys) <= seen
            else:
                assert seen.isdisjoint(keys)
                assert watcher.cursor == before
            pushing.result(timeout=WAIT_SECONDS)
            assert writer.outbox == []
            watcher.pull()
            seen = {key for fields in watcher.cases.values() for key in fields}
            assert set(keys) <= seen
        assert watcher.cases == writer.cases
    finally:
        live.kill()
        points.close()


def test_two_instances_share_all_state(db_url: str, office: Database, tmp_path: Path) -> None:
    first = LiveServer(db_url=db_url, log_dir=tmp_path / "a")
    second = LiveServer(db_url=db_url, log_dir=tmp_path / "b")
    first.start()
    second.start()
    try:
        consultant = f"lb-{uuid.uuid4().hex[:6]}"
        laptop = SimLaptop(enroll(first, office, consultant))
        case = new_case_id()
        laptop.edit(case, {"a": 1})
        batch = list(laptop.outbox)
        answer_one = laptop.client.push(batch)
        # The same client now talks to the other instance: replay, nonce and cursor state
        # all live in the database.
        laptop.client._http.base_url = second.url
        assert laptop.client.push(batch) == answer_one
        laptop.outbox = []
        laptop.pull()
        assert laptop.cases[case] == {**IDENTITY, "a": 1}
    finally:
        first.kill()
        second.kill()
