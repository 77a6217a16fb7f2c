"""The PIP annex names its language in Dutch and in the language itself, never by code,
and carries the "concept-vertaling" mark, like the booklet and the interpreter view, while
its translation is not reviewed (``prompts/translations.py``); read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace

import pytest

from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.pdf.translation_mark import CONCEPT_NOTE, language_label

from .samples import sample_doc

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))


def _lines(pdf: bytes) -> list[str]:
    """The PDF's text lines, NFKC (Arabic presentation forms back to letters), without the
    bidi controls poppler adds; poppler orders a mixed-direction line by its own rules, so
    tests look for words in a line, not for their order."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, "-", "-"], input=pdf, capture_output=True, check=True)
    text = unicodedata.normalize("NFKC", done.stdout.decode("utf-8")).translate(BIDI_CONTROLS)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("lang", "dutch", "own"), [("ar", "Arabisch", "العربية"), ("ti", "Tigrinya", "ትግርኛ")]
)
@pytest.mark.parametrize("concept", [True, False], ids=["concept", "reviewed"])
def test_annex_heading_names_the_language_and_marks_a_concept(
    lang: str, dutch: str, own: str, concept: bool
) -> None:
    lines = _lines(render_pip(replace(sample_doc(lang), annex_concept=concept)))
    at = next(i for i, line in enumerate(lines) if "Bijlage: samenvatting in uw taal" in line)
    heading, annex = lines[at], " ".join(lines[at:])
    assert dutch in heading and own in heading, heading
    assert f"({lang})" not in heading and not re.search(rf"\b{lang}\b", heading)
    assert ("Concept-vertaling" in annex) is concept
    if concept:
        assert " ".join(CONCEPT_NOTE.split()) in annex


def test_language_label() -> None:
    assert language_label("ar") == "Arabisch — العربية"
    assert language_label("ti") == "Tigrinya — ትግርኛ"
    assert language_label("nl") == "Nederlands"
