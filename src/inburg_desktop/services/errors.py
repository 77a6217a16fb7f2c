"""The errors a use case can raise that a window or a command must tell apart.

``ui/`` and ``commands/`` never import ``storage/`` (DESIGN.md, Layout): the vault's
failures reach them through this module. Each class is the storage layer's own, so an
``except`` here catches exactly what the vault raised; what each means is documented in
``storage/errors.py`` (damaged versus unavailable must never be confused).
"""

from __future__ import annotations

from inburg_desktop.protocol.recovery import RecoveryRefused
from inburg_desktop.storage.changes import FieldRefused
from inburg_desktop.storage.diagnosis import from_os_error
from inburg_desktop.storage.errors import (
    DiskFull,
    KeyFileDamaged,
    NoPermission,
    NoSuchCase,
    NotARegularFile,
    OutputRefused,
    ReadOnlyMedium,
    StorageFault,
    VaultDamaged,
    VaultError,
    VaultExists,
    VaultInUse,
    VaultMissing,
    VaultUnavailable,
    WrongPassphrase,
)

__all__ = [
    "DiskFull",
    "FieldRefused",
    "KeyFileDamaged",
    "NoPermission",
    "NoSuchCase",
    "NotARegularFile",
    "OutputRefused",
    "ReadOnlyMedium",
    "RecoveryRefused",
    "StorageFault",
    "VaultDamaged",
    "VaultError",
    "VaultExists",
    "VaultInUse",
    "VaultMissing",
    "VaultUnavailable",
    "WrongPassphrase",
    "from_os_error",
]
