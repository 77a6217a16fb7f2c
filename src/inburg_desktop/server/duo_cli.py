"""``inburg-office duo export|bevestig``: the report to DUO from the terminal (server/duo.py,
docs/duo-report.md).

``export`` writes an ``inburg-duo/1`` file of what is new, changed or withdrawn since the
last confirmed export (``--dry-run``: only says what it would hold, writes and keeps
nothing); ``bevestig EXPORT_ID``, once DUO accepted that file, marks it as reported. Exit
codes as every ``inburg-office`` command (server/cli.py): ``1`` the office refuses (no
such case or export, a stale export, an unwritable file), ``2`` a bad argument.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from inburg_desktop.domain.gemeente import GemeenteError
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.text import nl_number
from inburg_desktop.protocol.field_rules import shown
from inburg_desktop.server import duo
from inburg_desktop.server.admin import UnknownGemeente
from inburg_desktop.server.case_transfer import write_owner_only
from inburg_desktop.server.db import Database
from inburg_desktop.server.gemeente_rules import office_kantoor


def day_argument(text: str) -> date:
    """An argparse type: a date JJJJ-MM-DD, refused in words otherwise."""
    try:
        return parse_iso_date(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{shown(text, 20)}' is geen datum; verwacht JJJJ-MM-DD, zoals 2027-01-31"
        ) from None


def peildatum_argument(text: str) -> date:
    """An argparse type: a date JJJJ-MM-DD not after today (exit 2 otherwise): a later
    peildatum would report months that have not ended (``duo.check_peildatum``)."""
    day = day_argument(text)
    today = date.today()
    if day > today:
        raise argparse.ArgumentTypeError(
            f"{day.isoformat()} ligt na vandaag ({today.isoformat()}); een peildatum is "
            "vandaag of eerder"
        )
    return day


def _gemeente(db: Database, text: str) -> str:
    """``--gemeente`` as a code: the office's own gemeenten from its database first
    (``duo.parse_gemeente``). Raises ``UnknownGemeente`` (exit 2) in words naming them."""
    with db.read() as session:
        kantoor = office_kantoor(session)
    try:
        return duo.parse_gemeente(text, kantoor)
    except GemeenteError as exc:
        raise UnknownGemeente(f"{exc.reason.render()}. Er is niets gemaakt.") from None


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """The ``duo`` command and its two verbs."""
    parser = sub.add_parser(
        "duo",
        parents=[common],
        help="de melding aan DUO (Wet art. 34-36): exporteren en, na verzending, bevestigen",
    )
    verbs = parser.add_subparsers(dest="verb", required=True)
    export = verbs.add_parser(
        "export",
        parents=[common],
        help="wat nieuw, gewijzigd of vervallen is sinds de laatst bevestigde melding, "
        "als inburg-duo/1-bestand",
    )
    export.add_argument(
        "--gemeente",
        metavar="G",
        help="alleen de dossiers van deze gemeente (CBS-code zoals GM0629, of de naam)",
    )
    export.add_argument("--case", metavar="DOSSIER", help="alleen dit dossier (id)")
    export.add_argument(
        "--on",
        type=peildatum_argument,
        metavar="DATUM",
        help="peildatum JJJJ-MM-DD (standaard vandaag): voortgang tot en met de laatste "
        "hele maand ervoor",
    )
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", type=Path, metavar="BESTAND", help="het te versturen bestand")
    where.add_argument(
        "--dry-run",
        action="store_true",
        help="alleen tonen wat gemeld zou worden; niets schrijven of bewaren",
    )
    export.add_argument("--json", action="store_true", help="uitvoer als JSON")
    confirm = verbs.add_parser(
        "bevestig",
        parents=[common],
        help="een verstuurde export als gemeld markeren (pas nadat DUO hem ontving)",
    )
    confirm.add_argument("export_id", metavar="EXPORT_ID", help="het id dat de export noemde")
    confirm.add_argument("--json", action="store_true", help="uitvoer als JSON")


def run(args: argparse.Namespace, db: Database) -> None:
    """Carry out ``inburg-office duo …``; refusals are ``AdminError`` (exit 1)."""
    if args.verb == "bevestig":
        _confirm(args, db)
        return
    gemeente = None if args.gemeente is None else _gemeente(db, args.gemeente)
    export = duo.compute(db, args.on or date.today(), gemeente, args.case)
    if not args.dry_run:
        duo.register(db, export)  # before the file: a written file can always be confirmed
        write_owner_only(args.out, export.data())
    if args.json:
        print(json.dumps(_summary(export, args), ensure_ascii=True, indent=2))
        return
    for line in _lines(export, args):
        print(line)


def _summary(export: duo.DuoExport, args: argparse.Namespace) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "export_id": None if args.dry_run else export.export_id,
        "dry_run": bool(args.dry_run),
        "out": None if args.out is None else str(args.out),
        "peildatum": export.peildatum.isoformat(),
        "gemeente": export.gemeente,
        "aantallen": export.counts(),
        "geweigerd": [g.as_json() for g in export.geweigerd],
        "zonder_gemeente": export.zonder_gemeente,
    }
    if args.dry_run:  # identities only: the BSN stays in the file
        summary["mutaties"] = [
            {"mutatie": m.soort.value, "identity": m.identity} for m in export.mutaties
        ]
    return summary


def _counts_words(export: duo.DuoExport) -> str:
    c = {key: nl_number(value) for key, value in export.counts().items()}
    cases = "dossier" if export.dossiers == 1 else "dossiers"
    return (
        f"{c['nieuw']} nieuw, {c['gewijzigd']} gewijzigd, {c['vervallen']} vervallen "
        f"({c['dossiers']} {cases} bekeken, peildatum {export.peildatum.isoformat()})"
    )


def _lines(export: duo.DuoExport, args: argparse.Namespace) -> list[str]:
    lines: list[str] = []
    if args.dry_run:
        lines.extend(f"{m.soort.value:<10} {shown(m.identity, 200)}" for m in export.mutaties)
        lines.append(
            f"Proef: de melding zou bevatten: {_counts_words(export)}. "
            "Er is niets geschreven en niets gemarkeerd."
        )
    else:
        lines.append(
            f"Export {export.export_id} is geschreven naar {shown(str(args.out))}: "
            f"{_counts_words(export)}."
        )
    lines.extend(
        f"Geweigerd: dossier {shown(g.case_id)}: {g.tekst} [{g.reden}]; het staat niet in de "
        "melding."
        for g in export.geweigerd
    )
    if export.zonder_gemeente:
        lines.append(_without_words(export.zonder_gemeente))
    if not args.dry_run:
        lines.append(
            "Verstuur het bestand naar DUO en bevestig daarna: "
            f"inburg-office duo bevestig {export.export_id}"
        )
    return lines


def _without_words(count: int) -> str:
    """The cases no gemeente's export finds, in the office's Dutch (usability finding:
    ``--gemeente`` found no case while the cases recorded no gemeente)."""
    which = "dossier heeft" if count == 1 else "dossiers hebben"
    return (
        f"Let op: {nl_number(count)} {which} geen gemeente vastgelegd en "
        f"{'staat' if count == 1 else 'staan'} daarom in geen enkele melding per gemeente. "
        "Leg de gemeente vast met 'inburg-office case gemeente DOSSIER CODE' "
        "(zie 'inburg-office cases')."
    )


def _confirm(args: argparse.Namespace, db: Database) -> None:
    done = duo.confirm(db, args.export_id)
    if args.json:
        print(
            json.dumps(
                {
                    "export_id": done.export_id,
                    "gemeld": done.gemeld,
                    "ingetrokken": done.ingetrokken,
                    "al_bevestigd": done.al_bevestigd,
                    "bevestiging": done.bevestiging,
                },
                indent=2,
            )
        )
    elif done.al_bevestigd:
        print(f"Export {done.export_id} was al bevestigd; er is niets gewijzigd.")
    else:
        print(
            f"Export {done.export_id} is bevestigd: {nl_number(done.gemeld)} gegevens staan "
            f"nu als gemeld, {nl_number(done.ingetrokken)} als ingetrokken."
        )
