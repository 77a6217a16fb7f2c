"""What sync set aside (the quarantine), as the consultant sees and exports it.

One record the office refused, or one the laptop could not apply, is set aside and never
blocks the rest (DESIGN.md, Sync protocol); the consultant hands the export to the office.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.sync_state import (
    QuarantineEntry,
    add_quarantine,
    enrollment,
    quarantine,
)
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.sync.caseload_exit import CASE_LABEL, LEFT_CASELOAD
from inburg_desktop.sync.quarantine import export_quarantine

__all__ = [
    "QuarantineEntry",
    "QuarantineList",
    "case_present",
    "export",
    "load",
    "set_aside_unsaved",
]

log = logging.getLogger(__name__)

UNSAVED_WINDOW = "unsaved_window"
"""``detail["what"]`` of edits typed in a window whose case had left this laptop."""


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


def case_present(vault: Vault, case_id: str) -> bool:
    """Whether ``case_id`` is (still) on this laptop: a sync may have taken it off the
    caseload (``sync.caseload_exit``). One query."""
    with vault.session() as session:
        return session.get(CaseRow, case_id) is not None


def set_aside_unsaved(vault: Vault, case_id: str, label: str, patch: Mapping[str, Any]) -> int:
    """Keep the edits a window could not save because its case left this laptop, in the
    quarantine with the work ``sync.caseload_exit`` kept for it ("Apart gezet": the
    consultant sees, exports and sends them there). ``label``: the case as the window
    showed it (name and V-number; kept inside the vault only). Returns how many fields
    were set aside; nothing is written for an empty ``patch``. A ``VaultError`` when the
    vault cannot be written now."""
    if not patch:
        return 0
    with vault.transaction() as session:
        add_quarantine(
            session,
            "push",
            case_id,
            dict(patch),
            LEFT_CASELOAD,
            field_keys=list(patch),
            detail={"what": UNSAVED_WINDOW, CASE_LABEL: label},
        )
    log.warning("edits of a window whose case left this laptop set aside: %d fields", len(patch))
    return len(patch)
