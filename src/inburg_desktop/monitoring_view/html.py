"""The monitoring report as one self-contained HTML page (``lang="nl"``).

Inline CSS, the charts as PNG data URIs, every text escaped (``html.escape``): the page
needs nothing from the network and can be mailed or saved as it is. The office server
serves it at ``GET /report`` (docs/monitoring-report.md) and ``inburg-office report
--out FILE.html`` writes it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from html import escape

from inburg_desktop.domain.monitoring import TOTAAL, Rapport, Tabel
from inburg_desktop.monitoring_view import charts
from inburg_desktop.monitoring_view.document import ReportDocument
from inburg_desktop.monitoring_view.words import (
    KENGETALLEN,
    LEGENDA,
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

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:62em;color:#222;
line-height:1.4;padding:0 1em}
h1{color:#1f4e79;margin-bottom:.2em}h2{color:#1f4e79;border-bottom:2px solid #1f4e79;
margin-top:2.2em}h3{margin:1.4em 0 .4em;font-size:1.02em}
table{border-collapse:collapse;margin:.3em 0 1em;font-size:.86em}
th,td{border:1px solid #c8c8c8;padding:.2em .5em}td{text-align:right}
th{background:#eef3f8;text-align:left;font-weight:600}
tr.totaal td,td.totaal{font-weight:600;background:#f6f6f6}
td.verborgen{color:#888;background:#fafafa;text-align:center}
.toelichting{font-size:.88em;color:#444;background:#f5f7fa;padding:.6em .9em;
border-left:4px solid #1f4e79}
img{max-width:100%;height:auto;display:block;margin:.4em 0}
.scroll{overflow-x:auto}
"""


def _cell(text: str, classes: Sequence[str]) -> str:
    cls = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{cls}>{escape(text)}</td>"


def tabel_html(table: Tabel) -> str:
    """One table: the rows and columns of the report with totals, hidden cells marked."""
    kolommen = list(table.kolommen)
    if any((r, TOTAAL) in table.cellen for r in table.rijen):
        kolommen.append(TOTAAL)
    rijen = list(table.rijen)
    if any((TOTAAL, k) in table.cellen for k in table.kolommen):
        rijen.append(TOTAAL)
    head = "".join(f'<th scope="col">{escape(label(k))}</th>' for k in kolommen)
    lines = [f'<div class="scroll"><table><thead><tr><th></th>{head}</tr></thead><tbody>']
    for rij in rijen:
        cells = []
        for kol in kolommen:
            cel = table.cellen.get((rij, kol))
            if cel is None:
                cells.append("<td></td>")
                continue
            classes = ["totaal"] if TOTAAL in (rij, kol) else []
            if cel.waarde is None:
                classes.append("verborgen")
            cells.append(_cell(cel_tekst(cel), classes))
        row_class = ' class="totaal"' if rij == TOTAAL else ""
        lines.append(
            f'<tr{row_class}><th scope="row">{escape(label(rij))}</th>{"".join(cells)}</tr>'
        )
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


def _img(alt: str, png: bytes) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="{escape(alt)}" src="data:image/png;base64,{data}">'


def _onderdeel(kop: str, rapport: Rapport, doc: ReportDocument) -> str:
    parts = [f"<section><h2>{escape(kop)}</h2>"]
    for alt, png in charts.alle(rapport, doc.report):
        parts.append(_img(alt, png))
    parts.append("<h3>Kengetallen</h3><table><tbody>")
    for key, text, soort in KENGETALLEN:
        value = kengetal_tekst(rapport.kengetallen[key], soort)
        parts.append(f'<tr><th scope="row">{escape(text)}</th><td>{escape(value)}</td></tr>')
    parts.append("</tbody></table>")
    parts.append("<h3>Leerroutes tegen de verwachte verdeling</h3><table><thead><tr>")
    parts.append("".join(f'<th scope="col">{escape(k)}</th>' for k in ROUTEMIX_KOPPEN))
    parts.append("</tr></thead><tbody>")
    for row in routemix_rijen(rapport, doc.report):
        first, *rest = row
        cells = "".join(f"<td>{escape(v)}</td>" for v in rest)
        parts.append(f'<tr><th scope="row">{escape(first)}</th>{cells}</tr>')
    parts.append("</tbody></table>")
    for naam, table in rapport.tabellen.items():
        parts.append(f"<h3>{escape(TABEL_TITELS.get(naam, naam))}</h3>")
        parts.append(tabel_html(table))
    parts.append("</section>")
    return "\n".join(parts)


def render_html(doc: ReportDocument) -> bytes:
    """The whole page as UTF-8 bytes."""
    report = doc.report
    peildatum = "" if report.peildatum is None else report.peildatum.isoformat()
    scope = (
        "alle gemeenten van het kantoor"
        if doc.gemeente is None
        else f"gemeente {doc.namen.get(doc.gemeente, doc.gemeente)}"
    )
    intro = [
        f"<p>Peildatum {escape(peildatum)}; {escape(scope)}. Alleen samengevoegde aantallen, "
        "geen namen of nummers.</p>",
        f'<p class="toelichting">{escape(report.toelichting.render())}. {escape(LEGENDA)}</p>',
    ]
    if doc.gemeente is None:  # one gemeente's report is about its own cases only
        intro.append(f"<p>{escape(zonder_gemeente_zin(report))}</p>")
    if doc.niet_geteld:
        intro.append(
            f"<p>{escape(getal(doc.niet_geteld))} dossier(s) niet meegeteld: zonder leesbare "
            "doelgroep of datum van inschrijving in de BRP.</p>"
        )
    body = [_onderdeel(p.kop, p.rapport, doc) for p in onderdelen(report, doc.namen, doc.gemeente)]
    page = (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(TITEL)} {escape(peildatum)}</title><style>{_CSS}</style></head>"
        f"<body><h1>{escape(TITEL)}</h1>{''.join(intro)}{''.join(body)}</body></html>\n"
    )
    return page.encode("utf-8")
