"""The ``inburg`` command: headless tools on a vault (INTERFACES.md).

Exit codes are a contract: 0 success, 1 exists, 2 usage, 3 wrong passphrase, 4 damaged
or not a vault, 5 invalid file (or invalid ``rules evaluate`` input), 6 no such case,
7 catalogue incomplete, 8 server unreachable, 9 device refused; beyond INTERFACES.md,
``pip render`` exits 10 when the case has no PIP yet, and a vault that is fine but
unavailable exits 12 disk full, 13 read-only medium, 14 no permission, 15 held by another
program, 16 disk I/O error (docs/vault.md). Errors are one clear line on stderr, never a
traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from inburg_desktop.commands import (
    case_cmd,
    catalog_cmd,
    consulent_cmd,
    demo_cmd,
    pip_cmd,
    rules_cmd,
    sync_cmd,
    vault_cmd,
)
from inburg_desktop.commands.common import EXIT_UNEXPECTED, exit_code_for, user_message
from inburg_desktop.domain.safe_text import terminal_safe
from inburg_desktop.logging_setup import setup_logging
from inburg_desktop.terminal import DutchArgumentParser, quiet_when_reader_leaves

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="inburg",
        description="Opdrachten op een kluis van inburg-desktop, zonder vensters. Het wachtwoord "
        "komt uit INBURG_PASSPHRASE (en INBURG_NEW_PASSPHRASE) of wordt gevraagd zonder "
        "het te tonen; nooit als argument.",
    )
    sub = parser.add_subparsers(dest="noun", required=True)
    for module in (
        vault_cmd,
        case_cmd,
        demo_cmd,
        sync_cmd,
        catalog_cmd,
        consulent_cmd,
        pip_cmd,
        rules_cmd,
    ):
        module.register(sub)
    return parser


@quiet_when_reader_leaves
def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    try:
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
