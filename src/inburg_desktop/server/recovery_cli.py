"""``inburg-office recovery-key new`` and ``inburg-office recover`` (docs/recovery.md).

Kept apart from ``server/cli.py``, which only hands these two commands over. Passphrases
are read from ``--passphrase-file`` or asked at the terminal without echo, never taken as
an argument (a command line is visible to every user of the machine). Exit codes as the
other commands: ``1`` refused (another recovery key, a wrong passphrase), ``2`` a bad
argument or an existing output file, ``5`` a request or key file that is no such file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from inburg_desktop.domain.json_input import JsonInputError, describe_os_error, read_bounded
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.protocol.recovery import (
    MAX_DOCUMENT_BYTES,
    MAX_PRIVATE_KEY_FILE_BYTES,
    RecoveryRefused,
    shown_key_id,
)
from inburg_desktop.server import recovery
from inburg_desktop.server.db import Database

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INVALID_FILE = 5
MIN_PASSPHRASE = 12
MAX_PASSPHRASE_FILE_BYTES = 4096

REFUSALS = {
    "recovery_document_damaged": (
        "{file} is geen leesbaar herstelverzoek van inburg-desktop (beschadigd of een ander "
        "bestand). Er is niets geschreven.",
        EXIT_INVALID_FILE,
    ),
    "recovery_other_key": (
        "Het herstelverzoek is versleuteld voor een andere herstelsleutel (sleutel-id "
        "{key_id}); gebruik het privésleutelbestand met dat id. Er is niets geschreven.",
        EXIT_REFUSED,
    ),
    "recovery_wrong_key": (
        "Het herstelverzoek gaat niet open met deze herstelsleutel: het is gewijzigd of "
        "hoort bij een andere kluis. Er is niets geschreven.",
        EXIT_REFUSED,
    ),
    "recovery_private_key_refused": (
        "Het privésleutelbestand gaat niet open: het wachtwoord is onjuist of het is geen "
        "herstelsleutel van inburg-office. Er is niets geschreven.",
        EXIT_REFUSED,
    ),
}


def _path(path: Path) -> str:
    """A file name as given, whole (the administrator must find the file again), safe
    for the terminal."""
    return terminal_safe(str(path))


class RecoveryCommandError(Exception):
    """A refused recovery command: the sentence to print and the exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """``recovery-key new`` (needs the database) and ``recover`` (needs none)."""
    key = sub.add_parser(
        "recovery-key", parents=[common], help="de herstelsleutel van het kantoor beheren"
    )
    verbs = key.add_subparsers(dest="verb", required=True)
    new = verbs.add_parser(
        "new",
        parents=[common],
        help="een nieuwe herstelsleutel maken: de privésleutel versleuteld in een bestand "
        "(voor offline opslag), de publieke sleutel in de kantoordatabase",
    )
    new.add_argument(
        "--out-private",
        type=Path,
        required=True,
        metavar="BESTAND",
        help="nieuw bestand voor de versleutelde privésleutel (wordt nooit overschreven)",
    )
    _passphrase_arg(new)
    recover = sub.add_parser(
        "recover",
        help="een vergeten kluiswachtwoord herstellen met de offline herstelsleutel "
        "(zonder database)",
    )
    recover.add_argument(
        "--request", type=Path, required=True, metavar="BESTAND", help="het herstelverzoek"
    )
    recover.add_argument(
        "--private-key",
        type=Path,
        required=True,
        metavar="BESTAND",
        help="het versleutelde privésleutelbestand van recovery-key new",
    )
    recover.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="BESTAND",
        help="nieuw bestand voor het herstelantwoord (wordt nooit overschreven)",
    )
    _passphrase_arg(recover)


def _passphrase_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="BESTAND",
        help="bestand met het wachtwoord van de privésleutel op de eerste regel "
        "(standaard: vragen op de terminal)",
    )


