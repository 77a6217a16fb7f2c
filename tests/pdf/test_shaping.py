"""Shaped, right-to-left and Ethiopic text in real PDFs, read back with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from inburg_desktop.pdf import DocumentInfo, build_pdf, paragraph
from inburg_desktop.pdf.bidi import embedding_levels, visual_order
from inburg_desktop.pdf.pip_document import phone_as_one_number
from inburg_desktop.pdf.text import ShapedParagraph, _shape

DUTCH = "Wat is de hoogste opleiding die u hebt afgerond? (bijvoorbeeld: basisschool, officieel)"
ARABIC = "ما هو أعلى مستوى تعليمي وصلت إليه؟ (مثلاً: المدرسة الابتدائية، الثانوية، الجامعة)"
ARABIC_NUMBER = "كم سنة درست في المدرسة؟ درست 12 سنة."
DARI = "پدر و مادر شما چند سال دارند؟ ژاله و گلچین به مکتب می‌روند."
TIGRINYA = "ክንደይ ዓመት ትምህርቲ ተማሂርካ/ኪ?"

# pdftotext marks right-to-left runs with bidi embedding controls; they are not text.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
# Number-like characters: digits and the separators poppler groups with them.
_NUMBERISH = r"[0-9\u0660-\u0669\u06f0-\u06f9.,:;،؛]"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} (poppler-utils) is not installed")
    return path


def reading_text(text: str) -> str:
    """NFKC, bidi controls dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS)
    return " ".join(text.split())


def without_number_spacing(text: str) -> str:
    """:func:`reading_text` minus the spaces beside digits and number punctuation.

    poppler's reordering of right-to-left lines treats digits and separators such as
    "،" and ":" as a left-to-right run and moves the space after one to before it
    ("الابتدائية، الثانوية" comes out as "الابتدائية ،الثانوية"). That is poppler's, not
    the PDF's: the word-position test below checks the page itself.
    """
    return re.sub(rf"\s*({_NUMBERISH})\s*", r"\1", reading_text(text))


