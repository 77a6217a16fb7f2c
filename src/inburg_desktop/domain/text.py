"""Marking domain texts for translation without importing the project's i18n.

The domain stays free of project imports; its user-facing sentences are marked with
``N_`` so ``pybabel extract`` finds them, and the UI translates them with ``_()``
before filling the named placeholders.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_decimal as babel_format_decimal


def N_(message: str) -> str:
    """Mark ``message`` for extraction; returns it unchanged."""
    return message


MAX_PLACEHOLDERS = 20
"""Placeholders in one template at most: with each filled value bounded by its field's
rule, the filled text stays within a known size (attack round 6, finding 1)."""


class TemplateInvalid(ValueError):
    """A template that is not plain text with named ``{placeholders}``: broken braces, a
    positional field, a conversion (``{a!r}``), a format spec (``{a:>300000000}``), an
    attribute or index access (``{a.__class__}``, ``{a[0]}``), more than
    :data:`MAX_PLACEHOLDERS` placeholders, or a name the values do not hold."""


@lru_cache(maxsize=4096)
def _parsed(template: str) -> tuple[tuple[str, str | None], ...]:
    # Remembered: the same few dozen msgids are filled for every case the list shows.
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        raise TemplateInvalid("bad braces") from None
    out: list[tuple[str, str | None]] = []
    count = 0
    for literal, name, spec, conversion in parts:
        if name is not None:
            if conversion is not None or spec or not name.isidentifier():
                raise TemplateInvalid("not a plain placeholder")
            count += 1
        out.append((literal, name))
    if count > MAX_PLACEHOLDERS:
        raise TemplateInvalid("too many placeholders")
    return tuple(out)


def template_names(template: str) -> frozenset[str]:
    """The names of ``template``'s ``{placeholders}``, checked without formatting
    anything. Raises :class:`TemplateInvalid` for anything but plain ``{name}`` fields."""
    return frozenset(name for _literal, name in _parsed(template) if name is not None)


def fill_template(template: str, params: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by ``params[name]`` and ``{{``/``}}`` by a
    brace: the one way a sentence from stored or pulled data (a proposal's steps, a
    cached status note, an annex text) is filled. Unlike ``str.format`` it never reads
    attributes or items of a value and never pads: the result is at most the template's
    length plus :data:`MAX_PLACEHOLDERS` values. Raises :class:`TemplateInvalid` (a
    ``ValueError``) for a template :func:`template_names` refuses or a name ``params``
    lacks."""
    out: list[str] = []
    for literal, name in _parsed(template):
        out.append(literal)
        if name is not None:
            try:
                out.append(str(params[name]))
            except KeyError:
                raise TemplateInvalid(f"no value for {{{name}}}") from None
    return "".join(out)


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
        return fill_template(translate(self.text), params)


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
