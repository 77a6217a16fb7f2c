"""Reading a stored or received date (exactly ``YYYY-MM-DD``) or moment in ASCII digits.

Python 3.11's ``date.fromisoformat`` reads every ISO 8601 calendar form: ``19900101``,
week dates (``1990-W01-1``) and, through ``int()``, digits of other scripts. Such a value
from an old or hostile office, a handover file or an edited vault would be stored as a
date while its text (which some screens and the PIP show) is something else (attack
round 4). Every date that crosses a boundary (pulled, pushed, imported, read from the
vault) is read through :func:`parse_iso_date`, which accepts the one form the app
writes (``date.isoformat``) and nothing else; every moment (a date with a time of day)
through :func:`parse_iso_moment`, which accepts the extended forms ``datetime.isoformat``
writes and nothing else. ``datetime.strptime`` has the same hole (its ``%Y`` takes
Arabic-Indic digits). No other module of the app calls ``fromisoformat`` or ``strptime``
(a source test keeps it so).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Literal

# re.ASCII: without it ``[0-9]`` is already ASCII, but keep the flag so a later ``\d``
# edit cannot widen it to every Unicode decimal digit.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def is_iso_date_text(value: object) -> bool:
    """True when ``value`` is text of the shape ``YYYY-MM-DD`` in ASCII digits (the date
    need not exist: ``2023-02-30`` has the shape)."""
    return isinstance(value, str) and _ISO_DATE.fullmatch(value) is not None


def parse_iso_date(value: str) -> date:
    """``value`` (``"1990-01-31"``) as a date.

    Raises ``ValueError`` (its message never repeats the value: it may be a date of
    birth) when ``value`` is not exactly ``YYYY-MM-DD`` in ASCII digits or names no day
    of the calendar. ``TypeError`` when it is not a ``str``.
    """
    if not isinstance(value, str):
        raise TypeError("a date must be text")
    if _ISO_DATE.fullmatch(value) is None:
        raise ValueError("not a date of the form YYYY-MM-DD")
    try:
        return date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError:
        raise ValueError("not a day of the calendar") from None


def foreign_digit(text: str) -> str | None:
    """The first character of ``text`` that is a digit or number of a script other than
    ASCII (Unicode categories Nd and No, e.g. U+0662 ARABIC-INDIC DIGIT TWO), shown as
    ``"٢ (U+0662)"`` so a message can name it; ``None`` when there is none (the same
    naming as ``domain.typed_date``)."""
    for char in text:
        if not char.isascii() and unicodedata.category(char) in ("Nd", "No"):
            return f"{char} (U+{ord(char):04X})"
    return None


_ISO_MOMENT = re.compile(
    r"(?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})[T ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:\.(?P<fraction>[0-9]{1,6}))?)?"
    r"(?P<zone>Z|(?P<sign>[+-])(?P<zone_hours>[0-9]{2}):(?P<zone_minutes>[0-9]{2}))?",
    re.ASCII,
)

Zone = Literal["any", "required", "none"]


def parse_iso_moment(value: str, *, zone: Zone = "any") -> datetime:
    """``value`` (``"2026-11-30T11:40"``, ``"2026-11-30T11:40:05.123456+01:00"``,
    ``"2026-11-30 11:40:05Z"``) as a datetime: aware when it names a zone (``Z`` or an
    offset ``+HH:MM``), naive otherwise.

    Accepted: the extended ISO 8601 / RFC 3339 forms ``datetime.isoformat`` writes, in
    ASCII digits: a date ``YYYY-MM-DD`` (:func:`parse_iso_date`), ``T`` or a space, the
    time to the minute, optionally seconds and one to six digits of a fraction, optionally
    a zone. Refused: week and ordinal dates, the basic form without separators, digits of
    other scripts, a time without minutes. ``zone``: ``"required"`` refuses a moment
    without a zone (a moment received from elsewhere must say which), ``"none"`` one with
    a zone (a stored naive UTC stamp).

    Raises ``ValueError`` (never repeating the value) when ``value`` is none of these or
    names no moment of the calendar (``25:00``, an offset of a day or more); ``TypeError``
    when it is not a ``str``.
    """
    if not isinstance(value, str):
        raise TypeError("a moment must be text")
    match = _ISO_MOMENT.fullmatch(value)
    if match is None:
        raise ValueError("not a moment of the form YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|+HH:MM]")
    has_zone = match["zone"] is not None
    if zone == "required" and not has_zone:
        raise ValueError("a moment without a time zone")
    if zone == "none" and has_zone:
        raise ValueError("a moment with a time zone where none is expected")
    day = parse_iso_date(match["day"])
    fraction = match["fraction"] or ""
    tz: timezone | None = None
    try:
        if match["zone"] == "Z":
            tz = UTC
        elif has_zone:
            offset = timedelta(hours=int(match["zone_hours"]), minutes=int(match["zone_minutes"]))
            tz = timezone(-offset if match["sign"] == "-" else offset)
        return datetime(
            day.year,
            day.month,
            day.day,
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"] or 0),
            int(fraction.ljust(6, "0")) if fraction else 0,
            tzinfo=tz,
        )
    except ValueError:
        raise ValueError("not a moment of the calendar") from None
