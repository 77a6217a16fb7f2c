"""Voortgang (progress) after the PIP: the progress talks, progress per agreement, and the
progress data that arrive from providers and DUO, measured against the PIP.

Pure rules on ``pip.py``'s model; the law's numbers come from the constants the PIP rules
use (``pip.PVT_MIN_HOURS``, ``MAP_THEMES``, ``Z_COURSE_HOURS``, ``Z_PARTICIPATION_HOURS``,
``A2_MIN_COURSE_HOURS``), never retyped.

**Planning the voortgangsgesprekken** (Besluit art. 5.3 lid 4: the PIP states their
number). The PIP holds them as months after the termijn start
(:class:`pip.Voortgangsgesprekken`, default eight: months 1, 2, 3, 6, 9, 12, 18, 24 —
DOMAIN.md "about 8 on average, more often at the start"). When only a number is given,
:func:`spread_maanden` spaces that many talks over the termijn, densest at the start:

* 8 talks: exactly the default ladder (monthly in the first quarter, quarterly up to
  the first year, half-yearly in the second year);
* fewer: talks dropped from that ladder in a fixed order — 18, 9, 2, 6, 3, 12, 24 — so
  that no gap is ever wider than a later one (7 → 1, 2, 3, 6, 9, 12, 24; 5 → 1, 3, 6,
  12, 24; 4 → 1, 3, 12, 24; 2 → 1, 24; 1 → month 1);
* more: the ladder plus months 30, then the first year made monthly (4, 5, 7, 8, 10,
  11), then the middle of each later half-year (15, 21, 27, 33), then every month left
  up to 35, in that order. At most 35: a talk in month 36 falls after the termijn.

:func:`plan_gesprekken` turns months into dates (``calendar.add_months``: a planning
point, not a period end) and keeps every date within the termijn (up to and including
``deadlines.termijn_end``). The k-th held talk covers the k-th planned one
(:func:`volgend_gesprek`): an extra talk brings the next one forward in the count, which
is what a consultant expects ("we had five of the eight").

**Progress per agreement** (:class:`AfspraakVoortgang`): on track / behind / ahead, with
what was agreed next; :func:`suggest_stand` proposes one from the agreement's date and
status.

**Hours against the PIP's intensity** (:func:`uren_tegen_intensiteit`): expected hours on a
day are the intensity (hours per week) times the whole weeks since the termijn start,
never more than the PIP's total; followed hours are the registered hours dated up to
and including that day. Behind or ahead means more than ``marge`` (default 10 %) off,
so holidays and a late report do not flag a case at once.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from inburg_desktop.domain.calendar import add_months
from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.cited import cited, nl_day, nl_hours
from inburg_desktop.domain.deadlines import TERMIJN_MONTHS, termijn_end
from inburg_desktop.domain.pip import (
    A2_MIN_COURSE_HOURS,
    DEFAULT_GESPREK_MAANDEN,
    MAP_THEMES,
    PVT_MIN_HOURS,
    Z_COURSE_HOURS,
    Z_PARTICIPATION_HOURS,
    Afspraak,
    Examenonderdeel,
    PipVersion,
    Voortgang,
    taaldoel,
)
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.text import N_, Reason

MAX_GESPREKKEN = TERMIJN_MONTHS - 1  # month 36 would fall after the termijn's last day
_DROP_ORDER = (18, 9, 2, 6, 3, 12, 24)  # from DEFAULT_GESPREK_MAANDEN, for fewer talks
_EXTRA_MAANDEN = (30, 4, 5, 7, 8, 10, 11, 15, 21, 27, 33)
DEFAULT_MARGE = Decimal("0.10")
ZERO = Decimal(0)


class VoortgangInvalid(Problem, ValueError):
    """Progress input that cannot be right; ``params["field"]`` names the field.

    Codes: ``voortgang_gesprekken_count`` (``max``), ``not_negative``,
    ``voortgang_next_step_missing`` (behind without what was agreed next),
    ``voortgang_exam_level`` (a level for a language part, none for KNM).
    """

    default_code = "not_negative"


# --- planning the talks -------------------------------------------------------------------


def spread_maanden(aantal: int | None) -> tuple[int, ...]:
    """``aantal`` talks as months after the termijn start, densest at the start.

    ``None`` (the PIP gives no number): the default eight. Raises :class:`VoortgangInvalid`
    (``voortgang_gesprekken_count``) outside 1-35. The spacing is in the module docstring.
    """
    if aantal is None:
        return DEFAULT_GESPREK_MAANDEN
    if not 1 <= aantal <= MAX_GESPREKKEN:
        raise VoortgangInvalid("voortgang_gesprekken_count", field="aantal", max=MAX_GESPREKKEN)
    ladder = DEFAULT_GESPREK_MAANDEN
    if aantal <= len(ladder):
        dropped = set(_DROP_ORDER[: len(ladder) - aantal])
        return tuple(m for m in ladder if m not in dropped)
    order = [*_EXTRA_MAANDEN, *range(1, MAX_GESPREKKEN + 1)]
    chosen = set(ladder)
    for month in order:
        if len(chosen) == aantal:
            break
        chosen.add(month)
    return tuple(sorted(chosen))


def plan_gesprekken(termijn_start: date, maanden: Sequence[int]) -> tuple[date, ...]:
    """The dates of the talks: ``maanden`` months after ``termijn_start``
    (``calendar.add_months``), none after the termijn's last day (Wet art. 11)."""
    last = termijn_end(termijn_start)
    return tuple(gesprek_op(termijn_start, m, last) for m in maanden)


