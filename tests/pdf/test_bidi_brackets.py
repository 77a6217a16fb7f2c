"""Brackets in right-to-left text face the right way (usability round 3, finding 14).

In the Arabic annex "Zelfredzaamheidsroute (Z-route)." came out as "(Z-route(": the
opening bracket resolved left-to-right with the Latin term, the closing one right-to-left
with the Arabic after it, and HarfBuzz mirrored only the latter. The kind: any Latin term,
number, date or article reference in parentheses inside a right-to-left paragraph.

Checked on the shaped glyphs as drawn, left to right on the line: of each pair, the
glyph drawn on the left must be the font's "(" and the one on the right its ")" (a
mirrored bracket is the other glyph), whichever direction the pair resolved to.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from tests.pdf.samples import sample_doc

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.pdf.bidi import embedding_levels, visual_order
from inburg_desktop.pdf.fonts import shaping_font
from inburg_desktop.pdf.pip_document import annex_lines, render_pip
from inburg_desktop.pdf.text import ShapedParagraph, paragraph_style
from inburg_desktop.services.pip_service import annex_texts

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTH = 400.0  # points: one line for every sentence below

# (language, text) with a parenthesised Latin term, number, date or article reference
RTL_CASES = [
    ("ar", "مسار التعلم الخاص بك هو Zelfredzaamheidsroute (Z-route). هدفك هو A1."),
    ("ar", "مسار التعلم الخاص بك هو (Z-route)."),
    ("ar", "هذا القرار مبني على (Besluit inburgering art. 3.14 lid 6) فقط."),
    ("ar", "راجع المادة Wet inburgering 2021 (art. 15 lid 1) من فضلك."),
    ("ar", "تبدأ المدة (30-11-2026) وتنتهي لاحقًا."),
    ("ar", "ستحصل على 800 ساعة (800 uur) من الدروس."),
    ("ar", "اتصل بـ Sanne de Vries (consulent) اليوم."),
    ("prs", "مسیر آموزشی شما Zelfredzaamheidsroute (Z-route) است."),
    ("prs", "تاریخ (29 december 2026) را به یاد داشته باشید."),
    ("fa", "این تصمیم بر اساس Besluit (art. 5.4 lid 3) است."),
    ("fa", "شما باید [B1] را بگذرانید."),
]
LTR_CASES = [
    ("ti", "መስመር ትምህርትኹም Zelfredzaamheidsroute (Z-route) እዩ።"),
    ("nl", "Uw leerroute is de Zelfredzaamheidsroute (Z-route)."),
]


def _drawn_brackets(para: ShapedParagraph, width: float) -> str:
    """The bracket glyphs of ``para`` as drawn, left to right on each line: "(" or ")"
    (or "[" "]") for the glyph on the page, not the character it stands for."""
    para.wrap(width, 1e6)
    out = []
    for line in para._layout(width):
        units = line.units
        for index in visual_order([u.level for u in units]):
            unit = units[index]
            glyph_of = shaping_font(unit.font).face.charToGlyph
            shapes = {glyph_of.get(ord(c)): c for c in "()[]"}
            out += [
                shapes[g] for glyph in unit.glyphs if (g := glyph_of.get(ord(glyph.char))) in shapes
            ]
    return "".join(out)


def _one_line(text: str, lang: str) -> str:
    para = ShapedParagraph(text, paragraph_style(lang), lang=lang)
    drawn = _drawn_brackets(para, WIDTH)
    assert len(para._layout(WIDTH)) == 1, text
    return drawn


@pytest.mark.parametrize(
    ("lang", "text"),
    RTL_CASES + LTR_CASES,
    ids=[f"{lang}-{n}" for n, (lang, _t) in enumerate(RTL_CASES + LTR_CASES)],
)
def test_every_bracket_pair_faces_its_content(lang: str, text: str) -> None:
    drawn = _one_line(text, lang)
    assert drawn in ("()", "[]"), f"{text!r} draws its brackets as {drawn!r}"


def test_a_latin_term_keeps_both_brackets_on_its_side() -> None:
    text = RTL_CASES[0][1]
    levels = embedding_levels(text, rtl=True)
    opening, closing = text.index("("), text.index(")")
    assert levels[opening] == levels[closing] == levels[text.index("Z-route")]


def test_the_arabic_annex_of_a_z_route_pip_draws_its_brackets_right() -> None:
    """With INBURG_SCREENSHOTS=1 it writes the annex page as
    docs/screenshots/pip-annex-arabic-z-route.png (pdftoppm)."""
    doc = sample_doc("ar")
    beschikking = replace(doc.version.beschikking, leerroute=Leerroute.Z)
    doc = replace(doc, version=replace(doc.version, beschikking=beschikking))
    if os.environ.get("INBURG_SCREENSHOTS") == "1":
        _annex_screenshot(render_pip(doc))
    for lang in ("ar", "prs", "fa"):
        lines = annex_lines(doc, lang, annex_texts(lang))
        with_brackets = [text for _key, text in lines if "(" in text]
        assert with_brackets, lang  # the route name "… (Z-route)" is in the annex
        for text in with_brackets:
            para = ShapedParagraph(text, paragraph_style(lang), lang=lang)
            drawn = _drawn_brackets(para, 2000.0)  # one line: the drawn order is the line's
            assert drawn == "()" * text.count("("), f"{lang}: {text!r} draws {drawn!r}"


def _annex_screenshot(pdf: bytes) -> None:
    tool = shutil.which("pdftoppm")
    assert tool is not None, "pdftoppm (poppler-utils) is needed for the screenshot"
    pages = subprocess.run(
        [shutil.which("pdfinfo") or "pdfinfo", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    last = int(re.search(r"^Pages:\s+(\d+)", pages, re.M).group(1))  # type: ignore[union-attr]
    SHOTS.mkdir(parents=True, exist_ok=True)
    png = subprocess.run(
        [tool, "-png", "-r", "110", "-f", str(last), "-l", str(last), "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    (SHOTS / "pip-annex-arabic-z-route.png").write_bytes(png)
