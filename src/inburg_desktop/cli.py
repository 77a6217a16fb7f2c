"""The ``inburg`` command: headless tools on a vault (INTERFACES.md).

Exit codes are a contract: 0 success, 1 exists, 2 usage, 3 wrong passphrase, 4 damaged
or not a vault, 5 invalid file (or invalid ``rules evaluate`` input), 6 no such case,
7 catalogue incomplete, 8 server unreachable, 9 device refused; beyond INTERFACES.md,
``pip render`` exits 10 when the case has no PIP yet, ``audit --verify`` 11 when
a chain is broken, and a vault that is fine but
unavailable exits 12 disk full, 13 read-only medium, 14 no permission, 15 held by another
program, 16 disk I/O error (docs/vault.md). Errors are one clear line on stderr, never a
traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from types import ModuleType

from inburg_desktop.commands.common import (
    EXIT_UNEXPECTED,
    exit_code_for,
    refuse_existing_output,
    user_message,
)
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.logging_setup import setup_logging
from inburg_desktop.terminal import DutchArgumentParser, quiet_when_reader_leaves

log = logging.getLogger(__name__)


NOUNS = (
    "vault",
    "case",
    "agenda",
    "voortgang",
    "demo",
    "device",
    "sync",
    "catalog",
    "consulent",
    "pip",
    "rules",
    "audit",
)
"""Every noun of ``inburg``, in the order ``--help`` lists them."""


def command_module(noun: str) -> ModuleType:
    """The module that registers ``noun``, imported when it is wanted: a command loads its
    own use cases, not also the sync engine's, the PDF stack's and the demo's."""
    if noun == "vault":
        from inburg_desktop.commands import vault_cmd

        return vault_cmd
    if noun == "case":
        from inburg_desktop.commands import case_cmd

        return case_cmd
    if noun == "agenda":
        from inburg_desktop.commands import agenda_cmd

        return agenda_cmd
    if noun == "voortgang":
        from inburg_desktop.commands import voortgang_cmd

        return voortgang_cmd
    if noun == "demo":
        from inburg_desktop.commands import demo_cmd

        return demo_cmd
    if noun in ("device", "sync"):
        from inburg_desktop.commands import sync_cmd

        return sync_cmd
    if noun == "catalog":
        from inburg_desktop.commands import catalog_cmd

        return catalog_cmd
    if noun == "consulent":
        from inburg_desktop.commands import consulent_cmd

        return consulent_cmd
    if noun == "pip":
        from inburg_desktop.commands import pip_cmd

        return pip_cmd
    if noun == "rules":
        from inburg_desktop.commands import rules_cmd

        return rules_cmd
    if noun == "audit":
        from inburg_desktop.commands import audit_cmd

        return audit_cmd
    raise KeyError(noun)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given ``argv`` whose first word is a noun, only that
    noun's module is loaded (the others are named, so a typo still lists them all)."""
    parser = DutchArgumentParser(
        prog="inburg",
        description="Opdrachten op een kluis van inburg-desktop, zonder vensters. Het wachtwoord "
        "komt uit INBURG_PASSPHRASE (en INBURG_NEW_PASSPHRASE) of wordt gevraagd zonder "
        "het te tonen; nooit als argument.",
    )
    sub = parser.add_subparsers(dest="noun", required=True)
    wanted = argv[0] if argv and argv[0] in NOUNS else None
    for noun in NOUNS:
        if noun in sub.choices:  # registered with its sibling (device and sync)
            continue
        if wanted is None or noun == wanted or {noun, wanted} <= {"device", "sync"}:
            command_module(noun).register(sub)
        else:
            sub.add_parser(noun)
    return parser


@quiet_when_reader_leaves
def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words)
    args = parser.parse_args(words)
    setup_logging()
    try:
        # before the vault is opened or anything made (protocol.output_files, #8)
        refuse_existing_output(args)
        code: int = args.handler(args)
    except KeyboardInterrupt:
        print("inburg: afgebroken", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # the reader of stdout left (``| head``): quiet_when_reader_leaves
    except Exception as exc:  # one clear line, never a traceback
        code = exit_code_for(exc)
        if code == EXIT_UNEXPECTED:
            log.exception("unexpected error in %s", args.noun)
        # The message may quote a file's key or a server's words: shown, never obeyed.
        print(f"inburg: {terminal_safe(user_message(exc))}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
