"""``inburg-office report`` and ``inburg-office demo``: the monitoring report as a file,
and a demo office to show it (docs/monitoring-report.md).

``report [--gemeente NAAM|CODE] --out BESTAND.pdf|BESTAND.html [--on DATUM]``: exit ``0``
written; ``2`` a bad argument: ``--out`` not ``.pdf``/``.html`` or an existing file (never
overwritten, as ``recovery-key``), a gemeente the office does not serve (the message names
those it does), a date after today; ``8`` the database is unreachable (server/cli.py).

``demo --cases N [--seed S]``: fills an *empty* office database with the seed's three
gemeenten' generated cases (server/monitoring_demo.py); exit ``1`` when the database
already holds cases (a demo never mixes with real ones).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from inburg_desktop.domain.file_input import describe_write_error
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.server import monitoring_demo, monitoring_report
from inburg_desktop.server.db import Database
from inburg_desktop.server.duo_cli import peildatum_argument
from inburg_desktop.server.tables import CaseRecord

EXIT_ERROR = 1
EXIT_USAGE = 2


def _cases(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= monitoring_demo.MAX_CASES:
        raise argparse.ArgumentTypeError(
            f"het aantal dossiers is een heel getal van 1 tot {monitoring_demo.MAX_CASES}"
        )
    return int(text)


def _seed(text: str) -> int:
    if not text.strip().isdigit() or len(text.strip()) > 18:
        raise argparse.ArgumentTypeError("de seed is een heel getal van 0 tot 10^18")
    return int(text)


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """The ``report`` and ``demo`` commands."""
    report = sub.add_parser(
        "report",
        parents=[common],
        help="het monitoringrapport (samengevoegde aantallen per gemeente) als PDF of HTML",
    )
    report.add_argument(
        "--gemeente",
        metavar="NAAM|CODE",
        help="alleen deze gemeente van het kantoor (naam of CBS-code zoals GM0629)",
    )
    report.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="BESTAND",
        help="BESTAND.pdf of BESTAND.html (een nieuw bestand)",
    )
    report.add_argument(
        "--on",
        type=peildatum_argument,
        metavar="DATUM",
        help="peildatum JJJJ-MM-DD (standaard vandaag)",
    )
    demo = sub.add_parser(
        "demo",
        parents=[common],
        help="een lege kantoordatabase vullen met verzonnen dossiers van drie gemeenten",
    )
    demo.add_argument(
        "--cases", type=_cases, default=500, metavar="N", help="aantal dossiers (standaard 500)"
    )
    demo.add_argument(
        "--seed", type=_seed, default=2026, help="dezelfde seed, dezelfde dossiers (standaard 2026)"
    )


def _refuse(message: str, code: int) -> int:
    print(f"inburg-office: {message}", file=sys.stderr)
    return code


def run_report(args: argparse.Namespace, db: Database) -> int:
    """``inburg-office report``."""
    out: Path = args.out
    shown_out = terminal_safe(str(out))
    problem = monitoring_report.suffix_problem(out)
    if problem is not None:
        return _refuse(problem.replace(str(out), shown_out), EXIT_USAGE)
    try:
        doc = monitoring_report.build(db, args.on or date.today(), args.gemeente)
        if out.suffix.lower() == ".pdf":
            data = monitoring_report.pdf(doc)
        else:
            data = monitoring_report.html(doc)
    except monitoring_report.ReportRefused as exc:
        return _refuse(f"{exc} Er is niets geschreven.", EXIT_USAGE)
    try:
        monitoring_report.write_new(out, data)
    except FileExistsError:
        return _refuse(f"{shown_out} bestaat al; kies een nieuwe bestandsnaam.", EXIT_USAGE)
    except OSError as exc:
        return _refuse(
            f"{shown_out} {describe_write_error(exc)}; er is niets geschreven.", EXIT_USAGE
        )
    what = "gemeente " + doc.namen[doc.gemeente] if doc.gemeente else "alle gemeenten"
    print(f"Monitoringrapport ({what}) geschreven naar {shown_out}.")
    return 0


def run_demo(args: argparse.Namespace, db: Database) -> int:
    """``inburg-office demo``."""
    with db.read() as session:
        held = int(session.scalar(select(func.count()).select_from(CaseRecord)) or 0)
    if held:
        return _refuse(
            f"De database bevat al {held} dossier(s); de demo vult alleen een lege "
            "kantoordatabase. Er is niets toegevoegd.",
            EXIT_ERROR,
        )
    ids = monitoring_demo.fill(db, args.cases, seed=args.seed, today=date.today())
    print(
        f"{len(ids)} verzonnen dossiers toegevoegd (seed {args.seed}). Het rapport: "
        "inburg-office report --out rapport.pdf"
    )
    return 0
