"""The name rule's holes of attack round 4, as kinds: fillers and blank-looking letters
(U+16FE4 KHITAN SMALL SCRIPT FILLER passed), overlay marks drawn through a letter
(U+0336 COMBINING LONG STROKE OVERLAY passed) and runs of tatweel or of one mark (50
U+0640 ARABIC TATWEEL in a row passed); and real names in the script of every prompt
language still pass. Also the ASCII fast path of the rule, which must say what the full
rule says."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.safe_text import (
    BLANK_LOOKALIKES,
    DEFAULT_IGNORABLE_RANGES,
    ELONGATION,
    JOINERS,
    MAX_MARKS_PER_LETTER,
    _full_name_problem,
    _label_char_problem,
    label_problem,
    name_problem,
)

FILLERS_AND_BLANKS = sorted(
    {
        "\u115f",  # HANGUL CHOSEONG FILLER
        "\u1160",  # HANGUL JUNGSEONG FILLER
        "\u3164",  # HANGUL FILLER
        "\uffa0",  # HALFWIDTH HANGUL FILLER
        "\u2800",  # BRAILLE PATTERN BLANK
        "\U00016fe4",  # KHITAN SMALL SCRIPT FILLER (attack round 4)
        "\u180e",  # MONGOLIAN VOWEL SEPARATOR
        "\U0001d159",  # MUSICAL SYMBOL NULL NOTEHEAD
        "\U00013441",  # EGYPTIAN HIEROGLYPH FULL BLANK (unassigned before Unicode 15)
        "\U00013442",  # EGYPTIAN HIEROGLYPH HALF BLANK
        *BLANK_LOOKALIKES,
    }
)
# Every overlay mark (Canonical_Combining_Class 1) the running Unicode database has,
# but Bassa Vah's tones, which that script's spelling uses.
OVERLAYS = sorted(
    char
    for char in map(chr, range(sys.maxunicode + 1))
    if unicodedata.combining(char) == 1 and not unicodedata.name(char).startswith("BASSA")
)
DEFAULT_IGNORABLE = sorted(
    chr(point)
    for low, high in DEFAULT_IGNORABLE_RANGES
    for point in range(low, high + 1)
    if chr(point) not in JOINERS
)
ISSUE_EXAMPLES = {
    "Khitan filler inside": "Had\U00016fe4dad",
    "Khitan filler alone": "\U00016fe4",
    "fifty tatweel inside": "Had" + "\u0640" * 50 + "dad",
    "fifty tatweel alone": "\u0640" * 50,
    "tatweel run after Arabic": "محمد" + "\u0640" * 3,
    "long stroke overlay": "H\u0336a\u0336d\u0336d\u0336a\u0336d\u0336",
    "long stroke overlay once": "Had\u0336dad",
    "short stroke overlay": "Had\u0335dad",
    "tilde overlay": "Had\u0334dad",
    "solidus overlays": "Ha\u0337d\u0338dad",
    "vertical line overlays": "Ha\u20d2d\u20d3dad",
    "reverse solidus overlay": "Had\u20e5dad",
    "double vertical stroke overlay": "Had\u20e6dad",
    "Vedic midline svara": "Ha\u1cd4ddad",
}


@pytest.mark.parametrize("text", ISSUE_EXAMPLES.values(), ids=list(ISSUE_EXAMPLES))
def test_the_examples_of_attack_round_4_are_refused_as_name_and_label(text: str) -> None:
    assert name_problem(text) is not None, text
    assert label_problem(text) is not None, text


@pytest.mark.parametrize("char", FILLERS_AND_BLANKS + DEFAULT_IGNORABLE[:64] + OVERLAYS)
def test_every_filler_blank_and_overlay_is_refused_inside_a_name_naming_it(char: str) -> None:
    for text in (f"Had{char}dad", f"محم{char}د", char):
        problem = name_problem(text)
        assert problem is not None, text
        assert label_problem(text) is not None, text
    problem = name_problem(f"Had{char}dad")
    assert problem is not None
    assert f"U+{ord(char):04X}" in problem.render()


def test_every_default_ignorable_code_point_is_refused() -> None:
    for char in DEFAULT_IGNORABLE:
        assert label_problem(f"Had{char}dad") is not None, f"U+{ord(char):04X}"


HIDING = st.sampled_from([*FILLERS_AND_BLANKS, *OVERLAYS, *DEFAULT_IGNORABLE, *ELONGATION, " "])


@given(st.text(HIDING, min_size=1, max_size=12))
def test_any_text_made_of_fillers_blanks_overlays_and_tatweel_is_refused(text: str) -> None:
    if text.strip():  # all spaces is the caller's "empty"
        assert name_problem(text) is not None, ascii(text)
        assert label_problem(text) is not None, ascii(text)


LATIN = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzéëüç"), min_size=1, max_size=6)
ARABIC = st.text(st.characters(min_codepoint=0x0628, max_codepoint=0x063A), min_size=1, max_size=6)


@given(
    st.one_of(LATIN, ARABIC),
    st.sampled_from([*FILLERS_AND_BLANKS, *OVERLAYS, *ELONGATION]),
    st.one_of(LATIN, ARABIC),
)
def test_a_filler_overlay_or_tatweel_anywhere_in_a_name_is_refused(
    before: str, odd: str, after: str
) -> None:
    assert name_problem(before + odd + after) is not None


@given(ARABIC, st.integers(2, 60), ARABIC)
def test_a_run_of_tatweel_is_refused_even_in_a_label(before: str, run: int, after: str) -> None:
    problem = label_problem(before + "\u0640" * run + after)
    assert problem is not None and problem.code == "elongation_run"


@given(
    LATIN,
    st.characters(categories=["Mn"]).filter(lambda c: unicodedata.combining(c) not in (0, 1)),
    st.integers(2, MAX_MARKS_PER_LETTER),
)
def test_the_same_mark_twice_on_one_letter_is_refused_in_a_name(
    word: str, mark: str, times: int
) -> None:
    problem = name_problem(word + mark * times)
    assert problem is not None


def test_one_tatweel_is_refused_in_a_name_but_allowed_in_a_label() -> None:
    """Decided: a tatweel only draws a joint wider, so ``محـمد`` would be a second
    spelling of ``محمد``; the name rule asks to leave it out. A label (a heading-like
    option or place) may widen one joint."""
    problem = name_problem("مح\u0640مد")
    assert problem is not None and problem.code == "elongation"
    assert "U+0640" in problem.params["char"]
    assert label_problem("مح\u0640مد") is None


# Real names in the script of each prompt language (translations/prompts: ar, en, fa, fr,
# ku, prs, so, ti, tr), and Vietnamese with stacked diacritics, precomposed and not.
REAL_NAMES = {
    "Arabic": "محمد الحداد",
    "Arabic with harakat": "مُحَمَّد عَلِيّ",
    "Persian (fa) with ZWNJ": "مهر\u200cانگیز رحیمی",
    "Dari (prs) with ZWNJ": "ذبیح\u200cالله احمدزی",
    "Dari": "فرشته نوری",
    "Kurdish Sorani (ku)": "شێرکۆ بێکەس",
    "Kurdish Kurmanji (ku)": "Şêrko Bêkes",
    "Tigrinya (ti)": "ኣማኒኤል ተስፋይ ገብረመድህን",
    "Somali (so)": "Cabdiraxmaan Xuseen Maxamed",
    "Turkish (tr)": "Ömer Faruk Yılmaz-Güneş",
    "French (fr)": "Hélène Lefèvre-Gaëlle",
    "English (en)": "Mary O'Neil",
    "Vietnamese": "Nguyễn Thị Ngọc Ánh",
    "Vietnamese decomposed": unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Ánh Đặng"),
    "Vietnamese dot below and circumflex": "Ngu" + "e\u0323\u0302" + "n",
    "Hebrew with points": "שִׁמְעוֹן",
}


@pytest.mark.parametrize("text", REAL_NAMES.values(), ids=list(REAL_NAMES))
def test_real_names_of_every_prompt_language_pass(text: str) -> None:
    assert name_problem(text) is None, name_problem(text)
    assert label_problem(text) is None


# --- the ASCII fast path ----------------------------------------------------------------


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40))
def test_the_ascii_fast_path_says_what_the_full_rule_says(text: str) -> None:
    assert name_problem(text) == _full_name_problem(text)
    assert label_problem(text) is None


def test_no_printable_ascii_character_is_refused_by_the_label_rule() -> None:
    """What lets :func:`label_problem` pass printable ASCII without looking."""
    for point in range(0x20, 0x7F):
        assert _label_char_problem(chr(point)) is None
