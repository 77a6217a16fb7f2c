"""The subject-access overview (AVG art. 15) as an A4 PDF, in Dutch: letterhead, what the
document is, every section of ``services.subject_access.SubjectAccessReport`` as label–value
rows, the person's rights (AVG art. 15–22, 77) and, where translated prompts exist, an
annex in the person's language.

Built on the PDF foundation the PIP uses (``document.build_pdf``: deterministic bytes,
embedded fonts, "pagina X van Y"; ``text.paragraph``: every run set in a font that has it,
right to left and Ethiopic shaped, a character no shipped font can draw printed as its
code and named at the end, never as a box and never stopping the document). The same
report renders to the same bytes: the date is the export's own.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from inburg_desktop.domain.pip_document import PipDocument
from inburg_desktop.domain.subject_access import (
    HERKOMST_WORDS,
    SUBTITLE,
    TITLE,
    Annex,
    Section,
    SubjectAccessReport,
)
from inburg_desktop.formatting import decision_date, decision_list
from inburg_desktop.pdf.document import DocumentInfo, render_story
from inburg_desktop.pdf.letter_parts import letterhead_block
from inburg_desktop.pdf.pip_document import annex_lines
from inburg_desktop.pdf.pip_sections import body, heading, rows, section, small
from inburg_desktop.pdf.text import paragraph
from inburg_desktop.pdf.translation_mark import CONCEPT_NOTE, language_label

LABEL_WIDTH = 60 * mm
INDENT = "\u2003"  # an em space: a part of a structured value under its field


def _section(part: Section) -> list[Flowable]:
    parts: list[Flowable] = []
    if part.intro:
        parts.append(small(part.intro))
    if not part.entries:
        parts.append(body(part.empty))
        return section(part.title, *parts)
    pending: list[tuple[str, str]] = []
    for entry in part.entries:
        if entry.text == "" and entry.label:  # a heading inside the section (a topic)
            if pending:
                parts.extend(rows(pending, LABEL_WIDTH))
                pending = []
            parts.append(paragraph(entry.label, "nl", "heading"))
        else:
            pending.append((entry.label, entry.text))
    if pending:
        parts.extend(rows(pending, LABEL_WIDTH))
    return section(part.title, *parts)


def _annex(annex: Annex | None, pip: PipDocument | None) -> list[Flowable]:
    """The annex: the PIP's own summary in the person's language (the PIP's annex texts,
    ``pip_document.annex_lines``), then the intake's topics and answers; only what a
    translator translated, marked when no translator reviewed it."""
    if annex is None and (pip is None or pip.annex_lang is None or pip.annex_texts is None):
        return []
    lang = annex.lang if annex is not None else str(pip.annex_lang if pip else "")
    concept = (annex is not None and annex.concept) or (pip is not None and pip.annex_concept)
    with_pip = pip is not None and pip.annex_lang == lang and pip.annex_texts is not None
    if not (with_pip or (annex is not None and (annex.entries or annex.rights))):
        return []  # nothing in the person's language: no page that says only that
    parts = [
        *(["een samenvatting van uw PIP"] if with_pip else []),
        *(["de onderwerpen van de brede intake"] if annex is not None and annex.entries else []),
        *(["uw rechten"] if annex is not None and annex.rights else []),
    ]
    out: list[Flowable] = [
        PageBreak(),
        small(
            f"Bijlage in uw taal, {language_label(lang)}: {decision_list(parts)}. Alleen "
            "teksten die een vertaler heeft vertaald staan hier; de Nederlandse tekst "
            "hierboven is het volledige overzicht."
        ),
    ]
    if concept:
        out.append(small(CONCEPT_NOTE))
    if with_pip and pip is not None and pip.annex_texts is not None:
        for key, text in annex_lines(pip, lang, pip.annex_texts):
            out.append(paragraph(text, lang, "title" if key == "title" else "body"))
    if annex is None:
        return out
    if annex.title and annex.entries:
        out.append(paragraph(annex.title, annex.lang, "title"))
    for entry in annex.entries:
        if entry.text == "":
            out.append(paragraph(entry.label, annex.lang, "heading"))
        else:
            out.append(paragraph(f"{entry.label}: {entry.text}", annex.lang, field=entry.label))
    if annex.rights:
        out.append(paragraph(annex.rights_title, annex.lang, "heading"))
        out.extend(paragraph(line, annex.lang) for line in annex.rights)
    return out


def story(report: SubjectAccessReport) -> list[Flowable]:
    """The whole overview as platypus flowables."""
    made = decision_date(report.made_at.date())
    parts: list[Flowable] = [
        *letterhead_block(report.letterhead),
        paragraph(TITLE, "nl", "title"),
        small(SUBTITLE),
        body(
            f"Dit is een overzicht van alle gegevens die over {report.person_name} zijn "
            f"opgeslagen, gemaakt op {made} op {HERKOMST_WORDS[report.herkomst]}. Hieronder "
            "staat per onderdeel wat wij weten, waarvoor wij het gebruiken en, aan het eind, "
            "welke rechten u hebt."
        ),
        Spacer(1, 2 * mm),
    ]
    for part in report.sections:
        parts.extend(_section(part))
    parts.extend(section("14. Uw rechten", *[body(text) for text in report.rights]))
    parts.append(heading("Dossiernummer"))
    parts.append(small(report.case_id))
    parts.extend(_annex(report.annex, report.pip_annex))
    return parts


def document_info(report: SubjectAccessReport) -> DocumentInfo:
    """Metadata; its date is the export's own, never the clock."""
    return DocumentInfo(
        title=f"{TITLE} – {report.person_name}",
        author=report.letterhead.name,
        subject=SUBTITLE,
        lang="nl-NL",
        created=report.made_at,
        keywords=("inzage", "AVG art. 15", "Wet inburgering 2021"),
    )


def render_subject_access(report: SubjectAccessReport) -> bytes:
    """Render the overview to PDF bytes; same report, same bytes. A character no shipped
    font can draw is printed as its code and named at the end (``document.render_story``);
    an enclosing ``text.replacements()`` learns which field held it."""
    return render_story(lambda: story(report), document_info(report))
