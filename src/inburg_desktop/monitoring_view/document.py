"""The monitoring report as a JSON document ``inburg-monitoring/1``.

The office builds the report; the PDF is drawn by a child process (``python -m
inburg_desktop.pdf.monitoring_report``: the server may not import the PDF layer), which
reads this document from its standard input. It holds only what the report publishes:
hidden cells travel without a value (``{"v": null, "o": "klein"}``), so the document
carries nothing a rendering could leak.

Shape::

    {"format": "inburg-monitoring/1", "namen": {"GM0629": "Wassenaar", ...},
     "gemeente": "GM0629" | null, "niet_geteld": 0,
     "report": {"peildatum": "2026-11-30", "verwacht_lokaal": [55, 20, 25],
                "verwacht_landelijk": [65, 20, 15],
                "toelichting": {"code": ..., "text": ..., "params": {...}},
                "samen": RAPPORT, "per_gemeente": {"GM0629": RAPPORT, ...},
                "zonder_gemeente": RAPPORT | null}}

    RAPPORT = {"scope": ..., "tabellen": {naam: {"rijen": [...], "kolommen": [...],
               "cellen": [[rij, kolom, waarde | null, onderdrukt | null], ...]}},
               "kengetallen": {naam: [waarde | null, n | null]}}

:func:`loads` raises ``ValueError`` for anything else.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.monitoring import (
    AANVULLEND,
    KLEIN,
    Cel,
    Kengetal,
    MonitoringReport,
    Rapport,
    RouteMix,
    Tabel,
)
from inburg_desktop.domain.text import Reason

FORMAT = "inburg-monitoring/1"


@dataclass(frozen=True)
class ReportDocument:
    """A report with the names of its gemeenten, the one gemeente to show (``None``: all)
    and how many cases could not be counted."""

    report: MonitoringReport
    namen: Mapping[str, str]
    gemeente: str | None = None
    niet_geteld: int = 0


def _rapport(r: Rapport) -> dict[str, Any]:
    return {
        "scope": r.scope,
        "tabellen": {
            naam: {
                "rijen": list(t.rijen),
                "kolommen": list(t.kolommen),
                "cellen": [
                    [rij, kol, c.waarde, c.onderdrukt] for (rij, kol), c in t.cellen.items()
                ],
            }
            for naam, t in r.tabellen.items()
        },
        "kengetallen": {naam: [k.waarde, k.n] for naam, k in r.kengetallen.items()},
    }


def dumps(doc: ReportDocument) -> bytes:
    """The document as UTF-8 JSON."""
    report = doc.report
    body = {
        "format": FORMAT,
        "namen": dict(doc.namen),
        "gemeente": doc.gemeente,
        "niet_geteld": doc.niet_geteld,
        "report": {
            "peildatum": None if report.peildatum is None else report.peildatum.isoformat(),
            "verwacht_lokaal": _mix(report.verwacht_lokaal),
            "verwacht_landelijk": _mix(report.verwacht_landelijk),
            "toelichting": {
                "code": report.toelichting.code,
                "text": report.toelichting.text,
                "params": {k: str(v) for k, v in report.toelichting.params.items()},
            },
            "samen": _rapport(report.samen),
            "per_gemeente": {code: _rapport(r) for code, r in report.per_gemeente.items()},
            "zonder_gemeente": None
            if report.zonder_gemeente is None
            else _rapport(report.zonder_gemeente),
        },
    }
    return json.dumps(body, ensure_ascii=False).encode()


def _mix(mix: RouteMix) -> list[int]:
    return [mix.b1, mix.onderwijs, mix.z]


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a text")
    return value


def _count(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("expected a count")
    return value


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a number")
    return float(value)


def _read_rapport(data: Any) -> Rapport:
    tabellen: dict[str, Tabel] = {}
    for naam, t in dict(data["tabellen"]).items():
        cellen: dict[tuple[str, str], Cel] = {}
        for rij, kol, waarde, onderdrukt in t["cellen"]:
            if onderdrukt not in (None, KLEIN, AANVULLEND) or (waarde is None) == (
                onderdrukt is None
            ):
                raise ValueError("a cell is shown or hidden, not both")
            cellen[(_str(rij), _str(kol))] = Cel(_count(waarde), onderdrukt)
        rijen = tuple(_str(x) for x in t["rijen"])
        kolommen = tuple(_str(x) for x in t["kolommen"])
        tabellen[_str(naam)] = Tabel(_str(naam), rijen, kolommen, cellen)
    kengetallen = {
        _str(naam): Kengetal(_number(w), _count(n))
        for naam, (w, n) in dict(data["kengetallen"]).items()
    }
    return Rapport(_str(data["scope"]), tabellen, kengetallen)


def loads(data: bytes) -> ReportDocument:
    """The document from ``data``; ``ValueError`` when it is not one."""
    try:
        body = json.loads(data)
        if body.get("format") != FORMAT:
            raise ValueError(f"not an {FORMAT} document")
        r = body["report"]
        peildatum = None if r["peildatum"] is None else parse_iso_date(_str(r["peildatum"]))
        toelichting = r["toelichting"]
        report = MonitoringReport(
            per_gemeente={_str(c): _read_rapport(x) for c, x in dict(r["per_gemeente"]).items()},
            samen=_read_rapport(r["samen"]),
            toelichting=Reason(
                _str(toelichting["code"]),
                _str(toelichting["text"]),
                {_str(k): _str(v) for k, v in dict(toelichting["params"]).items()},
            ),
            verwacht_lokaal=RouteMix(*r["verwacht_lokaal"]),
            verwacht_landelijk=RouteMix(*r["verwacht_landelijk"]),
            zonder_gemeente=None
            if r["zonder_gemeente"] is None
            else _read_rapport(r["zonder_gemeente"]),
            peildatum=peildatum,
        )
        gemeente = body["gemeente"]
        if gemeente is not None and gemeente not in report.per_gemeente:
            raise ValueError("gemeente: not one of the report")
        namen = {_str(k): _str(v) for k, v in dict(body["namen"]).items()}
        return ReportDocument(report, namen, gemeente, _count(body["niet_geteld"]) or 0)
    except (KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise ValueError(f"not an {FORMAT} document: {type(exc).__name__}") from None
