"""Sync conflicts as the consultant resolves them: list them with the person's name, the
field's kind and the sides named for where they came from, and keep the chosen (or merged)
value once it passes the field's own check.

A conflict is a field that the office and this laptop both changed since their common
version (DESIGN.md, Sync protocol): both values are kept until the consultant picks one;
the choice syncs back as a resolution. Nothing is overwritten silently, and a resolution
is validated like any edit (``services.field_values``): a choice field takes one of its
options, a number its range, a date a real date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inburg_desktop.domain import handhaving
from inburg_desktop.domain.handhaving import HandhavingInvalid
from inburg_desktop.domain.voortgang_fields import BRP_KEY
from inburg_desktop.domain.voortgang_fields import parse_key as talk_key_of
from inburg_desktop.prompts.catalogue import Catalogue
from inburg_desktop.protocol.field_rules import FieldRefused, check_talks
from inburg_desktop.services.field_values import FieldKind, ValueRefused, check_value, kind_of
from inburg_desktop.services.intake_progress import DISCUSSED, shipped_catalogue
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.stale_writes import LOCAL_CONFLICT
from inburg_desktop.storage.sync_state import (
    DEVICE_KEYS,
    DEVICE_LABELS,
    resolve_conflict,
    resolve_conflicts,
)
from inburg_desktop.storage.tables import CaseRow, ConflictRow, SettingRow

__all__ = ["ConflictItem", "Side", "ValueRefused", "list_conflicts", "resolve"]

Side = Literal["office", "this_laptop", "other_laptop", "vault_now", "stale_window"]
"""Where a conflict's value came from, by the device the office says wrote it:
``office`` (office staff changed it at the office, or an import), ``this_laptop``,
``other_laptop`` (another device: ``ConflictItem.office_who`` / ``laptop_who`` names its
consultant), and for a conflict kept on this laptop (``storage.stale_writes``)
``vault_now`` (what the case held when the edit came) and ``stale_window`` (typed in a
window that showed an older version)."""

_DEVICE_SETTING = "sync.device_id"
_CONSULTANT_SETTING = DEVICE_KEYS[2]  # "sync.consultant": this laptop's consultant
OTHER = FieldKind("other")


@dataclass(frozen=True)
class ConflictItem:
    """One open conflict: the case and the person it concerns, the field and its kind, both
    values (as JSON values), the office version the office value belongs to, the common
    base both started from (``has_base`` false when it is not known: the conflict came
    from another laptop, or was kept before this laptop recorded bases) and where each
    value came from."""

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
    kind: FieldKind = OTHER
    base_value: Any = None
    has_base: bool = False
    office_side: Side = "office"
    laptop_side: Side = "this_laptop"
    office_who: str | None = None
    laptop_who: str | None = None
    """The consultant of an ``other_laptop`` side, as the office said (``None``: not
    known)."""
    office_changed_at: datetime | None = None
    """When the ``office_value`` side changed: written at the office (UTC, no zone);
    for a conflict kept on this laptop, when the case held it (``None``: not known)."""
    laptop_changed_at: datetime | None = None
    """When the ``laptop_value`` side changed: typed here, or for another device's value
    when it reached the office (UTC, no zone; ``None``: not known)."""
    office_label: str | None = None
    laptop_label: str | None = None
    """The office's name of an ``other_laptop`` side's device ("laptop 2"; ``None``: no
    label, or an older office)."""
    own_consultant: str | None = None
    """This laptop's consultant (its enrollment), so a side of another laptop of the same
    consultant is named "uw andere laptop" rather than by the consultant's name."""


def _laptop_side(local: bool, device_id: str | None, own_device: str | None) -> Side:
    if local:
        return "stale_window"
    if device_id is None or own_device is None or device_id == own_device:
        return "this_laptop"
    return "other_laptop"


def _office_side(local: bool, device_id: str | None, own_device: str | None) -> Side:
    """The side of the office's value: another laptop's when a device wrote it (usability
    round 3: another laptop's value was labelled "Op kantoor")."""
    if local:
        return "vault_now"
    if device_id is None:
        return "office"
    return "this_laptop" if device_id == own_device else "other_laptop"


