"""The one name rule (``safe_text.name_problem``) and what every label refuses
(``label_problem``): code points that are no character of written text, joiners outside
the words that need them, and symbols in a person's name (attack round 3, finding 5:
``Had\\u0378dad``, ``Haddad\\uffff``, ``Had\\u200cdad``... were accepted as names, and two
of them look exactly like ``Haddad``)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.safe_text import (
    JOINERS,
    in_joining_script,
    is_default_ignorable,
    is_noncharacter,
    label_problem,
    name_problem,
)

REFUSED_IN_EVERY_LABEL: dict[str, tuple[str, str]] = {
    # what: (text, reason code)
    "unassigned U+0378": ("Had\u0378dad", "unassigned"),
    "unassigned plane 3 U+3FFFD": ("Had\U0003fffddad", "unassigned"),
    "private use U+E000": ("Had\ue000dad", "private_use"),
    "plane-15 private use U+F0041": ("Haddad\U000f0041", "private_use"),
    "plane-16 private use U+100000": ("Haddad\U00100000", "private_use"),
    "noncharacter U+FFFF": ("Haddad\uffff", "noncharacter"),
    "noncharacter U+FFFE": ("\ufffeHaddad", "noncharacter"),
    "noncharacter U+FDD0": ("Had\ufdd0dad", "noncharacter"),
    "noncharacter U+FDEF": ("Had\ufdefdad", "noncharacter"),
    "noncharacter U+1FFFF": ("Haddad\U0001ffff", "noncharacter"),
    "object replacement U+FFFC": ("Haddad\ufffc", "replacement"),
    "replacement character U+FFFD": ("Had\ufffddad", "replacement"),
    "trailing ZWJ": ("Haddad\u200d", "joiner"),
    "leading ZWNJ": ("\u200cHaddad", "joiner"),
    "ZWNJ between Latin letters": ("Had\u200cdad", "joiner"),
    "ZWJ between Latin letters": ("Had\u200ddad", "joiner"),
    "ZWNJ between Ethiopic letters": ("ገብረ\u200cመድህን", "joiner"),
    "ZWNJ between Cyrillic letters": ("Ах\u200cмед", "joiner"),
    "ZWNJ at the end of an Arabic word": ("محمد\u200c", "joiner"),
    "ZWNJ before a space in Persian": ("نیک\u200c نام", "joiner"),
    "ZWNJ between Arabic and Latin": ("م\u200cA", "joiner"),
    "two joiners in a row": ("نیک\u200c\u200cنام", "joiner"),
}

REFUSED_IN_NAMES_ONLY: dict[str, str] = {
    "musical symbol U+1D11E": "Haddad\U0001d11e",  # G clef (U+1D159 draws nothing: refused)
    "emoji": "Haddad\U0001f600",
    "copyright sign": "Haddad©",
    "euro sign": "Haddad€",
    "plus sign": "Had+dad",
}

LOOK_ALIKES: dict[str, tuple[str, str]] = {
    # what: (text, reason code); attack round 4, finding 5
    "no-break space": ("Jean\u00a0Paul", "space"),
    "two no-break spaces": ("Amal\u00a0\u00a0Haddad", "space"),
    "hair space": ("Had\u200adad", "space"),
    "thin space": ("Had\u2009dad", "space"),
    "narrow no-break space": ("Had\u202fdad", "space"),
    "six-per-em space": ("Had\u2006dad", "space"),
    "punctuation space": ("Had\u2008dad", "space"),
    "Ogham space mark": ("Had\u1680dad", "space"),
    "ideographic space": ("Amal\u3000Haddad", "space"),
    "two spaces": ("Amal  Haddad", "double_space"),
    "mathematical bold H": ("\U0001d407addad", "compatibility"),
    "fullwidth H": ("\uff28addad", "compatibility"),
    "ligature fi": ("\ufb01ras", "compatibility"),
    "superscript two": ("Amal\u00b2", "compatibility"),
    "Kelvin sign": ("\u212aarim", "compatibility"),
    "Arabic presentation form": ("\ufe8d\u0644", "compatibility"),
    "Cyrillic a in a Latin word": ("H\u0430ddad", "mixed_script"),
    "Greek omicron in a Latin word": ("Had\u03bfad", "mixed_script"),
    "Latin a in a Cyrillic word": ("Ахмеd", "mixed_script"),
    "sixty stacked accents": ("Haddad" + "\u0301" * 60, "marks"),
    "five marks on one letter": ("Ha" + "\u0301\u0300\u0302\u0303\u0304" + "ddad", "marks"),
}

NAMES = [
    "محمد الحداد",  # Arabic
    "نیک\u200cنام",  # Persian: ZWNJ between Arabic-script letters
    "مهر\u200cانگیز",
    "ܐܦܪܝܡ\u200cܐ",  # Syriac
    "क्\u200dष",  # Devanagari: ZWJ after a virama (a mark)
    "ශ්\u200dරී",  # Sinhala: ZWJ after al-lakuna
    "ሰላም ገብረመድህን",  # Tigrinya, Ethiopic script
    "Anne-Marieke van 't Hof",
    "N´Diaye",  # modifier symbol for an apostrophe
    "O’Brien",
    "Yıldız Çelik",
    "Zoë Ñúñez",
    "Ахмед",
    "Nguyễn Thị Ngọc",  # Vietnamese, precomposed
    "Nguye\u0323\u0302n",  # Vietnamese, decomposed: two marks on one letter
    "مُحَمَّد",  # Arabic with harakat and shadda
    "שִׁמְעוֹן",  # pointed Hebrew
    "ש\u05bc\u05c1\u05b8\u05bd",  # shin with dagesh, shin dot, qamats and meteg
    "山田さくら",  # kanji and hiragana in one word
    "ヤマダ太郎",
    "김민준",
    "Haddad-Иванова",  # two scripts, two words
    "ʻOlani",  # the ʻokina is a modifier letter of no script
    "क्षत्रिय",
    "ภูมิพล",
    "Σωκράτης",
    "Łukasz Wójcik",
]


@pytest.mark.parametrize(
    ("text", "code"), REFUSED_IN_EVERY_LABEL.values(), ids=list(REFUSED_IN_EVERY_LABEL)
)
def test_what_no_label_may_hold_is_refused_naming_the_character(text: str, code: str) -> None:
    for rule in (label_problem, name_problem):
        problem = rule(text)
        assert problem is not None, (rule.__name__, text)
        assert problem.code == code
        odd = next(c for c in text if not c.isalpha() and not c.isspace())
        assert f"U+{ord(odd):04X}" in problem.params["char"]


@pytest.mark.parametrize("text", REFUSED_IN_NAMES_ONLY.values(), ids=list(REFUSED_IN_NAMES_ONLY))
def test_a_symbol_is_no_part_of_a_name(text: str) -> None:
    problem = name_problem(text)
    assert problem is not None and problem.code == "symbol"
    assert label_problem(text) is None  # a label (a topic's option, a place) may hold one


@pytest.mark.parametrize("text", NAMES)
def test_names_of_every_script_pass(text: str) -> None:
    assert name_problem(text) is None
    assert label_problem(text) is None


@pytest.mark.parametrize(("text", "code"), LOOK_ALIKES.values(), ids=list(LOOK_ALIKES))
def test_a_name_that_looks_like_another_is_refused(text: str, code: str) -> None:
    problem = name_problem(text)
    assert problem is not None and problem.code == code, (text, problem)


# --- properties -------------------------------------------------------------------------

NOT_A_CHARACTER = st.one_of(
    st.characters(categories=["Cn"]),
    st.characters(categories=["Co"]),
    st.sampled_from([chr(c) for c in range(0xFDD0, 0xFDF0)]),
    st.integers(0, 16).map(lambda plane: chr(plane * 0x10000 + 0xFFFE)),
    st.integers(0, 16).map(lambda plane: chr(plane * 0x10000 + 0xFFFF)),
    st.sampled_from(["\ufffc", "\ufffd"]),
)
LETTERS = st.text(st.characters(categories=["L"]), min_size=1, max_size=8)


@given(LETTERS, NOT_A_CHARACTER, LETTERS)
def test_a_code_point_that_is_no_character_is_refused_anywhere_in_a_name(
    before: str, odd: str, after: str
) -> None:
    problem = name_problem(before + odd + after)
    assert problem is not None
    # Unassigned code points of the default-ignorable ranges (U+E0000, U+2065...) are
    # refused first as invisible: true as well, as a renderer shows them as nothing.
    expected = ("invisible",) if is_default_ignorable(odd) else ()
    assert problem.code in ("unassigned", "private_use", "noncharacter", "replacement", *expected)


@given(LETTERS, st.sampled_from(sorted(JOINERS)), LETTERS)
def test_a_joiner_passes_only_between_letters_of_a_joining_script(
    before: str, joiner: str, after: str
) -> None:
    text = before + joiner + after
    problem = label_problem(text)
    if problem is not None and problem.code != "joiner":
        return  # refused for another character (an invisible Hangul filler letter, ...)
    allowed = in_joining_script(before[-1]) and in_joining_script(after[0])
    assert (problem is None) == allowed, (text, problem)


@given(st.text(max_size=20))
def test_a_name_that_passes_holds_only_characters_of_written_text(text: str) -> None:
    if name_problem(text) is not None:
        return
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        assert category not in ("Cn", "Co", "Cs", "Cc", "Sm", "Sc", "So"), char
        assert not is_noncharacter(char)
        if char in JOINERS:
            assert 0 < index < len(text) - 1
            assert in_joining_script(text[index - 1]) and in_joining_script(text[index + 1])


LATIN_WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzé"), min_size=1, max_size=6)
LOOK_ALIKE_LETTER = st.one_of(
    st.characters(min_codepoint=0x0430, max_codepoint=0x044F),  # Cyrillic
    st.characters(min_codepoint=0x03B1, max_codepoint=0x03C9),  # Greek
)


@given(LATIN_WORD, LOOK_ALIKE_LETTER, LATIN_WORD)
def test_a_cyrillic_or_greek_letter_inside_a_latin_word_is_refused(
    before: str, odd: str, after: str
) -> None:
    problem = name_problem(before + odd + after)
    assert problem is not None and problem.code == "mixed_script"


@given(LATIN_WORD, st.characters(categories=["Zs"]).filter(lambda c: c != " "), LATIN_WORD)
def test_only_the_plain_space_separates_the_words_of_a_name(
    before: str, space: str, after: str
) -> None:
    problem = name_problem(before + space + after)
    assert problem is not None and problem.code == "space"


@given(st.text(max_size=20))
def test_a_name_that_passes_has_one_spelling(text: str) -> None:
    """What passes is in NFKC form character by character (modifier symbols excepted),
    single-spaced, with few marks per letter."""
    if name_problem(text) is not None:
        return
    assert "  " not in text
    marks = 0
    for char in text:
        category = unicodedata.category(char)
        assert category != "Zs" or char == " "
        if category != "Sk":
            assert unicodedata.normalize("NFKC", char) == char
        marks = marks + 1 if category[0] == "M" else 0
        assert marks <= 4


# --- a combining mark needs a letter to sit on (attack round 6, finding 10) ---------------

FLOATING_MARKS: dict[str, str] = {
    "acute after a space": "Sanne \u0301de Vries",
    "acute at the start": "\u0301Amal",
    "acute at the start of the second word": "Amal \u0301Haddad",
    "acute after a hyphen": "Jean-\u0301Paul",
    "acute after an apostrophe": "d'\u0301Souza",
    "acute after a period": "J.\u0301 Ruiz",
    "diaeresis after a digit": "Amal 3\u0308",
    "Arabic fatha after a space": "\u0645\u062d\u0645\u062f \u064e\u0639\u0644\u064a",
    "Devanagari vowel sign at the start": "\u093f\u0930\u093e\u092e",
    "Hebrew dagesh after a space": "\u05e9\u05e8\u05d4 \u05bc\u05db\u05d4\u05df",
    "only a mark": "\u0301",
    "mark after a modifier symbol": "N\u00b4\u0301Diaye",
}


@pytest.mark.parametrize("text", FLOATING_MARKS.values(), ids=list(FLOATING_MARKS))
def test_a_combining_mark_without_a_letter_under_it_is_refused(text: str) -> None:
    problem = name_problem(text)
    assert problem is not None and problem.code in ("floating_mark", "blank"), (text, problem)


CARRIED_MARKS: dict[str, str] = {
    "decomposed é": "Jose\u0301 Ruiz",
    "Vietnamese two marks": "Nguye\u0323\u0302n",
    "Arabic shadda and fatha": "\u0645\u062d\u0645\u0651\u064e\u062f",
    "Devanagari conjunct with ZWJ": "\u0915\u094d\u200d\u0937",
    "Devanagari vowel sign": "\u0930\u093e\u092e",
    "pointed Hebrew": "\u05e9\u05c1\u05bc\u05b8\u05e8\u05d4",
    "Thai vowel and tone marks": "\u0e2a\u0e38\u0e14\u0e32",
    "Tigrinya (no marks)": "\u1308\u1265\u1228\u1218\u12f5\u1205\u1295",
}


@pytest.mark.parametrize("text", CARRIED_MARKS.values(), ids=list(CARRIED_MARKS))
def test_a_mark_on_its_letter_passes(text: str) -> None:
    assert name_problem(text) is None, text


MARKS = st.characters(categories=["Mn", "Mc"]).filter(lambda c: unicodedata.combining(c) != 1)
NO_BASE = st.sampled_from([" ", "-", "'", ".", "3", "\u00b4"])


@given(LATIN_WORD, NO_BASE, MARKS, LATIN_WORD)
def test_a_mark_after_anything_but_a_letter_is_refused(
    before: str, no_base: str, mark: str, after: str
) -> None:
    assert name_problem(before + no_base + mark + after) is not None
    assert name_problem(mark + after) is not None


@given(st.text(max_size=20))
def test_every_mark_of_a_name_that_passes_follows_a_letter(text: str) -> None:
    """The property itself: in an accepted name a mark follows a letter, a mark or a
    joiner (which in turn stands only between letters or marks of a joining script)."""
    if name_problem(text) is not None:
        return
    for index, char in enumerate(text):
        if unicodedata.category(char)[0] == "M":
            assert index > 0
            before = text[index - 1]
            assert before in JOINERS or unicodedata.category(before)[0] in "LM"
