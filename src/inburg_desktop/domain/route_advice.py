"""Leerroute advice from the brede intake: an advised route with its reasons, never a decision.

The consultant chooses the leerroute with the newcomer and records why; this module only
advises (AVG art. 22: no solely automated decision with legal effect). Every advice carries
``ADVICE_ONLY`` as its notice. Sources: Wet inburgering 2021 art. 7 (the three routes) and
art. 14 (brede intake, leerbaarheidstoets, lid 6 test not taken), Besluit art. 5.2 lid 1,
INSTRUMENTS.md (leerbaarheidstoets, ERK, literacy) and the seed's leerroute chapter.

Decision table, applied in order; each row adds the reason codes shown.

1. Leerbaarheidstoets. Pass mark (cesuur) 28/40 for a test taken on or after 12 April 2023,
   31/40 before; 28 when the date is unknown.

   ===============  ===========================  ==========================================
   outcome          score                        effect, codes
   ===============  ===========================  ==========================================
   none             none                         no advice: ``missing_toets``, ``no_advice``
   none             s                            outcome from s >= pass mark:
                                                 ``toets_outcome_from_score``, then as below
   haalbaar         any                          learnable: ``toets_haalbaar``
   haalbaar         s < pass mark                + second look: ``score_below_pass_mark``
   niet haalbaar    any                          not learnable: ``toets_niet_haalbaar``
   niet haalbaar    28-30                        + second look: ``second_look_28_30``
   niet haalbaar    s >= pass mark, not 28-30    + second look: ``score_above_pass_mark``
   niet afgenomen   -                            ``toets_niet_afgenomen``; go to step 2
   any              28-30, test date unknown     + ``toets_date_unknown``
   ===============  ===========================  ==========================================

2. Test not taken (Wet art. 14 lid 6): the intake alone decides.
   Education unknown (no years, no diploma): ``missing_education``; literacy unknown:
   ``missing_literacy``; either one: no advice, ``no_advice``.
   Analfabeet with little schooling (at most ``z_max_years_without_toets`` years, or no years
   known and no diploma beyond basisonderwijs): not learnable, ``low_schooling_analfabeet``.
   Otherwise learnable: ``intake_suggests_learnable``.

3. Learnable: B1-route or onderwijsroute. "Enough prior education" means a diploma of
   voortgezet onderwijs or higher, or at least ``onderwijs_min_years`` years of schooling.
   Onderwijs is *considered* when the person is under ``onderwijs_age_limit`` (28; seed:
   student finance afterwards) or wishes it. First matching row wins:

   =============================================  =========  ==================================
   condition                                      route      codes
   =============================================  =========  ==================================
   not considered                                 B1         (none)
   considered, analfabeet                         B1         alfabetisering_before_onderwijs
   considered, education unknown                  B1         education_unknown_onderwijs
   considered, too little prior education         B1         education_low_for_onderwijs
   under 28 (enough prior education)              onderwijs  under_28_onderwijs
   28 or older or age unknown, wishes onderwijs   onderwijs  wish_onderwijs
                                                             (+ onderwijs_over_28 if age known)
   =============================================  =========  ==================================

   Age unknown and no wish for onderwijs adds ``age_unknown`` before the row's codes.

4. Not learnable: Z-route.

5. Literacy (any route): analfabeet ``alfabetisering_first``; anders gealfabetiseerd
   ``latin_script``; laaggeletterd ``laaggeletterd``; unknown ``literacy_unknown``.

6. Language level (ERK per skill): no skill known ``cefr_unknown``; Z-route while every skill
   is at least A2 or one is B1 or higher: second look, ``cefr_above_z``; B1 or onderwijs with
   a skill at B1 or higher: ``cefr_b1_reached``.

7. The newcomer's wish: unknown ``wish_unknown``; no preference ``wish_none``; same as the
   advice ``wish_matches``; different ``wish_differs`` (discuss it together).

When there is no advice (``route is None``) only steps 1-2 apply, and ``missing`` names the
inputs still needed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from inburg_desktop.domain.calendar import age_on
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.text import N_, Reason, nl_date

PASS_MARK = 28
PASS_MARK_BEFORE = 31
PASS_MARK_CHANGED_ON = date(2023, 4, 12)
SECOND_LOOK_SCORES = range(28, 31)  # 28, 29, 30
MAX_SCORE = 40
SKILLS = ("lezen", "luisteren", "spreken", "schrijven")
_CHANGED_ON = nl_date(PASS_MARK_CHANGED_ON)

ADVICE_ONLY = Reason(
    "advice_only",
    N_(
        "Dit is een advies. De consulent kiest de leerroute samen met de inburgeraar "
        "en legt vast waarom (AVG art. 22)."
    ),
)


class ToetsUitkomst(enum.StrEnum):
    HAALBAAR = "haalbaar"
    NIET_HAALBAAR = "niet_haalbaar"
    NIET_AFGENOMEN = "niet_afgenomen"


class Geletterdheid(enum.StrEnum):
    ANALFABEET = "analfabeet"
    ANDERS_GEALFABETISEERD = "anders_gealfabetiseerd"
    LAAGGELETTERD = "laaggeletterd"
    GELETTERD = "geletterd"
    ONBEKEND = "onbekend"


class Diploma(enum.StrEnum):
    GEEN = "geen"
    BASISONDERWIJS = "basisonderwijs"
    VOORTGEZET_ONDERWIJS = "voortgezet_onderwijs"
    MBO = "mbo"
    HBO_WO = "hbo_wo"
    ONBEKEND = "onbekend"


class ErkNiveau(enum.StrEnum):
    A0 = "A0"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    ONBEKEND = "onbekend"

    @property
    def rank(self) -> int | None:
        return None if self is ErkNiveau.ONBEKEND else _ERK_ORDER.index(self)


_ERK_ORDER = (ErkNiveau.A0, ErkNiveau.A1, ErkNiveau.A2, ErkNiveau.B1, ErkNiveau.B2)


class RouteWens(enum.StrEnum):
    B1 = "b1"
    ONDERWIJS = "onderwijs"
    Z = "z"
    GEEN_VOORKEUR = "geen_voorkeur"


_WISH_ROUTE = {
    RouteWens.B1: Leerroute.B1,
    RouteWens.ONDERWIJS: Leerroute.ONDERWIJS,
    RouteWens.Z: Leerroute.Z,
}
_ENOUGH_DIPLOMAS = frozenset({Diploma.VOORTGEZET_ONDERWIJS, Diploma.MBO, Diploma.HBO_WO})
_LOW_DIPLOMAS = frozenset({Diploma.GEEN, Diploma.BASISONDERWIJS})


@dataclass(frozen=True)
class RouteAdviceSettings:
    """Local choices, with the seed's values as defaults."""

    onderwijs_age_limit: int = 28  # seed: "jongeren (tot 28 jaar)", student finance
    onderwijs_min_years: int = 9  # schooling that counts as enough prior education
    z_max_years_without_toets: int = 4  # step 2: "little schooling"


