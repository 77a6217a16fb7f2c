"""The fault hooks are for tests only: off unless the server process was started with
``INBURG_TEST_FAULT_HOOKS``, never switched on later, and when on they hold the server
exactly where they say."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from inburg_desktop.server import fault_hooks
from inburg_desktop.server.db import Database

from ..fault_points import WAIT_SECONDS, FaultPoints, in_thread
from .conftest import LiveServer, enroll, new_case_id
from .laptop_sim import SimLaptop


@pytest.fixture
def reload_hooks() -> Iterator[None]:
    """Re-import the module under a test's environment, and afterwards as it was (off:
    the test process itself never has the variable)."""
    yield
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(fault_hooks.ENV, raising=False)
        importlib.reload(fault_hooks)
    assert not fault_hooks.enabled()


@pytest.mark.usefixtures("reload_hooks")
def test_off_by_default_and_not_switched_on_later(monkeypatch: pytest.MonkeyPatch) -> None:
    points = FaultPoints()
    try:
        monkeypatch.delenv(fault_hooks.ENV, raising=False)
        importlib.reload(fault_hooks)
        assert not fault_hooks.enabled()
        fault_hooks.reached("push.begin")  # returns at once: nobody would answer
        # Setting the variable once the server runs changes nothing: it is read at import.
        monkeypatch.setenv(fault_hooks.ENV, str(points.path))
        assert not fault_hooks.enabled()
        fault_hooks.reached("push.begin")
        assert points.connections == 0 and points.seen == []
    finally:
        points.close()


@pytest.mark.usefixtures("reload_hooks")
def test_on_only_with_the_variable_at_import(monkeypatch: pytest.MonkeyPatch) -> None:
    points = FaultPoints()
    try:
        monkeypatch.setenv(fault_hooks.ENV, str(points.path))
        importlib.reload(fault_hooks)
        assert fault_hooks.enabled()
        stop = points.stop_at("pull.begin", where=lambda numbers: numbers == (7,))
        fault_hooks.reached("pull.begin", 6)  # not the one the test stops at: goes on
        waiting = in_thread(lambda: fault_hooks.reached("pull.begin", 7))
        stop.wait()
        assert stop.numbers == (7,)
        assert not waiting.done()  # held until the test lets it go
        stop.release()
        waiting.result(timeout=WAIT_SECONDS)
        with pytest.raises(ValueError):
            fault_hooks.reached("no.such.point")
    finally:
        points.close()


def test_a_process_has_hooks_only_with_the_variable() -> None:
    """A fresh server process imports the module with hooks off, unless its environment
    has the variable."""
    code = (
        "import sys\n"
        "from inburg_desktop.server import fault_hooks\n"
        "sys.exit(1 if fault_hooks.enabled() else 0)\n"
    )
    env_without = {k: v for k, v in os.environ.items() if k != fault_hooks.ENV}
    assert subprocess.run([sys.executable, "-c", code], env=env_without).returncode == 0
    points = FaultPoints()
    try:
        env_with = {**env_without, **points.env}
        assert subprocess.run([sys.executable, "-c", code], env=env_with).returncode == 1
    finally:
        points.close()


def test_a_server_without_hooks_never_reports(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with the variable in the test's own environment, ``LiveServer`` starts the
    server without it unless the test passes ``fault_points``: a push and a pull go
    through and nothing is reported."""
    points = FaultPoints()
    monkeypatch.setenv(fault_hooks.ENV, str(points.path))
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs")
    office = Database(db_url)
    try:
        live.start()
        laptop = SimLaptop(enroll(live, office, f"geen-haak-{uuid.uuid4().hex[:6]}"))
        laptop.edit(new_case_id(), {"a": 1})
        laptop.sync()
        assert laptop.outbox == [] and laptop.cursor > 0
        assert points.connections == 0 and points.seen == []
    finally:
        live.kill()
        office.dispose()
        points.close()


def test_a_server_with_hooks_reports_every_window_in_order(db_url: str, tmp_path: Path) -> None:
    points = FaultPoints()
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs", fault_points=points)
    office = Database(db_url)
    try:
        live.start()
        laptop = SimLaptop(enroll(live, office, f"haak-{uuid.uuid4().hex[:6]}"))
        case = new_case_id()
        laptop.edit(case, {"a": 1})
        laptop.edit(case, {"b": 2})
        laptop.sync()
        # Op ids and the cursor, in the order the server passes the points.
        assert points.seen == [
            ("push.begin", (1, 2)),
            ("push.applied", (1,)),
            ("push.applied", (2,)),
            ("push.committed", (1, 2)),
            ("pull.begin", (0,)),
        ]
    finally:
        live.kill()
        office.dispose()
        points.close()
