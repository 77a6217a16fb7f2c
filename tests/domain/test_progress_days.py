"""Progress is dated between the BRP registration and today (``progress_fields.day_problem``,
one rule for the laptop's use cases and the office; attack round 9, finding 7): nothing of
the inburgering happens before the BRP registration (Wet inburgering 2021 art. 14 lid 1),
and progress is recorded once it took place."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from inburg_desktop.domain.progress_fields import (
    PVT_ONDERTEKEND,
    Z_EINDGESPREK,
    day_problem,
    day_refusal,
    thema_key,
    uren_key,
    uren_value,
    value_days,
)
from inburg_desktop.domain.voortgang import UrenRegel, UrenSoort

D = date.fromisoformat
BRP, TODAY = D("2026-01-05"), D("2026-11-30")


@pytest.mark.parametrize(
    ("day", "slack", "code"),
    [
        ("2026-01-05", 0, None),  # the day of the BRP registration itself
        ("2026-01-04", 0, "voortgangsdata_before_brp"),  # Wet art. 14 lid 1
        ("2026-11-30", 0, None),  # today
        ("2026-12-01", 0, "voortgangsdata_date_future"),
        ("2026-12-01", 1, None),  # the office allows a day for the laptop's clock
        ("2026-12-02", 1, "voortgangsdata_date_future"),
    ],
)
def test_the_day_of_progress_lies_between_brp_and_today(
    day: str, slack: int, code: str | None
) -> None:
    assert day_problem(D(day), BRP, TODAY, slack_days=slack) == code


def test_unknown_bounds_are_not_judged() -> None:
    assert day_problem(D("1990-01-01"), None, None) is None


def hours(van: str, tot: str) -> dict[str, Any]:
    return uren_value(D(van), UrenRegel("Taalhuis", UrenSoort.NT2, D(tot), Decimal(10)))


@pytest.mark.parametrize(
    ("patch", "refused"),
    [
        ({uren_key("a" * 12): hours("2026-02-01", "2026-02-28")}, None),
        (
            {uren_key("a" * 12): hours("2025-12-20", "2026-01-20")},
            (uren_key("a" * 12), "voortgangsdata_before_brp"),
        ),
        (
            {uren_key("b" * 12): hours("2030-01-01", "2030-01-31")},
            (uren_key("b" * 12), "voortgangsdata_date_future"),
        ),
        ({Z_EINDGESPREK: "2027-01-01"}, (Z_EINDGESPREK, "voortgangsdata_date_future")),
        ({thema_key(3): "2025-01-01"}, (thema_key(3), "voortgangsdata_before_brp")),
        ({PVT_ONDERTEKEND: None, uren_key("c" * 12): None}, None),  # clearing is allowed
        ({"person.family_name": "Jansen"}, None),  # another family
    ],
)
def test_a_patch_is_refused_by_its_first_misdated_progress_field(
    patch: dict[str, Any], refused: tuple[str, str] | None
) -> None:
    assert day_refusal(patch, BRP, TODAY) == refused


def test_hours_are_dated_by_both_ends_of_their_period() -> None:
    assert value_days(uren_key("a" * 12), hours("2026-02-01", "2026-02-28")) == (
        ("van", D("2026-02-01")),
        ("tot", D("2026-02-28")),
    )
