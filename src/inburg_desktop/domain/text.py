"""Marking domain texts for translation without importing the project's i18n.

The domain stays free of project imports; its user-facing sentences are marked with
``N_`` so ``pybabel extract`` finds them, and the UI translates them with ``_()``
before filling the named placeholders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_decimal as babel_format_decimal


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

    @classmethod
    def of(cls, code: str, text: str, **params: object) -> Reason:
        """The one factory: ``params`` as strings (a date already in words; a whole number
        in Dutch digits, "1.200", as the decision the reasons quote writes it)."""
        return cls(code, text, {key: _param_text(value) for key, value in params.items()})

    def render(
        self,
        translate: Callable[[str], str] = N_,
        day_text: Callable[[date], str] | None = None,
        term_text: Callable[[DutchTerm], str] | None = None,
    ) -> str:
        """The sentence in ``translate``'s language. A date given as :func:`nl_date` is in
        the Dutch of the decision unless ``day_text`` words it for the screen (usability
        round 3: "12 november 2027" inside an English sentence); a :class:`DutchTerm` (a
        country's name, a residence basis, a doelgroep) likewise unless ``term_text``
        words it ("the country of nationality is Syrië", usability round 3, finding 13)."""
        params: dict[str, str] = {}
        for key, value in self.params.items():
            if day_text and isinstance(value, DutchDate):
                params[key] = day_text(value.day)
            elif term_text and isinstance(value, DutchTerm):
                params[key] = term_text(value)
            elif isinstance(value, ReasonText):
                params[key] = value.reason.render(translate, day_text, term_text)
            else:
                params[key] = value
        return translate(self.text).format(**params)


class DutchDate(str):
    """:func:`nl_date`'s text that remembers its day, so a screen in another language can
    word the same day its own way (``Reason.render(day_text=...)``)."""

    day: date

    def __new__(cls, day: date) -> DutchDate:
        # Written out rather than through Babel: the rules quote dates in every reason,
        # for every case the list shows, and Babel's pattern machinery costs about 60 µs
        # a date (tests/domain/test_text_dates.py checks the two agree).
        text = super().__new__(cls, f"{day.day} {NL_MONTHS[day.month - 1]} {day.year}")
        text.day = day
        return text


class DutchTerm(str):
    """The Dutch word for a coded value inside a reason ("Syrië" for ``SYR``, "gezin" for
    a residence basis) that remembers its ``kind`` (``"country"``, ``"residence_basis"``,
    ``"doelgroep"``, ``"leerroute"``) and ``code``, so a screen in another language can
    word it its own way (``Reason.render(term_text=...)``; ``formatting.term_text``)."""

    kind: str
    code: str

    def __new__(cls, text: str, kind: str, code: str) -> DutchTerm:
        term = super().__new__(cls, text)
        term.kind, term.code = kind, code
        return term


class ReasonText(str):
    """A reason quoted inside another ("Leg de grond vast voor deze afwijking: {rule}"):
    its Dutch text that remembers the reason, so the outer reason renders it in the same
    language as itself (an English screen showed the quoted rule in Dutch)."""

    reason: Reason

    def __new__(cls, reason: Reason) -> ReasonText:
        text = super().__new__(cls, reason.render())
        text.reason = reason
        return text


def _param_text(value: object) -> str:
    if isinstance(value, ReasonText):
        return value  # kept with the reason it quotes
    if isinstance(value, DutchTerm):
        return value  # kept with its kind and code
    if isinstance(value, DutchDate):
        return value  # kept as the day it words
    if isinstance(value, int) and not isinstance(value, bool):
        return _nl_int(value)
    return str(value)


@lru_cache(maxsize=4096)
def _nl_int(value: int) -> str:
    # Remembered: Babel parses its locale on every call (about 0.1 ms), and the agenda
    # quotes the same few numbers (10 weeks, 6 months, counts) in thousands of reasons.
    return str(babel_format_decimal(value, locale="nl"))


def nl_number(value: Decimal | int, pattern: str = "#,##0.##") -> str:
    """A number in the Dutch of a decision: ``(Decimal("1200"))`` -> ``"1.200"``,
    ``12.5`` -> ``"12,5"`` (CLDR ``pattern``; Dutch whatever the UI language, as
    :func:`nl_date`)."""
    return str(babel_format_decimal(value, format=pattern, locale="nl"))


NL_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
"""CLDR's Dutch month names (``MMMM``, format context), as Babel gives them."""


def nl_date(day: date) -> str:
    """A date in the Dutch of a decision: "12 november 2027" (CLDR's ``d MMMM y``).

    Dutch whatever the UI language: the rules' reasons quote the decision, and the
    administration's language is Dutch (Awb art. 2:6). ``inburg_desktop.formatting`` is
    where the rest of the app formats dates.
    """
    return DutchDate(day)
