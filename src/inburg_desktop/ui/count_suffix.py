"""A number field's unit that agrees with its number: "1 hour per week", "2 hours per
week" (English), "1 minuut", "2 minuten" (Dutch).

A ``QSpinBox`` suffix is one fixed text, so a translated plural (" hours per week")
read "1 hours per week" in the English UI (usability round 3). The suffix is given as a
function of the count, normally an ``ngettext`` call, and set again on every change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QSpinBox


def follow_count(spin: QSpinBox, suffix: Callable[[int], str]) -> None:
    """Give ``spin`` the suffix ``suffix(value)`` now and after every change of its value
    (typed, stepped or set by code)."""
    spin.setSuffix(suffix(spin.value()))
    spin.valueChanged.connect(lambda value: spin.setSuffix(suffix(value)))
