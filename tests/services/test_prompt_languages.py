"""The one order of prompt-language lists (usability round 6 #4, #7): the preferred
language first and marked, the rest alphabetically by name in the UI language."""

from __future__ import annotations

from inburg_desktop.locale_names import language_name
from inburg_desktop.prompts.translations import prompt_language_codes
from inburg_desktop.services.prompt_languages import (
    first_case_language,
    folded_key,
    ordered_prompt_languages,
    shipped_code,
)


def test_preferred_first_then_by_name_in_the_ui_language() -> None:
    codes = prompt_language_codes()
    for ui in ("nl", "en"):
        entries = ordered_prompt_languages(codes, ui, preferred="so")
        assert entries[0].code == "so" and entries[0].preferred
        assert not any(entry.preferred for entry in entries[1:])
        names = [entry.name for entry in entries[1:]]
        assert names == sorted(names, key=folded_key)
        assert sorted(entry.code for entry in entries) == sorted(codes)
        assert all(entry.name == language_name(entry.code, ui) for entry in entries)
    dutch = [e.name for e in ordered_prompt_languages(codes, "nl")]
    assert dutch[:4] == ["Arabisch", "Dari", "Engels", "Frans"]
    english = [e.name for e in ordered_prompt_languages(codes, "en")]
    assert english[:4] == ["Arabic", "Dari", "English", "French"]


def test_a_preferred_language_outside_the_list_marks_nothing() -> None:
    entries = ordered_prompt_languages(["ar", "ti"], "nl", preferred="so")
    assert [e.code for e in entries] == ["ar", "ti"]
    assert not any(e.preferred for e in entries)


def test_the_folded_key_orders_letters_with_their_base_letter() -> None:
    names = ["Zweeds", "Ölfan", "oz", "Łukasz", "Lyon", "émile", "Emma", "Nederlands"]
    assert sorted(names, key=folded_key) == [
        "émile",
        "Emma",
        "Łukasz",
        "Lyon",
        "Nederlands",
        "Ölfan",
        "oz",
        "Zweeds",
    ]


def test_case_tags_map_to_prompt_languages() -> None:
    assert shipped_code("fa-AF") == "prs"
    assert shipped_code("ar_SY") == "ar"
    assert shipped_code("nl") is None and shipped_code(None) is None
    assert first_case_language(["ti", "ar"], preferred="nl") == "ti"
    assert first_case_language(["ar"], preferred="fa-AF") == "prs"
    assert first_case_language(["de"], preferred=None) is None
