"""Ontzorgen after its six months, budget training, and the nazorg contact after the exam.

* **Ontzorgen** (Participatiewet art. 56a): six months from the day the right to bijstand
  starts, for inburgeringsplichtigen with an asylum permit; the last day is
  ``deadlines.ontzorgen_until`` (reused, never recomputed here). Art. 56a allows no
  extension: going on after the six months needs its own decision under Participatiewet
  art. 57 (:class:`Art57Besluit`), recorded with its date and kenmerk. It never moves
  the end of the six months.
* **Budget training** (DOMAIN.md, route step 9: ontzorgen goes with budget training toward
  financial self-reliance): recorded as started and finished (:class:`Budgettraining`).
* **Nazorg** (seed, step 11): the consultant contacts the person again six months after
  the exam (``deadlines.nazorg_contact``, reused).

:func:`ontzorgen_stand` and :func:`nazorg_stand` say where a case stands on a day, with a
:class:`Reason` the agenda and the case view can show.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from inburg_desktop.domain.case import Doelgroep
from inburg_desktop.domain.cited import cited
from inburg_desktop.domain.deadlines import (
    NAZORG_MONTHS,
    ONTZORGEN_MONTHS,
    nazorg_contact,
    ontzorgen_until,
)
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.text import N_, Reason, nl_date

ART_56A = "Participatiewet art. 56a"
ART_57 = "Participatiewet art. 57"


class AftercareInvalid(Problem, ValueError):
    """Ontzorgen or budget training input that cannot be right; ``params["field"]``.

    Codes: ``art57_kenmerk_missing``, ``end_before_start``,
    ``training_finished_not_started``.
    """

    default_code = "end_before_start"


@dataclass(frozen=True)
class Art57Besluit:
    """The separate decision to go on paying fixed costs from the benefit after the six
    months of art. 56a (Participatiewet art. 57): from ``van`` up to and including
    ``tot`` (``None``: until further notice)."""

    datum: date
    kenmerk: str
    van: date
    tot: date | None = None

    def __post_init__(self) -> None:
        if not self.kenmerk.strip():
            raise AftercareInvalid("art57_kenmerk_missing", field="kenmerk")
        if self.tot is not None and self.tot < self.van:
            raise AftercareInvalid("end_before_start", field="tot")

    def covers(self, day: date) -> bool:
        return self.van <= day and (self.tot is None or day <= self.tot)


@dataclass(frozen=True)
class Budgettraining:
    """Budget training recorded for the case."""

    gestart_op: date | None = None
    afgerond_op: date | None = None
    aanbieder: str = ""

    def __post_init__(self) -> None:
        if self.afgerond_op is not None and self.gestart_op is None:
            raise AftercareInvalid("training_finished_not_started", field="afgerond_op")
        if (
            self.afgerond_op is not None
            and self.gestart_op is not None
            and self.afgerond_op < self.gestart_op
        ):
            raise AftercareInvalid("end_before_start", field="afgerond_op")


class OntzorgenFase(enum.StrEnum):
    GEEN = "geen"  # not applicable: no asylum permit or no bijstand start
    LOOPT = "loopt"  # within the six months
    LOOPT_AF = "loopt_af"  # within the lead time before the last day
    VOORTGEZET = "voortgezet"  # after the six months, under an art. 57 decision
    BEEINDIGD = "beeindigd"  # after the six months, no art. 57 decision covering the day


ONTZORGEN_LEAD_DAYS = 28  # time to prepare an art. 57 decision before the six months end


def ontzorgen_eindigt(end: date) -> Reason:
    """The six months of ontzorgen end on ``end``: going on needs an art. 57 decision,
    and ontzorgen goes with budget training."""
    return cited(
        "ontzorgen_eindigt",
        N_(
            "Ontzorgen loopt t/m {eind} ({artikel}). Gaat het daarna door, dan is een apart "
            "besluit nodig (Participatiewet art. 57); regel ook de budgettraining."
        ),
        ART_56A,
        eind=nl_date(end),
    )


@dataclass(frozen=True)
class OntzorgenStand:
    """Where ontzorgen stands on a day; ``eind`` is the last day of the six months."""

    fase: OntzorgenFase
    eind: date | None
    reasons: tuple[Reason, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)


def ontzorgen_stand(
    doelgroep: Doelgroep,
    bijstand_start: date | None,
    on: date,
    art57: Art57Besluit | None = None,
    budgettraining: Budgettraining | None = None,
    lead_days: int = ONTZORGEN_LEAD_DAYS,
) -> OntzorgenStand:
    """Ontzorgen on ``on`` (module docstring). Reasons, in order: the phase; in the six
    months or after them without an art. 57 decision, a missing budget training start."""
    end = ontzorgen_until(doelgroep, bijstand_start)
    if end is None:
        return OntzorgenStand(OntzorgenFase.GEEN, None, ())
    reasons: list[Reason] = []
    if on <= end:
        closing = (end - on).days <= lead_days
        fase = OntzorgenFase.LOOPT_AF if closing else OntzorgenFase.LOOPT
        if closing:
            reasons.append(ontzorgen_eindigt(end))
        else:
            reasons.append(
                cited(
                    "ontzorgen_loopt",
                    N_("Ontzorgen loopt t/m {eind} ({artikel})."),
                    ART_56A,
                    eind=nl_date(end),
                )
            )
    elif art57 is not None and art57.covers(on):
        fase = OntzorgenFase.VOORTGEZET
        params: dict[str, object] = {
            "eind": nl_date(end),
            "datum": nl_date(art57.datum),
            "kenmerk": art57.kenmerk,
            "months": ONTZORGEN_MONTHS,
        }
        if art57.tot is not None:
            params["tot"] = nl_date(art57.tot)
            text = N_(
                "De {months} maanden ontzorgen eindigden op {eind}; het gaat door t/m {tot} op "
                "grond van het besluit van {datum} ({kenmerk}, {artikel})."
            )
        else:
            text = N_(
                "De {months} maanden ontzorgen eindigden op {eind}; het gaat door tot nader order "
                "op grond van het besluit van {datum} ({kenmerk}, {artikel})."
            )
        reasons.append(cited("ontzorgen_art57", text, ART_57, **params))
    else:
        fase = OntzorgenFase.BEEINDIGD
        reasons.append(
            cited(
                "ontzorgen_beeindigd",
                N_("Ontzorgen eindigde op {eind} ({artikel})."),
                ART_56A,
                eind=nl_date(end),
            )
        )
    if fase is not OntzorgenFase.BEEINDIGD and (
        budgettraining is None or budgettraining.gestart_op is None
    ):
        reasons.append(
            cited(
                "budgettraining_niet_gestart",
                N_(
                    "Er is geen budgettraining vastgelegd; ontzorgen gaat samen met "
                    "budgettraining op weg naar financiële zelfredzaamheid."
                ),
                None,
            )
        )
    return OntzorgenStand(fase, end, tuple(reasons))


@dataclass(frozen=True)
class NazorgStand:
    """The nazorg contact: when it is due and whether it took place."""

    due: date | None
    gedaan_op: date | None
    reason: Reason | None

    @property
    def open(self) -> bool:
        return self.due is not None and self.gedaan_op is None


def nazorg_stand(exam_passed_on: date | None, contact_op: date | None) -> NazorgStand:
    """The nazorg contact six months after the exam (``deadlines.nazorg_contact``); a
    contact on or after the exam day counts as the nazorg contact (an earlier one was
    about something else)."""
    due = nazorg_contact(exam_passed_on)
    if due is None or exam_passed_on is None:
        return NazorgStand(None, None, None)
    done = contact_op if contact_op is not None and contact_op >= exam_passed_on else None
    if done is not None:
        reason = cited(
            "nazorg_gedaan",
            N_("Nazorgcontact op {gedaan} (examen behaald op {examen})."),
            None,
            gedaan=nl_date(done),
            examen=nl_date(exam_passed_on),
        )
    else:
        reason = cited(
            "nazorg_te_doen",
            N_("Nazorg: neem op {due} contact op, {months} maanden na het examen van {examen}."),
            None,
            due=nl_date(due),
            months=NAZORG_MONTHS,
            examen=nl_date(exam_passed_on),
        )
    return NazorgStand(due, done, reason)
