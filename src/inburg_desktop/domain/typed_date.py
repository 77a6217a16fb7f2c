"""Reading a date as a Dutch consultant types it: the one parser of every date field.

Consultants type dates the way they write them on paper or in other municipal systems:
``12-3-1990``, ``12/03/1990``, ``12.03.1990``, ``12 3 1990``, ``12031990`` (no separators),
``12 maart 1990`` or ISO ``1990-03-12``. All of these are read here, day first (the Dutch
order, NEN-ISO 8601's ``jjjj-mm-dd`` aside), and everything that cannot be read as exactly
one existing date is refused with a :class:`DateTypedRefused` whose code says why:

- ``date_typed_incomplete``: not a whole date (``15-06``, letters, too many parts);
- ``date_typed_two_digit_year``: a year of two digits (``12-3-90``, ``120390``): for a date
  of birth ``90`` may be 1990 or 2090, so the consultant types the four digits;
- ``date_typed_ambiguous``: seven digits without separators that read as two dates
  (``1111990`` is 1-11-1990 or 11-1-1990), with both shown;
- ``date_typed_six_digits``: six digits that read as ``dmjjjj`` (``121990``): the same
  keys typed as ``ddmmjj`` (12-19-90) or with a slip of one digit give another date, so
  the consultant types separators or all eight digits (the message names both forms, and
  the one reading, ``first``, with its eight digits, ``eight``); six digits that are no
  ``dmjjjj`` date are a two-digit year (``120390``);
- ``date_typed_foreign_digits``: a digit of another script than ASCII 0-9 (Arabic-Indic
  ``٢``, Extended Arabic-Indic ``۲``, NKo ``߂``, mathematical bold ``𝟐``, fullwidth ``２``,
  superscript ``²``), named in ``char``. Only ASCII digits are read: the consultant types
  the date (the interpreter view shows, it takes no input), the field shows it back as
  ``dd-mm-jjjj`` in ASCII digits, and a date of mixed scripts (``1٢-3-1990``) can look
  like another date than the one read; a clear refusal costs one retype;
- ``date_typed_no_such_date``: numbers that are no date (``31-02-2021``), with them;
- ``date_typed_out_of_range``: a year outside :data:`FIRST_YEAR`..:data:`LAST_YEAR`, the
  range the handover format and the office accept (INTERFACES.md, ``protocol/field_rules``).

Pure standard library; the edge turns the code into a sentence (``inburg_desktop.messages``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from inburg_desktop.domain.problem import InputRefused

FIRST_YEAR = 1900
LAST_YEAR = 2100

MONTH_NAMES: dict[str, int] = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
"""Dutch month names and their usual abbreviations (with or without a dot), lower case."""

# re.ASCII: ``\d`` is 0-9 only (without it, every Unicode decimal digit matches and
# ``int()`` reads it); text reaches these patterns only after :func:`_foreign_digit`.
_SEPARATED = re.compile(r"(\d{1,4})\s*[-/.\s]\s*(\d{1,2})\s*[-/.\s]\s*(\d{1,4})", re.ASCII)
_MONTH_NAMED = re.compile(r"(\d{1,2})\s*[-.\s]?\s*([a-z]+)\.?\s*[-.\s]?\s*(\d{1,4})", re.ASCII)
_DIGITS = re.compile(r"\d{5,8}", re.ASCII)


class DateTypedRefused(InputRefused):
    """A typed text that is not exactly one existing date; ``code`` says why (module
    docstring), ``params`` hold only the numbers typed (``day``, ``month``, ``year``) or
    the two readings (``first``, ``second``, as ``d-m-jjjj``)."""

    default_code = "date_typed_incomplete"


def read_typed_date(text: str, *, last_year: int = LAST_YEAR) -> date | None:
    """The date typed in ``text``; ``None`` when it holds only white space.

    Raises :class:`DateTypedRefused` for anything that is not exactly one existing date
    between 1 January :data:`FIRST_YEAR` and 31 December ``last_year`` (default
    :data:`LAST_YEAR`, the range of the handover format; a command's look-ahead day, such
    as ``purge --dry-run --on``, may lie further on: ``protocol.date_option``).
    """
    cleaned = " ".join(text.split()).casefold()
    if not cleaned:
        return None
    if (foreign := _foreign_digit(cleaned)) is not None:
        raise DateTypedRefused("date_typed_foreign_digits", char=foreign)
    if match := _SEPARATED.fullmatch(cleaned):
        first, month, last = match.groups()
        if len(first) == 4 and len(last) <= 2:  # ISO order: jjjj-mm-dd
            return _checked(int(last), int(month), first, last_year)
        if len(first) > 2:
            raise DateTypedRefused("date_typed_incomplete")
        return _checked(int(first), int(month), last, last_year)
    if match := _MONTH_NAMED.fullmatch(cleaned):
        day, name, year = match.groups()
        number = MONTH_NAMES.get(name)
        if number is None:
            raise DateTypedRefused("date_typed_incomplete")
        return _checked(int(day), number, year, last_year)
    if _DIGITS.fullmatch(cleaned):
        return _digits_only(cleaned, last_year)
    raise DateTypedRefused("date_typed_incomplete")


def _foreign_digit(text: str) -> str | None:
    """The first character of ``text`` that is a digit or number of a script other than
    ASCII (Unicode categories Nd and No, e.g. U+0662 ARABIC-INDIC DIGIT TWO), shown as
    ``"٢ (U+0662)"``; ``None`` when there is none."""
    for char in text:
        if not char.isascii() and unicodedata.category(char) in ("Nd", "No"):
            return f"{char} (U+{ord(char):04X})"
    return None


def _checked(day: int, month: int, year_text: str, last_year: int = LAST_YEAR) -> date:
    if len(year_text) == 2:
        raise DateTypedRefused("date_typed_two_digit_year")
    if len(year_text) != 4:
        raise DateTypedRefused("date_typed_incomplete")
    year = int(year_text)
    try:
        found = date(year, month, day)
    except ValueError:
        raise DateTypedRefused("date_typed_no_such_date", day=day, month=month, year=year) from None
    if not FIRST_YEAR <= found.year <= last_year:
        raise DateTypedRefused(
            "date_typed_out_of_range", first=FIRST_YEAR, last=last_year, year=year
        )
    return found


def _reading(day: str, month: str, year: str, last_year: int = LAST_YEAR) -> date | None:
    """``day``-``month``-``year`` as a date in range, or ``None``."""
    try:
        return _checked(int(day), int(month), year, last_year)
    except DateTypedRefused:
        return None


def _digits_only(digits: str, last_year: int) -> date:
    """Five to eight digits without separators: ``ddmmjjjj`` (or ``jjjjmmdd``, which can
    never also be a ``ddmmjjjj`` date in range: its month would be 19 or 20),
    ``dmmjjjj``/``ddmjjjj`` (refused when both read as a date); six digits are refused
    (``dmjjjj`` is not told apart from ``ddmmjj`` by the keys typed, module docstring)."""
    size = len(digits)
    if size == 8:
        try:
            return _checked(int(digits[:2]), int(digits[2:4]), digits[4:], last_year)
        except DateTypedRefused:
            iso = _reading(digits[6:], digits[4:6], digits[:4], last_year)
            if iso is not None:
                return iso
            raise
    if size == 7:
        readings = {
            reading
            for reading in (
                _reading(digits[:1], digits[1:3], digits[3:], last_year),
                _reading(digits[:2], digits[2:3], digits[3:], last_year),
            )
            if reading is not None
        }
        if len(readings) == 2:
            first, second = sorted(readings)
            raise DateTypedRefused("date_typed_ambiguous", first=_dmy(first), second=_dmy(second))
        if readings:
            return readings.pop()
        raise DateTypedRefused("date_typed_incomplete")
    if size == 6:
        found = _reading(digits[:1], digits[1:2], digits[2:], last_year)
        if found is not None:
            raise DateTypedRefused(
                "date_typed_six_digits", first=_dmy(found), eight=found.strftime("%d%m%Y")
            )
        raise DateTypedRefused("date_typed_two_digit_year")
    raise DateTypedRefused("date_typed_incomplete")


def _dmy(value: date) -> str:
    return f"{value.day}-{value.month}-{value.year}"
