"""``inburg agenda --vault V [--json] [--on DATUM]``: the consultant's agenda in the
terminal (issue 15 item 6), the same items as the start screen (``services.agenda``).

``--on`` is read by the one rule of date options (``protocol.date_option``, the app's
date parser ``domain.typed_date``: ``11-5-2026``, ``11 mei 2026``, ``2026-05-11``...);
default today. A date that cannot be read is a
usage error (exit 2) in words, before the vault is opened.

Text (Dutch, for people): a heading with the day, then per group (te laat, vandaag, deze
week, later) one item a line: its day, what to do and the case id, then the reason with
the article it rests on. ``--json`` (for scripts; the shape is in docs/agenda.md): an
object ``{"on", "cases", "items"}``, each item as ``domain.agenda.AgendaItem.as_json``.

Exit codes as every command that opens a vault (README): 0, 3 wrong passphrase, 4
damaged, 12-16 the vault's surroundings; 2 for a bad ``--on``.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from inburg_desktop.commands.common import add_vault_arg, open_vault
from inburg_desktop.domain.agenda import AgendaItem, Groep
from inburg_desktop.domain.safe_text import terminal_safe, terminal_safe_json
from inburg_desktop.formatting import (
    agenda_group_label,
    agenda_kind_label,
    format_date,
    format_time,
)
from inburg_desktop.messages import error_text
from inburg_desktop.protocol.date_option import date_option
from inburg_desktop.services.agenda import Agenda, agenda_on

LANGUAGE = "nl"  # the commands speak Dutch (README, "Commands")


def on_date(text: str) -> date:
    """``--on``: a date as a consultant types it, by the rule of every date option of
    both programs (``protocol.date_option``), refused with the reason from the message
    catalogue (the laptop has one; the office says the two forms)."""
    return date_option(text, lambda _text, refused: error_text(refused))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "agenda",
        help="wat er te doen is in alle dossiers: te laat, vandaag, deze week en later",
    )
    add_vault_arg(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="als JSON, voor scripts (de sleutels blijven Engels en vast; docs/agenda.md)",
    )
    parser.add_argument(
        "--on",
        type=on_date,
        default=None,
        metavar="DATUM",
        help="de agenda van deze dag (standaard vandaag), bijvoorbeeld 11-05-2026",
    )
    parser.set_defaults(handler=cmd_agenda)


def cmd_agenda(args: argparse.Namespace) -> int:
    on: date = args.on or date.today()
    # Only reads: on a read-only medium the agenda still shows (the rules' outcomes of
    # the day are stored best effort, services.case_summary).
    vault = open_vault(args, reads_only=True)
    try:
        shown = agenda_on(vault, on)
    finally:
        vault.lock()
    if args.json:
        print(terminal_safe_json(agenda_doc(shown)))
    else:
        print("\n".join(terminal_safe(line) for line in agenda_lines(shown)))
    return 0


def agenda_doc(shown: Agenda) -> dict[str, Any]:
    """``inburg agenda --json`` (docs/agenda.md)."""
    return {
        "on": shown.on.isoformat(),
        "cases": shown.cases,
        "items": [item.as_json() for item in shown.items],
    }


def _day(day: date) -> str:
    return format_date(day, LANGUAGE, style="long")


def reason_line(item: AgendaItem) -> str:
    """The item's reason in Dutch, with the article it rests on where the sentence does
    not already name it."""
    text = item.reason.render()
    if item.artikel and item.artikel not in text:
        stem, stop = (text[:-1], ".") if text.endswith(".") else (text, "")
        text = f"{stem} ({item.artikel}){stop}"
    return text


def item_line(item: AgendaItem) -> str:
    when = _day(item.due)
    if item.planned_at is not None:
        planned = item.planned_at
        when = (
            f"{_day(planned.date())} {format_time(planned, LANGUAGE)} "
            f"(gepland; uiterlijk {_day(item.due)})"
        )
    return f"  {when}  {agenda_kind_label(item.kind.value)}  dossier {item.case_id}"


def agenda_lines(shown: Agenda) -> list[str]:
    """The agenda as people read it in a terminal (module docstring)."""
    count = len(shown.items)
    head = f"Agenda op {_day(shown.on)}: {count} {'punt' if count == 1 else 'punten'}"
    lines = [f"{head} in {shown.cases} {'dossier' if shown.cases == 1 else 'dossiers'}."]
    if not shown.items:
        lines.append("Er is niets te doen.")
        return lines
    for groep in Groep:
        items = shown.group(groep)
        if not items:
            continue
        lines += ["", f"{agenda_group_label(groep.value)} ({len(items)})"]
        for item in items:
            lines += [item_line(item), f"      {reason_line(item)}"]
    return lines
