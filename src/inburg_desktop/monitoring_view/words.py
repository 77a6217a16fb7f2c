"""The Dutch words and number forms of the monitoring report (the office speaks Dutch).

The office server has no translation catalogue (``pyproject`` import rules: the server
does not import ``i18n`` or ``formatting``), so the report's labels live here, beside the
codes they name; numbers follow Dutch usage (decimal comma, a point between thousands).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.monitoring import (
    AANVULLEND,
    KLEIN,
    TOTAAL,
    Cel,
    Kengetal,
    MonitoringReport,
    Rapport,
)

TITEL = "Monitoring inburgering"
MAANDEN = (
    "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
)  # fmt: skip
TABEL_TITELS: Mapping[str, str] = {
    "instroom": "Instroom per maand en doelgroep (inschrijving in de BRP)",
    "routemix": "Leerroute in het geldende PIP",
    "pip": "PIP en de termijn van 10 weken (Besluit art. 5.3)",
    "uitstroom": "Uitstroom per leerroute en reden",
    "resultaten": "Resultaten: examen, route en modules",
    "tevredenheid": "Tevredenheid (laatste antwoord per persoon; 1 = zeer ontevreden, "
    "5 = zeer tevreden)",
}
LABELS: Mapping[str, str] = {
    TOTAAL: "Totaal",
    "statushouder": "Statushouder",
    "gezinsmigrant": "Gezinsmigrant",
    "overige_migrant": "Overige migrant",
    "b1": "B1-route",
    "onderwijs": "Onderwijsroute",
    "z": "Z-route",
    "aantal": "Aantal",
    "op_tijd": "Op tijd vastgesteld",
    "te_laat_vastgesteld": "Te laat vastgesteld",
    "te_laat_nog_niet": "Nog niet, termijn voorbij",
    "nog_binnen_termijn": "Nog niet, binnen termijn",
    "wacht_op_derde": "Wacht op informatie derde",
    "zonder_kennisgeving": "Nog geen kennisgeving",
    "voldaan": "Plicht voldaan",
    "ontheffing": "Ontheffing",
    "verhuisd": "Verhuisd",
    "vertrokken": "Vertrokken",
    "overig": "Overig",
    "examen": "Inburgeringsexamen (taal)",
    "route": "Leerroute afgerond",
    "knm": "KNM",
    "pvt": "PVT",
    "map": "MAP",
    "begeleiding": "Maatschappelijke begeleiding",
    "behaald": "Behaald",
    "niet_behaald": "Niet behaald",
}
VERBORGEN_TEKEN = "\u00b7"
"""How every hidden cell is shown, a small count and one hidden beside it alike: marking
the small ones ``<5`` told a reader each lies between 1 and 4, and the others at least 5,
and with the totals many came back exactly (attack round 10, finding 1: 172 of 549 in
the demo office). One mark leaves a reader only the sum of a line's hidden cells."""
ONDERDRUKT_TEKEN = {KLEIN: VERBORGEN_TEKEN, AANVULLEND: VERBORGEN_TEKEN}
"""The mark per kind of hidden cell (``domain.monitoring.Cel.onderdrukt``): the same."""
LEGENDA = (
    "\u00b7: niet getoond: een aantal kleiner dan 5 (bij uitkomsten voor personen ook 0), "
    "of een aantal dat verborgen is zodat zo'n klein aantal niet uit de totalen is terug te "
    "rekenen. Welke van de twee het is, staat er bewust niet bij."
)
ZONDER_GEMEENTE_NAAM = "Zonder gemeente"


def label(code: str) -> str:
    """The Dutch label of a row or column code; a month ``YYYY-MM`` as ``mrt 2026``."""
    if len(code) == 7 and code[4] == "-" and code[:4].isdigit() and code[5:].isdigit():
        return f"{MAANDEN[int(code[5:]) - 1]} {code[:4]}"
    return LABELS.get(code, code)


