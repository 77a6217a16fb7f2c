"""Logging to owner-only rotating files in the user's log dir, never with personal data.

A log line says what happened in terms a maintainer can act on: the logger, the level, a
fixed message with ids, codes and counts, and for an error the exception's *type* and where
it was raised. It never carries a value a person typed or imported (names, V-numbers,
BSNs, note texts, dates of birth, passphrases).

The messages in ``src/`` are written that way, but an exception's message and arguments
are not under our control: pydantic puts the rejected ``input_value`` in its message,
SQLAlchemy the statement's parameters, and any f-string can hold a name. So the app's
handlers never write an exception's message or arguments, wherever the exception comes
from: :class:`SafeFormatter` renders a traceback as exception types (with their causes) and
frames as ``file:line:function``, and an exception passed as a log argument as its type.

The files are owner-only (0600 in a 0700 directory), rotated files included, because a log
can still name the machine's user and the vault's path.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

import platformdirs

LOG_FILE = "inburg.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
DIR_MODE = 0o700
FILE_MODE = 0o600

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def log_dir() -> Path:
    """``INBURG_LOG_DIR``, else the platform's user log dir for inburg-desktop."""
    override = os.environ.get("INBURG_LOG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir("inburg-desktop", appauthor=False))


def _short_path(filename: str) -> str:
    """A frame's file without the install location (which can hold the user's name)."""
    parts = Path(filename).parts
    for anchor in ("inburg_desktop", "site-packages", "dist-packages"):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            tail = parts[index:] if anchor == "inburg_desktop" else parts[index + 1 :]
            if tail:
                return "/".join(tail)
    return parts[-1] if parts else "?"


def _type_name(exc: BaseException | type[BaseException]) -> str:
    kind = exc if isinstance(exc, type) else type(exc)
    module = kind.__module__
    if module in ("builtins", "__main__"):
        return kind.__qualname__
    return f"{module}.{kind.__qualname__}"


def _exception_chain(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it, oldest first (as Python prints them)."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        if current.__cause__ is not None:
            current = current.__cause__
        elif not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
    chain.reverse()
    return chain


def safe_exception_text(exc: BaseException, indent: str = "") -> str:
    """Exception types and frames (``file:line:function``), never messages or arguments.

    Causes and contexts come first, as in a normal traceback; the members of an exception
    group are listed by type and frames, nested.
    """
    lines: list[str] = []
    for position, item in enumerate(_exception_chain(exc)):
        if position:
            lines.append(f"{indent}which led to:")
        lines.append(f"{indent}{_type_name(item)}")
        for frame in traceback.extract_tb(item.__traceback__):
            lines.append(f"{indent}  at {_short_path(frame.filename)}:{frame.lineno}:{frame.name}")
        if isinstance(item, BaseExceptionGroup):
            for member in item.exceptions:
                lines.append(f"{indent}  member:")
                lines.append(safe_exception_text(member, indent + "    "))
    return "\n".join(lines)


_STACK_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<func>.+)$')


def _safe_stack(stack_info: str) -> str:
    """``stack_info`` reduced to frames; the source lines it quotes are dropped."""
    frames = []
    for line in stack_info.splitlines():
        match = _STACK_FRAME.match(line)
        if match:
            where = _short_path(match["file"])
            frames.append(f"  at {where}:{match['line']}:{match['func']}")
    return "Stack:\n" + "\n".join(frames)


# C0/C1 controls, DEL, and the Unicode line/paragraph separators and bidi controls: any
# of them in an argument could start a forged line or hide text in a viewer.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MAX_ARG_CHARS = 200


def log_safe(text: str, limit: int = MAX_ARG_CHARS) -> str:
    """``text`` on one line: control characters as ``\\xNN``/``\\uNNNN`` escapes, cut to
    ``limit`` characters with ``…``. Every string argument of a log line passes through
    here (``SafeFormatter``), so a value from the network can never begin a line of its
    own, whatever the call site wrote."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    cut = text if len(text) <= limit else text[:limit] + "…"
    return _UNSAFE.sub(escape, cut)


def _safe_arg(value: object) -> object:
    if isinstance(value, BaseException):
        return _type_name(value)
    if isinstance(value, str):
        return log_safe(value)
    return value


class SafeFormatter(logging.Formatter):
    """``time level logger: message`` plus, for errors, types and frames only.

    ``record.exc_text`` is ignored on purpose: another handler's formatter may have cached
    a full traceback (with messages) there.
    """

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        message = self._message(record)
        line = f"{self.formatTime(record)} {record.levelname} {record.name}: {message}"
        if record.exc_info and record.exc_info[1] is not None:
            line += "\n" + safe_exception_text(record.exc_info[1])
        if record.stack_info:
            line += "\n" + _safe_stack(record.stack_info)
        return line

    @staticmethod
    def _message(record: logging.LogRecord) -> str:
        msg: Any = record.msg
        if not isinstance(msg, str):
            # ``log.error(exc)`` or ``log.info(some_object)``: its str() is not ours to show.
            return f"<{_type_name(msg) if isinstance(msg, BaseException) else type(msg).__name__}>"
        args = record.args
        if not args:
            return msg
        if isinstance(args, dict):
            safe: Any = {key: _safe_arg(value) for key, value in args.items()}
        else:
            safe = tuple(_safe_arg(value) for value in args)
        try:
            return str(msg % safe)
        except (TypeError, ValueError, KeyError):
            return f"{msg} <unformattable arguments>"


class OwnerOnlyRotatingFileHandler(RotatingFileHandler):
    """A rotating file handler whose files are created 0600 (not by the umask)."""

    def _open(self) -> Any:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        _owner_only_fd(fd)
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)

    def handleError(self, record: logging.LogRecord) -> None:
        """A line that cannot be written (a full disk): one line on stderr.

        The default prints the traceback and the record's message and arguments.
        """
        if logging.raiseExceptions and sys.stderr:
            failure = sys.exc_info()[1]
            kind = type(failure).__name__ if failure is not None else "onbekend"
            with contextlib.suppress(Exception):
                sys.stderr.write(f"inburg: kan niet naar het logbestand schrijven ({kind})\n")


def _owner_only_fd(fd: int) -> None:
    if hasattr(os, "fchmod"):
        # Not our file to change (another owner): still log rather than lose the line.
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE)


def _tighten(directory: Path) -> None:
    """Make the log dir 0700 and every log file in it (rotated ones too) 0600."""
    if os.name != "posix":
        return
    try:
        if directory.stat().st_uid == os.geteuid():
            directory.chmod(DIR_MODE)
        for path in directory.glob(LOG_FILE + "*"):
            if path.is_file() and not path.is_symlink():
                path.chmod(FILE_MODE)
    except OSError:
        pass


def _log_uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    logging.getLogger("inburg_desktop.uncaught").error(
        "uncaught %s", _type_name(kind), exc_info=(kind, exc, tb)
    )


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Uncaught exceptions (e.g. in a Qt slot): logged safely, one line on stderr.

    Without this the interpreter prints the message to stderr, which a desktop session
    often keeps in a file (``~/.xsession-errors``, the journal).
    """
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    _log_uncaught(kind, exc, tb)
    print(
        f"inburg-desktop: onverwachte fout ({kind.__name__}); details staan in het logbestand",
        file=sys.stderr,
    )


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    _excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthooks() -> None:
    """Route uncaught exceptions (main and other threads) through the safe log."""
    if sys.excepthook is sys.__excepthook__:
        sys.excepthook = _excepthook
    if threading.excepthook is threading.__excepthook__:
        threading.excepthook = _thread_excepthook


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Attach one owner-only rotating file handler to the root logger (idempotent).

    Returns the log file's path, or ``None`` when logging was already set up or the log
    dir cannot be written (the app then runs without a log file rather than not at all).
    """
    root = logging.getLogger()
    if any(getattr(h, "_inburg", False) for h in root.handlers):
        return None
    directory = log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        _tighten(directory)
        handler = OwnerOnlyRotatingFileHandler(
            directory / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        # Without any handler Python's last resort prints warnings on stderr, in English
        # among a command's Dutch output and unscrubbed (usability round 9 #16): no log
        # file means no log, not a log on the terminal.
        if not root.handlers:
            root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(SafeFormatter())
    handler._inburg = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    install_excepthooks()
    return directory / LOG_FILE
