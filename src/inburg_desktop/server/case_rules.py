"""Rules that hold a field against the rest of its case at the office (a push and an office
edit): the office reads what the rule needs of the stored case, the rule itself is shared
with the laptop (``protocol.field_rules``). A refusal is a :class:`FieldRefused` naming
the field, like a field's own rule."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.pip import CURRENT_KEY as PIP_CURRENT_KEY
from inburg_desktop.domain.pip_fields import PIP_DATE_KEY
from inburg_desktop.domain.voortgang_fields import BRP_KEY, talk_numbers
from inburg_desktop.domain.voortgang_fields import PREFIX as VOORTGANG_PREFIX
from inburg_desktop.protocol.field_rules import (
    ORDER_KEYS,
    RETENTION_CASE_KEYS,
    FieldRefused,
    check_identity_order,
    check_pip_date,
    check_pip_history,
    check_progress_days,
    check_progress_routes,
    check_retention_facts,
    check_talks,
    progress_days_concerned,
    routes_concerned,
    talks_concerned,
)
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
    office's UTC day), or ``None``. Reads nothing when ``applied`` touches neither a talk
    part, a PIP version nor the BRP registration (``field_rules.talks_concerned``); when
    it writes a talk part, the case's talks, PIP versions and BRP registration in one
    query; when it writes only a PIP version or the registration, the talks first, and
    the rest only when the case has a talk they could break (review: a PIP push to a
    case without talks read every PIP version for nothing). ``held``: values to read
    instead of the stored ones (``None``: not there), for judging the op as a laptop saw
    the case (``record_conflicts.laptop_view``)."""
    if not talks_concerned(applied):
        return None
    talks = FieldValue.key.startswith(VOORTGANG_PREFIX, autoescape=True)
    facts = or_(
        FieldValue.key.startswith("pip.version.", autoescape=True), FieldValue.key == BRP_KEY
    )
    writes_talk = bool(talk_numbers(applied))
    current = stored_values(session, case_id, or_(talks, facts) if writes_talk else talks)
    if not writes_talk:
        if not talk_numbers(_as_held(current, held)):
            return None  # no talk the facts could break: check_talks judges nothing
        current.update(stored_values(session, case_id, facts))
    current = _as_held(current, held)
    try:
        check_talks(applied, current, utcnow().date())
    except FieldRefused as exc:
        return exc
    return None


def _as_held(current: dict[str, Any], held: Mapping[str, Any] | None) -> dict[str, Any]:
    """``current`` with ``held``'s values read instead (``None``: the field not there)."""
    out = dict(current)
    for key, value in (held or {}).items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def pip_refusal(
    session: Session,
    case_id: str,
    consultant: str | None,
    applied: Mapping[str, Any],
) -> FieldRefused | None:
    """Why the PIP fields in ``applied`` leave the case ``case_id`` no PIP history, or set a
    version decided by someone other than ``consultant`` (``field_rules.check_pip_history``;
    ``None``: an office edit), or ``None``. Reads the case's PIP versions and pointer in
    one query, and nothing when ``applied`` holds no PIP field."""
    if not any(key == PIP_CURRENT_KEY or key.startswith("pip.version.") for key in applied):
        return None
    rows = session.execute(
        select(FieldValue.key, FieldValue.value).where(
            FieldValue.case_id == case_id,
            or_(
                FieldValue.key.startswith("pip.version.", autoescape=True),
                FieldValue.key == PIP_CURRENT_KEY,
            ),
        )
    )
    current = {key: json.loads(text) for key, text in rows}
    try:
        check_pip_history(applied, current, consultant)
    except FieldRefused as exc:
        return exc
    return None


def stored_values(session: Session, case_id: str, which: ColumnElement[bool]) -> dict[str, Any]:
    """The office's values of the fields of ``case_id`` that ``which`` selects (key to
    decoded JSON value), in one query."""
    rows = session.execute(
        select(FieldValue.key, FieldValue.value).where(FieldValue.case_id == case_id, which)
    )
    return {key: json.loads(text) for key, text in rows}


def _held_refusal(
    session: Session,
    case_id: str,
    which: ColumnElement[bool],
    check: Callable[[dict[str, Any]], None],
) -> FieldRefused | None:
    """``check``'s refusal of the case's stored fields ``which`` selects (key → value), or
    ``None``."""
    try:
        check(stored_values(session, case_id, which))
    except FieldRefused as exc:
        return exc
    return None


