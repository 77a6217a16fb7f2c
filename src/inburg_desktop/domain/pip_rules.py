"""The rules a PIP must meet before it is set, when it is amended, and the deadlines it implies.

Pure functions on ``pip.py``'s model. Every outcome is a :class:`Reason` whose Dutch text
names the rule and its article, so the consultant sees why, not just that. The law's
numbers in those texts come from the constants the rules use.

Refusals are only where the law leaves no room. A PIP is set only for someone the data
say is inburgeringsplichtig (Wet art. 15 lid 1: the college sets a PIP for the
inburgeringsplichtige; ``not_plichtig``; DUO decides on the plicht, so a wrong record is
corrected in Dossiergegevens, not overridden here). Before setting
(:func:`missing_for_setting`), the beschikking must hold what the law asks:

=========================================  ==================================================
rule                                       article
=========================================  ==================================================
a leerroute                                Wet art. 15 lid 1
asielstatushouder: leerroute intensity     Wet art. 15 lid 2
asielstatushouder: maatschappelijke        Wet art. 13, art. 15
begeleiding
PVT intensity, >= 12 hours, >= 1 activity  Wet art. 15, Besluit art. 3.1
MAP intensity, 8 themes, eindgesprek       Wet art. 15, Besluit art. 3.2
no MAP in the onderwijsroute               Wet art. 8 lid 3 (taalschakeltraject)
KNM, in the Z-route by eindgesprek         Wet art. 7, Besluit art. 3.14
VVE need known and agreed per young child  Wet art. 15 lid 1 d
ontzorgen for a statushouder on bijstand,  Participatiewet art. 56a, Wet art. 15
with the attached decision's date and
kenmerk
A2 exam wishes only in the Z-route         Besluit art. 3.14 lid 7
=========================================  ==================================================

Where the Besluit lets the municipality decide, the app warns, names the ground and asks
for the consultant's motivering (:class:`ExceptionWarning`; recorded as
:class:`pip.Uitzondering` with the version, printed in the decision):

* Z-route with fewer than 800 course hours, or for an asielstatushouder fewer than 800
  hours of participation (PVT and MAP hours count): Besluit art. 3.14 lid 6, 8 and 9
  name the cases with fewer hours (:func:`setting_warnings`);
* a leerroute change after the 18 months from the termijn start (Besluit art. 5.4 lid 1):
  lid 2 (after finishing or leaving a non-exempting course) and lid 3 (bijzondere
  gevallen) leave room; onderwijsroute → B1-route is always allowed;
* a first PIP whose leerroute differs from the one the consultant chose, with reasons, in
  the brede intake (:func:`route_choice_warning`): the college sets the leerroute in the
  PIP on the basis of the brede intake (Wet art. 14 lid 3, art. 15 lid 1), and may come
  to another route (new insight after the intake, e.g. in the brugklas), but the decision
  must then say why (Awb art. 3:46; the intake's choice carries the AVG art. 22 reasons,
  the PIP's route would otherwise have none). An amendment is compared with the version
  in force instead (the route-change rules above).

A warning without a recorded ground and motivering stops the setting
(``exception_unmotivated``). An amendment (:func:`check_amendment`) is refused when:

* it has no reason (Awb art. 3:46, motivering);
* it is not a draft based on the version in force, or is dated before it (Wet art. 17);
* the termijn start given differs from the first PIP's (Wet art. 11: the termijn does
  not move when the PIP is amended);
* it afschaalt to A2 outside the B1-route (never in the onderwijsroute), or before 600
  hours of NT2 course (Besluit art. 5.5; hours during the intake may count, lid 2, so a
  first B1-route PIP is not excluded as such).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from inburg_desktop.domain.case import CaseDates, Doelgroep, Leerroute
from inburg_desktop.domain.deadlines import (
    ONTZORGEN_MONTHS,
    ROUTE_SWITCH_MONTHS,
    Deadlines,
    compute_deadlines,
    route_switch_until,
)
from inburg_desktop.domain.pip import (
    A2_MIN_COURSE_HOURS,
    MAP_THEMES,
    PVT_MIN_HOURS,
    Z_COURSE_HOURS,
    Z_PARTICIPATION_HOURS,
    BegeleidingSoort,
    Beschikking,
    KnmVorm,
    PipHistory,
    PipVersion,
    Uitzondering,
    UitzonderingGrond,
)
from inburg_desktop.domain.text import N_, DutchTerm, Reason, ReasonText, nl_date


def missing_for_setting(beschikking: Beschikking, doelgroep: Doelgroep) -> tuple[Reason, ...]:
    """What is still missing (or not allowed) before this PIP can be set; empty when ready."""
    out: list[Reason] = []
    asiel = doelgroep is Doelgroep.STATUSHOUDER
    route = beschikking.leerroute
    if route is None:
        out.append(Reason.of("no_leerroute", N_("Kies een leerroute (Wet art. 15 lid 1).")))
    out.extend(_intensity(beschikking, asiel))
    if asiel and not any(
        b.soort is BegeleidingSoort.MAATSCHAPPELIJKE_BEGELEIDING for b in beschikking.begeleiding
    ):
        out.append(
            Reason.of(
                "no_maatschappelijke_begeleiding",
                N_(
                    "Leg de maatschappelijke begeleiding vast: een statushouder krijgt die "
                    "vanaf de inschrijving in de BRP (Wet art. 13 en 15)."
                ),
            )
        )
    out.extend(_pvt_map(beschikking, route))
    out.extend(_knm(beschikking, route))
    out.extend(_vve(beschikking))
    out.extend(_ontzorgen(beschikking, asiel))
    if beschikking.z_a2_examens and route is not Leerroute.Z:
        out.append(
            Reason.of(
                "a2_wishes_outside_z",
                N_(
                    "Wensen voor A2-examens horen alleen bij de Z-route (Besluit art. 3.14 "
                    "lid 7). Haal ze weg of kies de Z-route."
                ),
            )
        )
    return tuple(out)


def _intensity(beschikking: Beschikking, asiel: bool) -> list[Reason]:
    if asiel and beschikking.leerroute_intensiteit is None:
        return [
            Reason.of(
                "no_leerroute_intensiteit",
                N_(
                    "Leg de intensiteit van de leerroute vast (uren per week en in totaal): "
                    "verplicht voor asielstatushouders (Wet art. 15 lid 2)."
                ),
            )
        ]
    return []


Z_HOURS_GROUNDS = (
    UitzonderingGrond.BESLUIT_3_14_LID_6,
    UitzonderingGrond.BESLUIT_3_14_LID_8,
    UitzonderingGrond.BESLUIT_3_14_LID_9,
)
ROUTE_SWITCH_GROUNDS = (UitzonderingGrond.BESLUIT_5_4_LID_2, UitzonderingGrond.BESLUIT_5_4_LID_3)
ROUTE_CHOICE_GROUNDS = (UitzonderingGrond.WET_15_LID_1,)
ROUTE_NAMES_NL = {
    Leerroute.B1: "B1-route",
    Leerroute.ONDERWIJS: "onderwijsroute",
    Leerroute.Z: "Z-route",
}


@dataclass(frozen=True)
class ExceptionWarning:
    """A rule the Besluit lets the municipality deviate from, on the ``grounds`` named.

    ``reason.code`` is the rule (the :attr:`pip.Uitzondering.regel` that answers it).
    """

    reason: Reason
    grounds: tuple[UitzonderingGrond, ...]

    @property
    def code(self) -> str:
        return self.reason.code


def setting_warnings(
    beschikking: Beschikking, doelgroep: Doelgroep
) -> tuple[ExceptionWarning, ...]:
    """Z-route hours below the Besluit's 800: a warning naming art. 3.14 lid 6, 8 and 9."""
    if beschikking.leerroute is not Leerroute.Z:
        return ()
    out: list[ExceptionWarning] = []
    intensity = beschikking.leerroute_intensiteit
    if intensity is not None and intensity.totaal_uren < Z_COURSE_HOURS:
        reason = Reason.of(
            "z_course_hours",
            N_(
                "De Z-route heeft {required} lesuren (NT2 en KNM); gepland zijn {hours} uur. "
                "Minder uren kan alleen in de gevallen van Besluit art. 3.14 lid 6, 8 en 9 "
                "(onder meer uren die al in een andere leerroute zijn gevolgd en een "
                "gedeeltelijke ontheffing): kies de grond en motiveer."
            ),
            required=Z_COURSE_HOURS,
            hours=intensity.totaal_uren,
        )
        out.append(ExceptionWarning(reason, Z_HOURS_GROUNDS))
    hours = beschikking.participatie_uren
    if doelgroep is Doelgroep.STATUSHOUDER and hours < Z_PARTICIPATION_HOURS:
        reason = Reason.of(
            "z_participation_hours",
            N_(
                "In de Z-route horen {required} uur participatie; gepland zijn {hours} uur "
                "(uren van PVT en MAP tellen mee). Minder uren kan alleen in de gevallen van "
                "Besluit art. 3.14 lid 6, 8 en 9: kies de grond en motiveer."
            ),
            required=Z_PARTICIPATION_HOURS,
            hours=hours,
        )
        out.append(ExceptionWarning(reason, Z_HOURS_GROUNDS))
    return tuple(out)


