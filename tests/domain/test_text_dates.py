"""``nl_date`` is written out by hand for speed: it must say exactly what CLDR says."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.text import nl_date


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_nl_date_is_cldr_dutch(day: date) -> None:
    assert nl_date(day) == format_date(day, "d MMMM y", locale="nl")


def test_every_month() -> None:
    for month in range(1, 13):
        day = date(2027, month, 1)
        assert nl_date(day) == format_date(day, "d MMMM y", locale="nl")
