"""Crash safety: a process writing cases is killed with SIGKILL at random moments; every
reopen passes the integrity checks and every case whose commit returned is there."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.tables import CaseRow, OutboxRow
from inburg_desktop.storage.vault import create_vault, unlock_vault

PASSPHRASE = "een lange zin als wachtwoord"
WRITER = Path(__file__).with_name("crash_writer.py")
TRIALS = 20


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_committed_case(tmp_path: Path) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    rng = random.Random(20261128)
    committed: set[str] = set()
    for trial in range(TRIALS):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), PASSPHRASE],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        # Wait for the first commit, then kill at a random moment within the next 300 ms.
        first = child.stdout.readline().strip()
        assert first, child.stderr.read() if child.stderr else ""
        committed.add(first)
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(child.pid, signal.SIGKILL)
        rest, _err = child.communicate(timeout=30)
        # A line is printed only after its commit returned; a torn last line was not.
        lines = rest.split("\n")
        committed.update(line for line in lines[:-1] if line)
        vault = unlock_vault(path, PASSPHRASE)
        try:
            report = vault.check()
            assert report.ok, (trial, report.problems)
            with vault.session() as session:
                present = set(session.scalars(select(CaseRow.id)))
                outbox = set(session.scalars(select(OutboxRow.case_id)))
        finally:
            vault.lock()
        missing = committed - present
        assert not missing, f"trial {trial}: {len(missing)} committed cases lost"
        # The outbox entry was written in the same transaction as each case.
        assert present <= outbox