def route_choice_warning(
    history: PipHistory, proposed: PipVersion, chosen: Leerroute | None
) -> tuple[ExceptionWarning, ...]:
    """A first PIP whose leerroute is not the one chosen in the brede intake: a warning
    that needs the ground (Wet art. 14 lid 3, art. 15 lid 1) and a motivering.

    ``chosen`` is the consultant's recorded choice (``None``: none recorded, nothing to
    compare). Amendments (a version in force exists) are judged against that version by
    the route-change rules instead.
    """
    route = proposed.leerroute
    if history.in_force is not None or chosen is None or route is None or route is chosen:
        return ()
    reason = Reason.of(
        "route_differs_from_choice",
        N_(
            "De leerroute van dit PIP ({route}) is een andere dan de leerroute die in de "
            "brede intake is gekozen ({chosen}), met de reden die daar is vastgelegd. Het PIP "
            "legt de leerroute vast op basis van de brede intake (Wet art. 14 lid 3 en art. "
            "15 lid 1): motiveer waarom het PIP afwijkt, of leg in de intake een nieuwe keuze "
            "met reden vast."
        ),
        route=DutchTerm(ROUTE_NAMES_NL[route], "leerroute", route.value),
        chosen=DutchTerm(ROUTE_NAMES_NL[chosen], "leerroute", chosen.value),
    )
    return (ExceptionWarning(reason, ROUTE_CHOICE_GROUNDS),)


