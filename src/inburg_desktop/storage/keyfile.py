"""The wrapped vault key in ``PATH.key`` (DESIGN.md, "Key management").

The vault key is 32 random bytes given to SQLCipher as a raw key. It is stored only
wrapped: AES-256-GCM under a key derived from the passphrase with Argon2id. The KDF
parameters, salt, nonce, vault id and format version sit beside the wrap in JSON; the
vault id, format version and KDF parameters are the associated data, so none of them
can be altered without the unwrap failing.

A key file is untrusted input: before any key is derived, its fields are checked for
type, length and range (an Argon2id cost beyond :data:`MAX_COST_KIB_PASSES` would keep a
laptop busy for as long as the file asks), and a SHA-256 checksum over its fields tells
bit rot apart from a wrong passphrase. A file that fails any of this is
:class:`~inburg_desktop.storage.errors.KeyFileDamaged`.

Passphrases are Unicode text typed on different keyboards: "ë" can arrive as one code
point or as "e" plus a combining diaeresis. They are normalised to NFC before derivation
(Unicode Standard Annex #15), so both open the same vault; a key file wrapped before this
(under the raw form) still opens, and the caller re-wraps it under NFC.

Format version 2 adds ``recovery``: the same vault key wrapped to the office's recovery
public key (``protocol.recovery``, set at enrollment), or ``null``. Beside it a
``binding``, an HMAC under a key derived from the vault key itself, proves that whoever
held the vault key chose that recovery key: someone who can write the key file but does
not know the passphrase cannot swap in their own public key and wait for the next key
rotation to seal the new key to it (:func:`verified_recovery` checks it before any
re-wrap). A version 1 file still opens; the caller re-wraps it as version 2.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import os
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from inburg_desktop.domain.file_input import FileRefused, read_bounded
from inburg_desktop.protocol.recovery import RecoveryWrap, wrap_to
from inburg_desktop.protocol.recovery import b64_bytes as _unb64
from inburg_desktop.protocol.recovery import b64_text as _b64
from inburg_desktop.storage.diagnosis import from_os_error
from inburg_desktop.storage.errors import KeyFileDamaged, WrongPassphrase
from inburg_desktop.storage.files import write_atomic
from inburg_desktop.storage.secret import SecretKey

FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
"""Version 1: the passphrase wrap only; 2: also ``recovery`` (``null`` when none)."""
BINDING_BYTES = 32
BINDING_INFO = b"inburg-vault-recovery-binding/1"
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
MAX_KEY_FILE_BYTES = 64 * 1024

# Argon2id bounds for parameters read from a file. The default (256 MiB, t=3, p=4) takes
# about 0.5 s here; the largest accepted cost, 1 GiB x 3 passes, about 1.8 s (measured
# 2026-11-29 on the 2-core CI machine). Below 8 MiB is no protection worth the name.
MIN_MEMORY_KIB = 8 * 1024
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 10
MAX_LANES = 16
MAX_COST_KIB_PASSES = MAX_MEMORY_KIB * 3


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters; memory in KiB. Out-of-range values raise ``ValueError``."""

    memory_kib: int = 256 * 1024
    iterations: int = 3
    lanes: int = 4

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem:
            raise ValueError(problem)

    def problem(self) -> str | None:
        """Why these parameters are refused, or ``None``."""
        for name in ("memory_kib", "iterations", "lanes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                return f"{name} is not an integer"
        if not MIN_MEMORY_KIB <= self.memory_kib <= MAX_MEMORY_KIB:
            return "memory_kib out of range"
        if not 1 <= self.iterations <= MAX_ITERATIONS:
            return "iterations out of range"
        if not 1 <= self.lanes <= MAX_LANES or self.memory_kib < 8 * self.lanes:
            return "lanes out of range"
        if self.memory_kib * self.iterations > MAX_COST_KIB_PASSES:
            return "memory_kib x iterations out of range"
        return None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": "argon2id",
            "memory_kib": self.memory_kib,
            "iterations": self.iterations,
            "lanes": self.lanes,
        }


# Cheap parameters for tests only; never used by the app itself.
TEST_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)


def normalise(passphrase: str) -> str:
    """The form every passphrase is derived from: Unicode NFC (UAX #15)."""
    return unicodedata.normalize("NFC", passphrase)


def passphrase_forms(passphrase: str) -> list[str]:
    """NFC first, then the raw and NFD forms when they differ (key files made before NFC)."""
    forms: list[str] = []
    for form in (normalise(passphrase), passphrase, unicodedata.normalize("NFD", passphrase)):
        if form not in forms:
            forms.append(form)
    return forms


