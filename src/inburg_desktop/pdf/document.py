"""Build a deterministic A4 PDF from platypus flowables: metadata, margins, page footer.

The same story and :class:`DocumentInfo` always give the same bytes (ReportLab's
``invariant`` mode and a creation date chosen by the caller), so a hash identifies a
rendered PIP version. Every font is an embedded TrueType subset; no base-14 font is used.
Each page carries "pagina X van Y", drawn after the last page is known.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, TypeVar

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from inburg_desktop.domain.problem import GlyphsReplaced, GlyphsReplacedInDecision
from inburg_desktop.formatting import decision_list, decision_number
from inburg_desktop.pdf.fonts import LATIN, register_fonts
from inburg_desktop.pdf.text import (
    Replaced,
    draw_paragraph,
    drawable,
    paragraph,
    paragraph_style,
    replacements,
)

PAGE_SIZE: tuple[float, float] = A4
# Generous left margin for hole punching and binders; the footer sits in the bottom one.
LEFT_MARGIN = 25 * mm
RIGHT_MARGIN = 20 * mm
TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 25 * mm
# ReportLab's frame keeps 6 pt inside each margin: what a flowable gets is narrower.
FRAME_PADDING = 6.0
FRAME_WIDTH = PAGE_SIZE[0] - LEFT_MARGIN - RIGHT_MARGIN - 2 * FRAME_PADDING
FOOTER_BASELINE = 12 * mm
FOOTER_SIZE = 8.5
DEFAULT_FOOTER = "pagina {page} van {pages}"


@cache
def _footer_style() -> ParagraphStyle:
    return ParagraphStyle(
        "footer", parent=paragraph_style("nl", "small", FOOTER_SIZE), alignment=TA_RIGHT
    )


@dataclass(frozen=True)
class DocumentInfo:
    """What the PDF says about itself. ``created`` is fixed by the caller (no clock)."""

    title: str
    author: str
    subject: str
    lang: str
    created: datetime
    keywords: tuple[str, ...] = ()
    creator: str = "inburg-desktop"
    footer: str = DEFAULT_FOOTER


def pdf_date(moment: datetime) -> str:
    """``moment`` as a PDF date string; a naive datetime is taken to be UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def _numbered_canvas(info: DocumentInfo) -> type[Canvas]:
    """A canvas class that holds pages back until the end to write "pagina X van Y"."""
    created = pdf_date(info.created)

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.setDateFormatter(lambda *_: created)

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            text = info.footer.format(
                page=decision_number(self.getPageNumber()), pages=decision_number(total)
            )
            width = PAGE_SIZE[0] - LEFT_MARGIN - RIGHT_MARGIN
            style = _footer_style()
            # Set like any text (one path for every script); a one-line paragraph's
            # baseline lies leading minus font size above its bottom edge.
            bottom = FOOTER_BASELINE - (style.leading - style.fontSize)
            self.saveState()
            draw_paragraph(self, text, "nl", style, LEFT_MARGIN, bottom, width)
            self.restoreState()

    return NumberedCanvas


def build_pdf(
    story: Sequence[Flowable],
    info: DocumentInfo,
    on_page: Callable[[Canvas, Any], None] | None = None,
) -> bytes:
    """Lay ``story`` out on A4 pages and return the PDF bytes.

    ``on_page(canvas, doc)`` may draw a letterhead or other page furniture. Writes no
    file: a caller saves the bytes through ``services.files.export_file`` (atomic, owner
    only, never onto a device node; attack round 4, finding 10), so no renderer has a
    second, unguarded way to write.
    """
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        # the metadata a PDF reader shows in its title bar holds names too
        title=drawable(info.title),
        author=drawable(info.author),
        subject=drawable(info.subject),
        creator=info.creator,
        keywords=list(info.keywords),
        lang=info.lang,
        invariant=1,
        pageCompression=1,
        initialFontName=LATIN.regular,
        displayDocTitle=1,
    )
    hook = on_page or _no_page_furniture
    doc.build(list(story), onFirstPage=hook, onLaterPages=hook, canvasmaker=_numbered_canvas(info))
    return buffer.getvalue()


REPLACED_TITLE = "Tekens die niet konden worden afgedrukt"


def replaced_note(replaced: Sequence[Replaced]) -> list[Flowable]:
    """The note at the end of a document in which :func:`~.text.undrawable` replaced
    characters: which field held which, and how they are printed. In Dutch, as the
    documents are; empty when nothing was replaced."""
    if not replaced:
        return []
    where: dict[str, list[str]] = {}
    for item in replaced:
        chars = where.setdefault(item.field or "de lopende tekst", [])
        chars.extend(c for c in item.chars.split(", ") if c not in chars)
    lines = [
        paragraph(REPLACED_TITLE, "nl", "heading"),
        paragraph(
            "Voor deze tekens is geen lettertype meegeleverd. Ze staan hierboven als hun "
            "code tussen < en >, bijvoorbeeld <U+1F600>; de rest van de tekst is zoals "
            "opgeslagen.",
            "nl",
            "small",
        ),
    ]
    lines += [
        paragraph(f"{field}: {', '.join(chars)}", "nl", "small") for field, chars in where.items()
    ]
    return lines


def replaced_summary(replaced: Sequence[Replaced]) -> dict[str, str]:
    """The parameters of the message ``pdf_glyph_replaced`` (``messages``) for what a
    render replaced: ``fields``, the labels in a Dutch list ("de lopende tekst" for text
    outside a field), and ``chars``, the characters by code and name."""
    fields = list(
        dict.fromkeys(f"«{item.field}»" if item.field else "de lopende tekst" for item in replaced)
    )
    chars = list(dict.fromkeys(c for item in replaced for c in item.chars.split(", ")))
    return {"fields": decision_list(fields), "chars": ", ".join(chars)}


T = TypeVar("T")


def noting_replaced(
    work: Callable[[], T], decision: bool = False
) -> tuple[T, GlyphsReplaced | None]:
    """``work()`` (which renders one or more PDFs) and what its renders printed as their
    code (:func:`~.text.undrawable`): a :class:`GlyphsReplaced` warning with
    :func:`replaced_summary`'s parameters (with ``decision``, for a PIP or fine letter,
    :class:`GlyphsReplacedInDecision`, whose message advises correcting the text before
    signing or sending), or ``None`` when every character was drawn.
    Every place that makes a PDF for a user passes through here so the user is told where
    the document is made (issue 13: a consultant may otherwise sign a name that prints as
    ``<U+05E9>``); the exceptions of ``work`` pass unchanged."""
    with replacements() as replaced:
        result = work()
    if not replaced:
        return result, None
    kind = GlyphsReplacedInDecision if decision else GlyphsReplaced
    return result, kind(**replaced_summary(replaced))


def render_story(
    make_story: Callable[[], Sequence[Flowable]],
    info: DocumentInfo,
    on_page: Callable[[Canvas, Any], None] | None = None,
) -> bytes:
    """:func:`build_pdf` of ``make_story()``; when a text held characters no shipped font
    draws (printed as their code, ``text.undrawable``), the document is laid out again
    with :func:`replaced_note` at its end, so the reader sees which field held what and
    the document is never refused for it (attack round 8, finding 3). An enclosing
    ``text.replacements()`` receives the replacements once."""
    with replacements() as replaced:
        data = build_pdf(make_story(), info, on_page)
    if not replaced:
        return data
    with replacements(propagate=False):
        return build_pdf([*make_story(), *replaced_note(replaced)], info, on_page)


def _no_page_furniture(canvas: Canvas, doc: Any) -> None:
    return None
