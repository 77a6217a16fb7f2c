"""Ed25519 device keys and the request signature both sides compute the same way.

A signed request carries four headers; the signature covers the method, the path, the raw
query string, the SHA-256 of the body, the timestamp, the nonce and the device id, so no
part can be changed or the request replayed (the server keeps nonces for the window).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import time
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

HEADER_DEVICE = "x-inburg-device"
HEADER_TIMESTAMP = "x-inburg-timestamp"
HEADER_NONCE = "x-inburg-nonce"
HEADER_SIGNATURE = "x-inburg-signature"
SIGNED_HEADERS = (HEADER_DEVICE, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)
REQUEST_SCHEME = "inburg-request-v1"
ENROLL_SCHEME = "inburg-enroll-v1"
NONCE_BYTES = 24
MIN_NONCE_CHARS = 22
MAX_NONCE_CHARS = 64


def b64encode(data: bytes) -> str:
    """Base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    """Inverse of :func:`b64encode`; raises ``ValueError`` on anything else."""
    if not text or len(text) > 4096 or not text.isascii():
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64url") from exc


@dataclass(frozen=True)
class DeviceKey:
    """A device's key pair; the private half never leaves the laptop."""

    private_key: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> DeviceKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, raw: bytes) -> DeviceKey:
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    def private_bytes(self) -> bytes:
        """The raw 32-byte private key, for the vault to store (encrypted)."""
        return self.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    def public_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def public_key_b64(self) -> str:
        return b64encode(self.public_bytes())

    def sign(self, message: bytes) -> str:
        return b64encode(self.private_key.sign(message))


def load_public_key(public_key_b64: str) -> Ed25519PublicKey:
    """Parse a base64url raw Ed25519 public key; ``ValueError`` if it is not one."""
    raw = b64decode(public_key_b64)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def verify(public_key: Ed25519PublicKey, message: bytes, signature_b64: str) -> bool:
    try:
        signature = b64decode(signature_b64)
    except ValueError:
        return False
    if len(signature) != 64:
        return False
    try:
        public_key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def request_message(
    *,
    method: str,
    path: str,
    query: bytes | str,
    body_sha256: str,
    timestamp: str,
    nonce: str,
    device_id: str,
) -> bytes:
    """The exact bytes a request signature covers."""
    query_text = query.decode("latin-1") if isinstance(query, bytes) else query
    parts = (
        REQUEST_SCHEME,
        method.upper(),
        path,
        query_text,
        body_sha256,
        timestamp,
        nonce,
        device_id,
    )
    return "\n".join(parts).encode("utf-8")


def enroll_proof_message(code: str, public_key_b64: str) -> bytes:
    """What a new device signs to prove it holds the private key it enrolls."""
    return "\n".join((ENROLL_SCHEME, code, public_key_b64)).encode("utf-8")


def new_nonce() -> str:
    return b64encode(secrets.token_bytes(NONCE_BYTES))


def sign_request(
    key: DeviceKey,
    device_id: str,
    *,
    method: str,
    path: str,
    query: bytes | str,
    body: bytes,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The headers that authenticate one request."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    nonce = nonce or new_nonce()
    message = request_message(
        method=method,
        path=path,
        query=query,
        body_sha256=body_digest(body),
        timestamp=stamp,
        nonce=nonce,
        device_id=device_id,
    )
    return {
        HEADER_DEVICE: device_id,
        HEADER_TIMESTAMP: stamp,
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: key.sign(message),
    }
