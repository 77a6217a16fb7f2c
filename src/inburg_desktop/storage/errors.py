"""Errors a vault can raise, each a :class:`~inburg_desktop.domain.problem.Problem` code.

The sentence the user reads is looked up from the code at the edge
(``inburg_desktop.messages``), in the UI's language; ``params`` name the place (a folder,
a file name) where that helps.

Two families matter to the user, and they must never be confused: :class:`VaultDamaged`
means the vault's own bytes failed a check (restore from a backup), while
:class:`VaultUnavailable` means the vault is fine but its surroundings stop us now (a full
disk, a read-only medium, a missing permission, another process holding it, a failing
disk): nothing is lost and the same action works once that is put right.
"""

from __future__ import annotations

from inburg_desktop.domain.problem import Problem


class VaultError(Problem):
    """Base of every vault error; ``code`` and ``params`` say what, never a sentence."""

    default_code = "vault_error"

    passphrase_unchanged: bool = False
    """Set by a failed passphrase change: the vault still opens with the old passphrase."""

    backups_on_new_passphrase: tuple[str, ...] = ()
    """Set by a failed passphrase change: names of migration backups whose key file could
    not be put back, so they open with the new passphrase (``storage.vault``)."""


class VaultExists(VaultError):
    """A vault (or its key file) already exists where a new one was asked for (``path``)."""

    default_code = "vault_exists"


class VaultMissing(VaultError):
    """No vault at the given ``path``."""

    default_code = "vault_missing"


class WrongPassphrase(VaultError):
    """The passphrase does not open the vault's key file."""

    default_code = "wrong_passphrase"


class VaultDamaged(VaultError):
    """The vault or its key file is damaged, or is not a vault at all."""

    default_code = "vault_damaged"


class KeyFileDamaged(VaultDamaged):
    """``PATH.key`` is unreadable, malformed, out of bounds or fails its checksum (``name``)."""

    default_code = "key_file_damaged"


class NoSuchCase(VaultError):
    """A case id (``case_id``) that the vault does not hold."""

    default_code = "no_such_case"


class VaultUnavailable(VaultError):
    """The vault is intact but cannot be used right now; the cause lies outside it.

    Nothing was changed by the failed action; retrying after the cause is removed works.
    """

    default_code = "vault_unavailable"


class DiskFull(VaultUnavailable):
    """The disk (or the user's quota) holding the vault has no room left."""

    default_code = "disk_full"


class ReadOnlyMedium(VaultUnavailable):
    """The vault lies on a medium mounted read-only (a locked USB stick, a CD, a share)."""

    default_code = "read_only"


class NoPermission(VaultUnavailable):
    """The operating system refuses this user access to the vault or its folder."""

    default_code = "no_permission"


class VaultInUse(VaultUnavailable):
    """Another process holds the vault (a lock that did not clear in time)."""

    default_code = "vault_in_use"


class StorageFault(VaultUnavailable):
    """The disk reported an input/output error (a pulled USB stick, a failing disk)."""

    default_code = "storage_fault"


class OutputRefused(Problem):
    """A file the user named (an export, ``--out``) cannot be written under that name:
    its folder does not exist, or the name is not a file that can be replaced. The name
    itself is the fault, not the disk; ``path`` (or ``folder``) says which. Nothing was
    written."""

    default_code = "output_failed"


class NotARegularFile(OutputRefused):
    """The name given for a file to write is taken by something that is not a regular
    file: a folder, a device (``/dev/full``), a FIFO, a socket, or a symlink to one
    (``path``). Replacing it would destroy what is there, so nothing is written."""

    default_code = "not_a_regular_file"


class CaseClosed(Problem):
    """A local edit of a closed case (its end of the plicht recorded by the office,
    ``domain.case_closure``): refused, nothing written. ``reasons`` holds the close's
    :class:`~inburg_desktop.domain.text.Reason` (the day and why), appended by the edge."""

    default_code = "dossier_afgesloten"

    def __init__(self, reasons: tuple[object, ...] = ()) -> None:
        super().__init__()
        self.reasons = reasons
