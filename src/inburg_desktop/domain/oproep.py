"""Oproepen for the brede intake (Wet inburgering 2021 art. 14 lid 1-2): when may the
intake be completed without the person?

The law: the municipality calls the person in for the brede intake with a date (an
*oproep*); when the person does not appear or does not cooperate, a written warning follows
with a new oproep and date; after three oproepen the intake is completed without them.
Every oproep is recorded.

Rule as implemented, over the oproepen in date order:

- an oproep is *without result* when its outcome is ``niet_verschenen`` or
  ``niet_meegewerkt``; ``verschenen`` ends a run (the person took part, the count starts
  again); an oproep without an outcome yet (the date has not come) counts for nothing;
- after ``THRESHOLD`` (3) oproepen without result in a row, the intake may be completed
  without the person (``may_complete_without_person``);
- before that, the last oproep without result asks for the next step: a written warning
  when none was sent for it, otherwise a new oproep with a new date.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from inburg_desktop.domain.text import N_, Reason

THRESHOLD = 3  # Wet art. 14 lid 2: "na drie oproepen"


class OproepUitkomst(enum.StrEnum):
    VERSCHENEN = "verschenen"
    NIET_VERSCHENEN = "niet_verschenen"
    NIET_MEEGEWERKT = "niet_meegewerkt"


WITHOUT_RESULT = frozenset({OproepUitkomst.NIET_VERSCHENEN, OproepUitkomst.NIET_MEEGEWERKT})


@dataclass(frozen=True)
class Oproep:
    """One invitation: its date, the term it sets, what happened and whether a warning went."""

    datum: date
    termijn: date | None = None
    uitkomst: OproepUitkomst | None = None
    waarschuwing_verstuurd: bool = False

    @property
    def without_result(self) -> bool:
        return self.uitkomst in WITHOUT_RESULT


@dataclass(frozen=True)
class OproepStatus:
    total: int
    without_result_in_a_row: int
    may_complete_without_person: bool
    advice: Reason | None


NOT_PLICHTIG = Reason(
    "oproep_niet_plichtig",
    N_(
        "Volgens de vastgelegde gegevens is deze persoon niet inburgeringsplichtig: de "
        "oproep met schriftelijke waarschuwing en het afronden van de brede intake zonder "
        "de persoon (Wet art. 14 lid 1 en 2) gelden alleen voor een inburgeringsplichtige."
    ),
)


def oproep_status(oproepen: Iterable[Oproep], *, plichtig: bool) -> OproepStatus:
    """Apply the rule in the module docstring.

    ``plichtig``: what the data say about the plicht (``plicht.check_plicht``). Wet art. 14
    calls in the inburgeringsplichtige; for someone not plichtig nothing follows from
    oproepen without result (no warning, no completing without them, no fine under Besluit
    art. 7.1): the advice says so and ``may_complete_without_person`` stays False.
    """
    status = _status(sorted(oproepen, key=lambda o: o.datum))
    if plichtig:
        return status
    return OproepStatus(status.total, status.without_result_in_a_row, False, NOT_PLICHTIG)


def _status(ordered: list[Oproep]) -> OproepStatus:
    run = 0
    last_counted: Oproep | None = None
    for oproep in ordered:
        if oproep.uitkomst is OproepUitkomst.VERSCHENEN:
            run, last_counted = 0, None
        elif oproep.without_result:
            run += 1
            last_counted = oproep
    may_complete = run >= THRESHOLD
    advice: Reason | None = None
    if may_complete:
        advice = Reason(
            "complete_without_person",
            N_(
                "Na {count} oproepen zonder resultaat mag de brede intake zonder de "
                "inburgeraar worden afgerond (Wet art. 14 lid 2)."
            ),
            {"count": str(run)},
        )
    elif last_counted is not None and ordered[-1] is last_counted:
        if not last_counted.waarschuwing_verstuurd:
            advice = Reason(
                "send_warning",
                N_(
                    "Stuur een schriftelijke waarschuwing met een nieuwe oproep en datum "
                    "(Wet art. 14 lid 2)."
                ),
            )
        else:
            advice = Reason(
                "new_oproep",
                N_("Leg de nieuwe oproep met datum vast ({count} van {threshold})."),
                {"count": str(run + 1), "threshold": str(THRESHOLD)},
            )
    return OproepStatus(len(ordered), run, may_complete, advice)
