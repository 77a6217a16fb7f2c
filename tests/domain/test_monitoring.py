"""The monitoring report's aggregation and small-cell suppression (domain/monitoring.py).

Issue 16 item 6: per gemeente and together, from aggregated data only, cells under 5
suppressed; DOMAIN.md "Monitoring the municipality wants". The weeks to the PIP count from
the start of the legal PIP term (Besluit art. 5.3 lid 1 and 3); the months until uitstroom
from the start of the inburgeringstermijn (Wet art. 11).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.monitoring import (
    AANVULLEND,
    KLEIN,
    NUL_GEVOELIG,
    PIP_KOLOMMEN,
    SCORES,
    TOTAAL,
    VERWACHT_LANDELIJK,
    VERWACHT_LOKAAL,
    ZONDER_GEMEENTE,
    Cel,
    Kengetal,
    MonitoringRecord,
    Onderdeel,
    Rapport,
    Resultaat,
    RouteMix,
    UitstroomSoort,
    monitoring_report,
    pip_start,
    suppress,
    whole_months,
)

D = date.fromisoformat
SH, GM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT
B1, OW, Z = Leerroute.B1, Leerroute.ONDERWIJS, Leerroute.Z
WAS, VOS, LV = "GM0629", "GM0626", "GM1916"
GEMEENTEN = (LV, VOS, WAS)
ON = D("2026-11-30")

# --- the start of the PIP term and the months until uitstroom -------------------------------

# (doelgroep, BRP, kennisgeving, BRP after a move, start, id quoting the rule)
PIP_START = [
    (SH, "2026-03-02", "2026-02-20", None, "2026-03-02",
     "art. 5.3 lid 1, 2nd sentence: statushouder registered later: the registration"),
    (SH, "2026-02-01", "2026-02-20", None, "2026-02-20", "lid 1: registered before: kennisgeving"),
    (GM, "2026-03-02", "2026-02-20", None, "2026-02-20",
     "lid 1: gezinsmigrant: the kennisgeving, whatever the BRP date"),
    (SH, "2026-03-02", None, None, None, "no kennisgeving: no legal term runs yet"),
    (SH, "2026-03-02", "2026-02-20", "2026-06-01", "2026-06-01",
     "lid 3: after a move, the registration in the new municipality"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("doelgroep", "brp", "kennisgeving", "moved", "start"),
    [
        pytest.param(d, D(b), k and D(k), m and D(m), s and D(s), id=i)
        for d, b, k, m, s, i in PIP_START
    ],
)
def test_pip_start(
    doelgroep: Doelgroep, brp: date, kennisgeving: date | None, moved: date | None,
    start: date | None,
) -> None:  # fmt: skip
    assert pip_start(doelgroep, brp, kennisgeving, moved) == start


WHOLE_MONTHS = [
    ("2026-01-31", "2026-02-28", 0, "31 Jan: no month yet on 28 Feb"),
    ("2026-01-31", "2026-03-01", 1, "31 Jan + 1 month is 1 March (no 31 Feb)"),
    ("2026-05-12", "2029-05-11", 35, "the termijn's last day: 35 whole months"),
    ("2026-05-12", "2029-05-12", 36, "three years"),
    ("2026-05-12", "2026-05-12", 0, "same day"),
]


@pytest.mark.parametrize(
    ("start", "end", "months"), [pytest.param(D(s), D(e), m, id=i) for s, e, m, i in WHOLE_MONTHS]
)
def test_whole_months(start: date, end: date, months: int) -> None:
    assert whole_months(start, end) == months


def test_route_mix_settings() -> None:
    assert (VERWACHT_LOKAAL.b1, VERWACHT_LOKAAL.onderwijs, VERWACHT_LOKAAL.z) == (55, 20, 25)
    assert (VERWACHT_LANDELIJK.b1, VERWACHT_LANDELIJK.onderwijs, VERWACHT_LANDELIJK.z) == (
        65,
        20,
        15,
    )
    with pytest.raises(ValueError, match="100"):
        RouteMix(60, 20, 25)
    with pytest.raises(ValueError, match="whole"):
        RouteMix(55, 20, True)


# --- suppression ----------------------------------------------------------------------------


def _row(*values: int) -> tuple[dict[tuple[str, ...], int], list[list[tuple[str, ...]]]]:
    counts: dict[tuple[str, ...], int] = {("c", str(i)): v for i, v in enumerate(values)}
    counts[("c", "t")] = sum(values)
    return counts, [list(counts)]


# (row of counts, expected marks per cell then the total, id)
ROWS = [
    ((10, 12, 7), (None, None, None, None), "nothing small"),
    ((5, 12, 7), (None, None, None, None), "5 is not below 5"),
    ((4, 12, 7), (KLEIN, None, AANVULLEND, None), "4 hidden; the smallest other with it"),
    ((0, 12, 7), (KLEIN, None, AANVULLEND, None), "0 is below 5 too"),
    ((3, 2, 9), (KLEIN, KLEIN, None, None), "two small: nothing more needed"),
    ((0, 0, 10), (KLEIN, KLEIN, AANVULLEND, None), "two zeros beside a shown 10: both known"),
    ((0, 0, 0), (KLEIN, KLEIN, KLEIN, KLEIN), "all zero: all hidden, nothing left to add"),
    ((3, 20), (KLEIN, AANVULLEND, None), "two cells: the other goes, the total stays"),
    ((3,), (KLEIN, KLEIN), "one cell: its total is the same number"),
    ((7, 7, 2), (AANVULLEND, None, KLEIN, None), "a tie goes to the first in order"),
    ((1, 1, 1), (KLEIN, KLEIN, KLEIN, KLEIN), "all small: the total 3 too"),
]


@pytest.mark.parametrize(("values", "marks"), [pytest.param(v, m, id=i) for v, m, i in ROWS])
def test_suppress_one_line(values: tuple[int, ...], marks: tuple[str | None, ...]) -> None:
    counts, lines = _row(*values)
    state = suppress(counts, lines, is_total=lambda k: k[1] == "t")
    assert tuple(state.values()) == marks


def test_suppress_two_by_two_with_totals() -> None:
    """a=3 hides b (its row) and c (its column); c then hides d (the second row)."""
    cells: dict[tuple[str, ...], int] = {("a",): 3, ("b",): 10, ("c",): 10, ("d",): 20}
    totals: dict[tuple[str, ...], int] = {
        ("r1",): 13,
        ("r2",): 30,
        ("k1",): 13,
        ("k2",): 30,
        ("g",): 43,
    }
    lines = [
        [("a",), ("b",), ("r1",)], [("c",), ("d",), ("r2",)],
        [("a",), ("c",), ("k1",)], [("b",), ("d",), ("k2",)],
        [("r1",), ("r2",), ("g",)], [("k1",), ("k2",), ("g",)],
    ]  # fmt: skip
    state = suppress({**cells, **totals}, lines, is_total=lambda k: k in totals)
    assert {k[0]: v for k, v in state.items() if v} == {
        "a": KLEIN, "b": AANVULLEND, "c": AANVULLEND, "d": AANVULLEND,
    }  # fmt: skip


def _protected(values: list[tuple[int, bool]]) -> bool:
    """A line of (true count, hidden?) hides none, all, or two or more not all zero."""
    hidden = [v for v, h in values if h]
    if not hidden or len(hidden) == len(values):
        return True
    return len(hidden) >= 2 and sum(hidden) > 0


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda r: st.integers(1, 5).flatmap(
            lambda c: st.lists(
                st.lists(st.integers(0, 30), min_size=c, max_size=c), min_size=r, max_size=r
            )
        )
    )
)
def test_suppress_never_leaves_one_hidden_cell_in_a_line(grid: list[list[int]]) -> None:
    counts: dict[tuple[str, ...], int] = {}
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            counts[(str(i), str(j))] = value
        counts[(str(i), "T")] = sum(row)
    for j in range(len(grid[0])):
        counts[("T", str(j))] = sum(row[j] for row in grid)
    counts[("T", "T")] = sum(map(sum, grid))
    rows = [str(i) for i in range(len(grid))] + ["T"]
    cols = [str(j) for j in range(len(grid[0]))] + ["T"]
    lines = [[(r, c) for c in cols] for r in rows] + [[(r, c) for r in rows] for c in cols]
    state = suppress(counts, lines, is_total=lambda k: "T" in k)
    assert all(_protected([(counts[k], state[k] is not None) for k in line]) for line in lines)
    assert all(state[k] == KLEIN for k, v in counts.items() if v < 5)
    assert all(v >= 5 for k, v in counts.items() if state[k] is None)


# --- the report -----------------------------------------------------------------------------


def rec(gemeente: str | None = WAS, /, **kw: object) -> MonitoringRecord:
    base: dict[str, object] = {"doelgroep": SH, "instroom_maand": "2026-03"}
    return MonitoringRecord(gemeente=gemeente, **{**base, **kw})  # type: ignore[arg-type]


START = D("2026-02-20")


def _finished(
    route: Leerroute, weeks: int, months: int, soort: UitstroomSoort
) -> dict[str, object]:
    """A PIP ``weeks`` after the start of its term (deadline: 10 weeks), uitstroom
    31 × ``months`` days after the termijn starts (that is ``months`` whole months)."""
    pip = START + timedelta(weeks=weeks)
    termijn = pip + timedelta(days=1)
    return {
        "leerroute": route, "pip_start": START, "pip_deadline": START + timedelta(weeks=10),
        "pip_datum": pip, "termijn_start": termijn,
        "uitstroom": termijn + timedelta(days=31 * months), "uitstroom_soort": soort,
    }  # fmt: skip


def wassenaar() -> list[MonitoringRecord]:
    """10 B1 statushouders done (PIP after 6..15 weeks, out after 10..19 months, 5 passed
    the exam), 5 Z gezinsmigranten who left the country, 5 onderwijs still before the PIP."""
    out = []
    for i in range(10):
        out.append(rec(**_finished(B1, 6 + i, 10 + i, UitstroomSoort.VOLDAAN),
                       resultaten={Resultaat.EXAMEN: i < 5},
                       tevredenheid={Onderdeel.MAP: 4 + i % 2}))  # fmt: skip
    for _ in range(5):
        out.append(rec(doelgroep=GM, **_finished(Z, 12, 20, UitstroomSoort.VERTROKKEN)))
    for _ in range(5):
        out.append(rec(instroom_maand="2026-04", leerroute=OW, pip_start=D("2026-11-01"),
                       pip_deadline=D("2027-01-10")))  # fmt: skip
    return out


@pytest.fixture(scope="module")
def one() -> Rapport:
    report = monitoring_report(wassenaar(), (WAS,), ON)
    assert report.samen.tabellen == report.per_gemeente[WAS].tabellen
    return report.per_gemeente[WAS]


def test_instroom_per_month_and_doelgroep(one: Rapport) -> None:
    t = one.tabellen["instroom"]
    assert t.rijen == ("2026-03", "2026-04")
    assert [t.cel("2026-03", k).waarde for k in ("statushouder", "gezinsmigrant", TOTAAL)] == [
        10, 5, 15,
    ]  # fmt: skip
    assert t.cel("2026-04", "overige_migrant") == Cel(0)  # a zero here names nobody: shown
    assert t.cel(TOTAAL, TOTAAL).waarde == 20


def test_route_mix_and_shares(one: Rapport) -> None:
    t = one.tabellen["routemix"]
    assert [t.cel(r.value, "aantal").waarde for r in Leerroute] == [10, 5, 5]
    assert one.kengetallen["aandeel_b1"] == Kengetal(0.5, 20)
    assert one.kengetallen["aandeel_z"] == Kengetal(0.25, 20)
    # Against the expected mixes: local 55/20/25, national 65/20/15 (percentage points).
    assert one.kengetallen["verschil_lokaal_b1"] == Kengetal(-5.0, 20)
    assert one.kengetallen["verschil_landelijk_b1"] == Kengetal(-15.0, 20)
    assert one.kengetallen["verschil_landelijk_z"] == Kengetal(10.0, 20)
    other = monitoring_report(wassenaar(), (WAS,), ON, verwacht_lokaal=RouteMix(50, 25, 25))
    assert other.samen.kengetallen["verschil_lokaal_onderwijs"] == Kengetal(0.0, 20)


def test_pip_on_time_and_median_weeks(one: Rapport) -> None:
    t = one.tabellen["pip"]
    # Weeks 6..10 on time, 11..15 late; the Z-route PIPs at 12 weeks late; onderwijs not
    # yet set, its deadline (2027-01-10) after the report's day.
    assert [t.cel("statushouder", k).waarde for k in PIP_KOLOMMEN] == [5, 5, 0, 5, 0, 0]
    assert [t.cel("gezinsmigrant", k).waarde for k in PIP_KOLOMMEN] == [0, 5, 0, 0, 0, 0]
    assert one.kengetallen["pip_op_tijd"] == Kengetal(0.333, 15)
    # 6..15 and five times 12: the 8th of 15 sorted values is 12 weeks.
    assert one.kengetallen["mediaan_weken_tot_pip"] == Kengetal(12.0, None)


def test_uitstroom_and_months_until(one: Rapport) -> None:
    t = one.tabellen["uitstroom"]
    # All ten who left the B1 route met the plicht: the zeros beside them would say so of
    # each of them, so the zeros are hidden and, as they sum to nothing, the 10 with them.
    assert t.cel("b1", "ontheffing").onderdrukt == KLEIN
    assert t.cel("b1", "voldaan").onderdrukt == AANVULLEND
    assert t.cel("b1", TOTAAL).waarde == 10
    assert one.kengetallen["mediaan_maanden_tot_uitstroom_b1"] == Kengetal(14.5, None)
    assert one.kengetallen["mediaan_maanden_tot_uitstroom_z"] == Kengetal(20.0, None)
    assert one.kengetallen["mediaan_maanden_tot_uitstroom_onderwijs"].waarde is None


def test_pass_rates(one: Rapport) -> None:
    t = one.tabellen["resultaten"]
    assert [t.cel("examen", k).waarde for k in ("behaald", "niet_behaald", TOTAAL)] == [5, 5, 10]
    assert one.kengetallen["slagingspercentage_examen"] == Kengetal(0.5, 10)
    assert t.cel("knm", TOTAAL).onderdrukt == KLEIN  # nobody yet: zero, about persons
    assert one.kengetallen["slagingspercentage_knm"].waarde is None


def test_satisfaction_mean_only_from_a_whole_row(one: Rapport) -> None:
    t = one.tabellen["tevredenheid"]
    # Scores 4 and 5 five times each; 1, 2, 3 are zero and hidden (about persons), and as
    # hidden zeros sum to nothing, a 5 goes with them.
    assert [t.cel("map", str(s)).onderdrukt for s in SCORES] == [
        KLEIN, KLEIN, KLEIN, AANVULLEND, None,
    ]  # fmt: skip
    assert t.cel("map", TOTAAL).waarde == 10
    assert one.kengetallen["gemiddelde_map"].waarde is None


def test_satisfaction_mean_from_a_whole_row() -> None:
    recs = [rec(tevredenheid={Onderdeel.PVT: s}) for s in SCORES for _ in range(5)]
    rapport = monitoring_report(recs, (WAS,), ON).samen
    assert rapport.kengetallen["gemiddelde_pvt"] == Kengetal(3.0, 25)


def test_a_small_count_is_not_recomputable_across_gemeenten() -> None:
    """Wassenaar has 4 in the Z-route. Together (14) minus Voorschoten (0) and
    Leidschendam-Voorburg (10) would give it away, so a second cell of that line goes."""
    recs = [rec(WAS, leerroute=B1) for _ in range(8)] + [rec(WAS, leerroute=Z) for _ in range(4)]
    recs += [rec(VOS, leerroute=B1) for _ in range(6)]
    recs += [rec(LV, leerroute=r) for r in (B1, OW, Z) for _ in range(10)]
    report = monitoring_report(recs, GEMEENTEN, ON)
    z = [report.per_gemeente[g].tabellen["routemix"].cel("z", "aantal") for g in GEMEENTEN]
    assert z[2].onderdrukt == KLEIN  # Wassenaar's 4
    assert sum(c.waarde is None for c in z) >= 2  # LV's 10 hidden with it (VOS 0 is no help)
    assert report.samen.tabellen["routemix"].cel("z", "aantal").waarde == 14


def test_cases_without_a_gemeente_complete_the_line_across_gemeenten() -> None:
    """Three Z-route cases name no gemeente: they count together (17) and as a scope of
    their own, so Wassenaar's hidden 4 is not together minus the shown gemeenten."""
    recs = [rec(WAS, leerroute=Z) for _ in range(4)] + [rec(WAS, leerroute=B1) for _ in range(9)]
    recs += [rec(LV, leerroute=Z) for _ in range(10)] + [rec(VOS, leerroute=B1) for _ in range(6)]
    recs += [rec(None, leerroute=Z) for _ in range(3)]
    report = monitoring_report(recs, GEMEENTEN, ON)
    assert report.zonder_gemeente is not None
    assert report.zonder_gemeente.scope == ZONDER_GEMEENTE
    assert report.samen.tabellen["routemix"].cel("z", "aantal").waarde == 17
    parts = [*report.per_gemeente.values(), report.zonder_gemeente]
    across = [p.tabellen["routemix"].cel("z", "aantal") for p in parts]
    assert across[2].onderdrukt == KLEIN and across[3].onderdrukt == KLEIN  # WAS 4, none 3
    assert sum(c.waarde is None for c in across) >= 2
    assert monitoring_report(recs[:-3], GEMEENTEN, ON).zonder_gemeente is None


