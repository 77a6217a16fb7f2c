"""``inburg consulent``: the consultant's name every PIP carries (show it, or set it with
``--naam``). A PIP is never produced without one (``inburg pip render`` exits 17); the
GUI asks for it under Instellingen → Mijn naam als consulent.

Exit 5 for a name that cannot be used (empty, too long, "uw consulent", hidden
characters), with the reason; nothing is stored then.
"""

from __future__ import annotations

import argparse

from inburg_desktop.commands.common import (
    EXIT_INVALID_FILE,
    CommandError,
    add_vault_arg,
    open_vault,
)
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.messages import error_text
from inburg_desktop.services import consulent


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "consulent", help="de naam van de consulent die elk PIP noemt (tonen of instellen)"
    )
    add_vault_arg(parser)
    parser.add_argument("--naam", default=None, help="stel deze naam in")
    parser.set_defaults(handler=cmd_consulent)


def cmd_consulent(args: argparse.Namespace) -> int:
    if args.naam is not None:
        try:
            consulent.check_name(args.naam)  # refused before the vault is opened
        except consulent.NaamGeweigerd as exc:
            raise CommandError(error_text(exc), EXIT_INVALID_FILE) from exc
    vault = open_vault(args, reads_only=args.naam is None)
    try:
        known = (
            consulent.read(vault) if args.naam is None else consulent.save_name(vault, args.naam)
        )
    finally:
        vault.lock()
    if known.naam is None:
        print("Er is nog geen naam van de consulent ingesteld (zet hem met --naam).")
    elif known.eigen_naam:
        print(f"Naam van de consulent: {terminal_safe(known.naam)}")
    else:
        print(
            f"Naam van de consulent (van de inschrijving bij kantoor): {terminal_safe(known.naam)}"
        )
    return 0
