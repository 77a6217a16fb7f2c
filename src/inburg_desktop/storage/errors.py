"""Errors a vault can raise, each with a message in the user's words.

Two families matter to the user, and they must never be confused: :class:`VaultDamaged`
means the vault's own bytes failed a check (restore from a backup), while
:class:`VaultUnavailable` means the vault is fine but its surroundings stop us now (a full
disk, a read-only medium, a missing permission, another process holding it, a failing
disk): nothing is lost and the same action works once that is put right.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base of every vault error; ``str(err)`` is a sentence for the user."""

    backups_on_new_passphrase: tuple[str, ...] = ()
    """Set by a failed passphrase change: names of migration backups whose key file could
    not be put back, so they open with the new passphrase (``storage.vault``)."""


class VaultExists(VaultError):
    """A vault (or its key file) already exists where a new one was asked for."""


class VaultMissing(VaultError):
    """No vault at the given path."""


class WrongPassphrase(VaultError):
    """The passphrase does not open the vault's key file."""


class VaultDamaged(VaultError):
    """The vault or its key file is damaged, or is not a vault at all."""


class KeyFileDamaged(VaultDamaged):
    """``PATH.key`` is unreadable, malformed, out of bounds or fails its checksum."""


class NoSuchCase(VaultError):
    """A case id that the vault does not hold."""


class VaultUnavailable(VaultError):
    """The vault is intact but cannot be used right now; the cause lies outside it.

    Nothing was changed by the failed action; retrying after the cause is removed works.
    """


class DiskFull(VaultUnavailable):
    """The disk (or the user's quota) holding the vault has no room left."""


class ReadOnlyMedium(VaultUnavailable):
    """The vault lies on a medium mounted read-only (a locked USB stick, a CD, a share)."""


class NoPermission(VaultUnavailable):
    """The operating system refuses this user access to the vault or its folder."""


class VaultInUse(VaultUnavailable):
    """Another process holds the vault (a lock that did not clear in time)."""


class StorageFault(VaultUnavailable):
    """The disk reported an input/output error (a pulled USB stick, a failing disk)."""
