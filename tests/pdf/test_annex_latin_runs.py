"""Latin text in a right-to-left annex stays one left-to-right run (usability round 4,
finding 13): "Gemeente Wassenaar, Postbus 12, 2240 AA Wassenaar" broke over two lines
with "Gemeente" at the left end of one line and the rest at the right end of the next,
and a run that starts with digits after Arabic text ("2240 AA Wassenaar") showed its
number after its words (UAX #9 W2 makes those digits Arabic numbers). The PDF treats a
Latin run (an address, a V-nummer, an e-mail address, a name) as one left-to-right
isolate (``pdf.bidi.latin_runs``) and keeps it on one line (``pdf.text._break_lines``).

Checked on the levels (the run reads left to right, in one piece), on the lines a
paragraph is broken into at every width, and on the rendered PDF with pdftotext -layout.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import pytest
from tests.pdf.samples import sample_doc

from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.pdf.bidi import embedding_levels, visual_order
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.pdf.text import ShapedParagraph, paragraph_style
from inburg_desktop.services.pip_service import annex_texts

ADDRESS = "Stationsstraat 12, 1234 AB Amersfoort"
RUNS = [
    ADDRESS,
    "2240 AA Wassenaar",  # digits first: Arabic numbers by W2 alone
    "Gemeente Wassenaar, Postbus 12, 2240 AA Wassenaar",
    "info@wassenaar.nl",
    "V-nummer 1234567890",
    "Sanne de Vries-van den Berg",
    "Zelfredzaamheidsroute (Z-route)",
]
CONTEXTS = {
    "ar": ("أرسل رسالة إلى {run}. شكرا", "اتصل بـ {run}، الهاتف 070"),
    "fa": ("نامه را به {run} بفرستید.", "با {run} تماس بگیرید."),
    "prs": ("نامه را به {run} بفرستید.", "با {run} تماس بگیرید."),
}


def _visual(text: str) -> str:
    levels = embedding_levels(text, rtl=True)
    return "".join(text[i] for i in visual_order(levels))


@pytest.mark.parametrize("run", RUNS)
@pytest.mark.parametrize("lang", sorted(CONTEXTS))
def test_a_latin_run_reads_left_to_right_in_one_piece(lang: str, run: str) -> None:
    for context in CONTEXTS[lang]:
        text = context.format(run=run)
        start = text.index(run)
        levels = embedding_levels(text, rtl=True)
        assert len(set(levels[start : start + len(run)])) == 1, (text, levels)
        assert run in _visual(text), (text, _visual(text))


def _line_of_each_char(para: ShapedParagraph, width: float) -> list[int]:
    line_of = [0] * len(para.text)
    for number, line in enumerate(para._layout(width)):
        for unit in line.units:
            for index in range(unit.start, unit.end):
                line_of[index] = number
    return line_of


@pytest.mark.parametrize("lang", ["ar", "fa", "prs"])
def test_a_latin_run_is_never_broken_over_two_lines(lang: str) -> None:
    """At every width from 90 to 460 points: the run is on one line whenever it fits."""
    run = "Gemeente Amersfoort, " + ADDRESS
    text = CONTEXTS[lang][0].format(run=run)
    start = text.index(run)
    style = paragraph_style(lang)
    whole = ShapedParagraph(run, style, lang)
    whole.wrap(10_000, 1e6)
    run_width = whole._layout(10_000)[0].width
    broken = []
    for width in range(90, 461, 5):
        para = ShapedParagraph(text, style, lang)
        para.wrap(width, 1e6)
        lines = set(_line_of_each_char(para, width)[start : start + len(run)])
        if run_width <= width and len(lines) > 1:
            broken.append(width)
        if run_width > width:  # too wide: broken at its own spaces, never inside a word
            for line in para._layout(width):
                for unit in line.units:
                    if unit.start >= start and unit.end <= start + len(run) and not unit.space:
                        assert " " not in text[unit.start : unit.end]
    assert broken == [], f"{lang}: the run is broken over two lines at widths {broken}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_the_arabic_annex_prints_the_address_as_one_run() -> None:
    """The round-4 case: the objection sentence ends with the municipality's address."""
    doc = sample_doc("ar", signed=False)
    head = replace(Letterhead(), name="Gemeente Amersfoort", postal_address=ADDRESS)
    doc = replace(doc, letterhead=head, annex_texts=annex_texts("ar"))
    pdf = render_pip(doc)
    pages = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    last = next(
        line.split()[-1] for line in pages.stdout.decode().splitlines() if line.startswith("Pages:")
    )
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", last, "-l", last, "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert f"Gemeente Amersfoort, {ADDRESS}" in text, text
