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
with it, so the laptop shows what the office will hold. The printed name becomes the
account's too: the office binds a decision's printed decider to the pushing consultant's
office name as well (``protocol.decider``; attack round 7, finding 4), and a decision
from now on is taken under that name (``services.consulent.besluitnemer``). The moment and
everything else of the decision stay as they were. Decisions already held by an office,
or naming anyone else, are never touched.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain import handhaving
from inburg_desktop.domain.pip_fields import version_number
from inburg_desktop.services.consulent import ID_SETTING
from inburg_desktop.storage.changes import dumps
from inburg_desktop.storage.sync_state import get_setting
from inburg_desktop.storage.tables import FieldRow, OutboxRow

log = logging.getLogger(__name__)

OWN_ID_PREFIX = "kluis-"


def _reattributed(key: str, value: Any, own: str, account: str) -> Any | None:
    """``value`` of field ``key`` with ``own`` as decider replaced by ``account``, or
    ``None`` when it is no decision of ``own``."""
    if not isinstance(value, dict):
        return None
    match = handhaving.KEY.fullmatch(key)
    if match is not None and match.group(2) == "besluit":
        door = value.get("door")
        if isinstance(door, dict) and door.get("id") == own:
            return {**value, "door": {**door, "id": account, "naam": account}}
        return None
    if version_number(key) is not None:
        door = value.get("vastgesteld_door")
        if isinstance(door, dict) and door.get("consulent_id") == own:
            return {
                **value,
                "vastgesteld_door": {**door, "consulent_id": account, "naam": account},
            }
    return None


def reattribute_pending_decisions(session: Session, account: str) -> int:
    """In the caller's transaction (the one storing the enrollment): rewrite every
    decision in the outbox whose decider id is this vault's own id (``consulent.id``) to
    ``account`` (the office account, NFC), in the outbox entry and in the vault's value
    of the field when it still is that decision. Returns how many decisions were
    re-attributed (0 when this vault never made its own id). Raises nothing of its own;
    an outbox entry that is no JSON object is left for ``sync.outbox`` to set aside."""
    own = get_setting(session, ID_SETTING)
    if not isinstance(own, str) or not own.startswith(OWN_ID_PREFIX) or own == account:
        return 0
    count = 0
    for row in session.scalars(select(OutboxRow).order_by(OutboxRow.op_id)):
        try:
            patch = json.loads(row.patch)
        except ValueError:
            continue
        if not isinstance(patch, dict):
            continue
        changed = False
        for key, value in list(patch.items()):
            new = _reattributed(str(key), value, own, account)
            if new is None:
                continue
            patch[key] = new
            changed = True
            count += 1
            held = session.get(FieldRow, (row.case_id, key))
            if held is not None and json.loads(held.value) == value:
                held.value = dumps(new)
        if changed:
            row.patch = dumps(patch)
    if count:
        log.info("enrollment: %d decisions taken before it attributed to the account", count)
    return count
