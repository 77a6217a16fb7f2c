"""The PIP as case fields: the one check of a stored ``pip.version.<n>`` and ``pip.current``.

A PIP is stored as one field per version (``pip.version.<n>``, the JSON form of
``domain.pip.PipVersion``) and a pointer ``pip.current`` (``PipHistory.pointer``), see
``domain/pip.py``. The laptop reads them with the strict loader of ``domain.pip``; the
office and the laptop's pull hold a value to the same loader here before it is stored,
so a version no laptop can read, or one whose "Vastgesteld door" is no name, never
reaches a vault or the PIP letter (attack round 6, finding 8).

:func:`value_problem` is that check. It returns a stable code, never the value (a PIP
holds personal data):

- ``pip_key_unknown``: a ``pip.version.`` key whose number is no whole number 1-999;
- ``pip_version_unreadable``: the value does not load as a ``PipVersion``
  (``domain.pip.load``: unknown keys, wrong types, dates that do not exist, the model's
  own rules) or its ``nummer`` is not the ``<n>`` of its key;
- ``pip_decider_name``: ``vastgesteld_door.naam`` fails the name rule
  (``safe_text.name_problem``): a decision with legal effect names the person who took
  it (AVG art. 22), so the name must read as what it is;
- ``pip_text_hidden``: a text of the version holds control or text-direction
  characters (``safe_text.free_text_problem``);
- ``pip_pointer_invalid``: ``pip.current`` is not the pointer ``PipHistory.pointer``
  writes (status, version number, days, leerroute).

``null`` is valid under both keys: a discarded draft and a case without a PIP.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any, Literal

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.pip import CURRENT_KEY, PipHistory, PipStatus, PipVersion, load
from inburg_desktop.domain.safe_text import free_text_problem, name_problem

VERSION_PREFIX = "pip.version."
MAX_VERSIE = 999
"""The highest version number a key may name (``voortgang_fields.MAX_PIP_VERSIE``)."""

PipFieldProblem = Literal[
    "pip_key_unknown",
    "pip_version_unreadable",
    "pip_decider_name",
    "pip_text_hidden",
    "pip_pointer_invalid",
    "pip_history_invalid",
    "pip_pointer_mismatch",
]

_VERSION_KEY = re.compile(r"pip\.version\.([1-9][0-9]{0,2})")
_POINTER_NONE = {"status": "none", "signed_on": None, "leerroute": None, "version": None}
_POINTER_KEYS = {"status", "signed_on", "leerroute", "version", "dagtekening", "draft_version"}
_POINTER_REQUIRED = {"status", "signed_on", "leerroute", "version"}
"""A pointer written before ``dagtekening`` and ``draft_version`` were added lacks them."""


def is_pip_field(key: str) -> bool:
    """True for the keys :func:`value_problem` rules: ``pip.current`` and every key under
    ``pip.version.`` (other ``pip.*`` keys, such as ``pip.wachten_op_derde``, are not the
    PIP decision and have rules of their own)."""
    return key == CURRENT_KEY or key.startswith(VERSION_PREFIX)


def version_number(key: str) -> int | None:
    """The ``<n>`` of ``pip.version.<n>`` (1-999), or ``None`` when ``key`` names none."""
    match = _VERSION_KEY.fullmatch(key)
    return None if match is None else int(match[1])


def value_problem(key: str, value: Any) -> PipFieldProblem | None:
    """Why ``value`` cannot be stored under the PIP field ``key``, or ``None`` when it can
    (codes in the module docstring). ``key`` is a key :func:`is_pip_field` accepts."""
    if key == CURRENT_KEY:
        return None if value is None or _pointer_ok(value) else "pip_pointer_invalid"
    loaded = load_version(key, value)
    return loaded if isinstance(loaded, str) else None


def load_version(key: str, value: Any) -> PipVersion | PipFieldProblem | None:
    """The ``PipVersion`` stored as ``value`` under ``pip.version.<n>`` ``key``, or why it
    cannot be stored there (a code of the module docstring); ``None`` for ``null``. The
    one load of :func:`value_problem`, for a caller that also judges the history
    (:func:`history_problem`'s ``loaded``: a pulled version is read once, not once per
    rule). Pure; never raises."""
    nummer = version_number(key)
    if nummer is None:
        return "pip_key_unknown"
    if value is None:
        return None
    try:
        version = load(PipVersion, value, key)
    except (ValueError, TypeError):
        return "pip_version_unreadable"
    if version.nummer != nummer:
        return "pip_version_unreadable"
    door = version.vastgesteld_door
    if door is not None and name_problem(door.naam) is not None:
        return "pip_decider_name"
    # One call over all texts joined by a line break (which free text may hold), so a
    # version's hundred short texts cost one pass, not a hundred calls.
    if free_text_problem("\n".join(_texts(value))) is not None:
        return "pip_text_hidden"
    return version


def _texts(value: Any) -> Iterator[str]:
    """Every string in a JSON value (the loader has checked its shape already)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _day_or_none(value: Any) -> bool:
    if value is None:
        return True
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        parse_iso_date(value)
    except ValueError:
        return False
    return True


def _number_or_none(value: Any) -> bool:
    if value is None:
        return True
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_VERSIE