def gesprek_op(termijn_start: date, maand: int, termijn_last: date) -> date:
    """One talk's date: ``maand`` months after ``termijn_start``, at the latest the
    termijn's last day ``termijn_last`` (``deadlines.termijn_end``)."""
    return min(add_months(termijn_start, maand), termijn_last)


def plan_voor_pip(version: PipVersion, termijn_start: date) -> tuple[date, ...]:
    """The talks the PIP in force plans (Besluit art. 5.3 lid 4), as dates."""
    return plan_gesprekken(termijn_start, version.beschikking.voortgangsgesprekken.maanden)


def aantal_gehouden(gehouden: Iterable[date], termijn_start: date) -> int:
    """How many talks were held from the termijn start on (a talk before it, e.g. during
    the intake, is not one of the PIP's voortgangsgesprekken)."""
    return len([day for day in gehouden if day >= termijn_start])


def volgend_gesprek(
    plan: Sequence[date], gehouden: Iterable[date], termijn_start: date
) -> tuple[int, date] | None:
    """The next planned talk (its 1-based number and date) once the k-th held talk has
    covered the k-th planned one (:func:`aantal_gehouden`); ``None`` when every planned
    talk was held."""
    count = aantal_gehouden(gehouden, termijn_start)
    if count >= len(plan):
        return None
    return count + 1, plan[count]


# --- progress per PIP agreement -------------------------------------------------------------


class Stand(enum.StrEnum):
    OP_SCHEMA = "op_schema"
    ACHTER = "achter"
    VOOR = "voor"


@dataclass(frozen=True)
class AfspraakVoortgang:
    """At a talk: how one agreement of the ontwikkelplan stands, and what was agreed next.

    ``afspraak`` is the index in ``Ontwikkelplan.afspraken``. Behind needs a next step: a
    talk that finds someone behind ends with what happens now.
    """

    afspraak: int
    stand: Stand
    volgende_stap: str = ""
    volgende_datum: date | None = None
    toelichting: str = ""

    def __post_init__(self) -> None:
        if self.afspraak < 0:
            raise VoortgangInvalid("not_negative", field="afspraak")
        if self.stand is Stand.ACHTER and not self.volgende_stap.strip():
            raise VoortgangInvalid("voortgang_next_step_missing", field="volgende_stap")


