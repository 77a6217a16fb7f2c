"""An op refused only because of what others changed since the laptop last pulled becomes a
conflict, not a rejection (attack round 7, findings 9 and 10).

The office holds a talk against the case's other talks (``case_rules.talk_refusal``) and an
enforcement step against the other steps of its record (``push.handhaving_refusal``). Two
laptops of one consultant, each offline, can each do what is right by what they hold: one
records talk 1, the other talks 1 and 2 at other days; one decides a fine, the other
records a warning. The second push was refused for good and set aside, never sent again,
while that laptop kept a talk or a warning no office would hold (talk 2 before the
office's talk 1; a warning under a decision it was not taken on, the letter unprintable).

Such an op is judged a second time as the pushing laptop saw the case (:func:`laptop_view`:
the values others wrote after the op's base version read as this laptop held them: its own
side of a conflict it has open on the field, else not there). When it passes so, the
refusal came only from the others' changes: the office keeps its values, and the op's
fields of that talk or record are kept as conflicts, which the laptop shows with the
office's values in the meantime (``sync.engine.show_office_values``) and the consultant
resolves (an enforcement record as a whole, ``services.conflicts``). An op that breaks the
rule by itself, or that resolves such a conflict (the consultant saw the office's values),
is refused as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.voortgang_fields import parse_key as talk_key_of
from inburg_desktop.protocol.messages import Op
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.tables import Conflict, FieldValue


def laptop_view(
    session: Session, case_id: str, device_id: str, base_version: int
) -> dict[str, Any]:
    """The case's fields that others (another device, or the office itself) wrote after
    ``base_version``, by key, as the laptop of ``device_id`` holds them: its side of an
    open conflict it has on the field, else ``None`` (the field as not there: the laptop's
    value before is not known here, and a rule reads an absent step or talk part as
    ``None``)."""
    moved = session.scalars(
        select(FieldValue.key).where(
            FieldValue.case_id == case_id,
            FieldValue.version > base_version,
            (FieldValue.device_id.is_(None)) | (FieldValue.device_id != device_id),
        )
    ).all()
    if not moved:
        return {}
    view: dict[str, Any] = dict.fromkeys(moved)
    for key, laptop_value in session.execute(
        select(Conflict.field_key, Conflict.laptop_value).where(
            Conflict.case_id == case_id,
            Conflict.device_id == device_id,
            Conflict.field_key.in_(sorted(moved)),
        )
    ):
        view[key] = json.loads(laptop_value)
    return view


def talk_keys(keys: Iterable[str]) -> frozenset[str]:
    """The keys among ``keys`` that are parts of a talk (``voortgang.<n>.*``)."""
    return frozenset(key for key in keys if talk_key_of(key) is not None)


def record_keys(keys: Iterable[str]) -> frozenset[str]:
    """The keys among ``keys`` that are steps of an enforcement record."""
    return frozenset(key for key in keys if records.KEY.fullmatch(key))


def conflicting(op: Op, keys: frozenset[str]) -> frozenset[str]:
    """``keys`` (the op's fields of the talks or records a rule refused) to keep as
    conflicts, or nothing when the op resolves one of them: a consultant's choice made
    having seen the office's values is judged as it is."""
    if keys & set(op.resolves):
        return frozenset()
    return keys


def keep_as_conflict(
    session: Session,
    case_id: str,
    key: str,
    current: FieldValue | None,
    laptop_text: str,
    case_version: int,
    who: AuthedDevice,
    op: Op,
    conflict: Conflict | None,
) -> Conflict:
    """Keep the op's value of ``key`` as an open conflict beside the office's (``null``
    with the case's version when the office holds no value for it); returns the row."""
    if conflict is None:
        conflict = Conflict(case_id=case_id, field_key=key)
        session.add(conflict)
    conflict.office_value = current.value if current is not None else "null"
    conflict.office_version = current.version if current is not None else case_version
    conflict.laptop_value = laptop_text
    conflict.device_id = who.id
    conflict.op_id = op.op_id
    conflict.created_at = utcnow()
    session.flush()
    return conflict


def changed(
    patch: Mapping[str, Any],
    fields: Mapping[str, FieldValue],
    texts: Mapping[str, str],
    keys: Iterable[str],
) -> frozenset[str]:
    """The keys among ``keys`` whose op value differs from the office's (absent: ``null``)."""
    return frozenset(
        key
        for key in keys
        if key in patch and (fields[key].value if key in fields else "null") != texts[key]
    )
