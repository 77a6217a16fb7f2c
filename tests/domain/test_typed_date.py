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


# --- six digits and digits of other scripts (attack round 3, finding 6) ------------------

ZEROS = {
    "Arabic-Indic": 0x0660,
    "Extended Arabic-Indic": 0x06F0,
    "NKo": 0x07C0,
    "Devanagari": 0x0966,
    "mathematical bold": 0x1D7CE,
    "fullwidth": 0xFF10,
}
"""The digit zero of scripts whose digits Python's ``int()`` and ``re``'s ``\\d`` read."""


def in_script(text: str, zero: int, where: set[int] | None = None) -> str:
    """``text`` with its ASCII digits (those at the positions in ``where``, or all)
    written in the script whose zero is ``zero``."""
    return "".join(
        chr(zero + int(c)) if c.isdigit() and (where is None or i in where) else c
        for i, c in enumerate(text)
    )


SIX_DIGITS = st.one_of(
    st.from_regex(r"[0-9]{6}", fullmatch=True),
    # the readable ones: a day and a month of one digit and a year in range (dmjjjj)
    DATES.filter(lambda d: d.day < 10 and d.month < 10).map(lambda d: f"{d.day}{d.month}{d.year}"),
)


@given(SIX_DIGITS)
def test_six_digits_are_never_read_as_a_date(digits: str) -> None:
    with pytest.raises(DateTypedRefused) as refused:
        read_typed_date(digits)
    assert refused.value.code in ("date_typed_six_digits", "date_typed_two_digit_year")


def test_six_digits_name_the_forms_that_are_read() -> None:
    with pytest.raises(DateTypedRefused) as refused:
        read_typed_date("121990")
    said = error_text(refused.value)
    assert refused.value.code == "date_typed_six_digits"
    assert "1-2-1990" in said and "01021990" in said
    assert read_typed_date("1-2-1990") == read_typed_date("01021990") == date(1990, 2, 1)


@given(
    DATES,
    st.sampled_from(sorted(ZEROS.values())),
    st.sets(st.integers(0, 9), min_size=1),
    st.sampled_from(["{d:02}{m:02}{y}", "{d}-{m}-{y}", "{d} maart {y}", "{y}-{m:02}-{d:02}"]),
)
def test_digits_of_another_script_are_refused_whole_or_mixed(
    value: date, zero: int, where: set[int], pattern: str
) -> None:
    text = pattern.format(d=value.day, m=value.month, y=value.year)
    digit_places = {i for i, c in enumerate(text) if c.isdigit()}
    if not where & digit_places:
        where = {min(digit_places)}
    with pytest.raises(DateTypedRefused) as refused:
        read_typed_date(in_script(text, zero, where))
    assert refused.value.code == "date_typed_foreign_digits"
    assert "0 tot en met 9" in error_text(refused.value)


@pytest.mark.parametrize(
    "text", ["1٢0٣1990", "߁߂-3-1990", "𝟏𝟐-3-1990", "12-3-１９９０", "١٢-٣-١٩٩٠", "12-3-199²"]
)
def test_the_attack_rounds_dates_are_refused_naming_the_digit(text: str) -> None:
    with pytest.raises(DateTypedRefused) as refused:
        read_typed_date(text)
    assert refused.value.code == "date_typed_foreign_digits"
    foreign = next(c for c in text if not c.isascii())
    assert f"U+{ord(foreign):04X}" in error_text(refused.value)