NOT_PLICHTIG = Reason(
    "not_plichtig",
    N_(
        "Volgens de vastgelegde gegevens is deze persoon niet inburgeringsplichtig: een PIP "
        "is een besluit voor een inburgeringsplichtige (Wet art. 15 lid 1). Controleer de "
        "gegevens onder Dossiergegevens; DUO beslist over de plicht."
    ),
)


def unmotivated(
    warnings: tuple[ExceptionWarning, ...], uitzonderingen: tuple[Uitzondering, ...]
) -> tuple[Reason, ...]:
    """A refusal for each warning the version does not answer with an allowed ground and
    a motivering (Awb art. 3:46)."""
    out: list[Reason] = []
    for warning in warnings:
        answered = any(
            u.regel == warning.code and u.grond in warning.grounds and u.motivering.strip()
            for u in uitzonderingen
        )
        if not answered:
            out.append(
                Reason.of(
                    "exception_unmotivated",
                    N_("Leg de grond en de motivering vast voor deze afwijking: {rule}"),
                    rule=ReasonText(warning.reason),
                )
            )
    return tuple(out)


def _pvt_map(beschikking: Beschikking, route: Leerroute | None) -> list[Reason]:
    out: list[Reason] = []
    pvt = beschikking.pvt
    if pvt is None:
        out.append(
            Reason.of(
                "no_pvt",
                N_("Leg de intensiteit van het PVT vast (Wet art. 15, Besluit art. 3.1)."),
            )
        )
    else:
        if pvt.uren < PVT_MIN_HOURS:
            out.append(
                Reason.of(
                    "pvt_hours",
                    N_(
                        "Het PVT duurt minstens {required} uur; gepland zijn {hours} uur "
                        "(Besluit art. 3.1)."
                    ),
                    required=PVT_MIN_HOURS,
                    hours=pvt.uren,
                )
            )
        if not pvt.activiteiten:
            out.append(
                Reason.of(
                    "pvt_activity",
                    N_("Het PVT heeft minstens één activiteit (Besluit art. 3.1)."),
                )
            )
    mod = beschikking.map
    if route is Leerroute.ONDERWIJS:
        if mod is not None:
            out.append(
                Reason.of(
                    "map_in_onderwijsroute",
                    N_(
                        "De MAP geldt niet in de onderwijsroute: het taalschakeltraject "
                        "vervangt hem (Wet art. 8 lid 3). Haal de MAP weg."
                    ),
                )
            )
        return out
    if mod is None:
        out.append(
            Reason.of(
                "no_map",
                N_("Leg de intensiteit van de MAP vast (Wet art. 15, Besluit art. 3.2)."),
            )
        )
        return out
    if mod.themas < MAP_THEMES:
        out.append(
            Reason.of(
                "map_themes",
                N_("De MAP heeft {required} thema's; gepland zijn er {themes} (Besluit art. 3.2)."),
                required=MAP_THEMES,
                themes=mod.themas,
            )
        )
    if not mod.eindgesprek:
        out.append(
            Reason.of(
                "map_eindgesprek",
                N_("De MAP eindigt met een eindgesprek (Besluit art. 3.2)."),
            )
        )
    return out


