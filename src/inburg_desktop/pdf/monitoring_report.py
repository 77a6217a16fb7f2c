"""The office's monitoring report as an A4 PDF (Dutch), on the project's PDF foundation.

``document.render_story`` (embedded Noto fonts, "pagina X van Y", deterministic bytes for
the same report: the creation date is the report's peildatum), the tables as ReportLab
tables with the same marks for hidden cells as the HTML page, the charts of
``monitoring_view.charts`` as images.

Run as ``python -m inburg_desktop.pdf.monitoring_report``: reads an
``inburg-monitoring/1`` document (``monitoring_view.document``) on standard input and
writes the PDF to standard output; exit 5 when the input is no such document. The office
(``inburg-office report --out FILE.pdf``) calls it so: the server does not import the PDF
layer.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime, time

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Spacer

from inburg_desktop.domain.monitoring import TOTAAL, Rapport
from inburg_desktop.domain.monitoring import Tabel as ReportTable
from inburg_desktop.monitoring_view import charts
from inburg_desktop.monitoring_view.document import ReportDocument, loads
from inburg_desktop.monitoring_view.words import (
    KENGETALLEN,
    LEGENDA,
    ONDERDRUKT_TEKEN,
    ROUTEMIX_KOPPEN,
    TABEL_TITELS,
    TITEL,
    cel_tekst,
    getal,
    kengetal_tekst,
    label,
    onderdelen,
    routemix_rijen,
    zonder_gemeente_zin,
)
from inburg_desktop.pdf.columns import Columns, Padding, Rule
from inburg_desktop.pdf.document import DocumentInfo, render_story
from inburg_desktop.pdf.fonts import LATIN
from inburg_desktop.pdf.pip_sections import body, heading, small
from inburg_desktop.pdf.text import paragraph, paragraph_style

WIDTH = 165 * mm
"""The text width of the A4 page between the project's margins (25 and 20 mm)."""
HIDDEN_MARKS = frozenset(ONDERDRUKT_TEKEN.values())
_HIDDEN = colors.HexColor("#888888")
_LINE = colors.HexColor("#c8c8c8")


def _table(
    header: list[str], rows: list[list[str]], *, totals: tuple[bool, bool]
) -> list[Flowable]:
    """A grid of rows (``pdf.columns.Columns``, every text through ``text.paragraph``):
    ``header`` then ``rows``; ``totals``: the last column, the last row is a total (bold).
    A hidden cell's mark is grey."""
    size = 6.5 if len(header) > 6 else 7.5
    first = 30 * mm if len(header) > 4 else 80 * mm
    rest = (WIDTH - first) / max(1, len(header) - 1)
    base = paragraph_style("nl", "small", size)
    styles = {
        (bold, right, grey): ParagraphStyle(
            f"cell-{bold}-{right}-{grey}",
            parent=base,
            fontName=LATIN.bold if bold else LATIN.regular,
            alignment=TA_RIGHT if right else TA_LEFT,
            textColor=_HIDDEN if grey else colors.black,
            spaceAfter=0,
            spaceBefore=0,
        )
        for bold in (False, True)
        for right in (False, True)
        for grey in (False, True)
    }
    out: list[Flowable] = []
    for r, row in enumerate([header, *rows]):
        last_row = totals[1] and r == len(rows)
        cells = []
        for c, text in enumerate(row):
            bold = r == 0 or last_row or (totals[0] and c == len(row) - 1)
            grey = text in HIDDEN_MARKS
            cells.append([paragraph(text, "nl", style=styles[(bold, c > 0, grey)])])
        out.append(
            Columns(
                cells,
                [first, *[rest] * (len(row) - 1)],
                Padding(left=2, right=2, top=1, bottom=1),
                Rule(0.8 if r == 0 else 0.3, _LINE),
            )
        )
    out.append(Spacer(1, 3 * mm))
    return out


