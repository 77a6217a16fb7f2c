"""The law's rules on one case at once: plicht, deadlines and every warning.

What ``inburg case show --json`` computes and ``inburg rules evaluate`` prints
(INTERFACES.md) comes from :func:`evaluate`, so the two can never disagree. Warnings carry
stable codes:

=============================  ===============================================================
code                           when
=============================  ===============================================================
(from ``plicht.py``)           nationality, residence basis, permit date, age, AOW age
aow_during_termijn             the plicht ends by age (AOW) on or before the termijn's last
                               day (Wet art. 3; the termijn of Wet art. 11, or while no PIP
                               has a date, the one a PIP on the PIP deadline would start)
residence_basis_doelgroep      the recorded residence basis does not fit the doelgroep
pip_deadline_waiting           the PIP waits for a third party (Besluit art. 5.3 lid 2)
pip_wachten_te_laat            that wait was recorded after the deadline had passed
kennisgeving_niet_plichtig     DUO's kennisgeving of the plicht is recorded, but the data say
                               the person is not plichtig: one of the two is wrong
=============================  ===============================================================

When the data say the person is not plichtig, no value that exists only for an
inburgeringsplichtige is computed (``deadlines.compute_deadlines`` with ``plichtig``): no
PIP deadline and so no third-party wait warnings (Besluit art. 5.3), no termijn (Wet art.
11) and no AOW-in-termijn warning, no ontzorgen (Participatiewet art. 56a). DUO decides on
the plicht; when its kennisgeving is recorded anyway, ``kennisgeving_niet_plichtig`` says
so and names the PIP deadline that would run if the plicht does apply, so a wrong record
cannot make a legal deadline silently disappear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar, ResidenceBasis
from inburg_desktop.domain.deadlines import (
    DERDE_WEEKS,
    Deadlines,
    compute_deadlines,
    termijn_end,
)
from inburg_desktop.domain.plicht import PlichtCheck, check_plicht
from inburg_desktop.domain.text import N_, DutchTerm, Reason, nl_date

EXPECTED_BASIS = {
    Doelgroep.STATUSHOUDER: ResidenceBasis.ASIEL,
    Doelgroep.GEZINSMIGRANT: ResidenceBasis.GEZIN,
    Doelgroep.OVERIGE_MIGRANT: ResidenceBasis.OVERIG,
}


@dataclass(frozen=True)
class Evaluation:
    """Plicht, deadlines and warnings of one case on one day."""

    plicht: PlichtCheck
    deadlines: Deadlines
    warnings: tuple[Reason, ...]

    @property
    def warning_codes(self) -> tuple[str, ...]:
        return tuple(w.code for w in self.warnings)


def _aow_warning(plicht: PlichtCheck, deadlines: Deadlines) -> Reason | None:
    ends = plicht.plicht_ends_on
    if ends is None:
        return None
    provisional = plicht.aow_provisional
    if deadlines.termijn_end is not None:
        if ends >= deadlines.termijn_end:
            return None
        text = (
            N_(
                "De inburgeringsplicht eindigt op {plicht_ends_on}, de dag voor de voorlopige "
                "AOW-leeftijd (nog niet wettelijk vastgesteld), binnen de inburgeringstermijn "
                "(t/m {termijn_end}). Na die dag geldt de plicht niet meer (Wet art. 3)."
            )
            if provisional
            else N_(
                "De inburgeringsplicht eindigt op {plicht_ends_on}, de dag voor de "
                "AOW-leeftijd, binnen de inburgeringstermijn (t/m {termijn_end}). Na die dag "
                "geldt de plicht niet meer (Wet art. 3)."
            )
        )
        return Reason(
            "aow_during_termijn",
            text,
            {
                "plicht_ends_on": nl_date(ends),
                "termijn_end": nl_date(deadlines.termijn_end),
            },
        )
    if deadlines.pip_deadline is None:
        return None
    latest_end = termijn_end(deadlines.pip_deadline + timedelta(days=1))
    if ends >= latest_end:
        return None
    text = (
        N_(
            "De inburgeringsplicht eindigt op {plicht_ends_on}, de dag voor de voorlopige "
            "AOW-leeftijd (nog niet wettelijk vastgesteld): vóór het einde van de "
            "inburgeringstermijn als het PIP uiterlijk op {pip_deadline} wordt vastgesteld "
            "(t/m {termijn_end}; Wet art. 3 en 11)."
        )
        if provisional
        else N_(
            "De inburgeringsplicht eindigt op {plicht_ends_on}, de dag voor de AOW-leeftijd: "
            "vóór het einde van de inburgeringstermijn als het PIP uiterlijk op "
            "{pip_deadline} wordt vastgesteld (t/m {termijn_end}; Wet art. 3 en 11)."
        )
    )
    return Reason(
        "aow_during_termijn",
        text,
        {
            "plicht_ends_on": nl_date(ends),
            "pip_deadline": nl_date(deadlines.pip_deadline),
            "termijn_end": nl_date(latest_end),
        },
    )


def _basis_warning(doelgroep: Doelgroep, basis: ResidenceBasis | None) -> Reason | None:
    if basis is None or basis in (ResidenceBasis.EU_FAMILIELID, ResidenceBasis.TIJDELIJK_DOEL):
        return None
    if EXPECTED_BASIS[doelgroep] is basis:
        return None
    return Reason(
        "residence_basis_doelgroep",
        N_(
            "De verblijfsgrond ({basis}) past niet bij de doelgroep ({doelgroep}): "
            "controleer beide. De PIP-termijn van een statushouder telt anders "
            "(Besluit art. 5.3 lid 1)."
        ),
        {
            "basis": DutchTerm(basis.value, "residence_basis", basis.value),
            "doelgroep": DutchTerm(doelgroep.value, "doelgroep", doelgroep.value),
        },
    )


def _deadline_warnings(dates: CaseDates, deadlines: Deadlines) -> list[Reason]:
    wait = dates.wachten_op_derde
    if wait is None:
        return []
    params = {"reden": wait.reden, "sinds": nl_date(wait.sinds), "weeks": str(DERDE_WEEKS)}
    if deadlines.pip_wachten_te_laat:
        return [
            Reason(
                "pip_wachten_te_laat",
                N_(
                    "Het wachten op informatie van een derde ({reden}) begon op {sinds}, na "
                    "de uiterste datum voor het PIP: dat verschuift die datum niet "
                    "(Besluit art. 5.3 lid 2)."
                ),
                params,
            )
        ]
    if deadlines.pip_deadline is None:
        return [
            Reason(
                "pip_deadline_waiting",
                N_(
                    "Het PIP wacht op informatie van een derde ({reden}, gevraagd op "
                    "{sinds}): stel het PIP vast binnen {weeks} weken na ontvangst "
                    "(Besluit art. 5.3 lid 2)."
                ),
                params,
            )
        ]
    return []


def _kennisgeving_warning(
    plicht: PlichtCheck, doelgroep: Doelgroep, dates: CaseDates
) -> Reason | None:
    if plicht.plichtig or dates.duo_kennisgeving is None:
        return None
    would_be = compute_deadlines(doelgroep, dates, plichtig=True).pip_deadline
    params = {"kennisgeving": nl_date(dates.duo_kennisgeving)}
    if would_be is None:
        text = N_(
            "DUO gaf op {kennisgeving} kennis van een inburgeringsplicht, maar volgens de "
            "vastgelegde gegevens is deze persoon niet inburgeringsplichtig. Controleer de "
            "gegevens en vraag DUO om uitsluitsel."
        )
    else:
        text = N_(
            "DUO gaf op {kennisgeving} kennis van een inburgeringsplicht, maar volgens de "
            "vastgelegde gegevens is deze persoon niet inburgeringsplichtig. Controleer de "
            "gegevens en vraag DUO om uitsluitsel: geldt de plicht toch, dan moet het PIP "
            "uiterlijk op {pip_deadline} zijn vastgesteld (Besluit art. 5.3 lid 1)."
        )
        params["pip_deadline"] = nl_date(would_be)
    return Reason("kennisgeving_niet_plichtig", text, params)


def evaluate(
    person: Inburgeraar,
    doelgroep: Doelgroep,
    dates: CaseDates,
    on: date,
    *,
    exam_passed_on: date | None = None,
) -> Evaluation:
    """The rules on one case on day ``on`` (``dates.pip_date``: the first PIP's date)."""
    plicht = check_plicht(
        person.date_of_birth,
        person.nationality,
        on,
        residence_basis=person.residence_basis,
        permit_since=person.permit_since,
    )
    deadlines = compute_deadlines(doelgroep, dates, exam_passed_on, plichtig=plicht.plichtig)
    warnings = list(plicht.warnings)
    for extra in (
        _basis_warning(doelgroep, person.residence_basis),
        _aow_warning(plicht, deadlines),
        _kennisgeving_warning(plicht, doelgroep, dates),
    ):
        if extra is not None:
            warnings.append(extra)
    if plicht.plichtig:  # no PIP deadline without a plicht: nothing to wait for
        warnings += _deadline_warnings(dates, deadlines)
    return Evaluation(plicht, deadlines, tuple(warnings))
