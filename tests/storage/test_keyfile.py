"""The key file as untrusted input (issue 10, items 4 and 5): every damaged or tampered
field is "damaged" in words before any key is derived, KDF costs are bounded, and
passphrases are compared in Unicode NFC, with key files from before that still opening."""

from __future__ import annotations

import base64
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.messages import error_text
from inburg_desktop.storage import keyfile
from inburg_desktop.storage.errors import KeyFileDamaged, VaultDamaged, WrongPassphrase
from inburg_desktop.storage.keyfile import TEST_KDF, KdfParams, KeyFile
from inburg_desktop.storage.vault import OpenVault, create_vault, unlock_vault

PASSPHRASE = "een lange zin als wachtwoord"  # tests/conftest.py


def _doc(vault_path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(keyfile.key_path(vault_path).read_text())
    return doc


def _write(vault_path: Path, doc: dict[str, Any], *, fix_checksum: bool) -> None:
    if fix_checksum:
        body = {k: v for k, v in doc.items() if k != "checksum"}
        doc = {**body, "checksum": keyfile._checksum(body)}
    keyfile.key_path(vault_path).write_text(json.dumps(doc))


def _no_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> bytes:
        raise AssertionError("a key was derived from a key file that should be refused")

    monkeypatch.setattr(keyfile, "derive_wrapping_key", refuse)


def _b64(n: int) -> str:
    return base64.b64encode(b"\x01" * n).decode()


TAMPERINGS: dict[str, Callable[[dict[str, Any]], None]] = {
    "salt too short": lambda d: d["kdf"].update(salt=_b64(4)),
    "salt not base64": lambda d: d["kdf"].update(salt="***"),
    "salt missing": lambda d: d["kdf"].pop("salt"),
    "nonce too long": lambda d: d.update(nonce=_b64(64)),
    "nonce a number": lambda d: d.update(nonce=12),
    "wrapped key truncated": lambda d: d.update(wrapped_key=_b64(20)),
    "memory 3 GiB": lambda d: d["kdf"].update(memory_kib=3 * 1024 * 1024),
    "memory zero": lambda d: d["kdf"].update(memory_kib=0),
    "memory a string": lambda d: d["kdf"].update(memory_kib="262144"),
    "iterations 1000": lambda d: d["kdf"].update(iterations=1000),
    "iterations negative": lambda d: d["kdf"].update(iterations=-1),
    "iterations true": lambda d: d["kdf"].update(iterations=True),
    "lanes 10000": lambda d: d["kdf"].update(lanes=10_000),
    "lanes float": lambda d: d["kdf"].update(lanes=4.0),
    "kdf not argon2id": lambda d: d["kdf"].update(name="pbkdf2"),
    "vault id not a uuid": lambda d: d.update(vault_id="../../etc"),
    "format version 3": lambda d: d.update(format_version=3),
    # version 2 added the recovery wrap (protocol.recovery); version 1 files have none
    "recovery in a version 1 file": lambda d: d.update(format_version=1),
    "recovery a list": lambda d: d.update(recovery=[1]),
    "recovery of another scheme": lambda d: d.update(recovery={"scheme": "rsa-oaep"}),
    "kdf not an object": lambda d: d.update(kdf=[1, 2]),
}


@pytest.mark.parametrize("tampering", sorted(TAMPERINGS))
def test_a_tampered_field_is_damaged_in_words_before_any_derivation(
    vault: OpenVault, vault_path: Path, monkeypatch: pytest.MonkeyPatch, tampering: str
) -> None:
    vault.lock()
    doc = _doc(vault_path)
    TAMPERINGS[tampering](doc)
    # Even with a checksum that matches the tampered fields, the values are refused.
    _write(vault_path, doc, fix_checksum=True)
    _no_derivation(monkeypatch)
    with pytest.raises(KeyFileDamaged) as damaged:
        unlock_vault(vault_path, PASSPHRASE)
    assert damaged.value.code == "key_file_damaged"
    assert error_text(damaged.value).startswith("Het sleutelbestand van de kluis")


@pytest.mark.parametrize(
    "data",
    [b"", b"{", b"[]", b"\xff\xfe\x00", b"[" * 100_000, b"{}" + b" " * 70_000],
    ids=["empty", "truncated", "array", "not utf-8", "deeply nested", "too large"],
)
def test_an_unreadable_key_file_is_damaged(
    vault: OpenVault, vault_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    vault.lock()
    keyfile.key_path(vault_path).write_bytes(data)
    _no_derivation(monkeypatch)
    with pytest.raises(KeyFileDamaged):
        unlock_vault(vault_path, PASSPHRASE)


@pytest.mark.parametrize("field", ["salt", "nonce", "wrapped_key"])
def test_a_flipped_bit_is_damage_not_a_wrong_passphrase(
    vault: OpenVault, vault_path: Path, field: str
) -> None:
    """The checksum tells bit rot from a wrong passphrase (which would send a consultant
    trying passphrases on a file that can no longer open)."""
    vault.lock()
    doc = _doc(vault_path)
    holder = doc["kdf"] if field == "salt" else doc
    raw = bytearray(base64.b64decode(holder[field]))
    raw[0] ^= 0x01
    holder[field] = base64.b64encode(bytes(raw)).decode()
    _write(vault_path, doc, fix_checksum=False)
    with pytest.raises(KeyFileDamaged):
        unlock_vault(vault_path, PASSPHRASE)


def test_the_associated_data_still_binds_vault_id_and_parameters(
    vault: OpenVault, vault_path: Path
) -> None:
    """A forger who also fixes the checksum still cannot move a key file to another vault
    or weaken its parameters: AES-GCM's associated data refuses the unwrap."""
    vault.lock()
    changes: tuple[Callable[[dict[str, Any]], None], ...] = (
        lambda d: d.update(vault_id="00000000-0000-0000-0000-000000000000"),
        lambda d: d["kdf"].update(memory_kib=16 * 1024),
    )
    for change in changes:
        doc = _doc(vault_path)
        original = json.dumps(doc)
        change(doc)
        _write(vault_path, doc, fix_checksum=True)
        with pytest.raises(WrongPassphrase):
            unlock_vault(vault_path, PASSPHRASE)
        keyfile.key_path(vault_path).write_text(original)
    unlock_vault(vault_path, PASSPHRASE).lock()


def test_a_key_file_without_checksum_from_before_still_opens(
    vault: OpenVault, vault_path: Path
) -> None:
    vault.lock()
    doc = _doc(vault_path)
    del doc["checksum"]
    keyfile.key_path(vault_path).write_text(json.dumps(doc))
    unlock_vault(vault_path, PASSPHRASE).lock()


def test_kdf_bounds_refuse_what_would_run_for_long() -> None:
    assert KdfParams().problem() is None and TEST_KDF.problem() is None
    for kwargs in (
        {"memory_kib": 3 * 1024 * 1024},
        {"memory_kib": 1024 * 1024, "iterations": 4},  # 4 GiB x pass: beyond the cost cap
        {"iterations": 0},
        {"lanes": 0},
        {"memory_kib": 4 * 1024},
    ):
        with pytest.raises(ValueError):
            KdfParams(**kwargs)


def test_a_missing_key_file_says_so(vault: OpenVault, vault_path: Path) -> None:
    vault.lock()
    keyfile.key_path(vault_path).unlink()
    with pytest.raises(VaultDamaged) as missing:
        unlock_vault(vault_path, PASSPHRASE)
    assert missing.value.code == "key_file_missing"
    assert "ontbreekt" in error_text(missing.value)


# --- Unicode normalisation ------------------------------------------------------------

COMPOSED = "Zoë en Chloë gaan naar de Efteling"  # "ë" as one code point (NFC)
DECOMPOSED = unicodedata.normalize("NFD", COMPOSED)  # "e" + U+0308, as macOS types it


def test_composed_and_decomposed_passphrases_open_the_same_vault(tmp_path: Path) -> None:
    assert COMPOSED != DECOMPOSED
    for made_with, opened_with in ((COMPOSED, DECOMPOSED), (DECOMPOSED, COMPOSED)):
        path = tmp_path / f"{len(made_with)}-{len(opened_with)}.db"
        create_vault(path, made_with, TEST_KDF).lock()
        unlock_vault(path, opened_with).lock()
        unlock_vault(path, made_with).lock()


def test_a_change_normalises_the_new_passphrase(vault: OpenVault, vault_path: Path) -> None:
    vault.change_passphrase(DECOMPOSED, TEST_KDF)
    vault.lock()
    unlock_vault(vault_path, COMPOSED).lock()


def _legacy_key_file(path: Path, passphrase: str) -> None:
    """A vault as the app made it before NFC: the key wrapped under the raw form."""
    vault = create_vault(path, "tijdelijk wachtwoord", TEST_KDF)
    key = vault._key
    draft = KeyFile(
        vault.vault_id, keyfile.FORMAT_VERSION, TEST_KDF, b"\x02" * 16, b"\x03" * 12, b""
    )
    kek = keyfile.derive_wrapping_key(passphrase, draft.salt, TEST_KDF)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    wrapped = AESGCM(kek).encrypt(draft.nonce, bytes(key.raw()), draft.associated_data())
    legacy = KeyFile(
        vault.vault_id, keyfile.FORMAT_VERSION, TEST_KDF, draft.salt, draft.nonce, wrapped
    )
    vault.lock()
    keyfile.write_key_file(path, legacy)


@pytest.mark.parametrize("typed", [DECOMPOSED, COMPOSED], ids=["same form", "other form"])
def test_a_vault_wrapped_before_nfc_opens_and_is_rewrapped(tmp_path: Path, typed: str) -> None:
    path = tmp_path / "oud.db"
    _legacy_key_file(path, DECOMPOSED)  # made on a keyboard that sends NFD
    before = keyfile.read_key_file(path)
    assert keyfile.unwrap_key_form(before, DECOMPOSED)[1] is False  # not under NFC
    unlock_vault(path, typed).lock()
    after = keyfile.read_key_file(path)
    assert after.salt != before.salt
    _key, nfc = keyfile.unwrap_key_form(after, COMPOSED)
    assert nfc is True
    # Both forms keep opening it, now with a single derivation for either.
    unlock_vault(path, DECOMPOSED).lock()
    unlock_vault(path, COMPOSED).lock()


def test_a_wrong_passphrase_is_still_wrong_in_every_form(
    vault: OpenVault, vault_path: Path
) -> None:
    vault.lock()
    with pytest.raises(WrongPassphrase):
        unlock_vault(vault_path, DECOMPOSED)
