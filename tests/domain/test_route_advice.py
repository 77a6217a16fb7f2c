"""Leerroute advice, table-driven: each row the inputs, the advised route and its reason codes.

Rules quoted from INSTRUMENTS.md ("Leerbaarheidstoets", "Language level and literacy"),
DOMAIN.md ("Leerroutes"; Wet art. 7 the three routes, art. 14 lid 6 test not taken) and the
seed ("jongeren tot 28 jaar ... onderwijsroute"). Advice only: AVG art. 22.
"""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from inburg_desktop.domain import calendar
from inburg_desktop.domain.calendar import age_on
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.route_advice import (
    ADVICE_ONLY,
    Diploma,
    ErkNiveau,
    Geletterdheid,
    RouteAdvice,
    RouteAdviceInput,
    RouteAdviceSettings,
    RouteWens,
    ToetsUitkomst,
    advise_route,
    pass_mark_on,
)

ON = date(2026, 3, 1)
OLDER = date(1980, 6, 1)  # 45 on ON
YOUNG = date(2002, 1, 1)  # 24 on ON
A1 = dict.fromkeys(("lezen", "luisteren", "spreken", "schrijven"), ErkNiveau.A1)
A2 = dict.fromkeys(("lezen", "luisteren", "spreken", "schrijven"), ErkNiveau.A2)

# A complete intake of a 45-year-old: test passed, schooled, literate, A1, wishes B1.
BASE = RouteAdviceInput(
    advice_date=ON,
    date_of_birth=OLDER,
    toets_uitkomst=ToetsUitkomst.HAALBAAR,
    toets_score=33,
    toets_datum=date(2025, 11, 3),
    opleiding_jaren=12,
    hoogste_diploma=Diploma.VOORTGEZET_ONDERWIJS,
    geletterdheid=Geletterdheid.GELETTERD,
    erk=A1,
    wens=RouteWens.B1,
)
NIET = ToetsUitkomst.NIET_HAALBAAR
NOT_TAKEN = ToetsUitkomst.NIET_AFGENOMEN
B1, OND, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z


def row(
    name: str,
    changes: dict[str, Any],
    route: Leerroute | None,
    codes: tuple[str, ...],
    second_look: bool = False,
) -> pytest.ParameterSet:
    return pytest.param(replace(BASE, **changes), route, codes, second_look, id=name)