@pytest.mark.parametrize(
    ("deadline", "datum", "klasse"),
    [
        pytest.param(None, "2026-06-01", "op_tijd",
                     id="art. 5.3 lid 2: set while waiting for a third party: in time"),
        pytest.param(None, None, "wacht_op_derde", id="lid 2: not set, still waiting"),
        pytest.param("2026-05-01", "2026-05-01", "op_tijd", id="lid 1: on the last day"),
        pytest.param("2026-05-01", "2026-05-02", "te_laat_vastgesteld", id="lid 1: a day late"),
    ],
)  # fmt: skip
def test_pip_timeliness_of_a_set_pip(deadline: str | None, datum: str | None, klasse: str) -> None:
    recs = [
        rec(pip_start=START, pip_deadline=deadline and D(deadline), pip_datum=datum and D(datum))
        for _ in range(5)
    ]
    table = monitoring_report(recs, (WAS,), ON).samen.tabellen["pip"]
    assert table.cel("statushouder", klasse).waarde == 5


def test_report_refuses_a_stray_gemeente_and_bad_records() -> None:
    with pytest.raises(ValueError, match="GM0546"):
        monitoring_report([rec("GM0546")], GEMEENTEN, ON)
    with pytest.raises(ValueError, match="gemeentecode"):
        monitoring_report([], ("Wassenaar",), ON)
    with pytest.raises(ValueError, match="instroom_maand"):
        rec(instroom_maand="2026-13")
    with pytest.raises(ValueError, match="tevredenheid"):
        rec(tevredenheid={Onderdeel.MAP: 6})
    with pytest.raises(ValueError, match="both or neither"):
        rec(uitstroom=D("2027-01-01"))


