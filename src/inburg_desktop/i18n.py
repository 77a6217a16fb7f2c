"""The one ``_()`` of the UI: gettext catalogues under ``translations/ui``.

Message ids are Dutch (the UI speaks Dutch first); ``en`` is a translation. The
catalogue is compiled from the ``.po`` source when the ``.mo`` next to it is missing or
older, so what the app loads is never stale.
"""

from __future__ import annotations

import functools
import gettext
import io
import os
import sys
from pathlib import Path

from babel import Locale

UI_DOMAIN = "ui"
UI_LANGUAGES = ("nl", "en")
SOURCE_LANGUAGE = "nl"
TRANSLATIONS_DIR_ENV = "INBURG_TRANSLATIONS_DIR"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def translations_dir() -> Path:
    """``translations/``: ``$INBURG_TRANSLATIONS_DIR``, the checkout's, or the installed copy."""
    override = os.environ.get(TRANSLATIONS_DIR_ENV)
    if override:
        return Path(override)
    here = Path(__file__).resolve().parents[2] / "translations"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "inburg-desktop" / "translations"


def catalogue_paths(domain: str, language: str) -> tuple[Path, Path]:
    """The ``.po`` source and the compiled ``.mo`` of ``domain`` in ``language``."""
    base = translations_dir() / domain / language / "LC_MESSAGES"
    return base / f"{domain}.po", base / f"{domain}.mo"


def is_stale(po: Path, mo: Path) -> bool:
    """True when ``mo`` is missing or older than its ``po`` source."""
    return po.exists() and (not mo.exists() or mo.stat().st_mtime_ns < po.stat().st_mtime_ns)


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of ``po`` (fuzzy entries left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def compile_if_stale(po: Path, mo: Path) -> None:
    """(Re)compile ``po`` into ``mo`` when the ``.mo`` is missing or older."""
    if not is_stale(po, mo):
        return
    data = compile_po(po)
    tmp = mo.with_suffix(".mo.tmp")
    tmp.write_bytes(data)
    tmp.replace(mo)
    # the .mo must never look older than its source, even on coarse-mtime file systems
    stamp = po.stat().st_mtime_ns
    if mo.stat().st_mtime_ns < stamp:
        os.utime(mo, ns=(stamp, stamp))


def load(domain: str, language: str) -> gettext.NullTranslations:
    """The translations of ``domain`` in ``language`` (identity for the source language)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    po, mo = catalogue_paths(domain, language)
    try:
        compile_if_stale(po, mo)
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except OSError:
        pass
    try:  # a read-only install: compile in memory rather than load something stale
        return gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    except (OSError, ValueError):
        return gettext.NullTranslations()


def set_language(language: str) -> None:
    global _translation, _language
    if language not in UI_LANGUAGES:
        language = SOURCE_LANGUAGE
    _translation = load(UI_DOMAIN, language)
    _language = language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate a UI message; named placeholders are filled after translation."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int | float) -> str:
    """The singular or plural msgid of a count, translated: the catalogue's Plural-Forms
    rule in a translation, CLDR's Dutch rule (Babel) in the source language ("1 dossier",
    "0 dossiers", "2 dossiers", "1,5 minuten")."""
    if isinstance(_translation, gettext.GNUTranslations):
        # gettext's rules take whole numbers; a fraction reads as a plural in both UI
        # languages ("1.5 minutes"), so it is given the plural's stand-in 2.
        whole = int(n) if float(n).is_integer() else 2
        return _translation.ngettext(singular, plural, whole)
    return singular if _source_plural_form(n) == "one" else plural


def _source_plural_form(n: int | float) -> str:
    return str(_source_locale().plural_form(n))


@functools.cache
def _source_locale() -> Locale:
    return Locale.parse(SOURCE_LANGUAGE)