TABLE = [
    # --- INSTRUMENTS.md, Leerbaarheidstoets: B1-route "haalbaar" / "niet haalbaar" ---
    row("haalbaar-wish-b1", {}, B1, ("toets_haalbaar", "wish_matches")),
    row(
        "niet-haalbaar-z-route",
        {"toets_uitkomst": NIET, "toets_score": 20, "wens": RouteWens.Z},
        Z,
        ("toets_niet_haalbaar", "wish_matches"),
    ),
    # "people scoring 28-30 but marked niet haalbaar deserve a second look"
    row(
        "28-30-niet-haalbaar-after-12-april-2023",
        {
            "toets_uitkomst": NIET,
            "toets_score": 29,
            "toets_datum": date(2024, 5, 1),
            "wens": RouteWens.GEEN_VOORKEUR,
        },
        Z,
        ("toets_niet_haalbaar", "second_look_28_30", "wish_none"),
        True,
    ),
    row(
        "28-30-niet-haalbaar-before-12-april-2023",
        {"toets_uitkomst": NIET, "toets_score": 30, "toets_datum": date(2023, 1, 10)},
        Z,
        ("toets_niet_haalbaar", "second_look_28_30", "wish_differs"),
        True,
    ),
    # "pass mark 28/40 since 12 April 2023 (31/40 before)"
    row(
        "score-only-28-on-12-april-2023-passes",
        {"toets_uitkomst": None, "toets_score": 28, "toets_datum": date(2023, 4, 12)},
        B1,
        ("toets_outcome_from_score", "toets_haalbaar", "wish_matches"),
    ),
    row(
        "score-only-29-on-11-april-2023-fails-at-31",
        {"toets_uitkomst": None, "toets_score": 29, "toets_datum": date(2023, 4, 11)},
        Z,
        ("toets_outcome_from_score", "toets_niet_haalbaar", "second_look_28_30", "wish_differs"),
        True,
    ),
    row(
        "score-only-31-before-passes",
        {"toets_uitkomst": None, "toets_score": 31, "toets_datum": date(2022, 9, 1)},
        B1,
        ("toets_outcome_from_score", "toets_haalbaar", "wish_matches"),
    ),
    row(
        "score-30-date-unknown-assumes-28",
        {"toets_uitkomst": None, "toets_score": 30, "toets_datum": None},
        B1,
        ("toets_date_unknown", "toets_outcome_from_score", "toets_haalbaar", "wish_matches"),
    ),
    row(
        "haalbaar-below-pass-mark",
        {"toets_score": 20},
        B1,
        ("toets_haalbaar", "score_below_pass_mark", "wish_matches"),
        True,
    ),
    row(
        "niet-haalbaar-above-pass-mark",
        {"toets_uitkomst": NIET, "toets_score": 35},
        Z,
        ("toets_niet_haalbaar", "score_above_pass_mark", "wish_differs"),
        True,
    ),
    row(
        "no-toets-no-advice",
        {"toets_uitkomst": None, "toets_score": None, "toets_datum": None},
        None,
        ("missing_toets", "no_advice"),
    ),
    # --- Wet art. 14 lid 6: test not taken (visual or auditory impairment) ---
    row(
        "not-taken-analfabeet-little-schooling",
        {
            "toets_uitkomst": NOT_TAKEN,
            "toets_score": None,
            "opleiding_jaren": 2,
            "hoogste_diploma": Diploma.GEEN,
            "geletterdheid": Geletterdheid.ANALFABEET,
            "wens": RouteWens.GEEN_VOORKEUR,
        },
        Z,
        ("toets_niet_afgenomen", "low_schooling_analfabeet", "alfabetisering_first", "wish_none"),
    ),
    row(
        "not-taken-schooled",
        {"toets_uitkomst": NOT_TAKEN, "toets_score": None},
        B1,
        ("toets_niet_afgenomen", "intake_suggests_learnable", "wish_matches"),
    ),
    row(
        "not-taken-too-little-known",
        {
            "toets_uitkomst": NOT_TAKEN,
            "toets_score": None,
            "opleiding_jaren": None,
            "hoogste_diploma": Diploma.ONBEKEND,
            "geletterdheid": None,
        },
        None,
        ("toets_niet_afgenomen", "missing_education", "missing_literacy", "no_advice"),
    ),
    # --- DOMAIN.md Leerroutes / seed: onderwijsroute "encouraged under 28" ---
    row(
        "under-28-onderwijs",
        {"date_of_birth": YOUNG, "wens": RouteWens.GEEN_VOORKEUR},
        OND,
        ("toets_haalbaar", "under_28_onderwijs", "wish_none"),
    ),
    row(
        "under-28-wishes-b1-discuss",
        {"date_of_birth": YOUNG},
        OND,
        ("toets_haalbaar", "under_28_onderwijs", "wish_differs"),
    ),
    row(
        "27-the-day-before-28th-birthday",
        {"date_of_birth": date(1998, 3, 2), "wens": RouteWens.ONDERWIJS},
        OND,
        ("toets_haalbaar", "under_28_onderwijs", "wish_matches"),
    ),
    row(
        "28-on-birthday-no-longer-under-28",
        {"date_of_birth": date(1998, 3, 1), "wens": RouteWens.GEEN_VOORKEUR},
        B1,
        ("toets_haalbaar", "wish_none"),
    ),
    row(
        "under-28-too-little-schooling",
        {"date_of_birth": YOUNG, "opleiding_jaren": 6, "hoogste_diploma": Diploma.BASISONDERWIJS},
        B1,
        ("toets_haalbaar", "education_low_for_onderwijs", "wish_matches"),
    ),
    row(
        "under-28-nine-years-no-diploma-is-enough",
        {"date_of_birth": YOUNG, "opleiding_jaren": 9, "hoogste_diploma": Diploma.GEEN},
        OND,
        ("toets_haalbaar", "under_28_onderwijs", "wish_differs"),
    ),
    row(
        "under-28-education-unknown",
        {"date_of_birth": YOUNG, "opleiding_jaren": None, "hoogste_diploma": None},
        B1,
        ("toets_haalbaar", "education_unknown_onderwijs", "wish_matches"),
    ),
    # "Analfabetisme zegt niets over de leerbaarheid" (seed, brede intake)
    row(
        "under-28-analfabeet-alfabetisering-first",
        {"date_of_birth": YOUNG, "geletterdheid": Geletterdheid.ANALFABEET},
        B1,
        (
            "toets_haalbaar",
            "alfabetisering_before_onderwijs",
            "alfabetisering_first",
            "wish_matches",
        ),
    ),
    row(
        "older-wishes-onderwijs-with-diploma",
        {"hoogste_diploma": Diploma.HBO_WO, "wens": RouteWens.ONDERWIJS},
        OND,
        ("toets_haalbaar", "wish_onderwijs", "onderwijs_over_28", "wish_matches"),
    ),
    row(
        "older-wishes-onderwijs-too-little-schooling",
        {
            "opleiding_jaren": 5,
            "hoogste_diploma": Diploma.BASISONDERWIJS,
            "wens": RouteWens.ONDERWIJS,
        },
        B1,
        ("toets_haalbaar", "education_low_for_onderwijs", "wish_differs"),
    ),
    row(
        "age-unknown",
        {"date_of_birth": None},
        B1,
        ("toets_haalbaar", "age_unknown", "wish_matches"),
    ),
    row(
        "age-unknown-wishes-onderwijs",
        {"date_of_birth": None, "wens": RouteWens.ONDERWIJS},
        OND,
        ("toets_haalbaar", "wish_onderwijs", "wish_matches"),
    ),
    row(
        "learnable-wishes-z",
        {"wens": RouteWens.Z},
        B1,
        ("toets_haalbaar", "wish_differs"),
    ),
    # --- INSTRUMENTS.md, literacy categories ---
    row(
        "anders-gealfabetiseerd",
        {"geletterdheid": Geletterdheid.ANDERS_GEALFABETISEERD},
        B1,
        ("toets_haalbaar", "latin_script", "wish_matches"),
    ),
    row(
        "laaggeletterd",
        {"geletterdheid": Geletterdheid.LAAGGELETTERD},
        B1,
        ("toets_haalbaar", "laaggeletterd", "wish_matches"),
    ),
    row(
        "literacy-unknown",
        {"geletterdheid": Geletterdheid.ONBEKEND},
        B1,
        ("toets_haalbaar", "literacy_unknown", "wish_matches"),
    ),
    # --- INSTRUMENTS.md, language level per skill; Z-route targets about A1 ---
    row("cefr-unknown", {"erk": {}}, B1, ("toets_haalbaar", "cefr_unknown", "wish_matches")),
    row(
        "cefr-all-onbekend",
        {"erk": dict.fromkeys(A1, ErkNiveau.ONBEKEND)},
        B1,
        ("toets_haalbaar", "cefr_unknown", "wish_matches"),
    ),
    row(
        "z-route-but-a2-everywhere",
        {"toets_uitkomst": NIET, "toets_score": 15, "erk": A2, "wens": RouteWens.Z},
        Z,
        ("toets_niet_haalbaar", "cefr_above_z", "wish_matches"),
        True,
    ),
    row(
        "z-route-but-b1-speaking",
        {
            "toets_uitkomst": NIET,
            "toets_score": 15,
            "erk": {"spreken": ErkNiveau.B1},
            "wens": RouteWens.Z,
        },
        Z,
        ("toets_niet_haalbaar", "cefr_above_z", "wish_matches"),
        True,
    ),
    row(
        "z-route-a2-on-three-skills-only",
        {
            "toets_uitkomst": NIET,
            "toets_score": 15,
            "erk": {**A2, "schrijven": ErkNiveau.A0},
            "wens": RouteWens.Z,
        },
        Z,
        ("toets_niet_haalbaar", "wish_matches"),
    ),
    row(
        "b1-already-reached",
        {"erk": {**A1, "spreken": ErkNiveau.B1}},
        B1,
        ("toets_haalbaar", "cefr_b1_reached", "wish_matches"),
    ),
    # --- the newcomer's own preference (DOMAIN.md: test + intake + preference) ---
    row("wish-unknown", {"wens": None}, B1, ("toets_haalbaar", "wish_unknown")),
]


