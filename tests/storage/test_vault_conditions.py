"""A vault that is fine but cannot be used right now is told as what stops it, never as
"damaged" (issue 10, item 4): a full disk, a read-only medium, another process holding
it, each under the real condition (tmpfs filled up, remounted read-only, a second
process), and after the condition clears the same vault works with nothing lost."""

from __future__ import annotations

import errno
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import text

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.messages import error_text
from inburg_desktop.storage import diagnosis, engine
from inburg_desktop.storage.errors import (
    DiskFull,
    NoPermission,
    ReadOnlyMedium,
    StorageFault,
    VaultDamaged,
    VaultInUse,
    WrongPassphrase,
)
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import (
    create_vault,
    medium_is_read_only,
    open_read_only,
    unlock_vault,
)

from .media import fill, held_by_another_process, remount, tmpfs

PASSPHRASE = "een lange zin als wachtwoord"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB file system of its own (tmpfs), unmounted afterwards."""
    with tmpfs(tmp_path / "usb", 4096) as where:
        yield where


def _count_cases(path: Path) -> int:
    vault = unlock_vault(path, PASSPHRASE)
    try:
        assert vault.check().ok
        with vault.session() as session:
            return int(session.execute(text("SELECT count(*) FROM cases")).scalar_one())
    finally:
        vault.lock()


def test_a_full_disk_is_full_not_damaged_and_the_write_succeeds_later(small_disk: Path) -> None:
    path = small_disk / "kluis.db"
    vault = create_vault(path, PASSPHRASE, TEST_KDF)
    with vault.transaction() as session:
        add_demo_cases(session, 2)
    filler = fill(small_disk)
    with pytest.raises(DiskFull) as caught:
        for _ in range(50):  # until the WAL needs a page the disk does not have
            with vault.transaction() as session:
                add_demo_cases(session, 3)
    assert "is vol" in error_text(caught.value)
    assert "beschadigd" not in error_text(caught.value)
    filler.unlink()
    with vault.transaction() as session:
        add_demo_cases(session, 1)
    vault.lock()
    assert _count_cases(path) >= 3


def test_creating_a_vault_on_a_full_disk_leaves_nothing_behind(small_disk: Path) -> None:
    fill(small_disk)
    path = small_disk / "nieuw.db"
    with pytest.raises(DiskFull):
        create_vault(path, PASSPHRASE, TEST_KDF)
    assert [p.name for p in small_disk.iterdir() if p.name != ".filler"] == []
    (small_disk / ".filler").unlink()
    create_vault(path, PASSPHRASE, TEST_KDF).lock()  # no "exists" from a half-made vault


def test_a_read_only_medium_is_read_only_not_damaged(small_disk: Path) -> None:
    path = small_disk / "kluis.db"
    vault = create_vault(path, PASSPHRASE, TEST_KDF)
    with vault.transaction() as session:
        add_demo_cases(session, 2)
    vault.lock()
    remount(small_disk, read_only=True)
    try:
        with pytest.raises(ReadOnlyMedium) as caught:
            unlock_vault(path, PASSPHRASE)
        assert "alleen gelezen" in error_text(caught.value)
    finally:
        remount(small_disk, read_only=False)
    assert _count_cases(path) == 2


def test_a_medium_turning_read_only_while_open_refuses_the_write_in_words(
    small_disk: Path,
) -> None:
    path = small_disk / "kluis.db"
    vault = create_vault(path, PASSPHRASE, TEST_KDF)
    with vault.transaction() as session:
        add_demo_cases(session, 1)
    # Linux refuses a read-only remount while files are open for writing: the app's pool
    # is idle (as between two autosaves), so the next write opens a new connection.
    vault.engine.dispose()
    remount(small_disk, read_only=True)
    try:
        with pytest.raises(ReadOnlyMedium), vault.transaction() as session:
            add_demo_cases(session, 1)
    finally:
        remount(small_disk, read_only=False)
    with vault.transaction() as session:
        add_demo_cases(session, 1)
    vault.lock()
    assert _count_cases(path) == 2


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test does not sit out the app's 10 s wait for another process's lock."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)


def test_a_write_while_another_process_writes_is_in_use(
    vault_path: Path, short_busy_timeout: None
) -> None:
    create_vault(vault_path, PASSPHRASE, TEST_KDF).lock()
    vault = unlock_vault(vault_path, PASSPHRASE)
    try:
        with (
            held_by_another_process(vault_path, PASSPHRASE, "write"),
            pytest.raises(VaultInUse, match="vault_in_use"),
            vault.transaction() as session,
        ):
            add_demo_cases(session, 1)
        with vault.transaction() as session:
            add_demo_cases(session, 1)
    finally:
        vault.lock()
    assert _count_cases(vault_path) == 1


def test_unlocking_a_vault_held_exclusively_is_in_use(
    vault_path: Path, short_busy_timeout: None
) -> None:
    create_vault(vault_path, PASSPHRASE, TEST_KDF).lock()
    with held_by_another_process(vault_path, PASSPHRASE, "exclusive"), pytest.raises(VaultInUse):
        unlock_vault(vault_path, PASSPHRASE)
    unlock_vault(vault_path, PASSPHRASE).lock()


def test_only_a_failed_integrity_check_is_damaged(vault_path: Path) -> None:
    vault = create_vault(vault_path, PASSPHRASE, TEST_KDF)
    with vault.transaction() as session:
        add_demo_cases(session, 12)
    vault.lock()
    data = bytearray(vault_path.read_bytes())
    data[4096 + 100] ^= 0x01  # inside page 2: its HMAC no longer matches
    vault_path.write_bytes(bytes(data))
    try:
        opened = unlock_vault(vault_path, PASSPHRASE)  # may already read page 2
    except VaultDamaged:
        return
    try:
        report = opened.check()
    except VaultDamaged:
        return
    finally:
        opened.lock()
    assert not report.ok


# --- the mapping itself, for conditions that cannot be staged here --------------------


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (errno.ENOSPC, DiskFull),
        (errno.EDQUOT, DiskFull),
        (errno.EROFS, ReadOnlyMedium),
        (errno.EACCES, NoPermission),
        (errno.EPERM, NoPermission),
        (errno.EBUSY, VaultInUse),
        (errno.EIO, StorageFault),
    ],
)
def test_os_errors_by_errno(code: int, kind: type[Exception], tmp_path: Path) -> None:
    found = diagnosis.from_os_error(OSError(code, "x", str(tmp_path / "kluis.db")))
    assert isinstance(found, kind)
    assert diagnosis.from_os_error(OSError(errno.ENOENT, "x")) is None


def _sqlite_error(code: int) -> sqlcipher3.OperationalError:
    exc = sqlcipher3.OperationalError("x")
    exc.sqlite_errorcode = code
    return exc


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (13, DiskFull),  # SQLITE_FULL
        (5, VaultInUse),  # SQLITE_BUSY
        (6, VaultInUse),  # SQLITE_LOCKED
        (5 | (1 << 8), VaultInUse),  # SQLITE_BUSY_RECOVERY
        (8 | (4 << 8), VaultInUse),  # SQLITE_READONLY_DBMOVED: replaced while open
        (8, NoPermission),  # SQLITE_READONLY on a writable medium: the file's mode
        (3, NoPermission),  # SQLITE_PERM
        (10, StorageFault),  # SQLITE_IOERR on a healthy medium
        (14, StorageFault),  # SQLITE_CANTOPEN on a healthy medium
        (26, VaultDamaged),  # SQLITE_NOTADB: page 1's HMAC failed
        (11, VaultDamaged),  # SQLITE_CORRUPT
    ],
)
def test_sqlite_errors_by_result_code(code: int, kind: type[Exception], tmp_path: Path) -> None:
    path = tmp_path / "kluis.db"
    path.write_bytes(b"")
    assert isinstance(diagnosis.from_sqlite_error(_sqlite_error(code), path), kind)
    assert diagnosis.from_sqlite_error(_sqlite_error(1), path) is None  # SQLITE_ERROR: a bug


def test_an_io_error_on_a_full_medium_is_a_full_disk(small_disk: Path) -> None:
    path = small_disk / "kluis.db"
    path.write_bytes(b"")
    fill(small_disk)
    assert isinstance(diagnosis.from_sqlite_error(_sqlite_error(10), path), DiskFull)


def _leave_a_wal(path: Path) -> None:
    """Another program commits a setting and ends without closing the vault: its commit
    stays in ``-wal`` (no checkpoint), as after a crash or a pulled plug."""
    code = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from inburg_desktop.storage import keyfile\n"
        "from inburg_desktop.storage.engine import connect_raw\n"
        "path = Path(sys.argv[1])\n"
        "key = keyfile.unwrap_key(keyfile.read_key_file(path), sys.argv[2])\n"
        "conn = connect_raw(path, key)\n"
        "conn.execute('PRAGMA journal_mode = WAL')\n"
        "conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "conn.execute(\"INSERT INTO settings(key, value) VALUES ('na_crash', '1')\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path), PASSPHRASE], check=True)


def test_a_read_only_medium_opens_for_reading_and_refuses_writes(small_disk: Path) -> None:
    """A vault on a medium mounted read-only opens for reading (attack round 3: every
    command exited 13), every write is refused as the medium's, and nothing of the
    vault's files changes; a vault on a writable medium opens as always."""
    path = small_disk / "kluis.db"
    vault = create_vault(path, PASSPHRASE, TEST_KDF)
    with vault.transaction() as session:
        add_demo_cases(session, 2)
    vault.lock()
    assert not medium_is_read_only(path)
    before = {p.name: p.read_bytes() for p in small_disk.iterdir()}
    remount(small_disk, read_only=True)
    try:
        assert medium_is_read_only(path)
        vault = open_read_only(path, PASSPHRASE)
        try:
            assert vault.read_only
            with vault.session() as session:
                assert session.execute(text("SELECT count(*) FROM cases")).scalar_one() == 2
            with pytest.raises(ReadOnlyMedium) as caught, vault.transaction() as session:
                add_demo_cases(session, 1)
            assert "alleen gelezen" in error_text(caught.value)
        finally:
            vault.lock()
        with pytest.raises(WrongPassphrase):
            open_read_only(path, "niet het wachtwoord van deze kluis")
    finally:
        remount(small_disk, read_only=False)
    assert {p.name: p.read_bytes() for p in small_disk.iterdir()} == before


