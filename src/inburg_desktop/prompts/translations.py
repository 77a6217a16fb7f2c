"""Intake prompts in the newcomer's language: lookup with Dutch fallback, review status, RTL.

Prompt translations live in ``translations/prompts/<lang>/LC_MESSAGES/prompts.po``; each
entry's ``msgctxt`` is the catalogue item's context from ``Catalogue.all_prompt_texts``
(``prompt.opleiding.jaren``, ``field.opleiding.land.label``, ...) and its ``msgid`` the Dutch
text. The ``.po`` is compiled on load when its ``.mo`` is missing or older (see
``inburg_desktop.i18n``), so a translator's fix shows up at the next start.

Every language carries a review status (``translations/review-status.toml``): a machine or
AI draft is ``concept`` until a human translator has reviewed it, and the app shows such a
language with a visible "concept-vertaling" mark.
"""

from __future__ import annotations

import gettext
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from inburg_desktop import i18n
from inburg_desktop.prompts.catalogue import (
    NOTES_FIELD_ID,
    Catalogue,
    Field,
    Option,
    Prompt,
    Topic,
)

PROMPTS_DOMAIN = "prompts"
UI_DOMAIN = i18n.UI_DOMAIN
SOURCE_LANGUAGE = i18n.SOURCE_LANGUAGE
REVIEW_STATUS_FILE = "review-status.toml"

CONCEPT = "concept"
REVIEWED = "reviewed"
SOURCE = "source"
REVIEW_STATES = (CONCEPT, REVIEWED, SOURCE)

#: Scripts written right to left (base language codes).
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ckb", "ur", "he"})


@dataclass(frozen=True)
class Language:
    """A language the prompts are offered in."""

    code: str  # the gettext directory name
    endonym: str  # the language's name in its own script
    babel_locale: str  # the CLDR locale Babel uses for names, plurals and formats

    @property
    def rtl(self) -> bool:
        return is_rtl(self.code)


#: Shipped prompt languages (issue 4), in the order pickers list them.
PROMPT_LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "en"),
    Language("ar", "العربية", "ar"),
    Language("ti", "ትግርኛ", "ti"),
    Language("prs", "دری", "fa_AF"),
    Language("fa", "فارسی", "fa"),
    Language("tr", "Türkçe", "tr"),
    Language("so", "Soomaali", "so"),
    Language("ku", "Kurdî (Kurmancî)", "ku"),
    Language("fr", "Français", "fr"),
)

#: Shipped UI languages; Dutch is the source (msgids), English a translation.
UI_LANGUAGES: tuple[str, ...] = i18n.UI_LANGUAGES

_BY_CODE: Mapping[str, Language] = {lang.code: lang for lang in PROMPT_LANGUAGES}
# gettext codes CLDR does not know under that name
_BABEL_ALIASES: Mapping[str, str] = {"prs": "fa_AF"}


def base_language(code: str) -> str:
    """``"fa-AF"`` / ``"ar_SY"`` -> ``"fa"`` / ``"ar"``."""
    return code.replace("-", "_").split("_", 1)[0].lower()


def is_rtl(language: str) -> bool:
    """True when ``language`` is written right to left (Arabic, Dari, Farsi, ...)."""
    return base_language(language) in RTL_LANGUAGES


def babel_locale_id(language: str) -> str:
    """The CLDR locale for a gettext language code (``prs`` is CLDR's ``fa_AF``)."""
    known = _BY_CODE.get(language)
    if known is not None:
        return known.babel_locale
    normalised = language.replace("-", "_")
    return _BABEL_ALIASES.get(normalised, normalised)


def prompt_language(code: str) -> Language:
    """The shipped prompt language ``code``; ``KeyError`` for anything else."""
    return _BY_CODE[code]


def prompt_language_codes() -> tuple[str, ...]:
    return tuple(lang.code for lang in PROMPT_LANGUAGES)


# --- review status -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewStatus:
    """Who reviewed one language of one domain, and when; ``concept`` means unreviewed."""

    domain: str
    language: str
    status: str
    reviewer: str = ""
    date: str = ""
    note: str = ""

    @property
    def is_concept(self) -> bool:
        """True for an unreviewed draft: the app shows the "concept-vertaling" mark."""
        return self.status == CONCEPT


class ReviewStatusError(ValueError):
    """``review-status.toml`` is unreadable or holds an unknown status."""


def load_review_statuses(translations: Path | None = None) -> dict[tuple[str, str], ReviewStatus]:
    """All review statuses, keyed by ``(domain, language)``; empty when the file is missing."""
    base = translations if translations is not None else i18n.translations_dir()
    path = base / REVIEW_STATUS_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReviewStatusError(f"{path}: {exc}") from None
    result: dict[tuple[str, str], ReviewStatus] = {}
    for domain, languages in data.items():
        if not isinstance(languages, dict):
            raise ReviewStatusError(f"{path}: [{domain}] must be a table of languages")
        for language, entry in languages.items():
            if not isinstance(entry, dict):
                raise ReviewStatusError(f"{path}: [{domain}.{language}] must be a table")
            status = entry.get("status")
            if status not in REVIEW_STATES:
                raise ReviewStatusError(
                    f"{path}: [{domain}.{language}] status {status!r}: "
                    f"use one of {', '.join(REVIEW_STATES)}"
                )
            result[domain, language] = ReviewStatus(
                domain=domain,
                language=language,
                status=status,
                reviewer=str(entry.get("reviewer", "")),
                date=str(entry.get("date", "")),
                note=str(entry.get("note", "")),
            )
    return result