@dataclass(frozen=True)
class RouteAdviceInput:
    """What the intake knows; ``None`` (or ``onbekend``) is unknown."""

    advice_date: date
    date_of_birth: date | None = None
    toets_uitkomst: ToetsUitkomst | None = None
    toets_score: int | None = None
    toets_datum: date | None = None
    opleiding_jaren: int | None = None
    hoogste_diploma: Diploma | None = None
    geletterdheid: Geletterdheid | None = None
    erk: Mapping[str, ErkNiveau] = field(default_factory=dict)  # skill -> level
    wens: RouteWens | None = None

    def __post_init__(self) -> None:
        if self.toets_score is not None and not 0 <= self.toets_score <= MAX_SCORE:
            raise ValueError(f"toets_score must be 0-{MAX_SCORE}, got {self.toets_score}")
        if self.opleiding_jaren is not None and self.opleiding_jaren < 0:
            raise ValueError("opleiding_jaren cannot be negative")
        unknown = set(self.erk) - set(SKILLS)
        if unknown:
            raise ValueError(f"unknown ERK skill(s): {sorted(unknown)}; use {SKILLS}")


@dataclass(frozen=True)
class RouteAdvice:
    """The advised route (``None``: too little known), its reasons and what is missing."""

    route: Leerroute | None
    reasons: tuple[Reason, ...]
    second_look: bool
    missing: tuple[str, ...]  # input names: leerbaarheidstoets, opleiding, geletterdheid, ...
    pass_mark: int | None
    notice: Reason = ADVICE_ONLY

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)


