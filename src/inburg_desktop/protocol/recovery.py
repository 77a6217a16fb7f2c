"""Vault recovery through the office: the recovery wrap and the two documents of the flow.

DESIGN.md ("Key management"): besides its passphrase wrap, a vault's 32-byte key is
wrapped to the municipality's recovery public key, handed to the laptop at enrollment.
The office holds the matching private key offline; docs/recovery.md gives the flow and
its threat model.

The wrap is ECIES over X25519: a fresh ephemeral X25519 key agrees a secret with the
office's public key, HKDF-SHA256 (salt: ephemeral || recipient public key, info:
:data:`HKDF_INFO`) turns it into an AES-256-GCM key, and the vault key is sealed under it
with the vault id, the recovery key's id and the format as associated data (so a wrap
moved to another vault's request, or relabelled to another key, fails to open). X25519
rather than RSA-OAEP-3072: a 32-byte public key fits the enrollment answer, one curve
operation is all, and there is no padding to get wrong.

The flow's documents (JSON, each at most :data:`MAX_DOCUMENT_BYTES`):

- ``inburg-recovery-request/1`` (laptop -> office): the vault id and its recovery wrap;
  no secret in it but the wrap itself, so it may travel by e-mail.
- ``inburg-recovery-response/1`` (office -> laptop): the vault key wrapped with
  AES-256-GCM under an Argon2id key of a one-time passphrase the office prints once
  (:func:`temporary_passphrase`, 124 random bits) and gives by another channel (phone).

Every reader checks types and lengths before any key is derived and raises
:class:`RecoveryRefused` (a :class:`~inburg_desktop.domain.problem.Problem` code) for
anything else; nothing is written by this module.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from inburg_desktop.domain.problem import Problem

SCHEME = "x25519-hkdf-sha256-aes-256-gcm"
HKDF_INFO = b"inburg-vault-recovery/1"
WRAP_FORMAT = "inburg-vault-recovery"
REQUEST_FORMAT = "inburg-recovery-request"
RESPONSE_FORMAT = "inburg-recovery-response"
FORMAT_VERSION = 1
VAULT_KEY_BYTES = 32
PUBLIC_KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
TAG_BYTES = 16
KEY_ID_HEX = 32
"""Hex digits of a key id: the first 128 bits of SHA-256 over the raw public key."""
MAX_DOCUMENT_BYTES = 16 * 1024
MAX_PRIVATE_KEY_FILE_BYTES = 16 * 1024

# The one-time passphrase is 124 random bits, so Argon2id adds little; these moderate
# fixed parameters keep a guess at a stolen response costly all the same. A response
# asking for other parameters is refused (a hostile file cannot set the laptop's cost).
RESPONSE_MEMORY_KIB = 64 * 1024
RESPONSE_ITERATIONS = 2
RESPONSE_LANES = 4
RESPONSE_KDF: dict[str, object] = {
    "name": "argon2id",
    "memory_kib": RESPONSE_MEMORY_KIB,
    "iterations": RESPONSE_ITERATIONS,
    "lanes": RESPONSE_LANES,
}
TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""31 characters, none easily mistaken for another (no i, l, o, 0, 1) on paper or phone."""
TEMPORARY_GROUPS = 5
TEMPORARY_GROUP_LENGTH = 5


class RecoveryRefused(Problem):
    """A recovery document or key that cannot be used; nothing was changed. Codes:
    ``recovery_document_damaged``, ``recovery_other_key`` (the wrap is to another
    recovery key than the private key given: ``key_id``), ``recovery_wrong_key`` (the
    wrap does not open with the key given), ``recovery_private_key_refused`` (not a
    recovery private key, or the wrong passphrase for it),
    ``recovery_wrong_temporary_passphrase``, ``recovery_other_vault`` (a response made
    for another vault), ``recovery_not_enrolled`` (this vault has no recovery wrap)."""

    default_code = "recovery_document_damaged"


