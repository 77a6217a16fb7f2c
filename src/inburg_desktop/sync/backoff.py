"""How long the sync client waits before it tries a failed request again.

Exponential backoff with full jitter: before retry ``n`` (0 for the first) the client
waits a uniformly random time between 0 and ``min(cap, base * 2**n)`` seconds. The growing
ceiling gives an office that is restarting or overloaded room to recover; the randomness
spreads the retries of many laptops that failed together (an office restart, a network
blip at 9:00), instead of all of them retrying in the same instant again. This is the
"Full Jitter" strategy of Marc Brooker, "Exponential Backoff And Jitter" (AWS Architecture
Blog, 2015), which keeps both the total work and the completion time low.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Backoff:
    """``base`` and ``cap`` in seconds; ``base > 0``, ``cap >= base``."""

    base: float = 0.5
    cap: float = 30.0

    def __post_init__(self) -> None:
        if not 0 < self.base <= self.cap:
            raise ValueError("backoff needs 0 < base <= cap")

    def ceiling(self, retry: int) -> float:
        """The longest wait before retry ``retry`` (0-based), in seconds."""
        # min() before the power would overflow: 2**retry grows without bound.
        return self.cap if retry >= 64 else min(self.cap, self.base * 2**retry)

    def delay(self, retry: int, random: Callable[[], float]) -> float:
        """The wait before retry ``retry``: ``random()`` (in [0, 1)) times the ceiling."""
        return random() * self.ceiling(retry)
