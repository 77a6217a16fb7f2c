"""Progress after the PIP, table-driven: the talks (Besluit art. 5.3 lid 4), hours against
the PIP's intensity (Wet art. 15), PVT (Besluit art. 3.1), MAP (art. 3.2; Wet art. 8 lid 3),
KNM (Wet art. 7), the Z-route (art. 3.14), exams and the afschalen signal (art. 5.5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.deadlines import termijn_end
from inburg_desktop.domain.pip import (
    DEFAULT_GESPREK_MAANDEN,
    Actor,
    Afspraak,
    Beschikking,
    Examenonderdeel,
    LeerrouteIntensiteit,
    ParticipatieComponent,
    ParticipatieSoort,
    PipStatus,
    PipVersion,
    Voortgang,
    Voortgangsgesprekken,
)
from inburg_desktop.domain.voortgang import (
    AfspraakVoortgang,
    ExamenUitslag,
    PvtActiviteit,
    Stand,
    Taalniveau,
    UrenRegel,
    UrenSoort,
    VoortgangInvalid,
    afschalen_signaal,
    examen_behaald_op,
    knm_stand,
    leerroute_uren,
    map_stand,
    participatie_uren,
    plan_gesprekken,
    plan_voor_pip,
    pvt_stand,
    spread_maanden,
    suggest_stand,
    volgend_gesprek,
    z_route_stand,
)

D = date.fromisoformat


def opt(day: str | None) -> date | None:
    return None if day is None else D(day)


H = Decimal
START = D("2026-05-12")  # termijn start after a PIP dated 2026-05-11


# --- planning ---------------------------------------------------------------------------------

SPREAD = [
    (None, DEFAULT_GESPREK_MAANDEN),
    (8, (1, 2, 3, 6, 9, 12, 18, 24)),
    (1, (1,)),
    (2, (1, 24)),
    (3, (1, 12, 24)),
    (5, (1, 3, 6, 12, 24)),
    (4, (1, 3, 12, 24)),
    (6, (1, 2, 3, 6, 12, 24)),
    (7, (1, 2, 3, 6, 9, 12, 24)),
    (9, (1, 2, 3, 6, 9, 12, 18, 24, 30)),
    (10, (1, 2, 3, 4, 6, 9, 12, 18, 24, 30)),
    (35, tuple(range(1, 36))),
]


@pytest.mark.parametrize(("count", "months"), SPREAD, ids=[str(c) for c, _ in SPREAD])
def test_spread_maanden(count: int | None, months: tuple[int, ...]) -> None:
    assert spread_maanden(count) == months


@pytest.mark.parametrize("count", range(1, 36))
def test_every_spread_is_denser_at_the_start_and_fits_the_pip_model(count: int) -> None:
    months = spread_maanden(count)
    assert len(months) == count
    Voortgangsgesprekken(months)  # increasing, within the termijn's months
    gaps = [b - a for a, b in zip((0, *months), months, strict=False)]
    assert gaps == sorted(gaps) or count > 8  # never a wider gap before a narrower one
    half = sum(1 for m in months if m <= 18)
    assert half >= count - half  # at least half of the talks in the first half


@pytest.mark.parametrize("count", [0, 36, -1])
def test_spread_refuses_impossible_counts(count: int) -> None:
    with pytest.raises(VoortgangInvalid) as refused:
        spread_maanden(count)
    assert refused.value.code == "voortgang_gesprekken_count"
    assert refused.value.params == {"field": "aantal", "max": "35"}


PLAN = [
    # (termijn start, months, dates)
    ("2026-05-12", (1, 2, 3), ("2026-06-12", "2026-07-12", "2026-08-12")),
    ("2026-01-31", (1, 13), ("2026-02-28", "2027-02-28")),  # add_months clamps
    ("2024-02-29", (12, 36), ("2025-02-28", "2027-02-28")),  # month 36: the termijn's end
    ("2026-05-12", (36,), ("2029-05-11",)),  # not 2029-05-12, after the termijn
]


@pytest.mark.parametrize(("start", "months", "dates"), PLAN)
def test_plan_gesprekken_within_the_termijn(
    start: str, months: tuple[int, ...], dates: tuple[str, ...]
) -> None:
    planned = plan_gesprekken(D(start), months)
    assert planned == tuple(D(d) for d in dates)
    assert all(day <= termijn_end(D(start)) for day in planned)


def version(**changes: Any) -> PipVersion:
    beschikking = replace(Beschikking(leerroute=Leerroute.B1), **changes)
    return PipVersion(1, PipStatus.SET, D("2026-05-01"), beschikking, dagtekening=D("2026-05-11"))


def test_plan_voor_pip_uses_the_pips_talks() -> None:
    pip = version(voortgangsgesprekken=Voortgangsgesprekken((2, 4)))
    assert plan_voor_pip(pip, START) == (D("2026-07-12"), D("2026-09-12"))
    assert len(plan_voor_pip(version(), START)) == 8  # the default eight


@pytest.mark.parametrize(
    ("held", "expected"),
    [((), (1, "2026-06-12")), (("2026-06-10",), (2, "2026-07-12")),
     (("2026-06-10", "2026-06-20", "2026-07-01"), None),
     (("2026-05-01", "2026-06-10"), (2, "2026-07-12"))],  # a talk before the termijn: not one
)  # fmt: skip
def test_volgend_gesprek(held: tuple[str, ...], expected: tuple[int, str] | None) -> None:
    plan = plan_gesprekken(START, (1, 2, 3))
    result = volgend_gesprek(plan, [D(h) for h in held], START)
    assert result == (None if expected is None else (expected[0], D(expected[1])))


# --- agreements -------------------------------------------------------------------------------

SUGGEST = [
    (Voortgang.OPEN, "2026-09-01", "2026-08-31", Stand.OP_SCHEMA),
    (Voortgang.OPEN, "2026-09-01", "2026-09-01", Stand.OP_SCHEMA),
    (Voortgang.OPEN, "2026-09-01", "2026-09-02", Stand.ACHTER),
    (Voortgang.OPEN, None, "2027-01-01", Stand.OP_SCHEMA),
    (Voortgang.BEREIKT, "2026-09-01", "2026-08-01", Stand.VOOR),
    (Voortgang.BEREIKT, "2026-09-01", "2026-09-01", Stand.OP_SCHEMA),
    (Voortgang.VERVALLEN, "2026-09-01", "2026-10-01", None),
]


@pytest.mark.parametrize(("status", "due", "on", "stand"), SUGGEST)
def test_suggest_stand(status: Voortgang, due: str | None, on: str, stand: Stand | None) -> None:
    agreement = Afspraak(Actor.INBURGERAAR, "Aanmelden bij taalcafé", opt(due), status=status)
    assert suggest_stand(agreement, D(on)) is stand


def test_behind_needs_what_was_agreed_next() -> None:
    with pytest.raises(VoortgangInvalid) as refused:
        AfspraakVoortgang(0, Stand.ACHTER, "  ")
    assert refused.value.code == "voortgang_next_step_missing"
    ok = AfspraakVoortgang(0, Stand.ACHTER, "Twee extra lessen per week", D("2026-10-01"))
    assert ok.stand is Stand.ACHTER


# --- hours ------------------------------------------------------------------------------------


def nt2(day: str, hours: str, who: str = "Taalhuis", during_intake: bool = False) -> UrenRegel:
    return UrenRegel(who, UrenSoort.NT2, D(day), H(hours), during_intake)


LEER = version(leerroute_intensiteit=LeerrouteIntensiteit(10, 600))
HOURS = [
    # (registrations, on, followed, expected, stand) — 10 hours a week from 2026-05-12
    ([], "2026-05-12", "0", "0", Stand.OP_SCHEMA),
    ([nt2("2026-06-08", "40")], "2026-06-09", "40", "40", Stand.OP_SCHEMA),  # 4 whole weeks
    ([nt2("2026-06-08", "36")], "2026-06-09", "36", "40", Stand.OP_SCHEMA),  # within 10 %
    ([nt2("2026-06-08", "35.5")], "2026-06-09", "35.5", "40", Stand.ACHTER),
    ([nt2("2026-06-08", "44.5")], "2026-06-09", "44.5", "40", Stand.VOOR),
    ([nt2("2026-06-10", "40")], "2026-06-09", "0", "40", Stand.ACHTER),  # dated after on
    ([nt2("2026-06-08", "600")], "2029-01-01", "600", "600", Stand.OP_SCHEMA),  # capped
]


@pytest.mark.parametrize(("rows", "on", "followed", "expected", "stand"), HOURS)
def test_course_hours_against_the_leerroute_intensity(
    rows: list[UrenRegel], on: str, followed: str, expected: str, stand: Stand
) -> None:
    total = leerroute_uren(LEER, rows, START, D(on))[0]
    assert (total.aanbieder, total.gevolgd, total.verwacht, total.stand) == (
        "", H(followed), H(expected), stand,
    )  # fmt: skip
    assert total.reason.code == f"voortgang_uren_{stand.value}"


def test_hours_per_provider_and_knm_counts_as_course() -> None:
    rows = [
        nt2("2026-06-01", "20", "Taalhuis"),
        nt2("2026-06-02", "10", "ROC"),
        UrenRegel("ROC", UrenSoort.KNM, D("2026-06-03"), H("10")),
        UrenRegel("ROC", UrenSoort.PARTICIPATIE, D("2026-06-03"), H("99")),
    ]
    rows_out = leerroute_uren(LEER, rows, START, D("2026-06-09"))
    assert [(r.aanbieder, r.gevolgd) for r in rows_out] == [
        ("", H(40)), ("ROC", H(20)), ("Taalhuis", H(20)),
    ]  # fmt: skip
    assert leerroute_uren(version(), rows, START, D("2026-06-09")) == ()  # no intensity


def test_participation_hours_against_the_components() -> None:
    parts = (
        ParticipatieComponent(
            ParticipatieSoort.VRIJWILLIGERSWERK, uren_per_week=4, totaal_uren=300
        ),
        ParticipatieComponent(ParticipatieSoort.WERK, uren_per_week=4, totaal_uren=300),
    )
    pip = version(participatie=parts)
    rows = [UrenRegel("Kringloop", UrenSoort.PARTICIPATIE, D("2026-06-01"), H("16"))]
    total = participatie_uren(pip, rows, START, D("2026-06-09"))[0]
    assert (total.verwacht, total.gevolgd, total.stand) == (H(32), H(16), Stand.ACHTER)
    assert "16" in total.reason.render() and "Wet art. 15" in total.reason.render()


# --- PVT, MAP, KNM, Z-route -------------------------------------------------------------------

PVT = [
    # (activities (hours, attended), signed, done, missing codes) — Besluit art. 3.1
    ([("12", True)], "2026-09-01", True, []),
    ([("6", True), ("6", True)], "2026-09-01", True, []),
    ([("6", True), ("6", False)], "2026-09-01", False, ["voortgang_pvt_uren"]),
    ([("12", True)], None, False, ["voortgang_pvt_ondertekening"]),
    ([("12", False)], "2026-09-01", False, ["voortgang_pvt_uren", "voortgang_pvt_activiteit"]),
    (
        [],
        None,
        False,
        ["voortgang_pvt_uren", "voortgang_pvt_activiteit", "voortgang_pvt_ondertekening"],
    ),
]


@pytest.mark.parametrize(("activities", "signed", "done", "codes"), PVT)
def test_pvt(
    activities: list[tuple[str, bool]], signed: str | None, done: bool, codes: list[str]
) -> None:
    rows = [PvtActiviteit(f"activiteit {i}", D("2026-08-01"), H(h), a)
            for i, (h, a) in enumerate(activities)]  # fmt: skip
    result = pvt_stand(rows, opt(signed))
    assert result.afgerond is done
    assert [r.code for r in result.ontbreekt] == codes
    assert all(r.params["artikel"] == "Besluit art. 3.1" for r in result.ontbreekt)


MAP = [
    # (route, themes done, eindgesprek, applies, done, codes) — Besluit art. 3.2
    (Leerroute.B1, range(1, 9), "2027-01-01", True, True, []),
    (Leerroute.Z, range(1, 9), None, True, False, ["voortgang_map_eindgesprek"]),
    (Leerroute.B1, [1, 2, 3, 9], "2027-01-01", True, False, ["voortgang_map_themas"]),
    (Leerroute.ONDERWIJS, [], None, False, False, []),  # Wet art. 8 lid 3
]


@pytest.mark.parametrize(("route", "themes", "end", "applies", "done", "codes"), MAP)
def test_map(route: Leerroute, themes: list[int], end: str | None, applies: bool, done: bool,
             codes: list[str]) -> None:  # fmt: skip
    result = map_stand(route, themes, opt(end))
    assert (result.van_toepassing, result.afgerond) == (applies, done)
    assert [r.code for r in result.ontbreekt] == codes


def test_map_names_the_open_themes() -> None:
    reason = map_stand(Leerroute.B1, [1, 2, 3, 9], None).ontbreekt[0]
    assert reason.params["open"] == "4, 5, 6, 7, 8" and reason.params["done"] == "3"


def exam(part: Examenonderdeel | None, level: Taalniveau | None, day: str,
         passed: bool = True) -> ExamenUitslag:  # fmt: skip
    return ExamenUitslag(part, level, D(day), passed)


def all_parts(level: Taalniveau, day: str) -> list[ExamenUitslag]:
    return [exam(part, level, day) for part in Examenonderdeel]


B1, A2 = Taalniveau.B1, Taalniveau.A2
EXAMS = [
    # (route, afgeschaald, results, passed on)
    (Leerroute.B1, False, [*all_parts(B1, "2027-06-01"), exam(None, None, "2027-03-01")],
     "2027-06-01"),
    (Leerroute.B1, False, [*all_parts(B1, "2027-06-01")], None),  # KNM missing
    (Leerroute.B1, False, [*all_parts(A2, "2027-06-01"), exam(None, None, "2027-03-01")], None),
    (Leerroute.B1, True, [*all_parts(A2, "2027-06-01"), exam(None, None, "2027-08-01")],
     "2027-08-01"),
    (Leerroute.B1, False, [*all_parts(B1, "2027-06-01"), exam(None, None, "2027-03-01", False)],
     None),
    (Leerroute.B1, False, [*all_parts(B1, "2027-06-01"), *all_parts(B1, "2027-09-01"),
                           exam(None, None, "2027-03-01")], "2027-06-01"),  # first passes
    (Leerroute.ONDERWIJS, False, [*all_parts(Taalniveau.B2, "2028-01-10"),
                                  exam(None, None, "2027-03-01")], "2028-01-10"),
    (Leerroute.Z, False, [*all_parts(A2, "2027-06-01"), exam(None, None, "2027-03-01")], None),
]  # fmt: skip


@pytest.mark.parametrize(("route", "a2", "results", "passed"), EXAMS)
def test_examen_behaald_op(
    route: Leerroute, a2: bool, results: list[ExamenUitslag], passed: str | None
) -> None:
    assert examen_behaald_op(route, a2, results) == (opt(passed))


def test_knm() -> None:
    passed = [exam(None, None, "2027-03-01")]
    assert knm_stand(Leerroute.B1, passed, None).afgerond
    assert [r.code for r in knm_stand(Leerroute.B1, [], None).ontbreekt] == ["voortgang_knm_examen"]
    assert [r.code for r in knm_stand(Leerroute.Z, passed, None).ontbreekt] == [
        "voortgang_knm_z_eindgesprek"
    ]
    assert knm_stand(Leerroute.Z, [], D("2028-01-01")).afgerond


def hours(kind: UrenSoort, amount: str) -> UrenRegel:
    return UrenRegel("Aanbieder", kind, D("2027-01-01"), H(amount))


SH, GM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT
Z = [
    # (doelgroep, registrations, eindgesprek, codes) — Besluit art. 3.14
    (SH, [hours(UrenSoort.NT2, "700"), hours(UrenSoort.KNM, "100"),
          hours(UrenSoort.PARTICIPATIE, "776"), hours(UrenSoort.PVT, "12"),
          hours(UrenSoort.MAP, "12")], "2028-01-01", []),
    (SH, [hours(UrenSoort.NT2, "799.5"), hours(UrenSoort.PARTICIPATIE, "800")], "2028-01-01",
     ["voortgang_z_lesuren"]),
    (SH, [hours(UrenSoort.NT2, "800"), hours(UrenSoort.PARTICIPATIE, "700")], None,
     ["voortgang_z_participatie_uren", "voortgang_z_eindgesprek"]),
    (GM, [hours(UrenSoort.NT2, "800")], "2028-01-01", []),  # no participation hours needed
]  # fmt: skip


@pytest.mark.parametrize(("doelgroep", "rows", "end", "codes"), Z)
def test_z_route(doelgroep: Doelgroep, rows: list[UrenRegel], end: str | None,
                 codes: list[str]) -> None:  # fmt: skip
    result = z_route_stand(doelgroep, rows, opt(end), D("2028-01-02"))
    assert [r.code for r in result.ontbreekt] == codes
    assert result.afgerond is (not codes)


AFSCHALEN = [
    # (route, afgeschaald, NT2 hours (intake, after), signal) — Besluit art. 5.5
    (Leerroute.B1, False, ("0", "599.75"), False),
    (Leerroute.B1, False, ("0", "600"), True),
    (Leerroute.B1, False, ("80", "520"), True),  # lid 2: hours during the intake count
    (Leerroute.B1, True, ("0", "700"), False),  # already afgeschaald
    (Leerroute.Z, False, ("0", "700"), False),
    (Leerroute.ONDERWIJS, False, ("0", "700"), False),
]


@pytest.mark.parametrize(("route", "done", "split", "signal"), AFSCHALEN)
def test_afschalen_signal(route: Leerroute, done: bool, split: tuple[str, str],
                          signal: bool) -> None:  # fmt: skip
    rows = [nt2("2026-04-01", split[0], during_intake=True), nt2("2027-01-01", split[1])]
    reason = afschalen_signaal(route, done, rows, D("2027-01-02"))
    assert (reason is not None) is signal
    if reason is not None:
        assert reason.code == "voortgang_afschalen_mogelijk"
        assert reason.params["artikel"] == "Besluit art. 5.5"
