"""The one place that creates, unlocks and locks a vault for the GUI and the CLI.

``ui/`` and ``commands/`` never import ``storage/``: they get a :data:`Vault` handle from
:func:`create` or :func:`unlock`, hand it to the use cases in ``services/`` (each opens
and commits its own transaction on it) and give it back with :func:`lock`. The handle is
opaque to them: only services open sessions on it.

Errors are the vault's own (``services.errors``): :class:`WrongPassphrase`, a damaged
vault or key file, or a vault that is fine but unavailable now (full disk, read-only
medium, permission, another process).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from inburg_desktop.protocol.recovery import MAX_DOCUMENT_BYTES as MAX_RECOVERY_DOCUMENT_BYTES
from inburg_desktop.protocol.recovery import read_public_key, shown_key_id
from inburg_desktop.storage import vault_recovery
from inburg_desktop.storage.errors import DiskFull, ReadOnlyMedium, WrongPassphrase
from inburg_desktop.storage.keyfile import TEST_KDF, KdfParams, normalise
from inburg_desktop.storage.vault import (
    CheckReport,
    OpenVault,
    PassphraseChange,
    Rotation,
    create_vault,
    default_vault_path,
    medium_is_read_only,
    open_read_only,
    unlock_vault,
)

__all__ = [
    "MAX_RECOVERY_DOCUMENT_BYTES",
    "TEST_KDF",
    "CheckReport",
    "KdfParams",
    "PassphraseChange",
    "RecoveryState",
    "Rotation",
    "Vault",
    "VaultCheck",
    "WrongPassphrase",
    "add_recovery",
    "check",
    "create",
    "default_vault_path",
    "lock",
    "normalise",
    "on_write",
    "recover",
    "recovery_request",
    "recovery_state",
    "rewrap_key",
    "rotate_key",
    "unlock",
    "unlock_for_reading",
    "verify_passphrase",
]

Vault: TypeAlias = OpenVault
"""An unlocked vault, as ``ui/`` and ``commands/`` hold it: passed to use cases, never
opened by them. ``vault.locked`` says whether it was locked meanwhile."""


def create(path: Path, passphrase: str, kdf: KdfParams | None = None) -> Vault:
    """A new, empty, migrated vault at ``path`` (and ``PATH.key``); never overwrites.

    Raises :class:`~inburg_desktop.services.errors.VaultExists` when either file exists,
    and a ``VaultUnavailable`` kind when the disk refuses (nothing is left behind).
    ``kdf``: Argon2id parameters; the default is the production cost (DESIGN.md).
    """
    return _keeping_summaries(create_vault(path, passphrase, kdf))


def unlock(path: Path, passphrase: str) -> Vault:
    """Derive the key, open and (after a backup) migrate the vault at ``path``.

    Raises :class:`WrongPassphrase`, ``VaultMissing``, ``VaultDamaged`` or a
    ``VaultUnavailable`` kind; the vault is unchanged by a failed unlock. From then on,
    each write computes the case summaries it changes (``services.case_summary``).
    """
    return _keeping_summaries(unlock_vault(path, passphrase))


def unlock_for_reading(path: Path, passphrase: str) -> Vault:
    """:func:`unlock` for a use that only reads (``inburg case list``, ``case show``):
    on a medium mounted read-only the vault opens read-only and works, where
    :func:`unlock` refuses with ``ReadOnlyMedium`` (attack round 3); anywhere else it is
    :func:`unlock`. A write on a vault opened read-only raises ``ReadOnlyMedium``.

    On a full disk (or full quota) :func:`unlock` cannot even start (SQLite's shared
    memory file cannot be made): then the vault opens read-only the same way, so reading
    works there too (attack round 4); a write on it raises ``DiskFull``.

    Raises what :func:`unlock` raises, and ``ReadOnlyMedium`` when the vault on a
    read-only medium must be written before it can be read (an interrupted key rotation,
    an older schema); on a full disk that case stays the ``DiskFull`` it is."""
    if medium_is_read_only(path):
        return open_read_only(path, passphrase)
    try:
        return unlock(path, passphrase)
    except DiskFull as full:
        try:
            return open_read_only(path, passphrase)
        except ReadOnlyMedium:
            raise full from None


def _keeping_summaries(vault: Vault) -> Vault:
    """``vault``, whose every transaction computes the case summaries it changes before it
    commits (``services.case_summary.keep_summaries``)."""
    from inburg_desktop.services.case_summary import keep_summaries  # the rules: not at start

    keep_summaries(vault)
    return vault


def on_write(vault: Vault, listener: Callable[[], None]) -> Callable[[], None]:
    """Call ``listener()`` after every committed transaction that wrote to ``vault``, by
    any use case (an intake autosave, a dialog, the PIP editor, an import, a sync), on
    the committing thread; returns the function that stops it. Read-only sessions never
    call it."""
    return vault.writes.add(listener)


def lock(vault: Vault) -> None:
    """Write the views still queued for the audit trail, then close every connection and
    wipe the key from memory (idempotent)."""
    from inburg_desktop.services.audit_trail import close_views  # it imports this module

    close_views(vault)
    vault.lock()


@dataclass(frozen=True)
class VaultCheck:
    """``vault check``: the integrity report, and the migration backups removed because
    the vault proved in order (none when it did not)."""

    report: CheckReport
    retired_backups: tuple[Path, ...]


def check(vault: Vault) -> VaultCheck:
    """SQLCipher page HMACs, SQLite's integrity check and the schema revision; when all is
    well, the copies made before migrations are removed (they are no longer needed)."""
    report = vault.check()
    # On a read-only medium nothing can be retired: the check itself only reads.
    retired = vault.retire_migration_backups() if report.ok and not vault.read_only else ()
    return VaultCheck(report, retired)


def verify_passphrase(vault: Vault, passphrase: str) -> None:
    """:class:`WrongPassphrase` unless ``passphrase`` opens this vault (asked again before
    a change, so an unattended unlocked laptop is not enough to change it)."""
    vault.verify_passphrase(passphrase)


def rewrap_key(vault: Vault, new_passphrase: str, kdf: KdfParams | None = None) -> PassphraseChange:
    """Change the passphrase: the same vault key wrapped anew (seconds; the vault file is
    not touched). Copies of the vault elsewhere still open with the old passphrase."""
    return vault.change_passphrase(new_passphrase, kdf)


def rotate_key(vault: Vault, new_passphrase: str, kdf: KdfParams | None = None) -> Rotation:
    """After a suspected compromise: re-encrypt the vault under a new key wrapped under
    ``new_passphrase``; refused (``VaultDamaged``, nothing changed) when the vault is not
    in order first."""
    return vault.rotate_key(new_passphrase, kdf)


@dataclass(frozen=True)
class RecoveryState:
    """Whether the office can recover this vault should its passphrase be forgotten
    (DESIGN.md, "Key management"): ``key_id`` is the office recovery key's id, grouped
    for reading (``"3f2a 91c0 …"``), or ``None`` when there is no recovery (the laptop
    is not enrolled, or enrolled with an office without a recovery key)."""

    key_id: str | None

    @property
    def possible(self) -> bool:
        return self.key_id is not None


NO_RECOVERY = RecoveryState(None)
"""A new vault's state: recovery needs an enrollment with the office first."""


