"""Who is inburgeringsplichtig according to the data held (Wet art. 3–5; domain/plicht.py)."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.case import ResidenceBasis
from inburg_desktop.domain.countries import (
    EU_EEA_SWISS,
    EU_MEMBER_STATES,
    is_eu_eea_swiss,
    is_known,
    is_plausible_alpha3,
    normalise,
)
from inburg_desktop.domain.plicht import check_plicht, plicht_ends_on

D = date.fromisoformat
ON = D("2026-03-02")
ASIEL = ResidenceBasis.ASIEL
GEZIN = ResidenceBasis.GEZIN
EU_FAM = ResidenceBasis.EU_FAMILIELID
TIJDELIJK = ResidenceBasis.TIJDELIJK_DOEL
OVERIG = ResidenceBasis.OVERIG

# Reason codes in order: the deciding reason first.
NON_EU = "nationality_third_country"
IN_RANGE = "age_in_range"
RES = "residence_permanent"
NON_EU_IN_RANGE = (NON_EU, RES, IN_RANGE)
UNDER_16 = ("age_under_16", NON_EU, RES)
AOW_REACHED = ("age_aow", NON_EU, RES)
EU_IN_RANGE = ("nationality_eu_eea_swiss", IN_RANGE)
TUR = "nationality_turkish"
U18 = ("under_18",)
UNKNOWN = ("residence_basis_unknown",)

# (date of birth, nationality, residence basis, permit since, on, plichtig, reasons,
#  warnings, id quoting the rule)
PLICHT = [
    ("1994-05-17", "SYR", ASIEL, None, ON, True, NON_EU_IN_RANGE, (), "Wet art. 3: 16 to AOW"),
    ("2010-03-02", "ERI", ASIEL, None, ON, True, NON_EU_IN_RANGE, U18, "art. 3: 16th birthday"),
    ("2010-03-03", "ERI", ASIEL, None, ON, False, UNDER_16, (), "art. 3: not yet 16"),
    ("2008-06-01", "AFG", ASIEL, None, ON, True, NON_EU_IN_RANGE, U18, "Wet art. 4: under 18"),
    ("2008-03-02", "AFG", ASIEL, None, ON, True, NON_EU_IN_RANGE, (), "art. 4: 18 on birthday"),
    ("2008-02-29", "IRQ", ASIEL, None, D("2024-02-29"), True, NON_EU_IN_RANGE, U18,
     "art. 3: 16 on the leap day"),
    ("2008-02-29", "IRQ", ASIEL, None, D("2024-02-28"), False, UNDER_16, (),
     "art. 3: born 29 Feb, 15 the day before"),
    ("2008-02-29", "IRQ", ASIEL, None, D("2026-02-28"), True, NON_EU_IN_RANGE, U18,
     "Counting periods: born 29 Feb, still 17 on 28 Feb"),
    ("2008-02-29", "IRQ", ASIEL, None, D("2026-03-01"), True, NON_EU_IN_RANGE, (),
     "Counting periods: born 29 Feb, 18 on 1 March"),
    ("1958-05-01", "SYR", ASIEL, None, ON, False, AOW_REACHED, (), "art. 3: AOW age (67)"),
    ("1961-01-01", "SYR", ASIEL, None, D("2028-03-31"), True, NON_EU_IN_RANGE, (),
     "AOW art. 7a: the day before 67+3 months"),
    ("1961-01-01", "SYR", ASIEL, None, D("2028-04-01"), False, AOW_REACHED, (),
     "AOW art. 7a: 67+3 months reached"),
    ("1961-01-31", "SYR", ASIEL, None, D("2028-04-30"), True, NON_EU_IN_RANGE, (),
     "AOW art. 7a, Counting periods: no 31 April, still plichtig on 30 April"),
    ("1966-01-01", "SYR", ASIEL, None, D("2033-04-01"), False, AOW_REACHED,
     ("aow_age_provisional",), "AOW art. 7a lid 2: age not fixed yet, warning"),
    ("1990-01-01", "POL", None, None, ON, False, EU_IN_RANGE, (), "art. 3 lid 2 a: EU"),
    ("1990-01-01", "NOR", None, None, ON, False, EU_IN_RANGE, (), "art. 3 lid 2 a: EEA"),
    ("1990-01-01", "CHE", None, None, ON, False, EU_IN_RANGE, (), "art. 3 lid 2 a: CH"),
    ("1990-01-01", "NLD", None, None, ON, False, ("nationality_dutch", IN_RANGE), (), "Dutch"),
    ("1990-01-01", "SYR", EU_FAM, None, ON, False, ("residence_eu_family", NON_EU, IN_RANGE),
     (), "Wet art. 3 lid 2 b: EU family member"),
    ("1990-01-01", "IND", TIJDELIJK, None, ON, False,
     ("residence_temporary", NON_EU, IN_RANGE), (), "Besluit art. 2.2: temporary purpose"),
    ("1990-01-01", "MAR", GEZIN, None, ON, True, NON_EU_IN_RANGE, (), "art. 3: gezin"),
    ("1990-01-01", "USA", OVERIG, None, ON, True, NON_EU_IN_RANGE, (), "art. 3: overig"),
    ("1990-01-01", "SYR", None, None, ON, True, (NON_EU, IN_RANGE), UNKNOWN,
     "basis unknown: a warning, not a guess"),
    ("1990-01-01", "TUR", GEZIN, None, D("2021-06-01"), False,
     ("turkish_before_2022", TUR, RES, IN_RANGE), (),
     "DOMAIN Turkish: gezinsmigrant on 2021-06-01 not plichtig (issue example)"),
    ("1990-01-01", "TUR", GEZIN, D("2022-03-01"), ON, True, (TUR, RES, IN_RANGE), (),
     "DOMAIN Turkish: plicht arising after 2022-01-01"),
    ("1990-01-01", "TUR", GEZIN, D("2021-12-31"), ON, False,
     ("turkish_permit_before_2022", TUR, RES, IN_RANGE), (),
     "DOMAIN Turkish: permit held on 2022-01-01"),
    ("1990-01-01", "TUR", ASIEL, D("2020-06-01"), ON, False,
     ("turkish_asiel_old_law", TUR, RES, IN_RANGE), (),
     "DOMAIN Turkish: asielstatushouder, old law since 2020-05-01"),
    ("1990-01-01", "TUR", ASIEL, D("2020-04-30"), ON, False,
     ("turkish_permit_before_2022", TUR, RES, IN_RANGE), (),
     "DOMAIN Turkish: asielstatushouder before 2020-05-01, never plichtig"),
    ("1990-01-01", "TUR", ASIEL, None, ON, True, (TUR, RES, IN_RANGE), ("permit_since_unknown",),
     "DOMAIN Turkish: permit date unknown, warning"),
    ("1990-01-01", "SYR", ASIEL, D("2021-11-30"), ON, False, ("old_law", *NON_EU_IN_RANGE), (),
     "DOMAIN: plicht before 2022-01-01 falls under the old law"),
    ("2007-06-01", "SYR", ASIEL, D("2021-11-30"), ON, True, NON_EU_IN_RANGE, (),
     "art. 3: turned 16 after 2022-01-01, so the plicht arose under this law"),
    ("1990-01-01", "SYR", ASIEL, None, D("2021-12-31"), False,
     ("law_not_in_force", *NON_EU_IN_RANGE), (), "Wet inburgering 2021 from 2022-01-01"),
    ("1990-01-01", "GBR", OVERIG, None, ON, True, NON_EU_IN_RANGE, (), "UK left the EU"),
    ("1990-01-01", "XXA", ASIEL, None, ON, True, NON_EU_IN_RANGE, (), "stateless (ICAO XXA)"),
    ("1990-01-01", "XXX", ASIEL, None, ON, True, NON_EU_IN_RANGE, ("nationality_unspecified",),
     "unspecified nationality (XXX): warning"),
    ("1990-01-01", " pol ", None, None, ON, False, EU_IN_RANGE, (), "lower case normalised"),
    ("1990-01-01", "Syria", ASIEL, None, ON, True, NON_EU_IN_RANGE, ("nationality_invalid",),
     "invalid code: warning"),
    ("1950-01-01", "DEU", None, None, ON, False, ("nationality_eu_eea_swiss", "age_aow"), (),
     "both excluded: EU and AOW age"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("born", "nationality", "basis", "permit", "on", "plichtig", "reasons", "warnings"),
    [pytest.param(D(b), n, r, p, o, pl, rs, w, id=i) for b, n, r, p, o, pl, rs, w, i in PLICHT],
)
def test_check_plicht(
    born: date,
    nationality: str,
    basis: ResidenceBasis | None,
    permit: date | None,
    on: date,
    plichtig: bool,
    reasons: tuple[str, ...],
    warnings: tuple[str, ...],
) -> None:
    check = check_plicht(born, nationality, on, residence_basis=basis, permit_since=permit)
    assert check.plichtig is plichtig
    assert check.codes == reasons
    assert check.warning_codes == warnings
    assert (check.plicht_ends_on is not None) is plichtig


# The plicht ends at the AOW age (Wet art. 3): its last day is the day before.
PLICHT_ENDS = [
    ("1961-01-01", "2028-03-31", "AOW 67+3 months: the day before 2028-04-01"),
    ("1961-01-31", "2028-04-30", "no 31 April: AOW age reached on 1 May"),
    ("1960-02-29", "2027-02-28", "born 29 Feb, 67 on 1 March 2027"),
    ("1957-03-01", "2024-02-29", "67 on 2024-03-01: last day the leap day"),
]


@pytest.mark.parametrize(
    ("born", "last"), [pytest.param(D(b), D(e), id=i) for b, e, i in PLICHT_ENDS]
)
def test_plicht_ends_on(born: date, last: date) -> None:
    assert plicht_ends_on(born) == last


def test_reasons_render_with_their_placeholders() -> None:
    check = check_plicht(D("2009-01-10"), "SYR", ON, residence_basis=ASIEL)
    rendered = [r.render() for r in (*check.reasons, *check.warnings)]
    # The country by name, never its code (usability round 2 finding 13: "SYR" in sentences)
    assert "Volgens de vastgelegde gegevens is het land van nationaliteit Syrië" in rendered[0]
    assert "SYR" not in rendered[0]
    eu = check_plicht(D("1990-01-10"), "DEU", ON).reasons[0].render()
    assert "nationaliteit Duitsland (EU" in eu
    assert "leeftijd 17 jaar" in rendered[2]
    assert "67 jaar en 3 maanden" in rendered[2]
    assert "10 januari 2027" in rendered[3]  # turns 18
    for text in rendered:
        assert "{" not in text


def test_provisional_aow_age_is_said_wherever_it_is_shown() -> None:
    fixed = check_plicht(D("1964-09-30"), "SYR", ON, residence_basis=ASIEL)
    later = check_plicht(D("1964-10-01"), "SYR", ON, residence_basis=ASIEL)
    assert not fixed.aow_provisional and later.aow_provisional
    assert "voorlopig" not in fixed.reasons[-1].render()
    assert "voorlopig" in later.reasons[-1].render()


def test_no_text_says_turkish_nationals_were_plichtig_since_2021() -> None:
    for on in (D("2021-06-01"), ON):
        check = check_plicht(D("1990-01-01"), "TUR", on, residence_basis=GEZIN)
        for text in (r.render() for r in (*check.reasons, *check.warnings)):
            assert "januari 2021" not in text and "2021-01-01" not in text


def test_date_of_birth_after_reference_date_is_flagged_not_raised() -> None:
    check = check_plicht(D("2026-03-03"), "SYR", ON)
    assert not check.plichtig
    assert [w.code for w in check.warnings] == ["date_of_birth_after_reference"]
    assert "3 maart 2026" in check.reasons[0].render()


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
    check = check_plicht(dob, code, date(2026, 1, 1), residence_basis=ASIEL)
    if code in EU_EEA_SWISS:
        assert not check.plichtig
    assert check.reasons  # always explained


@given(born)
def test_under_16_never_plichtig_and_under_18_always_warned(dob: date) -> None:
    check = check_plicht(dob, "SYR", date(2026, 1, 1), residence_basis=ASIEL)
    age = 2026 - dob.year - ((dob.month, dob.day) > (1, 1))
    if age < 16:
        assert not check.plichtig
    elif age < 18:
        assert check.plichtig
        assert "under_18" in {w.code for w in check.warnings}
