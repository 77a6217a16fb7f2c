"""The municipality's fines under the Wet inburgering 2021: the proposed amount and why.

Pure rules (Wet art. 22, 23 and 27; Besluit art. 7.1; DOMAIN.md "Fines by the
municipality"). The consultant decides; :func:`propose_fine` computes the amount the
rules allow and returns every step as a :class:`~inburg_desktop.domain.text.Reason` whose
``params["artikel"]`` names the article, so a decision letter can print the reasoning.

The computation, in this order:

1. **Wet art. 27**: when the bijstand was already reduced (Participatiewet) for the same
   conduct, no fine: € 0, and nothing else is computed.
   **After the termijn**: a violation found after the termijn's last day is no municipal
   fine: € 0. The municipality enforces the PIP, whose obligations are those of the
   termijn (Wet art. 11 and 23); after it DUO enforces the plicht itself (DOMAIN.md
   "Enforcement"), and the Besluit's € 2,400 "in total during the termijn" then covers
   every municipal fine of the case (attack round 8, finding 11: fines after the
   termijn escaped the cap). Extensions of the termijn (Besluit art. 4.2-4.4) are
   DUO's and are not applied (``deadlines.termijn_end``).
2. **Base amount**. Not appearing at, or not cooperating with, the brede intake (incl. the
   leerbaarheidstoets, Wet art. 22): € 250 (Besluit art. 7.1 lid 1); no repeat doubling
   and no culpability step apply to it. The Wet art. 23 violations (not cooperating with
   support and guidance; not meeting the PVT, MAP or leerroute intensity of the PIP):
   € 50 (lid 2).
3. **Repeat** (lid 3, art. 23 fines only): the € 50 doubles for each earlier art. 23 fine
   of this case that was found within the 12 months before the day the new violation is
   found, and that was final (onherroepelijk) on that day; at most € 800. All art. 23
   kinds are the same offence for this count (the lid speaks of a repeated violation of
   art. 23, not of one obligation). The window uses the project's period rule
   (:func:`calendar.period_last_day`): an earlier fine found on day E counts for a new
   violation found on day D when E < D and D is on or before the last day of the 12
   months that start the day after E. E = 2026-03-10 counts up to and including
   D = 2027-03-10; E = 2024-02-29 up to and including D = 2025-02-28.
4. **Culpability** (lid 4, art. 23 fines only): 100 % for intent (opzet), 75 % for gross
   fault (grove schuld), 50 % when neither, 25 % for reduced culpability (verminderde
   verwijtbaarheid). Amounts are kept in whole cents; a percentage that does not give
   whole cents is rounded *down* to the cent, because lid 4 sets the fine *at* that
   share and rounding up would exceed it. With the Besluit's amounts (€ 50 × 2^k) no
   rounding ever happens (the smallest result is € 12.50); it only matters for a
   municipality's own amounts in :class:`FineSettings`.
5. **Caps** (lid 5 and the total cap), each as the room left under it by the case's
   earlier fines that stand (imposed or final; withdrawn or annulled ones count for
   nothing, and finality does not matter here: a cap protects the person from the total
   imposed):

   * *Total cap*: all municipal fines of the case together, the € 250 intake fines
     included, at most € 2,400 during the termijn. The intake fine lies before the
     termijn starts by nature, and the Besluit names it among the fines the cap covers,
     so the count runs over every earlier fine of the case up to the termijn's last day.
   * *Lower caps during a new term* (lid 5): a fine decision sets a new term to comply
     (for the intake at most 2 months, Wet art. 22). Our reading of "lower caps apply
     during a new term set by a fine (€ 400 / € 800 / € 1,200 / € 1,600)": they are
     per new term, in the order the terms were set for the case — the fines found
     during the first new term set for the case together at most € 400, during the
     second € 800, during the third € 1,200, during the fourth and any later one
     € 1,600 — read in parallel to the € 2,400 "in total during the termijn", where
     "during" names the period whose fines are added up. A violation found on a day that
     lies inside the new term of an earlier (not withdrawn) fine is "during" that term;
     when terms overlap, the one set last applies. The fine that set a term was found
     before it and is not one of the fines "in" it. This reading is to be checked
     against the text of Besluit art. 7.1 lid 5 before the amounts go into a letter;
     the caps are settings (:attr:`FineSettings.nieuwe_termijn_maxima`).

   The proposed amount is the computed amount reduced to the smallest room left, never
   below € 0; each cap that reduces it adds a reason.

Amounts are :class:`FineSettings` with the Besluit's values as defaults; a municipality
may set lower amounts in policy rules.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from inburg_desktop.domain.calendar import period_last_day
from inburg_desktop.domain.cited import cited, nl_euro
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.text import N_, Reason, nl_date

REPEAT_WINDOW_MONTHS = 12  # Besluit art. 7.1 lid 3
ART_27 = "Wet art. 27"
LID_1 = "Besluit art. 7.1 lid 1"
LID_2 = "Besluit art. 7.1 lid 2"
LID_3 = "Besluit art. 7.1 lid 3"
LID_4 = "Besluit art. 7.1 lid 4"
LID_5 = "Besluit art. 7.1 lid 5"
TOTAL_CAP = "Besluit art. 7.1"
AFTER_TERMIJN = "Wet art. 11 en 23; Besluit art. 7.1"


STEP_PARAMS = frozenset(
    {
        "artikel",
        "bedrag",
        "count",
        "eerder",
        "found",
        "last",
        "maximum",
        "months",
        "number",
        "percentage",
        "tot",
        "van",
        "verwijtbaarheid",
    }
)
"""The only placeholder names a proposal's step may use: those of :func:`propose_fine`'s
sentences (a test keeps the two equal). A stored step naming any other is refused
(attack round 6, finding 1)."""


class FineInvalid(Problem, ValueError):
    """Fine input that cannot be right; ``params["field"]`` names the field.

    Codes: ``fine_settings_invalid``, ``end_before_start``, ``not_negative``,
    ``fine_final_date`` (the final date given exactly for a final fine, not before it was
    found), ``fine_culpability_missing`` (Besluit art. 7.1 lid 4), and
    ``fine_earlier_after_violation`` (an earlier fine dated after the new violation).
    """

    default_code = "fine_settings_invalid"


class Overtreding(enum.StrEnum):
    """The violation, by the article of the Wet that makes it finable."""

    # Wet art. 22: the brede intake (incl. the leerbaarheidstoets)
    INTAKE_NIET_VERSCHENEN = "intake_niet_verschenen"
    INTAKE_NIET_MEEGEWERKT = "intake_niet_meegewerkt"
    # Wet art. 23: the obligations of the PIP
    BEGELEIDING_NIET_MEEGEWERKT = "begeleiding_niet_meegewerkt"
    PVT_INTENSITEIT = "pvt_intensiteit"
    MAP_INTENSITEIT = "map_intensiteit"
    LEERROUTE_INTENSITEIT = "leerroute_intensiteit"

    @property
    def artikel_22(self) -> bool:
        """True for the brede intake violations (Wet art. 22, Besluit art. 7.1 lid 1)."""
        return self in INTAKE_OVERTREDINGEN


INTAKE_OVERTREDINGEN = frozenset(
    {Overtreding.INTAKE_NIET_VERSCHENEN, Overtreding.INTAKE_NIET_MEEGEWERKT}
)


class Verwijtbaarheid(enum.StrEnum):
    """Culpability for the art. 23 fine (Besluit art. 7.1 lid 4)."""

    OPZET = "opzet"  # 100 %
    GROVE_SCHULD = "grove_schuld"  # 75 %
    GEEN_OPZET_OF_GROVE_SCHULD = "geen_opzet_of_grove_schuld"  # 50 %
    VERMINDERD = "verminderd"  # 25 %


VERWIJTBAARHEID_NL = {
    Verwijtbaarheid.OPZET: "opzet",
    Verwijtbaarheid.GROVE_SCHULD: "grove schuld",
    Verwijtbaarheid.GEEN_OPZET_OF_GROVE_SCHULD: "geen opzet of grove schuld",
    Verwijtbaarheid.VERMINDERD: "verminderde verwijtbaarheid",
}


class BoeteStatus(enum.StrEnum):
    """Where an earlier fine stands."""

    OPGELEGD = "opgelegd"  # imposed, objection or appeal still possible or pending
    ONHERROEPELIJK = "onherroepelijk"  # final
    VERVALLEN = "vervallen"  # withdrawn or annulled: counts for nothing


BESLUIT_AMOUNTS = {
    "intake_cents": 250_00,  # lid 1
    "basis_cents": 50_00,  # lid 2
    "maximum_cents": 800_00,  # lid 3
    "totaal_maximum_cents": 2_400_00,  # the total over the termijn
}
"""The Besluit inburgering 2021 art. 7.1 amounts in whole cents: the defaults of
:class:`FineSettings` and the highest a municipality may set."""
BESLUIT_PERCENTAGES = (
    (Verwijtbaarheid.OPZET, 100),
    (Verwijtbaarheid.GROVE_SCHULD, 75),
    (Verwijtbaarheid.GEEN_OPZET_OF_GROVE_SCHULD, 50),
    (Verwijtbaarheid.VERMINDERD, 25),
)
"""Lid 4, from the most to the least culpable: each the highest share allowed."""
BESLUIT_NEW_TERM_MAXIMA = (400_00, 800_00, 1_200_00, 1_600_00)
"""Lid 5: the caps during the first, second, third and any later new term."""


@dataclass(frozen=True)
class FineSettings:
    """Amounts in whole euro cents; defaults are the Besluit's (art. 7.1)."""

    intake_cents: int = BESLUIT_AMOUNTS["intake_cents"]  # lid 1
    basis_cents: int = BESLUIT_AMOUNTS["basis_cents"]  # lid 2
    maximum_cents: int = BESLUIT_AMOUNTS["maximum_cents"]  # lid 3
    percentages: tuple[tuple[Verwijtbaarheid, int], ...] = BESLUIT_PERCENTAGES  # lid 4
    totaal_maximum_cents: int = BESLUIT_AMOUNTS["totaal_maximum_cents"]
    nieuwe_termijn_maxima: tuple[int, ...] = BESLUIT_NEW_TERM_MAXIMA  # lid 5

    def __post_init__(self) -> None:
        """The Besluit's amounts are maxima: a municipality may set lower ones in policy
        rules, never higher (Besluit inburgering 2021 art. 7.1 lid 1-5; attack round 6,
        finding 4), and the culpability scale of lid 4 may not rise as culpability falls.
        Raises :class:`FineInvalid` naming the field: ``fine_settings_invalid``,
        ``fine_settings_above_besluit`` (``maximum``: the Besluit's value in words) or
        ``fine_settings_scale``."""
        amounts = (self.intake_cents, self.basis_cents, self.maximum_cents)
        if any(a < 0 for a in amounts) or self.totaal_maximum_cents < 0:
            raise FineInvalid("fine_settings_invalid", field="amounts")
        for name, limit in BESLUIT_AMOUNTS.items():
            if getattr(self, name) > limit:
                raise FineInvalid("fine_settings_above_besluit", field=name, maximum=nl_euro(limit))
        if self.basis_cents > self.maximum_cents:
            raise FineInvalid("fine_settings_invalid", field="basis_cents")
        if {v for v, _ in self.percentages} != set(Verwijtbaarheid):
            raise FineInvalid("fine_settings_invalid", field="percentages")
        if any(not 0 <= p <= 100 for _, p in self.percentages):
            raise FineInvalid("fine_settings_invalid", field="percentages")
        given = dict(self.percentages)
        for culpa, limit in BESLUIT_PERCENTAGES:
            if given[culpa] > limit:
                raise FineInvalid(
                    "fine_settings_above_besluit",
                    field=f"percentages.{culpa.value}",
                    maximum=f"{limit}%",
                )
        scale = [given[culpa] for culpa, _limit in BESLUIT_PERCENTAGES]
        if any(lower > higher for higher, lower in itertools.pairwise(scale)):
            raise FineInvalid("fine_settings_scale", field="percentages")
        maxima = self.nieuwe_termijn_maxima
        if not maxima or any(m < 0 for m in maxima):
            raise FineInvalid("fine_settings_invalid", field="nieuwe_termijn_maxima")
        for number, amount in enumerate(maxima):
            limit = BESLUIT_NEW_TERM_MAXIMA[min(number, len(BESLUIT_NEW_TERM_MAXIMA) - 1)]
            if amount > limit:
                raise FineInvalid(
                    "fine_settings_above_besluit",
                    field=f"nieuwe_termijn_maxima[{number}]",
                    maximum=nl_euro(limit),
                )

    def percentage(self, verwijtbaarheid: Verwijtbaarheid) -> int:
        return dict(self.percentages)[verwijtbaarheid]