def recovery_state(vault: Vault) -> RecoveryState:
    """The recovery state of the open ``vault`` (its recovery wrap, checked with the key)."""
    identifier = vault.recovery_key_id()
    return RecoveryState(None if identifier is None else shown_key_id(identifier))


def add_recovery(vault: Vault, public_key: str) -> RecoveryState:
    """Wrap ``vault``'s key to the office's recovery ``public_key`` (base64, as the
    enrollment answer gives it); the passphrase does not change.

    Raises :class:`~inburg_desktop.services.errors.RecoveryRefused` for a key that is not
    one, and a ``VaultError`` kind when the key file cannot be written (then the key
    file is as it was)."""
    vault.add_recovery(read_public_key(public_key))
    return recovery_state(vault)


def recovery_request(path: Path) -> bytes:
    """The ``inburg-recovery-request/1`` document of the vault at ``path``, for the
    office (``storage.vault_recovery``); needs no passphrase. Raises ``RecoveryRefused``
    ``recovery_not_enrolled`` when the vault has no recovery wrap."""
    return vault_recovery.recovery_request(path)


def recover(
    path: Path,
    response: bytes,
    temporary: str,
    new_passphrase: str,
    kdf: KdfParams | None = None,
) -> Vault:
    """Open the vault at ``path`` with the office's recovery ``response`` and its
    one-time passphrase ``temporary``, and set ``new_passphrase`` at once: from then on
    only ``new_passphrase`` opens it. Raises ``RecoveryRefused`` (a damaged response, one
    for another vault, a wrong one-time passphrase) with the vault unchanged."""
    return _keeping_summaries(
        vault_recovery.apply_response(path, response, temporary, new_passphrase, kdf)
    )
