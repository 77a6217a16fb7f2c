"""Applying one pulled case to the vault, so that a case the laptop cannot use never stops
the pull.

The office stores what any device pushed; a case there may lack its identity fields, carry
a key this laptop does not know (``person.shoe_size``) or a date it cannot read. Each case
is applied inside a savepoint of the page's transaction. When that fails, the unusable
fields are set aside in the quarantine and the rest of the case is applied; a case that
cannot be created at all (its identity is missing or unreadable) is set aside whole. Either
way the page goes on and its cursor is stored with it. When the office later sends usable
values, the entries they settle leave the quarantine again.

No field value reaches a log line or an exception text here: problems are kept as codes
and field keys.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inburg_desktop.protocol.messages import CaseState
from inburg_desktop.storage.changes import (
    REQUIRED_COLUMNS,
    PatchError,
    apply_patch,
    check_field,
    create_case,
)
from inburg_desktop.storage.sync_state import (
    Conflict,
    add_quarantine,
    clear_pull_quarantine,
    replace_conflicts,
)
from inburg_desktop.storage.tables import CaseRow, OutboxRow

log = logging.getLogger(__name__)

APPLY_ERRORS: tuple[type[Exception], ...] = (ValueError, TypeError, KeyError, IntegrityError)
"""What a case's content can make applying raise. Anything else (the disk, a lock) is not
about this case and still stops the sync."""


def pending_keys(session: Session, case_id: str) -> set[str]:
    """Fields of a case with an unsent local change (the office must not overwrite them)."""
    keys: set[str] = set()
    for (text,) in session.execute(select(OutboxRow.patch).where(OutboxRow.case_id == case_id)):
        try:
            patch = json.loads(text)
        except ValueError:
            continue
        if isinstance(patch, dict):
            keys.update(patch)
    return keys


def _write(session: Session, state: CaseState, patch: dict[str, Any]) -> None:
    if session.get(CaseRow, state.case_id) is None:
        create_case(session, state.case_id, patch, source="office", origin="remote")
    elif patch:
        apply_patch(session, state.case_id, patch, origin="remote")
    case = session.get(CaseRow, state.case_id)
    assert case is not None
    case.server_version = max(case.server_version, state.version)
    replace_conflicts(
        session,
        state.case_id,
        [
            Conflict(
                state.case_id,
                c.field_key,
                c.office_value,
                c.laptop_value,
                c.office_version,
                device_id=c.device_id,
            )
            for c in state.conflicts
        ],
        0,
    )


def _try(session: Session, state: CaseState, patch: dict[str, Any]) -> Exception | None:
    savepoint = session.begin_nested()
    try:
        _write(session, state, patch)
        session.flush()
    except APPLY_ERRORS as exc:
        savepoint.rollback()
        return exc
    savepoint.commit()
    return None


def _problem(key: str, value: Any) -> str | None:
    try:
        check_field(key, value)
    except PatchError as exc:
        return exc.code
    return None


def apply_case(session: Session, state: CaseState) -> int:
    """Apply a pulled case in the caller's transaction; returns how many quarantine entries
    it added (0 when everything applied)."""
    skip = pending_keys(session, state.case_id)
    patch = {key: f.value for key, f in state.fields.items() if key not in skip}
    new = session.get(CaseRow, state.case_id) is None
    failed = _try(session, state, patch)
    if failed is None:
        clear_pull_quarantine(session, state.case_id, patch)
        return 0
    problems = {key: code for key, value in patch.items() if (code := _problem(key, value))}
    good = {key: value for key, value in patch.items() if key not in problems}
    everything = {key: f.value for key, f in state.fields.items()}
    if new:
        missing = sorted(k for k in REQUIRED_COLUMNS if good.get(k) in (None, ""))
        if missing:
            add_quarantine(
                session,
                "pull",
                state.case_id,
                everything,
                "case_incomplete",
                detail={"missing": missing, "fields": problems},
            )
            log.warning(
                "pull: case %s set aside: %d identity fields missing or unreadable",
                state.case_id,
                len(missing),
            )
            return 1
    failed_again = _try(session, state, good) if problems else failed
    if failed_again is not None:
        add_quarantine(
            session,
            "pull",
            state.case_id,
            everything,
            "case_unusable",
            detail={"exception": type(failed_again).__name__, "fields": problems},
        )
        log.warning("pull: case %s set aside (%s)", state.case_id, type(failed_again).__name__)
        return 1
    for key, code in sorted(problems.items()):
        add_quarantine(
            session,
            "pull",
            state.case_id,
            {key: patch[key]},
            "field_unusable",
            field_keys=[key],
            detail={"fields": {key: code}},
        )
    clear_pull_quarantine(session, state.case_id, good)
    log.warning("pull: case %s applied without %d unusable fields", state.case_id, len(problems))
    return len(problems)
