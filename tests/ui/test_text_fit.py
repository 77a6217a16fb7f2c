"""The largest scale that fits, by bisection over a measuring function."""

from __future__ import annotations

import pytest

from inburg_desktop.ui.text_fit import fit_scale


@pytest.mark.parametrize(
    ("room", "low", "high", "expected"),
    [
        (1000, 0.5, 3.0, 3.0),  # everything fits: the size asked for
        (100, 0.5, 3.0, 0.5),  # nothing fits: the floor (the caller scrolls)
        (300, 0.5, 3.0, 1.5),  # 200 px per unit of scale: 1.5 fits exactly
    ],
)
def test_largest_scale_that_fits(room: float, low: float, high: float, expected: float) -> None:
    found = fit_scale(lambda s: 200 * s, room, low, high)
    assert found == pytest.approx(expected, abs=1e-3)
    assert 200 * found <= room or found == low