def _knm(beschikking: Beschikking, route: Leerroute | None) -> list[Reason]:
    knm = beschikking.knm
    if knm is None:
        return [Reason.of("no_knm", N_("Leg vast hoe de inburgeraar KNM leert (Wet art. 7)."))]
    if route is Leerroute.Z and knm.vorm is not KnmVorm.EINDGESPREK:
        return [
            Reason.of(
                "knm_z_eindgesprek",
                N_(
                    "In de Z-route is KNM deel van de lesuren en sluit het eindgesprek af, "
                    "niet een examen (Besluit art. 3.14)."
                ),
            )
        ]
    if route in (Leerroute.B1, Leerroute.ONDERWIJS) and knm.vorm is not KnmVorm.EXAMEN:
        return [
            Reason.of(
                "knm_exam",
                N_("In deze leerroute sluit KNM af met het examen bij DUO (Wet art. 7)."),
            )
        ]
    return []


def _vve(beschikking: Beschikking) -> list[Reason]:
    out: list[Reason] = []
    for child in beschikking.vve:
        born = nl_date(child.geboortedatum)
        if child.vve_nodig is None:
            out.append(
                Reason.of(
                    "vve_unknown",
                    N_(
                        "Bespreek of het kind geboren op {born} VVE nodig heeft "
                        "(Wet art. 15 lid 1 d)."
                    ),
                    born=born,
                )
            )
        elif child.vve_nodig and not child.afspraak.strip():
            out.append(
                Reason.of(
                    "vve_no_agreement",
                    N_(
                        "Het kind geboren op {born} heeft VVE nodig: leg de afspraak vast "
                        "(Wet art. 15 lid 1 d)."
                    ),
                    born=born,
                )
            )
    return out


def _ontzorgen(beschikking: Beschikking, asiel: bool) -> list[Reason]:
    ontzorgen = beschikking.ontzorgen
    if ontzorgen is None:
        if asiel and beschikking.bijstand:
            return [
                Reason.of(
                    "no_ontzorgen",
                    N_(
                        "Een statushouder met bijstand wordt de eerste {months} maanden "
                        "ontzorgd: leg het ontzorgen vast (Participatiewet art. 56a)."
                    ),
                    months=ONTZORGEN_MONTHS,
                )
            ]
        return []
    if ontzorgen.besluit_datum is None or not ontzorgen.besluit_kenmerk.strip():
        return [
            Reason.of(
                "ontzorgen_reference",
                N_(
                    "Vul de datum en het kenmerk in van het besluit over ontzorgen; het hoort "
                    "bij het PIP (Wet art. 15, Participatiewet art. 56a)."
                ),
            )
        ]
    return []


@dataclass(frozen=True)
class AmendmentCheck:
    """``refusals`` stop the amendment; ``warnings`` need a ground and a motivering."""

    allowed: bool
    refusals: tuple[Reason, ...]
    warnings: tuple[ExceptionWarning, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.refusals)

    @property
    def warning_codes(self) -> tuple[str, ...]:
        return tuple(warning.code for warning in self.warnings)


def check_amendment(
    history: PipHistory,
    proposed: PipVersion,
    on: date,
    termijn_start: date | None,
    course_hours_nt2: int,
) -> AmendmentCheck:
    """May ``proposed`` be set ``on`` this day? The rules are in the module docstring.

    With no PIP set yet, ``proposed`` is the first PIP: only the A2 rules apply.
    ``termijn_start`` is the case's (``None``: taken from the history). ``allowed`` is
    False only for refusals; a route change after the window is a warning.
    """
    out: list[Reason] = []
    warnings: list[ExceptionWarning] = []
    base = history.in_force
    anchored = history.termijn_start
    start = termijn_start if termijn_start is not None else anchored
    if base is not None:
        out.extend(_structure(base, proposed, on))
        if anchored is not None and start != anchored:
            out.append(
                Reason.of(
                    "termijn_moved",
                    N_(
                        "De inburgeringstermijn begon op {start} en verschuift niet als het "
                        "PIP wijzigt (Wet art. 11)."
                    ),
                    start=nl_date(anchored),
                )
            )
    elif proposed.is_set:
        out.append(_not_draft())
    if base is not None and start is not None:
        warnings.extend(_route_change(base.leerroute, proposed.leerroute, on, start))
    if proposed.afschaling_a2:
        out.extend(_afschalen(proposed, course_hours_nt2))
    return AmendmentCheck(not out, tuple(out), tuple(warnings))


