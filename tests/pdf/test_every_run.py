"""No text is ever silently dropped from a PIP: every field, in every section, names and
letterhead included, is set in a font that has its script (Latin, Arabic, Persian,
Ethiopic) and comes back from ``pdftotext``.

The check cannot pass vacuously: every generated word starts with a marker no template
text contains, is made of letters only and is counted (a word the PDF shows once for two
fields must come back twice). Extracted text is NFKC-normalised (Arabic presentation
forms become letters), bidi controls that poppler adds are dropped and tokens are cut at
anything that is not a letter or mark, so poppler's placement of punctuation and the
order of words in a right-to-left line do not matter; the letters inside each word, in
logical order, do.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.pdf.pip_document import render_pip

from .samples import LISTS, SINGLE, Fields, pip_with, sample_doc

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils not installed"
)

ETHIOPIC = "".join(chr(c) for c in range(0x1200, 0x1380) if unicodedata.category(chr(c)) == "Lo")
# Each script: a marker no template text contains, then letters of that script.
SCRIPTS = {
    "latin": ("Zq", "abcdefghijklmnopqrstuvwxyzéëïöüçñ"),
    "arabic": ("ظض", "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى"),
    "persian": ("ژگ", "پچژگکیابتسشمنورهد"),
    "ethiopic": ("ፚ", ETHIOPIC),
}


def words(script: str) -> st.SearchStrategy[str]:
    marker, letters = SCRIPTS[script]
    return st.text(st.sampled_from(letters), min_size=2, max_size=7).map(marker.__add__)


def field_text() -> st.SearchStrategy[str]:
    """One to four words, each in a script of its own, mixed in one field."""
    word = st.sampled_from(sorted(SCRIPTS)).flatmap(words)
    return st.lists(word, min_size=1, max_size=4).map(" ".join)


@st.composite
def fields(draw: st.DrawFn) -> Fields:
    single = {name: draw(field_text()) for name in SINGLE}
    lists = {name: draw(st.lists(field_text(), min_size=1, max_size=3)) for name in LISTS}
    address = tuple(draw(st.lists(field_text(), min_size=1, max_size=4)))
    return Fields(single, lists, draw(st.sampled_from([None, "ar", "ti"])), address)


def letter_runs(text: str) -> list[str]:
    """NFKC, then the maximal runs of letters and marks: poppler's bidi controls, spaces
    and the punctuation it may move around right-to-left words all separate runs."""
    runs, current = [], ""
    for char in unicodedata.normalize("NFKC", text):
        if unicodedata.category(char)[0] in "LM":
            current += char
        elif current:
            runs.append(current)
            current = ""
    return [*runs, current] if current else runs


def missing_words(expected: dict[str, list[str]], extracted: str) -> dict[str, list[str]]:
    """Per field, the generated words that the extracted text does not give back (each
    occurrence counted)."""
    available = Counter(letter_runs(extracted))
    missing: dict[str, list[str]] = {}
    for name, texts in expected.items():
        for text in texts:
            for word in text.split():
                word = unicodedata.normalize("NFKC", word)
                if available[word] > 0:
                    available[word] -= 1
                else:
                    missing.setdefault(name, []).append(word)
    return missing


def pdftotext(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


ISSUE_EXAMPLE = Fields(
    {name: "Zqveld" for name in SINGLE},
    {**{name: ["Zqlijst"] for name in LISTS}, "pvt": ["Zqbezoek ظضمسجد Zqsamen"]},
    None,
    ("Zqadres",),
)


# Round 4: a title that fills the letterhead's left column ran into the address beside it
# (no space between the columns), so the two came back from the PDF as one word.
TITLE_AGAINST_ADDRESS = Fields(
    {
        **{name: "Zqveld" for name in SINGLE},
        "letterhead_name": "ፚቅቼሲቀዃሐ ፚኪቪ ظضايظهذئ ፚፖጸኚዑቃጓዑ",
    },
    {name: ["Zqlijst"] for name in LISTS},
    None,
    ("ፚሀሀ",),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(f=ISSUE_EXAMPLE)  # issue 10: an Arabic word in a PVT activity vanished
@example(f=TITLE_AGAINST_ADDRESS)
@given(f=fields())
def test_every_run_of_every_field_comes_back(f: Fields, tmp_path: Path) -> None:
    out = tmp_path / "pip.pdf"
    out.write_bytes(render_pip(pip_with(f)))
    assert missing_words(f.texts(), pdftotext(out)) == {}


def test_the_comparison_notices_a_dropped_word(tmp_path: Path) -> None:
    """The checker itself: a word the PDF does not hold, or holds once for two fields,
    is reported, in any script."""
    f = ISSUE_EXAMPLE
    out = tmp_path / "pip.pdf"
    out.write_bytes(render_pip(pip_with(f)))
    extracted = pdftotext(out)
    assert missing_words(f.texts(), extracted) == {}
    assert missing_words({"x": ["ظضنصر ፚሀለ Zqnooit"]}, extracted) == {
        "x": ["ظضنصر", "ፚሀለ", "Zqnooit"]
    }
    counted = Counter(letter_runs(extracted))["ظضمسجد"]
    assert missing_words({"pvt": ["ظضمسجد"] * (counted + 1)}, extracted) == {"pvt": ["ظضمسجد"]}


def test_page_header_and_footer_set_every_script(tmp_path: Path) -> None:
    """The header on later pages repeats the municipality's name: in its own script."""
    name = "Zqgemeente ظضبلدية ژگشهر ፚከተማ"
    doc = replace(sample_doc("ar"), letterhead=Letterhead(name=name, is_default=False))
    out = tmp_path / "pip.pdf"
    out.write_bytes(render_pip(doc))
    done = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-y", "0", "-H", "45", "-W", "600", str(out), "-"],
        capture_output=True,
        text=True,
    )
    assert missing_words({"header": [name]}, done.stdout) == {}
