"""Sync conflicts as the consultant resolves them: list them with the person's name, and
keep the chosen (or merged) value.

A conflict is a field that the office and this laptop both changed since their common
version (DESIGN.md, Sync protocol): both values are kept until the consultant picks one;
the choice syncs back as a resolution. Nothing is overwritten silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.stale_writes import LOCAL_CONFLICT
from inburg_desktop.storage.sync_state import resolve_conflict
from inburg_desktop.storage.tables import CaseRow, ConflictRow


@dataclass(frozen=True)
class ConflictItem:
    """One open conflict: the case and the person it concerns, the field, both values
    (as JSON values) and the office version the office value belongs to."""

    case_id: str
    person_name: str
    field_key: str
    office_value: Any
    laptop_value: Any
    office_version: int
    local: bool = False
    """Kept on this laptop (a stale screen's edit, ``storage.stale_writes``):
    ``office_value`` is then what the case held when the edit came, not necessarily the
    office's value."""


def list_conflicts(vault: Vault) -> tuple[ConflictItem, ...]:
    """Every open conflict, by case and field, with the person's name: one query (the
    list must not read each case: a caseload after a long offline spell has many)."""
    stmt = (
        select(
            ConflictRow.case_id,
            ConflictRow.field_key,
            ConflictRow.office_value,
            ConflictRow.laptop_value,
            ConflictRow.office_version,
            ConflictRow.op_id,
            CaseRow.given_names,
            CaseRow.family_name,
        )
        .join(CaseRow, CaseRow.id == ConflictRow.case_id)
        .order_by(ConflictRow.case_id, ConflictRow.field_key)
    )
    with vault.session() as session:
        rows = session.execute(stmt).all()
    return tuple(
        ConflictItem(
            case_id,
            f"{given} {family}".strip(),
            key,
            json.loads(office),
            json.loads(laptop),
            version,
            local=op_id == LOCAL_CONFLICT,
        )
        for case_id, key, office, laptop, version, op_id, given, family in rows
    )


def resolve(vault: Vault, case_id: str, field_key: str, chosen: Any) -> None:
    """Keep ``chosen`` as the field's value and close the conflict, in one transaction
    (the outbox entry that sends the resolution included).

    Raises ``FieldRefused`` when the value cannot be sent to the office (two long texts
    merged can pass what one value may hold), a ``VaultError`` when the vault cannot be
    written now (a full disk, another program holding it); nothing is written then.
    """
    with vault.transaction() as session:
        resolve_conflict(session, case_id, field_key, chosen)