def open_count(session: Session) -> int:
    """How many conflicts are open for the consultant to choose (distinct case and field;
    a topic's ``_discussed`` bookkeeping is closed by itself after a sync and not
    counted). One query in the caller's session."""
    stmt = (
        select(func.count())
        .select_from(ConflictRow)
        .where(~ConflictRow.field_key.endswith("." + DISCUSSED, autoescape=True))
    )
    return int(session.scalar(stmt) or 0)


def _text_setting(stored: str | None) -> str | None:
    value = json.loads(stored) if stored else None
    return value if isinstance(value, str) and value else None


def _labels(stored: str | None) -> dict[str, str]:
    """The stored :data:`~inburg_desktop.storage.sync_state.DEVICE_LABELS` (device id ->
    label), text values only."""
    value = json.loads(stored) if stored else None
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def list_conflicts(vault: Vault, catalogue: Catalogue | None = None) -> tuple[ConflictItem, ...]:
    """Every open conflict, by case and field, with the person's name: one query (the
    list must not read each case: a caseload after a long offline spell has many; this
    device's id comes along as a scalar subquery). ``catalogue`` defaults to the shipped
    one (it defines the kinds of intake fields)."""
    catalogue = catalogue or shipped_catalogue()
    own_device = select(SettingRow.value).where(SettingRow.key == _DEVICE_SETTING).scalar_subquery()
    # whose laptop this is and the office's names of the laptops (usability round 6 #12:
    # "Andere laptop van Sanne de Vries" for Sanne's own second laptop), in the same query
    own_consultant = (
        select(SettingRow.value).where(SettingRow.key == _CONSULTANT_SETTING).scalar_subquery()
    )
    labels_setting = (
        select(SettingRow.value).where(SettingRow.key == DEVICE_LABELS).scalar_subquery()
    )
    stmt = (
        select(
            ConflictRow.case_id,
            ConflictRow.field_key,
            ConflictRow.office_value,
            ConflictRow.laptop_value,
            ConflictRow.office_version,
            ConflictRow.op_id,
            ConflictRow.base_value,
            ConflictRow.device_id,
            ConflictRow.office_device_id,
            ConflictRow.office_consultant,
            ConflictRow.laptop_consultant,
            ConflictRow.office_changed_at,
            ConflictRow.laptop_changed_at,
            ConflictRow.created_at,
            CaseRow.given_names,
            CaseRow.family_name,
            own_device,
            own_consultant,
            labels_setting,
        )
        .join(CaseRow, CaseRow.id == ConflictRow.case_id)
        .order_by(ConflictRow.case_id, ConflictRow.field_key)
    )
    with vault.session() as session:
        rows = session.execute(stmt).all()
    items = []
    for row in rows:
        (
            case_id,
            key,
            office,
            laptop,
            version,
            op_id,
            base,
            device,
            office_device,
            office_who,
            laptop_who,
            office_at,
            laptop_at,
            found_at,
            given,
            family,
            own,
            mine_json,
            labels_json,
        ) = row
        mine = _text_setting(mine_json)
        labels = _labels(labels_json)
        local = op_id == LOCAL_CONFLICT
        if local:
            # a stale screen's edit: kept when it was typed (the conflict's own moment)
            laptop_at = laptop_at or found_at
        own_id = json.loads(own) if own else None
        own_str = own_id if isinstance(own_id, str) else None
        items.append(
            ConflictItem(
                case_id,
                f"{given} {family}".strip(),
                key,
                json.loads(office),
                json.loads(laptop),
                version,
                local=local,
                kind=kind_of(key, catalogue),
                base_value=json.loads(base) if base is not None else None,
                has_base=base is not None,
                office_side=_office_side(local, office_device, own_str),
                laptop_side=_laptop_side(local, device, own_str),
                office_who=office_who,
                laptop_who=laptop_who,
                office_changed_at=office_at,
                laptop_changed_at=laptop_at,
                office_label=labels.get(office_device) if office_device else None,
                laptop_label=labels.get(device) if device else None,
                own_consultant=mine,
            )
        )
    return tuple(items)


