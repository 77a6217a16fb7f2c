"""The monitoring report's PDF (pdf/monitoring_report.py) and charts
(monitoring_view/charts.py): what a reader of the PDF sees, the same bytes for the same
report, and no hidden count drawn anywhere (issue 16 item 6: "suppress cells under 5").
"""

from __future__ import annotations

from datetime import date

import pytest

from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.monitoring import TOTAAL, MonitoringRecord, monitoring_report
from inburg_desktop.monitoring_view import charts
from inburg_desktop.monitoring_view.document import ReportDocument
from inburg_desktop.pdf.monitoring_report import render_pdf

from ..ui.pdf_text import pdf_text

WAS, VOS = "GM0629", "GM0626"
ON = date(2026, 11, 30)
NAMEN = {WAS: "Wassenaar", VOS: "Voorschoten"}


def _records() -> list[MonitoringRecord]:
    """Wassenaar 12 in March (B1), 3 in April (Z); Voorschoten 9 in March (B1)."""
    out = [
        MonitoringRecord(WAS, Doelgroep.STATUSHOUDER, "2026-03", Leerroute.B1) for _ in range(12)
    ]
    out += [
        MonitoringRecord(WAS, Doelgroep.GEZINSMIGRANT, "2026-04", Leerroute.Z) for _ in range(3)
    ]
    out += [
        MonitoringRecord(VOS, Doelgroep.STATUSHOUDER, "2026-03", Leerroute.B1) for _ in range(9)
    ]
    return out


def _doc(gemeente: str | None = None) -> ReportDocument:
    return ReportDocument(monitoring_report(_records(), (VOS, WAS), ON), NAMEN, gemeente)


def test_the_pdf_shows_the_figures_and_the_marks_of_hidden_cells() -> None:
    text = pdf_text(render_pdf(_doc()))
    assert "Monitoring inburgering" in text and "Peildatum 2026-11-30" in text
    for heading in ("Alle gemeenten samen", "Gemeente Voorschoten (GM0626)",
                    "Gemeente Wassenaar (GM0629)"):  # fmt: skip
        assert heading in text
    assert "Instroom per maand en doelgroep" in text
    assert "\u00b7" in text and "<5" not in text  # Wassenaar's 3 in April: hidden, one mark
    # The route mix against the expected one, in Dutch numbers: Voorschoten's 9 of 9 B1
    # (Wassenaar's shares rest on its hidden 3 and are not shown).
    assert "100,0 %" in text and "55 %" in text and "65 %" in text and "+45,0" in text
    assert "Aantallen kleiner dan 5 zijn niet getoond" in text


def test_one_gemeente_only() -> None:
    text = pdf_text(render_pdf(_doc(WAS)))
    assert "Gemeente Wassenaar (GM0629)" in text
    assert "Alle gemeenten samen" not in text and "Voorschoten (GM0626)" not in text


def test_the_same_report_gives_the_same_bytes() -> None:
    assert render_pdf(_doc()) == render_pdf(_doc())


def test_a_hidden_month_is_no_bar() -> None:
    """Wassenaar's April (3) is hidden: its chart equals the one of a report in which
    April's count is any other hidden number."""
    report = _doc().report
    april = report.per_gemeente[WAS].tabellen["instroom"].cel("2026-04", TOTAAL)
    assert april.waarde is None
    other = [*_records(), MonitoringRecord(WAS, Doelgroep.GEZINSMIGRANT, "2026-04", Leerroute.Z)]
    again = monitoring_report(other, (VOS, WAS), ON)
    assert again.per_gemeente[WAS].tabellen["instroom"].cel("2026-04", TOTAAL).waarde is None
    assert charts.instroom_per_maand(report.per_gemeente[WAS]) == charts.instroom_per_maand(
        again.per_gemeente[WAS]
    )


def test_the_html_page_escapes_every_text() -> None:
    """A gemeente's name comes from the office's settings: it is text, never markup."""
    from inburg_desktop.monitoring_view.html import render_html

    doc = ReportDocument(_doc().report, {WAS: "Wassen<b>aar</b> & Co", VOS: "Voorschoten"})
    page = render_html(doc).decode()
    assert "Wassen&lt;b&gt;aar&lt;/b&gt; &amp; Co" in page
    assert "<b>" not in page
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "http://" not in page and "https://" not in page  # self-contained


def test_a_chart_of_hidden_months_counts_from_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    """Usability round 10: with every month of a small gemeente hidden the instroom chart's
    axis ran from -0.045 to 0.045; a count axis starts at 0 with whole numbers."""
    from matplotlib.figure import Figure

    drawn: list[Figure] = []
    real = charts._png

    def keep(figure: Figure) -> bytes:
        drawn.append(figure)
        return real(figure)

    monkeypatch.setattr(charts, "_png", keep)
    few = [MonitoringRecord(WAS, Doelgroep.STATUSHOUDER, "2026-03", Leerroute.B1)] * 3
    many = [MonitoringRecord(VOS, Doelgroep.STATUSHOUDER, "2026-03", Leerroute.B1)] * 6
    report = monitoring_report([*few, *many], (VOS, WAS), ON)
    rapport = report.per_gemeente[WAS]
    cells = rapport.tabellen["instroom"].cellen
    assert all(cel.waarde is None for (_rij, kolom), cel in cells.items() if kolom == TOTAAL)
    charts.instroom_per_maand(rapport)
    low, high = drawn[0].axes[0].get_ylim()
    assert low == 0 and high >= 1
