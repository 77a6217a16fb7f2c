"""``inburg-office``: run the office server and administer devices, caseloads and cases.

Every command takes ``--db URL`` (or ``INBURG_OFFICE_DB``; without either, the SQLite
file in the user data dir that ``serve`` makes, said on stderr) and migrates the database
first; an admin command never makes that default file: with none configured and none
there it says so and how to set one (exit 2), rather than listing an empty new database.
Errors are one line on stderr in words and a non-zero exit, never a traceback, whatever
the arguments: ``1`` the office refuses the request (no such case or device, a consultant
the office does not know, a case on no caseload), ``2`` a bad or missing argument (no
database configured included, a gemeente the office does not serve), ``5`` an invalid
handover file, ``11`` (``audit --verify``) an audit chain broken, ``8`` the database is
unreachable or not an office database, ``70`` an unexpected error (only its type is
printed). Everything the commands and the server write (database, logs) is created
readable by its owner only.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import os
import re
import socket
import ssl
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from alembic.util.exc import CommandError
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)

from inburg_desktop.domain.handover import MAX_BYTES as MAX_HANDOVER_BYTES
from inburg_desktop.domain.json_input import (
    JsonInputError,
    describe_os_error,
    loads_json,
    read_bounded,
    read_json_file,
)
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.protocol.case_export_args import add_case_export_arguments
from inburg_desktop.protocol.field_rules import shown
from inburg_desktop.protocol.messages import SHORTENED
from inburg_desktop.protocol.set_aside_describe import describe, family_label, value_words
from inburg_desktop.protocol.set_aside_reasons import reason_words
from inburg_desktop.server import (
    admin,
    audit_cli,
    duo_cli,
    gemeente_cli,
    gemeenten,
    monitoring_report,
    purge_cli,
    recovery_cli,
    report_cli,
)
from inburg_desktop.server.db import Database, default_db_path, default_db_url
from inburg_desktop.server.logs import LEVELS
from inburg_desktop.server.migrate import upgrade
from inburg_desktop.server.set_aside import (
    clear_set_aside,
    count_set_aside,
    held_ids,
    iter_set_aside,
    set_aside_page,
)
from inburg_desktop.terminal import DutchArgumentParser, quiet_when_reader_leaves

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INVALID_FILE = 5
EXIT_DATABASE = 8
EXIT_UNEXPECTED = 70
EXIT_INTERRUPTED = 130
DB_ENV = "INBURG_OFFICE_DB"
LOG_LEVEL_ENV = "INBURG_OFFICE_LOG_LEVEL"
MAX_WORKERS = 64
MAX_KEEP_DAYS = 100 * 365
# Digits enough for every bound below (2**62 has 19), so a number past a bound is told
# its range rather than "no whole number"; the cap keeps int() of typed text cheap.
_INTEGER = re.compile(r"[+-]?[0-9]{1,40}")
SET_ASIDE_PAGE = 50
"""Set-aside entries ``inburg-office apart-gezet`` prints per page unless asked otherwise."""
SET_ASIDE_VALUE_SHOWN = 80
"""Characters of one set-aside value on the terminal (the JSON holds what was sent)."""
MAX_SETTING_BYTES = 1_000_000
"""A setting's JSON, inline or in a file: holds the largest letterhead (a 512 KiB logo is
about 700 kB as base64)."""


class Refused(Exception):
    """A command that cannot run, with the exit code and the sentence to print."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def _bounded(what: str, low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number in ``[low, high]``, refused in words otherwise."""

    def parse(text: str) -> int:
        if not _INTEGER.fullmatch(text.strip()):
            raise argparse.ArgumentTypeError(
                f"{what} moet een geheel getal zijn, niet '{shown(text, 20)}'"
            )
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"{what} moet tussen {low} en {high} liggen, niet {value}"
            )
        return value

    return parse