def resolve(
    vault: Vault,
    case_id: str,
    field_key: str,
    chosen: Any,
    catalogue: Catalogue | None = None,
) -> None:
    """Keep ``chosen`` as the field's value and close the conflict, in one transaction
    (the outbox entry that sends the resolution included).

    Raises ``ValueRefused`` when the field cannot hold ``chosen`` (not one of a choice's
    options, a number out of its range, no real date: checked as every edit is,
    ``services.field_values``), ``FieldRefused`` when the value cannot be sent to the
    office (two long texts merged can pass what one value may hold), a ``VaultError`` when
    the vault cannot be written now (a full disk, another program holding it); nothing is
    written then. A step of an enforcement record resolves the record's other open
    conflicts to the same side (:func:`_resolve_record`: ``HandhavingInvalid`` or
    ``RecordInconsistent`` otherwise).
    """
    value = check_value(field_key, chosen, catalogue or shipped_catalogue())
    record = handhaving.KEY.fullmatch(field_key)
    if record is not None:
        _resolve_record(vault, case_id, record.group(1), field_key, value)
        return
    with vault.transaction() as session:
        if talk_key_of(field_key) is not None:
            _check_talk_order(session, case_id, field_key, value)
        resolve_conflict(session, case_id, field_key, value)


def _check_talk_order(session: Session, case_id: str, field_key: str, value: Any) -> None:
    """Raise ``ValueRefused`` (``conflict_talk_order``) when choosing ``value`` for a talk
    part leaves the case's talks contradicting each other (``field_rules.check_talks``,
    the office's rule: held before the talk before it, without it, before the BRP
    registration, under a PIP version the case lacks). Two laptops that each recorded
    talks return as conflicts of each talk (attack round 7, finding 9); a choice for talk
    2 made before the one for talk 1 would leave the laptop holding an order no office
    takes, and the resolution would be refused there for good."""
    stored = get_case(session, case_id)
    current = dict(stored.fields)
    current[BRP_KEY] = stored.case.dates.brp_registration.isoformat()
    try:
        check_talks({field_key: value}, current, datetime.now(UTC).date())
    except FieldRefused:
        raise ValueRefused("conflict_talk_order", key=field_key) from None


def _resolve_record(vault: Vault, case_id: str, record_id: str, field_key: str, value: Any) -> None:
    """A conflict on a step of an enforcement record: every open conflict of that record
    takes the same side as ``value`` takes for ``field_key`` (a decision rests on its
    proposal, violation and warning: a proposal from one laptop under a decision from
    the other is a decision it was not taken on; attack round 6, finding 15), checked as
    the record will stand (``domain.handhaving.check_record``) and written as one change.

    Raises ``HandhavingInvalid`` (``handhaving_resolve_one_side``) when ``value`` is
    neither side's, ``RecordInconsistent`` when the record would break a rule."""
    prefix = handhaving.key(record_id, "")
    items = [
        c for c in list_conflicts(vault) if c.case_id == case_id and c.field_key.startswith(prefix)
    ]
    this = next((c for c in items if c.field_key == field_key), None)
    if this is None or value not in (this.office_value, this.laptop_value):
        raise HandhavingInvalid("handhaving_resolve_one_side")
    office = value == this.office_value
    chosen = {c.field_key: c.office_value if office else c.laptop_value for c in items}
    with vault.transaction() as session:
        stored = handhaving.record_steps(get_case(session, case_id).fields).get(record_id, {})
        steps = {**stored}
        for key, side in chosen.items():
            stap = key.rsplit(".", 1)[1]
            if side is None:
                steps.pop(stap, None)
            else:
                steps[stap] = side
        handhaving.check_record(steps)
        resolve_conflicts(session, case_id, chosen)


def merge_bookkeeping(vault: Vault) -> int:
    """Close every open conflict on a topic's ``_discussed`` list by keeping the moments
    of both sides (their sorted union), each closed like a resolution the consultant
    made (an outbox entry sends it). Returns how many were closed.

    The list only records when a topic was discussed: both laptops' moments are true, so
    there is nothing for the consultant to choose (usability round 2: such a conflict
    showed as ``intake.leerbaarheid._discussed`` with raw JSON on both sides).
    """
    closed = 0
    for item in list_conflicts(vault):
        if not item.field_key.endswith("." + DISCUSSED):
            continue
        moments = {
            moment
            for side in (item.office_value, item.laptop_value)
            if isinstance(side, list)
            for moment in side
            if isinstance(moment, str)
        }
        resolve(vault, item.case_id, item.field_key, sorted(moments))
        closed += 1
    return closed
