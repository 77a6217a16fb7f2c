"""Marking domain texts for translation without importing the project's i18n.

The domain stays free of project imports; its user-facing sentences are marked with
``N_`` so ``pybabel extract`` finds them, and the UI translates them with ``_()``
before filling the named placeholders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def N_(message: str) -> str:
    """Mark ``message`` for extraction; returns it unchanged."""
    return message


@dataclass(frozen=True)
class Reason:
    """One reason behind a domain outcome: a stable code plus a translatable sentence.

    ``text`` is a Dutch msgid with named ``{placeholders}`` filled from ``params``.
    """

    code: str
    text: str
    params: Mapping[str, str] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] = N_) -> str:
        return translate(self.text).format(**self.params)


def nl_date(day: date) -> str:
    """A date in the Dutch of a decision: "12 november 2027" (Babel's ``d MMMM y``)."""
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"