def _pointer_ok(value: Any) -> bool:
    if not isinstance(value, Mapping):
        return False
    if value.get("status") == "none":
        return dict(value) == _POINTER_NONE
    if not _POINTER_REQUIRED <= set(value) <= _POINTER_KEYS:
        return False
    if value["status"] not in {s.value for s in PipStatus}:
        return False
    leerroute = value["leerroute"]
    if leerroute is not None and leerroute not in {r.value for r in Leerroute}:
        return False
    version, draft = value["version"], value.get("draft_version")
    if version is None or not _number_or_none(version) or not _number_or_none(draft):
        return False
    if draft is not None and draft <= version:
        return False
    return _day_or_none(value["signed_on"]) and _day_or_none(value.get("dagtekening"))


def history_problem(
    fields: Mapping[str, Any], loaded: Mapping[str, PipVersion] | None = None
) -> PipFieldProblem | None:
    """Why the PIP fields of a case, taken together, are no PIP history, or ``None``.

    ``fields``: the case's fields as they stand or would stand (every ``pip.version.<n>``
    and ``pip.current`` at least; other keys are ignored). The versions must load as one
    :class:`~inburg_desktop.domain.pip.PipHistory` (``PipHistory.from_storage``: numbered
    1, 2, 3, ... without a gap, only the newest a draft, each amending the one before) and
    ``pip.current`` must be the pointer that history gives (``PipHistory.pointer``; absent
    or ``null`` only while there is no version). The same check ``inburg case import``
    makes (``domain.case_document._check_pip``); codes ``pip_history_invalid`` and
    ``pip_pointer_mismatch`` (attack round 7, finding 14: a lone ``pip.version.7`` or a
    pointer to a version that does not exist was accepted field by field, and the
    other laptop's ``inburg pip render`` then failed). ``loaded``: versions of ``fields``
    the caller loaded already (:func:`load_version` of the same key and value), taken as
    they are instead of loading them again. Pure; never raises."""
    versions = held_versions(fields)
    try:
        history = PipHistory.from_storage(versions, loaded or {})
    except (ValueError, TypeError):
        return "pip_history_invalid"
    pointer = fields.get(CURRENT_KEY)
    if pointer is None and not versions:
        return None
    expected = history.pointer()
    # a pointer written before ``dagtekening`` and ``draft_version`` were added lacks them
    if not isinstance(pointer, Mapping) or not set(pointer) <= set(expected):
        return "pip_pointer_mismatch"
    if any(pointer.get(k) != v for k, v in expected.items() if k in pointer or v is not None):
        return "pip_pointer_mismatch"
    return None


PIP_DATE_KEY = "dates.pip_date"
"""The case's copy of the first PIP's dagtekening (set once, when the first PIP is set)."""


def held_versions(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The ``pip.version.<n>`` values among a case's ``fields`` that hold a version: a
    ``null`` one is a discarded draft (``services.pip_service.discard_draft``), part of no
    history."""
    return {k: v for k, v in fields.items() if k.startswith(VERSION_PREFIX) and v is not None}


def stored_history(fields: Mapping[str, Any]) -> PipHistory | None:
    """The PIP history a case's ``fields`` hold (:func:`held_versions`), or ``None`` when
    the versions do not load as one. Pure; never raises."""
    try:
        return PipHistory.from_storage(held_versions(fields))
    except (ValueError, TypeError):
        return None


def history_pip_date(fields: Mapping[str, Any]) -> date | None:
    """The dagtekening of the case's first set PIP version as ``fields`` (the case's stored
    values, ``pip.version.<n>`` as JSON) hold it, or ``None`` when no version is set or
    the versions do not load as a history. Pure; never raises."""
    history = stored_history(fields)
    return None if history is None else history.pip_date


def termijn_pip_date(fields: Mapping[str, Any]) -> date | None:
    """The day the inburgeringstermijn counts from, as the rules over a case read it from
    the case's fields: the dagtekening of the first set PIP version (Wet art. 11: the
    termijn runs 36 months from the day after it, and does not move when the PIP is
    replaced; DOMAIN.md), and only for a case whose fields hold no set PIP version the
    recorded ``dates.pip_date`` (a case handed over with its PIP date but not its
    versions). A value that does not read as a date reads as unknown (``None``).

    The one source of the termijn for every rule that reads it from stored fields (the
    enforcement records, at the office and on the laptop): ``dates.pip_date`` is a free
    field, so a push that cleared it must not move the termijn (attack round 9, finding
    4). Pure; never raises."""
    first = history_pip_date(fields)
    if first is not None:
        return first
    value = fields.get(PIP_DATE_KEY)
    try:
        return None if value is None else parse_iso_date(value)
    except (TypeError, ValueError):
        return None


def pip_date_problem(fields: Mapping[str, Any]) -> Literal["pip_date_mismatch"] | None:
    """``pip_date_mismatch`` when ``fields`` (a case's fields as they would stand) hold a
    set PIP version and a ``dates.pip_date`` other than that version's dagtekening
    (cleared, or another day), else ``None``. The recorded PIP date is a copy of the
    first PIP's dagtekening (Wet art. 11) and may not contradict it (attack round 9,
    finding 4). Pure; never raises."""
    first = history_pip_date(fields)
    if first is None:
        return None
    return None if fields.get(PIP_DATE_KEY) == first.isoformat() else "pip_date_mismatch"
