"""Calendar arithmetic for legal dates: adding weeks, months and years, and period ends.

Two kinds of question are answered here, and they differ at month ends:

* **A point in time** ("six months after the exam", "the day someone turns 16"):
  :func:`add_months` and :func:`add_years` move to the same day-of-month and, when that
  day does not exist in the target month, *clamp* to the month's last day. So 31 August
  + 6 months is 28 (or 29) February, and 29 February + 1 year is 28 February.
* **The last day of a period** that starts on a given day and lasts N months ("the
  termijn is three years, starting the day after the PIP's date"): :func:`period_last_day`.
  The period runs up to, not including, the same day-of-month N months on; its last day is
  the day before that. When that day-of-month does not exist in the target month (a
  period starting on the 29th, 30th or 31st), the period ends on the target month's last
  day. This is the rule of Regulation (EEC, Euratom) No 1182/71 art. 3(2)(c) and of Dutch
  practice for terms counted in months or years (e.g. the Awb objection term, art. 6:8).

Weeks have no such ambiguity: :func:`add_weeks` adds 7 days per week.
"""

from __future__ import annotations

from datetime import date, timedelta


def days_in_month(year: int, month: int) -> int:
    """Number of days in ``month`` of ``year`` (February 29 in leap years)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months (may be negative), clamped at month end.

    The day-of-month is kept when the target month has it; otherwise the result is the
    target month's last day: 2025-08-31 + 6 months = 2026-02-28, 2024-08-31 + 6 months =
    2025-02-28, 2023-08-31 + 6 months = 2024-02-29, 2024-01-31 + 1 month = 2024-02-29.
    """
    year, month = _shift_month(day.year, day.month, months)
    return date(year, month, min(day.day, days_in_month(year, month)))


def add_years(day: date, years: int) -> date:
    """``day`` moved ``years`` calendar years; 29 February lands on 28 February.

    2024-02-29 + 1 year = 2025-02-28; 2024-02-29 + 4 years = 2028-02-29;
    2023-02-28 + 1 year = 2024-02-28 (never moved to the leap day).
    """
    return add_months(day, 12 * years)


def add_weeks(day: date, weeks: int) -> date:
    """``day`` plus ``weeks`` × 7 days: the same weekday, ``weeks`` weeks on."""
    return day + timedelta(weeks=weeks)


def period_last_day(first_day: date, months: int) -> date:
    """The last day (inclusive) of a period of ``months`` months starting on ``first_day``.

    The period ends at the end of the day before the same day-of-month ``months`` months
    on. If the target month lacks that day, the period ends on the target month's last day:

    * 2026-05-12, 36 months → 2029-05-11
    * 2026-03-01, 6 months → 2026-08-31
    * 2025-03-01, 36 months → 2028-02-29 (the leap day is inside the last year)
    * 2024-02-29, 36 months → 2027-02-28 (no 29 February in 2027)
    * 2026-03-31, 6 months → 2026-09-30 (no 31 September)

    ``months`` must be at least 1.
    """
    if months < 1:
        raise ValueError(f"a period lasts at least one month, got {months}")
    year, month = _shift_month(first_day.year, first_day.month, months)
    if first_day.day > days_in_month(year, month):
        return date(year, month, days_in_month(year, month))
    return date(year, month, first_day.day) - timedelta(days=1)


def age_on(date_of_birth: date, on: date) -> int:
    """Completed years of age on ``on``.

    A year is completed on the birthday (``add_years`` semantics): someone born on
    29 February completes a year on 28 February in a common year. Raises ``ValueError``
    when ``on`` lies before ``date_of_birth``.
    """
    if on < date_of_birth:
        raise ValueError("the reference date lies before the date of birth")
    years = on.year - date_of_birth.year
    if add_years(date_of_birth, years) > on:
        years -= 1
    return years
