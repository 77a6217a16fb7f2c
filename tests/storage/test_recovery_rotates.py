"""A recovery through the office ends with a key rotation (attack round 9, finding 10):
before, it only re-wrapped the same vault key, so the e-mailed answer with its one-time
passphrase, and a copy of ``PATH.key`` taken before with the forgotten passphrase, still
opened the recovered vault (docs/recovery.md, step 3, said they open nothing)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inburg_desktop.protocol.recovery import RecoveryResponse, new_key_pair
from inburg_desktop.storage import keyfile
from inburg_desktop.storage.errors import VaultError
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.secret import SecretKey
from inburg_desktop.storage.sync_state import get_setting, set_setting
from inburg_desktop.storage.vault import OpenVault, open_with_key, unlock_vault
from inburg_desktop.storage.vault_recovery import apply_response

from ..conftest import PASSPHRASE
from .test_recovery_wrap import NEW, TEMPORARY, office_answer, recover_and_check


def test_after_a_recovery_neither_the_answer_nor_an_old_key_file_opens_the_vault(
    vault: OpenVault, vault_path: Path, tmp_path: Path
) -> None:
    private, public = new_key_pair()
    vault.add_recovery(public)
    identifier = vault.recovery_key_id()
    with vault.transaction() as session:
        set_setting(session, "herkenbaar", {"waarde": 7})
    vault.lock()
    old_key_file = tmp_path / "oude.key"
    shutil.copy(keyfile.key_path(vault_path), old_key_file)  # a backup, or a thief's copy
    answer = office_answer(vault_path, private)

    recovered = apply_response(vault_path, answer, TEMPORARY, NEW, TEST_KDF)
    with recovered.transaction() as session:
        assert get_setting(session, "herkenbaar") == {"waarde": 7}  # the data came along
    assert recovered.recovery_key_id() == identifier  # wrapped to the same office key
    recovered.lock()

    # the answer and its one-time passphrase: the old key no longer opens the vault file
    old_key = SecretKey(RecoveryResponse.from_json(answer).open(TEMPORARY))
    with pytest.raises(VaultError):
        open_with_key(vault_path, keyfile.read_key_file(vault_path), old_key).lock()
    # the old key file with the forgotten passphrase opens nothing either
    new_key_file = tmp_path / "nieuw.key"
    shutil.copy(keyfile.key_path(vault_path), new_key_file)
    shutil.copy(old_key_file, keyfile.key_path(vault_path))
    with pytest.raises(VaultError):
        unlock_vault(vault_path, PASSPHRASE).lock()
    shutil.copy(new_key_file, keyfile.key_path(vault_path))
    # only the new passphrase opens it, and the renewed recovery wrap recovers it again
    recover_and_check(vault_path, private, PASSPHRASE)