def pass_mark_on(test_date: date | None) -> int:
    """The leerbaarheidstoets pass mark for a test on ``test_date`` (28 if unknown)."""
    if test_date is not None and test_date < PASS_MARK_CHANGED_ON:
        return PASS_MARK_BEFORE
    return PASS_MARK


class _Builder:
    def __init__(self) -> None:
        self.reasons: list[Reason] = []
        self.missing: list[str] = []
        self.second_look = False

    def add(self, code: str, text: str, **params: object) -> None:
        self.reasons.append(Reason.of(code, text, **params))

    def look_again(self, code: str, text: str, **params: object) -> None:
        self.second_look = True
        self.add(code, text, **params)


def advise_route(
    inputs: RouteAdviceInput, settings: RouteAdviceSettings | None = None
) -> RouteAdvice:
    """Advise a leerroute; the table is in the module docstring."""
    cfg = settings or RouteAdviceSettings()
    out = _Builder()
    learnable, pass_mark = _step_toets(inputs, out)
    if learnable is None and inputs.toets_uitkomst is ToetsUitkomst.NIET_AFGENOMEN:
        learnable = _step_without_toets(inputs, cfg, out)
    if learnable is None:
        out.add("no_advice", N_("Er is te weinig bekend voor een advies."))
        return _result(None, out, pass_mark)

    route = _step_route(inputs, cfg, out) if learnable else Leerroute.Z
    _step_literacy(inputs, out)
    _step_language(inputs, route, out)
    _step_wish(inputs, route, out)
    return _result(route, out, pass_mark)


def _result(route: Leerroute | None, out: _Builder, pass_mark: int | None) -> RouteAdvice:
    return RouteAdvice(route, tuple(out.reasons), out.second_look, tuple(out.missing), pass_mark)


def _step_toets(inputs: RouteAdviceInput, out: _Builder) -> tuple[bool | None, int | None]:
    outcome, score = inputs.toets_uitkomst, inputs.toets_score
    if outcome is ToetsUitkomst.NIET_AFGENOMEN:
        out.add(
            "toets_niet_afgenomen",
            N_(
                "De leerbaarheidstoets is niet afgenomen. Het advies steunt alleen op de "
                "intake (Wet art. 14 lid 6)."
            ),
        )
        return None, None
    if outcome is None and score is None:
        out.missing.append("leerbaarheidstoets")
        out.add("missing_toets", N_("De uitslag van de leerbaarheidstoets ontbreekt."))
        return None, None

    mark = pass_mark_on(inputs.toets_datum)
    if score is not None and score in SECOND_LOOK_SCORES and inputs.toets_datum is None:
        out.add(
            "toets_date_unknown",
            N_(
                "De datum van de toets is onbekend. Gerekend is met de cesuur {pass_mark} "
                "van {max_score} (sinds {changed_on}; daarvoor {pass_mark_before})."
            ),
            pass_mark=mark,
            max_score=MAX_SCORE,
            changed_on=_CHANGED_ON,
            pass_mark_before=PASS_MARK_BEFORE,
        )
    if outcome is None and score is not None:
        outcome = ToetsUitkomst.HAALBAAR if score >= mark else ToetsUitkomst.NIET_HAALBAAR
        out.add(
            "toets_outcome_from_score",
            N_(
                "Er is geen uitkomst vastgelegd. De uitkomst is afgeleid van de score "
                "{score} en de cesuur {pass_mark} van {max_score}."
            ),
            score=score,
            pass_mark=mark,
            max_score=MAX_SCORE,
        )

    if outcome is ToetsUitkomst.HAALBAAR:
        out.add("toets_haalbaar", N_("Volgens de leerbaarheidstoets is de B1-route haalbaar."))
        if score is not None and score < mark:
            out.look_again(
                "score_below_pass_mark",
                N_(
                    "De score {score} ligt onder de cesuur {pass_mark}, maar de uitkomst is "
                    "'haalbaar'. Controleer de uitslag."
                ),
                score=score,
                pass_mark=mark,
            )
        return True, mark

    out.add(
        "toets_niet_haalbaar",
        N_("Volgens de leerbaarheidstoets is de B1-route niet haalbaar. Daarom de Z-route."),
    )
    if score is not None and score in SECOND_LOOK_SCORES:
        out.look_again(
            "second_look_28_30",
            N_(
                "Score {score} met de uitkomst 'niet haalbaar': kijk nog eens goed. Sinds "
                "{changed_on} is {pass_mark} van {max_score} voldoende. De gemeente mag met "
                "redenen afwijken."
            ),
            score=score,
            pass_mark=PASS_MARK,
            max_score=MAX_SCORE,
            changed_on=_CHANGED_ON,
        )
    elif score is not None and score >= mark:
        out.look_again(
            "score_above_pass_mark",
            N_(
                "De score {score} ligt op of boven de cesuur {pass_mark}, maar de uitkomst is "
                "'niet haalbaar'. Controleer de uitslag."
            ),
            score=score,
            pass_mark=mark,
        )
    return False, mark