@pytest.mark.parametrize(("inputs", "route", "codes", "second_look"), TABLE)
def test_route_advice_table(
    inputs: RouteAdviceInput,
    route: Leerroute | None,
    codes: tuple[str, ...],
    second_look: bool,
) -> None:
    advice = advise_route(inputs)
    assert advice.route is route
    assert advice.codes == codes
    assert advice.second_look is second_look
    assert advice.notice is ADVICE_ONLY


def test_missing_inputs_are_named() -> None:
    no_toets = advise_route(replace(BASE, toets_uitkomst=None, toets_score=None))
    assert no_toets.missing == ("leerbaarheidstoets",)
    assert no_toets.pass_mark is None
    sparse = advise_route(replace(BASE, date_of_birth=None, geletterdheid=None, erk={}, wens=None))
    assert sparse.route is Leerroute.B1
    assert sparse.missing == ("leeftijd", "geletterdheid", "taalniveau", "wens")


@pytest.mark.parametrize(
    ("test_date", "mark"),
    [(None, 28), (date(2023, 4, 11), 31), (date(2023, 4, 12), 28), (date(2022, 1, 1), 31)],
)
def test_pass_mark_changed_on_12_april_2023(test_date: date | None, mark: int) -> None:
    assert pass_mark_on(test_date) == mark
    assert advise_route(replace(BASE, toets_datum=test_date)).pass_mark == mark