def _passphrase(args: argparse.Namespace, *, twice: bool) -> bytes:
    if args.passphrase_file is not None:
        try:
            text = read_bounded(args.passphrase_file, MAX_PASSPHRASE_FILE_BYTES).decode("utf-8")
        except (JsonInputError, UnicodeDecodeError):
            raise RecoveryCommandError(
                f"{_path(args.passphrase_file)} is geen wachtwoordbestand (tekst, "
                f"hoogstens {MAX_PASSPHRASE_FILE_BYTES} bytes).",
                EXIT_USAGE,
            ) from None
        except OSError as exc:
            raise _os_refusal(args.passphrase_file, exc) from None
        lines = text.splitlines()
        passphrase = lines[0] if lines else ""
    elif sys.stdin.isatty():
        passphrase = getpass.getpass("Wachtwoord van de herstelsleutel: ")
        if twice and getpass.getpass("Herhaal het wachtwoord: ") != passphrase:
            raise RecoveryCommandError(
                "De twee wachtwoorden zijn niet gelijk; er is niets aangemaakt.", EXIT_USAGE
            )
    else:
        raise RecoveryCommandError(
            "Geen wachtwoord: geef --passphrase-file of start vanaf een terminal.", EXIT_USAGE
        )
    if twice and len(passphrase) < MIN_PASSPHRASE:
        raise RecoveryCommandError(
            f"Het wachtwoord van de herstelsleutel moet minstens {MIN_PASSPHRASE} tekens "
            "hebben; er is niets aangemaakt.",
            EXIT_USAGE,
        )
    return passphrase.encode("utf-8")


def _read(path: Path, limit: int, what: str) -> bytes:
    try:
        return read_bounded(path, limit)
    except JsonInputError as exc:
        raise RecoveryCommandError(
            f"{what} {_path(path)}: {exc.problem}", EXIT_INVALID_FILE
        ) from None
    except OSError as exc:
        raise _os_refusal(path, exc) from None


def _os_refusal(path: Path, exc: OSError) -> RecoveryCommandError:
    return RecoveryCommandError(f"{_path(path)}: {describe_os_error(exc)}", EXIT_USAGE)


def _exists(path: Path) -> RecoveryCommandError:
    return RecoveryCommandError(
        f"{_path(path)} bestaat al; kies een nieuwe bestandsnaam. Er is niets geschreven.",
        EXIT_USAGE,
    )


@contextmanager
def _new_file(out: Path) -> Iterator[None]:
    """Making the new file ``out``: an existing one or the disk's refusal in words."""
    try:
        yield
    except FileExistsError:
        raise _exists(out) from None
    except OSError as exc:
        raise _os_refusal(out, exc) from None


def new_key(args: argparse.Namespace, db: Database) -> int:
    """``inburg-office recovery-key new``."""
    out: Path = args.out_private
    if out.exists() or out.is_symlink():
        raise _exists(out)
    passphrase = _passphrase(args, twice=True)
    with _new_file(out):
        identifier = recovery.new_recovery_key(db, out, passphrase)
    print(f"Herstelsleutel aangemaakt, sleutel-id {shown_key_id(identifier)}.")
    print(
        f"De privésleutel staat versleuteld in {_path(out)} en nergens anders: bewaar "
        "dat bestand offline (bijvoorbeeld op twee USB-sticks in de kluis) en het "
        "wachtwoord apart. Zonder beide kan het kantoor geen kluis herstellen."
    )
    print(
        "Laptops die zich vanaf nu aanmelden, kunnen via het kantoor worden hersteld. "
        "Laptops die al zijn aangemeld nog niet: laat ze zich opnieuw aanmelden."
    )
    return 0


def recover(args: argparse.Namespace) -> int:
    """``inburg-office recover``: never touches a database."""
    out: Path = args.out
    if out.exists() or out.is_symlink():
        raise _exists(out)
    request = _read(args.request, MAX_DOCUMENT_BYTES, "Ongeldig herstelverzoek")
    pem = _read(args.private_key, MAX_PRIVATE_KEY_FILE_BYTES, "Ongeldig privésleutelbestand")
    passphrase = _passphrase(args, twice=False)
    try:
        made = recovery.recover(request, pem, passphrase)
    except RecoveryRefused as exc:
        sentence, code = REFUSALS[exc.code]
        params = {"file": _path(args.request), **{k: str(v) for k, v in exc.params.items()}}
        raise RecoveryCommandError(sentence.format(**params), code) from None
    with _new_file(out):
        recovery.write_new_file(out, made.response)
    print(f"Herstelantwoord voor kluis {made.vault_id} geschreven naar {_path(out)}.")
    print(
        "Eenmalig wachtwoord (nergens bewaard; geef het de consulent via een ander kanaal "
        "dan het bestand, bijvoorbeeld telefonisch):"
    )
    print(f"  {made.temporary}")
    print(
        "De consulent voert uit: inburg vault recover --vault KLUIS --response BESTAND, met "
        "dit wachtwoord en een nieuw eigen wachtwoord."
    )
    return 0