def _education_known(inputs: RouteAdviceInput) -> bool:
    diploma_known = inputs.hoogste_diploma not in (None, Diploma.ONBEKEND)
    return diploma_known or inputs.opleiding_jaren is not None


def _literacy_known(inputs: RouteAdviceInput) -> bool:
    return inputs.geletterdheid not in (None, Geletterdheid.ONBEKEND)


def _step_without_toets(
    inputs: RouteAdviceInput, cfg: RouteAdviceSettings, out: _Builder
) -> bool | None:
    if not _education_known(inputs):
        out.missing.append("opleiding")
        out.add("missing_education", N_("De opleiding (jaren of diploma) ontbreekt."))
    if not _literacy_known(inputs):
        out.missing.append("geletterdheid")
        out.add("missing_literacy", N_("De geletterdheid ontbreekt."))
    if out.missing:
        return None
    years = inputs.opleiding_jaren
    little_schooling = (years is not None and years <= cfg.z_max_years_without_toets) or (
        years is None and inputs.hoogste_diploma in _LOW_DIPLOMAS
    )
    if inputs.geletterdheid is Geletterdheid.ANALFABEET and little_schooling:
        out.add(
            "low_schooling_analfabeet",
            N_(
                "Zonder toets: weinig onderwijs en niet gealfabetiseerd. Daarom de Z-route. "
                "Bespreek dit goed."
            ),
        )
        return False
    out.add(
        "intake_suggests_learnable",
        N_("Zonder toets wijzen opleiding en geletterdheid op een route met examen."),
    )
    return True


