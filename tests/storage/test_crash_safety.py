"""Crash safety: a process writing cases is killed with SIGKILL at each point of a
transaction, for certain (the writer stops there and waits for its parent, which kills
it while it waits): before it, with its uncommitted pages already in the WAL file, and
right after its commit returned. Every reopen passes the integrity checks, every case
whose commit returned is there, and no case of an unfinished transaction is."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.tables import CaseRow, OutboxRow
from inburg_desktop.storage.vault import create_vault, unlock_vault

PASSPHRASE = "een lange zin als wachtwoord"
WRITER = Path(__file__).with_name("crash_writer.py")
WINDOWS = ("begin", "flushed", "committed")
KILLS = list(itertools.product(WINDOWS, (1, 3)))  # (point, in which transaction)
WAIT_SECONDS = 120


def _wal(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


@pytest.mark.slow
def test_sigkill_at_each_point_of_a_transaction_loses_no_committed_case(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    committed: set[str] = set()
    for window, transaction in KILLS:
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), PASSPHRASE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdin is not None and child.stdout is not None
        wal_at_begin = b""
        try:
            while True:
                line = child.stdout.readline()
                assert line, child.communicate(timeout=WAIT_SECONDS)[1]
                point, number, *ids = line.split()
                if point == "begin":
                    wal_at_begin = _wal(path)
                if point == "committed":
                    committed.update(ids)
                if (point, int(number)) == (window, transaction):
                    in_flight = set(ids)
                    if point == "flushed":
                        # The uncommitted transaction has really reached the disk.
                        assert _wal(path) != wal_at_begin
                    break
                child.stdin.write("go\n")
                child.stdin.flush()
            os.kill(child.pid, signal.SIGKILL)
        finally:
            if child.poll() is None:
                child.kill()
            child.communicate(timeout=WAIT_SECONDS)
        assert child.returncode == -signal.SIGKILL
        vault = unlock_vault(path, PASSPHRASE)
        try:
            report = vault.check()
            assert report.ok, (window, transaction, report.problems)
            with vault.session() as session:
                present = set(session.scalars(select(CaseRow.id)))
                outbox = set(session.scalars(select(OutboxRow.case_id)))
        finally:
            vault.lock()
        # Exactly the transactions whose commit returned: nothing lost, nothing half.
        assert present == committed, (window, transaction)
        if window == "committed":
            assert in_flight <= present
        else:
            assert present.isdisjoint(in_flight)
        # The outbox entry was written in the same transaction as each case.
        assert present <= outbox
