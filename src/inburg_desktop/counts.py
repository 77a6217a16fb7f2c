"""Counts as people read them: the right plural ("1 dossier", "2 dossiers", "1 minuut")
and the language's digits ("1.200 uur", "1,6 kB" in Dutch; "1,200 hours", "1.6 kB" in
English).

The plural form comes from the UI catalogue's ``ngettext`` (``i18n``), whose rule for
Dutch, the source language, is CLDR's through Babel; numbers are formatted by Babel in the
UI language. Qt-free: windows, the CLI and the use cases share it.
"""

from __future__ import annotations

from inburg_desktop.formatting import format_number, locale_for
from inburg_desktop.i18n import ngettext

KILOBYTE = 1024


def count(singular: str, plural: str, n: int | float, **params: object) -> str:
    """A translated count sentence: ``{n}`` is the formatted number, other named
    ``params`` are filled as given. ``count("{n} dossier", "{n} dossiers", 1200)`` ->
    ``"1.200 dossiers"``. The msgids are Dutch; the form is chosen by the catalogue's
    plural rule for ``n``."""
    return ngettext(singular, plural, n).format(n=format_number(n), **params)


def format_kilobytes(size_bytes: int) -> str:
    """A size in kB with one decimal, as the UI language writes it: 1638 -> ``"1,6"``
    (the unit is the sentence's: "{kb} kB")."""
    return format_number(round(size_bytes / KILOBYTE, 1))


def dutch_count(singular: str, plural: str, n: int | float, **params: object) -> str:
    """``count`` for the command line, which speaks Dutch whatever the app's language:
    CLDR's Dutch plural rule and Dutch digits, no catalogue (these sentences are not
    translated, so they are not extracted either)."""
    form = singular if _dutch_plural_form(n) == "one" else plural
    return form.format(n=format_number(n, "nl"), **params)


def _dutch_plural_form(n: int | float) -> str:
    return str(locale_for("nl").plural_form(n))
