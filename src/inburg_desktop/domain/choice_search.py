"""Finding one entry of a long list of choices (languages, countries) by what is typed.

Usability round 3: "Arabic" + Tab ticked "Algerian Arabic (arq)" because the list kept
its alphabetical order and the exact "Arabic (ar)" came second; "Tigr" + Down gave Tigre
before Tigrinya. Every search over such a list ranks its matches the same way:

1. **exact**: the typed text is the entry's name or its code ("arabic", "ar");
2. **prefix**: the name begins with it ("arab" -> "Arabic");
3. **word prefix**: each typed word begins a word of the name ("arab" -> "Algerian
   Arabic", "alg ar" -> "Algerian Arabic");
4. **contains**: the name or code holds it anywhere ("rab" -> "Arabic").

Within one rank the entry more common among the app's newcomers goes first (its
``weight``: the prompt languages, in their order), then the name alphabetically. Text is
compared folded (:func:`~inburg_desktop.domain.search_fold.fold`: case, accents and
letters such as Ł or ø), so "Eritrea", "eritrea" and "ERITREA" are the same, and "Curacao"
finds "Curaçao".

:func:`resolve` is what a field does with typed text it is left with (Tab, focus out): an
exact match, or else the one entry that matches at all, is the choice; anything else is
no choice, and the field says so instead of dropping the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from inburg_desktop.domain.search_fold import fold


class Rank(IntEnum):
    """How well an entry matches typed text; lower is better."""

    EXACT = 0
    PREFIX = 1
    WORD_PREFIX = 2
    CONTAINS = 3


@dataclass(frozen=True)
class Choice:
    """One entry: ``code`` (item data, e.g. ``"ar"``, ``"ERI"``), ``name`` as the list
    shows it without the code (``"Arabisch"``), ``weight`` (lower = more common among
    newcomers; ``0`` for the first prompt language) and ``aliases``: other names that find
    it exactly (the English name in a Dutch UI, the own-script name)."""

    code: str
    name: str
    weight: int = 1_000
    aliases: tuple[str, ...] = ()


def rank(query: str, choice: Choice) -> Rank | None:
    """How ``choice`` matches ``query`` (module docstring), or ``None`` for no match.
    An empty query (only spaces or punctuation) matches nothing."""
    wanted = fold(query)
    if not wanted:
        return None
    code = fold(choice.code)
    names = [fold(choice.name), *(fold(alias) for alias in choice.aliases)]
    if wanted in (code, fold(f"{choice.name} ({choice.code})")) or wanted in names:
        return Rank.EXACT
    if any(name.startswith(wanted) for name in names):
        return Rank.PREFIX
    words = wanted.split()
    if any(all(f" {word}" in f" {name}" for word in words) for name in names):
        return Rank.WORD_PREFIX
    if any(wanted in name for name in names) or wanted in code:
        return Rank.CONTAINS
    return None


def ranked(query: str, choices: Iterable[Choice]) -> list[Choice]:
    """The choices that match ``query``, best first: by :class:`Rank`, then ``weight``,
    then name (folded)."""
    found = [(r, choice) for choice in choices if (r := rank(query, choice)) is not None]
    return [
        choice
        for _rank, choice in sorted(
            found, key=lambda pair: (pair[0], pair[1].weight, fold(pair[1].name))
        )
    ]


def resolve(query: str, choices: Sequence[Choice]) -> Choice | None:
    """The one choice typed text stands for, or ``None``: an exact match (the best
    weighted when several names are the same), else the only entry that matches at all."""
    exact = [choice for choice in choices if rank(query, choice) is Rank.EXACT]
    if exact:
        return min(exact, key=lambda choice: choice.weight)
    matching = [choice for choice in choices if rank(query, choice) is not None]
    return matching[0] if len(matching) == 1 else None
