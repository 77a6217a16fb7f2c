"""The short satisfaction question at each voortgangsgesprek: MAP, PVT and begeleiding.

DOMAIN.md "Monitoring the municipality wants": satisfaction with MAP, PVT and
maatschappelijke begeleiding. At each talk the newcomer answers one question per subject
on a five-point scale, or says it does not apply or gives no answer; the question texts
live in the prompt catalogue (in the newcomer's language), this module holds only the
stable codes and the sums the office report needs. Answers stay with the case; nothing
here names a person.

The scale's codes are stable (stored, synced and counted); its numbers 1–5 exist only
for the average, which leaves out "niet van toepassing" and "geen antwoord".
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


class Onderwerp(enum.StrEnum):
    MAP = "map"
    PVT = "pvt"
    BEGELEIDING = "begeleiding"  # maatschappelijke begeleiding (Wet art. 13)


class Tevredenheid(enum.StrEnum):
    ZEER_ONTEVREDEN = "zeer_ontevreden"
    ONTEVREDEN = "ontevreden"
    NEUTRAAL = "neutraal"
    TEVREDEN = "tevreden"
    ZEER_TEVREDEN = "zeer_tevreden"
    NIET_VAN_TOEPASSING = "niet_van_toepassing"
    GEEN_ANTWOORD = "geen_antwoord"

    @property
    def score(self) -> int | None:
        """1 (zeer ontevreden) to 5 (zeer tevreden); ``None`` when it is no opinion."""
        return _SCORES.get(self)


_SCORES = {
    Tevredenheid.ZEER_ONTEVREDEN: 1,
    Tevredenheid.ONTEVREDEN: 2,
    Tevredenheid.NEUTRAAL: 3,
    Tevredenheid.TEVREDEN: 4,
    Tevredenheid.ZEER_TEVREDEN: 5,
}


@dataclass(frozen=True)
class Antwoord:
    """One answer, given at the talk of ``gesprek_op``."""

    onderwerp: Onderwerp
    tevredenheid: Tevredenheid
    gesprek_op: date


@dataclass(frozen=True)
class Samenvatting:
    """Counts per scale code and the average score (two decimals, half up) of one
    subject; ``gemiddelde`` is ``None`` without any opinion."""

    onderwerp: Onderwerp
    aantallen: tuple[tuple[Tevredenheid, int], ...]
    gemiddelde: Decimal | None

    @property
    def met_oordeel(self) -> int:
        return sum(n for t, n in self.aantallen if t.score is not None)


def laatste_per_onderwerp(antwoorden: Iterable[Antwoord]) -> dict[Onderwerp, Antwoord]:
    """One case's most recent answer per subject (the office report counts people, not
    talks: someone asked at eight talks is one voice)."""
    latest: dict[Onderwerp, Antwoord] = {}
    for answer in antwoorden:
        known = latest.get(answer.onderwerp)
        if known is None or answer.gesprek_op >= known.gesprek_op:
            latest[answer.onderwerp] = answer
    return latest


def samenvatten(antwoorden: Iterable[Antwoord]) -> tuple[Samenvatting, ...]:
    """Per subject, in :class:`Onderwerp` order: counts per code (every code listed, 0
    included) and the average of the scores."""
    counts = {(o, t): 0 for o in Onderwerp for t in Tevredenheid}
    for answer in antwoorden:
        counts[(answer.onderwerp, answer.tevredenheid)] += 1
    out: list[Samenvatting] = []
    for subject in Onderwerp:
        rows = tuple((t, counts[(subject, t)]) for t in Tevredenheid)
        scored = [(t.score, n) for t, n in rows if t.score is not None and n]
        total = sum(n for _, n in scored)
        average: Decimal | None = None
        if total:
            exact = Decimal(sum(s * n for s, n in scored)) / Decimal(total)
            average = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        out.append(Samenvatting(subject, rows, average))
    return tuple(out)