def route_refusal(
    session: Session, case_id: str, applied: Mapping[str, Any]
) -> FieldRefused | None:
    """Why the route-bound progress data in ``applied`` (the Z-route eindgesprek, the MAP,
    an exam result) belongs to no leerroute the case's PIP sets
    (``field_rules.check_progress_routes``), or ``None``. Reads the case's PIP versions in
    one query, and nothing when ``applied`` records no such data."""
    if not routes_concerned(applied):
        return None
    versions = FieldValue.key.startswith("pip.version.", autoescape=True)
    return _held_refusal(
        session, case_id, versions, lambda current: check_progress_routes(applied, current)
    )


def identity_refusal(
    session: Session, case_id: str, applied: Mapping[str, Any]
) -> FieldRefused | None:
    """Why the identity days in ``applied`` would make the person of ``case_id`` born after
    the BRP registration or the residence permit (``field_rules.check_identity_order``),
    or ``None``. Reads the case's three days in one query, and nothing when ``applied``
    writes none of them."""
    if not any(key in applied for key in ORDER_KEYS):
        return None
    return _held_refusal(
        session,
        case_id,
        FieldValue.key.in_(ORDER_KEYS),
        lambda current: check_identity_order(applied, current),
    )


def retention_refusal(
    session: Session, case_id: str, applied: Mapping[str, Any]
) -> FieldRefused | None:
    """Why the retention facts ``applied`` writes could not be counted from with the rest
    of the case ``case_id`` (``field_rules.check_retention_facts``, against the office's
    UTC day), or ``None``. Reads the case's facts in one query, and nothing when
    ``applied`` writes none of them (atk9 #2)."""
    if not any(key in applied for key in RETENTION_CASE_KEYS):
        return None
    today = utcnow().date()
    return _held_refusal(
        session,
        case_id,
        FieldValue.key.in_(RETENTION_CASE_KEYS),
        lambda current: check_retention_facts(applied, current, today),
    )


def pip_date_refusal(
    session: Session, case_id: str, applied: Mapping[str, Any]
) -> FieldRefused | None:
    """Why the ``dates.pip_date`` that ``applied`` writes contradicts the first set PIP
    version of ``case_id`` (``field_rules.check_pip_date``), or ``None``. Reads the
    case's PIP versions in one query, and nothing when ``applied`` does not write it."""
    if PIP_DATE_KEY not in applied:
        return None
    versions = FieldValue.key.startswith("pip.version.", autoescape=True)
    return _held_refusal(
        session, case_id, versions, lambda current: check_pip_date(applied, current)
    )


def progress_day_refusal(
    session: Session, case_id: str, applied: Mapping[str, Any]
) -> FieldRefused | None:
    """Why the progress in ``applied`` is dated after the office's UTC day or before the
    BRP registration of ``case_id`` (``field_rules.check_progress_days``), or ``None``.
    Reads the case's BRP registration, and nothing when ``applied`` dates no progress."""
    if not progress_days_concerned(applied):
        return None
    today = utcnow().date()
    return _held_refusal(
        session,
        case_id,
        FieldValue.key == BRP_KEY,
        lambda current: check_progress_days(applied, current, today),
    )


def stored_refusal(
    session: Session, case_id: str, consultant: str | None, applied: Mapping[str, Any]
) -> FieldRefused | None:
    """The first refusal of ``applied`` on the case ``case_id`` as the office holds it,
    judged in this order: the PIP as a history and its decider (``consultant``; ``None``
    for the office's own edit), progress data of a route the PIP does not set, the
    identity's days against each other, the retention facts, ``dates.pip_date`` against
    the PIP, progress days; ``None`` when none refuses. One list for a push and the
    office's edit, so a rule added is added to both; each rule reads only when
    ``applied`` concerns it, and none after the first refusal."""
    rules: tuple[Callable[[], FieldRefused | None], ...] = (
        lambda: pip_refusal(session, case_id, consultant, applied),
        lambda: route_refusal(session, case_id, applied),
        lambda: identity_refusal(session, case_id, applied),
        lambda: retention_refusal(session, case_id, applied),
        lambda: pip_date_refusal(session, case_id, applied),
        lambda: progress_day_refusal(session, case_id, applied),
    )
    return next((refused for rule in rules if (refused := rule()) is not None), None)
