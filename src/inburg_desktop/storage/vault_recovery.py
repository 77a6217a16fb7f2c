"""The laptop's half of recovery through the office (docs/recovery.md).

1. :func:`recovery_request`: the vault's recovery wrap as an ``inburg-recovery-request/1``
   document; it reads ``PATH.key`` only, since the passphrase is what was forgotten.
2. The office opens the wrap with its offline private key and answers with the vault key
   under a one-time passphrase (``inburg-office recover``).
3. :func:`apply_response`: the one-time passphrase opens the answer, the key found must
   open *this* vault, and the key is at once wrapped under the consultant's new
   passphrase. The one-time passphrase never becomes the vault's passphrase, and the
   forgotten one opens nothing any more.
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
    passphrase ``temporary``, and wrap its key under ``new_passphrase`` (keeping the
    recovery wrap); returns the vault, open.

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
        vault.change_passphrase(new_passphrase, kdf)
    except BaseException:
        vault.lock()
        raise
    return vault
