"""A text no shipped font can draw never prints as empty boxes (attack round 6, finding
13: names in Hebrew, Han, Hangul, Thai… came out as .notdef boxes) and never stops the
document either (attack round 8, finding 3: one emoji in a note blocked the whole
overview): each such character prints as its code, the PDF ends with a note naming the
field, and the caller learns the same through ``text.replacements``. It sits on the one
text path (``pdf.text.paragraph``), so it holds for every PDF; the scripts the fonts do
have still render."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.domain.test_case_document import valid_document
from tests.ui.pdf_text import pdf_text

from inburg_desktop.domain.problem import GlyphsReplaced, UndrawableText
from inburg_desktop.domain.safe_text import name_problem
from inburg_desktop.i18n import set_language
from inburg_desktop.messages import problem_text
from inburg_desktop.pdf.document import REPLACED_TITLE, replaced_summary
from inburg_desktop.pdf.fonts import check_drawable, register_fonts, undrawable_chars
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.pdf.subject_access import render_subject_access
from inburg_desktop.pdf.text import drawable, replacements
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.services.subject_access import build_report

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
def test_a_name_no_font_has_prints_as_its_code_and_the_user_is_told_where(script: str) -> None:
    """Attack round 8, finding 3: one character no font has stopped the whole document.
    Now the rest prints, the character stands as its code, the PDF ends with a note
    naming the field, and the message names the character, never the name."""
    name, first = UNDRAWABLE[script]
    assert name_problem(name) is None  # the name rule lets it in: the PDF must cope
    doc = sample_doc()
    doc = replace(doc, person=replace(doc.person, given_names=name))
    with replacements() as replaced:
        pdf = render_pip(doc)
    text = pdf_text(pdf)
    assert f"<{first}>" in text and REPLACED_TITLE in text
    assert doc.person.family_name in text  # the rest of the name, and the document, print
    said = problem_text(GlyphsReplaced(**replaced_summary(replaced)))
    assert first in said and "lettertype" in said
    assert name not in said and not any(part in said for part in name.split())


TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=TEXT)
def test_any_text_in_a_note_never_stops_the_overview(note: str) -> None:
    """Random unicode in a consultant's note: the overview is made, and every character
    no font has is reported under the note's label."""
    doc = valid_document()
    fields = tuple(
        replace(f, value=note) if f.key == "intake.opleiding.notes" else f for f in doc.fields
    )
    with replacements() as replaced:
        pdf = render_subject_access(build_report(replace(doc, fields=fields)))
    assert pdf.startswith(b"%PDF")
    missing = undrawable_chars(drawable(note), "NotoSans")
    label = shipped_catalogue().notes_label
    reported = {c for r in replaced if r.field == label for c in r.chars.split(", ")}
    assert {f"U+{ord(c):04X}" for c in missing} == {c.split()[0] for c in reported}


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=TEXT)
def test_any_text_in_a_pip_explanation_never_stops_the_pip(note: str) -> None:
    doc = sample_doc()
    beschikking = replace(doc.version.beschikking, toelichting=note)
    doc = replace(doc, version=replace(doc.version, beschikking=beschikking))
    with replacements() as replaced:
        pdf = render_pip(doc)
    assert pdf.startswith(b"%PDF")
    assert bool(replaced) == bool(undrawable_chars(drawable(note), "NotoSans"))


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


def test_the_check_still_names_at_most_three_characters() -> None:
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
