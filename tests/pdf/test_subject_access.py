"""The subject-access PDF (AVG art. 15) as drawn: the same report renders to the same
bytes (the date is the export's own, never the clock); a stored text no shipped font can
draw refuses the document instead of printing boxes where a name should be (as the PIP:
``pdf.fonts.check_drawable``); the conflicts and set-aside changes of the document are
said in words; the Arabic annex is set right to left in the Arabic font."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from tests.domain.test_case_document import valid_document
from tests.ui.pdf_text import pdf_text

from inburg_desktop.domain.case_document import ConflictEntry, FieldEntry, QuarantineEntry
from inburg_desktop.pdf.subject_access import render_subject_access
from inburg_desktop.services.subject_access import build_report

AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def test_the_same_report_gives_the_same_bytes() -> None:
    report = build_report(valid_document())
    assert render_subject_access(report) == render_subject_access(report)


def test_a_name_no_font_can_draw_prints_as_its_code() -> None:
    doc = valid_document()
    hebrew = replace(doc, person=replace(doc.person, family_name="\u05e9\u05dc\u05d5\u05dd"))
    text = pdf_text(render_subject_access(build_report(hebrew)))
    assert "<U+05E9><U+05DC><U+05D5><U+05DD>" in text
    assert "Achternaam: U+05E9 HEBREW LETTER SHIN" in text  # the closing note names the field


def test_conflicts_and_set_aside_changes_are_said_in_words() -> None:
    doc = replace(
        valid_document(),
        conflicts=(ConflictEntry("intake.opleiding.notes", "op kantoor", 3, "op laptop", AT),),
        quarantine=(
            QuarantineEntry(
                "push",
                7,
                ("intake.opleiding.notes",),
                {"intake.opleiding.notes": "apart gezette tekst"},
                "field_refused",
                "Het kantoor nam dit veld niet aan.",
                {},
                AT,
            ),
        ),
    )
    text = pdf_text(render_subject_access(build_report(doc)))
    for words in (
        "op kantoor",
        "op laptop",
        "apart gezette tekst",
        "niet door het kantoor aangenomen",
        "Het kantoor nam dit veld niet aan.",
    ):
        assert words in text


def test_the_arabic_annex_is_set_in_the_arabic_font() -> None:
    doc = valid_document()
    years = FieldEntry("intake.opleiding.aantal_jaren", 12, "consultant", True, None, None, AT)
    report = build_report(replace(doc, fields=(*doc.fields, years)), annex_lang="ar")
    assert report.annex is not None and report.annex.lang == "ar"
    labels = [entry.label for entry in report.annex.entries]
    assert all(not label.isascii() for label in labels)  # Arabic words, never the Dutch
    pdf = render_subject_access(report)
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=False)
    if fonts.returncode != 0:
        pytest.skip("pdffonts is not installed")
    assert b"Arab" in fonts.stdout  # the annex's heading and rows, shaped
