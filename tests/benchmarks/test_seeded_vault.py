"""The vault the benchmarks measure is the vault a consultant has: written through the
services' write path (``services.vault_session``), so every case's summary is current
when a figure starts. A vault written under ``storage`` alone leaves every summary marked
for computing, and the first measured unlock computed 10,000 of them inside the timed
case list load (1.9 s against 0.5 s once they were current; issue 14)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from inburg_desktop.services.case_summary import computed_with
from inburg_desktop.storage import case_summary as table
from inburg_desktop.storage.vault import unlock_vault

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def test_a_seeded_vault_holds_every_current_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INBURG_BENCH_CACHE", str(tmp_path / "cache"))
    monkeypatch.syspath_prepend(str(BENCH))
    monkeypatch.delitem(sys.modules, "bench_common", raising=False)
    from bench_common import PASSPHRASE, seeded_vault

    path = seeded_vault(6, tmp_path / "vault", production_kdf=False)
    # Opened under storage alone: nothing is computed on opening, what is there is read.
    vault = unlock_vault(path, PASSPHRASE)
    try:
        with vault.session() as session:
            assert table.stale_ids(session) == []
            rows = table.read(session)
            cases = session.connection().exec_driver_sql("SELECT id FROM cases").scalars().all()
    finally:
        vault.lock()
    assert len(cases) == 6
    assert sorted(row.case_id for row in rows) == sorted(cases)
    assert {row.computed_with for row in rows} == {computed_with()}
