"""The office server's logging: stderr and an owner-only rotating file, never personal data.

What keeps personal data out of the server's output:

* Our own log calls carry codes, counts and ids (device, case, op), never field values,
  names or codes tried at enrollment.
* The access log is ours (``access.py``): the route template, not the raw path or query.
* Every record with an exception is reduced to the exception's *type and place*: no
  message, no traceback (a message can quote request data, as pydantic's errors do).
  This holds for every logger, uvicorn's included, through a filter on each handler.
* The chosen level applies to our loggers and uvicorn's only; everything else stays at
  WARNING. At DEBUG, SQLAlchemy would otherwise log every result row of every query.
* The log directory is created 0700 and every log file (rotated ones too) 0600.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path

from inburg_desktop.logging_setup import log_dir

LOG_FILE = "inburg-office.log"
LEVELS = ("critical", "error", "warning", "info", "debug")
"""The levels ``inburg-office serve --log-level`` offers (uvicorn's ``trace`` logs whole
request scopes, paths and headers included, and is not offered)."""
OWN_LOGGERS = ("inburg_desktop", "uvicorn", "uvicorn.error", "alembic")
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MARK = "_inburg_office"


class OwnerOnlyFileHandler(RotatingFileHandler):
    """A rotating log file that only its owner can read (0600), also after rotation."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)  # an existing file may have been created more open
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def where(exc: BaseException) -> str:
    """``file.py:LINE`` of the innermost frame of ``exc`` in this project (or overall)."""
    tb = exc.__traceback__
    place = "?"
    own = None
    while tb is not None:
        code = tb.tb_frame.f_code
        place = f"{Path(code.co_filename).name}:{tb.tb_lineno}"
        if "inburg_desktop" in code.co_filename:
            own = place
        tb = tb.tb_next
    return own or place


class ScrubExceptions(logging.Filter):
    """Replace a record's exception (message and traceback) by its type and place."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            exc = record.exc_info[1]
            if exc is not None:
                message = record.getMessage().rstrip()
                record.msg = f"{message} [{type(exc).__name__} at {where(exc)}]"
                record.args = None
            record.exc_info = None
            record.exc_text = None
        record.stack_info = None
        return True


def configure(level: str = "info", directory: Path | None = None) -> Path | None:
    """Log to stderr and to ``LOG_FILE`` in ``directory`` (default: the log dir).

    Idempotent. Returns the log file, or ``None`` when it cannot be created (then only
    stderr is used, and a warning says so). ``level`` is one of :data:`LEVELS`.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown log level {level!r}")
    root = logging.getLogger()
    if any(getattr(h, _MARK, False) for h in root.handlers):
        return None
    formatter = logging.Formatter(_FORMAT)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    path: Path | None = (directory or log_dir()) / LOG_FILE
    problem = None
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handlers.append(
            OwnerOnlyFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
        )
    except OSError as exc:
        problem = exc.strerror or type(exc).__name__
        path = None
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(ScrubExceptions())
        setattr(handler, _MARK, True)
        root.addHandler(handler)
    root.setLevel(logging.WARNING)
    numeric = logging.getLevelName(level.upper())
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(numeric)
    # uvicorn's access log prints raw paths; ours (access.py) replaces it.
    logging.getLogger("uvicorn.access").disabled = True
    logging.captureWarnings(True)
    if problem is not None:
        logging.getLogger(__name__).warning("cannot write the log file: %s", problem)
    return path


@contextmanager
def command_log(directory: Path | None = None) -> Iterator[Path | None]:
    """While an admin command runs: log to ``LOG_FILE`` in ``directory`` (default: the log
    dir), owner-only and scrubbed as :func:`configure` does, and never to stderr, which
    carries the command's Dutch sentences for the person at the terminal (usability round
    9 #16: with no handler at all, Python's last-resort handler printed each warning, in
    English, among them). Yields the log file, or ``None`` when it cannot be made: then
    nothing is logged rather than printed. The handler is removed afterwards."""
    path: Path | None = (directory or log_dir()) / LOG_FILE
    handler: logging.Handler
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = OwnerOnlyFileHandler(path, maxBytes=5_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        handler, path = logging.NullHandler(), None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(ScrubExceptions())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        handler.close()
