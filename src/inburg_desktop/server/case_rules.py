"""Rules that hold a field against the rest of its case at the office (a push and an office
edit): the office reads what the rule needs of the stored case, the rule itself is shared
with the laptop (``protocol.field_rules``). A refusal is a :class:`FieldRefused` naming
the field, like a field's own rule."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.voortgang_fields import BRP_KEY, talk_numbers
from inburg_desktop.domain.voortgang_fields import PREFIX as VOORTGANG_PREFIX
from inburg_desktop.protocol.field_rules import FieldRefused, check_talks
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.tables import FieldValue


def talk_refusal(
    session: Session,
    case_id: str,
    applied: Mapping[str, Any],
    held: Mapping[str, Any] | None = None,
) -> FieldRefused | None:
    """Why the talk parts in ``applied`` (the fields an op or an office edit would write)
    contradict the case ``case_id`` as stored (``field_rules.check_talks``, against the
    office's UTC day), or ``None``. Reads the case's talks, PIP versions and BRP
    registration in one query, and nothing when ``applied`` holds no talk part. ``held``:
    values to read instead of the stored ones (``None``: not there), for judging the op
    as a laptop saw the case (``record_conflicts.laptop_view``)."""
    if not talk_numbers(applied):
        return None
    rows = session.execute(
        select(FieldValue.key, FieldValue.value).where(
            FieldValue.case_id == case_id,
            or_(
                FieldValue.key.startswith(VOORTGANG_PREFIX, autoescape=True),
                FieldValue.key.startswith("pip.version.", autoescape=True),
                FieldValue.key == BRP_KEY,
            ),
        )
    )
    current = {key: json.loads(text) for key, text in rows}
    for key, value in (held or {}).items():
        if value is None:
            current.pop(key, None)
        else:
            current[key] = value
    try:
        check_talks(applied, current, utcnow().date())
    except FieldRefused as exc:
        return exc
    return None
