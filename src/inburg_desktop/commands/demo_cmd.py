"""``inburg demo``: add fictional cases to a vault (running it again adds no one twice)."""

from __future__ import annotations

import argparse

from inburg_desktop.commands.common import add_vault_arg, open_vault
from inburg_desktop.counts import dutch_count
from inburg_desktop.demo.vault_fill import add_cases

MAX_CASES = 10_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser(
        "demo",
        help="verzonnen demodossiers toevoegen",
        description="Voegt verzonnen demodossiers toe. Wie al in de kluis staat (zelfde "
        "verzonnen V-nummer), wordt niet nog eens toegevoegd.",
    )
    add_vault_arg(demo)
    demo.add_argument(
        "--cases", type=int, default=12, help="hoeveel dossiers (standaard 12)", metavar="N"
    )
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    if not 1 <= args.cases <= MAX_CASES:
        raise SystemExit(f"inburg: --cases moet tussen 1 en {MAX_CASES} liggen")
    vault = open_vault(args)
    try:
        ids = add_cases(vault, args.cases)
    finally:
        vault.lock()
    print(added_text(len(ids), args.cases))
    return 0


def added_text(added: int, asked: int) -> str:
    """The summary line: how many were added, and how many were there already."""
    present = asked - added
    if present == 0:
        return dutch_count("{n} demodossier toegevoegd.", "{n} demodossiers toegevoegd.", added)
    if added == 0:
        return dutch_count(
            "Het demodossier staat al in deze kluis; er is niets toegevoegd.",
            "De {n} demodossiers staan al in deze kluis; er is niets toegevoegd.",
            present,
        )
    return dutch_count(
        "{n} demodossier toegevoegd", "{n} demodossiers toegevoegd", added
    ) + dutch_count(" ({n} stond al in deze kluis).", " ({n} stonden al in deze kluis).", present)
