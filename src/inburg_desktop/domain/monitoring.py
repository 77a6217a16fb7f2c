"""The office's monitoring report: aggregated figures per gemeente and together, no names.

What the municipality wants to follow (DOMAIN.md "Monitoring the municipality wants";
issue 16 item 6): instroom per month and doelgroep; the route mix against the expected one;
PIPs set within the deadline and the median weeks to the PIP; uitstroom per route and the
months until it; pass rates for exam, route and modules; satisfaction with MAP, PVT and
maatschappelijke begeleiding.

**Input** is one anonymised :class:`MonitoringRecord` per case: no name, no BSN, no
V-number, no date of birth, no free text; the instroom only as a month.

**Which start the weeks to the PIP count from.** The legal start of the PIP term
(:func:`pip_start`): the day of DUO's kennisgeving, or for a statushouder the later
registration in the BRP of the housing municipality, or after a move the registration in
the new municipality (Besluit art. 5.3 lid 1 and lid 3; DOMAIN.md "PIP deadline"). It is
the day the 10 weeks of the deadline count from, so the median and the share "within the
deadline" measure the same clock. Not the inburgeringstermijn (Wet art. 11): it starts
only the day *after* the PIP. Not the BRP registration as such: for gezinsmigranten the
law does not count from it. Cases without a kennisgeving have no legal term yet: they are
counted apart and left out of the median.

**Months until uitstroom** count whole calendar months (:func:`whole_months`, the
project's period rule) from the start of the inburgeringstermijn (the day after the PIP,
Wet art. 11) to the uitstroom: the legal clock of the route, per route.

**Small-cell suppression** (:func:`suppress`). Every published count from 1 to 4 (below
the threshold of 5) is suppressed (primary). A zero is suppressed too in the tables of
what happened to *persons* (:data:`NUL_GEVOELIG`: results, uitstroom, satisfaction),
where "0 of the 6 passed" tells each of the six that they failed; in the tables of
instroom, route mix and PIP timeliness a zero says that nobody is in the cell, which tells
nothing about anyone, and hiding it would only force hiding other, real figures.
Then secondary suppression, so that no hidden count can be recomputed from what is shown:
every *line* of cells that add up (a row with its row total, a column with its column
total, the totals with the grand total, and each cell across the gemeenten with the
"together" figure) must hide either none or at least two cells, and the cells it hides
may not all be zero: a reader can compute their sum from the line, and a sum of zero shows
each of them (two hidden zeros beside a total equal to the shown cells). While a line falls
short, the smallest visible count above zero in it is hidden too, preferring a cell to a
total, ties broken by a fixed order, until every line meets the rule or has no such count
left.

Figures derived from counts are only shown when the counts behind them are: a rate or
share when its numerator and denominator are shown, a mean score when its whole row is, a
median when it rests on at least the threshold of cases (its number of cases is not shown).

Limits: the method guarantees that no single line reveals a hidden count exactly. It
narrows a hidden count to an interval (a hidden 10 beside a hidden 3 in a line is known to
lie between 9 and 13), and it does not solve all lines at once as the optimal methods of
statistical offices' tools (τ-ARGUS) do; for tables this small that trade-off is taken.

The Dutch texts of the reasons here are default texts; they are not
marked ``N_`` yet, so the UI catalogue does not list them until the screens that show them
exist (the work that wires this module marks them and translates them).
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from inburg_desktop.domain.calendar import add_weeks, months_later
from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.deadlines import PIP_WEEKS, pip_deadline
from inburg_desktop.domain.gemeente import CODE_PATTERN
from inburg_desktop.domain.text import Reason

DREMPEL = 5
"""Counts below this are not published (issue 16: "suppress cells under 5")."""
TOTAAL = "totaal"
"""The row or column key of a total, and the scope key of the figures of all gemeenten."""
ZONDER_GEMEENTE = "zonder_gemeente"
"""The scope key of the cases that name no gemeente of the office: counted together with
the others in :data:`TOTAAL`, and as a scope of their own so that the line "each
gemeente plus these add up to the together figure" is complete (without it a hidden
gemeente cell would be recomputable as together minus the shown gemeenten whenever the
cases without a gemeente are few, or none)."""


class UitstroomSoort(enum.StrEnum):
    """How a case left the inburgering."""

    VOLDAAN = "voldaan"  # the plicht was met (exam, or the Z-route's eindgesprek)
    ONTHEFFING = "ontheffing"  # exemption or dispensation by DUO
    VERHUISD = "verhuisd"  # moved to another municipality (Besluit art. 5.3 lid 3)
    VERTROKKEN = "vertrokken"  # left the country
    OVERIG = "overig"  # AOW age, naturalisation, death


class Onderdeel(enum.StrEnum):
    """What satisfaction is asked about (DOMAIN.md "Monitoring")."""

    MAP = "map"
    PVT = "pvt"
    BEGELEIDING = "begeleiding"  # maatschappelijke begeleiding


class Resultaat(enum.StrEnum):
    """What a pass rate is about: the exam, the route as a whole, and the modules."""

    EXAMEN = "examen"
    ROUTE = "route"
    KNM = "knm"
    PVT = "pvt"
    MAP = "map"


SCORES = (1, 2, 3, 4, 5)
"""Satisfaction is answered on a five-point scale, 1 (very unhappy) to 5 (very happy)."""


@dataclass(frozen=True)
class RouteMix:
    """An expected route mix in whole percentages that add up to 100."""

    b1: int
    onderwijs: int
    z: int

    def __post_init__(self) -> None:
        values = (self.b1, self.onderwijs, self.z)
        if any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in values):
            raise ValueError("a route mix holds whole percentages from 0")
        if sum(values) != 100:
            raise ValueError(f"a route mix adds up to 100, got {sum(values)}")

    def share(self, route: Leerroute) -> int:
        return {Leerroute.B1: self.b1, Leerroute.ONDERWIJS: self.onderwijs, Leerroute.Z: self.z}[
            route
        ]


VERWACHT_LOKAAL = RouteMix(55, 20, 25)
"""The seed's expected local mix (beleidsplan); a setting with this default."""
VERWACHT_LANDELIJK = RouteMix(65, 20, 15)
"""The national expectation (DOMAIN.md); a setting with this default."""


