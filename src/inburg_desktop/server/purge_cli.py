"""``inburg-office purge [--dry-run] [--json] [--on DATUM]``: delete what the Besluit no
longer allows the office to keep (art. 9.9; server/purge.py, docs/retention.md).

``--dry-run`` lists per case its id, the categories whose term has passed and the rule
(article) for each, and deletes nothing; without it the same list is deleted, one
transaction per case, and the bytes removed from the database's files. Case ids only: no
names on the terminal or in the JSON. Exit codes as every ``inburg-office`` command
(server/cli.py): ``0`` done (also when nothing was due), ``2`` a bad argument (also a
peildatum after today without ``--dry-run``: :func:`future_day_problem`), ``8`` the
database is unreachable.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from inburg_desktop.domain.text import nl_date, nl_number
from inburg_desktop.protocol.date_option import date_option
from inburg_desktop.protocol.field_rules import shown
from inburg_desktop.server import purge
from inburg_desktop.server.db import Database

CATEGORIE_WORDS = {
    "kern": "identiteit en uitkomst",
    "gezondheid": "gezondheid",
    "lening": "lening",
    "overig": "intake en PIP",
}


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """The ``purge`` command."""
    parser = sub.add_parser(
        "purge",
        parents=[common],
        help="gegevens verwijderen waarvan de bewaartermijn voorbij is (Besluit art. 9.9)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="alleen tonen wat verwijderd zou worden; niets verwijderen",
    )
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.add_argument(
        "--on",
        type=date_option,
        metavar="DATUM",
        help="peildatum, bijvoorbeeld 30-11-2026 of 2026-11-30 (standaard vandaag; na "
        "vandaag alleen met --dry-run)",
    )


def future_day_problem(on: date | None, today: date, *, dry_run: bool, what: str) -> str | None:
    """Why a peildatum ``on`` after ``today`` is refused for a real run, in Dutch; ``None``
    when it may be used (no day given, not after today, or a dry run, which may look ahead).

    Why: a day in the future makes every term that passes by then "due" now; a typo (2062
    for 2026) would delete, for good, the data of current cases (atk9 #1), or report to
    DUO months that have not begun. ``what`` names the command in the message.
    """
    if on is None or on <= today or dry_run:
        return None
    return (
        f"De peildatum {nl_date(on)} ligt na vandaag ({nl_date(today)}): {what} kan alleen "
        "met een peildatum tot en met vandaag. Wilt u vooruitkijken, gebruik dan --dry-run. "
        "Er is niets gewijzigd."
    )


def run(args: argparse.Namespace, db: Database) -> None:
    """Carry out ``inburg-office purge`` (the peildatum was checked by
    :func:`future_day_problem` before the database was opened)."""
    found = purge.plan(db, args.on or date.today())
    done: purge.PurgeDone | None = None
    reclaimed: purge.Reclaimed | None = None
    if not args.dry_run:
        done = purge.carry_out(db, found)
        reclaimed = purge.reclaim(db)
    if args.json:
        print(json.dumps(_summary(found, done, reclaimed), ensure_ascii=True, indent=2))
        return
    for line in _lines(found, done, reclaimed):
        print(line)


def _summary(
    found: purge.PurgePlan, done: purge.PurgeDone | None, reclaimed: purge.Reclaimed | None
) -> dict[str, Any]:
    return {
        "dry_run": done is None,
        "peildatum": found.peildatum.isoformat(),
        "dossiers": found.dossiers,
        "te_verwijderen": [c.as_json() for c in found.te_verwijderen],
        "geweigerd": [
            {"case_id": case_id, "reden": code, "tekst": purge.REFUSAL_WORDS[code]}
            for case_id, code in found.geweigerd
        ],
        "verwijderd": None
        if done is None
        else {"geheel": list(done.geheel), "deels": list(done.deels)},
        "ruimte_vrijgegeven": None if reclaimed is None else reclaimed.complete,
    }


def _case_lines(case: purge.CasePurge) -> list[str]:
    what = "het hele dossier" if case.geheel else f"{nl_number(len(case.velden))} velden"
    lines = [f"Dossier {shown(case.case_id)}: {what}"]
    for termijn in case.termijnen:
        day = termijn.bewaren_tot
        until = "" if day is None else f", bewaren t/m {nl_date(day)}"
        lines.append(f"  {CATEGORIE_WORDS[termijn.categorie.value]}{until}:")
        lines.extend(f"    - {reason.render()}" for reason in termijn.reasons)
    return lines


def _lines(
    found: purge.PurgePlan, done: purge.PurgeDone | None, reclaimed: purge.Reclaimed | None
) -> list[str]:
    lines: list[str] = []
    for case in found.te_verwijderen:
        lines.extend(_case_lines(case))
    lines.extend(
        f"Overgeslagen: dossier {shown(case_id)}: {purge.REFUSAL_WORDS[code]} [{code}]; er is "
        "niets van verwijderd."
        for case_id, code in found.geweigerd
    )
    looked = f"{nl_number(found.dossiers)} dossiers bekeken, peildatum {nl_date(found.peildatum)}"
    if done is None:
        if found.peildatum > date.today():
            lines.append(
                f"Let op: de peildatum {nl_date(found.peildatum)} ligt na vandaag; dit is een "
                "vooruitblik. Verwijderen kan alleen met een peildatum tot en met vandaag."
            )
        lines.append(
            f"Proef: {nl_number(len(found.te_verwijderen))} dossiers zouden geheel of deels "
            f"worden verwijderd ({looked}). Er is niets verwijderd."
        )
        return lines
    lines.append(
        f"Verwijderd: {nl_number(len(done.geheel))} dossiers geheel, "
        f"{nl_number(len(done.deels))} deels ({looked})."
    )
    if reclaimed is not None and reclaimed.backend == "postgresql":
        lines.append(
            "De tabellen zijn herschreven (VACUUM FULL). Oude WAL-segmenten, back-ups en "
            "replica's bevatten de gegevens tot ze verlopen: zie docs/retention.md."
        )
    elif reclaimed is not None and not reclaimed.complete:
        lines.append(
            "Let op: een andere verbinding (draait de server?) hield het WAL-bestand vast; "
            "de verwijderde bytes kunnen daar nog staan. Voer 'inburg-office purge' opnieuw "
            "uit als de server stil ligt."
        )
    return lines
