"""The PIP decision as an A4 PDF: letterhead, the person, every section, objection clause,
signature blocks and an optional annex in the newcomer's language.

Built on the PDF foundation (``document.py``: deterministic bytes, embedded fonts,
"pagina X van Y"; ``text.py``: shaped right-to-left and Ethiopic paragraphs). Everything
the PDF shows comes in through :class:`PipDocument`; no clock, no settings file, no
database, so the same input always renders to the same bytes and a hash identifies a
rendered PIP version.

The annex summarises the plan in the newcomer's language from translated texts passed in
(:data:`ANNEX_SOURCE` holds the Dutch source per key, with named placeholders); it says
that only the Dutch text is the decision.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time
from string import Formatter
from typing import Any

from babel.core import UnknownLocaleError
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Spacer

from inburg_desktop.domain.deadlines import TERMIJN_YEARS
from inburg_desktop.domain.handhaving import BEZWAAR_WEEKS, bezwaar_last_day
from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.pip import PipStatus, taaldoel
from inburg_desktop.domain.pip_annex import ANNEX_SOURCE, ROUTE_KEY
from inburg_desktop.domain.pip_document import PipDocument
from inburg_desktop.domain.text import fill_template
from inburg_desktop.formatting import DECISION_STYLE, decision_date, format_date
from inburg_desktop.pdf.columns import Columns, Padding, Rule
from inburg_desktop.pdf.document import LEFT_MARGIN, PAGE_SIZE, DocumentInfo, render_story
from inburg_desktop.pdf.letter_parts import letterhead_block, objection_clause
from inburg_desktop.pdf.pip_sections import (
    DOELGROEP_NAMES,
    TEXT_WIDTH,
    begeleiding_section,
    body,
    dates_section,
    gesprekken_section,
    heading,
    kinderen_section,
    leerroute_section,
    onderdelen_section,
    ontwikkelplan_section,
    ontzorgen_section,
    participatie_section,
    rows,
    small,
    termijn_section,
)
from inburg_desktop.pdf.text import draw_paragraph, paragraph, paragraph_style
from inburg_desktop.pdf.translation_mark import CONCEPT_NOTE, language_label

TITLE = "Plan Inburgering en Participatie (PIP)"
SIGNATURE_HEIGHT = 18 * mm
SIGNATURE_WIDTH = 60 * mm
SIGNATURE_COLUMN = 72 * mm
GREY = colors.HexColor("#5b6570")


def phone_as_one_number(phone: str) -> str:
    """Join a phone number's digit groups with no-break spaces.

    A plain space between two numbers is a neutral that takes the paragraph's direction,
    so in a right-to-left line "14 070" would show as "070 14". A no-break space is a
    common separator (UAX #9 rule W4) that joins the groups into one left-to-right number
    and keeps it on one line; NFKC turns it back into a space.
    """
    return phone.replace(" ", "\u00a0")


def annex_placeholders(key: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(ANNEX_SOURCE[key]) if name}


def local_date(day: date, lang: str) -> str:
    """``day`` as a decision writes it in ``lang`` (the Dutch form for a language the
    locale data do not know); the PIP's and the fine letter's annexes use it."""
    try:
        return format_date(day, lang, DECISION_STYLE)
    except (UnknownLocaleError, ValueError):
        return decision_date(day)


def annex_lines(doc: PipDocument, lang: str, texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """The annex as (key, filled translated text) in reading order.

    Raises ``ValueError`` naming a key whose translation is missing or whose placeholders
    differ from the Dutch source.
    """
    version, deadlines, head = doc.version, doc.deadlines, doc.letterhead
    route = version.beschikking.leerroute
    route_name = ""
    if route is not None:  # in the annex's language, as the intake named it to them
        route_name = texts.get(ROUTE_KEY + route.value, "")
        if not route_name:
            raise ValueError(f"annex_texts.{ROUTE_KEY}{route.value}: translation missing")
    values = {
        "leerroute": route_name,
        "taaldoel": taaldoel(route, version.afschaling_a2) if route else "",
        "aantal": str(version.beschikking.voortgangsgesprekken.aantal),
        "gemeente": f"{head.name}, {head.postal_address}",
        "consulent": doc.consulent,
        "telefoon": phone_as_one_number(head.phone),
        "jaren": str(TERMIJN_YEARS),  # Wet art. 11
        "weken": str(BEZWAAR_WEEKS),  # Awb art. 6:7
    }
    keys = ["title", "notice"]
    if route is not None:
        keys.append("leerroute")
    if deadlines.niet_plichtig:
        pass  # no termijn without a plicht (Wet art. 11): the annex says nothing of one
    elif deadlines.termijn_start and deadlines.termijn_end:
        keys.append("termijn")
        values["termijn_start"] = local_date(deadlines.termijn_start, lang)
        values["termijn_end"] = local_date(deadlines.termijn_end, lang)
    else:
        keys.append("termijn_unknown")
    keys.append("gesprekken")
    if version.dagtekening is not None:
        keys.append("bezwaar")
        values["bezwaar_until"] = local_date(bezwaar_last_day(version.dagtekening), lang)
    else:
        keys.append("bezwaar_unknown")
    keys.append("contact")
    out = []
    for key in keys:
        text = texts.get(key)
        if text is None:
            raise ValueError(f"annex_texts.{key}: translation missing")
        got = {name for _, name, _, _ in Formatter().parse(text) if name}
        if got != annex_placeholders(key):
            raise ValueError(
                f"annex_texts.{key}: placeholders {sorted(got)} differ from the source"
            )
        out.append((key, fill_template(text, values)))
    return out


def _identification(doc: PipDocument) -> list[Flowable]:
    person, version = doc.person, doc.version
    pairs = [
        ("Naam", person.display_name),
        ("Geboortedatum", decision_date(person.date_of_birth)),
    ]
    if person.v_nummer:
        pairs.append(("V-nummer", person.v_nummer))
    if person.bsn:
        pairs.append(("BSN", person.bsn))
    pairs += [
        ("Doelgroep", DOELGROEP_NAMES[doc.doelgroep]),
        ("Datum besluit", decision_date(version.dagtekening) if version.dagtekening else "concept"),
    ]
    if version.vastgesteld_door is not None:
        # AVG art. 22: the decision names the person who took it, for the college
        pairs.append(("Vastgesteld door", f"{version.vastgesteld_door.naam}, namens het college"))
    pairs += [
        ("Kenmerk", f"{doc.kenmerk} (versie {version.nummer})"),
        ("Uw consulent", doc.consulent),
    ]
    return [*rows(pairs), Spacer(1, 4 * mm)]


def _intro(doc: PipDocument) -> list[Flowable]:
    version = doc.version
    out: list[Flowable] = [
        paragraph(TITLE, "nl", "title"),
        body(f"Beste {doc.person.display_name},", "Aanhef"),
        body(
            "In dit plan staan de afspraken over uw inburgering: wat u gaat leren, wat u "
            "verder doet en welke hulp u krijgt. Het plan is een besluit van "
            f"{doc.letterhead.college} (Wet inburgering 2021, art. 15). Bij elk "
            "voortgangsgesprek kijken we samen hoe het gaat."
        ),
    ]
    if version.based_on is not None:
        out.append(
            body(
                f"Dit besluit vervangt versie {version.based_on} van uw plan. "
                f"Reden: {version.reden}"
            )
        )
    if version.beschikking.toelichting:
        out.append(body(version.beschikking.toelichting))
    return out


def _signature_image(image: bytes | None) -> Flowable:
    if image is None:
        return Spacer(1, SIGNATURE_HEIGHT)
    return Image(
        io.BytesIO(image), width=SIGNATURE_WIDTH, height=SIGNATURE_HEIGHT, kind="proportional"
    )


def _signatures(doc: PipDocument) -> list[Flowable]:
    """Two blocks side by side; one row each for roles, signatures and names keeps them
    level, and a long name flows on across a page like any text."""
    signed_on = doc.version.signed_on
    when = decision_date(signed_on) if signed_on else "……………………"
    widths = [SIGNATURE_COLUMN, None, SIGNATURE_COLUMN]
    padding = Padding(right=6, top=3, bottom=3)
    roles = Columns(
        [[body("De inburgeraar")], [], [body("De consulent, namens het college")]],
        widths,
        padding,
    )
    images = Columns(
        [
            [_signature_image(doc.signature_inburgeraar)],
            [],
            [_signature_image(doc.signature_consulent)],
        ],
        widths,
        padding,
        Rule(0.6, GREY, cells=(0, 2)),
    )
    names = Columns(
        [
            [small(f"{doc.person.display_name}\nDatum: {when}", "Ondertekening inburgeraar")],
            [],
            [small(f"{doc.consulent}\nDatum: {when}", "Ondertekening consulent")],
        ],
        widths,
        padding,
    )
    return [KeepTogether([heading("Ondertekening"), roles, images, names])]


def _annex(doc: PipDocument) -> list[Flowable]:
    lang, texts = doc.annex_lang, doc.annex_texts
    if lang is None or texts is None:
        return []
    out: list[Flowable] = [
        PageBreak(),
        small(f"Bijlage: samenvatting in uw taal, {language_label(lang)}"),
    ]
    if doc.annex_concept:
        out.append(small(CONCEPT_NOTE))
    for key, text in annex_lines(doc, lang, texts):
        out.append(paragraph(text, lang, "title" if key == "title" else "body"))
    return out


def story(doc: PipDocument) -> list[Flowable]:
    """The whole document as platypus flowables."""
    b, head, deadlines = doc.version.beschikking, doc.letterhead, doc.deadlines
    parts: list[Flowable] = [*letterhead_block(head), *_identification(doc), *_intro(doc)]
    # Numbered here, in reading order: a section the PIP does not need takes no number.
    numbered: tuple[Callable[[int], list[Flowable]], ...] = (
        lambda n: leerroute_section(doc.version, doc.doelgroep, n),
        lambda n: termijn_section(deadlines, b.leerroute, n),
        lambda n: onderdelen_section(b, n),
        lambda n: participatie_section(b, n),
        lambda n: begeleiding_section(b, n),
        lambda n: kinderen_section(b, n),
        lambda n: ontzorgen_section(b, deadlines, n),
        lambda n: gesprekken_section(b, deadlines, n),
        lambda n: ontwikkelplan_section(doc.version.ontwikkelplan, n),
    )
    number = 1
    for build in numbered:
        block = build(number)
        if block:
            parts.extend(block)
            number += 1
    parts.extend(dates_section(doc.version, deadlines))
    parts.extend(
        objection_clause(doc.version.dagtekening, head.college, head.postal_address, head.website)
    )
    parts.extend(_signatures(doc))
    parts.extend(_annex(doc))
    return parts


def document_info(doc: PipDocument) -> DocumentInfo:
    """Metadata; its date is the PIP's own (signed, set, or created), never the clock."""
    version = doc.version
    day = version.signed_on or version.dagtekening or version.created_on
    return DocumentInfo(
        title=f"{TITLE} – {doc.person.display_name}",
        author=doc.letterhead.name,
        subject=f"Besluit PIP, kenmerk {doc.kenmerk}, versie {version.nummer}",
        lang="nl-NL",
        created=datetime.combine(day, time(0), UTC),
        keywords=("PIP", "Wet inburgering 2021", "beschikking"),
    )


def _page_furniture(doc: PipDocument) -> Any:
    draft = doc.version.status is PipStatus.DRAFT
    note = f"{doc.letterhead.name} · {TITLE} · kenmerk {doc.kenmerk}, versie {doc.version.nummer}"

    # Set like every other text (text.draw_paragraph): a letterhead name in any script
    # shows; a long one wraps upwards from the header line, smaller if need be, and
    # stays on the page.
    header = ParagraphStyle(
        "header-nl", parent=paragraph_style("nl", "small", 7.5), textColor=GREY, spaceAfter=0
    )
    watermark = ParagraphStyle(
        "watermark-nl",
        parent=paragraph_style("nl", "title", 60),
        alignment=TA_CENTER,
        textColor=colors.Color(0.8, 0.1, 0.1, alpha=0.12),
    )

    def draw(canvas: Canvas, template: Any) -> None:
        canvas.saveState()
        if canvas.getPageNumber() > 1:
            bottom = PAGE_SIZE[1] - 12 * mm - (header.leading - header.fontSize)
            room = PAGE_SIZE[1] - 4 * mm - bottom
            draw_paragraph(canvas, note, "nl", header, LEFT_MARGIN, bottom, TEXT_WIDTH, room)
        if draft:
            canvas.translate(PAGE_SIZE[0] / 2, PAGE_SIZE[1] / 2)
            canvas.rotate(45)
            bottom = -(watermark.leading - watermark.fontSize)
            draw_paragraph(
                canvas, "CONCEPT", "nl", watermark, -PAGE_SIZE[1] / 2, bottom, PAGE_SIZE[1]
            )
        canvas.restoreState()

    return draw


def render_pip(doc: PipDocument) -> bytes:
    """Render the PIP to PDF bytes; same input, same bytes."""
    return render_story(lambda: story(doc), document_info(doc), on_page=_page_furniture(doc))


__all__ = [
    "ANNEX_SOURCE",
    "Letterhead",
    "PipDocument",
    "annex_lines",
    "document_info",
    "render_pip",
    "story",
]
