"""Intake prompts in the newcomer's language (issue 4, items 1, 2 and 7).

Every catalogue text has a draft in every shipped language, written in the right script;
lookups fall back to Dutch; every language carries a review status; right-to-left scripts
are known; pickers show a language's name in the UI language and in its own script.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from inburg_desktop import i18n
from inburg_desktop.domain.pip_annex import annex_contexts
from inburg_desktop.domain.subject_access import rights_contexts
from inburg_desktop.domain.voortgang_prompts import talk_contexts
from inburg_desktop.formatting import format_date, format_number
from inburg_desktop.locale_names import (
    endonym,
    language_choices,
    language_name,
    picker_label,
)
from inburg_desktop.prompts import load_catalogue
from inburg_desktop.prompts.templates import prompts_template, template_path
from inburg_desktop.prompts.translations import (
    CONCEPT,
    PROMPT_LANGUAGES,
    SOURCE_LANGUAGE,
    has_translation,
    is_concept,
    is_rtl,
    load_review_statuses,
    prompt_language_codes,
    prompt_text,
    review_status,
)

SHIPPED = Path(__file__).resolve().parents[2] / "translations"
CATALOGUE = load_catalogue()
# the PIP annex and the voortgangsgesprek's questions too
SOURCE = {
    **dict(CATALOGUE.all_prompt_texts()),
    **annex_contexts(),
    **talk_contexts(),
    **rights_contexts(),
}
REQUIRED = ("en", "ar", "ti", "prs", "fa", "tr", "so", "ku", "fr")  # issue 4, item 1


@pytest.fixture(autouse=True)
def _shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.TRANSLATIONS_DIR_ENV, str(SHIPPED))


def _translations(language: str) -> dict[str, str]:
    with (SHIPPED / f"prompts/{language}/LC_MESSAGES/prompts.po").open("rb") as fh:
        catalog = read_po(fh)
    return {str(m.context): str(m.string) for m in catalog if m.id and not m.fuzzy}


def test_the_required_languages_are_shipped() -> None:
    assert set(REQUIRED) <= set(prompt_language_codes())


def test_prompts_template_matches_the_catalogue() -> None:
    with template_path("prompts", SHIPPED).open("rb") as fh:
        shipped = {(m.context, m.id) for m in read_po(fh) if m.id}
    wanted = {(m.context, m.id) for m in prompts_template(CATALOGUE) if m.id}
    assert shipped == wanted, "run `python -m inburg_desktop.prompts.i18n_tools update`"


@pytest.mark.parametrize("language", REQUIRED)
def test_every_catalogue_text_is_translated(language: str) -> None:
    translated = _translations(language)
    missing = [context for context in SOURCE if not translated.get(context)]
    assert missing == []


@pytest.mark.parametrize("language", REQUIRED)
def test_prompt_text_gives_the_translation(language: str) -> None:
    translated = _translations(language)
    for context in SOURCE:
        assert prompt_text(context, language) == translated[context]
        assert has_translation(context, language)


def test_prompt_text_examples() -> None:
    assert prompt_text("prompt.opleiding.opening", "nl") == "Bent u naar school gegaan?"
    assert prompt_text("prompt.opleiding.opening", "en") == "Did you go to school?"
    assert prompt_text("prompt.opleiding.opening", "ar") == "هل ذهبت إلى المدرسة؟"
    assert prompt_text("prompt.opleiding.opening", "ti") == "ናብ ቤት ትምህርቲ ከይድኩም ዶ?"


def test_dutch_fallback_for_an_unknown_language() -> None:
    context = "prompt.taalniveau.opening"
    assert prompt_text(context, "xx") == SOURCE[context]
    assert not has_translation(context, "xx")
    assert has_translation(context, SOURCE_LANGUAGE)


def test_dutch_fallback_for_a_missing_or_fuzzy_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "translations"
    shutil.copytree(SHIPPED, copy, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setenv(i18n.TRANSLATIONS_DIR_ENV, str(copy))
    po = copy / "prompts/so/LC_MESSAGES/prompts.po"
    with po.open("rb") as fh:
        catalog = read_po(fh)
    emptied = catalog.get(SOURCE["prompt.motivatie.opening"], "prompt.motivatie.opening")
    fuzzy = catalog.get(SOURCE["prompt.motivatie.dag"], "prompt.motivatie.dag")
    assert emptied is not None and fuzzy is not None
    emptied.string = ""
    fuzzy.flags.add("fuzzy")
    with po.open("wb") as fh:
        write_po(fh, catalog)
    assert prompt_text("prompt.motivatie.opening", "so") == SOURCE["prompt.motivatie.opening"]
    assert prompt_text("prompt.motivatie.dag", "so") == SOURCE["prompt.motivatie.dag"]
    assert not has_translation("prompt.motivatie.dag", "so")
    assert prompt_text("prompt.motivatie.toekomst", "so") != SOURCE["prompt.motivatie.toekomst"]


def test_prompt_text_with_a_catalogue_from_sync() -> None:
    newer = {**SOURCE, "prompt.nieuw.opening": "Een nieuwe vraag?"}
    assert prompt_text("prompt.nieuw.opening", "ar", newer) == "Een nieuwe vraag?"


# --- scripts -------------------------------------------------------------------------------


def _letters(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.category(ch).startswith("L")]


def _script_share(text: str, prefix: str) -> float:
    letters = _letters(text)
    if not letters:
        return 1.0
    hits = sum(1 for ch in letters if unicodedata.name(ch, "").startswith(prefix))
    return hits / len(letters)


# Codes such as "A1", "ZRM", "DigiD", "IDW/Nuffic" stay in Latin letters in other scripts;
# everything else is in the language's own script.
@pytest.mark.parametrize(
    ("language", "script"),
    [("ar", "ARABIC"), ("fa", "ARABIC"), ("prs", "ARABIC"), ("ti", "ETHIOPIC")],
)
def test_translations_are_in_the_languages_script(language: str, script: str) -> None:
    wrong = {}
    for context, text in _translations(language).items():
        own = [ch for ch in _letters(text) if not ch.isascii()]
        if not own and text != SOURCE[context]:
            wrong[context] = text  # only Latin letters, yet not a code kept as is
        elif own and _script_share("".join(own), script) < 1.0:
            wrong[context] = text
    assert wrong == {}


@pytest.mark.parametrize("language", ["fa", "prs"])
def test_persian_uses_persian_letters(language: str) -> None:
    arabic_only = {"ي", "ك"}  # Persian writes ی and ک
    assert [t for t in _translations(language).values() if arabic_only & set(t)] == []


def test_arabic_uses_arabic_letters() -> None:
    persian_only = set("یکگچپژ")
    assert [t for t in _translations("ar").values() if persian_only & set(t)] == []


@pytest.mark.parametrize("language", ["en", "tr", "so", "ku", "fr"])
def test_latin_script_languages_are_written_in_latin(language: str) -> None:
    wrong = [t for t in _translations(language).values() if _script_share(t, "LATIN") < 1.0]
    assert wrong == []


@pytest.mark.parametrize("language", REQUIRED)
def test_sentences_are_translated_not_copied(language: str) -> None:
    copied = [
        context
        for context, text in _translations(language).items()
        if len(SOURCE[context].split()) > 2 and text == SOURCE[context]
    ]
    assert copied == []


# --- review status -------------------------------------------------------------------------


def test_every_language_has_a_review_status() -> None:
    statuses = load_review_statuses(SHIPPED)
    for language in prompt_language_codes():
        assert ("prompts", language) in statuses
    assert ("ui", "en") in statuses


def test_drafts_are_concept_until_reviewed() -> None:
    for status in load_review_statuses(SHIPPED).values():
        if status.status == "reviewed":
            assert status.reviewer and status.date, status
    # every draft shipped so far is an AI draft nobody has reviewed
    for language in REQUIRED:
        assert review_status(language).status == CONCEPT
        assert is_concept(language)
    assert not is_concept(SOURCE_LANGUAGE)


def test_an_unlisted_language_counts_as_concept() -> None:
    assert is_concept("xx")


# --- right to left -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code", ["ar", "fa", "prs", "ps", "ckb", "ur", "he", "ar_SY", "fa-AF", "AR"]
)
def test_rtl_languages(code: str) -> None:
    assert is_rtl(code)


@pytest.mark.parametrize("code", ["nl", "en", "ti", "tr", "so", "ku", "fr"])
def test_ltr_languages(code: str) -> None:
    assert not is_rtl(code)


def test_language_objects_know_their_direction() -> None:
    rtl = {lang.code for lang in PROMPT_LANGUAGES if lang.rtl}
    assert rtl == {"ar", "prs", "fa"}


# --- language names, dates, numbers (item 7) --------------------------------------------------


def test_picker_labels_in_dutch() -> None:
    assert picker_label("ar", "nl") == "Arabisch — العربية"
    assert picker_label("ti", "nl") == "Tigrinya — ትግርኛ"
    assert picker_label("prs", "nl") == "Dari — دری"
    assert picker_label("fa", "nl") == "Perzisch (Farsi) — فارسی"
    assert picker_label("ku", "nl") == "Koerdisch (Kurmanji) — Kurdî (Kurmancî)"
    assert picker_label("nl", "nl") == "Nederlands"


def test_picker_labels_in_english() -> None:
    assert picker_label("ar", "en") == "Arabic — العربية"
    assert picker_label("tr", "en") == "Turkish — Türkçe"
    assert picker_label("en", "en") == "English"


def test_every_prompt_language_has_a_name_and_an_endonym() -> None:
    for code, label in language_choices(prompt_language_codes(), "nl"):
        assert language_name(code, "nl") != code
        assert endonym(code) in label or code == "en"


def test_endonym_from_cldr_for_other_languages() -> None:
    assert endonym("ps") == "پښتو"


def test_dates_and_numbers_follow_the_ui_language() -> None:
    from datetime import date

    assert format_date(date(2026, 3, 2), "nl") == "2 mrt 2026"
    assert format_date(date(2026, 3, 2), "en") == "2 Mar 2026"
    assert format_number(1234.5, "nl") == "1.234,5"
    assert format_number(1234.5, "en") == "1,234.5"
