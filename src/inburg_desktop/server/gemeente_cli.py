"""``inburg-office gemeente add|list|rename`` and ``inburg-office consultant
add-gemeente|remove-gemeente|list``: the municipalities of one office and who works for
which (server/gemeenten.py, docs/gemeenten.md).

Exit codes as every ``inburg-office`` command (server/cli.py): ``1`` the office refuses
(an unknown gemeente or consultant, a code or name it has already, a consultant who still
holds cases of the gemeente), ``2`` a bad or missing argument. Every change re-publishes
``setting.gemeenten``, which the laptops take over at their next sync.
"""

from __future__ import annotations

import argparse
from typing import Any

from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.domain.text import nl_number
from inburg_desktop.server import admin, gemeente_rules, gemeenten
from inburg_desktop.server.db import Database

JSON_HELP = "als JSON, voor scripts (de sleutels blijven Engels en vast)"
PUBLISHED = "De laptops nemen dit over bij hun volgende synchronisatie."


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """The ``gemeente`` and ``consultant`` commands and their verbs."""
    parser = sub.add_parser(
        "gemeente",
        parents=[common],
        help="de gemeenten die het kantoor bedient (CBS-code en naam)",
    )
    verbs = parser.add_subparsers(dest="verb", required=True)
    add = verbs.add_parser("add", parents=[common], help="een gemeente van het kantoor vastleggen")
    add.add_argument("code", metavar="CODE", help="de CBS-gemeentecode, zoals GM0629")
    add.add_argument("naam", metavar="NAAM", help="de naam van de gemeente, zoals Wassenaar")
    listing = verbs.add_parser(
        "list", parents=[common], help="de gemeenten, hun consulenten en aantallen dossiers"
    )
    listing.add_argument("--json", action="store_true", help=JSON_HELP)
    rename = verbs.add_parser(
        "rename", parents=[common], help="een gemeente een andere naam geven (de code blijft)"
    )
    rename.add_argument("gemeente", metavar="GEMEENTE", help="de CBS-code of de huidige naam")
    rename.add_argument("naam", metavar="NAAM", help="de nieuwe naam")

    consultant = sub.add_parser(
        "consultant",
        parents=[common],
        help="voor welke gemeenten van het kantoor een consulent werkt",
    )
    cverbs = consultant.add_subparsers(dest="verb", required=True)
    for verb, words in (
        ("add-gemeente", "de consulent ook voor deze gemeente laten werken"),
        ("remove-gemeente", "de consulent niet meer voor deze gemeente laten werken"),
    ):
        member = cverbs.add_parser(verb, parents=[common], help=words)
        member.add_argument("consultant", metavar="CONSULENT", help="naam van de consulent")
        member.add_argument("gemeente", metavar="GEMEENTE", help="de CBS-code of de naam")
    clist = cverbs.add_parser(
        "list", parents=[common], help="de consulenten en de gemeenten waarvoor ze werken"
    )
    clist.add_argument("--json", action="store_true", help=JSON_HELP)


def run(args: argparse.Namespace, db: Database) -> None:
    """Carry out ``inburg-office gemeente …`` or ``consultant …``; refusals are
    ``AdminError`` (exit 1)."""
    if args.command == "consultant":
        _consultant(args, db)
        return
    if args.verb == "add":
        added = gemeenten.add_gemeente(db, args.code, args.naam)
        print(
            f"Gemeente {terminal_safe(added.naam)} ({added.code}) is vastgelegd. Laat "
            f"consulenten ervoor werken met 'inburg-office consultant add-gemeente NAAM "
            f"{added.code}'. {PUBLISHED}"
        )
    elif args.verb == "rename":
        renamed, before = gemeenten.rename_gemeente(db, args.gemeente, args.naam)
        if before == renamed.naam:
            print(
                f"Gemeente {renamed.code} heette al {terminal_safe(renamed.naam)}; er is niets "
                "gewijzigd."
            )
        else:
            print(
                f"Gemeente {renamed.code} heet nu {terminal_safe(renamed.naam)} (was "
                f"{terminal_safe(before)}). {PUBLISHED}"
            )
    else:
        rows = gemeenten.list_gemeenten(db)
        if args.json:
            print(admin.dumps(rows))
        elif not rows:
            print(
                "Het kantoor heeft geen gemeenten vastgelegd; elk dossier en elke consulent "
                "hoort bij het hele kantoor. Leg er een vast met 'inburg-office gemeente add "
                "CODE NAAM'."
            )
        else:
            for line in gemeente_lines(rows):
                print(line)
            without = gemeenten.cases_without_gemeente(db)
            if without:
                which = "dossier heeft" if without == 1 else "dossiers hebben"
                print(
                    f"{nl_number(without)} {which} geen gemeente; leg die vast met "
                    "'inburg-office case gemeente DOSSIER CODE'."
                )


def gemeente_lines(rows: list[dict[str, Any]]) -> list[str]:
    """One line per gemeente: code, name, cases and the consultants who work for it."""
    lines = []
    for row in rows:
        names = ", ".join(terminal_safe(name) for name in row["consulenten"]) or "nog niemand"
        cases = "dossier" if row["dossiers"] == 1 else "dossiers"
        lines.append(
            f"{row['code']}  {terminal_safe(row['naam'])}: {nl_number(row['dossiers'])} "
            f"{cases}; consulenten: {names}"
        )
    return lines


def _consultant(args: argparse.Namespace, db: Database) -> None:
    if args.verb == "list":
        rows = consultant_rows(db)
        if args.json:
            print(admin.dumps(rows))
            return
        if not rows:
            print("Het kantoor kent nog geen consulent (inburg-office enroll --consultant NAAM).")
        for row in rows:
            codes = ", ".join(row["gemeenten"]) or "geen gemeente"
            print(f"{terminal_safe(row['consultant'])}: {codes}")
        return
    if args.verb == "add-gemeente":
        name, words, already = gemeenten.add_membership(db, args.consultant, args.gemeente)
        if already:
            print(
                f"{terminal_safe(name)} werkte al voor gemeente {terminal_safe(words)}; er is "
                "niets gewijzigd."
            )
        else:
            print(
                f"{terminal_safe(name)} werkt nu voor gemeente {terminal_safe(words)}. {PUBLISHED}"
            )
        return
    name, words = gemeenten.remove_membership(db, args.consultant, args.gemeente)
    print(
        f"{terminal_safe(name)} werkt niet meer voor gemeente {terminal_safe(words)}. {PUBLISHED}"
    )


def consultant_rows(db: Database) -> list[dict[str, Any]]:
    """Every consultant the office knows (``admin.known_consultants``), by name, with the
    codes of the gemeenten they work for (sorted)."""
    with db.read() as session:
        known = admin.known_consultants(session)
        who = gemeente_rules.members(session)
    by_name: dict[str, list[str]] = {name: [] for name in known}
    for code, names in sorted(who.items()):
        for name in names:
            by_name.setdefault(name, []).append(code)
    return [{"consultant": name, "gemeenten": codes} for name, codes in sorted(by_name.items())]
