"""Control, bidi and invisible characters: refused in names and labels, shown as escapes on a
terminal; Arabic, Ethiopic and Persian text (with its ZWNJ) untouched."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.safe_text import (
    JOINERS,
    free_text_problem,
    in_joining_script,
    is_default_ignorable,
    label_problem,
    terminal_safe,
    terminal_safe_json,
)

LEGITIMATE = [
    "محمد الحداد",  # Arabic
    "ሰላም ገብረመድህን",  # Tigrinya, Ethiopic script
    "نیک\u200cنام",  # Persian with ZWNJ (U+200C), which the spelling needs
    "क्\u200dष",  # Devanagari with ZWJ
    "Anne-Marieke van 't Hof",
    "Yıldız Çelik",
    "Zoë Ñúñez",
    "Ахмед",
    "Jean\u00a0Paul",  # no-break space is a space, not a trick
]
SPOOFING = {
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u061c": "ARABIC LETTER MARK",
    "\u200b": "ZERO WIDTH SPACE",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\U000e0041": "TAG LATIN CAPITAL LETTER A",
    "\u2028": "LINE SEPARATOR",
    "\u2029": "PARAGRAPH SEPARATOR",
    "\x00": "",
    "\x1b": "",
    "\t": "",
    "\n": "",
    "\x7f": "",
    "\x85": "",
    "\x9b": "",  # C1 CSI: a terminal control sequence on its own
}


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_names_pass(text: str) -> None:
    assert label_problem(text) is None
    assert free_text_problem(text) is None
    assert terminal_safe(text) == text


@pytest.mark.parametrize(("char", "name"), SPOOFING.items())
def test_spoofing_characters_are_refused_in_labels_with_their_code_point(
    char: str, name: str
) -> None:
    problem = label_problem(f"Had{char}dad")
    assert problem is not None
    # A msgid with the character as its parameter (the edge translates the sentence).
    shown = problem.render()
    assert f"U+{ord(char):04X}" in shown and name in shown


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066"])
def test_free_text_refuses_controls_and_bidi_overrides(char: str) -> None:
    assert free_text_problem(f"regel\n{char}") is not None


def test_free_text_keeps_tabs_line_breaks_and_marks() -> None:
    assert free_text_problem("regel 1\r\n\tregel 2 \u200fعربي\u200e ok") is None


@given(st.text())
def test_terminal_output_never_holds_a_spoofing_character_and_drops_nothing(
    text: str,
) -> None:
    shown = terminal_safe(text)
    assert all(char not in SPOOFING and unicodedata.category(char) != "Cc" for char in shown)
    for char in text:  # every character is either kept or shown as its code point
        assert char in shown or f"<U+{ord(char):04X}>" in shown
    if label_problem(text) is None:
        assert shown == text


scalars = st.none() | st.booleans() | st.integers() | st.text()
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(value=json_values, indent=st.sampled_from([None, 2]))
def test_terminal_json_is_the_same_json_without_raw_spoofing_characters(
    value: Any, indent: int | None
) -> None:
    out = terminal_safe_json(value, indent=indent)
    assert json.loads(out) == value
    assert all(
        char == "\n" or (char not in SPOOFING and unicodedata.category(char) not in "CcCs")
        for char in out
    )


# Attack round 4, finding 8: what draws nothing or is no character at all was printed raw.
SHOWN_ESCAPED = {
    "Hangul filler": ("Had\u3164dad", "Had<U+3164>dad"),
    "Hangul choseong filler": ("\u115fHaddad", "<U+115F>Haddad"),
    "combining grapheme joiner": ("Had\u034fdad", "Had<U+034F>dad"),
    "variation selector": ("Haddad\ufe0f", "Haddad<U+FE0F>"),
    "Mongolian variation selector": ("Had\u180bdad", "Had<U+180B>dad"),
    "braille blank": ("Haddad\u2800", "Haddad<U+2800>"),
    "private use": ("Had\ue000dad", "Had<U+E000>dad"),
    "unassigned": ("Had\u0378dad", "Had<U+0378>dad"),
    "noncharacter": ("Haddad\ufdd0", "Haddad<U+FDD0>"),
    "ZWNJ between Latin letters": ("Had\u200cdad", "Had<U+200C>dad"),
    "ZWJ at the end": ("Haddad\u200d", "Haddad<U+200D>"),
    "Persian ZWNJ": ("نیک\u200cنام", "نیک\u200cنام"),
    "Devanagari ZWJ": ("क्\u200dष", "क्\u200dष"),
}


@pytest.mark.parametrize(("text", "shown"), SHOWN_ESCAPED.values(), ids=list(SHOWN_ESCAPED))
def test_what_draws_nothing_is_shown_as_its_code_point(text: str, shown: str) -> None:
    assert terminal_safe(text) == shown
    assert json.loads(terminal_safe_json(text)) == text


@given(st.text())
def test_terminal_output_holds_nothing_invisible_outside_a_joining_word(text: str) -> None:
    shown = terminal_safe(text)
    for index, char in enumerate(shown):
        assert unicodedata.category(char) not in ("Cn", "Co"), char
        if char in JOINERS:  # only between two letters or marks of a joining script
            assert 0 < index < len(shown) - 1
            assert in_joining_script(shown[index - 1]) and in_joining_script(shown[index + 1])
        else:
            assert not is_default_ignorable(char) and char != "\u2800", char


def test_terminal_output_examples() -> None:
    assert terminal_safe("Had\u202edad\x9b[2J") == "Had<U+202E>dad<U+009B>[2J"
    assert terminal_safe("نیک\u200cنام") == "نیک\u200cنام"
    assert terminal_safe_json(["\u202e\U000e0041"], indent=None) == '["\\u202e\\udb40\\udc41"]'


# Attack round 2 finding 6: characters that draw nothing passed the name rule. The kind is
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt) plus look-alike blanks.
INVISIBLE_KIND = {
    "\u115f": "HANGUL CHOSEONG FILLER",
    "\u1160": "HANGUL JUNGSEONG FILLER",
    "\u3164": "HANGUL FILLER",
    "\uffa0": "HALFWIDTH HANGUL FILLER",
    "\u034f": "COMBINING GRAPHEME JOINER",
    "\u2800": "BRAILLE PATTERN BLANK",
    "\u17b4": "KHMER VOWEL INHERENT AQ",
    "\u180b": "MONGOLIAN FREE VARIATION SELECTOR ONE",
    "\ufe0f": "VARIATION SELECTOR-16",
    "\U000e0100": "VARIATION SELECTOR-17",
    "\u00ad": "SOFT HYPHEN",
}


@pytest.mark.parametrize(("char", "name"), INVISIBLE_KIND.items())
def test_invisible_characters_are_refused_alone_and_inside_a_name(char: str, name: str) -> None:
    for text in (char, char * 3, f"Had{char}dad", f"{char} {char}"):
        problem = label_problem(text)
        assert problem is not None, text
        assert problem.code in ("invisible", "blank")
    shown = label_problem(f"Had{char}dad")
    assert shown is not None and name in shown.render()


INVISIBLE = st.sampled_from(
    [*INVISIBLE_KIND, "\u200c", "\u200d", " ", "\u00a0", "\u3000", "\u2003"]
)


@given(st.text(INVISIBLE, min_size=1))
def test_a_label_that_shows_nothing_is_refused(text: str) -> None:
    """Spaces, ZWNJ/ZWJ and ignorable code points in any mix: nothing visible, refused
    (all-space text is the caller's ``empty`` case; everything else here is refused)."""
    if text.strip():
        assert label_problem(text) is not None


def test_joiners_stay_legal_inside_persian_and_arabic_names_but_not_alone() -> None:
    assert label_problem("نیک\u200cنام") is None
    assert label_problem("مهر\u200cانگیز") is None
    assert label_problem("\u200c") is not None
    assert label_problem("\u200d\u200c") is not None
