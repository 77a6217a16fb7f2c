"""Whatever the editors accept renders: long lists and long texts flow across pages in
every section of the PIP and the booklet, long unbroken words are broken inside the
column, and no text is drawn outside the page's margins.

Found by generating extremes (hypothesis) and by the largest values the editors accept
(ui.text_limits: 1,000 characters on a line, 20,000 in a text box; a letterhead field
200), plus a name stored before those limits existed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inburg_desktop.domain.letterhead import MAX_TEXT
from inburg_desktop.domain.pip import PvtIntensiteit
from inburg_desktop.pdf import booklet
from inburg_desktop.pdf.document import LEFT_MARGIN, PAGE_SIZE, RIGHT_MARGIN
from inburg_desktop.pdf.pip_document import PipDocument, render_pip
from inburg_desktop.prompts.catalogue import load_catalogue
from inburg_desktop.prompts.translations import prompt_text
from inburg_desktop.ui.text_limits import LONG_TEXT_MAX, SHORT_TEXT_MAX

from .samples import LISTS, SINGLE, Fields, pip_with, sample_doc

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")

LINE_EDIT_MAX = 32767  # QLineEdit.maxLength() by default: names stored before the limits
# Glyph boxes may stick out of the advance a little (side bearings, italics-free here).
SLACK = 1.0


def words_on_pages(pdf: Path) -> list[tuple[float, float, str]]:
    """(xMin, xMax, word) of every word poppler finds, on every page."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pattern = r'<word xMin="([\d.-]+)" yMin="[\d.-]+" xMax="([\d.-]+)" yMax="[\d.-]+">([^<]*)'
    return [(float(a), float(b), w) for a, b, w in re.findall(pattern, xhtml)]


def outside_margins(pdf: Path) -> list[tuple[float, float, str]]:
    left, right = LEFT_MARGIN - SLACK, PAGE_SIZE[0] - RIGHT_MARGIN + SLACK
    return [(a, b, w[:40]) for a, b, w in words_on_pages(pdf) if a < left or b > right]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    match = re.search(r"Pages:\s+(\d+)", info)
    assert match is not None
    return int(match[1])


