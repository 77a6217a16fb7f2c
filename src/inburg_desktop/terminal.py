"""What every command-line entry point (``inburg``, ``inburg-office``) does about its
standard output going away: ``inburg case list | head -1``.

When the reader of a pipe closes it early, the next write raises ``BrokenPipeError``
(Python ignores SIGPIPE). The reader had what it wanted, so the command ends quietly with
exit 0: no traceback, no "Exception ignored" at interpreter exit (what was still buffered
goes to ``/dev/null``). Standard library only: both the laptop's and the office's
commands use it.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Sequence
from typing import Protocol


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
