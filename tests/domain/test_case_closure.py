"""How a case is closed and reopened (domain/case_closure.py; usability round 9, #20).

Sources: DOMAIN.md "Who is plichtig" and "The law" (Wet art. 3, 7: what ends the plicht;
Besluit art. 5.3 lid 3: a move to another municipality ends nothing, the new one sets the
PIP; Besluit art. 9.9: the terms count from the recorded end).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inburg_desktop.domain.case_closure import (
    HEROPEN_PATCH,
    REDEN_WOORDEN,
    afsluiting,
    heropen_probleem,
    reden_van,
    sluit_patch,
    sluit_probleem,
)
from inburg_desktop.domain.retention import MAX_GRACE_DAYS, PlichtEinde

TODAY = date(2026, 12, 1)
CASE = {"person.date_of_birth": "1990-04-02", "dates.brp_registration": "2024-03-01"}

REDENEN = [
    # (typed, reason, source)
    ("voldaan", PlichtEinde.VOLDAAN, "Wet art. 7: examen of eindgesprek"),
    ("Ontheffing", PlichtEinde.ONTHEFFING, "DUO: ontheffing of vrijstelling"),
    ("aow-leeftijd", PlichtEinde.AOW_LEEFTIJD, "Wet art. 3"),
    ("vertrek", PlichtEinde.VERTREK, "Wet art. 3: geen rechtmatig verblijf hier"),
    ("naturalisatie", PlichtEinde.NATURALISATIE, "Wet art. 3: geen vreemdeling meer"),
    ("overlijden", PlichtEinde.OVERLIJDEN, "Besluit art. 9.9"),
    ("niet plichtig", PlichtEinde.NIET_PLICHTIG, "Wet art. 3-5"),
]


@pytest.mark.parametrize(("typed", "reden", "source"), REDENEN)
def test_every_end_of_the_plicht_the_law_knows_can_be_typed(
    typed: str, reden: PlichtEinde, source: str
) -> None:
    assert reden_van(typed) is reden, source
    assert REDEN_WOORDEN[reden]


@pytest.mark.parametrize(
    ("typed", "code"), [("verhuizing", "sluit_verhuizing"), ("x", "sluit_reden_onbekend")]
)
def test_a_move_within_the_netherlands_is_no_end_of_the_plicht(typed: str, code: str) -> None:
    # Besluit art. 5.3 lid 3: the new municipality sets the PIP; the plicht goes on
    with pytest.raises(ValueError, match=code):
        reden_van(typed)


SLUIT = [
    # (day, problem, why)
    (date(2026, 11, 30), None, "an end that happened"),
    (TODAY, None, "today"),
    (TODAY + timedelta(days=1), "retentie_toekomst", "Besluit art. 9.9: recorded once it happened"),
    (date(2024, 2, 29), "retentie_voor_brp", "before the registration the case is about"),
    (date(1989, 1, 1), "retentie_voor_geboorte", "before the date of birth"),
]


@pytest.mark.parametrize(("day", "problem", "why"), SLUIT)
def test_closing_is_held_to_the_rule_of_every_retention_fact(
    day: date, problem: str | None, why: str
) -> None:
    assert sluit_probleem(CASE, PlichtEinde.VOLDAAN, day, TODAY) == problem, why


def test_a_closed_case_reads_as_closed_and_reopening_clears_it() -> None:
    closed = {**CASE, **sluit_patch(PlichtEinde.VERTREK, date(2026, 11, 2))}
    found = afsluiting(closed)
    assert found is not None
    assert (found.op, found.reden) == (date(2026, 11, 2), PlichtEinde.VERTREK)
    text = found.reason.render()
    assert "2 november 2026" in text and "vertrokken uit Nederland" in text
    assert afsluiting({**closed, **HEROPEN_PATCH}) is None
    assert afsluiting(CASE) is None
    assert afsluiting({**closed, "uitkomst.plicht_einde_reden": "geslaagd"}) is None


HEROPEN = [
    # (recorded at the office, problem)
    (TODAY, None),
    (TODAY - timedelta(days=MAX_GRACE_DAYS), None),
    (TODAY - timedelta(days=MAX_GRACE_DAYS + 1), "heropen_te_laat"),
]


@pytest.mark.parametrize(("recorded", "problem"), HEROPEN)
def test_reopening_is_for_a_mistake_within_the_longest_grace_period(
    recorded: date, problem: str | None
) -> None:
    closed = {**CASE, **sluit_patch(PlichtEinde.VOLDAAN, date(2026, 11, 2))}
    assert heropen_probleem(closed, recorded, TODAY) == problem
    assert heropen_probleem(CASE, recorded, TODAY) == "heropen_niet_gesloten"