def pdftotext(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def squeezed(pdf: Path) -> str:
    """All text, NFKC, without whitespace and format controls: words broken across lines
    read as one again."""
    text = unicodedata.normalize("NFKC", pdftotext(pdf))
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def test_thirty_pvt_activities_flow_across_pages(tmp_path: Path) -> None:
    """Issue 10: one table row taller than a page made every render exit 70."""
    doc = sample_doc(signatures=True)
    activities = tuple(
        f"Activiteit {n:02d}: bijeenkomst in het buurthuis over de kernwaarden van de "
        "Nederlandse samenleving, met een gesprek na afloop"
        for n in range(30)
    )
    b = doc.version.beschikking
    version = replace(doc.version, beschikking=replace(b, pvt=PvtIntensiteit(12, activities)))
    out = tmp_path / "pvt.pdf"
    out.write_bytes(render_pip(replace(doc, version=version)))
    assert page_count(out) > page_count_of(sample_doc(signatures=True), tmp_path)
    text = squeezed(out)
    numbers = [int(n) for n in re.findall(r"Activiteit(\d\d):", text)]
    assert numbers == list(range(30))  # all of them, once, in order
    assert outside_margins(out) == []


def page_count_of(doc: PipDocument, tmp_path: Path) -> int:
    out = tmp_path / "plain.pdf"
    out.write_bytes(render_pip(doc))
    return page_count(out)


LETTERS = {
    "latin": "abcdefghijklmnopqrstuvwxyzéë",
    "arabic": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "persian": "پچژگکی",
    "ethiopic": "ሀለሐመሠረሰሸቀበተቸኀነኘአከኸወዐዘዠየደጀገጠጨጰጸፀፈፐ",
}


def word(max_size: int, min_size: int = 1) -> st.SearchStrategy[str]:
    """Letters of one script."""
    return st.sampled_from(sorted(LETTERS)).flatmap(
        lambda script: st.text(
            st.sampled_from(LETTERS[script]), min_size=min_size, max_size=max_size
        )
    )


def long_text() -> st.SearchStrategy[str]:
    """Sentences, lines, or one unbroken word far wider than any column.

    Built from a few drawn words repeated a drawn number of times, so hypothesis explores
    sizes (up to a few thousand characters) without drawing every letter.
    """
    words = st.lists(word(12), min_size=1, max_size=5)
    sentence = st.tuples(words, st.integers(1, 25)).map(lambda t: " ".join(t[0] * t[1]))
    return st.one_of(
        sentence,
        st.tuples(sentence, st.integers(2, 6)).map(lambda t: "\n".join([t[0]] * t[1])),
        st.tuples(word(8), st.integers(6, 80)).map(lambda t: t[0] * t[1]),
    )


def some_text(long_one_in: int) -> st.SearchStrategy[str]:
    """Mostly a few words; one time in ``long_one_in`` a :func:`long_text`."""
    short = st.lists(word(12), min_size=1, max_size=4).map(" ".join)
    return st.integers(1, long_one_in).flatmap(lambda n: long_text() if n == 1 else short)


@st.composite
def entries(draw: st.DrawFn) -> list[str]:
    """Up to 40 entries of a list (PVT activities, goals, agreements)."""
    pool = draw(st.lists(some_text(6), min_size=1, max_size=3))
    return [pool[i % len(pool)] for i in range(draw(st.integers(0, 40)))]


@st.composite
def extremes(draw: st.DrawFn) -> Fields:
    single = {name: draw(some_text(3)) for name in SINGLE}
    lists = {name: draw(entries()) for name in LISTS}
    address = tuple(text[:MAX_TEXT] for text in draw(st.lists(some_text(2), max_size=4)))
    return Fields(single, lists, draw(st.sampled_from([None, "ar", "ti"])), address)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(f=extremes())
def test_generated_extremes_render_inside_the_margins(f: Fields, tmp_path: Path) -> None:
    out = tmp_path / "extreme.pdf"
    out.write_bytes(render_pip(pip_with(f)))
    assert outside_margins(out) == []


@pytest.mark.slow
def test_the_largest_values_the_editors_accept(tmp_path: Path) -> None:
    """Every one-line field full (1,000 characters, no space), text boxes full (20,000: a
    long explanation in three scripts, 200 PVT activities), 50 rows per list, the
    letterhead's fields at their 200-character limit; and a name stored before the
    editors had limits (Qt's line-edit default, 32,767 characters: one Arabic word)."""
    sentence = "Een zin met gewone woorden, een Arabisch woord مسجد en een Tigrinya ክንደይ. "
    line = "w" * SHORT_TEXT_MAX
    box = (sentence * (LONG_TEXT_MAX // len(sentence) + 1))[:LONG_TEXT_MAX]
    activities = [box[i : i + 99] for i in range(0, LONG_TEXT_MAX, 100)]  # lines of a box
    f = Fields(
        {
            **{name: line for name in SINGLE},
            "given_names": "أمل" * (LINE_EDIT_MAX // 3),
            "letterhead_name": "G" * MAX_TEXT,
            "college": "c" * MAX_TEXT,
            "postal_address": "p" * MAX_TEXT,
            "phone": "1" * MAX_TEXT,
            "email": "e" * MAX_TEXT,
            "website": "w" * MAX_TEXT,
            "toelichting": box,
        },
        {**{name: [sentence * 13] * 50 for name in LISTS}, "pvt": activities},
        "ar",
        ("a" * MAX_TEXT,) * 4,
    )
    out = tmp_path / "max.pdf"
    out.write_bytes(render_pip(pip_with(f)))
    assert outside_margins(out) == []
    text = squeezed(out)
    assert "أمل" * 500 in text  # the long Arabic name, broken over lines, reads as one word
    assert line in text  # a full line edit, broken over lines


def test_a_long_arabic_word_is_broken_inside_the_column(tmp_path: Path) -> None:
    doc = sample_doc()
    name = "ببتمسجد" * 60  # 420 letters, no space: wider than any column
    out = tmp_path / "word.pdf"
    out.write_bytes(render_pip(replace(doc, person=replace(doc.person, family_name=name))))
    assert outside_margins(out) == []
    assert name in squeezed(out)


def test_a_long_booklet_prompt_flows_across_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translation taller than a page (a translator's long note) no longer fails the
    booklet; the booklet's Dutch-and-translation rows flow like the PIP's."""
    long = " ".join(["ظضسؤال طويل جدا عن الحياة في هولندا"] * 400)
    real = prompt_text  # what booklet imported, replaced there for this test
    monkeypatch.setattr(
        booklet,
        "prompt_text",
        lambda key, lang: (
            long if key.startswith("prompt.") and key.endswith("taalmaatje") else real(key, lang)
        ),
    )
    out = tmp_path / "boekje.pdf"
    out.write_bytes(booklet.render_booklet(load_catalogue(), "ar"))
    assert outside_margins(out) == []
    text = unicodedata.normalize("NFKC", pdftotext(out))
    assert text.count("ظضسؤال") == 400  # every sentence, on whichever page


def test_a_long_header_stays_on_the_page(tmp_path: Path) -> None:
    """Later pages repeat the municipality's name and the kenmerk at the top: at their
    longest they are set smaller rather than run off the page."""
    name = " ".join(f"Gemeentenaam{n:02d}" for n in range(15))[:MAX_TEXT]
    kenmerk = " ".join(f"Kenmerk{n:02d}" for n in range(40))
    doc = replace(sample_doc(), kenmerk=kenmerk)
    doc = replace(doc, letterhead=replace(doc.letterhead, name=name, is_default=False))
    out = tmp_path / "header.pdf"
    out.write_bytes(render_pip(doc))
    xhtml = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-bbox", str(out), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    top = re.findall(
        r'yMin="([\d.-]+)" xMax="[\d.-]+" yMax="[\d.-]+">(Gemeentenaam\d\d|Kenmerk\d\d)', xhtml
    )
    assert sorted(w for _, w in top if w.startswith("Kenmerk")) == [
        f"Kenmerk{n:02d}" for n in range(40)
    ]
    assert len([w for _, w in top if w.startswith("Gemeentenaam")]) == name.count("Gemeentenaam")
    assert all(float(y) >= 0 for y, _ in top)