def suggest_stand(afspraak: Afspraak, on: date) -> Stand | None:
    """A proposal the consultant confirms: reached before its date → ahead; reached → on
    track; open past its date → behind; open otherwise → on track; dropped → ``None``."""
    if afspraak.status is Voortgang.VERVALLEN:
        return None
    due = afspraak.wanneer
    if afspraak.status is Voortgang.BEREIKT:
        return Stand.VOOR if due is not None and on < due else Stand.OP_SCHEMA
    if due is not None and on > due:
        return Stand.ACHTER
    return Stand.OP_SCHEMA


# --- hours ------------------------------------------------------------------------------------


class UrenSoort(enum.StrEnum):
    NT2 = "nt2"  # language lessons (alfabetisering included)
    KNM = "knm"
    PARTICIPATIE = "participatie"
    PVT = "pvt"
    MAP = "map"


COURSE = frozenset({UrenSoort.NT2, UrenSoort.KNM})  # Besluit art. 3.14: course hours
PARTICIPATION = frozenset({UrenSoort.PARTICIPATIE, UrenSoort.PVT, UrenSoort.MAP})


@dataclass(frozen=True)
class UrenRegel:
    """Hours a provider reports: ``uren`` of ``soort`` up to and including ``datum`` (the
    lesson day or the last day of the reported period); ``tijdens_intake`` for NT2 hours
    followed during the brede intake (they count toward the 600, Besluit art. 5.5 lid 2)."""

    aanbieder: str
    soort: UrenSoort
    datum: date
    uren: Decimal
    tijdens_intake: bool = False

    def __post_init__(self) -> None:
        if self.uren < 0:
            raise VoortgangInvalid("not_negative", field="uren")


def uren(regels: Iterable[UrenRegel], soorten: Iterable[UrenSoort], on: date) -> Decimal:
    """Registered hours of ``soorten`` dated up to and including ``on``."""
    wanted = frozenset(soorten)
    return sum((r.uren for r in regels if r.soort in wanted and r.datum <= on), ZERO)


@dataclass(frozen=True)
class UrenStand:
    """Hours followed against hours expected by the PIP on a day."""

    aanbieder: str  # "" for all providers together
    gevolgd: Decimal
    verwacht: Decimal
    totaal: int
    stand: Stand
    uren_per_week: int = 0
    weken: int = 0  # whole weeks from the termijn's start
    alle_gevolgd: Decimal = ZERO  # a provider's row: all providers' hours together
    eigen_aandeel: bool = False  # a provider's row measured against its own part of the PIP

    @property
    def eigen_stand(self) -> Stand | None:
        """The stand this row shows: all providers together, or a provider with its own
        part of the PIP; ``None`` for a provider without one (its share only)."""
        return None if self.aanbieder and not self.eigen_aandeel else self.stand

    @property
    def reason(self) -> Reason:
        """All providers together, and a provider the PIP gives hours of its own
        (``eigen_aandeel``): the hours against the PIP's hours per week × the weeks so far
        (at most its total) and the stand. Any other provider's row: its share of the
        hours followed, never a stand of its own (the intensity is then the person's, not
        one provider's: usability round 8, finding 4; round 9, finding 11)."""
        if self.aanbieder and not self.eigen_aandeel:
            return cited(
                "voortgang_uren_aanbieder",
                N_("{gevolgd} van de {alle} gevolgde uren."),
                "Wet art. 15",
                gevolgd=nl_hours(self.gevolgd),
                alle=nl_hours(self.alle_gevolgd),
            )
        return cited(
            f"voortgang_uren_{self.stand.value}",
            {
                Stand.OP_SCHEMA: N_(
                    "Op schema: {gevolgd} van de verwachte {verwacht} uur gevolgd (PIP: "
                    "{per_week} uur per week × {weken} weken, ten hoogste {totaal} uur)."
                ),
                Stand.ACHTER: N_(
                    "Achter: {gevolgd} van de verwachte {verwacht} uur gevolgd (PIP: "
                    "{per_week} uur per week × {weken} weken, ten hoogste {totaal} uur; "
                    "{artikel})."
                ),
                Stand.VOOR: N_(
                    "Voor: {gevolgd} van de verwachte {verwacht} uur gevolgd (PIP: "
                    "{per_week} uur per week × {weken} weken, ten hoogste {totaal} uur; "
                    "{artikel})."
                ),
            }[self.stand],
            "Wet art. 15",
            gevolgd=nl_hours(self.gevolgd),
            verwacht=nl_hours(self.verwacht),
            per_week=self.uren_per_week,
            weken=self.weken,
            totaal=self.totaal,
        )


