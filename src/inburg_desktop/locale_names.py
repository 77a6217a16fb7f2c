"""Language names in the UI language and in their own script, through Babel (CLDR); Qt-free.

Pickers show a language by its name in the UI language and by its own name in its own
script, so both the consultant and the newcomer recognise it: "Arabisch — العربية",
"Tigrinya — ትግርኛ". Gettext codes CLDR does not know (``prs`` for Dari) are mapped to
their CLDR locale (``fa_AF``). Dates and numbers are ``inburg_desktop.formatting``'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from inburg_desktop.formatting import locale_for as _locale
from inburg_desktop.prompts.translations import (
    PROMPT_LANGUAGES,
    babel_locale_id,
    base_language,
)

SEPARATOR = " — "

# CLDR names a macro-language where the consultant needs the variety.
_VARIETY = {"ku": "Kurmanji", "fa": "Farsi"}
_ENDONYMS = {lang.code: lang.endonym for lang in PROMPT_LANGUAGES}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def language_name(code: str, ui_language: str = "nl") -> str:
    """The name of ``code`` in the UI language: ``("ar", "nl")`` -> ``"Arabisch"``."""
    names = _locale(ui_language).languages
    name = names.get(code) or names.get(babel_locale_id(code)) or names.get(base_language(code))
    if name is None:
        return code
    variety = _VARIETY.get(code)
    if variety and variety.lower() not in name.lower():
        name = f"{name} ({variety})"
    return _capitalised(name)


def endonym(code: str) -> str:
    """The language's own name in its own script: ``"ti"`` -> ``"ትግርኛ"``."""
    known = _ENDONYMS.get(code)
    if known is not None:
        return known
    locale = _locale(code)
    own = locale.languages.get(str(locale)) or locale.get_language_name(locale) or code
    return _capitalised(own)


def picker_label(code: str, ui_language: str = "nl") -> str:
    """``"Arabisch — العربية"``; just the name when both are the same (Nederlands in nl)."""
    name = language_name(code, ui_language)
    own = endonym(code)
    return name if own.casefold() == name.casefold() else f"{name}{SEPARATOR}{own}"


def language_choices(codes: Iterable[str], ui_language: str = "nl") -> list[tuple[str, str]]:
    """``(code, picker label)`` for each code, in the given order."""
    return [(code, picker_label(code, ui_language)) for code in codes]


def known_language_codes() -> list[str]:
    """Every language a case can record: the ISO 639 codes CLDR names (two or three
    lowercase letters, no script or region) plus the prompt languages (``prs``)."""
    codes = {
        str(code)
        for code in _locale("en").languages
        if isinstance(code, str) and code.isalpha() and code.islower()
    }
    codes.update(lang.code for lang in PROMPT_LANGUAGES)
    return sorted(code for code in codes if 2 <= len(code) <= 3)
