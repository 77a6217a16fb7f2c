"""``inburg demo``: add fictional cases to a vault."""

from __future__ import annotations

import argparse

from inburg_desktop.commands.common import add_vault_arg, open_vault
from inburg_desktop.demo.vault_fill import add_cases


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="add fictional demo cases")
    add_vault_arg(demo)
    demo.add_argument("--cases", type=int, default=12, help="how many (default 12)")
    demo.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    if not 1 <= args.cases <= 10_000:
        raise SystemExit("inburg: --cases moet tussen 1 en 10000 liggen")
    vault = open_vault(args)
    try:
        ids = add_cases(vault, args.cases)
    finally:
        vault.lock()
    print(f"{len(ids)} demodossiers toegevoegd.")
    return 0