def _stand(gevolgd: Decimal, verwacht: Decimal, marge: Decimal) -> Stand:
    if gevolgd < verwacht * (1 - marge):
        return Stand.ACHTER
    if gevolgd > verwacht * (1 + marge) and gevolgd > verwacht:
        return Stand.VOOR
    return Stand.OP_SCHEMA


def verwachte_uren(uren_per_week: int, totaal: int, start: date, on: date) -> Decimal:
    """Hours the PIP expects by ``on``: per week × whole weeks from ``start``, at most
    ``totaal``; 0 before ``start``."""
    weeks = max((on - start).days, 0) // 7
    return Decimal(min(uren_per_week * weeks, totaal))


def aanbieder_sleutel(name: str) -> str:
    """A provider's name as compared between the PIP and the registered hours: spaces
    collapsed, case folded ("ROC  midden" is "ROC Midden")."""
    return " ".join(name.split()).casefold()


def uren_tegen_intensiteit(
    regels: Iterable[UrenRegel],
    soorten: Iterable[UrenSoort],
    uren_per_week: int,
    totaal: int,
    start: date,
    on: date,
    marge: Decimal = DEFAULT_MARGE,
    aandelen: Mapping[str, tuple[int, int]] | None = None,
) -> tuple[UrenStand, ...]:
    """All providers together first (``aanbieder`` ""), then one row per provider.

    The first row holds all hours against the PIP's intensity (hours per week × whole
    weeks since ``start``, at most ``totaal``), with its stand. ``aandelen``: the part of
    that intensity the PIP gives a provider itself, ``(hours per week, total hours)`` by
    :func:`aanbieder_sleutel`; such a provider's row is measured against its own part
    (``eigen_aandeel``, with a stand of its own). Any other provider's row says who
    delivers what share (``alle_gevolgd``), its ``stand`` the whole row's: with no split
    in the PIP the intensity is the person's, and one provider alone is never behind it
    (usability round 9, finding 11: two providers were each measured against the whole).
    """
    wanted = frozenset(soorten)
    rows = [r for r in regels if r.soort in wanted and r.datum <= on]
    expected = verwachte_uren(uren_per_week, totaal, start, on)
    weeks = max((on - start).days, 0) // 7
    per: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        per[row.aanbieder] += row.uren
    total = sum(per.values(), ZERO)
    stand = _stand(total, expected, marge)
    whole = UrenStand("", total, expected, totaal, stand, uren_per_week, weeks, total)
    out = [whole]
    for name in sorted(per):
        own = (aandelen or {}).get(aanbieder_sleutel(name))
        if own is None:
            out.append(replace(whole, aanbieder=name, gevolgd=per[name]))
            continue
        own_expected = verwachte_uren(own[0], own[1], start, on)
        out.append(
            UrenStand(
                name,
                per[name],
                own_expected,
                own[1],
                _stand(per[name], own_expected, marge),
                own[0],
                weeks,
                total,
                eigen_aandeel=True,
            )
        )
    return tuple(out)