def test_reading_a_read_only_medium_sees_what_a_leftover_wal_holds(small_disk: Path) -> None:
    """``immutable`` would ignore a ``-wal`` a crash left behind, and with it committed
    work: the read-only open reads through it instead."""
    path = small_disk / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    _leave_a_wal(path)
    assert Path(f"{path}-wal").stat().st_size > 0
    remount(small_disk, read_only=True)
    try:
        vault = open_read_only(path, PASSPHRASE)
        try:
            with vault.session() as session:
                found = session.execute(
                    text("SELECT value FROM settings WHERE key = 'na_crash'")
                ).scalar_one_or_none()
            assert found is not None
        finally:
            vault.lock()
    finally:
        remount(small_disk, read_only=False)


def test_a_leftover_wal_without_its_shm_is_read_on_a_read_only_medium(
    small_disk: Path,
) -> None:
    """Attack round 4: a vault copied with its ``-wal`` but not its ``-shm`` onto a
    read-only medium failed every reading command (exit 13). It reads, committed WAL
    content included, and nothing is written: no ``-shm``, no file changed."""
    path = small_disk / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    _leave_a_wal(path)
    Path(f"{path}-shm").unlink(missing_ok=True)
    assert Path(f"{path}-wal").stat().st_size > 0
    before = {p.name: p.read_bytes() for p in small_disk.iterdir()}
    remount(small_disk, read_only=True)
    try:
        vault = open_read_only(path, PASSPHRASE)
        try:
            with vault.session() as session:
                found = session.execute(
                    text("SELECT value FROM settings WHERE key = 'na_crash'")
                ).scalar_one_or_none()
            assert found is not None
            with pytest.raises(ReadOnlyMedium), vault.transaction() as session:
                add_demo_cases(session, 1)
        finally:
            vault.lock()
    finally:
        remount(small_disk, read_only=False)
    assert {p.name: p.read_bytes() for p in small_disk.iterdir()} == before