def _proxy_addresses(text: str) -> str:
    """An argparse type: a comma-separated list of IP addresses or networks (no ``*``:
    trusting every peer would let any client choose its enrollment source)."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    for part in parts:
        try:
            ipaddress.ip_network(part, strict=False)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"'{shown(part, 40)}' is geen IP-adres of netwerk; geef de adressen van uw "
                "reverse proxy, gescheiden door komma's"
            ) from None
    return ",".join(parts)


def _gemeente_option(parser: argparse.ArgumentParser, words: str) -> None:
    parser.add_argument(
        "--gemeente",
        metavar="GEMEENTE",
        help=f"{words} (CBS-code zoals GM0629, of de naam; zie 'inburg-office gemeente list')",
    )


def _parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="inburg-office", description="Kantoorserver voor inburg-desktop."
    )
    common = DutchArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=os.environ.get(DB_ENV),
        metavar="URL",
        help="adres van de database (sqlite:///PAD of postgresql+psycopg://...)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="de server starten")
    serve.add_argument(
        "--host", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=_bounded("De poort", 1, 65535), default=8443, help="poort (standaard 8443)"
    )
    serve.add_argument("--tls-cert", type=Path, metavar="BESTAND", help="TLS-certificaat (PEM)")
    serve.add_argument(
        "--tls-key", type=Path, metavar="BESTAND", help="sleutel bij het TLS-certificaat (PEM)"
    )
    serve.add_argument(
        "--workers",
        type=_bounded("Het aantal workers", 1, MAX_WORKERS),
        default=1,
        help="aantal serverprocessen (standaard 1)",
    )
    serve.add_argument(
        "--log-level",
        default="info",
        choices=LEVELS,
        help="hoeveel de server logt (standaard info)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        type=_proxy_addresses,
        default="",
        help="adressen (met komma's) van reverse proxy's waarvan X-Forwarded-For wordt "
        "vertrouwd (standaard: geen; de client is de andere kant van de verbinding)",
    )
    serve.add_argument(
        "--report-token-file",
        type=Path,
        metavar="BESTAND",
        help="bestand met het token dat GET /report vraagt (Authorization: Bearer TOKEN); "
        f"anders {monitoring_report.REPORT_TOKEN_ENV}; zonder token is er geen /report "
        "(docs/monitoring-report.md)",
    )
    serve.add_argument(
        "--limit-concurrency",
        type=_bounded("Het aantal gelijktijdige verbindingen", 10, 100_000),
        default=None,
        help="antwoord 503 zodra zoveel verbindingen of verzoeken open zijn in één proces "
        "(standaard: geen grens; tegen overbelasting, niet tegen trage clients: zie "
        "docs/office-server.md)",
    )

    enroll = sub.add_parser("enroll", parents=[common], help="een eenmalige inschrijfcode maken")
    enroll.add_argument("--consultant", required=True, help="naam van de consulent")
    enroll.add_argument(
        "--label",
        default="",
        help=f"naam van de laptop voor het kantoor, bijvoorbeeld 'laptop 2, kamer 3' "
        f"(hoogstens {admin.MAX_LABEL} tekens; 'inburg-office devices' toont hem)",
    )
    enroll.add_argument(
        "--valid-hours",
        type=_bounded("De geldigheid in uren", 1, admin.MAX_CODE_HOURS),
        default=admin.DEFAULT_CODE_HOURS,
        help=f"hoeveel uur de code geldig is (standaard {admin.DEFAULT_CODE_HOURS})",
    )

    devices = sub.add_parser("devices", parents=[common], help="de ingeschreven apparaten opsommen")
    devices.add_argument(
        "--json",
        action="store_true",
        help="als JSON, voor scripts (de sleutels blijven Engels en vast)",
    )

    revoke = sub.add_parser("revoke", parents=[common], help="een apparaat intrekken")
    revoke.add_argument(
        "device_id",
        metavar="APPARAAT",
        help="het apparaatnummer: het korte nummer uit 'inburg-office devices' of het hele",
    )

    assign = sub.add_parser(
        "assign", parents=[common], help="een dossier op de caseload van een consulent zetten"
    )
    assign.add_argument("case_id", metavar="DOSSIER", help="het dossiernummer (id)")
    assign.add_argument("--consultant", required=True, help="naam van de consulent")

    unassign = sub.add_parser(
        "unassign", parents=[common], help="een dossier van de caseload halen"
    )
    unassign.add_argument("case_id", metavar="DOSSIER", help="het dossiernummer (id)")

    cases = sub.add_parser("cases", parents=[common], help="de dossiers van het kantoor opsommen")
    cases.add_argument(
        "--json",
        action="store_true",
        help="als JSON, voor scripts (de sleutels blijven Engels en vast)",
    )
    _gemeente_option(cases, "alleen de dossiers van deze gemeente")

    audit_cli.add_parser(sub, common)

    clashes = sub.add_parser(
        "dubbele-v-nummers",
        parents=[common],
        help="V-nummers die in meer dan één dossier staan (om samen te voegen of te verbeteren)",
    )
    clashes.add_argument(
        "--json",
        action="store_true",
        help="als JSON, voor scripts (de sleutels blijven Engels en vast)",
    )
    _gemeente_option(clashes, "alleen V-nummers met een dossier van deze gemeente")

    set_aside = sub.add_parser(
        "apart-gezet", parents=[common], help="wat laptops apart zetten en opstuurden"
    )
    set_aside.add_argument(
        "--json",
        action="store_true",
        help="als JSON, voor scripts: alle meldingen vanaf --na (of --aantal ervan), "
        "pagina voor pagina gelezen",
    )
    set_aside.add_argument(
        "--na",
        type=_bounded("Het nummer", 0, 2**62),
        default=0,
        metavar="NUMMER",
        help="alleen meldingen met een hoger nummer (#) tonen: de volgende pagina",
    )
    set_aside.add_argument(
        "--aantal",
        type=_bounded("Het aantal", 1, 1000),
        default=None,
        metavar="N",
        help=f"hoeveel meldingen per pagina (standaard {SET_ASIDE_PAGE}; met --json: alle)",
    )
    clear = sub.add_parser(
        "apart-gezet-wissen",
        parents=[common],
        help="apart gezette meldingen wissen nadat het kantoor ze heeft afgehandeld",
    )
    which = clear.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "ids",
        nargs="*",
        default=[],
        type=_bounded("Het nummer", 1, 2**62),
        metavar="NUMMER",
        help="de nummers (#) uit 'inburg-office apart-gezet'",
    )
    which.add_argument("--alle", action="store_true", help="alle meldingen wissen")
    clear.add_argument(
        "--ja", action="store_true", help="niet om bevestiging vragen (voor scripts)"
    )

    imp = sub.add_parser("import", parents=[common], help="een overdrachtsbestand importeren")
    imp.add_argument("file", type=Path, metavar="BESTAND", help="het overdrachtsbestand (JSON)")
    imp.add_argument("--consultant", help="het nieuwe dossier meteen aan deze consulent toewijzen")
    _gemeente_option(imp, "de gemeente waar het dossier bij hoort")

    _case_parsers(sub, common)
    gemeente_cli.add_parsers(sub, common)
    duo_cli.add_parsers(sub, common)
    recovery_cli.add_parsers(sub, common)
    purge_cli.add_parser(sub, common)
    report_cli.add_parsers(sub, common)

    setting = sub.add_parser(
        "setting", parents=[common], help="een instelling aan de laptops doorgeven"
    )
    setting.add_argument("key", help="setting.NAAM of catalogue.NAAM")
    setting.add_argument(
        "value", help="een JSON-waarde, of @BESTAND om de JSON uit een bestand te lezen"
    )

    prune = sub.add_parser("prune", parents=[common], help="oude verwijderingen vergeten")
    prune.add_argument(
        "--keep-days",
        type=_bounded("Het aantal dagen", 0, MAX_KEEP_DAYS),
        default=90,
        help="verwijderingen ouder dan zoveel dagen vergeten (standaard 90)",
    )
    return parser


def _case_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """``inburg-office case export|import``: a case as an ``inburg-case/1`` document
    (docs/inburg-case-1.md) or as the readable overview (AVG art. 15)."""
    case = sub.add_parser(
        "case",
        parents=[common],
        help="een dossier uitvoeren (inzage, overdracht) of een dossierdocument importeren",
    )
    verbs = case.add_subparsers(dest="verb", required=True)
    export = verbs.add_parser(
        "export",
        parents=[common],
        help="alles wat het kantoor over één persoon heeft: als inburg-case/1-document "
        "(JSON) of als leesbaar overzicht (PDF, AVG art. 15)",
    )
    add_case_export_arguments(export)
    imp = verbs.add_parser(
        "import",
        parents=[common],
        help="een inburg-case/1-document als nieuw dossier importeren (alles of niets)",
    )
    imp.add_argument("file", type=Path, metavar="BESTAND", help="het inburg-case/1-document")
    imp.add_argument(
        "--consultant", required=True, help="de consulent op wiens caseload het dossier komt"
    )
    _gemeente_option(
        imp,
        "de gemeente van het kantoor waar het dossier bij hoort (standaard die in het "
        "document, als het kantoor haar bedient)",
    )
    gemeente = verbs.add_parser(
        "gemeente",
        parents=[common],
        help="de gemeente van een dossier vastleggen of verbeteren (de laptops nemen het over)",
    )
    gemeente.add_argument("case_id", metavar="DOSSIER", help="het dossiernummer (id)")
    gemeente.add_argument("gemeente", metavar="GEMEENTE", help="de CBS-code of de naam")


@contextmanager
def _owner_only() -> Iterator[None]:
    """Files created meanwhile (database, WAL, logs) are readable by their owner only."""
    if os.name != "posix":
        yield
        return
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _database_url(args: argparse.Namespace) -> str:
    """The database a command uses: ``--db`` or ``INBURG_OFFICE_DB``; else the default
    SQLite file in the user data dir, said on stderr, which only ``serve`` makes (an admin
    command on a database that does not exist yet would make an empty one and print
    nothing: usability round 4 #9). Raises :class:`Refused` (exit 2) for that case."""
    if args.db:
        return str(args.db)
    path = default_db_path()
    if args.command != "serve" and not path.exists():
        raise Refused(
            f"Er is geen kantoordatabase ingesteld: geef --db URL of zet {DB_ENV} "
            f"(bijvoorbeeld {DB_ENV}=postgresql+psycopg://inburg@db/inburg). Zonder die "
            f"zou de standaarddatabase {path} worden gebruikt, maar die bestaat nog niet "
            "('inburg-office serve' maakt hem). Er is niets aangemaakt.",
            EXIT_USAGE,
        )
    print(
        f"inburg-office: database: {path} (de standaarddatabase; geen --db en geen {DB_ENV})",
        file=sys.stderr,
    )
    return default_db_url()


@quiet_when_reader_leaves
def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "recover":
            with _owner_only():  # the office's recovery key needs no database
                return recovery_cli.recover(args)
        _refuse_future_day(args)
        url = _database_url(args)
        with _owner_only():
            if args.command == "serve":
                return _serve(args, url)
            db = _open(url)
            try:
                return _admin(args, db)
            finally:
                db.dispose()
    except (Refused, recovery_cli.RecoveryCommandError) as exc:
        print(f"inburg-office: {exc}", file=sys.stderr)
        return exc.code
    except admin.AdminError as exc:
        print(f"inburg-office: {exc}", file=sys.stderr)
        if isinstance(exc, admin.UnknownGemeente):
            return EXIT_USAGE
        bad_file = args.command == "import" or (args.command == "case" and args.verb == "import")
        sound = isinstance(exc, admin.RequestRefused)  # the file is sound: the request isn't
        return EXIT_INVALID_FILE if bad_file and not sound else EXIT_ERROR
    except KeyboardInterrupt:
        print("inburg-office: afgebroken.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        raise  # the reader of stdout left (``| head``): quiet_when_reader_leaves
    except Exception as exc:
        refused = _database_problem(exc)
        if refused is None:
            print(
                f"inburg-office: onverwachte fout ({type(exc).__name__}). "
                "Meld dit aan de leverancier.",
                file=sys.stderr,
            )
            return EXIT_UNEXPECTED
        print(f"inburg-office: {refused}", file=sys.stderr)
        return refused.code


def _refuse_future_day(args: argparse.Namespace) -> None:
    """``purge`` deletes on a peildatum: none after today, except as a dry run that looks
    ahead (atk9 #1): raises :class:`Refused` (exit 2) before the database is opened.
    ``duo export`` refuses a later peildatum in its argument type, dry run included
    (``duo_cli.peildatum_argument``: months that have not ended are never reported)."""
    if args.command != "purge":
        return
    problem = purge_cli.future_day_problem(
        args.on, date.today(), dry_run=args.dry_run, what="verwijderen"
    )
    if problem is not None:
        raise Refused(problem, EXIT_USAGE)


def _open(url: str) -> Database:
    """Open and migrate the database, or raise :class:`Refused` saying what is wrong."""
    try:
        db = Database(url)
    except (ArgumentError, NoSuchModuleError, ImportError, ValueError):
        raise Refused(
            "De database-URL is ongeldig; verwacht sqlite:///PAD of "
            "postgresql+psycopg://GEBRUIKER@HOST/NAAM.",
            EXIT_USAGE,
        ) from None
    except OSError as exc:
        raise Refused(
            f"De database kan niet worden aangemaakt: {exc.strerror or type(exc).__name__}.",
            EXIT_DATABASE,
        ) from None
    try:
        upgrade(db.engine)
    except BaseException:
        db.dispose()
        raise
    return db


def _database_problem(exc: BaseException) -> Refused | None:
    """The words for a database that is unreachable, foreign or too new (never its URL)."""
    if isinstance(exc, CommandError):
        return Refused(
            "De database heeft een schema dat deze versie van inburg-office niet kent "
            "(gemaakt door een nieuwere versie?). Er is niets gewijzigd.",
            EXIT_DATABASE,
        )
    if isinstance(exc, OperationalError):
        return Refused(
            "De database is niet bereikbaar of niet te openen "
            f"({type(getattr(exc, 'orig', exc)).__name__}). Controleer --db en of de "
            "databaseserver draait.",
            EXIT_DATABASE,
        )
    if isinstance(exc, DatabaseError):
        return Refused(
            "Dit is geen kantoordatabase van inburg-office, of het bestand is beschadigd.",
            EXIT_DATABASE,
        )
    if isinstance(exc, SQLAlchemyError):
        return Refused(
            f"De database gaf een fout ({type(exc).__name__}). Er is niets gewijzigd.",
            EXIT_DATABASE,
        )
    if isinstance(exc, RecursionError):
        return Refused("De invoer is te diep genest.", EXIT_ERROR)
    return None


def case_line(case: dict[str, Any]) -> str:
    """One case of ``inburg-office cases`` for office staff: the person's name and
    V-nummer (what they look a case up by), then id, gemeente (when recorded), consultant,
    version, fields and open conflicts. Names are printed with ``terminal_safe`` (ZWNJ in a
    Persian name kept, anything that could move or hide terminal output made visible)."""
    family, given = case["family_name"], case["given_names"]
    if family is None and given is None:
        name = "(naam onbekend)"
    else:
        name = terminal_safe(", ".join(part for part in (family, given) if part))
    v_nummer = terminal_safe(case["v_nummer"]) if case["v_nummer"] else "-"
    consultant = terminal_safe(case["consultant"]) if case["consultant"] else "-"
    fields, conflicts = case["fields"], case["open_conflicts"]
    # the gemeente only where one is recorded: an office without gemeenten lists as before
    gemeente = f"gemeente {terminal_safe(case['gemeente'])}  " if case.get("gemeente") else ""
    return (
        f"{name:<32}  V-nummer {v_nummer:<10}  {case['id']}  {gemeente}consulent {consultant}  "
        f"versie {case['version']}  {fields} {'veld' if fields == 1 else 'velden'}  "
        f"{conflicts} {'conflict' if conflicts == 1 else 'conflicten'}"
    )


def laptop_words(entry: dict[str, Any]) -> str:
    """Which laptop an entry (of a device listing or a set-aside entry) is, as staff know
    it: its label from enrollment, else its computer's name, with its short id
    ("laptop 2, kamer 3 (3f2a9c1b)"); stored text through ``terminal_safe``."""
    label = entry.get("label", entry.get("device_label")) or ""
    computer = entry.get("name", entry.get("device_name")) or ""
    short = str(entry.get("short_id") or str(entry.get("device_id") or entry.get("id", ""))[:8])
    if label:
        return f"laptop '{terminal_safe(label)}' ({short})"
    if computer:
        return f"laptop {terminal_safe(computer)} ({short}, geen label)"
    return f"laptop {short} (geen label)"


def _when(stamp: str | None) -> str:
    """An ISO UTC stamp of the office ("2026-11-30T11:40:02Z") as staff read it:
    "2026-11-30 11:40 UTC" (the office's own terminals; the laptop's UI formats apart)."""
    if not stamp:
        return "nog nooit"
    day, _, clock = stamp.rstrip("Z").partition("T")
    return f"{day} {clock[:5]} UTC" if clock else day


def device_lines(rows: list[dict[str, Any]]) -> list[str]:
    """``inburg-office devices`` for staff: one line per device with its short id (what
    ``revoke`` takes), the laptop's label from enrollment (or its computer's name), the
    consultant, when it enrolled and was last seen, and whether it is revoked; columns
    aligned (usability round 4 #8: two laptops of one consultant looked alike)."""
    if not rows:
        return ["Er zijn geen apparaten ingeschreven (maak een code met 'inburg-office enroll')."]
    table = [
        (
            str(d["short_id"]),
            terminal_safe(d["label"]) if d["label"] else "(geen label)",
            terminal_safe(d["consultant"]),
            terminal_safe(d["name"]) if d["name"] else "-",
            _when(d["enrolled_at"]),
            _when(d["last_seen"]),
            "INGETROKKEN" if d["revoked"] else "actief",
        )
        for d in rows
    ]
    head = ("KORT NR", "LABEL", "CONSULENT", "COMPUTER", "INGESCHREVEN", "LAATST GEZIEN", "STAAT")
    widths = [max(len(row[n]) for row in (head, *table)) for n in range(len(head))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (head, *table)
    ]


def _shown_value(value: Any) -> str:
    """A set-aside value for one terminal line: a string in quotes, anything else as
    compact JSON, cut to :data:`SET_ASIDE_VALUE_SHOWN` characters and escaped."""
    if (
        value is None
        or isinstance(value, (bool, list))
        or (
            # a structured value an older laptop sent as JSON cut short: said so, not shown
            isinstance(value, str) and value[:1] in "{[" and value.endswith(SHORTENED)
        )
    ):
        return value_words(value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if len(text) > SET_ASIDE_VALUE_SHOWN:
        text = text[:SET_ASIDE_VALUE_SHOWN] + "…"
    text = terminal_safe(text)
    return f"\u201c{text}\u201d" if isinstance(value, str) else text


def set_aside_line(entry: dict[str, Any]) -> str:
    """One entry of ``inburg-office apart-gezet`` for office staff: its number (to clear
    it), when it was set aside (and how often), the consultant, the case by the office's
    own name and V-nummer (never the label the laptop sent), the reason in Dutch words
    (``protocol.set_aside_reasons``, never the code or the laptop's sentence), then one
    indented line per field: its name in the laptop's words with the key beside it (the
    key is what the office checks; the words are the laptop's) and its value, short
    (usability round 3: staff saw field codes only). Stored text goes through
    ``terminal_safe`` (joiners kept), so nothing a laptop sent can move or hide output."""
    family, given = entry["family_name"], entry["given_names"]
    if family is None and given is None:
        name = "(naam niet op kantoor)"
    else:
        name = terminal_safe(", ".join(part for part in (family, given) if part))
    v_nummer = terminal_safe(entry["v_nummer"]) if entry["v_nummer"] else "-"
    times = f" ({entry['repeats']} keer)" if entry["repeats"] > 1 else ""
    way = "van kantoor niet verwerkt" if entry["direction"] == "pull" else "niet verstuurd"
    lines = [
        f"#{entry['id']}  {entry['set_aside_at']}{times}  {terminal_safe(entry['consultant'])}  "
        f"op {laptop_words(entry)}  "
        f"{name} (V-nummer {v_nummer}, dossier {terminal_safe(entry['case_id'])})  {way}: "
        f"{reason_words(entry['error'])}"
    ]
    labels = entry.get("labels") or {}
    fields = entry["fields"]
    if not fields:
        lines.append("    (geen velden meegestuurd)")
    for key, value in fields.items():
        lines.extend(f"    {line}" for line in set_aside_field_lines(str(key), value, labels))
    return "\n".join(lines)


def set_aside_field_lines(key: str, value: Any, labels: Mapping[str, Any]) -> list[str]:
    """One set-aside field for staff, in words (usability round 6 #22): its name as the
    laptop sent it (``labels``), else its family's ("PIP", "Agenda": never the key), and
    its value: a text in quotes, short; a structured value (a PIP, the household, an
    agenda state) one line per part the laptop changed ("PIP – Taalaanbieder: Taalhuis
    Leiden"; ``protocol.set_aside_describe``, the laptop's own description); days as the
    office's terminals show them (ISO). Every line escaped for the terminal."""
    words = labels.get(key)
    named = words if isinstance(words, str) and words.strip() else family_label(key)
    if isinstance(value, (dict, list)) and not (
        isinstance(value, list) and all(not isinstance(item, (dict, list)) for item in value)
    ):
        return [
            _cut(terminal_safe(line), len(named) + SET_ASIDE_VALUE_SHOWN)
            for line in describe(named, value, day=date.isoformat)
        ]
    return [f"{terminal_safe(named)}: {_shown_value(value)}"]


def _cut(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[:chars] + "…"


def _list_set_aside(args: argparse.Namespace, db: Database) -> None:
    """``inburg-office apart-gezet``: a page of entries in words, or JSON streamed page by
    page (never everything in memory at once; attack round 3)."""
    if args.json:
        entries = iter_set_aside(db, args.na)
        print("[", end="")
        for n, entry in enumerate(entries):
            if args.aantal is not None and n >= args.aantal:
                break
            text = json.dumps(entry, ensure_ascii=True, indent=2).replace("\n", "\n  ")
            print(("," if n else "") + "\n  " + text, end="")
        print("\n]")
        return
    size = args.aantal or SET_ASIDE_PAGE
    page = set_aside_page(db, args.na, size + 1)
    if not page:
        if args.na:
            print(f"Er zijn geen apart gezette meldingen na #{args.na}.")
        else:
            print("Er is niets apart gezet ontvangen.")
        return
    total = count_set_aside(db)
    shown_page = page[:size]
    what = "melding" if total == 1 else "meldingen"
    print(
        f"{total} apart gezette {what}; hier #{shown_page[0]['id']} tot en met "
        f"#{shown_page[-1]['id']}:"
    )
    for entry in shown_page:
        print(set_aside_line(entry))
    if len(page) > size:
        print(f"Er zijn meer meldingen: inburg-office apart-gezet --na {shown_page[-1]['id']}")


def _clear_set_aside(args: argparse.Namespace, db: Database) -> None:
    """``inburg-office apart-gezet-wissen``: after a confirmation (``--ja`` for scripts)."""
    ids = None if args.alle else sorted(set(args.ids))
    held = held_ids(db, ids)
    if ids is not None:
        unknown = [n for n in ids if n not in set(held)]
        if unknown:
            raise admin.AdminError(
                "Geen apart gezette melding met nummer "
                + ", ".join(str(n) for n in unknown)
                + "; er is niets gewist. Zie 'inburg-office apart-gezet'."
            )
    count = len(held)
    if count == 0:
        print("Er is niets om te wissen.")
        return
    if not args.ja:
        if not sys.stdin.isatty():
            raise Refused(
                "Bevestig het wissen met --ja (er wordt niet gevraagd zonder terminal); "
                "er is niets gewist.",
                EXIT_USAGE,
            )
        what = "melding" if count == 1 else "meldingen"
        answer = input(f"{count} apart gezette {what} wissen? Typ ja om te bevestigen: ")
        if answer.strip().lower() != "ja":
            print("Niets gewist.")
            return
    cleared = clear_set_aside(db, ids)
    print(f"{cleared} apart gezette {'melding' if cleared == 1 else 'meldingen'} gewist.")


def _admin(args: argparse.Namespace, db: Database) -> int:
    command = args.command
    if command == "enroll":
        code, expires = admin.create_enrollment_code(
            db, args.consultant, args.valid_hours, args.label
        )
        until = f"{expires:%Y-%m-%d %H:%M} UTC"
        label = admin.device_label(args.label)
        laptop = f" (laptop '{terminal_safe(label)}')" if label else ""
        print(
            f"Eenmalige code voor {terminal_safe(admin.consultant_name(args.consultant))}"
            f"{laptop}, "
            f"geldig tot {until}:"
        )
        print(code)
    elif command == "devices":
        rows = admin.list_devices(db)
        if args.json:
            print(admin.dumps(rows))
        else:
            print("\n".join(device_lines(rows)))
    elif command == "revoke":
        device = admin.revoke(db, args.device_id)
        whose = f"{laptop_words(device)} van {terminal_safe(device['consultant'])}"
        if device["already"]:
            print(f"De {whose} was al ingetrokken; er is niets gewijzigd.")
        else:
            print(f"De {whose} is ingetrokken: het volgende verzoek ervan wordt geweigerd.")
    elif command == "assign":
        consultant = admin.known_consultant(db, args.consultant)
        before = admin.assign(db, args.case_id, consultant)
        who = terminal_safe(consultant)
        if before == consultant:
            print(
                f"Dossier {shown(args.case_id)} stond al op de caseload van {who}; er is "
                "niets gewijzigd."
            )
        elif before is not None:
            print(
                f"Dossier {shown(args.case_id)} staat nu op de caseload van {who} (niet meer "
                f"op die van {terminal_safe(before)})."
            )
        else:
            print(f"Dossier {shown(args.case_id)} staat nu op de caseload van {who}.")
    elif command == "unassign":
        before = admin.unassign(db, args.case_id)
        print(
            f"Dossier {shown(args.case_id)} is van de caseload van {terminal_safe(before)} "
            "gehaald; de laptops halen het weg bij hun volgende synchronisatie."
        )
    elif command == "cases":
        wanted = _gemeente_code(db, args.gemeente)
        rows = admin.list_cases(db, wanted)
        if args.json:
            print(admin.dumps(rows))
        elif not rows and wanted is not None:
            print(f"Gemeente {wanted} heeft geen dossiers op het kantoor.")
        elif not rows:
            print("Het kantoor heeft geen dossiers (importeer er een met 'inburg-office import').")
        else:
            for c in rows:
                print(case_line(c))
    elif command == "dubbele-v-nummers":
        wanted = _gemeente_code(db, args.gemeente)
        groups = [
            group
            for group in admin.v_nummer_clashes(db)
            if wanted is None or any(c["gemeente"] == wanted for c in group["cases"])
        ]
        if args.json:
            print(admin.dumps(groups))
        elif not groups:
            of = "" if wanted is None else f" van een dossier van gemeente {wanted}"
            print(f"Geen V-nummer{of} staat in meer dan één dossier.")
        else:
            for group in groups:
                count = len(group["cases"])
                print(
                    f"V-nummer {terminal_safe(group['v_nummer'])} staat in {count} dossiers; "
                    "voeg ze samen of verbeter het V-nummer:"
                )
                for c in group["cases"]:
                    print(f"  {case_line(c)}")
    elif command == "apart-gezet":
        _list_set_aside(args, db)
    elif command == "apart-gezet-wissen":
        _clear_set_aside(args, db)
    elif command == "import":
        if args.consultant is not None:  # a bad or unknown name is no bad file: exit 1
            try:
                args.consultant = admin.known_consultant(db, args.consultant)
            except admin.AdminError as exc:
                raise Refused(str(exc), EXIT_ERROR) from None
        file = shown(str(args.file))
        try:
            data = read_bounded(args.file, MAX_HANDOVER_BYTES)  # never hangs on a FIFO
        except JsonInputError as exc:
            raise admin.AdminError(f"Ongeldig overdrachtsbestand {file}: {exc.problem}") from None
        except OSError as exc:
            raise admin.AdminError(f"{file}: {describe_os_error(exc)}") from None
        case_id = admin.import_handover(db, data, args.consultant, args.gemeente)
        print(case_id)
        for group in admin.v_nummer_clashes(db):
            if any(c["id"] == case_id for c in group["cases"]):
                # stderr: stdout stays the new case's id, for scripts
                print(
                    f"Let op: V-nummer {terminal_safe(group['v_nummer'])} staat nu in "
                    f"{len(group['cases'])} dossiers; zie inburg-office dubbele-v-nummers.",
                    file=sys.stderr,
                )
    elif command == "case":
        _case_command(args, db)
    elif command in ("gemeente", "consultant"):
        gemeente_cli.run(args, db)
    elif command == "duo":
        duo_cli.run(args, db)
    elif command == "purge":
        purge_cli.run(args, db)
    elif command == "report":
        return report_cli.run_report(args, db)
    elif command == "demo":
        return report_cli.run_demo(args, db)
    elif command == "audit":
        return audit_cli.run(args, db)
    elif command == "setting":
        value = _setting_value(args.value)
        admin.set_setting(db, args.key, value)
        print(admin.setting_published(args.key, value))
    elif command == "prune":
        print(admin.prune_removals(db, args.keep_days))
    elif command == "recovery-key":
        return recovery_cli.new_key(args, db)
    return 0


def _gemeente_code(db: Database, gemeente: str | None) -> str | None:
    """The code of the office's gemeente ``--gemeente`` names (``None``: not given);
    ``admin.UnknownGemeente`` (exit 2) for one the office does not serve."""
    if gemeente is None:
        return None
    with db.read() as session:
        return admin.office_gemeente(session, gemeente)


def _case_command(args: argparse.Namespace, db: Database) -> None:
    """``inburg-office case export|import`` (server/case_transfer.py)."""
    from inburg_desktop.domain.case_document import MAX_DOCUMENT_BYTES, Doel
    from inburg_desktop.server import case_transfer

    if args.verb == "gemeente":
        code, before = gemeenten.set_case_gemeente(db, args.case_id, args.gemeente)
        if before == code:
            print(
                f"Dossier {shown(args.case_id)} hoorde al bij gemeente {code}; er is niets "
                "gewijzigd."
            )
        else:
            was = "" if before is None else f" (was {before})"
            print(
                f"Dossier {shown(args.case_id)} hoort nu bij gemeente {code}{was}; de laptops "
                "nemen dit over bij hun volgende synchronisatie."
            )
        return
    if args.verb == "import":
        try:  # a bad or unknown name is no bad file: exit 1
            consultant = admin.known_consultant(db, args.consultant)
        except admin.AdminError as exc:
            raise Refused(str(exc), EXIT_ERROR) from None
        file = shown(str(args.file))
        try:
            data = read_bounded(args.file, MAX_DOCUMENT_BYTES)  # never hangs on a FIFO
        except JsonInputError as exc:
            raise admin.AdminError(f"Ongeldig dossierdocument {file}: {exc.problem}") from None
        except OSError as exc:
            raise admin.AdminError(f"{file}: {describe_os_error(exc)}") from None
        try:
            print(case_transfer.import_document(db, data, consultant, args.gemeente))
        except case_transfer.CaseExists as exc:
            raise Refused(str(exc), EXIT_ERROR) from None
        return
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in (".json", ".pdf"):
        raise Refused(
            "--out moet op .json (het inburg-case/1-document) of .pdf (het leesbare overzicht) "
            "eindigen; er is niets geschreven.",
            EXIT_USAGE,
        )
    data = case_transfer.export_document(db, args.case_id, Doel(args.doel))
    if suffix == ".pdf":
        data = case_transfer.readable_pdf(data, warn=lambda line: print(line, file=sys.stderr))
    case_transfer.write_owner_only(out, data)
    print(f"Dossier {shown(args.case_id)} is geschreven naar {shown(str(out))}.")


def _setting_value(raw: str) -> object:
    """The JSON value of ``inburg-office setting``: inline, or ``@FILE`` read from a file,
    both through ``domain.json_input`` (BOM, size, FIFOs, duplicate keys, numbers)."""
    if raw.startswith("@"):
        name = shown(raw[1:])
        try:
            return read_json_file(raw[1:], max_bytes=MAX_SETTING_BYTES)
        except JsonInputError as exc:
            where = f" (bij {exc.path})" if exc.path else ""
            raise admin.AdminError(f"{name}: {exc.problem}{where}") from None
        except OSError as exc:
            raise admin.AdminError(f"{name}: {describe_os_error(exc)}") from None
    try:
        return loads_json(raw, max_bytes=MAX_SETTING_BYTES)
    except JsonInputError as exc:
        where = f" (bij {exc.path})" if exc.path else ""
        raise admin.AdminError(f"De waarde moet geldige JSON zijn: {exc.problem}{where}.") from None


def _check_tls(cert: Path | None, key: Path | None) -> dict[str, str]:
    """uvicorn's TLS arguments, after checking that the two files make a key pair."""
    if cert is None and key is None:
        return {}
    if cert is None or key is None:
        raise Refused("--tls-cert en --tls-key horen bij elkaar.", EXIT_USAGE)
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except OSError as exc:
        raise Refused(
            f"Het TLS-certificaat of de sleutel is niet te lezen: "
            f"{exc.strerror or type(exc).__name__}.",
            EXIT_USAGE,
        ) from None
    except ssl.SSLError:
        raise Refused(
            "Het TLS-certificaat en de sleutel zijn geen geldig PEM-paar dat bij elkaar hoort.",
            EXIT_USAGE,
        ) from None
    return {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}


def _report_token(path: Path | None) -> str | None:
    """The token ``GET /report`` requires: the first line of ``path``, else the
    environment's; ``None`` (no report page) without either. Raises :class:`Refused`
    (exit 2) for an unreadable file or a token too short to be a secret."""
    if path is None:
        token = os.environ.get(monitoring_report.REPORT_TOKEN_ENV) or None
    else:
        try:
            token = read_bounded(path, 4096).decode("utf-8").strip()
        except OSError as exc:
            raise Refused(
                f"--report-token-file {shown(str(path))}: {describe_os_error(exc)}.", EXIT_USAGE
            ) from None
        except (JsonInputError, UnicodeDecodeError):
            raise Refused(
                f"--report-token-file {shown(str(path))}: geen leesbaar token (hoogstens 4 KiB "
                "UTF-8-tekst).",
                EXIT_USAGE,
            ) from None
    if token is None:
        return None
    problem = monitoring_report.token_problem(token)
    if problem is not None:
        raise Refused(problem, EXIT_USAGE)
    return token


def _check_address(host: str, port: int) -> None:
    """Refuse in words a host that does not resolve or a port that cannot be bound.

    uvicorn would log the same in English and exit 3 after starting the app; checked here
    first (the port could still be taken in between: then uvicorn's line stands).
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        raise Refused(f"De host '{shown(host)}' is onbekend.", EXIT_USAGE) from None
    family, kind, proto, _name, address = infos[0]
    try:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise Refused(
            f"Kan niet luisteren op {shown(host)} poort {port}: {reason}.", EXIT_ERROR
        ) from None


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    from inburg_desktop.server.logs import configure

    tls = _check_tls(args.tls_cert, args.tls_key)
    report_token = _report_token(args.report_token_file)
    _check_address(args.host, args.port)
    _open(url).dispose()  # refuse an unreachable or foreign database here, in words
    configure(args.log_level)
    options = {
        "host": args.host,
        "port": args.port,
        "log_level": args.log_level,
        "log_config": None,  # ours (server/logs.py): scrubbed, owner-only
        "access_log": False,  # ours (server/access.py): route templates, not raw paths
        "server_header": False,
        # X-Forwarded-For only from the proxies the admin named: otherwise any client (or
        # any process on this host) could choose the source the enrollment limit counts.
        "proxy_headers": bool(args.forwarded_allow_ips),
        "forwarded_allow_ips": args.forwarded_allow_ips or "",
        "limit_concurrency": args.limit_concurrency,
        "timeout_keep_alive": 5,  # idle keep-alive connections go after 5 s
        "h11_max_incomplete_event_size": 16 * 1024,  # request line + headers
        **tls,
    }
    if args.workers > 1:
        os.environ[DB_ENV] = url
        if report_token is not None:
            os.environ[monitoring_report.REPORT_TOKEN_ENV] = report_token
        os.environ[LOG_LEVEL_ENV] = args.log_level
        uvicorn.run(
            "inburg_desktop.server.asgi:app_factory",
            factory=True,
            workers=args.workers,
            **options,
        )
        return 0
    from inburg_desktop.server.app import create_app

    app = create_app(url, report_token=report_token)
    logging.getLogger("inburg_desktop.server.cli").info(
        "office server starting with %s", _backend(url)
    )
    uvicorn.run(app, **options)
    return 0


def _backend(url: str) -> str:
    """The kind of database, for the log (never the URL: it may hold a password)."""
    return "PostgreSQL" if url.startswith("postgresql") else "SQLite"


if __name__ == "__main__":
    sys.exit(main())
