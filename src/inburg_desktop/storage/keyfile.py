"""The wrapped vault key in ``PATH.key`` (DESIGN.md, "Key management").

The vault key is 32 random bytes given to SQLCipher as a raw key. It is stored only
wrapped: AES-256-GCM under a key derived from the passphrase with Argon2id. The KDF
parameters, salt, nonce, vault id and format version sit beside the wrap in JSON; the
vault id, format version and KDF parameters are the associated data, so none of them
can be altered without the unwrap failing.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from inburg_desktop.storage.errors import VaultDamaged, WrongPassphrase
from inburg_desktop.storage.files import write_atomic
from inburg_desktop.storage.secret import SecretKey

FORMAT_VERSION = 1
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters; memory in KiB."""

    memory_kib: int = 256 * 1024
    iterations: int = 3
    lanes: int = 4

    def as_json(self) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }


# Cheap parameters for tests only; never used by the app itself.
TEST_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)


@dataclass(frozen=True)
class KeyFile:
    """The parsed contents of ``PATH.key``; holds no secret in the clear."""

    vault_id: str
    format_version: int
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    def associated_data(self) -> bytes:
        ad: dict[str, Any] = {
            "vault_id": self.vault_id,
            "format_version": self.format_version,
            "kdf": self.kdf.as_json(),
        }
        return json.dumps(ad, sort_keys=True, separators=(",", ":")).encode()

    def to_json(self) -> bytes:
        doc = {
            "format": "inburg-vault-key",
            "format_version": self.format_version,
            "vault_id": self.vault_id,
            "kdf": {**self.kdf.as_json(), "salt": _b64(self.salt)},
            "cipher": "aes-256-gcm",
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
        }
        return json.dumps(doc, indent=2).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes) -> KeyFile:
        try:
            doc = json.loads(data)
            kdf = doc["kdf"]
            if kdf["name"] != "argon2id" or doc.get("cipher") != "aes-256-gcm":
                raise ValueError("unsupported kdf or cipher")
            version = int(doc["format_version"])
            if version != FORMAT_VERSION:
                raise ValueError("unsupported key file version")
            return cls(
                vault_id=str(doc["vault_id"]),
                format_version=version,
                kdf=KdfParams(
                    memory_kib=int(kdf["memory_kib"]),
                    iterations=int(kdf["iterations"]),
                    lanes=int(kdf["lanes"]),
                ),
                salt=_unb64(kdf["salt"]),
                nonce=_unb64(doc["nonce"]),
                wrapped_key=_unb64(doc["wrapped_key"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise VaultDamaged(
                "Het sleutelbestand van de kluis is beschadigd of onleesbaar."
            ) from exc


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text, validate=True)


def derive_wrapping_key(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    """Argon2id over the passphrase: the slow step (about 0.5 s with the defaults)."""
    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=kdf.iterations,
        lanes=kdf.lanes,
        memory_cost=kdf.memory_kib,
    ).derive(passphrase.encode("utf-8"))


def wrap_key(vault_key: SecretKey, passphrase: str, vault_id: str, kdf: KdfParams) -> KeyFile:
    """Wrap ``vault_key`` under ``passphrase`` with fresh salt and nonce."""
    salt = os.urandom(16)
    nonce = os.urandom(12)
    draft = KeyFile(vault_id, FORMAT_VERSION, kdf, salt, nonce, b"")
    kek = derive_wrapping_key(passphrase, salt, kdf)
    wrapped = AESGCM(kek).encrypt(nonce, bytes(vault_key.raw()), draft.associated_data())
    return KeyFile(vault_id, FORMAT_VERSION, kdf, salt, nonce, wrapped)


def unwrap_key(key_file: KeyFile, passphrase: str) -> SecretKey:
    """Unwrap the vault key; a wrong passphrase raises :class:`WrongPassphrase`."""
    kek = derive_wrapping_key(passphrase, key_file.salt, key_file.kdf)
    try:
        raw = AESGCM(kek).decrypt(key_file.nonce, key_file.wrapped_key, key_file.associated_data())
    except InvalidTag as exc:
        raise WrongPassphrase("Het wachtwoord is onjuist.") from exc
    if len(raw) != KEY_BYTES:
        raise VaultDamaged("Het sleutelbestand van de kluis is beschadigd.")
    return SecretKey(raw)


def new_vault_key() -> tuple[str, SecretKey]:
    """A fresh vault id and 32 random key bytes."""
    return str(uuid.uuid4()), SecretKey(os.urandom(KEY_BYTES))


def key_path(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".key")


def read_key_file(vault_path: Path) -> KeyFile:
    try:
        data = key_path(vault_path).read_bytes()
    except FileNotFoundError as exc:
        raise VaultDamaged(
            "Het sleutelbestand naast de kluis ontbreekt; zonder dat bestand kan de "
            "kluis niet worden geopend."
        ) from exc
    return KeyFile.from_json(data)


def write_key_file(vault_path: Path, key_file: KeyFile) -> None:
    write_atomic(key_path(vault_path), key_file.to_json())
