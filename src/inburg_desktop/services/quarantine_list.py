"""What sync set aside (the quarantine), as the consultant sees and exports it.

One record the office refused, or one the laptop could not apply, is set aside and never
blocks the rest (DESIGN.md, Sync protocol); the consultant hands the export to the office.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.sync_state import QuarantineEntry, enrollment, quarantine
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.sync.quarantine import export_quarantine

__all__ = ["QuarantineEntry", "QuarantineList", "export", "load"]


@dataclass(frozen=True)
class QuarantineList:
    """The entries, oldest first, and the names of the persons whose case is still on
    this laptop (by case id; a case purged since has none)."""

    entries: tuple[QuarantineEntry, ...]
    names: Mapping[str, str]


def load(vault: Vault) -> QuarantineList:
    """Every entry and the names it needs: two queries, whatever the number of entries."""
    with vault.session() as session:
        entries = tuple(quarantine(session))
        ids = {entry.case_id for entry in entries}
        names = {
            row.id: f"{row.given_names} {row.family_name}".strip()
            for row in session.scalars(select(CaseRow).where(CaseRow.id.in_(ids)))
        }
    return QuarantineList(entries, names)


def export(
    vault: Vault,
    path: Path,
    entries: tuple[QuarantineEntry, ...],
    label: Callable[[str], str],
) -> int:
    """Write ``entries`` to ``path`` (owner-only, atomic) with this laptop's device and
    consultant, fields named by ``label``; returns how many were written. ``OSError`` as
    the disk says (nothing is half-written)."""
    with vault.session() as session:
        enrolled = enrollment(session)
    export_quarantine(
        path,
        entries,
        device_id=enrolled.device_id if enrolled else None,
        consultant=enrolled.consultant if enrolled else None,
        label=label,
    )
    return len(entries)
