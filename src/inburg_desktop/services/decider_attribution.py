"""Decisions taken before this laptop was enrolled, attributed to the office account.

Until a laptop is enrolled, a decision records this vault's own consultant id as its
decider (``consulent.id``, ``kluis-<uuid>``: ``services.consulent``): a fine decision's
``besluit.door.id`` and a PIP version's ``vastgesteld_door.consulent_id``. The office binds
a decision to the consultant of the laptop that pushes it (``field_rules.check_handhaving``),
so such a decision was refused for good at the first sync, and the laptop went on showing
it as taken while the office and every other laptop lacked it (attack round 7, finding 8).

The consultant who decided is the one who uses this vault, and the account the office
enrolled it for is that consultant's identity from now on. So at enrollment, in the
transaction that stores the enrollment, every decision still waiting in the outbox whose
decider id is this vault's own id is re-attributed to the account: the outbox entry is
rewritten (it was never sent: nothing is sent before an enrollment) and the vault's value
with it, so the laptop shows what the office will hold.

The printed name is history and is never renamed (attack round 8, finding 12: "sanne de
vries" enrolled, and every decision printed "Sanne de Vries" became "sanne de vries"; a
decision taken as "Piet Jansen" became Sanne's). A decision printed with the account's
name in another form (case, spacing, how an accent was typed: ``safe_text.name_key``, the
office's own comparison, ``protocol.decider``) takes the account's id and keeps its
printed name, which the office accepts. A decision printed with another name is left as
it is and named in the result (:class:`Reattribution`), for the enrollment to tell: the
office will refuse it, and the consultant decides it again under the office's name.
Decisions already held by an office, or naming another decider id, are never touched.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain import handhaving
from inburg_desktop.domain.pip_fields import version_number
from inburg_desktop.domain.safe_text import name_key
from inburg_desktop.services.consulent import ID_SETTING
from inburg_desktop.storage.changes import dumps
from inburg_desktop.storage.sync_state import get_setting
from inburg_desktop.storage.tables import FieldRow, OutboxRow

log = logging.getLogger(__name__)

OWN_ID_PREFIX = "kluis-"


@dataclass(frozen=True)
class Reattribution:
    """What an enrollment did to the decisions waiting in the outbox: ``count`` taken over
    by the account (id only; the printed name kept), and ``other_names``: the printed
    names, sorted, of those left as they were because they name another person than the
    account (``safe_text.name_key`` differs)."""

    count: int = 0
    other_names: tuple[str, ...] = ()


def _door(key: str, value: Any) -> tuple[str, str] | None:
    """Where ``value`` of field ``key`` names its decider: (the object's key, its id key),
    or ``None`` when it is no decision."""
    if not isinstance(value, dict):
        return None
    match = handhaving.KEY.fullmatch(key)
    if match is not None and match.group(2) == "besluit":
        return "door", "id"
    if version_number(key) is not None:
        return "vastgesteld_door", "consulent_id"
    return None


def reattribute_pending_decisions(session: Session, account: str) -> Reattribution:
    """In the caller's transaction (the one storing the enrollment): give every decision
    in the outbox whose decider id is this vault's own id (``consulent.id``) the id
    ``account`` (the office account, NFC) when its printed name is the account's name in
    any form (``safe_text.name_key``), in the outbox entry and in the vault's value of the
    field when it still is that decision; the printed name is kept. Returns the
    :class:`Reattribution` (nothing when this vault never made its own id). Raises
    nothing of its own; an outbox entry that is no JSON object is left for
    ``sync.outbox`` to set aside."""
    own = get_setting(session, ID_SETTING)
    if not isinstance(own, str) or not own.startswith(OWN_ID_PREFIX) or own == account:
        return Reattribution()
    count = 0
    others: set[str] = set()
    for row in session.scalars(select(OutboxRow).order_by(OutboxRow.op_id)):
        try:
            patch = json.loads(row.patch)
        except ValueError:
            continue
        if not isinstance(patch, dict):
            continue
        changed = False
        for key, value in list(patch.items()):
            where = _door(str(key), value)
            door = None if where is None else value.get(where[0])
            if where is None or not isinstance(door, dict) or door.get(where[1]) != own:
                continue
            naam = door.get("naam")
            if not isinstance(naam, str) or name_key(naam) != name_key(account):
                others.add(naam if isinstance(naam, str) else "")
                continue
            new = {**value, where[0]: {**door, where[1]: account}}
            patch[key] = new
            changed = True
            count += 1
            held = session.get(FieldRow, (row.case_id, key))
            if held is not None and json.loads(held.value) == value:
                held.value = dumps(new)
        if changed:
            row.patch = dumps(patch)
    if count or others:
        # counts only: the names are personal data
        log.info(
            "enrollment: %d decisions taken before it attributed to the account, %d left "
            "under another name",
            count,
            len(others),
        )
    return Reattribution(count, tuple(sorted(others)))
