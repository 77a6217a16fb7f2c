"""The recovery wrap in the key file (DESIGN.md "Key management", docs/recovery.md): it
survives a passphrase change, follows a key rotation, is never trusted when someone swapped
it, and a version 1 key file still opens and becomes version 2. On the laptop, a hostile
or wrong recovery response is refused with the vault and its key file unchanged."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from inburg_desktop.messages import error_text
from inburg_desktop.protocol.recovery import (
    RecoveryRefused,
    RecoveryRequest,
    RecoveryResponse,
    new_key_pair,
    unwrap_with,
)
from inburg_desktop.storage import keyfile
from inburg_desktop.storage.errors import WrongPassphrase
from inburg_desktop.storage.keyfile import TEST_KDF, KeyFile
from inburg_desktop.storage.secret import SecretKey
from inburg_desktop.storage.vault import OpenVault, create_vault, unlock_vault
from inburg_desktop.storage.vault_recovery import apply_response, recovery_request

from ..conftest import PASSPHRASE

NEW = "een nieuw lang wachtwoord"
TEMPORARY = "abcde-fghjk-mnpqr-stuvw-xyz23"


def office_answer(path: Path, private: X25519PrivateKey) -> bytes:
    """What ``inburg-office recover`` makes of this vault's request."""
    request = RecoveryRequest.from_json(recovery_request(path))
    key = unwrap_with(request.wrap, private, request.vault_id)
    return RecoveryResponse.seal(request.vault_id, key, TEMPORARY).to_json()


def recover_and_check(path: Path, private: X25519PrivateKey, old: str) -> None:
    """The office's answer opens the vault, which then opens with :data:`NEW` only."""
    apply_response(path, office_answer(path, private), TEMPORARY, NEW, TEST_KDF).lock()
    with pytest.raises(WrongPassphrase):
        unlock_vault(path, old)
    unlock_vault(path, NEW).lock()


def test_the_recovery_wrap_survives_a_passphrase_change_and_follows_a_rotation(
    vault: OpenVault, vault_path: Path
) -> None:
    private, public = new_key_pair()
    assert vault.recovery_key_id() is None
    vault.add_recovery(public)
    identifier = vault.recovery_key_id()
    assert identifier is not None
    vault.change_passphrase("tweede wachtwoord hier", TEST_KDF)
    assert vault.recovery_key_id() == identifier
    vault.lock()
    recover_and_check(vault_path, private, "tweede wachtwoord hier")

    opened = unlock_vault(vault_path, NEW)
    opened.rotate_key("derde wachtwoord hier", TEST_KDF)  # a new raw key
    assert opened.recovery_key_id() == identifier
    opened.lock()
    recover_and_check(vault_path, private, "derde wachtwoord hier")


def test_a_swapped_recovery_key_is_not_trusted_nor_used_at_a_rotation(
    vault: OpenVault, vault_path: Path
) -> None:
    """Someone who can write the key file but does not know the passphrase puts in a
    wrap to their own public key: without the binding (made with the vault key) the app
    shows no recovery and the next rotation wraps the new key to nobody."""
    _office, office_public = new_key_pair()
    vault.add_recovery(office_public)
    vault.lock()
    _attacker, attacker_public = new_key_pair()
    forged = keyfile.recovery_section(SecretKey(os.urandom(32)), attacker_public, vault.vault_id)
    keyfile.write_key_file(
        vault_path, keyfile.with_recovery(keyfile.read_key_file(vault_path), forged)
    )
    opened = unlock_vault(vault_path, PASSPHRASE)
    try:
        assert opened.recovery_key_id() is None
        opened.rotate_key(NEW, TEST_KDF)
    finally:
        opened.lock()
    assert keyfile.read_key_file(vault_path).recovery is None


def _version_1(path: Path, passphrase: str) -> None:
    """Rewrite the key file of the vault at ``path`` as this app wrote it before
    recovery existed (format version 1: no ``recovery``)."""
    current = keyfile.read_key_file(path)
    key = keyfile.unwrap_key(current, passphrase)
    salt, nonce = os.urandom(keyfile.SALT_BYTES), os.urandom(keyfile.NONCE_BYTES)
    draft = KeyFile(current.vault_id, 1, current.kdf, salt, nonce, b"")
    kek = keyfile.derive_wrapping_key(passphrase, salt, current.kdf)
    sealed = AESGCM(kek).encrypt(nonce, bytes(key.raw()), draft.associated_data())
    old = KeyFile(current.vault_id, 1, current.kdf, salt, nonce, sealed)
    data = old.to_json()
    assert b"recovery" not in data and json.loads(data)["format_version"] == 1
    keyfile.key_path(path).write_bytes(data)


