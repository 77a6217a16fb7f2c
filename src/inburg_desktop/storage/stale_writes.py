"""Writes from a screen that may be older than the vault: never overwrite silently.

A window holds a snapshot of a case (the intake, Dossiergegevens, ...). While it is open,
a sync or a conflict resolution can change the case underneath. Each write from such a
window carries, per field, the value the editor started from (``started``). Here, in the
write's transaction, that value is compared with what the vault holds now:

- the same (or the vault already holds the new value): the edit is written as usual;
- different: the vault's value stays and the edit is kept beside it as a conflict on this
  laptop (``LOCAL_CONFLICT`` as its op id), listed with the sync conflicts for the
  consultant to resolve; nothing is overwritten (README: a field changed since the
  screen's version is "kept twice as a conflict, never overwritten").

The office's own conflict list (which a pull or push answer replaces per case) never
drops a conflict kept here (``storage.sync_state.replace_conflicts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.storage.changes import (
    FieldMeta,
    apply_patch,
    case_patch,
    dumps,
    field_values,
    now,
)
from inburg_desktop.storage.errors import NoSuchCase
from inburg_desktop.storage.tables import CaseRow, ConflictRow

LOCAL_CONFLICT = -1
"""``ConflictRow.op_id`` of a conflict kept on this laptop (a stale screen's edit)."""


def current_values(session: Session, case_id: str) -> dict[str, Any]:
    """Every field of the case as the vault holds it now (identity columns included;
    absent or ``None`` both mean empty)."""
    row = session.get(CaseRow, case_id)
    if row is None:
        raise NoSuchCase(f"Dossier {case_id} bestaat niet.")
    return {**case_patch(row), **field_values(session, case_id)}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def same(a: Any, b: Any) -> bool:
    """Whether two field values are equal as stored (JSON; empty forms all alike)."""
    if _empty(a) and _empty(b):
        return True
    return dumps(a) == dumps(b)


def guard_patch(
    session: Session,
    case_id: str,
    patch: Mapping[str, Any],
    started: Mapping[str, Any],
) -> tuple[dict[str, Any], list[str]]:
    """Split ``patch`` into what may be written and the keys kept as conflicts.

    ``started``: per key, the value the editor showed when the consultant began to change
    it; keys not in ``started`` are written without a check (a new record). A kept edit
    becomes (or updates) a local conflict row in the caller's transaction. Returns
    ``(patch to write, conflicted keys)``; raises :class:`NoSuchCase`.
    """
    if not any(key in started for key in patch):
        return dict(patch), []
    now_held = current_values(session, case_id)
    row = session.get(CaseRow, case_id)
    assert row is not None
    write: dict[str, Any] = {}
    kept: list[str] = []
    for key, value in patch.items():
        held = now_held.get(key)
        if key not in started or same(held, started[key]) or same(held, value):
            write[key] = value
            continue
        kept.append(key)
        conflict = session.get(ConflictRow, (case_id, key))
        if conflict is None:
            session.add(
                ConflictRow(
                    case_id=case_id,
                    field_key=key,
                    office_value=dumps(held),
                    office_version=row.server_version,
                    laptop_value=dumps(value),
                    op_id=LOCAL_CONFLICT,
                    created_at=now(),
                    # What the screen showed: the one value both sides started from.
                    base_value=dumps(started[key]),
                )
            )
        else:
            # Typing on goes on updating what this screen would have written.
            conflict.laptop_value = dumps(value)
    return write, kept


def apply_screen_edit(
    session: Session,
    case_id: str,
    patch: Mapping[str, Any],
    meta: Mapping[str, FieldMeta] | None = None,
    *,
    started: Mapping[str, Any],
    seen_version: int | None = None,
) -> list[str]:
    """Write an edit made on a screen, in the caller's transaction: the fields whose
    vault value is still what the screen started from are written (outbox included, see
    ``changes.apply_patch``), the others are kept as local conflicts. Returns the kept
    keys (empty when everything was written)."""
    write, kept = guard_patch(session, case_id, patch, started)
    if write:
        apply_patch(
            session,
            case_id,
            write,
            meta={k: v for k, v in (meta or {}).items() if k in write},
            seen_version=seen_version,
        )
    return kept
