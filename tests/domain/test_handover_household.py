"""A handover's household by the case's household rules (attack round 4, findings 3 and
11): a child born in 2090, a "sponsor" and a "referent" (both the referent) and 51
members were imported or refused with a message that said something else ("moet een
lijst zijn"); a date in Arabic-Indic digits said "bestaat niet als datum". Each is now
refused naming the member's field and what is wrong."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.domain.handover import HandoverError, parse_handover

VALID: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)
TODAY = date(2026, 11, 30)


def with_household(members: object) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(VALID))
    doc["household"] = members
    return doc


@pytest.mark.parametrize(
    ("members", "key", "problem"),
    [
        pytest.param(
            [{"relation": "child", "date_of_birth": "2090-05-01"}],
            "household[0].date_of_birth",
            "ligt in de toekomst",
            id="child-born-2090",
        ),
        pytest.param(
            [{"relation": "child", "date_of_birth": "2026-12-01"}],
            "household[0].date_of_birth",
            "ligt in de toekomst",
            id="born-tomorrow",
        ),
        pytest.param(
            [{"relation": "sponsor"}, {"relation": "spouse"}, {"relation": "referent"}],
            "household[2].relation",
            "is de tweede referent (ook gezinslid 1); hoogstens één",
            id="sponsor-and-referent",
        ),
        pytest.param(
            [{"relation": "child"}] * 51,
            "household",
            "te veel gezinsleden (hoogstens 50)",
            id="51-members",
        ),
        pytest.param(
            [{"relation": "child", "date_of_birth": "٢٠١٩-04-01"}],
            "household[0].date_of_birth",
            "bevat ٢ (U+0662), een cijfer uit een ander schrift; alleen 0-9",
            id="arabic-indic-digits",
        ),
        pytest.param(
            [{"relation": "child", "date_of_birth": "2019-W14-1"}],
            "household[0].date_of_birth",
            "moet een datum zijn als JJJJ-MM-DD",
            id="week-date",
        ),
    ],
)
def test_a_household_the_rules_refuse_is_not_imported(
    members: object, key: str, problem: str
) -> None:
    with pytest.raises(HandoverError) as refused:
        parse_handover(with_household(members), today=TODAY)
    assert refused.value.key == key
    assert refused.value.problem == problem


def test_a_household_within_the_rules_is_imported() -> None:
    members = [{"relation": "sponsor"}, {"relation": "child", "date_of_birth": "2026-11-30"}]
    members += [{"relation": "child"}] * 48
    handover = parse_handover(with_household(members), today=TODAY)
    assert len(handover.household) == 50


def test_a_person_date_in_other_digits_names_the_digit() -> None:
    doc: dict[str, Any] = json.loads(json.dumps(VALID))
    doc["person"]["date_of_birth"] = "1990-0١-01"
    with pytest.raises(HandoverError) as refused:
        parse_handover(doc, today=TODAY)
    assert refused.value.key == "person.date_of_birth"
    assert "U+0661" in refused.value.problem