def statutory_maximum(overtreding: Overtreding) -> int:
    """The highest fine in whole cents the Besluit allows for one violation of this kind:
    € 250 for the brede intake (Besluit art. 7.1 lid 1, Wet art. 22), € 800 for an art. 23
    violation (lid 3: the € 50 of lid 2 doubled per repeat, at most € 800). A
    municipality's amounts may be lower, never higher."""
    return BESLUIT_AMOUNTS["intake_cents" if overtreding.artikel_22 else "maximum_cents"]


@dataclass(frozen=True)
class NieuweTermijn:
    """The new term to comply that a fine decision set: ``van`` up to and including ``tot``."""

    van: date
    tot: date

    def __post_init__(self) -> None:
        if self.tot < self.van:
            raise FineInvalid("end_before_start", field="tot")

    def contains(self, day: date) -> bool:
        return self.van <= day <= self.tot


@dataclass(frozen=True)
class EerdereBoete:
    """An earlier municipal fine of the same case."""

    overtreding: Overtreding
    vastgesteld_op: date  # the day the violation was found
    bedrag_cents: int
    status: BoeteStatus
    onherroepelijk_op: date | None = None  # the day it became final
    nieuwe_termijn: NieuweTermijn | None = None

    def __post_init__(self) -> None:
        if self.bedrag_cents < 0:
            raise FineInvalid("not_negative", field="bedrag_cents")
        final = self.status is BoeteStatus.ONHERROEPELIJK
        if final != (self.onherroepelijk_op is not None):
            raise FineInvalid("fine_final_date", field="onherroepelijk_op")
        if self.onherroepelijk_op is not None and self.onherroepelijk_op < self.vastgesteld_op:
            raise FineInvalid("fine_final_date", field="onherroepelijk_op")

    @property
    def telt(self) -> bool:
        """Counts toward the caps: imposed or final, not withdrawn."""
        return self.status is not BoeteStatus.VERVALLEN

    def final_on(self, day: date) -> bool:
        return self.onherroepelijk_op is not None and self.onherroepelijk_op <= day