def pdftotext(pdf: Path, *options: str) -> str:
    result = subprocess.run(
        [_tool("pdftotext"), *options, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def render(tmp_path: Path, name: str, items: list[tuple[str, str]]) -> Path:
    out = tmp_path / f"{name}.pdf"
    info = DocumentInfo(name, "inburg-desktop tests", "shaping", "nl", datetime(2026, 5, 11, 9))
    out.write_bytes(build_pdf([paragraph(text, lang) for lang, text in items], info))
    return out


@pytest.mark.parametrize("mode", [(), ("-layout",)], ids=["default", "layout"])
def test_arabic_and_dari_extract_in_reading_order(tmp_path: Path, mode: tuple[str, ...]) -> None:
    pdf = render(
        tmp_path,
        "annex",
        [("nl", "Bijlage"), ("ar", ARABIC), ("ar", ARABIC_NUMBER), ("prs", DARI)],
    )
    text = pdftotext(pdf, *mode)
    lines = [reading_text(line) for line in text.splitlines() if line.strip()]
    assert reading_text(DARI) in lines
    assert reading_text("Bijlage") in lines
    extracted = without_number_spacing(text)
    assert without_number_spacing(ARABIC) in extracted
    assert without_number_spacing(ARABIC_NUMBER) in extracted


@pytest.mark.parametrize("mode", [(), ("-layout",), ("-raw",)], ids=["default", "layout", "raw"])
def test_dutch_and_tigrinya_extract_exactly(tmp_path: Path, mode: tuple[str, ...]) -> None:
    pdf = render(tmp_path, "ltr", [("nl", DUTCH), ("ti", TIGRINYA), ("nl", "Einde.")])
    lines = [reading_text(line) for line in pdftotext(pdf, *mode).splitlines()]
    assert reading_text(DUTCH) in lines
    assert reading_text(TIGRINYA) in lines
    # No ligature glyphs in Dutch: the word is found as typed, without NFKC.
    assert "officieel" in pdftotext(pdf, *mode)


def _bbox_words(pdf: Path) -> list[tuple[float, float, str]]:
    xhtml = pdftotext(pdf, "-bbox")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>'
    return [(float(x), float(y), w) for x, y, w in re.findall(pattern, xhtml)]


def _is_rtl_word(word: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in word)


@pytest.mark.parametrize("lang,text", [("ar", ARABIC), ("ar", ARABIC_NUMBER), ("prs", DARI)])
def test_words_run_right_to_left_on_the_page(tmp_path: Path, lang: str, text: str) -> None:
    """Read the page right to left, word by word: that is the source, letter for letter."""
    pdf = render(tmp_path, "one", [(lang, text)])
    words = [w for w in _bbox_words(pdf) if not w[2].startswith("pagina") and w[2] not in "van1"]
    assert len({round(y) for _, y, _ in words}) == 1, "one line expected"
    # poppler lists a right-to-left word's letters left to right (visual order).
    right_to_left = [w[::-1] if _is_rtl_word(w) else w for _, _, w in sorted(words, reverse=True)]
    expected = unicodedata.normalize("NFKC", text).replace(" ", "")
    assert unicodedata.normalize("NFKC", "".join(right_to_left)) == expected


def test_arabic_paragraph_is_right_aligned(tmp_path: Path) -> None:
    pdf = render(tmp_path, "align", [("ar", "نعم"), ("nl", "ja")])
    words = {w: x for x, _, w in _bbox_words(pdf)}
    # "ja" starts at the left margin; the short Arabic word sits at the far right.
    assert words["ja"] < 100
    assert words["معن"] > 450


def test_arabic_letters_take_their_joining_forms() -> None:
    # ب alone, then initial, medial and final in ببب: four different glyphs.
    alone, _ = _shape([ord("ب")], 0, 1, "NotoNaskhArabic", 10, True, "ar")
    joined, _ = _shape([ord("ب")] * 3, 0, 3, "NotoNaskhArabic", 10, True, "ar")
    assert len({g.char for g in (*alone, *joined)}) == 4


def test_right_to_left_runs_are_mirrored_and_numbers_stay_left_to_right() -> None:
    text = "صنف (12)"
    levels = embedding_levels(text, rtl=True)
    assert levels == [1, 1, 1, 1, 1, 2, 2, 1]
    visual = "".join(text[i] for i in visual_order(levels))
    # Glyph mirroring turns the displayed ")" "(" back into brackets that face the number.
    assert visual == ")12( فنص"


def test_latin_inside_arabic_keeps_its_own_order() -> None:
    text = "المستوى B1 أو A2"
    visual = "".join(text[i] for i in visual_order(embedding_levels(text, rtl=True)))
    assert visual == "A2 وأ B1 ىوتسملا"


def test_long_arabic_paragraph_breaks_into_lines_and_splits_across_pages(tmp_path: Path) -> None:
    story = [paragraph(" ".join([ARABIC] * 60), "ar")]
    assert isinstance(story[0], ShapedParagraph)
    out = tmp_path / "long.pdf"
    out.write_bytes(build_pdf(story, DocumentInfo("long", "t", "s", "ar", datetime(2026, 1, 1))))
    first = pdftotext(out, "-f", "1", "-l", "1")
    assert "pagina 1 van 2" in first
    assert reading_text("الابتدائية") in reading_text(first)
    assert "pagina 2 van 2" in pdftotext(out, "-f", "2", "-l", "2")


def test_a_phone_number_in_arabic_keeps_its_digit_groups_in_order() -> None:
    """Wassenaar's number is "14 070": read in an Arabic line it must not become 070 14."""
    plain = "الهاتف 14 070."
    visual = "".join(plain[i] for i in visual_order(embedding_levels(plain, rtl=True)))
    assert visual == ".070 14 فتاهلا"  # what a plain space does: the groups swap
    joined = "الهاتف " + phone_as_one_number("14 070") + "."
    visual = "".join(joined[i] for i in visual_order(embedding_levels(joined, rtl=True)))
    assert visual.replace("\u00a0", " ") == ".14 070 فتاهلا"