def test_age_on_birthday() -> None:
    assert age_on(date(1998, 3, 1), date(2026, 3, 1)) == 28
    assert age_on(date(1998, 3, 2), date(2026, 3, 1)) == 27
    assert age_on(date(2000, 2, 29), date(2026, 2, 28)) == 25


def test_one_age_function_for_advice_and_plicht() -> None:
    # DOMAIN.md "Counting periods": the route advice counts age as the plicht check does.
    assert age_on is calendar.age_on


@pytest.mark.parametrize(
    ("on", "route"),
    [
        pytest.param(date(2100, 2, 28), OND, id="27 on 28 Feb 2100 (no leap year): under 28"),
        pytest.param(date(2100, 3, 1), B1, id="28 on 1 March 2100: not under 28"),
    ],
)
def test_age_28_boundary_for_a_29_february_birthday(on: date, route: Leerroute) -> None:
    inputs = replace(
        BASE, advice_date=on, date_of_birth=date(2072, 2, 29), wens=RouteWens.GEEN_VOORKEUR
    )
    assert advise_route(inputs).route is route


def test_settings_are_local_choices() -> None:
    thirty = RouteAdviceSettings(onderwijs_age_limit=30)
    inputs = replace(BASE, date_of_birth=date(1998, 1, 1), wens=RouteWens.GEEN_VOORKEUR)
    assert advise_route(inputs).route is Leerroute.B1
    advice = advise_route(inputs, thirty)
    assert advice.route is Leerroute.ONDERWIJS
    assert advice.reasons[1].params == {"age_limit": "30"}


def test_advice_only_avg_article_22() -> None:
    # DESIGN.md: "A person decides ... (AVG art. 22 forbids a solely automated decision)".
    assert "AVG art. 22" in ADVICE_ONLY.render()
    assert isinstance(advise_route(BASE), RouteAdvice)


def _all_advices() -> list[RouteAdvice]:
    advices = []
    for p in TABLE:
        inputs, *_ = p.values
        assert isinstance(inputs, RouteAdviceInput)
        advices.append(advise_route(inputs))
    return advices


def test_every_reason_renders_with_named_placeholders_only() -> None:
    seen: dict[str, str] = {}
    for advice in _all_advices():
        for reason in advice.reasons:
            names = {n for _, n, _, _ in string.Formatter().parse(reason.text) if n is not None}
            assert all(n.isidentifier() for n in names), reason.code
            assert names == set(reason.params), reason.code
            assert "{" not in reason.render(), reason.code
            # one code, one msgid: codes are stable keys
            assert seen.setdefault(reason.code, reason.text) == reason.text


@pytest.mark.parametrize(
    "changes",
    [{"toets_score": 41}, {"toets_score": -1}, {"opleiding_jaren": -2}, {"erk": {"rekenen": "A1"}}],
)
def test_bad_inputs_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        replace(BASE, **changes)
