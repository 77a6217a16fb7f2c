"""What the consultant did with an agenda item, stored as a case field that syncs.

An item's state (``domain.agenda``: done, snoozed with a reason until a day, planned on a
day and time) is the case field ``agenda.<item key>`` (:data:`AGENDA_PREFIX`; the item
key is ``domain.agenda.item_key``: ``<kind>:<due date>``, or only ``<kind>`` for the
sync items), so it travels through the outbox and the office like every other field,
and a change made on two laptops is kept as a conflict for the consultant to choose
(Synchroniseren → Conflicten oplossen, where :func:`state_text` says each side in words).

The stored value and its shapes are described once, in ``domain.agenda_fields``.

:func:`check_stored` (``domain.agenda_fields``: pure, so the office holds a pulled or pushed
value to it too) is the one check of such a value, whether the agenda's use case
writes it or a conflict's side is chosen (``services.field_values``); refusals are
:class:`AgendaStateRefused` with a code of ``inburg_desktop.messages``:

- ``agenda_state_invalid``: not one of the shapes above (a date that does not exist, a
  time not on the minute, an unknown state, keys it does not have);
- ``snooze_reason_missing``, ``agenda_reason_too_long`` (more than
  :data:`MAX_REASON` characters), ``agenda_reason_hidden`` (control or text-direction
  characters, ``domain.safe_text.free_text_problem``);
- ``agenda_date_range``: a day outside ``domain.typed_date``'s 1900–2100, the range the
  office accepts for a date.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from inburg_desktop.domain.agenda import Done, ItemState, Snoozed
from inburg_desktop.domain.agenda_fields import (
    AGENDA_PREFIX,
    MAX_REASON,
    AgendaStateRefused,
    check_stored,
    field_problem,
    item_key_of,
    parse_item_key,
    state_key,
    stored_value,
)
from inburg_desktop.formatting import format_date, format_time
from inburg_desktop.i18n import _

__all__ = [
    "AGENDA_PREFIX",
    "MAX_REASON",
    "AgendaStateRefused",
    "check_stored",
    "field_problem",
    "item_key_of",
    "parse_item_key",
    "parse_state",
    "state_key",
    "state_text",
    "states_of",
    "stored_value",
]


def parse_state(value: Any) -> ItemState | None:
    """A stored value as the agenda reads it: a value that is no state (written by a
    newer version, or damaged) counts as no state, so the item shows rather than hides."""
    try:
        return check_stored(value)
    except AgendaStateRefused:
        return None


def states_of(fields: Mapping[str, Any]) -> dict[str, ItemState]:
    """The item states among a case's fields, by item key."""
    out: dict[str, ItemState] = {}
    for key, value in fields.items():
        item = item_key_of(key)
        if item is not None:
            state = parse_state(value)
            if state is not None:
                out[item] = state
    return out


def state_text(value: Any) -> str:
    """A stored state in words in the UI language, as the conflict view shows a side:
    "Afgehandeld op 12 mei 2026", "Uitgesteld tot 1 juni 2026: <reden>", "Gepland op
    12 mei 2026 om 10:30", "Open (niets gedaan)"."""
    try:
        state = check_stored(value)
    except AgendaStateRefused:
        return _("geen geldige stand van een agendapunt")
    if state is None:
        return _("Open (niets gedaan)")
    if isinstance(state, Done):
        return _("Afgehandeld op {day}").format(day=format_date(state.on, style="long"))
    if isinstance(state, Snoozed):
        return _("Uitgesteld tot {day}: {reason}").format(
            day=format_date(state.until, style="long"), reason=state.reason
        )
    return _("Gepland op {day} om {time}").format(
        day=format_date(state.at.date(), style="long"), time=format_time(state.at)
    )