def pip_start(
    doelgroep: Doelgroep,
    brp_registration: date | None,
    duo_kennisgeving: date | None,
    brp_after_move: date | None = None,
) -> date | None:
    """The day the PIP's 10 weeks count from, or ``None`` while no legal term runs.

    The start of :func:`~.deadlines.pip_deadline` without the lid 2 extension (waiting
    for a third party moves the end, not the start): that deadline minus 10 weeks.
    """
    deadline = pip_deadline(
        doelgroep, brp_registration, duo_kennisgeving, brp_after_move=brp_after_move
    )
    if deadline is None or deadline.provisional or deadline.due is None:
        return None
    return add_weeks(deadline.due, -PIP_WEEKS)


def whole_months(start: date, end: date) -> int:
    """Completed calendar months from ``start`` to ``end`` (0 when ``end`` < one month on).

    Month ``m`` is completed on :func:`~.calendar.months_later` ``(start, m)``: from
    2026-01-31, one month is completed on 2026-03-01 (no 31 February).
    Raises ``ValueError`` when ``end`` lies before ``start``.
    """
    if end < start:
        raise ValueError("end lies before start")
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and months_later(start, months) > end:
        months -= 1
    return months


@dataclass(frozen=True)
class MonitoringRecord:
    """One case, anonymised, for the report.

    ``gemeente``: its CBS code (``domain.gemeente``), ``None`` when the case names no
    gemeente of the office (then it counts only together and under
    :data:`ZONDER_GEMEENTE`); ``instroom_maand``: ``YYYY-MM`` of the
    registration in the municipality's BRP; ``leerroute``: the route of the current PIP
    (``None`` before a PIP); ``pip_start``: :func:`pip_start`; ``pip_deadline``: the
    deadline including a lid 2 extension (``None`` while waiting, or without kennisgeving);
    ``pip_datum``: the PIP's dagtekening; ``termijn_start``: the day after it;
    ``uitstroom`` and ``uitstroom_soort``: both or neither; ``resultaten``: for each
    :class:`Resultaat` reached an outcome, True for passed; ``tevredenheid``: the answer
    per :class:`Onderdeel` asked, 1–5.
    """

    gemeente: str | None
    doelgroep: Doelgroep
    instroom_maand: str
    leerroute: Leerroute | None = None
    pip_start: date | None = None
    pip_deadline: date | None = None
    pip_datum: date | None = None
    termijn_start: date | None = None
    uitstroom: date | None = None
    uitstroom_soort: UitstroomSoort | None = None
    resultaten: Mapping[Resultaat, bool] = field(default_factory=dict)
    tevredenheid: Mapping[Onderdeel, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        month = self.instroom_maand
        if not (
            isinstance(month, str)
            and len(month) == 7
            and month[4] == "-"
            and month[:4].isdigit()
            and month[5:].isdigit()
            and 1 <= int(month[5:]) <= 12
        ):
            raise ValueError("instroom_maand: YYYY-MM")
        if (self.uitstroom is None) != (self.uitstroom_soort is None):
            raise ValueError("uitstroom and uitstroom_soort: both or neither")
        if any(score not in SCORES for score in self.tevredenheid.values()):
            raise ValueError("tevredenheid: answers 1 to 5")


@dataclass(frozen=True)
class Cel:
    """One published count: ``waarde`` or, when hidden, ``None`` with ``onderdrukt``
    ``"klein"`` (below the threshold) or ``"aanvullend"`` (hidden so another cannot be
    recomputed). A hidden cell never holds its value, so no rendering can leak it."""

    waarde: int | None
    onderdrukt: str | None = None


@dataclass(frozen=True)
class Tabel:
    """A table of counts: ``cellen[(rij, kolom)]``, with ``TOTAAL`` as the key of a row
    total (column ``TOTAAL``), a column total (row ``TOTAAL``) and the grand total."""

    naam: str
    rijen: tuple[str, ...]
    kolommen: tuple[str, ...]
    cellen: Mapping[tuple[str, str], Cel]

    def cel(self, rij: str, kolom: str) -> Cel:
        return self.cellen[(rij, kolom)]


@dataclass(frozen=True)
class Kengetal:
    """A derived figure (a rate, a share, a median, a mean): ``waarde`` or ``None`` when
    it would rest on hidden counts or too few cases; ``n`` the cases behind it, when shown."""

    waarde: float | None
    n: int | None


@dataclass(frozen=True)
class Rapport:
    """The figures of one scope: a gemeente (its code) or ``TOTAAL`` (all together)."""

    scope: str
    tabellen: Mapping[str, Tabel]
    kengetallen: Mapping[str, Kengetal]


@dataclass(frozen=True)
class MonitoringReport:
    """Per gemeente and together; ``toelichting`` explains the suppression marks;
    ``zonder_gemeente`` the figures of the cases that name no gemeente of the office
    (``None`` when every case names one); ``peildatum`` the report's day."""

    per_gemeente: Mapping[str, Rapport]
    samen: Rapport
    toelichting: Reason
    verwacht_lokaal: RouteMix
    verwacht_landelijk: RouteMix
    zonder_gemeente: Rapport | None = None
    peildatum: date | None = None


# --- suppression ---------------------------------------------------------------------------

NUL_GEVOELIG = frozenset({"resultaten", "uitstroom", "tevredenheid"})
"""Tables where a zero is hidden like any small count: a zero there tells the rest of the
row what happened to each of them."""
KLEIN = "klein"
AANVULLEND = "aanvullend"


def suppress(
    counts: Mapping[tuple[str, ...], int],
    lines: Iterable[Sequence[tuple[str, ...]]],
    *,
    drempel: int = DREMPEL,
    is_total: Callable[[tuple[str, ...]], bool] = lambda key: False,
    nul_zichtbaar: Callable[[tuple[str, ...]], bool] = lambda key: False,
) -> dict[tuple[str, ...], str | None]:
    """Which cells to hide: primary below ``drempel``, then secondary until every line of
    cells that add up hides none, all, or at least two cells that are not all zero (the
    method is in the module docstring).

    ``counts`` maps every published cell (totals included) to its count, in a fixed
    order that breaks ties; ``lines`` lists the cells of each additive relation;
    ``nul_zichtbaar`` says of a cell that a zero in it may be shown. Returns each key's
    :data:`KLEIN`, :data:`AANVULLEND` or ``None``.
    """
    order = {key: i for i, key in enumerate(counts)}
    state: dict[tuple[str, ...], str | None] = {
        key: KLEIN if value < drempel and (value > 0 or not nul_zichtbaar(key)) else None
        for key, value in counts.items()
    }
    relations = [tuple(line) for line in lines if len(line) > 1]
    changed = True
    while changed:
        changed = False
        for line in relations:
            hidden = [key for key in line if state[key] is not None]
            # Hiding a zero protects nothing where zeros are shown: the line's sum shows it.
            visible = [key for key in line if state[key] is None and counts[key] > 0]
            exposed = len(hidden) == 1 or sum(counts[key] for key in hidden) == 0
            if not hidden or not visible or not exposed:
                continue
            pick = min(visible, key=lambda key: (is_total(key), counts[key], order[key]))
            state[pick] = AANVULLEND
            changed = True
    return state


# --- the report ----------------------------------------------------------------------------


@dataclass
class _Raw:
    """Counts of one table before suppression, for every scope."""

    naam: str
    rijen: tuple[str, ...]
    kolommen: tuple[str, ...]
    rijtotalen: bool
    kolomtotalen: bool
    counts: dict[str, dict[tuple[str, str], int]]


def _count_table(
    naam: str,
    rijen: Sequence[str],
    kolommen: Sequence[str],
    scopes: Mapping[str, Sequence[MonitoringRecord]],
    classify: Callable[[MonitoringRecord], Iterable[tuple[str, str]]],
    *,
    rijtotalen: bool,
    kolomtotalen: bool,
) -> _Raw:
    rijtotalen = rijtotalen and len(kolommen) > 1  # a total of one column is that column
    kolomtotalen = kolomtotalen and len(rijen) > 1
    out: dict[str, dict[tuple[str, str], int]] = {}
    for scope, records in scopes.items():
        cells = {(r, k): 0 for r in rijen for k in kolommen}
        for record in records:
            for key in classify(record):
                if key in cells:
                    cells[key] += 1
        if rijtotalen:
            for r in rijen:
                cells[(r, TOTAAL)] = sum(cells[(r, k)] for k in kolommen)
        if kolomtotalen:
            for k in kolommen:
                cells[(TOTAAL, k)] = sum(cells[(r, k)] for r in rijen)
        if rijtotalen and kolomtotalen:
            cells[(TOTAAL, TOTAAL)] = sum(cells[(r, k)] for r in rijen for k in kolommen)
        out[scope] = cells
    return _Raw(naam, tuple(rijen), tuple(kolommen), rijtotalen, kolomtotalen, out)


def _lines(raw: _Raw, parts: Sequence[str]) -> list[list[tuple[str, ...]]]:
    """The additive lines of ``raw``: rows and columns with their totals in every scope,
    and each cell across ``parts`` (the scopes that add up to :data:`TOTAAL`)."""
    lines: list[list[tuple[str, ...]]] = []
    rijen = [*raw.rijen, TOTAAL] if raw.kolomtotalen else list(raw.rijen)
    kolommen = [*raw.kolommen, TOTAAL] if raw.rijtotalen else list(raw.kolommen)
    for scope in raw.counts:
        if raw.rijtotalen:
            for r in rijen:
                if (r, TOTAAL) in raw.counts[scope]:
                    lines.append([(scope, raw.naam, r, k) for k in kolommen])
        if raw.kolomtotalen:
            for k in kolommen:
                if (TOTAAL, k) in raw.counts[scope]:
                    lines.append([(scope, raw.naam, r, k) for r in rijen])
    if len(parts) > 1:
        for cell in raw.counts[TOTAAL]:
            lines.append([(scope, raw.naam, *cell) for scope in [*parts, TOTAAL]])
    return lines


def _median(values: Sequence[float], drempel: int) -> Kengetal:
    if len(values) < drempel:
        return Kengetal(None, None)
    return Kengetal(round(float(statistics.median(values)), 1), None)


def _pip_klasse(record: MonitoringRecord, on: date) -> str:
    if record.pip_start is None:
        return "zonder_kennisgeving"
    if record.pip_datum is not None:
        # Set while the wait for a third party's information ran (no deadline yet): set
        # within the term, as Besluit art. 5.3 lid 2 allows; it waits for nothing more.
        if record.pip_deadline is None or record.pip_datum <= record.pip_deadline:
            return "op_tijd"
        return "te_laat_vastgesteld"
    if record.pip_deadline is None:
        return "wacht_op_derde"
    return "nog_binnen_termijn" if on <= record.pip_deadline else "te_laat_nog_niet"


_BEHAALD = {True: "behaald", False: "niet_behaald"}
PIP_KOLOMMEN = (
    "op_tijd",
    "te_laat_vastgesteld",
    "te_laat_nog_niet",
    "nog_binnen_termijn",
    "wacht_op_derde",
    "zonder_kennisgeving",
)
"""Where a case stands against its PIP deadline on the report's day: set on time, set
late, not set and overdue, not set and still in time, waiting for a third party's
information (Besluit art. 5.3 lid 2), no legal term yet (no kennisgeving)."""


def monitoring_report(
    records: Iterable[MonitoringRecord],
    gemeenten: Sequence[str],
    on: date,
    *,
    verwacht_lokaal: RouteMix = VERWACHT_LOKAAL,
    verwacht_landelijk: RouteMix = VERWACHT_LANDELIJK,
    drempel: int = DREMPEL,
) -> MonitoringReport:
    """The report over ``records`` for the office's ``gemeenten`` (CBS codes), on ``on``.

    Tables (rows × columns, with totals where they add up): ``instroom`` (month ×
    doelgroep), ``routemix`` (route), ``pip`` (doelgroep × :data:`PIP_KOLOMMEN`),
    ``uitstroom`` (route × kind),
    ``resultaten`` (exam, route, KNM, PVT, MAP × passed / not passed, row totals only: a
    sum over different results means nothing), ``tevredenheid`` (MAP, PVT, begeleiding ×
    score). Figures: ``aandeel_<route>``, ``slagingspercentage_<resultaat>``,
    ``gemiddelde_<onderdeel>``, ``mediaan_weken_tot_pip``,
    ``mediaan_maanden_tot_uitstroom_<route>``, ``pip_op_tijd`` (share of PIPs set on time
    among those set with a legal term), ``verschil_lokaal_<route>`` and
    ``verschil_landelijk_<route>`` (share minus the expected mix, percentage points).
    Records whose ``gemeente`` is ``None`` count together and under
    :data:`ZONDER_GEMEENTE`, which takes part in the suppression across the gemeenten.
    Raises ``ValueError`` for a code in ``gemeenten`` that is not a CBS gemeentecode, a
    record of a gemeente not in ``gemeenten``, or a threshold below 1.
    """
    if drempel < 1:
        raise ValueError("drempel: at least 1")
    for code in gemeenten:
        if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
            raise ValueError(f"gemeenten: {code!r} is not a CBS gemeentecode GMdddd")
    all_records = list(records)
    stray = sorted({r.gemeente for r in all_records if r.gemeente is not None} - set(gemeenten))
    if stray:
        raise ValueError(f"records of a gemeente the office does not serve: {stray[0]}")
    scopes: dict[str, list[MonitoringRecord]] = {g: [] for g in gemeenten}
    without = [r for r in all_records if r.gemeente is None]
    if without:
        scopes[ZONDER_GEMEENTE] = without
    for record in all_records:
        if record.gemeente is not None:
            scopes[record.gemeente].append(record)
    scopes[TOTAAL] = all_records
    parts = [scope for scope in scopes if scope != TOTAAL]

    months = tuple(sorted({r.instroom_maand for r in all_records}))
    routes = tuple(r.value for r in Leerroute)
    raws = [
        _count_table(
            "instroom", months, tuple(d.value for d in Doelgroep), scopes,
            lambda r: [(r.instroom_maand, r.doelgroep.value)],
            rijtotalen=True, kolomtotalen=True,
        ),
        _count_table(
            "routemix", routes, ("aantal",), scopes,
            lambda r: [(r.leerroute.value, "aantal")] if r.leerroute else [],
            rijtotalen=False, kolomtotalen=True,
        ),
        _count_table(
            "pip", tuple(d.value for d in Doelgroep), PIP_KOLOMMEN, scopes,
            lambda r: [(r.doelgroep.value, _pip_klasse(r, on))],
            rijtotalen=True, kolomtotalen=True,
        ),
        _count_table(
            "uitstroom", routes, tuple(u.value for u in UitstroomSoort), scopes,
            lambda r: (
                [(r.leerroute.value, r.uitstroom_soort.value)]
                if r.leerroute and r.uitstroom_soort else []
            ),
            rijtotalen=True, kolomtotalen=True,
        ),
        _count_table(
            "resultaten", tuple(x.value for x in Resultaat), ("behaald", "niet_behaald"), scopes,
            lambda r: [(k.value, _BEHAALD[v]) for k, v in r.resultaten.items()],
            rijtotalen=True, kolomtotalen=False,
        ),
        _count_table(
            "tevredenheid", tuple(o.value for o in Onderdeel), tuple(str(s) for s in SCORES),
            scopes,
            lambda r: [(k.value, str(v)) for k, v in r.tevredenheid.items()],
            rijtotalen=True, kolomtotalen=False,
        ),
    ]  # fmt: skip

    counts: dict[tuple[str, ...], int] = {}
    lines: list[list[tuple[str, ...]]] = []
    for raw in raws:
        for scope, cells in raw.counts.items():
            for (rij, kolom), value in cells.items():
                counts[(scope, raw.naam, rij, kolom)] = value
        lines += _lines(raw, parts)
    state = suppress(
        counts,
        lines,
        drempel=drempel,
        is_total=lambda key: TOTAAL in key[2:] or key[0] == TOTAAL,
        nul_zichtbaar=lambda key: key[1] not in NUL_GEVOELIG,
    )

    def shown(scope: str, naam: str, rij: str, kolom: str) -> int | None:
        key = (scope, naam, rij, kolom)
        return counts[key] if state[key] is None else None

    reports: dict[str, Rapport] = {}
    for scope, records_in_scope in scopes.items():
        tabellen = {
            raw.naam: Tabel(
                raw.naam,
                raw.rijen,
                raw.kolommen,
                {
                    cell: Cel(shown(scope, raw.naam, *cell), state[(scope, raw.naam, *cell)])
                    for cell in raw.counts[scope]
                },
            )
            for raw in raws
        }
        figures = _figures(scope, records_in_scope, shown, drempel)
        reports[scope] = Rapport(
            scope,
            tabellen,
            {**figures, **_against_expected(figures, verwacht_lokaal, verwacht_landelijk)},
        )
    return MonitoringReport(
        per_gemeente={g: reports[g] for g in gemeenten},
        samen=reports[TOTAAL],
        zonder_gemeente=reports.get(ZONDER_GEMEENTE),
        peildatum=on,
        toelichting=Reason(
            "monitoring_onderdrukt",
            (
                "Aantallen kleiner dan {drempel} zijn niet getoond (bij uitkomsten voor personen "
                "ook een nul), en waar nodig ook een "
                "tweede aantal in dezelfde rij, kolom of gemeente, zodat een verborgen aantal "
                "niet uit de totalen is terug te rekenen. Percentages, gemiddelden en "
                "medianen die op verborgen aantallen of op minder dan {drempel} dossiers "
                "rusten, zijn ook niet getoond"
            ),
            {"drempel": str(drempel)},
        ),
        verwacht_lokaal=verwacht_lokaal,
        verwacht_landelijk=verwacht_landelijk,
    )


def _figures(
    scope: str,
    records: Sequence[MonitoringRecord],
    shown: Callable[[str, str, str, str], int | None],
    drempel: int,
) -> dict[str, Kengetal]:
    """Rates, shares and means only from counts that are shown (so they reveal nothing a
    reader could not compute from the table), medians only over ``drempel`` cases or more
    (their ``n`` is not published: it is no count of any table)."""
    figures: dict[str, Kengetal] = {}
    total = shown(scope, "routemix", TOTAAL, "aantal")
    for route in Leerroute:
        count = shown(scope, "routemix", route.value, "aantal")
        figures[f"aandeel_{route.value}"] = _ratio(count, total)
    for result in Resultaat:
        passed = shown(scope, "resultaten", result.value, "behaald")
        done = shown(scope, "resultaten", result.value, TOTAAL)
        figures[f"slagingspercentage_{result.value}"] = _ratio(passed, done)
    on_time = shown(scope, "pip", TOTAAL, "op_tijd")
    late = shown(scope, "pip", TOTAAL, "te_laat_vastgesteld")
    figures["pip_op_tijd"] = _ratio(
        on_time, None if on_time is None or late is None else on_time + late
    )
    for onderdeel in Onderdeel:
        row = [shown(scope, "tevredenheid", onderdeel.value, str(s)) for s in SCORES]
        counted = [v for v in row if v is not None]
        n = sum(counted)
        if len(counted) == len(row) and n > 0:
            mean = sum(s * v for s, v in zip(SCORES, counted, strict=True)) / n
            figures[f"gemiddelde_{onderdeel.value}"] = Kengetal(round(mean, 2), n)
        else:
            figures[f"gemiddelde_{onderdeel.value}"] = Kengetal(None, None)
    weeks = [(r.pip_datum - r.pip_start).days / 7 for r in records if r.pip_datum and r.pip_start]
    figures["mediaan_weken_tot_pip"] = _median(weeks, drempel)
    for route in Leerroute:
        months = [
            float(whole_months(r.termijn_start, r.uitstroom))
            for r in records
            if r.leerroute is route
            and r.termijn_start is not None
            and r.uitstroom is not None
            and r.uitstroom >= r.termijn_start
        ]
        figures[f"mediaan_maanden_tot_uitstroom_{route.value}"] = _median(months, drempel)
    return figures


def _against_expected(
    figures: Mapping[str, Kengetal], lokaal: RouteMix, landelijk: RouteMix
) -> dict[str, Kengetal]:
    """``verschil_lokaal_<route>`` and ``verschil_landelijk_<route>``: the route's share
    minus the expected share, in percentage points (shown only with the share)."""
    out: dict[str, Kengetal] = {}
    for route in Leerroute:
        share = figures[f"aandeel_{route.value}"]
        for name, mix in (("lokaal", lokaal), ("landelijk", landelijk)):
            value = (
                None if share.waarde is None else round(100 * share.waarde - mix.share(route), 1)
            )
            out[f"verschil_{name}_{route.value}"] = Kengetal(
                value, share.n if value is not None else None
            )
    return out


def _ratio(part: int | None, whole: int | None) -> Kengetal:
    """``part / whole`` as a fraction rounded to 3 places, when both are shown and
    ``whole`` is not zero."""
    if part is None or not whole:
        return Kengetal(None, None)
    return Kengetal(round(part / whole, 3), whole)
