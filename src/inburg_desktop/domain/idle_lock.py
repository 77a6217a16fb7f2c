"""The idle lock: how long the app may stay unlocked without input.

The office may set a maximum for every laptop (``inburg-office setting
setting.idle_lock_minutes 5``): an organisational security measure under AVG art. 32
(BIO 9.4: sessions locked after inactivity). The consultant's own choice can only make it
shorter, never longer.
"""

from __future__ import annotations

import math
from typing import Any

OFFICE_SETTING = "setting.idle_lock_minutes"
"""The key the office publishes the maximum under (minutes, a number)."""

MIN_MINUTES = 1.0
MAX_MINUTES = 24 * 60.0


class IdleLockError(ValueError):
    """An idle-lock value that is not a number of minutes in range."""


def minutes_value(value: Any) -> float:
    """``value`` as minutes in ``[MIN_MINUTES, MAX_MINUTES]``; :class:`IdleLockError`
    otherwise (a bool, a string, NaN, 0, a negative number or more than a day)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise IdleLockError("not a number")
    minutes = float(value)
    if not math.isfinite(minutes) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise IdleLockError("out of range")
    return minutes


def effective_minutes(local: float, office_maximum: float | None) -> float:
    """The stricter of the consultant's choice and the office's maximum, in minutes."""
    if office_maximum is None:
        return local
    return min(local, office_maximum)