def leerroute_uren(
    version: PipVersion, regels: Sequence[UrenRegel], start: date, on: date
) -> tuple[UrenStand, ...]:
    """Course hours (NT2 and KNM) against the leerroute intensity of the PIP (Wet art. 15
    lid 2); empty when the PIP states none. The PIP states one intensity for the person
    (its ``aanbieder`` names who runs it, not a split): no provider has a stand of its own,
    the row of all providers together has."""
    intensity = version.beschikking.leerroute_intensiteit
    if intensity is None:
        return ()
    return uren_tegen_intensiteit(
        regels, COURSE, intensity.uren_per_week, intensity.totaal_uren, start, on
    )


def participatie_uren(
    version: PipVersion, regels: Sequence[UrenRegel], start: date, on: date
) -> tuple[UrenStand, ...]:
    """Participation hours against the PIP's participation components together; empty
    when none has an intensity. The PIP states per component its organisation and hours
    (the intensity of participation, Wet art. 15 lid 1): an organisation with hours of its
    own is measured against them (:func:`participatie_aandelen`)."""
    parts = version.beschikking.participatie
    per_week = sum(p.uren_per_week for p in parts)
    total = sum(p.totaal_uren for p in parts)
    if per_week == 0 or total == 0:
        return ()
    return uren_tegen_intensiteit(
        regels,
        (UrenSoort.PARTICIPATIE,),
        per_week,
        total,
        start,
        on,
        aandelen=participatie_aandelen(version),
    )


def participatie_aandelen(version: PipVersion) -> dict[str, tuple[int, int]]:
    """Per organisation (:func:`aanbieder_sleutel`) the hours per week and total hours of
    the PIP's participation components it runs, where both are set (Wet art. 15 lid 1);
    components without an organisation or without hours give no part of their own."""
    out: dict[str, tuple[int, int]] = {}
    for part in version.beschikking.participatie:
        key = aanbieder_sleutel(part.organisatie)
        if not key or part.uren_per_week == 0 or part.totaal_uren == 0:
            continue
        week, whole = out.get(key, (0, 0))
        out[key] = (week + part.uren_per_week, whole + part.totaal_uren)
    return out


# --- PVT, MAP, KNM, Z-route, exams ------------------------------------------------------------


@dataclass(frozen=True)
class PvtActiviteit:
    """One PVT activity and whether the person attended it (the municipality registers
    attendance, Besluit art. 3.1)."""

    omschrijving: str
    datum: date
    uren: Decimal
    aanwezig: bool

    def __post_init__(self) -> None:
        if self.uren < 0:
            raise VoortgangInvalid("not_negative", field="uren")


@dataclass(frozen=True)
class Onderdeelstand:
    """Whether a component is done, and what is still missing (empty when done)."""

    afgerond: bool
    ontbreekt: tuple[Reason, ...]
    van_toepassing: bool = True


def pvt_stand(activiteiten: Iterable[PvtActiviteit], ondertekend_op: date | None) -> Onderdeelstand:
    """PVT (Besluit art. 3.1): at least 12 hours and at least one activity attended, and
    the participatieverklaring signed."""
    attended = [a for a in activiteiten if a.aanwezig]
    hours = sum((a.uren for a in attended), ZERO)
    missing: list[Reason] = []
    if hours < PVT_MIN_HOURS:
        missing.append(
            cited(
                "voortgang_pvt_uren",
                N_("PVT: {uren} van de {required} uur bijgewoond ({artikel})."),
                "Besluit art. 3.1",
                uren=nl_hours(hours),
                required=PVT_MIN_HOURS,
            )
        )
    if not attended:
        missing.append(
            cited(
                "voortgang_pvt_activiteit",
                N_("PVT: nog geen activiteit bijgewoond ({artikel})."),
                "Besluit art. 3.1",
            )
        )
    if ondertekend_op is None:
        missing.append(
            cited(
                "voortgang_pvt_ondertekening",
                N_("PVT: de participatieverklaring is nog niet ondertekend ({artikel})."),
                "Besluit art. 3.1",
            )
        )
    return Onderdeelstand(not missing, tuple(missing))