def test_explanation_names_the_threshold() -> None:
    report = monitoring_report([], (WAS,), ON)
    assert "kleiner dan 5" in report.toelichting.render()


records = st.builds(
    MonitoringRecord,
    gemeente=st.none() | st.sampled_from(GEMEENTEN),
    doelgroep=st.sampled_from(list(Doelgroep)),
    instroom_maand=st.sampled_from(["2026-01", "2026-02", "2026-03"]),
    leerroute=st.none() | st.sampled_from(list(Leerroute)),
    resultaten=st.dictionaries(st.sampled_from(list(Resultaat)), st.booleans()),
    tevredenheid=st.dictionaries(st.sampled_from(list(Onderdeel)), st.integers(1, 5)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(records, max_size=80))
def test_no_published_line_reveals_a_hidden_count(recs: list[MonitoringRecord]) -> None:
    """Every row with its total, column with its total and cell across the gemeenten with
    'together' hides none or at least two; every shown count is at least 5 and true."""
    rep = monitoring_report(recs, GEMEENTEN, ON)
    zonder = {} if rep.zonder_gemeente is None else {ZONDER_GEMEENTE: rep.zonder_gemeente}
    scopes = {**rep.per_gemeente, **zonder, TOTAAL: rep.samen}
    for naam, table in rep.samen.tabellen.items():
        for scope, rapport in scopes.items():
            t = rapport.tabellen[naam]
            for cel in t.cellen.values():
                assert (cel.waarde is None) == (cel.onderdrukt is not None)
                small = cel.waarde is not None and cel.waarde < 5
                assert not small or (cel.waarde == 0 and naam not in NUL_GEVOELIG)
            rows = sorted({r for r, _ in t.cellen})
            cols = sorted({k for _, k in t.cellen})
            for r in rows:
                line = [t.cellen[(r, k)] for k in cols if (r, k) in t.cellen]
                if (r, TOTAAL) in t.cellen and len(line) > 1:
                    assert sum(c.waarde is None for c in line) != 1, (scope, naam, r)
            for k in cols:
                line = [t.cellen[(r, k)] for r in rows if (r, k) in t.cellen]
                if (TOTAAL, k) in t.cellen and len(line) > 1:
                    assert sum(c.waarde is None for c in line) != 1, (scope, naam, k)
        for cell in table.cellen:
            across = [scopes[s].tabellen[naam].cellen[cell] for s in scopes]
            assert sum(c.waarde is None for c in across) != 1, (naam, cell)
    # Shown counts are the true counts.
    for route in Leerroute:
        cel = rep.samen.tabellen["routemix"].cel(route.value, "aantal")
        if cel.waarde is not None:
            assert cel.waarde == sum(1 for r in recs if r.leerroute is route)
