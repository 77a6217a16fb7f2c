"""Municipalities sharing one office (domain/gemeente.py).

The rules quoted: a gemeente is known by its CBS gemeentecode; a case belongs to exactly
one gemeente, the college that sets its PIP (Wet art. 15 lid 1); a consultant may work for
several gemeenten of the office (issue 16, "Several municipalities, one office").
"""

from __future__ import annotations

import pytest

from inburg_desktop.domain.gemeente import (
    SEED_GEMEENTEN,
    SEED_KANTOOR,
    Gemeente,
    GemeenteError,
    Kantoor,
    case_gemeente,
    consulent,
    gemeentecode,
    may_work_on,
)

# (input, canonical code or None when refused, id)
CODES = [
    ("GM0629", "GM0629", "CBS spelling"),
    ("gm0629", "GM0629", "lower case forgiven"),
    (" 0629 ", "GM0629", "bare four digits with blanks"),
    ("1916", "GM1916", "Leidschendam-Voorburg"),
    ("629", None, "leading zero missing"),
    ("GM06290", None, "five digits"),
    ("GM0000", None, "0000 is no municipality"),
    ("GM 0629", None, "a space inside"),
    ("GM０６２９", None, "full-width digits are not CBS digits"),
    ("", None, "empty"),
    (629, None, "an int, not text"),
    (None, None, "nothing"),
]


@pytest.mark.parametrize(("value", "expected"), [pytest.param(v, e, id=i) for v, e, i in CODES])
def test_gemeentecode(value: object, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(GemeenteError) as caught:
            gemeentecode(value)
        assert caught.value.reason.code == "gemeentecode_invalid"
        assert "GM0629" in caught.value.reason.render()
    else:
        assert gemeentecode(value) == expected


def test_seed_office_serves_three_municipalities() -> None:
    assert {g.naam for g in SEED_GEMEENTEN} == {"Leidschendam-Voorburg", "Voorschoten", "Wassenaar"}
    assert SEED_KANTOOR.codes == {"GM1916", "GM0626", "GM0629"}


@pytest.mark.parametrize(
    ("code", "naam", "reason"),
    [
        ("0629", "Wassenaar", "gemeentecode_invalid"),  # the dataclass takes only canonical
        ("GM0629", "", "gemeente_naam_invalid"),
        ("GM0629", " Wassenaar", "gemeente_naam_invalid"),
        ("GM0629", "Wassen\u202eaar", "gemeente_naam_invalid"),
        ("GM0629", "W" * 101, "gemeente_naam_invalid"),
    ],
)
def test_gemeente_refused(code: str, naam: str, reason: str) -> None:
    with pytest.raises(GemeenteError) as caught:
        Gemeente(code, naam)
    assert caught.value.reason.code == reason


def test_office_refuses_a_gemeente_twice() -> None:
    with pytest.raises(GemeenteError) as caught:
        Kantoor((Gemeente("GM0629", "Wassenaar"), Gemeente("GM0629", "Wassenaar-Noord")))
    assert caught.value.reason.code == "gemeente_dubbel"
    with pytest.raises(GemeenteError) as caught:
        Kantoor((Gemeente("GM0629", "Wassenaar"), Gemeente("GM0630", "WASSENAAR")))
    assert caught.value.reason.code == "gemeente_dubbel"
    with pytest.raises(GemeenteError) as caught:
        Kantoor(())
    assert caught.value.reason.code == "kantoor_leeg"


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("Wassenaar", "GM0629"),
        ("wassenaar", "GM0629"),
        ("leidschendam-voorburg", "GM1916"),
        ("GM0626", "GM0626"),
        ("0626", "GM0626"),
    ],
)
def test_office_finds_by_name_or_code(asked: str, found: str) -> None:
    assert SEED_KANTOOR.find(asked).code == found


def test_office_names_what_it_serves_for_an_unknown_gemeente() -> None:
    with pytest.raises(GemeenteError) as caught:
        SEED_KANTOOR.find("Leiden")
    assert caught.value.reason.code == "gemeente_onbekend"
    assert "Wassenaar (GM0629)" in caught.value.reason.render()


def test_a_case_belongs_to_exactly_one_gemeente_of_the_office() -> None:
    assert case_gemeente("0629", SEED_KANTOOR) == Gemeente("GM0629", "Wassenaar")
    with pytest.raises(GemeenteError) as caught:
        case_gemeente("GM0546", SEED_KANTOOR)  # Leiden: a real code, not this office's
    assert caught.value.reason.code == "gemeente_onbekend"
    with pytest.raises(GemeenteError):
        case_gemeente(["GM0629", "GM0626"], SEED_KANTOOR)  # never a list


def test_a_consultant_may_work_for_several_gemeenten() -> None:
    who = consulent("j.de.vries", ["GM0629", "0626"], SEED_KANTOOR)
    assert may_work_on(who, "GM0629")
    assert may_work_on(who, "GM0626")
    assert not may_work_on(who, "GM1916")
    with pytest.raises(GemeenteError) as caught:
        consulent("j.de.vries", [], SEED_KANTOOR)
    assert caught.value.reason.code == "consulent_zonder_gemeente"
    with pytest.raises(GemeenteError) as caught:
        consulent("j.de.vries", ["GM0546"], SEED_KANTOOR)
    assert caught.value.reason.code == "gemeente_onbekend"
