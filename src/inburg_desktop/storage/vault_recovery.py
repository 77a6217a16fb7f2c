"""The laptop's half of recovery through the office (docs/recovery.md).

1. :func:`recovery_request`: the vault's recovery wrap as an ``inburg-recovery-request/1``
   document; it reads ``PATH.key`` only, since the passphrase is what was forgotten.
2. The office opens the wrap with its offline private key and answers with the vault key
   under a one-time passphrase (``inburg-office recover``).
3. :func:`apply_response`: the one-time passphrase opens the answer, the key found must
   open *this* vault, and the vault is at once rotated to a new key wrapped under the
   consultant's new passphrase and to the same office key. The one-time passphrase never
   becomes the vault's passphrase, and neither the answer nor the forgotten passphrase
   (with an old copy of the key file) opens the vault any more.
"""

from __future__ import annotations

from pathlib import Path

from inburg_desktop.protocol.recovery import RecoveryRefused, RecoveryRequest, RecoveryResponse
from inburg_desktop.storage import keyfile, rotation
from inburg_desktop.storage.errors import VaultDamaged
from inburg_desktop.storage.keyfile import KdfParams
from inburg_desktop.storage.secret import SecretKey
from inburg_desktop.storage.vault import OpenVault, check_vault_file, open_with_key


def recovery_request(path: Path) -> bytes:
    """The ``inburg-recovery-request/1`` document of the vault at ``path``.

    Raises :class:`RecoveryRefused` ``recovery_not_enrolled`` when its key file holds no
    recovery wrap, and what reading the key file raises (``KeyFileDamaged`` ...)."""
    check_vault_file(path)
    key_file = keyfile.read_key_file(path)
    if key_file.recovery is None:
        raise RecoveryRefused("recovery_not_enrolled")
    return RecoveryRequest(key_file.vault_id, key_file.recovery.wrap).to_json()


def apply_response(
    path: Path,
    response: bytes,
    temporary: str,
    new_passphrase: str,
    kdf: KdfParams | None = None,
) -> OpenVault:
    """Open the vault at ``path`` with the office's ``response`` and the one-time
    passphrase ``temporary``, then re-encrypt it under a new key wrapped under
    ``new_passphrase`` and to the same office recovery key (``OpenVault.rotate_key``);
    returns the vault, open. Afterwards the response with its one-time passphrase, and
    any copy of the old key file with the forgotten passphrase, open nothing; migration
    backups under the old key are removed.

    Raises :class:`RecoveryRefused`: ``recovery_document_damaged``,
    ``recovery_other_vault`` (made for another vault, or its key does not open this one),
    ``recovery_wrong_temporary_passphrase``; and what opening the vault raises. On any
    failure the vault and its key file are as they were.
    """
    check_vault_file(path)
    rotation.recover(path)
    key_file = keyfile.read_key_file(path)
    answer = RecoveryResponse.from_json(response)
    if answer.vault_id != key_file.vault_id:
        raise RecoveryRefused("recovery_other_vault")
    key = SecretKey(answer.open(temporary))
    try:
        vault = open_with_key(path, key_file, key)
    except VaultDamaged as exc:
        # the vault opened with its passphrase before: the key is not this vault's
        raise RecoveryRefused("recovery_other_vault") from exc
    try:
        # A new key, not only a new wrap of the old one: the old key is known to whoever
        # holds the response and the one-time passphrase, or a copy of the key file and
        # the forgotten passphrase; after the rotation neither opens the vault (attack
        # round 9, finding 10). The new key is wrapped to the same office recovery key.
        vault.rotate_key(new_passphrase, kdf)
    except BaseException:
        vault.lock()
        raise
    return vault