@dataclass(frozen=True)
class SettingCheck:
    """Everything about setting ``proposed`` on a day: refusals (it cannot be set) and
    warnings (the Besluit leaves room; answered by the version's uitzonderingen)."""

    refusals: tuple[Reason, ...]
    warnings: tuple[ExceptionWarning, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.refusals)

    @property
    def warning_codes(self) -> tuple[str, ...]:
        return tuple(warning.code for warning in self.warnings)


def check_setting(
    history: PipHistory,
    proposed: PipVersion,
    doelgroep: Doelgroep,
    on: date,
    course_hours_nt2: int,
    *,
    plichtig: bool,
    chosen_route: Leerroute | None,
) -> SettingCheck:
    """What stops ``proposed`` being set ``on`` this day, and what needs a motivering.

    ``plichtig``: what the data say about the plicht on ``on`` (``plicht.check_plicht``);
    ``chosen_route``: the leerroute chosen with reasons in the brede intake, if any.
    """
    missing = missing_for_setting(proposed.beschikking, doelgroep)
    amendment = check_amendment(history, proposed, on, history.termijn_start, course_hours_nt2)
    warnings = (
        *setting_warnings(proposed.beschikking, doelgroep),
        *route_choice_warning(history, proposed, chosen_route),
        *amendment.warnings,
    )
    refusals = (
        *(() if plichtig else (NOT_PLICHTIG,)),
        *missing,
        *amendment.refusals,
        *unmotivated(warnings, proposed.uitzonderingen),
    )
    return SettingCheck(refusals, warnings)


RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "no_leerroute": ("leerroute",),
    "route_differs_from_choice": ("leerroute",),
    "route_switch_after_window": ("leerroute",),
    "no_leerroute_intensiteit": ("leerroute_intensiteit",),
    "z_course_hours": ("leerroute_intensiteit",),
    "a2_wishes_outside_z": ("z_a2_examens",),
    "no_maatschappelijke_begeleiding": ("begeleiding",),
    "no_pvt": ("pvt",),
    "pvt_hours": ("pvt",),
    "pvt_activity": ("pvt_activiteiten",),
    "no_map": ("map",),
    "map_themes": ("map",),
    "map_eindgesprek": ("map",),
    "map_in_onderwijsroute": ("map",),
    "z_participation_hours": ("participatie",),  # PVT and MAP hours count: said there
    "no_knm": ("knm",),
    "knm_exam": ("knm",),
    "knm_z_eindgesprek": ("knm",),
    "vve_unknown": ("vve",),
    "vve_no_agreement": ("vve",),
    "no_ontzorgen": ("ontzorgen",),
    "ontzorgen_reference": ("ontzorgen",),
}
"""Per rule (a :class:`Reason` code of :func:`check_setting`), the fields of the
beschikking it is about, by the :class:`pip.Beschikking` attribute that holds them
(``pvt_activiteiten``: the PVT's activities, apart from its hours). The editor flags
those fields as the consultant edits (a route changed to the Z-route flags the KNM exam
that only the B1- and onderwijsroute have at once, not when setting is refused). A rule
about the decision as a whole (not plichtig, not a draft, the termijn) names no field."""


@dataclass(frozen=True)
class FieldProblem:
    """A rule's outcome shown at a field: ``blocking`` for a refusal (the PIP cannot be
    set), otherwise a deviation the Besluit allows with a ground and motivering."""

    reason: Reason
    blocking: bool


def problems_by_field(check: SettingCheck) -> dict[str, tuple[FieldProblem, ...]]:
    """Per beschikking field (:data:`RULE_FIELDS`), what ``check`` says about it: its
    refusals first, then its warnings, each once, in the order the rules gave them. The
    legal sources are those of the rules (see the table at the top of this module)."""
    found: dict[str, list[FieldProblem]] = {}
    outcomes = [
        *(FieldProblem(r, True) for r in check.refusals),
        *(FieldProblem(w.reason, False) for w in check.warnings),
    ]
    for outcome in outcomes:
        for name in RULE_FIELDS.get(outcome.reason.code, ()):
            if outcome not in found.setdefault(name, []):
                found[name].append(outcome)
    return {name: tuple(problems) for name, problems in found.items()}