def key_id(public_key: bytes) -> str:
    """The id of a recovery public key (32 raw bytes): 32 hex digits of its SHA-256."""
    return hashlib.sha256(public_key).hexdigest()[:KEY_ID_HEX]


def shown_key_id(identifier: str) -> str:
    """A key id as people compare it: groups of four hex digits (``"3f2a 91c0 …"``)."""
    return " ".join(identifier[i : i + 4] for i in range(0, len(identifier), 4))


def public_key_text(public_key: bytes) -> str:
    """The public key as it travels (base64 of the 32 raw bytes)."""
    return b64_text(public_key)


def read_public_key(text: object) -> bytes:
    """The 32 raw bytes of a recovery public key given as base64 text; anything else
    raises :class:`RecoveryRefused` ``recovery_document_damaged``."""
    try:
        raw = b64_bytes(text, PUBLIC_KEY_BYTES)
        X25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise RecoveryRefused() from exc
    return raw


@dataclass(frozen=True)
class RecoveryWrap:
    """The vault key sealed to one recovery public key (holds no secret in the clear)."""

    key_id: str
    public_key: bytes
    ephemeral: bytes
    nonce: bytes
    wrapped_key: bytes

    def as_json(self) -> dict[str, Any]:
        return {
            "scheme": SCHEME,
            "key_id": self.key_id,
            "public_key": b64_text(self.public_key),
            "ephemeral_public": b64_text(self.ephemeral),
            "nonce": b64_text(self.nonce),
            "wrapped_key": b64_text(self.wrapped_key),
        }

    @classmethod
    def from_json(cls, doc: object) -> RecoveryWrap:
        """Parse a wrap; raises ``ValueError`` for anything malformed."""
        if not isinstance(doc, dict) or doc.get("scheme") != SCHEME:
            raise ValueError("not a recovery wrap")
        public = b64_bytes(doc.get("public_key"), PUBLIC_KEY_BYTES)
        identifier = doc.get("key_id")
        if identifier != key_id(public):
            raise ValueError("key id does not match the public key")
        return cls(
            key_id=identifier,
            public_key=public,
            ephemeral=b64_bytes(doc.get("ephemeral_public"), PUBLIC_KEY_BYTES),
            nonce=b64_bytes(doc.get("nonce"), NONCE_BYTES),
            wrapped_key=b64_bytes(doc.get("wrapped_key"), VAULT_KEY_BYTES + TAG_BYTES),
        )


def _wrap_ad(vault_id: str, identifier: str) -> bytes:
    return _canonical(
        {
            "format": WRAP_FORMAT,
            "format_version": FORMAT_VERSION,
            "vault_id": vault_id,
            "key_id": identifier,
        }
    )


def _sealing_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=VAULT_KEY_BYTES,
        salt=ephemeral + recipient,
        info=HKDF_INFO,
    ).derive(shared)


def wrap_to(vault_key: bytes | bytearray, public_key: bytes, vault_id: str) -> RecoveryWrap:
    """Seal ``vault_key`` (32 bytes) to the recovery ``public_key`` (32 raw bytes)."""
    recipient = X25519PublicKey.from_public_bytes(public_key)
    ephemeral_key = X25519PrivateKey.generate()
    ephemeral = ephemeral_key.public_key().public_bytes_raw()
    sealing = _sealing_key(ephemeral_key.exchange(recipient), ephemeral, public_key)
    identifier = key_id(public_key)
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(sealing).encrypt(nonce, bytes(vault_key), _wrap_ad(vault_id, identifier))
    return RecoveryWrap(identifier, public_key, ephemeral, nonce, sealed)


