"""Reading a stored or received date: exactly ``YYYY-MM-DD`` in ASCII digits.

Python 3.11's ``date.fromisoformat`` reads every ISO 8601 calendar form: ``19900101``,
week dates (``1990-W01-1``) and, through ``int()``, digits of other scripts. Such a value
from an old or hostile office, a handover file or an edited vault would be stored as a
date while its text (which some screens and the PIP show) is something else (attack
round 4). Every date that crosses a boundary (pulled, pushed, imported, read from the
vault) is read through :func:`parse_iso_date`, which accepts the one form the app
writes (``date.isoformat``) and nothing else.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

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
