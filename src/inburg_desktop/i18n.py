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
import re
import sys
import threading
from pathlib import Path
from typing import NamedTuple

from babel import Locale

UI_DOMAIN = "ui"
UI_LANGUAGES = ("nl", "en")
SOURCE_LANGUAGE = "nl"
TRANSLATIONS_DIR_ENV = "INBURG_TRANSLATIONS_DIR"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE

RENDERED_KEPT = 20_000
"""The most texts :func:`retranslated` can say again (the oldest are forgotten first)."""


class _Recipe(NamedTuple):
    """How a shown text was made: its msgid (and plural), the count, the format values."""

    msgid: str
    plural: str | None = None
    n: int | float = 1
    args: tuple[object, ...] = ()
    kwargs: tuple[tuple[str, object], ...] = ()


_MAIN_THREAD = threading.main_thread()
_rendered: dict[str, _Recipe] = {}
"""Text as shown in the language it was made in -> how it was made (oldest first)."""


_by_bare_text: dict[str, str] = {}
"""A remembered text with an Alt-letter, without it -> the text: the mnemonic keeper
(``ui.mnemonics``) moves or takes away the ``&`` of a shown text."""


def _remember(text: str, recipe: _Recipe) -> None:
    if len(_rendered) >= RENDERED_KEPT:
        del _rendered[next(iter(_rendered))]
    _rendered[text] = recipe
    if "&" in text:
        if len(_by_bare_text) >= RENDERED_KEPT:
            del _by_bare_text[next(iter(_by_bare_text))]
        _by_bare_text[without_mnemonic(text)] = text


def without_mnemonic(text: str) -> str:
    """``text`` without its Alt-letter markers (``&&``, a shown ``&``, stays)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&&")


class Message(str):
    """A translated text that remembers its msgid, so a window open while the language
    changes can say it again in the new language (:func:`retranslated`). ``format``
    remembers its values too; it is otherwise the ``str`` it is. Only texts made on the
    GUI thread are messages: windows are built there, and a worker's texts (the case
    list's rows) are made again by the window they go to."""

    recipe: _Recipe

    def format(self, *args: object, **kwargs: object) -> str:
        made = str.format(self, *args, **kwargs)
        if threading.current_thread() is not _MAIN_THREAD:
            return made
        recipe = self.recipe._replace(args=args, kwargs=tuple(kwargs.items()))
        return _message(made, recipe)


def _message(text: str, recipe: _Recipe) -> str:
    if threading.current_thread() is not _MAIN_THREAD:
        return text
    made = Message(text)
    made.recipe = recipe
    _remember(text, recipe)
    return made


_SIGNED = re.compile(r"^([^\w\s(\"'‘“]+\s+)(.+)$", re.S)
"""A text that starts with a sign (no letter, digit or opening quote) and a space."""


def retranslated(text: str) -> str:
    """``text`` said again in the current language when it was made by :func:`_` or
    :func:`ngettext` (in any language, with its format values, each of those said again
    too; also when shown with its Alt-letter moved or taken away, then with the new
    text's own); any other text (a name, typed text, a number) is returned as it is."""
    recipe = _rendered.get(text)
    if recipe is None:  # the keeper gave the text a letter, or moved or took its own
        bare = without_mnemonic(text)
        marked = _by_bare_text.get(bare, bare)
        recipe = _rendered.get(marked)
    if recipe is None:
        # A sign put before a message ("✓ " + _("Alles opgeslagen")): the message after
        # it is said again, the sign kept (an open intake's save state stayed Dutch
        # after a switch to English, usability round 6 finding 19, round 7).
        signed = _SIGNED.match(text)
        if signed is not None:
            rest = retranslated(signed.group(2))
            if rest != signed.group(2):
                return signed.group(1) + rest
        return text
    if recipe.plural is None:
        again: str = _translation.gettext(recipe.msgid)
    else:
        again = _plural(recipe.msgid, recipe.plural, recipe.n)
    made = _message(again, recipe)
    if not recipe.args and not recipe.kwargs:
        return made
    args = tuple(retranslated(a) if isinstance(a, str) else a for a in recipe.args)
    kwargs = {k: retranslated(v) if isinstance(v, str) else v for k, v in recipe.kwargs}
    try:
        return made.format(*args, **kwargs)
    except (IndexError, KeyError, ValueError):  # a translation with other placeholders
        return text


def forget_rendered() -> None:
    """Forget every text remembered for :func:`retranslated` (on lock: the formatted
    texts hold names and other case data, which must not outlive the vault)."""
    _rendered.clear()
    _by_bare_text.clear()


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
    """Translate a UI message; named placeholders are filled after translation. The
    result is a :class:`Message`, which :func:`retranslated` can say again later."""
    return _message(_translation.gettext(message), _Recipe(message))


def ngettext(singular: str, plural: str, n: int | float) -> str:
    """The singular or plural msgid of a count, translated: the catalogue's Plural-Forms
    rule in a translation, CLDR's Dutch rule (Babel) in the source language ("1 dossier",
    "0 dossiers", "2 dossiers", "1,5 minuten")."""
    return _message(_plural(singular, plural, n), _Recipe(singular, plural, n))


def _plural(singular: str, plural: str, n: int | float) -> str:
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