def test_a_version_1_key_file_opens_and_is_rewritten_as_version_2(
    vault: OpenVault, vault_path: Path
) -> None:
    vault.lock()
    _version_1(vault_path, PASSPHRASE)
    opened = unlock_vault(vault_path, PASSPHRASE)
    try:
        assert opened.recovery_key_id() is None
        private, public = new_key_pair()
        opened.add_recovery(public)  # what an enrollment does next
    finally:
        opened.lock()
    doc = json.loads(keyfile.key_path(vault_path).read_bytes())
    assert doc["format_version"] == keyfile.FORMAT_VERSION == 2
    recover_and_check(vault_path, private, PASSPHRASE)


# --- hostile responses on the laptop -------------------------------------------------------


def _flip(field: str) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        doc = json.loads(data)
        holder = doc["kdf"] if field == "salt" else doc
        raw = bytearray(base64.b64decode(holder[field]))
        raw[0] ^= 0x01
        holder[field] = base64.b64encode(bytes(raw)).decode()
        return json.dumps(doc).encode()

    return change


def _kdf(**cost: int) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        doc = json.loads(data)
        doc["kdf"].update(cost)
        return json.dumps(doc).encode()

    return change


DAMAGED: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda d: d[:-40], "recovery_document_damaged"),
    "empty": (lambda _d: b"", "recovery_document_damaged"),
    "not utf-8": (lambda _d: b"\xff\xfe\x00{", "recovery_document_damaged"),
    "deeply nested": (lambda _d: b"[" * 100_000, "recovery_document_damaged"),
    "a request, not a response": (
        lambda d: d.replace(b"inburg-recovery-response", b"inburg-recovery-request"),
        "recovery_document_damaged",
    ),
    "a greedy kdf (1 GiB x 10)": (
        _kdf(memory_kib=1024 * 1024, iterations=10),
        "recovery_document_damaged",
    ),
    "a flipped bit in the key": (
        _flip("wrapped_key"),
        "recovery_wrong_temporary_passphrase",
    ),
    "a flipped bit in the salt": (_flip("salt"), "recovery_wrong_temporary_passphrase"),
}


def _bytes_of(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.is_file()}


@pytest.fixture
def enrolled(vault: OpenVault, vault_path: Path) -> X25519PrivateKey:
    private, public = new_key_pair()
    vault.add_recovery(public)
    vault.lock()
    return private


def refused_unchanged(path: Path, response: bytes, temporary: str = TEMPORARY) -> RecoveryRefused:
    before = _bytes_of(path)
    with pytest.raises(RecoveryRefused) as refused:
        apply_response(path, response, temporary, NEW, TEST_KDF)
    assert _bytes_of(path) == before
    unlock_vault(path, PASSPHRASE).lock()  # still the consultant's own passphrase
    return refused.value


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_a_damaged_response_is_refused_and_the_vault_is_unchanged(
    enrolled: X25519PrivateKey, vault_path: Path, kind: str
) -> None:
    change, code = DAMAGED[kind]
    refused = refused_unchanged(vault_path, change(office_answer(vault_path, enrolled)))
    assert refused.code == code
    assert "De kluis is niet gewijzigd" in error_text(refused)


def test_a_wrong_one_time_passphrase_is_refused_and_the_vault_is_unchanged(
    enrolled: X25519PrivateKey, vault_path: Path
) -> None:
    answer = office_answer(vault_path, enrolled)
    refused = refused_unchanged(vault_path, answer, "zzzzz-zzzzz-zzzzz-zzzzz-zzzzz")
    assert refused.code == "recovery_wrong_temporary_passphrase"


def test_another_vaults_response_is_refused_and_the_vault_is_unchanged(
    enrolled: X25519PrivateKey, vault_path: Path, tmp_path: Path
) -> None:
    other_path = tmp_path / "ander" / "kluis.db"
    other = create_vault(other_path, PASSPHRASE, TEST_KDF)
    private, public = new_key_pair()
    other.add_recovery(public)
    other_id = other.vault_id
    other.lock()
    theirs = office_answer(other_path, private)
    assert refused_unchanged(vault_path, theirs).code == "recovery_other_vault"
    # the same answer relabelled with this vault's id: its key does not open this vault
    # (made by someone who chose the one-time passphrase, so it does open)
    key = unwrap_with(
        RecoveryRequest.from_json(recovery_request(other_path)).wrap, private, other_id
    )
    own_id = keyfile.read_key_file(vault_path).vault_id
    relabelled = RecoveryResponse.seal(own_id, key, TEMPORARY).to_json()
    assert refused_unchanged(vault_path, relabelled).code == "recovery_other_vault"
