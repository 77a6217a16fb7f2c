"""Fifty laptops syncing at once against one office server on PostgreSQL: zero lost or
duplicated ops, and every laptop's caseload equal to the office's.

The driver is ``benchmarks/sync_load.py`` (real vaults, the desktop's SyncEngine, one
enrolled SyncClient per laptop, one thread each), run here with fewer rounds; the
benchmark adds the timing figures. Skipped without ``INBURG_TEST_POSTGRES_URL``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import func, select

from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import AppliedOp

from ..conftest import LiveServer

DEVICES = 50
BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "sync_load.py"


def load_driver() -> ModuleType:
    spec = importlib.util.spec_from_file_location("inburg_benchmark_sync_load", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_fifty_devices_at_once_lose_and_duplicate_nothing(db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("50 devices at once is a PostgreSQL deployment (INBURG_TEST_POSTGRES_URL)")
    driver = load_driver()
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs", extra_args=["--workers", "2"])
    live.start()
    try:
        figures = driver.run_load(live.url, db_url, tmp_path, devices=DEVICES, rounds=2, edits=5)
    finally:
        live.stop()
    assert figures["devices"] == DEVICES
    assert figures["lost"] == 0
    assert figures["duplicated"] == 0
    assert figures["unexpected"] == 0
    assert figures["outbox_left"] == 0
    assert figures["mismatched_cases"] == 0
    # And once more, straight from the office's table.
    office = Database(db_url)
    try:
        with office.read() as session:
            stored = session.scalar(
                select(func.count())
                .select_from(AppliedOp)
                .where(AppliedOp.device_id.in_(figures["device_ids"]))
            )
    finally:
        office.dispose()
    assert len(figures["device_ids"]) == DEVICES
    assert stored == figures["ops"] > DEVICES * 2 * 5
