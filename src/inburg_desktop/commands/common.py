"""What every ``inburg`` subcommand shares: passphrases, opening a vault, exit codes."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from inburg_desktop.domain.handover import HandoverError
from inburg_desktop.domain.problem import Problem, UndrawableText
from inburg_desktop.messages import error_text, problem_text
from inburg_desktop.protocol.output_files import existing_output_problem
from inburg_desktop.services.errors import (
    DiskFull,
    NoPermission,
    NoSuchCase,
    OutputRefused,
    ReadOnlyMedium,
    RecoveryRefused,
    StorageFault,
    VaultDamaged,
    VaultExists,
    VaultInUse,
    VaultMissing,
    WrongPassphrase,
    from_os_error,
)
from inburg_desktop.services.vault_session import (
    Vault,
    default_vault_path,
    unlock,
    unlock_for_reading,
)

EXIT_EXISTS = 1
# The name given for a file to write (--out) is no file that can be written: its folder
# is missing, or a folder, device or pipe has that name (services.files.export_file).
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_DAMAGED = 4
EXIT_INVALID_FILE = 5
EXIT_NO_SUCH_CASE = 6
EXIT_CATALOGUE_INCOMPLETE = 7
EXIT_UNREACHABLE = 8
EXIT_REFUSED = 9
# The vault is fine, its surroundings are not (nothing changed; retry once put right):
EXIT_DISK_FULL = 12
EXIT_READ_ONLY = 13
EXIT_NO_PERMISSION = 14
EXIT_IN_USE = 15
EXIT_STORAGE_FAULT = 16
EXIT_UNEXPECTED = 70


class CommandError(Exception):
    """A failure with its exit code and a message for the user."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (CommandError, -1),
    (VaultExists, EXIT_EXISTS),
    (WrongPassphrase, EXIT_WRONG_PASSPHRASE),
    (VaultDamaged, EXIT_DAMAGED),
    (VaultMissing, EXIT_DAMAGED),
    (DiskFull, EXIT_DISK_FULL),
    (ReadOnlyMedium, EXIT_READ_ONLY),
    (NoPermission, EXIT_NO_PERMISSION),
    (VaultInUse, EXIT_IN_USE),
    (StorageFault, EXIT_STORAGE_FAULT),
    (HandoverError, EXIT_INVALID_FILE),
    (RecoveryRefused, EXIT_INVALID_FILE),
    (NoSuchCase, EXIT_NO_SUCH_CASE),
    (OutputRefused, EXIT_USAGE),
    # a text of the case no shipped font can draw: an input that cannot be printed
    (UndrawableText, EXIT_INVALID_FILE),
)


def _explained(exc: BaseException) -> BaseException:
    """An ``OSError`` that escaped as what it is (disk full, read-only, ...), if it is."""
    if isinstance(exc, OSError):
        return from_os_error(exc) or exc
    return exc


def exit_code_for(exc: BaseException) -> int:
    """The documented exit code; only a failed integrity check is "damaged" (4)."""
    exc = _explained(exc)
    for kind, code in _CODES:
        if isinstance(exc, kind):
            return exc.code if isinstance(exc, CommandError) else code
    return EXIT_UNEXPECTED


def user_message(exc: BaseException) -> str:
    """One line for stderr: the command's own words, a problem's sentence from the
    catalogue (``inburg_desktop.messages``), or a safe generic sentence."""
    exc = _explained(exc)
    if isinstance(exc, CommandError):
        return str(exc)
    if isinstance(exc, Problem):
        return error_text(exc)
    return "onverwachte fout; details staan in het logbestand"


def refuse_existing_output(args: argparse.Namespace) -> None:
    """Raise :class:`CommandError` (exit 2) when a file the command would write where
    ``--out`` says already exists and ``--vervang`` was not given
    (``protocol.output_files``: the rule both programs share)."""
    problem = existing_output_problem(args)
    if problem is not None:
        raise CommandError(problem, EXIT_USAGE)


def add_vault_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--vault",
        type=Path,
        default=None,
        metavar="KLUIS",
        help="het kluisbestand (standaard in de gegevensmap van de gebruiker)",
    )


def vault_path(args: argparse.Namespace) -> Path:
    path: Path | None = args.vault
    return path if path is not None else default_vault_path()


PASSPHRASE_VARIABLES = {
    "INBURG_PASSPHRASE": "het wachtwoord van de kluis",
    "INBURG_NEW_PASSPHRASE": "het nieuwe wachtwoord",
    "INBURG_RECOVERY_PASSPHRASE": "het eenmalige wachtwoord van het kantoor",
}
"""Every environment variable a command reads a passphrase from, with what it holds (in
the words of the sentence that names a missing one; README "Commands")."""


def read_passphrase(
    env: str = "INBURG_PASSPHRASE", prompt: str = "Wachtwoord van de kluis: "
) -> str:
    """From the environment variable ``env`` (one of :data:`PASSPHRASE_VARIABLES`), else
    a prompt without echo (never an argument).

    Raises :class:`CommandError` with exit 2 (a usage error, not 3 "wrong passphrase":
    usability round 9 #12, a script read a missing variable as a wrong passphrase) naming
    ``env`` when it is unset or empty (no passphrase is empty) and there is no terminal
    to ask at; nothing has been opened or changed then.
    """
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        state = "is leeg" if value is not None else "is niet gezet"
        raise CommandError(
            f"geen wachtwoord: {env} ({PASSPHRASE_VARIABLES[env]}) {state} en er is geen "
            f"terminal om het te vragen; zet {env} of start vanaf een terminal. Er is niets "
            "geopend of gewijzigd",
            EXIT_USAGE,
        )
    return getpass.getpass(prompt)


def open_vault(args: argparse.Namespace, *, reads_only: bool = False) -> Vault:
    """Unlock the vault of ``--vault``. ``reads_only``: the command only reads, so a
    vault on a read-only medium opens read-only instead of exiting 13
    (``vault_session.unlock_for_reading``); a writing command still exits 13."""
    if reads_only:
        return unlock_for_reading(vault_path(args), read_passphrase())
    return unlock(vault_path(args), read_passphrase())


T = TypeVar("T")


def pdf_with_warnings(render: Callable[[], T], decision: bool = False) -> T:
    """``render()``, a call that makes a PDF; characters no shipped font draws are printed
    as their code (``pdf.text.undrawable``) and said on standard error as "waarschuwing:
    …", naming the field and the characters, without stopping the document or changing
    the exit code (issue 13). ``decision``: for a PIP or fine
    letter, whose warning advises correcting the text before signing or sending."""
    from inburg_desktop.pdf.document import noting_replaced  # reportlab: lazily

    result, replaced = noting_replaced(render, decision)
    if replaced is not None:
        print(f"waarschuwing: {problem_text(replaced)}", file=sys.stderr)
    return result
