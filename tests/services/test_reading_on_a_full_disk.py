"""Reading use cases work on a full disk (attack round 4: even ``inburg case list``
exited 12 there, because a normal open must make SQLite's ``-shm`` first); writing
still says the disk is full."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.storage.media import fill, tmpfs

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services import vault_session
from inburg_desktop.services.errors import DiskFull
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import create_vault

PASSPHRASE = "een lange zin als wachtwoord"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "disk", 2048) as where:
        yield where


def test_reading_works_on_a_full_disk_and_writing_says_full(small_disk: Path) -> None:
    path = small_disk / "kluis.db"
    vault = create_vault(path, PASSPHRASE, TEST_KDF)
    with vault.transaction() as session:
        add_demo_cases(session, 2)
    vault.lock()
    filler = fill(small_disk)
    try:
        with pytest.raises(DiskFull):  # a normal open cannot start here
            vault_session.unlock(path, PASSPHRASE).lock()
        # ... and the failed open may leave a stub -shm: reading must still work after it
        opened = vault_session.unlock_for_reading(path, PASSPHRASE)
        try:
            with opened.session() as session:
                assert session.execute(text("SELECT count(*) FROM cases")).scalar_one() == 2
            with pytest.raises(DiskFull), opened.transaction() as session:
                add_demo_cases(session, 1)
        finally:
            opened.lock()
    finally:
        filler.unlink()
    reopened = vault_session.unlock(path, PASSPHRASE)
    try:
        with reopened.session() as session:
            assert session.execute(text("SELECT count(*) FROM cases")).scalar_one() == 2
    finally:
        reopened.lock()
