"""The one order of every list of prompt languages: the interpreter view's "Taal", the
PIP editor's "Samenvatting in" (the annex), the "Vragenboekje voor de tolk" menu.

The case's preferred language comes first, marked as such; then every other language
alphabetically by its name in the UI language, compared the way that language sorts
(locale-aware collation: "Ölfan" with the O's, "Łukasz" with the L's, upper and lower
case alike). Each list had its own order before (usability round 6 #4 and #7: the
catalogue's order in one, the preferred language then the catalogue's order in another).

Collation is the caller's: a window hands in its toolkit's collator for the UI language
(``ui.language_order``, Qt's ICU-backed ``QCollator``), since services do not import Qt;
without one, :func:`folded_key` (every letter folded to its ASCII base, then the accents,
then case), which orders Dutch and English names as their collation does.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from anyascii import anyascii

from inburg_desktop.locale_names import language_name, picker_label
from inburg_desktop.prompts.translations import base_language, prompt_language_codes

SortKey = Callable[[str], Any]
"""A collation key for names: ``sorted(names, key=...)`` puts them in the UI's order."""


@dataclass(frozen=True)
class PromptLanguage:
    """One entry of a list of prompt languages.

    ``code``: the gettext code (``"ar"``, ``"prs"``); ``name``: its name in the UI
    language (``"Arabisch"``), what the list is sorted by; ``label``: the name and its own
    name in its own script (``"Arabisch — العربية"``); ``preferred``: the case's preferred
    language (the list's first entry, to be marked as such)."""

    code: str
    name: str
    label: str
    preferred: bool = False


def folded_key(name: str) -> tuple[str, str, str]:
    """A collation key without a collator: letters folded to their ASCII base first (so
    ``"Ölfan"`` sorts between ``"Nederlands"`` and ``"Pools"``, ``"Łukasz"`` with the L's),
    then the accents, then case: Unicode's collation order for Latin names in Dutch and
    English, which tailor none of these letters."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)
    )
    return anyascii(stripped).casefold(), name.casefold(), name


def shipped_code(tag: str | None) -> str | None:
    """The prompt language a case's language tag names (a BCP 47 tag from the handover,
    ``"fa-AF"`` is Dari, ``prs``), or ``None`` when there are no prompts in it."""
    if not tag:
        return None
    lowered = tag.replace("_", "-").lower()
    code = "prs" if lowered in ("fa-af", "prs") else base_language(lowered)
    return code if code in prompt_language_codes() else None


def ordered_prompt_languages(
    codes: Iterable[str],
    ui_language: str,
    preferred: str | None = None,
    sort_key: SortKey = folded_key,
) -> list[PromptLanguage]:
    """``codes`` (prompt language codes, any order, duplicates ignored) in the one order:
    ``preferred`` first (when it is among them, with ``preferred=True``), then the rest
    by :attr:`PromptLanguage.name` in ``ui_language`` (``"nl"``/``"en"``), compared by
    ``sort_key``."""
    seen: dict[str, PromptLanguage] = {}
    for code in codes:
        if code not in seen:
            seen[code] = PromptLanguage(
                code,
                language_name(code, ui_language),
                picker_label(code, ui_language),
                preferred=code == preferred,
            )
    first = [entry for entry in seen.values() if entry.preferred]
    rest = sorted(
        (entry for entry in seen.values() if not entry.preferred),
        key=lambda entry: sort_key(entry.name),
    )
    return first + rest


def first_case_language(case_languages: Sequence[str], preferred: str | None = None) -> str | None:
    """The prompt language to show a case's questions in first (a code): the preferred
    language (a tag) when there are prompts in it, else the first of the newcomer's other
    languages (tags) that has them; ``None`` when none has."""
    for tag in (preferred, *case_languages):
        code = shipped_code(tag)
        if code is not None:
            return code
    return None
