"""The line "the PIP is set late" in the confirmation (usability round 7, finding 4): its
inputs are the case's deadlines (``deadlines.compute_deadlines``, Besluit art. 5.3), the
dagtekening and whether it amends a PIP in force."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from inburg_desktop.domain.deadlines import Deadlines
from inburg_desktop.domain.pip_confirmation import SET_LATE, late_setting

DUE = date(2026, 11, 5)
BASE = Deadlines(
    pip_deadline=DUE,
    pip_deadline_provisional=False,
    termijn_start=None,
    termijn_end=None,
    route_switch_until=None,
    ontzorgen_until=None,
    nazorg_contact=None,
    pip_deadline_basis="duo_kennisgeving",
)
LID1 = "Het PIP had uiterlijk 5 november 2026 vastgesteld moeten zijn (Besluit art. 5.3 lid 1)"


@pytest.mark.parametrize(
    ("deadlines", "on", "amendment", "expected"),
    [
        (BASE, date(2026, 11, 30), False, f"{LID1}; u stelt het 25 dagen te laat vast."),
        (BASE, date(2026, 11, 6), False, f"{LID1}; u stelt het 1 dag te laat vast."),
        (BASE, DUE, False, None),  # on the last day itself: in time
        (BASE, date(2026, 10, 1), False, None),
        (BASE, date(2026, 11, 30), True, None),  # an amendment has no such term (lid 6)
        (replace(BASE, pip_deadline_provisional=True), date(2026, 11, 30), False, None),
        (replace(BASE, niet_plichtig=True), date(2026, 11, 30), False, None),
        (
            replace(BASE, pip_deadline=None, pip_deadline_basis="wachten_op_derde"),
            date(2026, 11, 30),
            False,
            None,
        ),
        (
            replace(BASE, pip_deadline_basis="brp_registration"),
            date(2026, 11, 30),
            False,
            f"{LID1}; u stelt het 25 dagen te laat vast.",
        ),
        (
            replace(BASE, pip_deadline_basis="brp_after_move"),
            date(2026, 11, 30),
            False,
            "Het PIP had uiterlijk 5 november 2026 vastgesteld moeten zijn (Besluit art. 5.3 "
            "lid 3); u stelt het 25 dagen te laat vast.",
        ),
        (
            replace(BASE, pip_deadline_basis="wachten_op_derde"),
            date(2027, 11, 5),
            False,
            "Het PIP had uiterlijk 5 november 2026 vastgesteld moeten zijn (Besluit art. 5.3 "
            "lid 2); u stelt het 365 dagen te laat vast.",
        ),
        (
            replace(BASE, pip_wachten_te_laat=True),
            date(2026, 11, 8),
            False,
            f"{LID1}; u stelt het 3 dagen te laat vast.",
        ),
    ],
)
def test_the_late_line(
    deadlines: Deadlines, on: date, amendment: bool, expected: str | None
) -> None:
    reason = late_setting(deadlines, on, amendment=amendment)
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and reason.code == SET_LATE
        assert reason.render() == expected
