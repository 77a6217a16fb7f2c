"""Key rotation after a suspected compromise (issue 10, item 5): the vault is re-encrypted
under a new raw key, so an old key file with the old passphrase no longer opens it; it is
atomic and crash-safe (a SIGKILL at every stage leaves one whole vault that opens with
exactly one passphrase), refuses while anything else has the vault open, and says a full
disk is a full disk with nothing changed."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage import engine, keyfile, migrate, rotation
from inburg_desktop.storage.errors import DiskFull, VaultInUse, WrongPassphrase
from inburg_desktop.storage.files import FileLock
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.storage.vault import OpenVault, _opens_with, create_vault, unlock_vault

from .media import fill, held_by_another_process, tmpfs
from .test_migrations import make_first_revision_vault

PASSPHRASE = "een lange zin als wachtwoord"
NEW = "een nieuwe zin na het lek van gisteren"


def _cases(vault: OpenVault) -> list[str]:
    with vault.session() as session:
        return sorted(session.scalars(select(CaseRow.id)))


def _files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_rotation_re_encrypts_so_an_old_key_file_no_longer_opens(
    vault: OpenVault, vault_path: Path
) -> None:
    with vault.transaction() as session:
        add_demo_cases(session, 4)
    before = _cases(vault)
    old_copy = keyfile.read_key_file(vault_path)  # e.g. on a lost USB stick
    old_bytes = vault_path.read_bytes()
    vault_id = vault.vault_id

    vault.rotate_key(NEW, TEST_KDF)

    # The open vault goes on under the new key: reads and writes work.
    assert _cases(vault) == before
    with vault.transaction() as session:
        add_demo_cases(session, 1)
    vault.lock()
    assert vault_path.read_bytes()[:4096] != old_bytes[:4096]
    # The old key (from the old key file and the old passphrase) opens nothing now.
    old_key = keyfile.unwrap_key(old_copy, PASSPHRASE)
    assert not _opens_with(vault_path, old_key)
    with pytest.raises(WrongPassphrase):
        unlock_vault(vault_path, PASSPHRASE)
    reopened = unlock_vault(vault_path, NEW)
    try:
        assert reopened.vault_id == vault_id  # enrollment and sync state stay valid
        assert reopened.check().ok
        assert len(_cases(reopened)) == len(before) + 1
    finally:
        reopened.lock()
    assert _files(vault_path.parent) == ["kluis.db", "kluis.db.key"]
    for path in vault_path.parent.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path.name


def test_a_passphrase_change_alone_leaves_old_key_files_working(
    vault: OpenVault, vault_path: Path
) -> None:
    """What a change does not protect against (docs/vault.md): a copy of the old key
    file with the old passphrase still unwraps the key that opens the vault."""
    old_copy = keyfile.read_key_file(vault_path)
    vault.change_passphrase(NEW, TEST_KDF)
    vault.lock()
    assert _opens_with(vault_path, keyfile.unwrap_key(old_copy, PASSPHRASE))


def test_rotation_removes_migration_backups_under_the_old_key(tmp_path: Path) -> None:
    path = tmp_path / "kluis.db"
    make_first_revision_vault(path)
    vault = unlock_vault(path, PASSPHRASE)
    if vault.backup_made is None:
        vault.lock()
        pytest.skip("no migration after the first revision yet")
    backup = path.with_name(vault.backup_made)
    assert backup.exists() and migrate.backup_key_path(backup).exists()
    result = vault.rotate_key(NEW, TEST_KDF)
    vault.lock()
    assert result.retired_backups == (backup,)
    assert _files(tmp_path) == ["kluis.db", "kluis.db.key"]


def test_rotation_refuses_while_another_process_has_the_vault_open(
    vault: OpenVault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    with vault.transaction() as session:
        add_demo_cases(session, 2)
    before = _cases(vault)
    with held_by_another_process(vault_path, PASSPHRASE, "write"), pytest.raises(VaultInUse):
        vault.rotate_key(NEW, TEST_KDF)
    assert _cases(vault) == before  # still open, under the old key
    vault.lock()
    unlock_vault(vault_path, PASSPHRASE).lock()
    assert _files(vault_path.parent) == ["kluis.db", "kluis.db.key"]


def test_rotation_waits_for_this_process_sessions_and_says_in_use_if_they_stay(
    vault: OpenVault, vault_path: Path
) -> None:
    vault._gate.timeout_s = 0.2
    with vault.session() as held:
        held.execute(text("SELECT 1"))
        with pytest.raises(VaultInUse):
            vault.rotate_key(NEW, TEST_KDF)
    vault.rotate_key(NEW, TEST_KDF)  # once the session is closed, it goes
    vault.lock()
    unlock_vault(vault_path, NEW).lock()


def test_rotation_on_a_full_disk_changes_nothing(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "usb", 4096) as disk:
        path = disk / "kluis.db"
        vault = create_vault(path, PASSPHRASE, TEST_KDF)
        with vault.transaction() as session:
            add_demo_cases(session, 12)
        before = _cases(vault)
        vault.engine.dispose()  # the WAL is checkpointed: the copy is what needs room
        filler = fill(disk, leave_bytes=96 * 1024)  # less than the copy needs
        with pytest.raises(DiskFull):
            vault.rotate_key(NEW, TEST_KDF)
        assert not [name for name in _files(disk) if "rotating" in name]
        filler.unlink()
        assert _cases(vault) == before
        vault.lock()
        reopened = unlock_vault(path, PASSPHRASE)
        assert reopened.check().ok
        reopened.lock()


def test_unlock_waits_for_a_living_rotation_and_clears_a_dead_one(
    vault: OpenVault, vault_path: Path
) -> None:
    vault.lock()
    rotation.rotating_path(vault_path).write_bytes(b"half a copy")
    lock = FileLock(rotation.lock_path(vault_path))
    assert lock.acquire()  # a rotating process that is still alive
    try:
        with pytest.raises(VaultInUse):
            unlock_vault(vault_path, PASSPHRASE)
    finally:
        lock.release()
    unlock_vault(vault_path, PASSPHRASE).lock()  # its owner died: undone
    assert _files(vault_path.parent) == ["kluis.db", "kluis.db.key"]


# --- a SIGKILL at every stage ---------------------------------------------------------


def _rotate_in_a_process_that_dies_at(path: Path, stage: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        INBURG_PASSPHRASE=PASSPHRASE,
        INBURG_NEW_PASSPHRASE=NEW,
        INBURG_TEST_FAST_KDF="1",
        INBURG_TEST_CRASH_AT=stage,
    )
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "inburg_desktop.cli",
            "vault",
            "rekey",
            "--rotate",
            "--vault",
            str(path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.parametrize("stage", rotation.STAGES)
def test_a_kill_at_any_stage_leaves_one_whole_vault(tmp_path: Path, stage: str) -> None:
    path = tmp_path / "kluis.db"
    vault = create_vault(path, PASSPHRASE, TEST_KDF)
    with vault.transaction() as session:
        add_demo_cases(session, 12)
    before = _cases(vault)
    vault.lock()

    done = _rotate_in_a_process_that_dies_at(path, stage)
    assert done.returncode == -signal.SIGKILL, (done.returncode, done.stderr)
    if stage == "exporting":
        assert rotation.rotating_path(path).exists()  # killed with half a copy written
    committed = rotation.STAGES.index(stage) >= rotation.STAGES.index("committed")
    opens, refused = (NEW, PASSPHRASE) if committed else (PASSPHRASE, NEW)

    with pytest.raises(WrongPassphrase):
        unlock_vault(path, refused)
    reopened = unlock_vault(path, opens)
    try:
        report = reopened.check()
        assert report.ok, report.problems
        assert _cases(reopened) == before
    finally:
        reopened.lock()
    assert _files(tmp_path) == ["kluis.db", "kluis.db.key"]
