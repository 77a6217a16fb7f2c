"""The one date parser (``domain/typed_date.py``): every usual Dutch way of typing a date
reads as that date, and anything that is not exactly one existing date is refused with
its reason (usability round 2 finding 14: ``12031990`` was refused)."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.typed_date import (
    FIRST_YEAR,
    LAST_YEAR,
    MONTH_NAMES,
    DateTypedRefused,
    read_typed_date,
)
from inburg_desktop.messages import error_text

DATES = st.dates(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))
NAMES_OF = {number: [n for n, m in MONTH_NAMES.items() if m == number] for number in range(1, 13)}


def ways_of_typing(value: date) -> list[str]:
    d, m, y = value.day, value.month, value.year
    ways = [f"{d:02}{m:02}{y}", f"{y}-{m:02}-{d:02}", f"{y}-{m}-{d}"]
    for sep in "-/. ":
        ways += [f"{d}{sep}{m}{sep}{y}", f"{d:02}{sep}{m:02}{sep}{y}"]
    ways += [f"{d} {name} {y}" for name in NAMES_OF[m]]
    ways += [f"{d}-{name.capitalize()}-{y}" for name in NAMES_OF[m]]
    return ways


@given(DATES)
def test_every_usual_way_of_typing_a_date_reads_as_that_date(value: date) -> None:
    for text in ways_of_typing(value):
        assert read_typed_date(f"  {text} ") == value, text


@given(DATES)
def test_seven_digits_are_read_only_when_they_can_mean_one_date(value: date) -> None:
    d, m, y = value.day, value.month, value.year
    if d >= 10 and m >= 10:
        return
    text = f"{d}{m:02}{y}" if d < 10 else f"{d}{m}{y}"
    readings = set()
    for day, month in ((text[:1], text[1:3]), (text[:2], text[2:3])):
        with contextlib.suppress(ValueError):
            readings.add(date(int(text[3:]), int(month), int(day)))
    if len(readings) == 2:
        with pytest.raises(DateTypedRefused) as refused:
            read_typed_date(text)
        assert refused.value.code == "date_typed_ambiguous"
    else:
        assert read_typed_date(text) == value


@given(st.text(max_size=30))
def test_any_text_is_a_date_in_range_none_or_refused_with_a_reason(text: str) -> None:
    try:
        found = read_typed_date(text)
    except DateTypedRefused as refused:
        assert refused.code.startswith("date_typed_")
        assert error_text(refused)  # a sentence in the catalogue
    else:
        assert found is None or FIRST_YEAR <= found.year <= LAST_YEAR
        assert (found is None) == (not text.strip())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("15-06", "date_typed_incomplete"),
        ("15 juno 2021", "date_typed_incomplete"),
        ("15-06-21", "date_typed_two_digit_year"),
        ("12-3-90", "date_typed_two_digit_year"),
        ("120390", "date_typed_two_digit_year"),
        ("1111990", "date_typed_ambiguous"),
        ("31-02-2021", "date_typed_no_such_date"),
        ("31022021", "date_typed_no_such_date"),
        ("29-2-2023", "date_typed_no_such_date"),
        ("12-03-1890", "date_typed_out_of_range"),
        ("12031890", "date_typed_out_of_range"),
        ("1990-13-01", "date_typed_no_such_date"),
        ("15-11-00006-2021", "date_typed_incomplete"),
    ],
)
def test_ambiguous_or_impossible_dates_are_refused_with_their_reason(text: str, code: str) -> None:
    with pytest.raises(DateTypedRefused) as refused:
        read_typed_date(text)
    assert refused.value.code == code


def test_the_reasons_say_what_to_type() -> None:
    with pytest.raises(DateTypedRefused) as refused:
        read_typed_date("1111990")
    assert "1-11-1990" in error_text(refused.value) and "11-1-1990" in error_text(refused.value)
    with pytest.raises(DateTypedRefused) as refused:
        read_typed_date("12-3-90")
    assert "vier cijfers" in error_text(refused.value)


def test_eight_digits_in_iso_order_are_read_too() -> None:
    assert read_typed_date("19900312") == date(1990, 3, 12)
    assert read_typed_date("12031990") == date(1990, 3, 12)
