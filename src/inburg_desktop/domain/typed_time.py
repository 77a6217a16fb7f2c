"""Reading a time of day as a Dutch consultant types it: the one parser of every time field.

Consultants write a time the way they do in a diary or a letter: ``14:30``, ``14.30``,
``14.30 uur``, ``14u30``, ``14 30``, or only the digits ``1430`` (and ``930`` for 9:30),
or only the hour (``9``, ``14``, ``14 uur``). All of these are read here as one time on
the 24-hour clock, and everything that is not exactly one existing time is refused with a
:class:`TimeTypedRefused` whose code says why:

- ``time_typed_unreadable``: no time (letters, a minute of one digit such as ``14:3``,
  more than four digits, a part after the minutes);
- ``time_typed_foreign_digits``: a digit of another script than ASCII 0-9 (``١٤:٣٠``),
  named in ``char``: the field shows the time back in ASCII digits, so what was read is
  what is seen;
- ``time_typed_no_such_time``: numbers that are no time of day (``25:00``, ``14:75``),
  with ``hour`` and ``minute`` as typed.

Usability round 6 (finding 21): the agenda's "Plannen…" asked for a time in a field that
took only the arrow keys; typing ``1430`` left 09:00 and ``14:30`` made 09:14.

Pure standard library; the edge turns the code into a sentence (``inburg_desktop.messages``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import time

from inburg_desktop.domain.problem import InputRefused

_SEPARATED = re.compile(r"(\d{1,2})\s*(?:[:.\s]|u)\s*(\d{2})(?:\s*(?:uur|u))?")
_DIGITS = re.compile(r"(\d{1,4})(?:\s*(?:uur|u))?")


class TimeTypedRefused(InputRefused):
    """A typed text that is not exactly one time of day; ``code`` says why (module
    docstring); ``params`` hold only what was typed (``hour``, ``minute``, ``char``)."""

    default_code = "time_typed_unreadable"


def read_typed_time(text: str) -> time | None:
    """The time of day typed in ``text`` (minutes, no seconds); ``None`` when it holds
    only white space.

    Raises :class:`TimeTypedRefused` for anything that is not exactly one time between
    00:00 and 23:59 (module docstring)."""
    stripped = text.strip().casefold()
    if not stripped:
        return None
    for char in stripped:
        if unicodedata.category(char) == "Nd" and not ("0" <= char <= "9"):
            raise TimeTypedRefused("time_typed_foreign_digits", char=char)
    found = _SEPARATED.fullmatch(stripped)
    if found is not None:
        hour, minute = int(found.group(1)), int(found.group(2))
    else:
        digits = _DIGITS.fullmatch(stripped)
        if digits is None:
            raise TimeTypedRefused("time_typed_unreadable")
        number = digits.group(1)
        if len(number) <= 2:  # the hour alone: "9", "14 uur"
            hour, minute = int(number), 0
        else:  # "930", "1430": the last two digits are the minutes
            hour, minute = int(number[:-2]), int(number[-2:])
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise TimeTypedRefused("time_typed_no_such_time", hour=hour, minute=f"{minute:02d}")
    return time(hour, minute)
