"""Reasons that cite the article they apply, and the Dutch numbers they quote.

The rules after the PIP (fines, voortgang, aftercare, agenda) give every outcome as a
:class:`~inburg_desktop.domain.text.Reason` whose ``params["artikel"]`` names the article
and lid ("Besluit art. 7.1 lid 3"), so a decision letter or the agenda can print it apart
from the sentence, and the sentence quotes it as ``({artikel})``. Amounts and hours in
those sentences are Dutch (CLDR ``nl``) whatever the UI language, like the dates
(``text.nl_date``): they quote a decision, and the administration's language is Dutch
(Awb art. 2:6).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from inburg_desktop.domain.text import Reason, nl_date, nl_number


def cited(code: str, text: str, artikel: str | None, **params: object) -> Reason:
    """``Reason.of`` plus ``artikel`` in the params when the rule has one."""
    if artikel is None:
        return Reason.of(code, text, **params)
    return Reason.of(code, text, artikel=artikel, **params)


def nl_euro(cents: int) -> str:
    """An amount in whole cents as in a Dutch decision: 250_00 → "€ 250", 37_50 →
    "€ 37,50", 2_400_00 → "€ 2.400" (cents only when there are any)."""
    amount = Decimal(cents) / 100
    pattern = "#,##0" if cents % 100 == 0 else "#,##0.00"
    return f"€ {nl_number(amount, pattern)}"


def nl_hours(hours: Decimal) -> str:
    """Hours as in Dutch text, at most two decimals: 10.5 → "10,5", 1200 → "1.200"."""
    return nl_number(hours)


@lru_cache(maxsize=8192)
def nl_day(day: date) -> str:
    """:func:`text.nl_date`, remembered: the agenda quotes a date in thousands of reasons
    per run and CLDR formatting costs microseconds each; a date's words never change."""
    return nl_date(day)
