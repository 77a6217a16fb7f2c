"""Errors a vault can raise, each with a message in the user's words."""

from __future__ import annotations


class VaultError(Exception):
    """Base of every vault error; ``str(err)`` is a sentence for the user."""


class VaultExists(VaultError):
    """A vault (or its key file) already exists where a new one was asked for."""


class VaultMissing(VaultError):
    """No vault at the given path."""


class WrongPassphrase(VaultError):
    """The passphrase does not open the vault's key file."""


class VaultDamaged(VaultError):
    """The vault or its key file is damaged, or is not a vault at all."""


class NoSuchCase(VaultError):
    """A case id that the vault does not hold."""
