"""A text no shipped font can draw stops the document instead of printing empty boxes
(attack round 6, finding 13): names the name rule accepts in Hebrew, Han, Hangul, Thai,
Devanagari, Tamil, Georgian or Armenian script came out as .notdef boxes in the PIP and
the fine letter, with nothing to tell the consultant. The check sits on the one text path
(``pdf.text.paragraph``), so it holds for every PDF; the scripts the fonts do have still
render."""

from __future__ import annotations

from dataclasses import replace

import pytest

from inburg_desktop.domain.problem import UndrawableText
from inburg_desktop.domain.safe_text import name_problem
from inburg_desktop.i18n import set_language
from inburg_desktop.messages import error_text
from inburg_desktop.pdf.fonts import check_drawable, register_fonts
from inburg_desktop.pdf.pip_document import render_pip

from .samples import sample_doc

# Names the name rule accepts (checked below), in scripts no shipped font has.
UNDRAWABLE = {
    "hebrew": ("שרה כהן", "U+05E9"),
    "han": ("李明", "U+674E"),
    "hangul": ("김민준", "U+AE40"),
    "thai": ("สมชาย", "U+0E2A"),
    "devanagari": ("प्रिया", "U+092A"),
    "tamil": ("முருகன்", "U+0BAE"),
    "georgian": ("ნინო", "U+10DC"),
    "armenian": ("Արամ", "U+0531"),
}
# Scripts the shipped fonts draw (Noto Sans, Noto Naskh Arabic, Noto Sans Ethiopic).
DRAWABLE = {
    "latin": "Zoë Ğündüz-Ñúñez",
    "cyrillic": "Ольга Петрова",
    "greek": "Ελένη Παπαδοπούλου",
    "arabic": "أمل حداد",
    "persian": "پریسا ژیان",
    "ethiopic": "ሰምሃር ገብረመድህን",
}


@pytest.fixture(autouse=True)
def _fonts() -> None:
    register_fonts()
    set_language("nl")


@pytest.mark.parametrize("script", sorted(UNDRAWABLE))
def test_a_name_no_font_has_is_refused_naming_the_character_not_the_name(script: str) -> None:
    name, first = UNDRAWABLE[script]
    assert name_problem(name) is None  # the name rule lets it in: the PDF must cope
    doc = sample_doc()
    doc = replace(doc, person=replace(doc.person, given_names=name))
    with pytest.raises(UndrawableText) as refused:
        render_pip(doc)
    said = error_text(refused.value)
    assert first in said and "lettertype" in said
    assert name not in said and not any(part in said for part in name.split())


@pytest.mark.parametrize("script", sorted(DRAWABLE))
def test_names_in_the_shipped_scripts_still_render(script: str) -> None:
    doc = sample_doc()
    doc = replace(doc, person=replace(doc.person, given_names=DRAWABLE[script]))
    assert render_pip(doc).startswith(b"%PDF")


def test_marks_joiners_and_blanks_need_no_glyph_of_their_own() -> None:
    # a combining accent, ZWNJ (Persian), a no-break and a thin space, a line separator
    check_drawable(
        "e\u0301 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\u00a0\u2009\u2028", "NotoSans"
    )


def test_at_most_three_characters_are_named() -> None:
    with pytest.raises(UndrawableText) as refused:
        check_drawable("李明 김민준 สมชาย", "NotoSans")
    assert refused.value.params["chars"].count("U+") == 3


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("\u05e9\u05b8", "U+05E9"),  # Hebrew shin with qamats: letter and point both boxes
        ("Amal\u05b8", "U+05B8"),  # a Hebrew point alone on a Latin letter
        ("Amal\ufff9Haddad\ufffb", "U+FFF9"),  # interlinear annotation: a box
        ("Amal\U000e0020niet", "U+E0020"),  # a tag character: hidden text in the layer
    ],
)
def test_marks_and_format_characters_no_font_draws_are_refused(text: str, named: str) -> None:
    """Attack round 7, finding 6: the check skipped every mark and format character."""
    with pytest.raises(UndrawableText) as refused:
        check_drawable(text, "NotoSans")
    assert named in refused.value.params["chars"]
