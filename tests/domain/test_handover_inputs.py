"""The handover parser on real-world input: BOM, duplicate keys, control and bidi
characters in names and labels, nationality against ISO 3166-1 (plus ICAO's codes),
languages against BCP 47. Each refusal names the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.domain.handover import (
    HandoverError,
    parse_handover,
    parse_handover_bytes,
    read_handover_file,
)

VALID: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


def doc_with(**person: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(VALID))
    doc["person"].update(person)
    return doc


def refusal(doc: object) -> HandoverError:
    with pytest.raises(HandoverError) as caught:
        parse_handover(doc)
    return caught.value


def test_a_utf8_bom_is_accepted() -> None:
    data = b"\xef\xbb\xbf" + json.dumps(VALID).encode()
    assert parse_handover_bytes(data).person.given_names == "Amal"


def test_a_handover_file_with_a_bom_is_read(tmp_path: Path) -> None:
    file = tmp_path / "notepad.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(VALID, indent=2).encode())
    assert read_handover_file(file).person.family_name == "Haddad"


def test_a_duplicate_key_is_refused_naming_it() -> None:
    once = '"family_name": "Haddad"'
    text = json.dumps(VALID).replace(once, f'{once}, "family_name": "Eve"')
    with pytest.raises(HandoverError) as caught:
        parse_handover_bytes(text.encode())
    assert caught.value.key == "person.family_name"
    assert "twee keer" in caught.value.problem


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u2069", "\x9b", "\x1b", "\u200b"])
@pytest.mark.parametrize("key", ["given_names", "family_name"])
def test_spoofing_characters_in_names_are_refused_naming_the_field(char: str, key: str) -> None:
    error = refusal(doc_with(**{key: f"Am{char}al"}))
    assert error.key == f"person.{key}"
    assert f"U+{ord(char):04X}" in error.problem


INVISIBLE_NAMES = ["\u115f", "\u3164", "\u034f", "\u2800", "\u3164 \u115f", "\u200c", "Am\u3164al"]


@pytest.mark.parametrize("name", INVISIBLE_NAMES)
@pytest.mark.parametrize("key", ["given_names", "family_name"])
def test_names_that_are_invisible_or_hide_a_blank_are_refused(name: str, key: str) -> None:
    """Attack round 2 finding 6: Hangul fillers, the combining grapheme joiner and the
    braille blank passed as a name."""
    error = refusal(doc_with(**{key: name}))
    assert error.key == f"person.{key}"


@pytest.mark.parametrize(
    "name", ["محمد", "ሰላም", "نیک\u200cنام", "می\u200cخواهم", "Zoë", "Yıldız", "N'Diaye"]
)
def test_legitimate_names_pass(name: str) -> None:
    assert parse_handover(doc_with(given_names=name)).person.given_names == name


def test_source_and_household_labels_are_checked() -> None:
    doc = doc_with()
    doc["source"] = "COA\u202e"
    assert refusal(doc).key == "source"
    doc = doc_with()
    doc["household"] = [{"relation": "child", "date_of_birth": "2021-08-01", "n\u202e": 1}]
    assert refusal(doc).key == "household[0].n<U+202E>"
    doc["household"] = [{"relation": "ki\u0085nd"}]
    assert refusal(doc).key == "household[0].relation"


def test_a_household_larger_than_one_sync_field_is_refused() -> None:
    doc = doc_with()
    doc["household"] = [
        {"relation": "child", "date_of_birth": None, **{f"n{j}": "€" * 9000 for j in range(3)}}
        for _ in range(5)
    ]
    error = refusal(doc)
    assert error.key == "household" and "256 kB" not in error.problem
    assert "groter dan de grens van 262144 bytes" in error.problem


# --- nationality ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["SYR", "ERI", "AFG", "UKR", "PSE", "GBR", "NLD", "XKX"])
def test_current_country_codes_are_accepted(code: str) -> None:
    assert parse_handover(doc_with(nationality=code)).person.nationality == code


@pytest.mark.parametrize("code", ["XXA", "XXB", "XXC", "XXX"])
def test_icao_codes_for_stateless_refugee_and_unspecified_are_accepted(code: str) -> None:
    assert parse_handover(doc_with(nationality=code)).person.nationality == code


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("QQQ", "QQQ is geen bestaande ISO 3166-1 alpha-3-code"),
        ("ABC", "gebruik XXX als de nationaliteit onbekend is"),
        ("ANT", "ANT (Netherlands Antilles) is geen bestaande landcode meer"),
        ("YUG", "geen bestaande landcode meer"),
        ("syr", "moet een ISO 3166-1 alpha-3-code zijn"),
        ("SY", "moet een ISO 3166-1 alpha-3-code zijn"),
        ("Syrië", "moet een ISO 3166-1 alpha-3-code zijn"),
    ],
)
def test_codes_that_are_not_a_current_nationality_are_refused(code: str, words: str) -> None:
    error = refusal(doc_with(nationality=code))
    assert error.key == "person.nationality"
    assert words in error.problem


# --- languages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("ar", "ar"),
        ("prs", "prs"),  # Dari: the app's prompt language, not replaced by fa-AF
        ("fa-AF", "fa-AF"),
        ("ti", "ti"),
        ("ckb", "ckb"),
        ("AR-sy", "ar-SY"),  # BCP 47 is case-insensitive; stored in canonical case
        ("zh-Hant-TW", "zh-Hant-TW"),
        ("tig", "tig"),
    ],
)
def test_registered_language_tags_are_accepted_in_canonical_case(given: str, stored: str) -> None:
    parsed = parse_handover(doc_with(languages=[given], preferred_language=given)).person
    assert parsed.languages == (stored,)
    assert parsed.preferred_language == stored


@pytest.mark.parametrize("tag", ["zz", "xx-YY", "ar_SY", "en--US", "arabisch", "ar-SY-SY", "a"])
def test_unregistered_or_malformed_tags_are_refused_naming_the_field(tag: str) -> None:
    assert refusal(doc_with(languages=["ar", tag])).key == "person.languages[1]"
    assert refusal(doc_with(preferred_language=tag)).key == "person.preferred_language"


def test_a_language_listed_twice_is_kept_once() -> None:
    assert parse_handover(doc_with(languages=["ar", "AR", "en"])).person.languages == ("ar", "en")
