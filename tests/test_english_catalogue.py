"""The English UI catalogue speaks one English (usability round 6 finding 19): one agenda
item said "Send the invitation for the brede intake" above "Summon the newcomer for the
broad intake", and "Ontzorgen t/m" was "Fixed costs paid …" beside "End of ontzorgen".

- Each domain term has one rendering (the glossary of ``/work/shared/DOMAIN.md``; where
  the glossary keeps the Dutch word as the term, as for *ontzorgen*, that word): every
  msgstr whose msgid holds the term holds the rendering, and never the Dutch word when it
  has an English one.
- A msgid with an Alt-letter (``&``) has an English msgstr with one too (Qt shows no
  underline and the key does nothing without it).
"""

from __future__ import annotations

import re
from functools import cache

from babel.messages.pofile import read_po

from inburg_desktop.i18n import catalogue_paths

TERMS: tuple[tuple[str, str, str | None], ...] = (
    # (the term in a msgid, as a pattern; its one English rendering; Dutch not to be left)
    (r"\bbrede intake", "broad intake", "brede intake"),
    (r"\binburgeraar", "newcomer", "inburgeraar"),
    (r"\bwarme overdracht", "warm handover", "warme overdracht"),
    (r"voortgangsgesprek", "progress talk", "voortgangsgesprek"),
    (r"\bnazorg", "aftercare", "nazorg"),
    (r"\bbezwaar", "objection", "bezwaar"),
    (r"\bhandhaving", "enforcement", "handhaving"),
    (r"taalaanbieder", "language provider", "taalaanbieder"),
    (r"\bleerroute", "learning route", "leerroute"),
    (r"\bontzorgen\b", "ontzorgen", None),  # kept as the term (glossed once)
    (r"Participatiewet", "Participation Act", "Participatiewet"),
    (r"\bWet inburgering", "Civic Integration Act", "Wet inburgering"),
    (r"\binburgeringsplicht\b", "integration obligation", None),
)

_MNEMONIC = re.compile(r"&[^&\s]")


@cache
def english() -> tuple[tuple[str, str], ...]:
    """(msgid, msgstr) of every translated entry of the English UI catalogue, plural
    forms each on their own."""
    po, _mo = catalogue_paths("ui", "en")
    with po.open("rb") as fh:
        catalog = read_po(fh)
    pairs: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(str(i), str(s)) for i, s in zip(ids, strings, strict=False) if s]
    return tuple(pairs)


def test_every_domain_term_has_one_english_rendering() -> None:
    found: list[str] = []
    for term, rendering, dutch in TERMS:
        for msgid, msgstr in english():
            if not re.search(term, msgid, re.IGNORECASE):
                continue
            if rendering.casefold() not in msgstr.casefold():
                found.append(f"{msgid!r}: no {rendering!r} in {msgstr!r}")
            elif dutch is not None and dutch.casefold() in msgstr.casefold():
                found.append(f"{msgid!r}: Dutch {dutch!r} left in {msgstr!r}")
    assert found == [], "\n".join(found)


def test_a_msgid_with_an_alt_letter_keeps_one_in_english() -> None:
    found = [
        f"{msgid!r} -> {msgstr!r}"
        for msgid, msgstr in english()
        if _MNEMONIC.search(msgid) and not _MNEMONIC.search(msgstr)
    ]
    assert found == [], "\n".join(found)
