"""Choosing a text size that fits: the largest scale, up to the one asked for, at which
text laid out at that scale fits the room it has.

Pure arithmetic over a measuring function, so windows of any kind can use it (the
interpreter view does) and it is tested without a screen.
"""

from __future__ import annotations

from collections.abc import Callable

STEPS = 14
"""Bisection steps: the chosen scale is within (high − low) / 2**14 of the best one."""


def fit_scale(height_at: Callable[[float], float], room: float, low: float, high: float) -> float:
    """The largest scale in ``[low, high]`` whose laid-out height ``height_at(scale)``
    (pixels) is at most ``room`` (pixels); ``high`` when that fits, ``low`` when nothing
    does (the caller then scrolls). ``height_at`` must grow with the scale, as text does.
    """
    if low >= high or height_at(high) <= room:
        return high
    if height_at(low) > room:
        return low
    fits, too_big = low, high
    for _step in range(STEPS):
        middle = (fits + too_big) / 2
        if height_at(middle) <= room:
            fits = middle
        else:
            too_big = middle
    return fits
