"""The office's half of vault recovery (docs/recovery.md).

- :func:`new_recovery_key`: a fresh X25519 key pair; the private key goes, encrypted
  under the administrator's passphrase (PKCS#8), only into the file the administrator
  names (meant for offline media) and is made there without ever existing in the clear
  on disk; the public key goes into ``recovery_keys``.
- :func:`current_public_key`: the newest public key, handed to laptops at enrollment.
- :func:`recover`: opens a laptop's ``inburg-recovery-request/1`` with the private key,
  in memory, and seals the vault key under a fresh one-time passphrase. It needs no
  database, so it can run on a computer that is not the server.

Nothing here logs a key, a passphrase or a vault id's wrap.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from inburg_desktop.protocol.recovery import (
    RecoveryRequest,
    RecoveryResponse,
    key_id,
    load_private_key,
    new_key_pair,
    private_key_pem,
    public_key_text,
    temporary_passphrase,
    unwrap_with,
)
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import RecoveryKey


def current_public_key(db: Database) -> str | None:
    """The newest recovery public key (base64 of 32 bytes), or ``None`` when the office
    has none (then enrolled laptops have no recovery, and say so)."""
    with db.read() as session:
        row = session.scalars(
            select(RecoveryKey).order_by(RecoveryKey.created_at.desc()).limit(1)
        ).first()
        return None if row is None else row.public_key


def write_new_file(path: Path, data: bytes) -> None:
    """Create ``path`` owner-only with ``data``; an existing file is never overwritten
    (``FileExistsError``): a recovery private key is not replaced by accident."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            fd = -1
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        if fd != -1:
            os.close(fd)
        path.unlink(missing_ok=True)
        raise


def new_recovery_key(db: Database, out_private: Path, passphrase: bytes) -> str:
    """Make a recovery key pair: the private key, encrypted under ``passphrase``, into
    the new file ``out_private`` (``FileExistsError`` if it exists; nothing is stored
    then), the public key into the office database. Returns the key id."""
    private, public = new_key_pair()
    write_new_file(out_private, private_key_pem(private, passphrase))
    identifier = key_id(public)
    try:
        with db.write() as session:
            session.add(
                RecoveryKey(
                    key_id=identifier, public_key=public_key_text(public), created_at=utcnow()
                )
            )
    except BaseException:
        out_private.unlink(missing_ok=True)  # a key the office does not know is no key
        raise
    return identifier


@dataclass(frozen=True)
class Recovered:
    """What :func:`recover` made: the response document and its one-time passphrase
    (printed once, given by another channel than the document)."""

    vault_id: str
    response: bytes
    temporary: str


def recover(request: bytes, private_pem: bytes, passphrase: bytes) -> Recovered:
    """Open ``request`` with the private key in ``private_pem`` (encrypted under
    ``passphrase``) and seal its vault key under a fresh one-time passphrase.

    Raises :class:`~inburg_desktop.protocol.recovery.RecoveryRefused`: the request is
    damaged, wrapped to another recovery key, or does not open; the private key file is
    not one or its passphrase is wrong."""
    parsed = RecoveryRequest.from_json(request)
    private = load_private_key(private_pem, passphrase)
    vault_key = unwrap_with(parsed.wrap, private, parsed.vault_id)
    try:
        temporary = temporary_passphrase()
        response = RecoveryResponse.seal(parsed.vault_id, vault_key, temporary)
    finally:
        vault_key[:] = bytes(len(vault_key))
    return Recovered(parsed.vault_id, response.to_json(), temporary)