@dataclass(frozen=True)
class RecoverySection:
    """The recovery wrap of a key file and its ``binding`` (HMAC-SHA256, 32 bytes, under
    :func:`_binding_key` of the vault key, over the wrap and the vault id)."""

    wrap: RecoveryWrap
    binding: bytes

    def as_json(self) -> dict[str, Any]:
        return {**self.wrap.as_json(), "binding": _b64(self.binding)}

    @classmethod
    def from_json(cls, doc: object) -> RecoverySection:
        if not isinstance(doc, dict):
            raise ValueError("not a recovery section")
        wrap_doc = {k: v for k, v in doc.items() if k != "binding"}
        return cls(RecoveryWrap.from_json(wrap_doc), _unb64(doc.get("binding"), BINDING_BYTES))


def _binding_key(vault_key: SecretKey) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=BINDING_INFO).derive(
        bytes(vault_key.raw())
    )


def _binding(vault_key: SecretKey, wrap: RecoveryWrap, vault_id: str) -> bytes:
    message = json.dumps(
        {"vault_id": vault_id, "recovery": wrap.as_json()}, sort_keys=True, separators=(",", ":")
    ).encode()
    return hmac.new(_binding_key(vault_key), message, hashlib.sha256).digest()


def recovery_section(vault_key: SecretKey, public_key: bytes, vault_id: str) -> RecoverySection:
    """``vault_key`` wrapped to the recovery ``public_key`` (32 raw bytes), bound."""
    wrap = wrap_to(vault_key.raw(), public_key, vault_id)
    return RecoverySection(wrap, _binding(vault_key, wrap, vault_id))


def verified_recovery(key_file: KeyFile, vault_key: SecretKey) -> RecoverySection | None:
    """The recovery section of ``key_file`` if its binding proves it was made with
    ``vault_key``; ``None`` when there is none or it was not (swapped or altered)."""
    section = key_file.recovery
    if section is None:
        return None
    expected = _binding(vault_key, section.wrap, key_file.vault_id)
    return section if hmac.compare_digest(expected, section.binding) else None


@dataclass(frozen=True)
class KeyFile:
    """The parsed contents of ``PATH.key``; holds no secret in the clear."""

    vault_id: str
    format_version: int
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    recovery: RecoverySection | None = None

    def associated_data(self) -> bytes:
        ad: dict[str, Any] = {
            "vault_id": self.vault_id,
            "format_version": self.format_version,
            "kdf": self.kdf.as_json(),
        }
        return json.dumps(ad, sort_keys=True, separators=(",", ":")).encode()

    def _body(self) -> dict[str, Any]:
        return {
            "format": "inburg-vault-key",
            "format_version": self.format_version,
            "vault_id": self.vault_id,
            "kdf": {**self.kdf.as_json(), "salt": _b64(self.salt)},
            "cipher": "aes-256-gcm",
            "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key),
            # version 1 had no such key: its checksum covers the fields above only
            **(
                {}
                if self.format_version == 1
                else {"recovery": None if self.recovery is None else self.recovery.as_json()}
            ),
        }

    def to_json(self) -> bytes:
        body = self._body()
        doc = {**body, "checksum": _checksum(body)}
        return json.dumps(doc, indent=2).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes, name: str = "kluis.key") -> KeyFile:
        """Parse and check a key file; anything malformed raises :class:`KeyFileDamaged`."""
        try:
            if len(data) > MAX_KEY_FILE_BYTES:
                raise ValueError("key file too large")
            doc = json.loads(data)
            if not isinstance(doc, dict) or not isinstance(doc.get("kdf"), dict):
                raise ValueError("not a key file")
            kdf = doc["kdf"]
            if kdf.get("name") != "argon2id" or doc.get("cipher") != "aes-256-gcm":
                raise ValueError("unsupported kdf or cipher")
            version = _integer(doc.get("format_version"))
            if version not in READABLE_VERSIONS:
                raise ValueError("unsupported key file version")
            recovery = doc.get("recovery")
            if version == 1 and "recovery" in doc:
                raise ValueError("recovery in a version 1 key file")
            vault_id = doc.get("vault_id")
            if not isinstance(vault_id, str) or str(uuid.UUID(vault_id)) != vault_id:
                raise ValueError("bad vault id")
            params = KdfParams(
                memory_kib=_integer(kdf.get("memory_kib")),
                iterations=_integer(kdf.get("iterations")),
                lanes=_integer(kdf.get("lanes")),
            )
            parsed = cls(
                vault_id=vault_id,
                format_version=version,
                kdf=params,
                salt=_unb64(kdf.get("salt"), SALT_BYTES),
                nonce=_unb64(doc.get("nonce"), NONCE_BYTES),
                wrapped_key=_unb64(doc.get("wrapped_key"), KEY_BYTES + TAG_BYTES),
                recovery=None if recovery is None else RecoverySection.from_json(recovery),
            )
            # Key files written before the checksum existed have none: still accepted.
            stored = doc.get("checksum")
            if stored is not None and stored != _checksum(parsed._body()):
                raise ValueError("checksum mismatch")
            return parsed
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            # ValueError covers UnicodeDecodeError, JSONDecodeError and binascii.Error.
            raise KeyFileDamaged(name=name) from exc


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


