"""The report's charts as PNG bytes (matplotlib, Agg backend: no display needed).

Each chart draws only what the report publishes: a hidden count is no bar (a gap
marked with a dot, as in the tables), a figure that is not published is no bar.
The charts are deterministic for the same report (no timestamps in the PNG metadata).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # before pyplot: the office server and CI have no display

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.deadlines import TERMIJN_MONTHS
from inburg_desktop.domain.monitoring import TOTAAL, MonitoringReport, Rapport
from inburg_desktop.monitoring_view.words import VERBORGEN_TEKEN, label

_BLAUW, _GRIJS, _LICHT = "#1f4e79", "#8c8c8c", "#c9d7e8"
_DPI = 110


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _figure(width: float = 7.0, height: float = 2.8) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    figure.set_facecolor("white")
    return figure


def instroom_per_maand(rapport: Rapport) -> bytes:
    """Instroom per month (all doelgroepen): a bar per month; a hidden month total is a
    gap marked as in the table."""
    table = rapport.tabellen["instroom"]
    months = list(table.rijen)
    figure = _figure()
    axes = figure.add_subplot()
    values: list[float] = []
    for i, month in enumerate(months):
        cel = table.cellen.get((month, TOTAAL))
        if cel is None or cel.waarde is None:
            values.append(0)
            mark = VERBORGEN_TEKEN
            axes.annotate(mark, (i, 0), ha="center", va="bottom", fontsize=6, color=_GRIJS)
        else:
            values.append(cel.waarde)
    axes.bar(range(len(months)), values, color=_BLAUW)
    # counts start at 0; with every month hidden there is no bar to scale to (usability
    # round 10: the axis ran from -0.045 to 0.045)
    axes.set_ylim(0, max(values, default=0) * 1.1 or 5)
    step = max(1, len(months) // 12)
    axes.set_xticks(range(0, len(months), step))
    axes.set_xticklabels([label(m) for m in months[::step]], rotation=45, ha="right", fontsize=7)
    axes.set_ylabel("Dossiers")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # persons: no half a dossier
    axes.set_title("Instroom per maand", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def routemix(rapport: Rapport, report: MonitoringReport) -> bytes:
    """The route mix (share of cases with a PIP) beside the expected local and national
    mixes, in percent."""
    routes = list(Leerroute)
    figure = _figure()
    axes = figure.add_subplot()
    width = 0.27
    shares = [rapport.kengetallen[f"aandeel_{r.value}"].waarde for r in routes]
    for offset, values, colour, name in (
        (-width, [None if s is None else 100 * s for s in shares], _BLAUW, "Werkelijk"),
        (0.0, [report.verwacht_lokaal.share(r) for r in routes], _LICHT, "Verwacht lokaal"),
        (width, [report.verwacht_landelijk.share(r) for r in routes], _GRIJS, "Verwacht landelijk"),
    ):
        xs = [i + offset for i in range(len(routes))]
        axes.bar(xs, [v or 0 for v in values], width, color=colour, label=name)
        for x, v in zip(xs, values, strict=True):
            axes.annotate(
                "\u2013" if v is None else f"{v:.0f}%", (x, v or 0), ha="center", va="bottom",
                fontsize=7,
            )  # fmt: skip
    axes.set_xticks(range(len(routes)))
    axes.set_xticklabels([label(r.value) for r in routes])
    axes.set_ylabel("%")
    axes.set_ylim(0, 100)
    axes.legend(fontsize=7, frameon=False)
    axes.set_title("Leerroutes tegen de verwachte verdeling", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def maanden_tot_uitstroom(rapport: Rapport) -> bytes:
    """The median whole months from the start of the termijn to uitstroom, per route
    (a route with fewer than 5 cases has no bar)."""
    routes: Sequence[Leerroute] = list(Leerroute)
    figure = _figure(7.0, 2.4)
    axes = figure.add_subplot()
    values = [
        rapport.kengetallen[f"mediaan_maanden_tot_uitstroom_{r.value}"].waarde for r in routes
    ]
    axes.barh(range(len(routes)), [v or 0 for v in values], color=_BLAUW)
    for i, v in enumerate(values):
        text = "te weinig dossiers" if v is None else f"{v:g}".replace(".", ",")
        axes.annotate(f" {text}", (v or 0, i), va="center", fontsize=8)
    axes.set_yticks(range(len(routes)))
    axes.set_yticklabels([label(r.value) for r in routes])
    axes.set_xlim(0, TERMIJN_MONTHS + 4)
    axes.axvline(TERMIJN_MONTHS, color=_GRIJS, linestyle="--", linewidth=0.8)
    axes.annotate(
        f"termijn {TERMIJN_MONTHS} mnd",  # Wet art. 11: three years
        (TERMIJN_MONTHS, len(routes) - 0.5),
        fontsize=7,
        color=_GRIJS,
        ha="right",
    )
    axes.set_xlabel("Maanden (mediaan) van start termijn tot uitstroom")
    axes.set_title("Maanden tot uitstroom", fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def alle(rapport: Rapport, report: MonitoringReport) -> list[tuple[str, bytes]]:
    """The charts of one part, with their alt texts."""
    return [
        ("Staafdiagram: instroom per maand", instroom_per_maand(rapport)),
        ("Staafdiagram: leerroutes tegen de verwachte verdeling", routemix(rapport, report)),
        (
            "Staafdiagram: mediaan maanden tot uitstroom per leerroute",
            maanden_tot_uitstroom(rapport),
        ),
    ]