def getal(value: float, decimals: int = 0) -> str:
    """``1234.5`` → ``1.234,5`` (Dutch: point between thousands, decimal comma)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def cel_tekst(cel: Cel) -> str:
    """A count as shown: the number, or the mark of a hidden cell."""
    if cel.waarde is None:
        return VERBORGEN_TEKEN
    return getal(cel.waarde)


def percentage(kengetal: Kengetal) -> str:
    """A share (a fraction) as ``53,1 %``; a dash when it is not published."""
    return "\u2013" if kengetal.waarde is None else f"{getal(100 * kengetal.waarde, 1)} %"


def verschil(kengetal: Kengetal) -> str:
    """Percentage points with their sign (``+5,3``, ``-1,9``); a dash when not published."""
    if kengetal.waarde is None:
        return "\u2013"
    # A hyphen-minus: the PDF's Noto Sans subset has no U+2212.
    sign = "+" if kengetal.waarde > 0 else ("-" if kengetal.waarde < 0 else "\u00b1")
    return f"{sign}{getal(abs(kengetal.waarde), 1)}"


def waarde(kengetal: Kengetal, decimals: int = 1) -> str:
    """A median or mean; a dash when it is not published (too few cases, hidden counts)."""
    return "\u2013" if kengetal.waarde is None else getal(kengetal.waarde, decimals)


@dataclass(frozen=True)
class Onderdeel:
    """One part of a rendered report: its heading and the figures of one scope."""

    kop: str
    rapport: Rapport


def onderdelen(
    report: MonitoringReport, namen: Mapping[str, str], gemeente: str | None = None
) -> Sequence[Onderdeel]:
    """The parts to render: all gemeenten together, then each gemeente, then the cases
    without a gemeente; or only ``gemeente`` (a code of the report). Every part comes
    from the same suppression, so two renderings together reveal no more than one."""
    if gemeente is not None:
        return [Onderdeel(_gemeente_kop(gemeente, namen), report.per_gemeente[gemeente])]
    parts = [Onderdeel("Alle gemeenten samen", report.samen)]
    parts += [Onderdeel(_gemeente_kop(c, namen), r) for c, r in report.per_gemeente.items()]
    if report.zonder_gemeente is not None:
        parts.append(Onderdeel(ZONDER_GEMEENTE_NAAM, report.zonder_gemeente))
    return parts


def _gemeente_kop(code: str, namen: Mapping[str, str]) -> str:
    return f"Gemeente {namen[code]} ({code})" if code in namen else f"Gemeente {code}"


def zonder_gemeente_zin(report: MonitoringReport) -> str:
    """How many cases name no gemeente of the office, as far as the report publishes it."""
    if report.zonder_gemeente is None:
        return "Alle dossiers hebben een gemeente van het kantoor."
    cel = report.zonder_gemeente.tabellen["instroom"].cellen.get((TOTAAL, TOTAAL))
    # hidden: how few is not said, as in the tables
    aantal = "enkele" if cel is None or cel.waarde is None else getal(cel.waarde)
    return (
        f"{aantal[0].upper()}{aantal[1:]} dossiers hebben geen (bekende) gemeente van het "
        f"kantoor; ze tellen mee in 'Alle gemeenten samen' en staan apart onder "
        f"'{ZONDER_GEMEENTE_NAAM}'."
    )


KENGETALLEN: Sequence[tuple[str, str, str]] = (
    ("pip_op_tijd", "PIP's op tijd vastgesteld (van de vastgestelde met termijn)", "pct"),
    ("mediaan_weken_tot_pip", "Mediaan weken van start termijn tot PIP", "num"),
    ("slagingspercentage_examen", "Slagingspercentage inburgeringsexamen", "pct"),
    ("slagingspercentage_route", "Leerroute afgerond (van wie een uitkomst heeft)", "pct"),
    ("slagingspercentage_knm", "Slagingspercentage KNM", "pct"),
    ("slagingspercentage_pvt", "PVT afgerond", "pct"),
    ("slagingspercentage_map", "MAP afgerond", "pct"),
    ("mediaan_maanden_tot_uitstroom_b1", "Mediaan maanden tot uitstroom, B1-route", "num"),
    ("mediaan_maanden_tot_uitstroom_onderwijs", "Mediaan maanden tot uitstroom, onderwijsroute",
     "num"),
    ("mediaan_maanden_tot_uitstroom_z", "Mediaan maanden tot uitstroom, Z-route", "num"),
    ("gemiddelde_map", "Gemiddelde tevredenheid MAP (1\u20135)", "mean"),
    ("gemiddelde_pvt", "Gemiddelde tevredenheid PVT (1\u20135)", "mean"),
    ("gemiddelde_begeleiding", "Gemiddelde tevredenheid begeleiding (1\u20135)", "mean"),
)  # fmt: skip
"""The figures listed under each part: key, label, kind (percentage, number, mean)."""


def kengetal_tekst(kengetal: Kengetal, soort: str) -> str:
    if soort == "pct":
        return percentage(kengetal)
    return waarde(kengetal, 2 if soort == "mean" else 1)


def routemix_rijen(rapport: Rapport, report: MonitoringReport) -> list[tuple[str, ...]]:
    """Route, share, expected local and national, and the differences (percentage points)."""
    out: list[tuple[str, ...]] = []
    for route in ("b1", "onderwijs", "z"):
        k = rapport.kengetallen
        out.append(
            (
                label(route),
                percentage(k[f"aandeel_{route}"]),
                f"{report.verwacht_lokaal.share(Leerroute(route))} %",
                verschil(k[f"verschil_lokaal_{route}"]),
                f"{report.verwacht_landelijk.share(Leerroute(route))} %",
                verschil(k[f"verschil_landelijk_{route}"]),
            )
        )
    return out


ROUTEMIX_KOPPEN = (
    "Leerroute",
    "Aandeel",
    "Verwacht lokaal",
    "Verschil (procentpunt)",
    "Verwacht landelijk",
    "Verschil (procentpunt)",
)
