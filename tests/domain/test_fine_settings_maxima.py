"""The Besluit's fine amounts are maxima (Besluit inburgering 2021 art. 7.1 lid 1-5): a
municipality's own amounts may be lower, never higher, and the culpability scale of lid 4
never rises as culpability falls (attack round 6, finding 4). A key a newer office adds is
ignored with the known ones kept (finding 17)."""

from __future__ import annotations

from typing import Any

import pytest

from inburg_desktop.domain.fine_settings import parse_fine_settings, read_fine_settings
from inburg_desktop.domain.fines import (
    BESLUIT_AMOUNTS,
    FineInvalid,
    FineSettings,
    Verwijtbaarheid,
)

PCT = {v.value: p for v, p in FineSettings().percentages}


@pytest.mark.parametrize(
    ("value", "code", "field"),
    [
        ({"intake_cents": 250_01}, "fine_settings_above_besluit", "intake_cents"),  # lid 1
        ({"basis_cents": 50_01}, "fine_settings_above_besluit", "basis_cents"),  # lid 2
        ({"maximum_cents": 800_01}, "fine_settings_above_besluit", "maximum_cents"),  # lid 3
        (
            {"totaal_maximum_cents": 2_400_01},
            "fine_settings_above_besluit",
            "totaal_maximum_cents",
        ),
        (
            {"nieuwe_termijn_maxima": [400_01]},  # lid 5, the first new term
            "fine_settings_above_besluit",
            "nieuwe_termijn_maxima[0]",
        ),
        (
            {"nieuwe_termijn_maxima": [400_00, 800_00, 1_200_00, 1_600_00, 1_600_01]},
            "fine_settings_above_besluit",
            "nieuwe_termijn_maxima[4]",
        ),
        (
            {"percentages": {**PCT, "verminderd": 100}},  # lid 4
            "fine_settings_above_besluit",
            "percentages.verminderd",
        ),
        (
            {"percentages": {**PCT, "opzet": 25, "grove_schuld": 50}},  # the scale reversed
            "fine_settings_scale",
            "percentages",
        ),
        (
            {"intake_cents": 1_000_000_00, "basis_cents": 1_000_000_00},  # the round's repro
            "fine_settings_above_besluit",
            "intake_cents",
        ),
    ],
)
def test_above_the_besluit_or_a_rising_scale_is_refused_naming_the_field(
    value: dict[str, Any], code: str, field: str
) -> None:
    with pytest.raises(FineInvalid) as refused:
        parse_fine_settings(value)
    assert (refused.value.code, refused.value.params["field"]) == (code, field)


def test_lower_amounts_and_an_equal_scale_are_taken() -> None:
    own = parse_fine_settings(
        {
            **{name: limit // 2 for name, limit in BESLUIT_AMOUNTS.items()},
            "percentages": {v.value: 25 for v in Verwijtbaarheid},
            "nieuwe_termijn_maxima": [100_00, 100_00, 100_00, 100_00, 100_00, 100_00],
        }
    )
    assert own.intake_cents == 125_00 and own.percentage(Verwijtbaarheid.OPZET) == 25


def test_a_key_a_newer_office_adds_keeps_the_known_ones() -> None:
    settings, ignored = read_fine_settings({"intake_cents": 100_00, "intake_herhaling_cents": 1})
    assert settings.intake_cents == 100_00 and ignored == ("intake_herhaling_cents",)
    with pytest.raises(FineInvalid):  # the office's own command still refuses it
        parse_fine_settings({"intake_cents": 100_00, "intake_herhaling_cents": 1})
    with pytest.raises(FineInvalid):  # a known key that is wrong refuses the whole
        read_fine_settings({"intake_cents": 250_01, "x": 1})
