"""A first draft of the PIP from the intake's facts and the chosen leerroute.

The consultant edits the proposal; nothing here decides. Inputs are plain values (the
chosen route, the doelgroep, children's birth dates and VVE need, bijstand, the
participatieladder rung, the route advice's reason codes), so this module knows nothing
of the prompt catalogue. Every proposal comes with a :class:`Reason` saying why, shown
beside the editor.

What is proposed:

* leerroute intensity for asielstatushouders, from settings per route (local choices; the
  Z-route's 800 course hours are Besluit art. 3.14);
* maatschappelijke begeleiding for statushouders (Wet art. 13), a taalmaatje when the
  advice says literacy needs work, budgetcoaching with ontzorgen;
* PVT: 12 hours with two activities (Besluit art. 3.1); MAP: 8 themes and an eindgesprek
  (art. 3.2), none in the onderwijsroute (Wet art. 8 lid 3);
* KNM: the DUO exam, or the eindgesprek in the Z-route;
* participation by the ladder rung (none in the onderwijsroute); in the Z-route for
  asielstatushouders enough hours to reach 800 with PVT and MAP (Besluit art. 3.14);
* one VVE line per child under 4, its need as the intake says (``None``: still to ask);
* ontzorgen for statushouders on bijstand (Participatiewet art. 56a); the decision's date
  and kenmerk stay empty until the Participatiewet decision exists;
* voortgangsgesprekken at months 1, 2, 3, 6, 9, 12, 18 and 24;
* goals and agreements for the ontwikkelplan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from inburg_desktop.domain.calendar import age_on
from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.deadlines import ONTZORGEN_MONTHS
from inburg_desktop.domain.pip import (
    PVT_MIN_HOURS,
    Z_COURSE_HOURS,
    Z_PARTICIPATION_HOURS,
    Actor,
    Afspraak,
    Begeleiding,
    BegeleidingSoort,
    Beschikking,
    Doel,
    Knm,
    KnmVorm,
    LeerrouteIntensiteit,
    MapIntensiteit,
    Ontwikkelplan,
    Ontzorgen,
    ParticipatieComponent,
    ParticipatieSoort,
    PvtIntensiteit,
    VveAfspraak,
    taaldoel,
)
from inburg_desktop.domain.text import N_, Reason

LADDER = range(1, 7)  # participatieladder rungs 1-6 (VNG/Divosa)
LITERACY_CODES = frozenset({"alfabetisering_first", "latin_script", "laaggeletterd"})


@dataclass(frozen=True)
class PrefillSettings:
    """Local choices for the proposal (a consultant adjusts them per person)."""

    b1_uren_per_week: int = 12
    b1_totaal_uren: int = 1200
    onderwijs_uren_per_week: int = 20
    onderwijs_totaal_uren: int = 1600
    z_uren_per_week: int = 8
    z_totaal_uren: int = Z_COURSE_HOURS
    map_uren: int = 64  # 8 themes of about 8 hours
    knm_uren: int = 0  # the provider's number, when known
    first_agreement_days: int = 14


@dataclass(frozen=True)
class Kind:
    geboortedatum: date
    vve_nodig: bool | None = None  # None: the intake has not settled it


@dataclass(frozen=True)
class PrefillInput:
    """Plain facts from the case, the intake and the route choice."""

    leerroute: Leerroute | None
    doelgroep: Doelgroep
    on: date  # today: ages and the first agreements count from it
    kinderen: tuple[Kind, ...] = ()
    bijstand_start: date | None = None
    participatieladder: int | None = None
    advice_codes: tuple[str, ...] = ()  # RouteAdvice.codes

    def __post_init__(self) -> None:
        rung = self.participatieladder
        if rung is not None and rung not in LADDER:
            raise ValueError(f"participatieladder: must be 1-6, got {rung}")


@dataclass(frozen=True)
class PipDraft:
    beschikking: Beschikking
    ontwikkelplan: Ontwikkelplan
    notes: tuple[Reason, ...] = field(default=())


def young_children(kinderen: Iterable[Kind], on: date) -> tuple[Kind, ...]:
    """The children under 4 on ``on``: those the VVE question is about."""
    return tuple(k for k in kinderen if k.geboortedatum <= on and age_on(k.geboortedatum, on) < 4)


def prefill(inputs: PrefillInput, settings: PrefillSettings | None = None) -> PipDraft:
    """Propose a draft beschikking and ontwikkelplan; see the module docstring."""
    cfg = settings or PrefillSettings()
    notes: list[Reason] = []
    route = inputs.leerroute
    asiel = inputs.doelgroep is Doelgroep.STATUSHOUDER
    on_bijstand = inputs.bijstand_start is not None

    intensity = _intensity(route, cfg) if asiel else None
    if intensity is not None:
        notes.append(
            Reason.of(
                "intensity_default",
                N_(
                    "Intensiteit voorgesteld: {per_week} uur per week, {total} uur in totaal. "
                    "Pas die aan het aanbod van de taalaanbieder aan."
                ),
                per_week=intensity.uren_per_week,
                total=intensity.totaal_uren,
            )
        )
    pvt = PvtIntensiteit(
        uren=PVT_MIN_HOURS,
        activiteiten=(
            N_("Bijeenkomsten over de kernwaarden van de Nederlandse samenleving"),
            N_("Ondertekening van de participatieverklaring"),
        ),
    )
    map_ = None if route is Leerroute.ONDERWIJS else MapIntensiteit(uren=cfg.map_uren)
    knm = Knm(KnmVorm.EINDGESPREK if route is Leerroute.Z else KnmVorm.EXAMEN, cfg.knm_uren)
    participatie = _participation(inputs, route, asiel, pvt, map_, notes)
    begeleiding = _support(inputs, asiel, on_bijstand, notes)
    vve = tuple(
        VveAfspraak(geboortedatum=k.geboortedatum, vve_nodig=k.vve_nodig)
        for k in young_children(inputs.kinderen, inputs.on)
    )
    ontzorgen = Ontzorgen(bijstand_start=inputs.bijstand_start) if asiel and on_bijstand else None
    if ontzorgen is not None:
        notes.append(
            Reason.of(
                "ontzorgen",
                N_(
                    "Statushouder met bijstand: de eerste {months} maanden worden huur, energie "
                    "en zorgverzekering betaald uit de uitkering (Participatiewet art. 56a). "
                    "Vul datum en kenmerk van dat besluit in."
                ),
                months=ONTZORGEN_MONTHS,
            )
        )
    beschikking = Beschikking(
        leerroute=route,
        leerroute_intensiteit=intensity,
        begeleiding=begeleiding,
        pvt=pvt,
        map=map_,
        knm=knm,
        participatie=participatie,
        vve=vve,
        bijstand=on_bijstand,
        ontzorgen=ontzorgen,
    )
    plan = _ontwikkelplan(inputs, route, ontzorgen is not None, bool(vve), cfg)
    return PipDraft(beschikking, plan, tuple(notes))


def _intensity(route: Leerroute | None, cfg: PrefillSettings) -> LeerrouteIntensiteit | None:
    if route is Leerroute.B1:
        return LeerrouteIntensiteit(cfg.b1_uren_per_week, cfg.b1_totaal_uren)
    if route is Leerroute.ONDERWIJS:
        return LeerrouteIntensiteit(cfg.onderwijs_uren_per_week, cfg.onderwijs_totaal_uren)
    if route is Leerroute.Z:
        return LeerrouteIntensiteit(cfg.z_uren_per_week, cfg.z_totaal_uren)
    return None


_LADDER_STEP = {
    1: (ParticipatieSoort.ACTIVITEIT, N_("Een activiteit in de buurt")),
    2: (
        ParticipatieSoort.ACTIVITEIT,
        N_("Een georganiseerde activiteit, zoals sport of een taalcafé"),
    ),
    3: (ParticipatieSoort.VRIJWILLIGERSWERK, N_("Naast de lessen, een paar uur per week")),
    4: (ParticipatieSoort.STAGE, N_("Op weg naar betaald werk")),
    5: (ParticipatieSoort.WERK, N_("Met ondersteuning, naast de lessen")),
    6: (ParticipatieSoort.WERK, N_("Het werk houden en combineren met de lessen")),
}


def _participation(
    inputs: PrefillInput,
    route: Leerroute | None,
    asiel: bool,
    pvt: PvtIntensiteit,
    map_: MapIntensiteit | None,
    notes: list[Reason],
) -> tuple[ParticipatieComponent, ...]:
    if route is Leerroute.ONDERWIJS:
        notes.append(
            Reason.of(
                "onderwijs_no_participation",
                N_("De onderwijsroute is voltijds: geen aparte participatie."),
            )
        )
        return ()
    rung = inputs.participatieladder
    soort, text = _LADDER_STEP[rung if rung is not None else 3]
    if route is Leerroute.Z and asiel:
        needed = Z_PARTICIPATION_HOURS - pvt.uren - (map_.uren if map_ else 0)
        notes.append(
            Reason.of(
                "z_participation",
                N_(
                    "Z-route: {hours} uur participatie naast PVT en MAP, samen {required} uur "
                    "(Besluit art. 3.14)."
                ),
                hours=needed,
                required=Z_PARTICIPATION_HOURS,
            )
        )
        return (ParticipatieComponent(soort, text, uren_per_week=8, totaal_uren=needed),)
    if rung is None:
        notes.append(
            Reason.of(
                "ladder_unknown",
                N_("De trede op de participatieladder is onbekend; vrijwilligerswerk voorgesteld."),
            )
        )
    return (ParticipatieComponent(soort, text),)


def _support(
    inputs: PrefillInput, asiel: bool, on_bijstand: bool, notes: list[Reason]
) -> tuple[Begeleiding, ...]:
    out: list[Begeleiding] = []
    if asiel:
        out.append(
            Begeleiding(
                BegeleidingSoort.MAATSCHAPPELIJKE_BEGELEIDING,
                N_("Vanaf de inschrijving in de BRP"),
            )
        )
    if LITERACY_CODES.intersection(inputs.advice_codes):
        out.append(
            Begeleiding(BegeleidingSoort.TAALMAATJE, N_("Extra oefenen met lezen en schrijven"))
        )
        notes.append(
            Reason.of(
                "literacy_support",
                N_("Het advies vraagt aandacht voor lezen en schrijven: taalmaatje voorgesteld."),
            )
        )
    if asiel and on_bijstand:
        out.append(
            Begeleiding(
                BegeleidingSoort.BUDGETCOACHING,
                N_("Op weg naar financiële zelfredzaamheid"),
            )
        )
    return tuple(out)


def _ontwikkelplan(
    inputs: PrefillInput,
    route: Leerroute | None,
    ontzorgen: bool,
    young: bool,
    cfg: PrefillSettings,
) -> Ontwikkelplan:
    soon = inputs.on + timedelta(days=cfg.first_agreement_days)
    doelen: list[Doel] = []
    afspraken: list[Afspraak] = []
    if route is not None:
        doelen.append(Doel(N_("Taalniveau {level} halen").format(level=taaldoel(route)), "Taal"))
        afspraken.append(Afspraak(Actor.CONSULENT, N_("Aanmelden bij de taalaanbieder"), soon))
        afspraken.append(Afspraak(Actor.INBURGERAAR, N_("Elke les aanwezig zijn")))
    if route is not Leerroute.ONDERWIJS:
        rung = inputs.participatieladder
        if rung is not None and rung < 6:
            doelen.append(
                Doel(
                    N_("Een trede hoger op de participatieladder: van {now} naar {next}").format(
                        now=rung, next=rung + 1
                    ),
                    "Participatie",
                )
            )
    if ontzorgen:
        doelen.append(Doel(N_("Zelf de vaste lasten betalen na het ontzorgen"), "Financiën"))
    if young:
        afspraken.append(
            Afspraak(
                Actor.CONSULENT, N_("Kinderopvang of VVE-plek regelen voor de lestijden"), soon
            )
        )
    if "wish_differs" in inputs.advice_codes:
        afspraken.append(
            Afspraak(
                Actor.CONSULENT, N_("De keuze van de leerroute nog eens samen bespreken"), soon
            )
        )
    return Ontwikkelplan(tuple(doelen), tuple(afspraken), inputs.on)
