"""Copies an old passphrase or key would open (attack findings F5, F6).

A passphrase change re-wraps the migration backups' key files before ``PATH.key`` and puts
them back when a later write fails, so a failure says truthfully that the passphrase did
not change. A rotation killed after its commit, and a passphrase change cut short, leave
backups that the next open puts right: the old passphrase opens nothing beside the vault.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.cli.conftest import run_inburg

from inburg_desktop import cli
from inburg_desktop.messages import error_text
from inburg_desktop.storage import keyfile, migrate
from inburg_desktop.storage.errors import DiskFull, StorageFault, VaultError, WrongPassphrase
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import create_vault, unlock_vault

OLD = "een lange zin als wachtwoord"  # tests/conftest.py
NEW = "het gloednieuwe wachtwoord 2027"


@pytest.fixture
def with_backup(tmp_path: Path) -> Path:
    """A vault with one case and a migration backup beside it (as the attack made it)."""
    path = tmp_path / "v.db"
    vault = create_vault(path, OLD, TEST_KDF)
    vault.lock()
    backup = path.with_name(f"{path.name}.before-0001.bak")
    shutil.copy2(path, backup)
    shutil.copy2(keyfile.key_path(path), migrate.backup_key_path(backup))
    return path


def _opens(key_file: Path, passphrase: str) -> bool:
    try:
        keyfile.unwrap_key(keyfile.read_key_file_at(key_file), passphrase).wipe()
    except WrongPassphrase:
        return False
    return True


def _backup_key(path: Path) -> Path:
    return migrate.backup_key_path(path.with_name(f"{path.name}.before-0001.bak"))


@pytest.fixture
def failing_replace(monkeypatch: pytest.MonkeyPatch) -> Callable[[set[int], int], None]:
    """``os.replace`` (the last step of every atomic key-file write) fails on the given
    calls (1-based) with the given errno, as a full disk or a failing stick would."""

    real = os.replace

    def arm(calls: set[int], code: int) -> None:
        count = iter(range(1, 1000))

        def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
            if next(count) in calls:
                raise OSError(code, os.strerror(code))
            real(src, dst)

        monkeypatch.setattr(os, "replace", replace)

    return arm


@pytest.mark.parametrize(("code", "kind"), [(errno.ENOSPC, DiskFull), (errno.EIO, StorageFault)])
@pytest.mark.parametrize("fail_on", [{1}, {2}], ids=["backup-key", "live-key"])
def test_a_failed_passphrase_change_says_it_did_not_change_and_changes_nothing(
    with_backup: Path,
    failing_replace: Callable[[set[int], int], None],
    fail_on: set[int],
    code: int,
    kind: type[VaultError],
) -> None:
    vault = unlock_vault(with_backup, OLD)
    failing_replace(fail_on, code)
    with pytest.raises(kind) as failed:
        vault.change_passphrase(NEW, TEST_KDF)
    vault.lock()
    message = error_text(failed.value)
    assert message.startswith("Het wachtwoord is niet gewijzigd")
    assert "opent nog met het oude wachtwoord" in message
    for key_file in (keyfile.key_path(with_backup), _backup_key(with_backup)):
        assert _opens(key_file, OLD) and not _opens(key_file, NEW)


def test_a_backup_key_file_that_cannot_be_put_back_is_named_and_put_right_at_the_next_open(
    with_backup: Path, failing_replace: Callable[[set[int], int], None]
) -> None:
    """The backup's key file is re-wrapped (call 1), PATH.key fails (2), putting the
    backup's key file back fails too (3): the message says the backup opens with the new
    passphrase; the next unlock (under the old one, still the vault's) realigns it."""
    vault = unlock_vault(with_backup, OLD)
    failing_replace({2, 3}, errno.ENOSPC)
    with pytest.raises(DiskFull) as failed:
        vault.change_passphrase(NEW, TEST_KDF)
    vault.lock()
    assert "v.db.before-0001.bak" in error_text(failed.value)
    assert "opent nu al met het nieuwe wachtwoord" in error_text(failed.value)
    assert _opens(_backup_key(with_backup), NEW)
    failing_replace(set(), 0)  # the disk has room again
    unlock_vault(with_backup, OLD).lock()
    assert _opens(_backup_key(with_backup), OLD) and not _opens(_backup_key(with_backup), NEW)


def test_rekey_on_a_full_disk_exits_12_saying_the_passphrase_did_not_change(
    with_backup: Path,
    failing_replace: Callable[[set[int], int], None],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``rekey_backup_enospc.sh``: it said 'niets gewijzigd' while the passphrase had."""
    monkeypatch.setenv("INBURG_PASSPHRASE", OLD)
    monkeypatch.setenv("INBURG_NEW_PASSPHRASE", NEW)
    monkeypatch.setenv("INBURG_TEST_FAST_KDF", "1")
    failing_replace({2}, errno.ENOSPC)
    assert cli.main(["vault", "rekey", "--vault", str(with_backup)]) == 12
    err = capsys.readouterr().err
    assert "Het wachtwoord is niet gewijzigd" in err and "is vol" in err
    assert _opens(keyfile.key_path(with_backup), OLD)
    assert _opens(_backup_key(with_backup), OLD)


@pytest.mark.parametrize("stage", ["committed", "finished"])
def test_a_rotation_killed_after_its_commit_leaves_no_copy_for_the_old_passphrase(
    with_backup: Path, stage: str
) -> None:
    """``rotate_backup_crash.sh``: the backup under the old key survived every unlock."""
    backup = with_backup.with_name(f"{with_backup.name}.before-0001.bak")
    killed = run_inburg(
        "vault",
        "rekey",
        "--rotate",
        "--vault",
        with_backup,
        env={"INBURG_NEW_PASSPHRASE": NEW, "INBURG_TEST_CRASH_AT": stage},
    )
    assert killed.returncode != 0  # the hook killed it in that window
    assert backup.exists() and _opens(_backup_key(with_backup), OLD)
    unlock_vault(with_backup, NEW).lock()
    assert not backup.exists() and not _backup_key(with_backup).exists()
    with pytest.raises(WrongPassphrase):
        unlock_vault(with_backup, OLD)
    assert sorted(p.name for p in with_backup.parent.iterdir()) == ["v.db", "v.db.key"]


def test_after_a_commit_the_recovery_removes_the_backups_whatever_passphrase_comes(
    with_backup: Path,
) -> None:
    """Killed at 'committed', the next open attempt is with the old passphrase (refused):
    recovery has finished the rotation and removed the backups under the old key anyway."""
    backup = with_backup.with_name(f"{with_backup.name}.before-0001.bak")
    run_inburg(
        "vault",
        "rekey",
        "--rotate",
        "--vault",
        with_backup,
        env={"INBURG_NEW_PASSPHRASE": NEW, "INBURG_TEST_CRASH_AT": "committed"},
    )
    with pytest.raises(WrongPassphrase):
        unlock_vault(with_backup, OLD)
    assert not backup.exists() and not _backup_key(with_backup).exists()


def test_a_backup_under_the_same_key_keeps_its_data_when_put_right(with_backup: Path) -> None:
    """A passphrase change killed between the backup's key file and PATH.key: the backup
    opens with the new passphrase, the vault with the old. The next open realigns the
    backup's key file to PATH.key and keeps the backup (it may still undo a migration)."""
    backup = with_backup.with_name(f"{with_backup.name}.before-0001.bak")
    vault = unlock_vault(with_backup, OLD)
    key = keyfile.unwrap_key(keyfile.read_key_file(with_backup), OLD)
    keyfile.write_key_file_at(
        _backup_key(with_backup), keyfile.wrap_key(key, NEW, vault.vault_id, TEST_KDF)
    )
    key.wipe()
    vault.lock()
    unlock_vault(with_backup, OLD).lock()
    assert backup.exists()
    assert _opens(_backup_key(with_backup), OLD) and not _opens(_backup_key(with_backup), NEW)
