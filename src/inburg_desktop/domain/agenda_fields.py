"""The state of an agenda item as a case field (``agenda.<item key>``): the one check of
a stored value, pure so that the office (``protocol.field_rules``), the laptop's pull and
the agenda's own use case (``services.agenda_state``) hold a value to the same rule.

The stored value is a JSON object, or ``null`` when the item is open again:

===========  =====================================================================
state        value
===========  =====================================================================
done         ``{"state": "done", "on": "2026-05-12"}`` (the day it was marked done)
snoozed      ``{"state": "snoozed", "reason": "…", "until": "2026-06-01"}``
planned      ``{"state": "planned", "at": "2026-05-12T10:30"}`` (a wall-clock time in
             the Netherlands, to the minute, no UTC offset: an appointment, not a moment)
===========  =====================================================================

:func:`check_stored` is the one check of such a value; :func:`field_problem` checks a
whole field (its item key too). Refusals are :class:`AgendaStateRefused` with a code of
``inburg_desktop.messages``:

- ``agenda_state_invalid``: not one of the shapes above (a date that does not exist, a
  time not on the minute, an unknown state, keys it does not have), or a field key whose
  item key :func:`parse_item_key` cannot read;
- ``snooze_reason_missing``, ``agenda_reason_too_long`` (more than
  :data:`MAX_REASON` characters), ``agenda_reason_hidden`` (control or text-direction
  characters, ``domain.safe_text.free_text_problem``);
- ``agenda_date_range``: a day outside ``domain.typed_date``'s 1900–2100, the range the
  office accepts for a date.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from inburg_desktop.domain.agenda import AgendaKind, Done, ItemState, Planned, Snoozed
from inburg_desktop.domain.iso_date import parse_iso_date, parse_iso_moment
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.safe_text import free_text_problem
from inburg_desktop.domain.typed_date import FIRST_YEAR, LAST_YEAR

AGENDA_PREFIX = "agenda."
MAX_REASON = 500
"""A snooze reason is a sentence ("wacht op de uitslag van het examen"), not a note."""

_KEYS = {
    "done": {"state", "on"},
    "snoozed": {"state", "reason", "until"},
    "planned": {"state", "at"},
}


class AgendaStateRefused(Problem, ValueError):
    """An agenda state that cannot be stored; nothing was written. The message never
    quotes the value (a reason may name a person)."""

    default_code = "agenda_state_invalid"


def state_key(item_key: str) -> str:
    """The case field of an item's state: ``agenda.<item key>``."""
    return f"{AGENDA_PREFIX}{item_key}"


def item_key_of(field_key: str) -> str | None:
    """The item key a case field holds the state of (``None``: not an agenda field)."""
    if not field_key.startswith(AGENDA_PREFIX):
        return None
    return field_key[len(AGENDA_PREFIX) :] or None


def parse_item_key(item_key: str) -> tuple[AgendaKind, date | None] | None:
    """The kind and due date an item key names (``None`` when it names no item this
    version knows: written by a newer one, or not an item key at all)."""
    kind_text, _sep, due_text = item_key.partition(":")
    try:
        kind = AgendaKind(kind_text)
    except ValueError:
        return None
    if not due_text:
        return kind, None
    try:
        return kind, parse_iso_date(due_text)
    except ValueError:
        return None


def _day(day: date) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise AgendaStateRefused("agenda_date_range", first=FIRST_YEAR, last=LAST_YEAR)
    return day


def stored_value(state: ItemState | None) -> dict[str, str] | None:
    """``state`` as the field stores it (``None``: open again); checked as
    :func:`check_stored` checks it."""
    if state is None:
        return None
    if isinstance(state, Done):
        value = {"state": "done", "on": _day(state.on).isoformat()}
    elif isinstance(state, Snoozed):
        value = {"state": "snoozed", "reason": state.reason, "until": _day(state.until).isoformat()}
    else:
        at = state.at.replace(second=0, microsecond=0, tzinfo=None)
        _day(at.date())
        value = {"state": "planned", "at": at.isoformat(timespec="minutes")}
    check_stored(value)
    return value


def _date(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise AgendaStateRefused("agenda_state_invalid")
    try:
        return _day(parse_iso_date(value))
    except ValueError:
        raise AgendaStateRefused("agenda_state_invalid") from None


def _minute(value: Any) -> datetime:
    if not isinstance(value, str) or len(value) != 16:
        raise AgendaStateRefused("agenda_state_invalid")
    try:
        at = parse_iso_moment(value, zone="none")
    except ValueError:
        raise AgendaStateRefused("agenda_state_invalid") from None
    _day(at.date())
    return at


def _reason(value: Any) -> str:
    if not isinstance(value, str):
        raise AgendaStateRefused("agenda_state_invalid")
    text = value.strip()
    if not text:
        raise AgendaStateRefused("snooze_reason_missing")
    if len(text) > MAX_REASON:
        raise AgendaStateRefused("agenda_reason_too_long", most=MAX_REASON)
    if free_text_problem(text) is not None or "\n" in text or "\r" in text:
        raise AgendaStateRefused("agenda_reason_hidden")
    return text


def check_stored(value: Any) -> ItemState | None:
    """The state a stored value holds (``None`` for ``null``), or
    :class:`AgendaStateRefused` saying why it is none (module docstring)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise AgendaStateRefused("agenda_state_invalid")
    state = value.get("state")
    if state not in _KEYS or set(value) != _KEYS[state]:
        raise AgendaStateRefused("agenda_state_invalid")
    if state == "done":
        return Done(_date(value["on"]))
    if state == "snoozed":
        return Snoozed(_reason(value["reason"]), _date(value["until"]))
    return Planned(_minute(value["at"]))


def field_problem(key: str, value: Any) -> AgendaStateRefused | None:
    """Why ``value`` cannot be stored under the case field ``key`` (``agenda.<item key>``),
    or ``None`` when it can: ``agenda_state_invalid`` when the item key names no item
    :func:`parse_item_key` can read (or its due day lies outside 1900–2100), else what
    :func:`check_stored` refuses of the value. Returned, not raised: the office turns it
    into its own refusal (``protocol.field_rules``)."""
    item = item_key_of(key)
    parsed = None if item is None else parse_item_key(item)
    if parsed is None:
        return AgendaStateRefused("agenda_state_invalid")
    due = parsed[1]
    if due is not None and not FIRST_YEAR <= due.year <= LAST_YEAR:
        return AgendaStateRefused("agenda_state_invalid")
    try:
        check_stored(value)
    except AgendaStateRefused as refused:
        return refused
    return None
