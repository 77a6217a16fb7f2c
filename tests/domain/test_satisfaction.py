"""The satisfaction question about MAP, PVT and begeleiding (DOMAIN.md "Monitoring")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from inburg_desktop.domain.satisfaction import (
    Antwoord,
    Onderwerp,
    Tevredenheid,
    laatste_per_onderwerp,
    samenvatten,
)

D = date.fromisoformat
T = Tevredenheid


def test_scale_codes_are_stable() -> None:
    """Stored and synced: renaming a code would orphan every recorded answer."""
    assert [t.value for t in Tevredenheid] == [
        "zeer_ontevreden", "ontevreden", "neutraal", "tevreden", "zeer_tevreden",
        "niet_van_toepassing", "geen_antwoord",
    ]  # fmt: skip
    assert [o.value for o in Onderwerp] == ["map", "pvt", "begeleiding"]
    assert [t.score for t in Tevredenheid] == [1, 2, 3, 4, 5, None, None]


AVERAGES = [
    # (answers about MAP, average)
    ([T.TEVREDEN, T.ZEER_TEVREDEN], Decimal("4.50")),
    ([T.TEVREDEN, T.TEVREDEN, T.ONTEVREDEN], Decimal("3.33")),
    ([T.ZEER_TEVREDEN, T.TEVREDEN, T.TEVREDEN], Decimal("4.33")),
    ([T.NEUTRAAL, T.TEVREDEN, T.TEVREDEN, T.TEVREDEN, T.TEVREDEN, T.TEVREDEN], Decimal("3.83")),
    ([T.TEVREDEN, T.NIET_VAN_TOEPASSING, T.GEEN_ANTWOORD], Decimal("4.00")),
    ([T.NIET_VAN_TOEPASSING], None),
    ([], None),
]


@pytest.mark.parametrize(("answers", "average"), AVERAGES)
def test_average_leaves_out_no_opinion(
    answers: list[Tevredenheid], average: Decimal | None
) -> None:
    rows = [Antwoord(Onderwerp.MAP, t, D("2026-07-01")) for t in answers]
    summary = {s.onderwerp: s for s in samenvatten(rows)}
    assert summary[Onderwerp.MAP].gemiddelde == average
    assert summary[Onderwerp.MAP].met_oordeel == sum(1 for t in answers if t.score is not None)
    assert summary[Onderwerp.PVT].gemiddelde is None
    assert sum(n for _, n in summary[Onderwerp.MAP].aantallen) == len(answers)


def test_the_latest_answer_per_subject_counts_for_a_person() -> None:
    answers = [
        Antwoord(Onderwerp.PVT, T.ONTEVREDEN, D("2026-07-01")),
        Antwoord(Onderwerp.PVT, T.TEVREDEN, D("2026-10-01")),
        Antwoord(Onderwerp.BEGELEIDING, T.NEUTRAAL, D("2026-07-01")),
    ]
    latest = laatste_per_onderwerp(answers)
    assert latest[Onderwerp.PVT].tevredenheid is T.TEVREDEN
    assert latest[Onderwerp.BEGELEIDING].tevredenheid is T.NEUTRAAL
    assert Onderwerp.MAP not in latest