@dataclass(frozen=True)
class Violation:
    """The violation a fine is proposed for.

    ``verwijtbaarheid`` is required for the art. 23 violations and ignored for the intake
    (lid 4 applies to the art. 23 fine only). ``bijstand_verlaagd``: the bijstand was
    already reduced for the same conduct (Wet art. 27).
    """

    overtreding: Overtreding
    vastgesteld_op: date
    verwijtbaarheid: Verwijtbaarheid | None = None
    bijstand_verlaagd: bool = False

    def __post_init__(self) -> None:
        if not self.overtreding.artikel_22 and self.verwijtbaarheid is None:
            raise FineInvalid("fine_culpability_missing", field="verwijtbaarheid")


@dataclass(frozen=True)
class FineProposal:
    """The proposed amount (whole cents) and every step that led to it, in order."""

    bedrag_cents: int
    stappen: tuple[Reason, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(step.code for step in self.stappen)

    @property
    def bedrag(self) -> str:
        return nl_euro(self.bedrag_cents)


def repeat_window_end(earlier_found: date) -> date:
    """Last day on which a new violation is a repeat of one found on ``earlier_found``.

    The last day of the 12 months that start the day after it (Besluit art. 7.1 lid 3;
    :func:`calendar.period_last_day`): 2026-03-10 → 2027-03-10, 2024-02-29 → 2025-02-28.
    """
    return period_last_day(earlier_found + timedelta(days=1), REPEAT_WINDOW_MONTHS)


def counted_repeats(found: date, earlier: Iterable[EerdereBoete]) -> tuple[EerdereBoete, ...]:
    """The earlier art. 23 fines that make a violation found on ``found`` a repeat (lid 3):
    found before it within the 12-month window, and final on ``found``."""
    return tuple(
        fine
        for fine in earlier
        if not fine.overtreding.artikel_22
        and fine.vastgesteld_op < found <= repeat_window_end(fine.vastgesteld_op)
        and fine.final_on(found)
    )


def current_new_term(
    found: date, earlier: Iterable[EerdereBoete]
) -> tuple[int, NieuweTermijn] | None:
    """The new term (set by an earlier, not withdrawn fine) that ``found`` lies in, with its
    number (1 for the first term set for the case); the last set when terms overlap."""
    terms = sorted(
        (f.nieuwe_termijn for f in earlier if f.telt and f.nieuwe_termijn is not None),
        key=lambda t: (t.van, t.tot),
    )
    current: tuple[int, NieuweTermijn] | None = None
    for number, term in enumerate(terms, start=1):
        if term.contains(found):
            current = (number, term)
    return current


def propose_fine(
    violation: Violation,
    earlier: Iterable[EerdereBoete],
    termijn_end: date | None,
    settings: FineSettings | None = None,
) -> FineProposal:
    """The fine the rules allow for ``violation``, with the reasons (module docstring).

    ``earlier``: the case's earlier municipal fines, in any order. ``termijn_end``: the
    termijn's last day (``deadlines.termijn_end``), ``None`` before a PIP is set (the
    intake fine); a violation found after it gets € 0 (module docstring, step 1) and
    earlier fines found after it do not count toward the total cap.
    Raises :class:`FineInvalid` (``fine_earlier_after_violation``) when an earlier fine
    is dated after the new violation's day (the input mixes up the order of events); one
    on the same day is allowed and is no repeat.
    """
    rules = settings or FineSettings()
    found = violation.vastgesteld_op
    fines = tuple(earlier)
    if any(f.vastgesteld_op > found for f in fines):
        raise FineInvalid("fine_earlier_after_violation", field="earlier")
    if violation.bijstand_verlaagd:
        step = cited(
            "fine_art_27",
            N_("Geen boete: de bijstand is voor dezelfde gedraging al verlaagd ({artikel})."),
            ART_27,
        )
        return FineProposal(0, (step,))
    if termijn_end is not None and found > termijn_end:
        step = cited(
            "fine_after_termijn",
            N_(
                "Geen boete van de gemeente: de overtreding is vastgesteld na het einde van de "
                "inburgeringstermijn op {tot}; de gemeente handhaaft het PIP in die termijn, "
                "daarna handhaaft DUO ({artikel})."
            ),
            AFTER_TERMIJN,
            tot=nl_date(termijn_end),
        )
        return FineProposal(0, (step,))
    steps: list[Reason] = []
    if violation.overtreding.artikel_22:
        amount = rules.intake_cents
        steps.append(
            cited(
                "fine_intake",
                N_(
                    "Niet verschijnen bij of niet meewerken aan de brede intake: "
                    "{bedrag} ({artikel}, Wet art. 22)."
                ),
                LID_1,
                bedrag=nl_euro(amount),
            )
        )
    else:
        amount = _art_23(violation, fines, rules, steps)
    amount = _caps(amount, found, fines, termijn_end, rules, steps)
    steps.append(
        cited(
            "fine_proposed",
            N_("Voorgestelde boete: {bedrag} ({artikel})."),
            TOTAL_CAP,
            bedrag=nl_euro(amount),
        )
    )
    return FineProposal(amount, tuple(steps))


def _art_23(
    violation: Violation,
    fines: tuple[EerdereBoete, ...],
    rules: FineSettings,
    steps: list[Reason],
) -> int:
    steps.append(
        cited(
            "fine_base",
            N_("Overtreding van Wet art. 23: basisbedrag {bedrag} ({artikel})."),
            LID_2,
            bedrag=nl_euro(rules.basis_cents),
        )
    )
    repeats = counted_repeats(violation.vastgesteld_op, fines)
    amount = rules.basis_cents
    if repeats:
        amount = min(rules.basis_cents * 2 ** len(repeats), rules.maximum_cents)
        last = max(f.vastgesteld_op for f in repeats)
        steps.append(
            cited(
                "fine_repeat",
                N_(
                    "Herhaling: {count} eerdere onherroepelijke boete(s) voor Wet art. 23 "
                    "vastgesteld in de {months} maanden vóór {found} (laatste op {last}); het "
                    "bedrag verdubbelt per herhaling tot {bedrag}, ten hoogste {maximum} "
                    "({artikel})."
                ),
                LID_3,
                count=len(repeats),
                months=REPEAT_WINDOW_MONTHS,
                found=nl_date(violation.vastgesteld_op),
                last=nl_date(last),
                bedrag=nl_euro(amount),
                maximum=nl_euro(rules.maximum_cents),
            )
        )
    culpability = violation.verwijtbaarheid
    assert culpability is not None  # Violation.__post_init__
    percent = rules.percentage(culpability)
    reduced = amount * percent // 100  # rounded down to the cent: module docstring, step 4
    steps.append(
        cited(
            "fine_culpability",
            N_(
                "Verwijtbaarheid ({verwijtbaarheid}): {percentage}% van {van} is {bedrag} "
                "({artikel})."
            ),
            LID_4,
            verwijtbaarheid=VERWIJTBAARHEID_NL[culpability],
            percentage=percent,
            van=nl_euro(amount),
            bedrag=nl_euro(reduced),
        )
    )
    return reduced


def _caps(
    amount: int,
    found: date,
    fines: tuple[EerdereBoete, ...],
    termijn_end: date | None,
    rules: FineSettings,
    steps: list[Reason],
) -> int:
    standing = [f for f in fines if f.telt]
    in_termijn = [f for f in standing if termijn_end is None or f.vastgesteld_op <= termijn_end]
    total = sum(f.bedrag_cents for f in in_termijn)
    room = max(rules.totaal_maximum_cents - total, 0)
    if amount > room:
        amount = room
        steps.append(
            cited(
                "fine_total_cap",
                N_(
                    "Alle boetes van de gemeente samen zijn in de inburgeringstermijn ten "
                    "hoogste {maximum}; eerder opgelegd {eerder}, dus nog ten hoogste "
                    "{bedrag} ({artikel})."
                ),
                TOTAL_CAP,
                maximum=nl_euro(rules.totaal_maximum_cents),
                eerder=nl_euro(total),
                bedrag=nl_euro(room),
            )
        )
    term = current_new_term(found, standing)
    if term is not None:
        number, window = term
        maxima = rules.nieuwe_termijn_maxima
        cap = maxima[min(number, len(maxima)) - 1]
        in_term = sum(f.bedrag_cents for f in standing if window.contains(f.vastgesteld_op))
        term_room = max(cap - in_term, 0)
        if amount > term_room:
            amount = term_room
            steps.append(
                cited(
                    "fine_new_term_cap",
                    N_(
                        "De overtreding valt in de {number}e nieuwe termijn die met een boete "
                        "is gesteld ({van} t/m {tot}); de boetes in die termijn samen zijn ten "
                        "hoogste {maximum}, eerder in die termijn {eerder}, dus nog ten "
                        "hoogste {bedrag} ({artikel})."
                    ),
                    LID_5,
                    number=number,
                    van=nl_date(window.van),
                    tot=nl_date(window.tot),
                    maximum=nl_euro(cap),
                    eerder=nl_euro(in_term),
                    bedrag=nl_euro(term_room),
                )
            )
    return amount