def unwrap_with(wrap: RecoveryWrap, private_key: X25519PrivateKey, vault_id: str) -> bytearray:
    """The vault key inside ``wrap``, opened with the office's ``private_key``.

    Raises :class:`RecoveryRefused` ``recovery_other_key`` when the wrap is to another
    recovery key, ``recovery_wrong_key`` when it does not open (altered, or moved from
    another vault)."""
    public = private_key.public_key().public_bytes_raw()
    if key_id(public) != wrap.key_id or public != wrap.public_key:
        raise RecoveryRefused("recovery_other_key", key_id=shown_key_id(wrap.key_id))
    try:
        peer = X25519PublicKey.from_public_bytes(wrap.ephemeral)
        sealing = _sealing_key(private_key.exchange(peer), wrap.ephemeral, public)
        raw = AESGCM(sealing).decrypt(wrap.nonce, wrap.wrapped_key, _wrap_ad(vault_id, wrap.key_id))
    except (InvalidTag, ValueError) as exc:
        raise RecoveryRefused("recovery_wrong_key") from exc
    return bytearray(raw)


# --- the private key file ------------------------------------------------------------------


def new_key_pair() -> tuple[X25519PrivateKey, bytes]:
    """A fresh recovery key pair: the private key and the 32 raw public bytes."""
    private = X25519PrivateKey.generate()
    return private, private.public_key().public_bytes_raw()


def private_key_pem(private_key: X25519PrivateKey, passphrase: bytes) -> bytes:
    """The private key as PKCS#8 PEM, encrypted under ``passphrase`` (the library's best
    available encryption: AES-256-CBC under scrypt or PBKDF2, as it chooses)."""
    return private_key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase),
    )


def load_private_key(pem: bytes, passphrase: bytes) -> X25519PrivateKey:
    """The recovery private key from its encrypted PEM; raises :class:`RecoveryRefused`
    ``recovery_private_key_refused`` for another kind of file or the wrong passphrase."""
    try:
        private = serialization.load_pem_private_key(pem, password=passphrase)
    except (ValueError, TypeError) as exc:
        raise RecoveryRefused("recovery_private_key_refused") from exc
    if not isinstance(private, X25519PrivateKey):
        raise RecoveryRefused("recovery_private_key_refused")
    return private


# --- the request ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RecoveryRequest:
    """``inburg-recovery-request/1``: which vault, and its recovery wrap."""

    vault_id: str
    wrap: RecoveryWrap

    def to_json(self) -> bytes:
        doc = {
            "format": REQUEST_FORMAT,
            "format_version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "recovery": self.wrap.as_json(),
        }
        return json.dumps(doc, indent=2).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes) -> RecoveryRequest:
        """Parse a request; anything malformed raises :class:`RecoveryRefused`."""
        try:
            doc = _document(data, REQUEST_FORMAT)
            return cls(_vault_id(doc.get("vault_id")), RecoveryWrap.from_json(doc["recovery"]))
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise RecoveryRefused() from exc


# --- the response --------------------------------------------------------------------------


def temporary_passphrase() -> str:
    """A one-time passphrase: five groups of five characters of
    :data:`TEMPORARY_ALPHABET` (124 random bits), e.g. ``"k3hq7-..."``."""
    groups = (
        "".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(TEMPORARY_GROUP_LENGTH))
        for _ in range(TEMPORARY_GROUPS)
    )
    return "-".join(groups)


def typed_temporary(passphrase: str) -> str:
    """The one-time passphrase as typed back (spaces, dashes and capitals do not count)."""
    return "".join(c for c in passphrase.lower() if c not in "- \t")


def _response_key(passphrase: str, salt: bytes) -> bytes:
    return Argon2id(
        salt=salt,
        length=VAULT_KEY_BYTES,
        iterations=RESPONSE_ITERATIONS,
        lanes=RESPONSE_LANES,
        memory_cost=RESPONSE_MEMORY_KIB,
    ).derive(typed_temporary(passphrase).encode("utf-8"))


def _response_ad(vault_id: str) -> bytes:
    return _canonical(
        {
            "format": RESPONSE_FORMAT,
            "format_version": FORMAT_VERSION,
            "vault_id": vault_id,
            "kdf": RESPONSE_KDF,
        }
    )