def _report_table(t: ReportTable) -> list[Flowable]:
    kolommen = list(t.kolommen)
    row_totals = any((r, TOTAAL) in t.cellen for r in t.rijen)
    col_totals = any((TOTAAL, k) in t.cellen for k in t.kolommen)
    if row_totals:
        kolommen.append(TOTAAL)
    rijen = [*t.rijen, TOTAAL] if col_totals else list(t.rijen)
    rows = []
    for rij in rijen:
        cells = [label(rij)]
        for kol in kolommen:
            cel = t.cellen.get((rij, kol))
            cells.append("" if cel is None else cel_tekst(cel))
        rows.append(cells)
    return _table(["", *[label(k) for k in kolommen]], rows, totals=(row_totals, col_totals))


def _image(png: bytes) -> Image:
    image = Image(io.BytesIO(png))
    scale = WIDTH / image.imageWidth
    image.drawWidth, image.drawHeight = WIDTH, image.imageHeight * scale
    return image


def _onderdeel(kop: str, rapport: Rapport, doc: ReportDocument) -> list[Flowable]:
    story: list[Flowable] = [heading(kop)]
    for _, png in charts.alle(rapport, doc.report):
        story.append(_image(png))
    figures = [
        [text, kengetal_tekst(rapport.kengetallen[key], soort)] for key, text, soort in KENGETALLEN
    ]
    plain = (False, False)
    story.append(
        KeepTogether([small("Kengetallen"), *_table(["Kengetal", "Waarde"], figures, totals=plain)])
    )
    mix = [list(row) for row in routemix_rijen(rapport, doc.report)]
    story.append(
        KeepTogether(
            [
                small("Leerroutes tegen de verwachte verdeling"),
                *_table(list(ROUTEMIX_KOPPEN), mix, totals=plain),
            ]
        )
    )
    for naam, table in rapport.tabellen.items():
        title = small(TABEL_TITELS.get(naam, naam))
        rows = _report_table(table)
        # The title stays with the table's head; a long table (instroom) flows on.
        story += [KeepTogether([title, *rows[:3]]), *rows[3:]]
    return story


def render_pdf(doc: ReportDocument) -> bytes:
    """The report as PDF bytes: an introduction, then each part on its own pages."""
    report = doc.report
    peildatum = "" if report.peildatum is None else report.peildatum.isoformat()
    scope = (
        "alle gemeenten van het kantoor"
        if doc.gemeente is None
        else f"gemeente {doc.namen.get(doc.gemeente, doc.gemeente)}"
    )

    def story() -> list[Flowable]:
        parts: list[Flowable] = [
            paragraph(TITEL, "nl", "title"),
            body(
                f"Peildatum {peildatum}; {scope}. Alleen samengevoegde aantallen, "
                "geen namen of nummers."
            ),
            small(f"{report.toelichting.render()}. {LEGENDA}"),
        ]
        if doc.gemeente is None:  # one gemeente's report is about its own cases only
            parts.append(small(zonder_gemeente_zin(report)))
        if doc.niet_geteld:
            parts.append(
                small(
                    f"{getal(doc.niet_geteld)} dossier(s) niet meegeteld: zonder leesbare "
                    "doelgroep of datum van inschrijving in de BRP."
                )
            )
        parts.append(Spacer(1, 4 * mm))
        for i, part in enumerate(onderdelen(report, doc.namen, doc.gemeente)):
            if i:
                parts.append(PageBreak())
            parts.extend(_onderdeel(part.kop, part.rapport, doc))
        return parts

    created = datetime.combine(report.peildatum or datetime(2000, 1, 1).date(), time())
    info = DocumentInfo(
        title=f"{TITEL} {peildatum}",
        author="inburg-office",
        subject=f"Monitoringrapport, {scope}",
        lang="nl-NL",
        created=created,
    )
    return render_story(story, info)


def main() -> int:
    """Read the document on stdin, write the PDF on stdout (exit 5: not a document)."""
    try:
        doc = loads(sys.stdin.buffer.read())
    except ValueError as exc:
        print(f"Geen monitoringrapport: {exc}", file=sys.stderr)
        return 5
    sys.stdout.buffer.write(render_pdf(doc))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