def _integer(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError("expected an integer")
    return value


def derive_wrapping_key(passphrase: str, salt: bytes, kdf: KdfParams) -> bytes:
    """Argon2id over the passphrase as given: the slow step (about 0.5 s by default)."""
    return Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=kdf.iterations,
        lanes=kdf.lanes,
        memory_cost=kdf.memory_kib,
    ).derive(passphrase.encode("utf-8"))


def wrap_key(
    vault_key: SecretKey,
    passphrase: str,
    vault_id: str,
    kdf: KdfParams,
    recovery: RecoverySection | None = None,
) -> KeyFile:
    """Wrap ``vault_key`` under the NFC form of ``passphrase`` with fresh salt and nonce,
    as a current-version key file carrying ``recovery`` (made with the same key:
    :func:`recovery_section`, or kept after :func:`verified_recovery`)."""
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    draft = KeyFile(vault_id, FORMAT_VERSION, kdf, salt, nonce, b"")
    kek = derive_wrapping_key(normalise(passphrase), salt, kdf)
    wrapped = AESGCM(kek).encrypt(nonce, bytes(vault_key.raw()), draft.associated_data())
    return KeyFile(vault_id, FORMAT_VERSION, kdf, salt, nonce, wrapped, recovery)


def with_recovery(key_file: KeyFile, recovery: RecoverySection) -> KeyFile:
    """``key_file`` with its passphrase wrap unchanged and ``recovery`` beside it (no
    passphrase needed). Raises ``ValueError`` for a version 1 file: its wrap's associated
    data names version 1, so it must be re-wrapped under the passphrase first."""
    if key_file.format_version != FORMAT_VERSION:
        raise ValueError("key file must be re-wrapped to the current version first")
    return dataclasses.replace(key_file, recovery=recovery)


def unwrap_key_form(key_file: KeyFile, passphrase: str) -> tuple[SecretKey, bool]:
    """Unwrap the vault key; also say whether it was wrapped under the NFC form.

    ``False`` means a key file from before NFC normalisation: the caller re-wraps it.
    A passphrase that opens no form raises :class:`WrongPassphrase`.
    """
    for index, form in enumerate(passphrase_forms(passphrase)):
        kek = derive_wrapping_key(form, key_file.salt, key_file.kdf)
        try:
            raw = AESGCM(kek).decrypt(
                key_file.nonce, key_file.wrapped_key, key_file.associated_data()
            )
        except InvalidTag:
            continue
        return SecretKey(raw), index == 0
    raise WrongPassphrase()


def unwrap_key(key_file: KeyFile, passphrase: str) -> SecretKey:
    """Unwrap the vault key; a wrong passphrase raises :class:`WrongPassphrase`."""
    return unwrap_key_form(key_file, passphrase)[0]


def new_vault_key() -> tuple[str, SecretKey]:
    """A fresh vault id and 32 random key bytes."""
    return str(uuid.uuid4()), SecretKey(os.urandom(KEY_BYTES))


def key_path(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".key")


def read_key_file(vault_path: Path) -> KeyFile:
    """Read ``PATH.key`` (or any key file named so beside a copy of the vault)."""
    return read_key_file_at(key_path(vault_path))


def read_key_file_at(path: Path) -> KeyFile:
    """Read and check the key file at ``path`` through the one bounded reader
    (:func:`~inburg_desktop.domain.file_input.read_bounded`, at most
    :data:`MAX_KEY_FILE_BYTES`): a FIFO, device or directory named so is
    :class:`KeyFileDamaged` at once instead of hanging the unlock or reading ``/dev/zero``.
    A missing file is :class:`KeyFileDamaged` saying so; other ``OSError`` s become the
    matching :class:`~inburg_desktop.storage.errors.VaultError`.
    """
    try:
        data = read_bounded(path, MAX_KEY_FILE_BYTES)
    except FileRefused as exc:
        raise KeyFileDamaged(name=path.name) from exc
    except FileNotFoundError as exc:
        raise KeyFileDamaged("key_file_missing", name=path.name) from exc
    except IsADirectoryError as exc:
        raise KeyFileDamaged(name=path.name) from exc
    except OSError as exc:
        raise (from_os_error(exc, path) or exc) from exc
    return KeyFile.from_json(data, path.name)


def write_key_file(vault_path: Path, key_file: KeyFile) -> None:
    write_key_file_at(key_path(vault_path), key_file)


def write_key_file_at(path: Path, key_file: KeyFile) -> None:
    """Replace ``path`` atomically and owner-only; a full disk etc. says so."""
    try:
        write_atomic(path, key_file.to_json())
    except OSError as exc:
        raise (from_os_error(exc, path) or exc) from exc