@dataclass(frozen=True)
class RecoveryResponse:
    """``inburg-recovery-response/1``: the vault key under a one-time passphrase."""

    vault_id: str
    salt: bytes
    nonce: bytes
    wrapped_key: bytes

    @classmethod
    def seal(cls, vault_id: str, vault_key: bytes | bytearray, passphrase: str) -> RecoveryResponse:
        salt = os.urandom(SALT_BYTES)
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(_response_key(passphrase, salt)).encrypt(
            nonce, bytes(vault_key), _response_ad(vault_id)
        )
        return cls(vault_id, salt, nonce, sealed)

    def open(self, passphrase: str) -> bytearray:
        """The vault key; raises :class:`RecoveryRefused`
        ``recovery_wrong_temporary_passphrase`` when ``passphrase`` does not open it."""
        try:
            return bytearray(
                AESGCM(_response_key(passphrase, self.salt)).decrypt(
                    self.nonce, self.wrapped_key, _response_ad(self.vault_id)
                )
            )
        except InvalidTag as exc:
            raise RecoveryRefused("recovery_wrong_temporary_passphrase") from exc

    def to_json(self) -> bytes:
        doc = {
            "format": RESPONSE_FORMAT,
            "format_version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "kdf": {**RESPONSE_KDF, "salt": b64_text(self.salt)},
            "cipher": "aes-256-gcm",
            "nonce": b64_text(self.nonce),
            "wrapped_key": b64_text(self.wrapped_key),
        }
        return json.dumps(doc, indent=2).encode() + b"\n"

    @classmethod
    def from_json(cls, data: bytes) -> RecoveryResponse:
        """Parse a response; anything malformed (other KDF parameters included) raises
        :class:`RecoveryRefused`."""
        try:
            doc = _document(data, RESPONSE_FORMAT)
            kdf = doc["kdf"]
            if not isinstance(kdf, dict) or doc.get("cipher") != "aes-256-gcm":
                raise ValueError("unsupported cipher")
            if {k: v for k, v in kdf.items() if k != "salt"} != RESPONSE_KDF:
                raise ValueError("unsupported kdf parameters")
            return cls(
                vault_id=_vault_id(doc.get("vault_id")),
                salt=b64_bytes(kdf.get("salt"), SALT_BYTES),
                nonce=b64_bytes(doc.get("nonce"), NONCE_BYTES),
                wrapped_key=b64_bytes(doc.get("wrapped_key"), VAULT_KEY_BYTES + TAG_BYTES),
            )
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise RecoveryRefused() from exc


# --- shared parsing ------------------------------------------------------------------------


def _document(data: bytes, expected: str) -> dict[str, Any]:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValueError("document too large")
    doc = json.loads(data)
    if not isinstance(doc, dict) or doc.get("format") != expected:
        raise ValueError("not this kind of document")
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version != FORMAT_VERSION:
        raise ValueError("unsupported version")
    return doc


def _vault_id(value: object) -> str:
    if not isinstance(value, str) or len(value) != 36 or str(uuid.UUID(value)) != value:
        raise ValueError("bad vault id")
    return value


def _canonical(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()


def b64_text(data: bytes) -> str:
    """``data`` as base64 text (how every key and wrap is written in JSON)."""
    return base64.b64encode(data).decode("ascii")


def b64_bytes(text: object, length: int) -> bytes:
    """The ``length`` bytes written as base64 ``text``; ``ValueError`` for anything else
    (not text, not base64, another length), checked before decoding a long string."""
    if not isinstance(text, str) or len(text) > 4 * length:
        raise ValueError("expected base64 text")
    try:
        data = base64.b64decode(text, validate=True)
    except binascii.Error as exc:
        raise ValueError("bad base64") from exc
    if len(data) != length:
        raise ValueError("wrong length")
    return data
