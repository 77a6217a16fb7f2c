"""The consultant's own side of a case's open conflicts, for the windows that show the case.

A sync that meets a field changed on both sides stores the office's value in the case and
keeps this laptop's value beside it as a conflict until the consultant chooses (DESIGN.md,
Sync protocol; ``services.conflicts``). A window open on the case must not then replace
what the consultant just typed with the other side's value (usability round 7 #13:
"Laptop B…" vanished from the notes): it keeps showing the consultant's own pending side,
marked as a conflict, until the choice is made.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.services.intake_progress import DISCUSSED
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.sync_state import DEVICE_KEYS, conflicts, get_setting

_DEVICE_SETTING = DEVICE_KEYS[1]  # "sync.device_id": this laptop's device


def own_sides(vault: Vault, case_id: str) -> dict[str, Any]:
    """Field key -> this laptop's value, for each open conflict of ``case_id`` whose
    laptop side is the consultant's own: typed on this laptop (a sync conflict of this
    device's push, or a stale screen's edit kept here, ``storage.stale_writes``). A side
    another device wrote is not "own" and is left out, as is a topic's ``_discussed``
    bookkeeping (closed by itself after a sync). Values are JSON values (``None``: the
    consultant emptied the field). One read; raises ``VaultError`` when the vault cannot
    be read."""
    with vault.session() as session:
        return own_sides_in(session, case_id)


def own_sides_in(session: Session, case_id: str) -> dict[str, Any]:
    """:func:`own_sides` in the caller's session (a use case that reads the case and its
    conflicts together, ``services.progress``)."""
    own_device = get_setting(session, _DEVICE_SETTING)
    found = conflicts(session, case_id)
    return {
        c.field_key: c.laptop_value
        for c in found
        if not c.field_key.endswith("." + DISCUSSED)
        and (c.local or c.device_id is None or c.device_id == own_device)
    }


def shown_values(stored: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """``stored`` (field key -> value, as the vault holds it) with ``own`` (from
    :func:`own_sides`) in place: what a window shows. An own side of ``None`` is an
    emptied field, left out like any empty field."""
    shown = dict(stored)
    for key, value in own.items():
        if value is None:
            shown.pop(key, None)
        else:
            shown[key] = value
    return shown
