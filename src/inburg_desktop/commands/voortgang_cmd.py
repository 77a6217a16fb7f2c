"""``inburg voortgang --vault V DOSSIER [--json] [--on DATUM]``: one case's progress against
the PIP in force (issue 15 item 3), the same summary the Voortgang window shows
(``services.progress.load``).

Text (Dutch, for people): the leerroute and the PIP version, then the course hours and
the participation hours against the PIP's intensity (all providers together, then per
provider), PVT, MAP, KNM and (in the Z-route) the Z-route, each done or what is missing
with the article it rests on; the exam, the afschalen signal, ontzorgen and nazorg.

``--json`` (for scripts; fixed English keys, shape in docs/progress.md): an object with
``case_id``, ``on``, ``pip_version``, ``leerroute``, ``termijn_start``, ``hours`` and
``participation`` (rows of ``provider``, ``followed``, ``expected``, ``total``, ``stand``,
``reason``), ``pvt``/``map``/``knm``/``z_route`` (``done``, ``applies``, ``missing``:
reasons), ``exam_passed_on``, ``afschalen``, ``ontzorgen`` (``phase``, ``end``,
``reasons``), ``nazorg`` (``due``, ``done_on``, ``reason``) and ``unreadable`` (keys of
stored values the rules skip). A reason is ``{"code", "text", "artikel"}``, its text in
Dutch. Hours are decimal texts ("96.5"), days ``YYYY-MM-DD``.

Exit codes as every command that opens a vault (README): 0, 6 no such case, 3 wrong
passphrase, 4 damaged, 12-16 the vault's surroundings; 2 for a bad ``--on``.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from inburg_desktop.commands.agenda_cmd import on_date
from inburg_desktop.commands.common import add_vault_arg, open_vault
from inburg_desktop.domain.progress_fields import UrenEntry, overlaps
from inburg_desktop.domain.safe_text import terminal_safe, terminal_safe_json
from inburg_desktop.domain.text import Reason
from inburg_desktop.domain.voortgang import Onderdeelstand, UrenStand
from inburg_desktop.formatting import format_date, format_number, route_label, uren_soort_label
from inburg_desktop.i18n import set_language
from inburg_desktop.services.progress import ProgressOverview, load

LANGUAGE = "nl"  # the commands speak Dutch (README, "Commands")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "voortgang",
        help="de voortgang van één dossier tegen het PIP: uren, PVT, MAP, KNM, examen, "
        "ontzorgen en nazorg",
    )
    add_vault_arg(parser)
    parser.add_argument("case_id", metavar="DOSSIER", help="het dossiernummer (id)")
    parser.add_argument(
        "--json",
        action="store_true",
        help="als JSON, voor scripts (de sleutels blijven Engels en vast; docs/progress.md)",
    )
    parser.add_argument(
        "--on",
        type=on_date,
        default=None,
        metavar="DATUM",
        help="de voortgang op deze dag (standaard vandaag), bijvoorbeeld 11-05-2026",
    )
    parser.set_defaults(handler=cmd_voortgang)


def cmd_voortgang(args: argparse.Namespace) -> int:
    on: date = args.on or date.today()
    vault = open_vault(args, reads_only=True)
    try:
        shown = load(vault, args.case_id, on)
    finally:
        vault.lock()
    if args.json:
        print(terminal_safe_json(progress_doc(shown)))
    else:
        set_language(LANGUAGE)  # route and kind labels in Dutch
        print("\n".join(terminal_safe(line) for line in progress_lines(shown)))
    return 0


# --- JSON ------------------------------------------------------------------------------


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _reason(reason: Reason) -> dict[str, Any]:
    return {"code": reason.code, "text": reason.render(), "artikel": reason.params.get("artikel")}


def _row(row: UrenStand) -> dict[str, Any]:
    return {
        "provider": row.aanbieder or None,
        "followed": format(row.gevolgd.normalize(), "f"),
        "expected": format(row.verwacht.normalize(), "f"),
        "total": row.totaal,
        "stand": None if row.eigen_stand is None else row.eigen_stand.value,
        "reason": _reason(row.reason),
    }


def _part(stand: Onderdeelstand | None) -> dict[str, Any] | None:
    if stand is None:
        return None
    return {
        "done": stand.afgerond,
        "applies": stand.van_toepassing,
        "missing": [_reason(r) for r in stand.ontbreekt],
    }


def progress_doc(shown: ProgressOverview) -> dict[str, Any]:
    """``inburg voortgang --json`` (module docstring)."""
    return {
        "case_id": shown.case_id,
        "on": shown.on.isoformat(),
        "pip_version": shown.pip_versie,
        "leerroute": None if shown.leerroute is None else shown.leerroute.value,
        "termijn_start": _day(shown.termijn_start),
        "hours": [_row(r) for r in shown.lesuren],
        "participation": [_row(r) for r in shown.participatie],
        "pvt": _part(shown.pvt),
        "map": _part(shown.map),
        "knm": _part(shown.knm),
        "z_route": _part(shown.z_route),
        "exam_passed_on": _day(shown.examen_behaald_op),
        "afschalen": None if shown.afschalen is None else _reason(shown.afschalen),
        "ontzorgen": {
            "phase": shown.ontzorgen.fase.value,
            "end": _day(shown.ontzorgen.eind),
            "reasons": [_reason(r) for r in shown.ontzorgen.reasons],
        },
        "nazorg": {
            "due": _day(shown.nazorg.due),
            "done_on": _day(shown.nazorg.gedaan_op),
            "reason": None if shown.nazorg.reason is None else _reason(shown.nazorg.reason),
        },
        "unreadable": list(shown.records.unreadable),
    }


# --- text ------------------------------------------------------------------------------


def _long(day: date) -> str:
    return format_date(day, LANGUAGE, style="long")


def _span(entry: UrenEntry) -> str:
    return f"{format_date(entry.van, LANGUAGE)} t/m {format_date(entry.regel.datum, LANGUAGE)}"


def _hours_lines(title: str, rows: tuple[UrenStand, ...]) -> list[str]:
    if not rows:
        return [f"{title}: het PIP legt geen intensiteit vast."]
    lines = [f"{title}:"]
    for row in rows:
        who = row.aanbieder or "Alle aanbieders samen"
        lines.append(f"  {who}: {row.reason.render()}")
    return lines


def _part_lines(title: str, stand: Onderdeelstand) -> list[str]:
    if not stand.van_toepassing:
        return [f"{title}: niet van toepassing in deze leerroute."]
    if stand.afgerond:
        return [f"{title}: afgerond."]
    return [f"{title}:"] + [f"  {r.render()}" for r in stand.ontbreekt]


def progress_lines(shown: ProgressOverview) -> list[str]:
    """The summary as people read it in a terminal (module docstring)."""
    lines = [f"Voortgang van dossier {shown.case_id} op {_long(shown.on)}."]
    if shown.pip_versie is None:
        lines.append("Er is nog geen vastgesteld PIP: er is geen intensiteit om tegen te meten.")
    else:
        route = "geen leerroute" if shown.leerroute is None else route_label(shown.leerroute)
        start = (
            "" if shown.termijn_start is None else f", termijn vanaf {_long(shown.termijn_start)}"
        )
        lines.append(f"PIP-versie {shown.pip_versie}: {route}{start}.")
    lines += ["", *_hours_lines("Lesuren (NT2 en KNM)", shown.lesuren)]
    lines += _hours_lines("Participatie", shown.participatie)
    for first, second in overlaps(shown.records.uren):  # counted twice: say which lines
        lines.append(
            f"  Let op: {first.regel.aanbieder} ({uren_soort_label(first.regel.soort)}) meldde "
            f"uren over {_span(first)} en over {_span(second)}; die overlappen en tellen "
            "dubbel. Verwijder de regel die niet klopt."
        )
    lines += ["", *_part_lines("PVT", shown.pvt), *_part_lines("MAP", shown.map)]
    lines += _part_lines("KNM", shown.knm)
    if shown.z_route is not None:
        lines += _part_lines("Z-route", shown.z_route)
    if shown.examen_behaald_op is not None:
        lines.append(f"Examen: behaald op {_long(shown.examen_behaald_op)}.")
    elif shown.z_route is None:
        lines.append("Examen: nog niet behaald (of nog geen uitslagen van DUO vastgelegd).")
    if shown.afschalen is not None:
        lines.append(shown.afschalen.render())
    lines.append("")
    if shown.ontzorgen.reasons:
        lines += ["Ontzorgen:"] + [f"  {r.render()}" for r in shown.ontzorgen.reasons]
    else:
        lines.append("Ontzorgen: niet van toepassing.")
    if shown.nazorg.reason is not None:
        lines.append(f"Nazorg: {shown.nazorg.reason.render()}")
    if shown.records.unreadable:
        count = format_number(len(shown.records.unreadable), LANGUAGE)
        lines.append(
            f"{count} opgeslagen gegeven(s) konden niet worden gelezen en tellen niet mee."
        )
    return lines