def _step_route(inputs: RouteAdviceInput, cfg: RouteAdviceSettings, out: _Builder) -> Leerroute:
    age = age_on(inputs.date_of_birth, inputs.advice_date) if inputs.date_of_birth else None
    young = age is not None and age < cfg.onderwijs_age_limit
    wants = inputs.wens is RouteWens.ONDERWIJS
    if age is None and not wants:
        out.missing.append("leeftijd")
        out.add(
            "age_unknown",
            N_(
                "De leeftijd is onbekend. De onderwijsroute voor jongeren onder {age_limit} "
                "jaar is niet beoordeeld."
            ),
            age_limit=cfg.onderwijs_age_limit,
        )
    if not (young or wants):
        return Leerroute.B1

    if inputs.geletterdheid is Geletterdheid.ANALFABEET:
        out.add(
            "alfabetisering_before_onderwijs",
            N_("Eerst alfabetisering. Daarom nu niet de onderwijsroute."),
        )
        return Leerroute.B1
    if not _education_known(inputs):
        out.add(
            "education_unknown_onderwijs",
            N_("De opleiding is onbekend. De onderwijsroute is nog niet te beoordelen."),
        )
        return Leerroute.B1
    years = inputs.opleiding_jaren
    enough = inputs.hoogste_diploma in _ENOUGH_DIPLOMAS or (
        years is not None and years >= cfg.onderwijs_min_years
    )
    if not enough:
        out.add(
            "education_low_for_onderwijs",
            N_(
                "Te weinig vooropleiding voor de onderwijsroute: minder dan {min_years} jaar "
                "onderwijs en geen diploma van het voortgezet onderwijs."
            ),
            min_years=cfg.onderwijs_min_years,
        )
        return Leerroute.B1
    if young:
        out.add(
            "under_28_onderwijs",
            N_(
                "Jonger dan {age_limit} jaar en genoeg vooropleiding: de onderwijsroute wordt "
                "aangemoedigd. Daarna is studiefinanciering mogelijk."
            ),
            age_limit=cfg.onderwijs_age_limit,
        )
        return Leerroute.ONDERWIJS
    out.add(
        "wish_onderwijs",
        N_("De inburgeraar wil de onderwijsroute en heeft genoeg vooropleiding."),
    )
    if age is not None:
        out.add(
            "onderwijs_over_28",
            N_(
                "Let op: vanaf {age_limit} jaar is er na de onderwijsroute meestal geen "
                "studiefinanciering."
            ),
            age_limit=cfg.onderwijs_age_limit,
        )
    return Leerroute.ONDERWIJS


def _step_literacy(inputs: RouteAdviceInput, out: _Builder) -> None:
    literacy = inputs.geletterdheid
    if literacy is Geletterdheid.ANALFABEET:
        out.add(
            "alfabetisering_first",
            N_("Analfabeet: eerst alfabetisering. Dat zegt niets over de leerbaarheid."),
        )
    elif literacy is Geletterdheid.ANDERS_GEALFABETISEERD:
        out.add(
            "latin_script",
            N_("Anders gealfabetiseerd: leren lezen en schrijven in het Latijnse schrift."),
        )
    elif literacy is Geletterdheid.LAAGGELETTERD:
        out.add("laaggeletterd", N_("Laaggeletterd: extra aandacht voor lezen en schrijven."))
    elif literacy is None or literacy is Geletterdheid.ONBEKEND:
        out.missing.append("geletterdheid")
        out.add("literacy_unknown", N_("De geletterdheid is onbekend."))


def _step_language(inputs: RouteAdviceInput, route: Leerroute, out: _Builder) -> None:
    ranks = [level.rank for level in inputs.erk.values() if level.rank is not None]
    if not ranks:
        out.missing.append("taalniveau")
        out.add("cefr_unknown", N_("Het taalniveau is onbekend."))
        return
    b1 = _ERK_ORDER.index(ErkNiveau.B1)
    a2 = _ERK_ORDER.index(ErkNiveau.A2)
    all_known = len(ranks) == len(SKILLS)
    reaches_b1 = max(ranks) >= b1
    if route is Leerroute.Z and (reaches_b1 or (all_known and min(ranks) >= a2)):
        out.look_again(
            "cefr_above_z",
            N_(
                "Het taalniveau is hoger dan bij de Z-route past: A2 of hoger op alle "
                "vaardigheden, of B1 op een vaardigheid. Kijk nog eens goed."
            ),
        )
    elif route is not Leerroute.Z and reaches_b1:
        out.add("cefr_b1_reached", N_("Op een of meer vaardigheden is B1 al bereikt."))


def _step_wish(inputs: RouteAdviceInput, route: Leerroute, out: _Builder) -> None:
    wish = inputs.wens
    if wish is None:
        out.missing.append("wens")
        out.add("wish_unknown", N_("De voorkeur van de inburgeraar is nog niet gevraagd."))
    elif wish is RouteWens.GEEN_VOORKEUR:
        out.add("wish_none", N_("De inburgeraar heeft geen voorkeur voor een leerroute."))
    elif _WISH_ROUTE[wish] is route:
        out.add("wish_matches", N_("Het advies past bij de voorkeur van de inburgeraar."))
    else:
        out.add(
            "wish_differs",
            N_("Het advies wijkt af van de voorkeur van de inburgeraar. Bespreek dit samen."),
        )
