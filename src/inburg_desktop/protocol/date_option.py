"""The one rule for a date typed as a command-line option, in ``inburg`` and
``inburg-office`` alike.

A consultant or office clerk types a date on the command line as on paper:
``30-11-2026``, ``30 november 2026`` or ``2026-11-30`` (usability round 9 #14: ``inburg
agenda --on 11-05-2026`` was accepted, ``inburg-office duo export --on 30-11-2026``
refused). Every date option of both programs reads its text with
``domain.typed_date.read_typed_date``, the parser of every date field of the app (day
first, the Dutch order; ISO ``JJJJ-MM-DD`` too; a two-digit year, an ambiguous or
non-existent date and digits of another script refused), through :func:`date_option`.
A test walks the options of both programs and keeps it so.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date

from inburg_desktop.domain.typed_date import DateTypedRefused, read_typed_date
from inburg_desktop.protocol.field_rules import shown

LAST_OPTION_YEAR = date.max.year
"""A command's day may lie past the handover format's 2100: ``purge --dry-run --on``
looks ahead to when a 50-year term ends (Besluit art. 9.9); a later day than a command
allows is its own refusal ("na vandaag"), not "no date"."""
EXAMPLE = "30-11-2026"
"""The example the refusals give (day first, as the options' help texts show)."""


def generic_words(text: str, refused: DateTypedRefused) -> str:
    """The office's sentence for a refused date (the server has no message catalogue):
    the text as typed and the two forms that are read."""
    del refused  # one sentence for every reason: the forms to type are the remedy
    return (
        f"'{shown(text, 20)}' is geen datum die te lezen is; typ DD-MM-JJJJ of JJJJ-MM-DD, "
        f"zoals {EXAMPLE} of 2026-11-30"
    )


Words = Callable[[str, DateTypedRefused], str]


def date_option(text: str, words: Words = generic_words) -> date:
    """An argparse ``type``: ``text`` (``"30-11-2026"``, ``"2026-11-30"``, ``"30 nov
    2026"``) as a date from 1900 to :data:`LAST_OPTION_YEAR` (``domain.typed_date``). Raises
    ``argparse.ArgumentTypeError`` (argparse then exits 2, printing the sentence) with
    ``words(text, refusal)`` for a text that is not exactly one existing date, and for
    empty text."""
    try:
        day = read_typed_date(text, last_year=LAST_OPTION_YEAR)
    except DateTypedRefused as exc:
        raise argparse.ArgumentTypeError(words(text, exc)) from None
    if day is None:
        raise argparse.ArgumentTypeError(f"geef een datum, bijvoorbeeld {EXAMPLE}")
    return day