def review_status(language: str, domain: str = PROMPTS_DOMAIN) -> ReviewStatus:
    """The review status of ``language`` in ``domain``; unlisted languages count as concept."""
    if language == SOURCE_LANGUAGE:
        return ReviewStatus(domain, language, SOURCE)
    found = load_review_statuses().get((domain, language))
    return found if found is not None else ReviewStatus(domain, language, CONCEPT)


def is_concept(language: str, domain: str = PROMPTS_DOMAIN) -> bool:
    """True when ``language`` must carry the "concept-vertaling" mark."""
    return review_status(language, domain).is_concept


# --- lookup ------------------------------------------------------------------------------


@cache
def _default_source_texts() -> Mapping[str, str]:
    from inburg_desktop.domain.pip_annex import annex_contexts
    from inburg_desktop.domain.subject_access import rights_contexts
    from inburg_desktop.domain.voortgang_prompts import talk_contexts
    from inburg_desktop.prompts.catalogue import load_catalogue

    return {
        **dict(load_catalogue().all_prompt_texts()),
        **annex_contexts(),
        **talk_contexts(),
        **rights_contexts(),
    }


_loaded: dict[tuple[str, str], tuple[int, gettext.NullTranslations]] = {}


def _translations(language: str) -> gettext.NullTranslations:
    """The compiled prompts catalogue of ``language``, reloaded when its ``.po`` changes."""
    po, _mo = i18n.catalogue_paths(PROMPTS_DOMAIN, language)
    try:
        stamp = po.stat().st_mtime_ns
    except OSError:
        stamp = -1
    key = (str(po), language)
    cached = _loaded.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    loaded = i18n.load(PROMPTS_DOMAIN, language)
    _loaded[key] = (stamp, loaded)
    return loaded


def prompt_text(
    catalogue_item_msgctxt: str,
    language: str,
    source: Mapping[str, str] | None = None,
) -> str:
    """The text of one catalogue item in ``language``, or the Dutch text when untranslated.

    ``source`` maps contexts to Dutch texts (``dict(catalogue.all_prompt_texts())``); it
    defaults to the shipped catalogue. Fuzzy (unconfirmed) translations are never used.
    """
    texts = source if source is not None else _default_source_texts()
    dutch = texts[catalogue_item_msgctxt]
    if language == SOURCE_LANGUAGE:
        return dutch
    return _translations(language).pgettext(catalogue_item_msgctxt, dutch)


_contexts: dict[tuple[str, str], tuple[int, frozenset[str]]] = {}


def translated_contexts(language: str) -> frozenset[str]:
    """The contexts ``language`` has its own, confirmed (non-fuzzy) text for."""
    po, _mo = i18n.catalogue_paths(PROMPTS_DOMAIN, language)
    try:
        stamp = po.stat().st_mtime_ns
    except OSError:
        return frozenset()
    key = (str(po), language)
    cached = _contexts.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh)
    found = frozenset(
        str(message.context)
        for message in catalog
        if message.id and message.context and message.string and not message.fuzzy
    )
    _contexts[key] = (stamp, found)
    return found


def has_translation(catalogue_item_msgctxt: str, language: str) -> bool:
    """True when ``language`` has its own (non-fuzzy) text for the item."""
    if language == SOURCE_LANGUAGE:
        return True
    return catalogue_item_msgctxt in translated_contexts(language)


def localized(catalogue: Catalogue, language: str) -> Catalogue:
    """``catalogue`` with every text a consultant reads (title, topic titles and hints,
    prompts, field labels and help, option labels) in ``language``, each untranslated
    text left in Dutch. Ids, values, types and rules are unchanged, so answers stored in
    one UI language read the same in the other (only labels are words).

    The UI shows the catalogue in the UI language (usability round 3: an English screen
    showed the intake's labels in Dutch); what the newcomer reads (the interpreter view,
    the PIP's annex) takes its texts per language through :func:`prompt_text` instead.
    """
    if language == SOURCE_LANGUAGE:
        return catalogue
    source = dict(catalogue.all_prompt_texts())

    def text(context: str, dutch: str) -> str:
        return prompt_text(context, language, source) if context in source else dutch

    def options(prefix: str, items: tuple[Option, ...]) -> tuple[Option, ...]:
        return tuple(
            replace(option, label=text(f"{prefix}.{option.value}", option.label))
            for option in items
        )

    def field(item: Field) -> Field:
        prefix = f"option.{item.option_set}" if item.option_set else f"field.{item.key}.option"
        return replace(
            item,
            label=text(f"field.{item.key}.label", item.label),
            help=text(f"field.{item.key}.help", item.help) if item.help else item.help,
            options=options(prefix, item.options),
            fields=tuple(field(sub) for sub in item.fields),
        )

    def prompt(item: Prompt) -> Prompt:
        return replace(item, text=text(f"prompt.{item.id}", item.text))

    def topic(item: Topic) -> Topic:
        return replace(
            item,
            title=text(f"topic.{item.id}.title", item.title),
            hints=tuple(
                text(f"topic.{item.id}.hint.{number}", hint)
                for number, hint in enumerate(item.hints, start=1)
            ),
            opening=prompt(item.opening),
            follow_ups=tuple(prompt(p) for p in item.follow_ups),
            fields=tuple(
                replace(f, label=text(f"field.{NOTES_FIELD_ID}.label", f.label))
                if f.id == NOTES_FIELD_ID
                else field(f)
                for f in item.fields
            ),
        )

    return replace(
        catalogue,
        title=text("catalogue.title", catalogue.title),
        notes_label=text(f"field.{NOTES_FIELD_ID}.label", catalogue.notes_label),
        topics=tuple(topic(t) for t in catalogue.topics),
        option_sets=tuple(
            replace(
                s,
                label=text(f"optionset.{s.id}.label", s.label),
                options=options(f"option.{s.id}", s.options),
            )
            for s in catalogue.option_sets
        ),
    )
