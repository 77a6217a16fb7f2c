"""The vault: key management as DESIGN.md "Key management", owner-only files, checks."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from inburg_desktop.messages import error_text
from inburg_desktop.storage import keyfile
from inburg_desktop.storage.errors import VaultDamaged, VaultExists, WrongPassphrase
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault, unlock_vault

PASSPHRASE = "een lange zin als wachtwoord"


def test_create_then_unlock_with_the_same_passphrase(vault: OpenVault, vault_path: Path) -> None:
    vault.lock()
    reopened = unlock_vault(vault_path, PASSPHRASE)
    assert reopened.check().ok
    reopened.lock()


def test_wrong_passphrase_is_refused_and_changes_nothing(
    vault: OpenVault, vault_path: Path
) -> None:
    vault.lock()
    before = {p.name: p.read_bytes() for p in vault_path.parent.iterdir()}
    with pytest.raises(WrongPassphrase, match="wrong_passphrase"):
        unlock_vault(vault_path, "niet het goede wachtwoord")
    after = {p.name: p.read_bytes() for p in vault_path.parent.iterdir()}
    assert after == before


def test_refuses_to_overwrite_an_existing_vault(vault: OpenVault, vault_path: Path) -> None:
    with pytest.raises(VaultExists):
        create_vault(vault_path, PASSPHRASE, TEST_KDF)


def test_key_file_holds_no_secret_and_binds_its_parameters(
    vault: OpenVault, vault_path: Path
) -> None:
    doc = json.loads(keyfile.key_path(vault_path).read_text())
    assert doc["kdf"]["name"] == "argon2id"
    assert {"salt", "memory_kib", "iterations", "lanes"} <= set(doc["kdf"])
    assert {"nonce", "wrapped_key", "vault_id", "format_version"} <= set(doc)
    vault.lock()
    # The vault id is associated data: a key file moved to another vault does not open,
    # even when whoever moved it also fixed the checksum.
    doc["vault_id"] = "00000000-0000-0000-0000-000000000000"
    body = {k: v for k, v in doc.items() if k != "checksum"}
    keyfile.key_path(vault_path).write_text(
        json.dumps({**body, "checksum": keyfile._checksum(body)})
    )
    with pytest.raises(WrongPassphrase):
        unlock_vault(vault_path, PASSPHRASE)


def test_files_are_owner_only(vault: OpenVault, vault_path: Path) -> None:
    with vault.transaction() as session:
        session.execute(text("INSERT INTO settings(key, value) VALUES ('x', '1')"))
    for path in vault_path.parent.iterdir():
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path.name} is {oct(mode)}"


def test_passphrase_change_rewraps_the_same_key(vault: OpenVault, vault_path: Path) -> None:
    with vault.transaction() as session:
        session.execute(text("INSERT INTO settings(key, value) VALUES ('k', '\"v\"')"))
    old_wrap = keyfile.read_key_file(vault_path)
    vault.change_passphrase("een ander lang wachtwoord", TEST_KDF)
    vault.lock()
    new_wrap = keyfile.read_key_file(vault_path)
    assert new_wrap.salt != old_wrap.salt and new_wrap.wrapped_key != old_wrap.wrapped_key
    # Same vault key under a new wrap: the database is not re-encrypted.
    old_key = keyfile.unwrap_key(old_wrap, PASSPHRASE)
    assert keyfile.unwrap_key(new_wrap, "een ander lang wachtwoord").hex() == old_key.hex()
    with pytest.raises(WrongPassphrase):
        unlock_vault(vault_path, PASSPHRASE)
    reopened = unlock_vault(vault_path, "een ander lang wachtwoord")
    with reopened.session() as session:
        assert session.execute(text("SELECT value FROM settings")).scalar_one() == '"v"'
    reopened.lock()


def test_lock_wipes_the_key_and_closes_the_engine(vault: OpenVault) -> None:
    key = vault._key
    assert not key.wiped
    vault.lock()
    assert key.wiped
    assert vault.locked
    with pytest.raises(RuntimeError):
        vault.session()


def test_pragmas_as_designed(vault: OpenVault) -> None:
    with vault.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
        cipher_version = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
        assert isinstance(cipher_version, str) and cipher_version.startswith("4.")


def test_a_file_that_is_not_a_vault_is_reported_damaged(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4080)
    with pytest.raises(VaultDamaged):
        unlock_vault(path, PASSPHRASE)


def test_missing_key_file_is_reported_damaged(vault: OpenVault, vault_path: Path) -> None:
    vault.lock()
    keyfile.key_path(vault_path).unlink()
    with pytest.raises(VaultDamaged) as damaged:
        unlock_vault(vault_path, PASSPHRASE)
    assert "sleutelbestand" in error_text(damaged.value)