def map_stand(
    leerroute: Leerroute | None, themas_afgerond: Iterable[int], eindgesprek_op: date | None
) -> Onderdeelstand:
    """MAP (Besluit art. 3.2): the eight themes and an eindgesprek. Not for someone in the
    onderwijsroute: the taalschakeltraject replaces it (Wet art. 8 lid 3)."""
    if leerroute is Leerroute.ONDERWIJS:
        return Onderdeelstand(False, (), van_toepassing=False)
    done = {t for t in themas_afgerond if 1 <= t <= MAP_THEMES}
    missing: list[Reason] = []
    if len(done) < MAP_THEMES:
        open_ = [str(t) for t in range(1, MAP_THEMES + 1) if t not in done]
        missing.append(
            cited(
                "voortgang_map_themas",
                N_("MAP: {done} van de {required} thema's afgerond; open: {open} ({artikel})."),
                "Besluit art. 3.2",
                done=len(done),
                required=MAP_THEMES,
                open=", ".join(open_),
            )
        )
    if eindgesprek_op is None:
        missing.append(
            cited(
                "voortgang_map_eindgesprek",
                N_("MAP: het eindgesprek is nog niet gevoerd ({artikel})."),
                "Besluit art. 3.2",
            )
        )
    return Onderdeelstand(not missing, tuple(missing))


