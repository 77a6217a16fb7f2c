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
from tests.ui.pdf_text import pdf_pages, pdf_text

from inburg_desktop.domain.case_document import ConflictEntry, FieldEntry, QuarantineEntry
from inburg_desktop.domain.subject_access import SyncHistory
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


@pytest.mark.parametrize(
    ("lang", "rights_title"), [("ar", "حقوقك"), ("ti", "መሰላትኩም"), ("tr", "Haklarınız")]
)
def test_little_recorded_still_gets_the_annex_with_the_rights_and_no_blank_page(
    lang: str, rights_title: str
) -> None:
    """Usability round 8 #7: a case with little recorded got no annex in the person's
    language, and the annex never said the person's rights. Now the annex is there
    whenever the language has translated prompts, ends with the rights (correction,
    erasure, a complaint to the Autoriteit Persoonsgegevens, where to write) and every
    page has text of its own beside the page number."""
    doc = valid_document()
    doc = replace(
        doc,
        person=replace(doc.person, preferred_language=lang),
        fields=tuple(f for f in doc.fields if not f.key.startswith("intake.")),
    )
    report = build_report(doc)
    assert report.annex is not None and report.annex.entries == ()
    pages = pdf_pages(render_subject_access(report))
    for number, page in enumerate(pages, start=1):
        assert page.replace(f"pagina {number} van {len(pages)}", "").strip(), number
    annex = pages[-1]
    assert "Bijlage in uw taal" in annex and "uw rechten" in annex
    assert rights_title in annex and "autoriteitpersoonsgegevens.nl" in annex
    assert "Postbus 12, 2240 AA Wassenaar" in annex  # where to send a request
    assert "{gemeente}" not in annex
    assert build_report(doc, annex_lang="he").annex is None  # no Hebrew prompts: no annex


def test_every_value_is_in_dutch_words_and_formats_without_bookkeeping() -> None:
    """Usability round 8 #6: the progress section printed "6.5", the COA's "child", the
    internal "source", outbox rows and UTC times. Every value reads in Dutch: numbers with
    a decimal comma, relations in Dutch, moments in Dutch local time with the zone named
    (summer and winter time), the changes waiting to be sent as one line."""
    doc = valid_document()
    uren = {"soort": "nt2", "uren": 6.5, "van": "2026-10-02", "tot": "2026-11-27"}
    extra = (
        FieldEntry("uren.0a1b2c3d4e5f", uren, "consultant", True, None, None, AT),
        FieldEntry("handover.source", "COA", "coa", False, None, None, AT),
        FieldEntry(
            "oproep.1.verstuurd", "2026-07-01T08:15:00Z", "consultant", True, None, None, AT
        ),
    )
    doc = replace(doc, fields=(*doc.fields, *extra))
    summer = datetime(2026, 7, 1, 8, 15, tzinfo=UTC)
    history = SyncHistory(3, ((summer, ("uren.0a1b2c3d4e5f",)), (AT, ("handover.source",))))
    text = pdf_text(render_subject_access(build_report(doc, sync=history)))
    assert "uren: 6,5" in text and "6.5" not in text
    assert "Kind" in text and "child" not in text  # the COA's relation code
    assert "Afzender van de warme overdracht" in text and "source" not in text
    # the document's moments: 09:30 UTC on 2 March is 10:30 in the Netherlands (winter
    # time), 08:15 UTC on 1 July is 10:15 (summer time)
    assert "2 maart 2026 om 10:30 (Nederlandse tijd)" in text
    assert "1 juli 2026 om 10:15 (Nederlandse tijd)" in text
    assert "UTC" not in text and "apparaat" not in text
    assert text.count("Nog niet naar het kantoor gestuurd") == 1  # not a row per outbox entry
