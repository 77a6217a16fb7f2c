"""The retry policy (``sync/backoff.py``): exponential ceiling, full jitter, a cap."""

from __future__ import annotations

import random

import pytest

from inburg_desktop.sync.backoff import Backoff


def test_the_ceiling_doubles_then_stays_at_the_cap() -> None:
    policy = Backoff(base=0.5, cap=30.0)
    assert [policy.ceiling(n) for n in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
    assert policy.ceiling(10_000) == 30.0  # no overflow however long the office is away


def test_a_delay_is_uniform_between_zero_and_the_ceiling() -> None:
    policy = Backoff()
    source = random.Random(7)
    delays = [policy.delay(3, source.random) for _ in range(2000)]
    assert all(0 <= d < policy.ceiling(3) for d in delays)
    # Full jitter: the whole window is used, not a band around a fixed value.
    assert min(delays) < 0.1 * policy.ceiling(3) and max(delays) > 0.9 * policy.ceiling(3)


@pytest.mark.parametrize(("base", "cap"), [(0.0, 1.0), (-1.0, 1.0), (2.0, 1.0)])
def test_a_policy_that_cannot_wait_is_refused(base: float, cap: float) -> None:
    with pytest.raises(ValueError):
        Backoff(base=base, cap=cap)