class Taalniveau(enum.StrEnum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"


_NIVEAU_RANK = {level: rank for rank, level in enumerate(Taalniveau)}


@dataclass(frozen=True)
class ExamenUitslag:
    """One exam result as DUO reports it: a language part at a level, or KNM
    (``onderdeel`` ``None``, ``niveau`` ``None``)."""

    onderdeel: Examenonderdeel | None
    niveau: Taalniveau | None
    datum: date
    behaald: bool

    def __post_init__(self) -> None:
        if (self.onderdeel is None) != (self.niveau is None):
            raise VoortgangInvalid("voortgang_exam_level", field="niveau")

    @property
    def knm(self) -> bool:
        return self.onderdeel is None


def examen_behaald_op(
    leerroute: Leerroute | None, afschaling_a2: bool, uitslagen: Iterable[ExamenUitslag]
) -> date | None:
    """The day the exam was passed: every language part passed at the route's target
    level or higher (INSTRUMENTS.md "Route targets", ``pip.taaldoel``; the onderwijsroute
    at B1 at least) and KNM passed; the latest of those first passes. ``None`` while a
    part is missing, and always in the Z-route (no exam: the eindgesprek decides, Besluit
    art. 3.14). This date feeds the nazorg contact (``deadlines.nazorg_contact``)."""
    if leerroute is None or leerroute is Leerroute.Z:
        return None
    target = Taalniveau(taaldoel(leerroute, afschaling_a2).split("/")[0])
    first: dict[Examenonderdeel | None, date] = {}
    for result in uitslagen:
        if not result.behaald:
            continue
        if result.niveau is not None and _NIVEAU_RANK[result.niveau] < _NIVEAU_RANK[target]:
            continue
        known = first.get(result.onderdeel)
        if known is None or result.datum < known:
            first[result.onderdeel] = result.datum
    needed: list[Examenonderdeel | None] = [*Examenonderdeel, None]
    if any(part not in first for part in needed):
        return None
    return max(first[part] for part in needed)


def knm_stand(
    leerroute: Leerroute | None, uitslagen: Iterable[ExamenUitslag], z_eindgesprek_op: date | None
) -> Onderdeelstand:
    """KNM: the DUO exam in the B1- and onderwijsroute (Wet art. 7); in the Z-route part of
    the course hours, closed by the eindgesprek (Besluit art. 3.14)."""
    if leerroute is Leerroute.Z:
        if z_eindgesprek_op is not None:
            return Onderdeelstand(True, ())
        reason = cited(
            "voortgang_knm_z_eindgesprek",
            N_(
                "KNM sluit in de Z-route af met het eindgesprek; dat is nog niet gevoerd "
                "({artikel})."
            ),
            "Besluit art. 3.14",
        )
        return Onderdeelstand(False, (reason,))
    if any(u.knm and u.behaald for u in uitslagen):
        return Onderdeelstand(True, ())
    reason = cited(
        "voortgang_knm_examen", N_("Het KNM-examen is nog niet behaald ({artikel})."), "Wet art. 7"
    )
    return Onderdeelstand(False, (reason,))


def z_route_stand(
    doelgroep: Doelgroep,
    regels: Iterable[UrenRegel],
    eindgesprek_op: date | None,
    on: date,
) -> Onderdeelstand:
    """Z-route (Besluit art. 3.14): 800 course hours (NT2 and KNM); for asielstatushouders
    also 800 hours of participation (MAP and PVT hours count); then the eindgesprek.
    The fewer hours lid 6, 8 and 9 allow are recorded as an exception on the PIP
    (``pip_rules``), not here: this says what the data show."""
    rows = tuple(regels)
    course = uren(rows, COURSE, on)
    missing: list[Reason] = []
    if course < Z_COURSE_HOURS:
        missing.append(
            cited(
                "voortgang_z_lesuren",
                N_("Z-route: {uren} van de {required} lesuren gevolgd ({artikel})."),
                "Besluit art. 3.14",
                uren=nl_hours(course),
                required=Z_COURSE_HOURS,
            )
        )
    if doelgroep is Doelgroep.STATUSHOUDER:
        part = uren(rows, PARTICIPATION, on)
        if part < Z_PARTICIPATION_HOURS:
            missing.append(
                cited(
                    "voortgang_z_participatie_uren",
                    N_(
                        "Z-route: {uren} van de {required} uur participatie gevolgd (PVT en "
                        "MAP tellen mee) ({artikel})."
                    ),
                    "Besluit art. 3.14",
                    uren=nl_hours(part),
                    required=Z_PARTICIPATION_HOURS,
                )
            )
    if eindgesprek_op is None:
        missing.append(
            cited(
                "voortgang_z_eindgesprek",
                N_("Z-route: het eindgesprek met de gemeente is nog niet gevoerd ({artikel})."),
                "Besluit art. 3.14",
            )
        )
    return Onderdeelstand(not missing, tuple(missing))


def afschalen_signaal(
    leerroute: Leerroute | None, afschaling_a2: bool, regels: Iterable[UrenRegel], on: date
) -> Reason | None:
    """A signal, not advice: in the B1-route, not yet afgeschaald, once 600 hours of NT2
    course are registered (hours during the intake count, Besluit art. 5.5 lid 2),
    afschalen to A2 may be considered; whether the effort was sufficient is the
    consultant's judgement, and the change amends the PIP (Besluit art. 5.3 lid 6)."""
    if leerroute is not Leerroute.B1 or afschaling_a2:
        return None
    hours = uren(regels, (UrenSoort.NT2,), on)
    if hours < A2_MIN_COURSE_HOURS:
        return None
    return cited(
        "voortgang_afschalen_mogelijk",
        N_(
            "{uren} uur NT2-les gevolgd: afschalen naar A2 kan worden overwogen als de "
            "inburgeraar voldoende inspanning heeft geleverd ({artikel}); dat wijzigt het PIP."
        ),
        "Besluit art. 5.5",
        uren=nl_hours(hours),
    )


def gesprek_reason(number: int, total: int, due: date) -> Reason:
    """The reason a voortgangsgesprek is due (Besluit art. 5.3 lid 4)."""
    return cited(
        "voortgangsgesprek",
        N_("Voortgangsgesprek {number} van {total} volgens het PIP, gepland op {due} ({artikel})."),
        "Besluit art. 5.3 lid 4",
        number=number,
        total=total,
        due=nl_day(due),
    )