def _not_draft() -> Reason:
    return Reason.of(
        "proposal_not_draft",
        N_(
            "Een voorstel is een concept; de dagtekening komt pas bij het vaststellen "
            "(Wet art. 11 en 15)."
        ),
    )


def _structure(base: PipVersion, proposed: PipVersion, on: date) -> list[Reason]:
    out: list[Reason] = []
    if proposed.is_set:
        out.append(_not_draft())
    if proposed.based_on != base.nummer or proposed.nummer != base.nummer + 1:
        out.append(
            Reason.of(
                "wrong_base",
                N_(
                    "Een wijziging wijzigt het geldende PIP, versie {current}; dit voorstel "
                    "gaat uit van een andere versie (Wet art. 17)."
                ),
                current=base.nummer,
            )
        )
    if base.dagtekening is not None and on < base.dagtekening:
        out.append(
            Reason.of(
                "before_previous",
                N_(
                    "Een wijziging kan niet ingaan vóór de dagtekening {previous} van het "
                    "geldende PIP (Wet art. 17)."
                ),
                previous=nl_date(base.dagtekening),
            )
        )
    if not proposed.reden.strip():
        out.append(
            Reason.of(
                "no_reason",
                N_(
                    "Geef de reden van de wijziging: elk besluit moet gemotiveerd zijn "
                    "(Awb art. 3:46)."
                ),
            )
        )
    return out


def _route_change(
    before: Leerroute | None, after: Leerroute | None, on: date, start: date
) -> list[ExceptionWarning]:
    if before is None or after is None or before is after:
        return []
    if before is Leerroute.ONDERWIJS and after is Leerroute.B1:
        return []  # Besluit art. 5.4: from the onderwijsroute to the B1-route at any time
    until = route_switch_until(start)
    if on <= until:
        return []
    reason = Reason.of(
        "route_switch_after_window",
        N_(
            "De leerroute wijzigen kan tot en met {until} ({months} maanden na de start van "
            "de termijn, Wet art. 17 en Besluit art. 5.4 lid 1). Daarna alleen na het "
            "afronden of afbreken van een opleiding die geen vrijstelling geeft (lid 2) of in "
            "een bijzonder geval (lid 3): kies de grond en motiveer. Van de onderwijsroute "
            "naar de B1-route mag altijd."
        ),
        until=nl_date(until),
        months=ROUTE_SWITCH_MONTHS,
    )
    return [ExceptionWarning(reason, ROUTE_SWITCH_GROUNDS)]


def _afschalen(proposed: PipVersion, hours: int) -> list[Reason]:
    route = proposed.leerroute
    if route is Leerroute.ONDERWIJS:
        return [
            Reason.of(
                "a2_onderwijsroute",
                N_("Afschalen naar A2 kan nooit in de onderwijsroute (Besluit art. 5.5)."),
            )
        ]
    if route is not Leerroute.B1:
        return [
            Reason.of(
                "a2_only_b1",
                N_("Afschalen naar A2 kan alleen in de B1-route (Besluit art. 5.5)."),
            )
        ]
    if hours < A2_MIN_COURSE_HOURS:
        return [
            Reason.of(
                "a2_before_600_hours",
                N_(
                    "Afschalen naar A2 kan pas na {required} uur NT2-les; gevolgd zijn {hours} "
                    "uur (Besluit art. 5.5; uren tijdens de intake mogen meetellen, lid 2)."
                ),
                required=A2_MIN_COURSE_HOURS,
                hours=hours,
            )
        ]
    return []


def pip_deadlines(
    history: PipHistory, case_dates: CaseDates, doelgroep: Doelgroep, *, plichtig: bool
) -> Deadlines:
    """Termijn start and end, route-change window end and ontzorgen end for this PIP.

    ``plichtig``: the plicht outcome (``plicht.check_plicht``); when False none of these
    exist (``deadlines.compute_deadlines``).

    The termijn counts from the first set PIP's dagtekening (Wet art. 11), or the case's
    recorded ``pip_date`` while the history has none. The ontzorgen end is always the six
    months of Participatiewet art. 56a: going on after them is a separate decision under
    art. 57 (``Ontzorgen.verlengd_tot``) and does not move it.
    """
    pip_date = history.pip_date or case_dates.pip_date
    return compute_deadlines(doelgroep, replace(case_dates, pip_date=pip_date), plichtig=plichtig)
