"""The voortgangsgesprekken as case fields: the key scheme and the one check of a value.

A talk is stored as flat case fields under :data:`PREFIX`, so each part travels through the
outbox and the office like every other field, and a change made on two laptops becomes a
conflict of that one part (a date, a choice, a text), which the conflict view already
shows and resolves in words (``services.field_values`` gives each part its kind).
``<n>`` is the talk's number (1-based: the n-th talk of the case, Besluit art. 5.3 lid 4
counts them), ``<i>`` the agreement's index in the ontwikkelplan of the PIP version the
talk was held under (0-based, as ``voortgang.AfspraakVoortgang.afspraak``):

=================================  ==========================================================
key                                value
=================================  ==========================================================
``voortgang.<n>.gepland``          the planned day, ``"YYYY-MM-DD"`` (1900–2100)
``voortgang.<n>.gehouden``         the day it was held, ``"YYYY-MM-DD"``, or ``null``
``voortgang.<n>.notities``         the consultant's notes (free text, line breaks allowed)
``voortgang.<n>.pip_versie``       the PIP version (its ``nummer``) whose agreements the
                                   talk went through
``voortgang.<n>.afspraak.<i>.stand``   ``"op_schema"``, ``"achter"`` or ``"voor"``
                                       (``voortgang.Stand``)
``voortgang.<n>.afspraak.<i>.vervolg`` what was agreed next (one line of text)
``voortgang.<n>.tevredenheid.<o>``     the satisfaction answer about ``<o>`` (``map``,
                                       ``pvt``, ``begeleiding``; a code of
                                       ``satisfaction.Tevredenheid``)
=================================  ==========================================================

Every value may also be ``null`` (or ``""`` for a text): the part is empty. A key of this
shape with numbers out of range, or any other key under the prefix, is no talk field.

:func:`value_problem` is the one check, used by the office (``protocol.field_rules``), by
the laptop before it pushes, by a conflict's chosen side (``services.field_values``) and by
the talk's own use cases (``services.voortgang``): it returns a stable code, never the
value (notes may hold anything about a person).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.safe_text import free_text_problem
from inburg_desktop.domain.satisfaction import Onderwerp, Tevredenheid
from inburg_desktop.domain.voortgang import Stand

PREFIX = "voortgang."
MAX_GESPREK_NUMMER = 99
"""More talks than the PIP plans may be held (an extra talk counts, ``volgend_gesprek``);
99 is far beyond any termijn (at most 35 planned) and keeps keys short."""
MAX_AFSPRAAK_INDEX = 99
MAX_PIP_VERSIE = 999
MAX_NOTITIES = 20_000
"""Characters of a talk's notes: the intake's notes limit (``ui.text_limits.LONG_TEXT_MAX``)."""
MAX_VERVOLG = 1_000
"""Characters of what was agreed next: a sentence or two (``ui.text_limits.SHORT_TEXT_MAX``)."""

GEPLAND, GEHOUDEN, NOTITIES, PIP_VERSIE = "gepland", "gehouden", "notities", "pip_versie"
STAND, VERVOLG = "stand", "vervolg"

_NUMBER = r"([1-9][0-9]?)"
_INDEX = r"(0|[1-9][0-9]?)"
_TALK_KEY = re.compile(rf"voortgang\.{_NUMBER}\.({GEPLAND}|{GEHOUDEN}|{NOTITIES}|{PIP_VERSIE})")
_AFSPRAAK_KEY = re.compile(rf"voortgang\.{_NUMBER}\.afspraak\.{_INDEX}\.({STAND}|{VERVOLG})")
_TEVREDEN_KEY = re.compile(
    rf"voortgang\.{_NUMBER}\.tevredenheid\.({'|'.join(o.value for o in Onderwerp)})"
)


class TalkFieldProblem(Problem, ValueError):
    """Why a value cannot be stored under a talk field (:func:`value_problem`); ``code`` is a
    key of ``inburg_desktop.messages``. Returned, not raised, by the check: each caller
    raises in its own terms (the office a ``FieldRefused``, a use case its refusal)."""

    default_code = "voortgang_key_unknown"


@dataclass(frozen=True)
class TalkKey:
    """A parsed talk field: ``part`` is ``gepland``, ``gehouden``, ``notities``,
    ``pip_versie``, ``stand``, ``vervolg`` or ``tevredenheid``; ``afspraak`` is set for
    ``stand`` and ``vervolg``, ``onderwerp`` for ``tevredenheid``."""

    nummer: int
    part: str
    afspraak: int | None = None
    onderwerp: Onderwerp | None = None


def parse_key(key: str) -> TalkKey | None:
    """The talk field ``key`` names, or ``None`` when it names none (module docstring)."""
    if not key.startswith(PREFIX):
        return None
    if match := _TALK_KEY.fullmatch(key):
        return TalkKey(int(match[1]), match[2])
    if match := _AFSPRAAK_KEY.fullmatch(key):
        return TalkKey(int(match[1]), match[3], afspraak=int(match[2]))
    if match := _TEVREDEN_KEY.fullmatch(key):
        return TalkKey(int(match[1]), "tevredenheid", onderwerp=Onderwerp(match[2]))
    return None


def talk_key(nummer: int, part: str) -> str:
    """``voortgang.<n>.<part>`` for ``gepland``, ``gehouden``, ``notities``, ``pip_versie``."""
    return f"{PREFIX}{nummer}.{part}"


def afspraak_key(nummer: int, afspraak: int, part: str) -> str:
    """``voortgang.<n>.afspraak.<i>.<part>`` for ``stand`` and ``vervolg``."""
    return f"{PREFIX}{nummer}.afspraak.{afspraak}.{part}"


def tevredenheid_key(nummer: int, onderwerp: Onderwerp) -> str:
    """``voortgang.<n>.tevredenheid.<onderwerp>``."""
    return f"{PREFIX}{nummer}.tevredenheid.{onderwerp.value}"


def _date_problem(value: str) -> TalkFieldProblem | None:
    if len(value) != 10:
        return TalkFieldProblem("voortgang_date_invalid")
    try:
        day = parse_iso_date(value)
    except ValueError:
        return TalkFieldProblem("voortgang_date_invalid")
    if not 1900 <= day.year <= 2100:
        return TalkFieldProblem("voortgang_date_range")
    return None


def _text_problem(value: str, most: int, *, one_line: bool) -> TalkFieldProblem | None:
    if len(value) > most:
        return TalkFieldProblem("voortgang_text_too_long")
    if free_text_problem(value) is not None or (one_line and ("\n" in value or "\r" in value)):
        return TalkFieldProblem("voortgang_text_hidden")
    return None


def value_problem(key: str, value: Any) -> TalkFieldProblem | None:
    """Why ``value`` cannot be stored under the talk field ``key`` (a
    :class:`TalkFieldProblem` whose code is one of these), or ``None`` when it can:

    - ``voortgang_key_unknown``: ``key`` is under :data:`PREFIX` but names no talk field;
    - ``voortgang_date_invalid`` / ``voortgang_date_range``: a day that is not
      ``YYYY-MM-DD`` or does not exist / lies outside 1900–2100;
    - ``voortgang_text_too_long`` (more than :data:`MAX_NOTITIES` or :data:`MAX_VERVOLG`
      characters), ``voortgang_text_hidden`` (control or text-direction characters, or a
      line break in what was agreed next; ``safe_text.free_text_problem``);
    - ``voortgang_choice_invalid``: not a code of ``Stand`` or ``Tevredenheid``;
    - ``voortgang_version_invalid``: a PIP version that is no whole number 1–999.
    """
    parsed = parse_key(key)
    if parsed is None:
        return TalkFieldProblem("voortgang_key_unknown")
    if value is None:
        return None
    part = parsed.part
    if part in (GEPLAND, GEHOUDEN):
        if not isinstance(value, str):
            return TalkFieldProblem("voortgang_date_invalid")
        return _date_problem(value)
    if part in (NOTITIES, VERVOLG):
        if not isinstance(value, str):
            return TalkFieldProblem("voortgang_text_hidden")
        most = MAX_NOTITIES if part == NOTITIES else MAX_VERVOLG
        return _text_problem(value, most, one_line=part == VERVOLG)
    if part == PIP_VERSIE:
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and 1 <= value <= MAX_PIP_VERSIE:
            return None
        return TalkFieldProblem("voortgang_version_invalid")
    codes = {s.value for s in Stand} if part == STAND else {t.value for t in Tevredenheid}
    if isinstance(value, str) and value in codes:
        return None
    return TalkFieldProblem("voortgang_choice_invalid")


# --- a talk against its case (attack round 6, finding 7) ----------------------------------

TalkRecordProblem = Literal[
    "voortgang_number_gap",
    "voortgang_held_order",
    "voortgang_before_brp",
    "voortgang_held_future",
    "voortgang_version_unknown",
    "voortgang_afspraak_unknown",
]

HELD_AHEAD_DAYS = 1
"""A talk may be dated this many days after the checking side's UTC day: a laptop in the
Netherlands (UTC+1/+2) records its own calendar day, which is the next UTC day for up to
two hours after midnight."""

BRP_KEY = "dates.brp_registration"


def talk_numbers(keys: Iterable[str]) -> set[int]:
    """The talk numbers ``keys`` hold a part of."""
    return {parsed.nummer for key in keys if (parsed := parse_key(key)) is not None}


def _day(value: Any) -> date | None:
    """A stored talk day, or ``None`` when there is none or it does not read (the field
    rule :func:`value_problem` refuses those)."""
    if not isinstance(value, str) or _date_problem(value) is not None:
        return None
    return parse_iso_date(value)


def record_problem(fields: Mapping[str, Any], nummer: int, today: date) -> TalkRecordProblem | None:
    """Why talk ``nummer`` contradicts its case, or ``None`` when it does not.

    ``fields``: the case's fields as they would stand (at least every ``voortgang.*``,
    every ``pip.version.<n>`` and ``dates.brp_registration``); ``today``: the checking
    side's UTC day (the office's at a push). The rules the laptop's own use cases follow
    (``services.voortgang``):

    - ``voortgang_number_gap``: the talk has a part while a talk with a lower number has
      none: talks are counted 1, 2, 3, ... (Besluit art. 5.3 lid 4 counts them);
    - ``voortgang_held_order``: held while a lower talk is not held, or held before a
      lower talk / after a higher one (talks are numbered in the order they were held,
      ``voortgang.volgend_gesprek``);
    - ``voortgang_before_brp``: held or planned before the BRP registration (Wet art. 14
      lid 1: nothing of the inburgering happens before it);
    - ``voortgang_held_future``: held after ``today`` (plus :data:`HELD_AHEAD_DAYS`): a
      talk is recorded held once it took place;
    - ``voortgang_version_unknown``: gone through under a PIP version the case does not
      hold (no ``pip.version.<n>`` with a value);
    - ``voortgang_afspraak_unknown``: the state or follow-up of an agreement the PIP
      version the talk was held under does not have (``afspraak.<i>`` with ``<i>`` not an
      index of that version's ontwikkelplan, or no version named; attack round 7,
      finding 5: agreement 99 of a case without a PIP was accepted).

    Pure; never raises (a value its field rule refuses reads as absent here).
    """
    talks: dict[int, dict[str, Any]] = {}
    agreements: dict[int, set[int]] = {}
    for key, value in fields.items():
        parsed = parse_key(key)
        if parsed is not None and value not in (None, ""):
            if parsed.afspraak is not None:
                agreements.setdefault(parsed.nummer, set()).add(parsed.afspraak)
            talks.setdefault(parsed.nummer, {})[parsed.part] = value
    own = talks.get(nummer, {})
    if not own:
        return None
    if any(m not in talks for m in range(1, nummer)):
        return "voortgang_number_gap"
    held = {n: d for n, parts in talks.items() if (d := _day(parts.get(GEHOUDEN))) is not None}
    day = held.get(nummer)
    if day is not None:
        if any(m not in held or held[m] > day for m in range(1, nummer)):
            return "voortgang_held_order"
        if any(n > nummer and later < day for n, later in held.items()):
            return "voortgang_held_order"
        if day > today + timedelta(days=HELD_AHEAD_DAYS):
            return "voortgang_held_future"
    brp = _day(fields.get(BRP_KEY))
    planned = _day(own.get(GEPLAND))
    if brp is not None and any(d is not None and d < brp for d in (day, planned)):
        return "voortgang_before_brp"
    versie = own.get(PIP_VERSIE)
    if versie is not None and fields.get(f"pip.version.{versie}") is None:
        return "voortgang_version_unknown"
    used = agreements.get(nummer)
    if used:
        count = _agreement_count(fields.get(f"pip.version.{versie}"))
        if max(used) >= count:
            return "voortgang_afspraak_unknown"
    return None


def _agreement_count(version: Any) -> int:
    """How many agreements the stored PIP version ``version`` (its JSON) holds in its
    ontwikkelplan; 0 for no version or one of another shape (its field rule refuses
    those)."""
    plan = version.get("ontwikkelplan") if isinstance(version, Mapping) else None
    afspraken = plan.get("afspraken") if isinstance(plan, Mapping) else None
    return len(afspraken) if isinstance(afspraken, list) else 0
