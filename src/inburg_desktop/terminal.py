"""What every command-line entry point (``inburg``, ``inburg-office``) does about its
standard output going away: ``inburg case list | head -1``.

When the reader of a pipe closes it early, the next write raises ``BrokenPipeError``
(Python ignores SIGPIPE). The reader had what it wanted, so the command ends quietly with
exit 0: no traceback, no "Exception ignored" at interpreter exit (what was still buffered
goes to ``/dev/null``). Standard library only: both the laptop's and the office's
commands use it. Their parsers are ``DutchArgumentParser``: argparse's own words in Dutch.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn, Protocol


class EntryPoint(Protocol):
    """``main(argv=None) -> exit code`` of a console script."""

    def __call__(self, argv: Sequence[str] | None = None) -> int: ...


def _discard_stdout() -> None:
    """Point the stdout file descriptor at /dev/null, so the interpreter's final flush of
    what is still buffered cannot fail a second time."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, io.UnsupportedOperation):
        return  # replaced by a test harness: nothing at the OS level to redirect
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def quiet_when_reader_leaves(main: EntryPoint) -> EntryPoint:
    """Wrap an entry point ``main(argv) -> exit code``: a closed stdout ends it with 0.

    ``main`` must let ``BrokenPipeError`` through (not turn it into an error message);
    stdout is flushed here, inside the guard, also when ``main`` exits through
    ``SystemExit`` (``--help``), so the failure cannot surface later at interpreter exit.
    """

    @functools.wraps(main)
    def guarded(argv: Sequence[str] | None = None) -> int:
        try:
            try:
                return main(argv)
            finally:
                sys.stdout.flush()
        except BrokenPipeError:
            _discard_stdout()
            return 0

    return guarded


# argparse's own words ("usage:", "options", "the following arguments are required") in
# Dutch. argparse looks them up through its module-level ``_``/``ngettext`` (gettext) at
# the moment it uses them; DutchArgumentParser swaps in this table around every call that
# can produce text, so only its own parsers speak Dutch and nothing else in the process is
# touched. The keys are argparse's msgids (Python 3.11-3.13); an unknown one stays English.
ARGPARSE_NL: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "subcommands": "opdrachten",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "ignored explicit argument %r": "genegeerde waarde %r",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "ambiguous option: %(option)s could match %(matches)s": (
        "onduidelijke optie: %(option)s kan %(matches)s zijn"
    ),
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde (%(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "onbekende opdracht %(parser_name)r (kies uit %(choices)s)"
    ),
    "cannot have multiple subparser arguments": "meer dan één opdrachtargument",
}
ARGPARSE_NL_PLURAL: dict[str, tuple[str, str]] = {
    "expected %s argument": ("verwacht %s waarde", "verwacht %s waarden"),
}


def _argparse_nl(message: str) -> str:
    return ARGPARSE_NL.get(message, message)


def _argparse_nl_plural(singular: str, plural: str, n: int) -> str:
    forms = ARGPARSE_NL_PLURAL.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[0] if n == 1 else forms[1]


@contextlib.contextmanager
def _argparse_in_dutch() -> Iterator[None]:
    saved = (getattr(argparse, "_"), getattr(argparse, "ngettext"))  # noqa: B009
    setattr(argparse, "_", _argparse_nl)  # noqa: B010
    setattr(argparse, "ngettext", _argparse_nl_plural)  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", saved[0])  # noqa: B010
        setattr(argparse, "ngettext", saved[1])  # noqa: B010


class DutchArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own words (usage, section titles, ``-h``, every error
    about the arguments) are Dutch, like the help texts the commands give it. Subparsers
    made with ``add_subparsers`` are of this class too. Exit codes are argparse's (2 for
    a usage error)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _argparse_in_dutch():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        # named in the usage line and in "deze argumenten ontbreken: OPDRACHT" (not the
        # internal dest such as "verb")
        kwargs.setdefault("metavar", "OPDRACHT")
        with _argparse_in_dutch():
            return super().add_subparsers(**kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> argparse.Namespace:
        with _argparse_in_dutch():
            parsed: argparse.Namespace = super().parse_args(args, namespace)
            return parsed

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        with _argparse_in_dutch():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _argparse_in_dutch():
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_in_dutch():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _argparse_in_dutch():
            super().error(message)
