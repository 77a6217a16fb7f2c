"""Who is inburgeringsplichtig according to the data held (Wet art. 3–5; domain/plicht.py)."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.countries import (
    EU_EEA_SWISS,
    EU_MEMBER_STATES,
    is_eu_eea_swiss,
    is_known,
    is_plausible_alpha3,
    normalise,
)
from inburg_desktop.domain.plicht import check_plicht

D = date.fromisoformat
ON = D("2026-03-02")

# Reason codes in order: the deciding reason first.
NON_EU_IN_RANGE = ("nationality_third_country", "age_in_range")
UNDER_16 = ("age_under_16", "nationality_third_country")
AOW_REACHED = ("age_aow", "nationality_third_country")
EU_IN_RANGE = ("nationality_eu_eea_swiss", "age_in_range")
U18 = ("under_18",)

# (date of birth, nationality, on, plichtig, reasons, warnings, id quoting the rule)
PLICHT = [
    ("1994-05-17", "SYR", ON, True, NON_EU_IN_RANGE, (), "art. 3: 16 to AOW age, non-EU"),
    ("2010-03-02", "ERI", ON, True, NON_EU_IN_RANGE, U18, "art. 3: 16 on the 16th birthday"),
    ("2010-03-03", "ERI", ON, False, UNDER_16, (), "art. 3: not yet 16 the day before"),
    ("2008-06-01", "AFG", ON, True, NON_EU_IN_RANGE, U18, "seed: under 18 not plichtig, warn"),
    ("2008-03-02", "AFG", ON, True, NON_EU_IN_RANGE, (), "art. 3: 18 on the birthday, no warning"),
    ("2008-02-29", "IRQ", D("2024-02-29"), True, NON_EU_IN_RANGE, U18, "art. 3: 16 on leap day"),
    ("2008-02-29", "IRQ", D("2024-02-28"), False, UNDER_16, (), "art. 3: born 29 Feb, 15"),
    ("2008-02-29", "IRQ", D("2026-02-27"), True, NON_EU_IN_RANGE, U18, "seed: 29 Feb, still 17"),
    ("2008-02-29", "IRQ", D("2026-02-28"), True, NON_EU_IN_RANGE, (), "seed: 29 Feb, 18 on 28 Feb"),
    ("1958-05-01", "SYR", ON, False, AOW_REACHED, (), "art. 3: AOW age (67) reached"),
    ("1961-01-01", "SYR", D("2028-03-31"), True, NON_EU_IN_RANGE, (), "AOW 7a: day before 67+3"),
    ("1961-01-01", "SYR", D("2028-04-01"), False, AOW_REACHED, (), "AOW 7a: 67+3 reached"),
    (
        "1966-01-01",
        "SYR",
        D("2033-04-01"),
        False,
        AOW_REACHED,
        ("aow_age_provisional",),
        "AOW 7a lid 2: age not fixed yet, warning",
    ),
    ("1990-01-01", "POL", ON, False, EU_IN_RANGE, (), "art. 3: EU nationals not plichtig"),
    ("1990-01-01", "NOR", ON, False, EU_IN_RANGE, (), "art. 3: EEA (Norway) not plichtig"),
    ("1990-01-01", "CHE", ON, False, EU_IN_RANGE, (), "art. 3: Switzerland not plichtig"),
    ("1990-01-01", "NLD", ON, False, ("nationality_dutch", "age_in_range"), (), "Dutch"),
    (
        "1990-01-01",
        "TUR",
        D("2021-01-01"),
        True,
        ("nationality_turkish", "age_in_range"),
        (),
        "seed: Turkish nationals plichtig since 2021-01-01",
    ),
    (
        "1990-01-01",
        "TUR",
        D("2020-12-31"),
        False,
        ("nationality_turkish_before_2021", "age_in_range"),
        (),
        "seed: Turkish nationals not plichtig before 2021",
    ),
    ("1990-01-01", "GBR", ON, True, NON_EU_IN_RANGE, (), "UK left the EU: plichtig"),
    ("1990-01-01", "XXA", ON, True, NON_EU_IN_RANGE, (), "stateless (ICAO XXA): plichtig"),
    (
        "1990-01-01",
        "XXX",
        ON,
        True,
        NON_EU_IN_RANGE,
        ("nationality_unspecified",),
        "unspecified nationality (XXX): warning",
    ),
    ("1990-01-01", " pol ", ON, False, EU_IN_RANGE, (), "lower case code is normalised"),
    (
        "1990-01-01",
        "Syria",
        ON,
        True,
        NON_EU_IN_RANGE,
        ("nationality_invalid",),
        "invalid code: warning",
    ),
    (
        "1950-01-01",
        "DEU",
        ON,
        False,
        ("nationality_eu_eea_swiss", "age_aow"),
        (),
        "both excluded: EU and AOW age",
    ),
]


@pytest.mark.parametrize(
    ("born", "nationality", "on", "plichtig", "reasons", "warnings"),
    [pytest.param(D(b), n, o, p, r, w, id=i) for b, n, o, p, r, w, i in PLICHT],
)
def test_check_plicht(
    born: date,
    nationality: str,
    on: date,
    plichtig: bool,
    reasons: tuple[str, ...],
    warnings: tuple[str, ...],
) -> None:
    check = check_plicht(born, nationality, on)
    assert check.plichtig is plichtig
    assert tuple(r.code for r in check.reasons) == reasons
    assert tuple(w.code for w in check.warnings) == warnings


def test_reasons_render_with_their_placeholders() -> None:
    check = check_plicht(D("2009-01-10"), "SYR", ON)
    rendered = [r.render() for r in (*check.reasons, *check.warnings)]
    assert "Volgens de vastgelegde gegevens is de nationaliteit SYR" in rendered[0]
    assert "leeftijd 17 jaar" in rendered[1]
    assert "67 jaar en 3 maanden" in rendered[1]
    assert "2027-01-10" in rendered[2]  # turns 18
    for text in rendered:
        assert "{" not in text


def test_turkish_reason_says_since_2021() -> None:
    check = check_plicht(D("1990-01-01"), "TUR", ON)
    assert "1 januari 2021" in check.reasons[0].render()


def test_date_of_birth_after_reference_date_is_flagged_not_raised() -> None:
    check = check_plicht(D("2026-03-03"), "SYR", ON)
    assert not check.plichtig
    assert [w.code for w in check.warnings] == ["date_of_birth_after_reference"]
    assert "2026-03-03" in check.reasons[0].render()


# countries.py: the EU 27 + Iceland, Liechtenstein, Norway + Switzerland.
def test_eu_eea_swiss_list() -> None:
    assert len(EU_MEMBER_STATES) == 27
    assert len(EU_EEA_SWISS) == 31
    assert {"ISL", "LIE", "NOR", "CHE"} <= EU_EEA_SWISS
    assert "GBR" not in EU_EEA_SWISS
    assert "TUR" not in EU_EEA_SWISS
    assert all(is_plausible_alpha3(code) and is_known(code) for code in EU_EEA_SWISS)


@pytest.mark.parametrize(
    ("code", "plausible"),
    [
        ("SYR", True),
        ("syr", False),
        ("SY", False),
        ("SYRI", False),
        ("S1R", False),
        ("", False),
        ("ÉTA", False),
    ],
)
def test_is_plausible_alpha3(code: str, plausible: bool) -> None:
    assert is_plausible_alpha3(code) is plausible


def test_normalise() -> None:
    assert normalise(" nld\n") == "NLD"
    assert is_eu_eea_swiss(normalise("nld"))


born = st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31))
codes = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3)


@given(born, codes)
def test_eu_eea_swiss_nationals_are_never_plichtig(dob: date, code: str) -> None:
    check = check_plicht(dob, code, date(2026, 1, 1))
    if code in EU_EEA_SWISS:
        assert not check.plichtig
    assert check.reasons  # always explained


@given(born)
def test_under_16_never_plichtig_and_under_18_always_warned(dob: date) -> None:
    check = check_plicht(dob, "SYR", date(2026, 1, 1))
    age = 2026 - dob.year - ((dob.month, dob.day) > (1, 1))
    if age < 16:
        assert not check.plichtig
    elif age < 18:
        assert check.plichtig
        assert "under_18" in {w.code for w in check.warnings}
