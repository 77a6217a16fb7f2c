"""The one rule for the files both command-line programs write where ``--out`` says.

A file a command writes (a DUO report, an exported case, a PDF, a recovery request or
answer, a private key) never replaces an existing file unasked (usability round 9 #8:
``duo export --out`` silently overwrote the report that may already have gone to DUO,
and with it the only copy of the bytes that were sent). An existing name is refused
before anything is read, computed or registered, with exit code 2 in both programs, as
``recovery-key new`` always did. Commands whose file can simply be made again (a PDF,
an exported case) take ``--vervang`` (also spelled ``--overwrite``) to replace it on
purpose; commands whose file was handed on or is one of a kind (the DUO report, the
recovery request, answer and key) do not offer it.

Every ``--out…`` option of both programs stores a :class:`pathlib.Path` in a ``dest``
that starts with ``out`` (``out``, ``out_private``); ``-`` names standard output, which
is no file. A test walks both programs' options and keeps it so.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from inburg_desktop.domain.safe_text import terminal_safe

REPLACE_FLAG = "--vervang"
"""The option that lets a command replace an existing ``--out`` file (Dutch first)."""
REPLACE_ALIAS = "--overwrite"


def add_replace_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--vervang`` (alias ``--overwrite``, ``dest="vervang"``) to ``parser``: the
    command may replace an existing ``--out`` file. Only for files that can be made
    again (module docstring)."""
    parser.add_argument(
        REPLACE_FLAG,
        REPLACE_ALIAS,
        dest="vervang",
        action="store_true",
        help="een bestaand bestand bij --out vervangen (zonder deze optie wordt het "
        "geweigerd en blijft het zoals het was)",
    )


def output_paths(args: argparse.Namespace) -> list[Path]:
    """The files ``args`` asks to write: every ``Path`` in an attribute whose name starts
    with ``out``, in name order, except ``-`` (standard output)."""
    found: list[Path] = []
    for name in sorted(vars(args)):
        value = getattr(args, name)
        if name.startswith("out") and isinstance(value, Path) and str(value) != "-":
            found.append(value)
    return found


def existing_output_problem(args: argparse.Namespace) -> str | None:
    """Why the command of ``args`` may not run, in Dutch, when a file it would write
    already exists as a file (a symbolic link counts, dangling too: writing would follow
    or replace it) and ``--vervang`` was not given; ``None`` when it may run. Reads only
    the names, so it can be asked before anything else is done."""
    replace_offered = hasattr(args, "vervang")
    if replace_offered and args.vervang:
        return None
    for path in output_paths(args):
        # a folder, device or pipe of that name is the writer's refusal ("geen gewoon
        # bestand"): it is never replaced either, and that sentence says why
        if path.is_symlink() or path.is_file():
            how = (
                f"kies een nieuwe bestandsnaam of geef {REPLACE_FLAG} om het te vervangen"
                if replace_offered
                else "kies een nieuwe bestandsnaam (dit bestand wordt nooit overschreven)"
            )
            # the whole name, as typed (the user must find the file), safe for a terminal
            return f"{terminal_safe(str(path))} bestaat al; {how}. Er is niets geschreven."
    return None
