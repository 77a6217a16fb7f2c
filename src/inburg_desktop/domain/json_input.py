"""Reading JSON that comes from outside the app, safely: one reader for every such input.

Used for every JSON document a person or another system hands the app or the office: the
handover file (``inburg case import``, the GUI's import, ``inburg-office import``), office
settings (``inburg-office setting KEY VALUE|@FILE``, the letterhead among them) and the
app's own settings file, which any program of the user can rewrite.

What it guarantees, on top of :mod:`json`:

* it reads files through :mod:`~inburg_desktop.domain.file_input`, the app's one bounded
  reader: **only a regular file**, opened without blocking (a FIFO, a device, a socket or
  a directory is refused in words), and **at most the stated number of bytes**, refused
  before it is parsed;
* it **accepts a UTF-8 byte order mark** (Notepad writes one) and refuses UTF-16 with a
  hint, and invalid UTF-8 with the byte offset;
* it **refuses what :mod:`json` lets through or crashes on**: duplicate keys in one object
  (the last one would silently win), numbers longer than :data:`MAX_NUMBER_CHARS`
  characters (Python refuses ints over 4300 digits with an unexpected ``ValueError``),
  ``NaN``/``Infinity`` (not JSON, RFC 8259 §6), numbers a double cannot hold (``1e400``
  would become infinity, ``1e-400`` silently zero), lone surrogates such as ``"\\ud800"``
  (they cannot be written as UTF-8 later, RFC 8259 §8.2), and nesting deeper than the
  stated depth.

Every refusal is a :class:`JsonInputError` whose ``problem`` is Dutch and whose ``path``
names the offending value (``person.given_names``, ``household[0]``; empty for the whole
document), so a caller can name the field as INTERFACES.md requires.

Why in ``domain/``: the layering is ui, commands, pdf → services → storage, prompts →
domain, and the office (server/) may use domain but not the laptop's sync client. Only
domain is importable from every one of those places, and this module imports nothing but
the standard library, so it adds no edge and keeps domain free of project imports. The
file-opening part stays here too (it needs only :mod:`os`), so that every caller refuses
a FIFO the same way instead of each opening files its own way.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Any

from inburg_desktop.domain import file_input
from inburg_desktop.domain.file_input import FileRefused, describe_os_error, describe_size
from inburg_desktop.domain.safe_text import codepoint, terminal_safe
from inburg_desktop.domain.text import N_, Reason

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "MAX_NUMBER_CHARS",
    "JsonInputError",
    "decode_utf8",
    "describe_os_error",
    "describe_size",
    "format_path",
    "loads_json",
    "read_bounded",
    "read_json_file",
]

DEFAULT_MAX_BYTES = 1_000_000
"""The default size limit of a JSON file or argument, in bytes."""
DEFAULT_MAX_DEPTH = 32
"""The default nesting limit: the sync protocol allows values nested 32 deep."""
MAX_NUMBER_CHARS = 32
"""A number token longer than this is refused (a 64-bit int has at most 20 characters)."""

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MANTISSA_NONZERO = re.compile(r"[1-9]")
_MAX_SHOWN_KEY = 60  # a message names a key by at most this many characters


class JsonInputError(FileRefused):
    """A JSON input that is refused.

    ``reason`` says why as a Dutch msgid with parameters (translated at the edge);
    ``problem`` is it in Dutch; ``path`` names the offending value in the document (dotted
    keys, ``[i]`` for list items), ``""`` when it is about the whole file.
    """

    def __init__(self, problem: str, path: str = "", **params: object) -> None:
        self.reason = Reason.of("json_input", problem, **params)
        self.path = path
        # Not FileRefused.__init__: that would set a file-level reason over this one.
        ValueError.__init__(self, f"{path}: {self.problem}" if path else self.problem)


def read_bounded(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """:func:`~inburg_desktop.domain.file_input.read_bounded` (the one bounded reader),
    its refusals as :class:`JsonInputError` for the whole document (``path`` empty)."""
    try:
        return file_input.read_bounded(path, max_bytes)
    except FileRefused as exc:
        raise JsonInputError(exc.reason.text, **exc.reason.params) from None


def read_json_file(
    path: str | os.PathLike[str] | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Any:
    """The JSON value in the file at ``path``: :func:`read_bounded`, then :func:`loads_json`.

    Raises :class:`JsonInputError` for every refusal described in the module docstring and
    ``OSError`` when the file cannot be opened or read.
    """
    return loads_json(read_bounded(path, max_bytes), max_bytes=max_bytes, max_depth=max_depth)


def decode_utf8(data: bytes) -> str:
    """``data`` as text: UTF-8, with an optional byte order mark, else JsonInputError."""
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    elif data.startswith(_UTF16_BOMS):
        raise JsonInputError(N_("is opgeslagen als UTF-16; sla het op als UTF-8"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonInputError(N_("geen geldige UTF-8-tekst (bij byte {at})"), at=exc.start) from None


def loads_json(
    data: bytes | str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Any:
    """Parse one JSON document from ``data`` (bytes in UTF-8, or text).

    Returns dicts, lists, str, int, float, bool and None, as :func:`json.loads` does.
    Raises :class:`JsonInputError` when ``data`` is larger than ``max_bytes`` (text counts
    its UTF-8 length), is not UTF-8, is not JSON, nests deeper than ``max_depth`` arrays
    and objects, repeats a key within one object, or holds a number or string listed in
    the module docstring.
    """
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
        text = data[1:] if data.startswith("\ufeff") else data
    else:
        size = len(data)
        text = ""
    if size > max_bytes:
        raise JsonInputError(N_("groter dan de grens van {limit}"), limit=describe_size(max_bytes))
    if isinstance(data, bytes):
        text = decode_utf8(data)
    if not text.strip():
        raise JsonInputError(N_("is leeg: er staat geen JSON in"))
    try:
        raw = json.loads(
            text,
            object_pairs_hook=_Pairs,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except RecursionError:
        raise JsonInputError(
            N_("te diep genest (hoogstens {most} niveaus)"), most=max_depth
        ) from None
    except json.JSONDecodeError as exc:
        raise JsonInputError(
            N_("geen geldige JSON (regel {line}, kolom {column})"),
            line=exc.lineno,
            column=exc.colno,
        ) from None
    return _build(raw, (), 0, max_depth)


class _Pairs(list[tuple[str, Any]]):
    """An object's key/value pairs in document order, before duplicates are checked."""


class _Refused:
    """Stands in for a number the parser met but that is refused; :func:`_build` reports
    it with its path (the parser's hooks do not know where they are)."""

    __slots__ = ("params", "problem")

    def __init__(self, problem: str, **params: object) -> None:
        self.problem = problem
        self.params = params


def _too_long(token: str) -> _Refused | None:
    if len(token) > MAX_NUMBER_CHARS:
        return _Refused(
            N_("getal te lang: {length} tekens (hoogstens {most})"),
            length=len(token),
            most=MAX_NUMBER_CHARS,
        )
    return None


def _parse_int(token: str) -> int | _Refused:
    return _too_long(token) or int(token)


def _parse_float(token: str) -> float | _Refused:
    refused = _too_long(token)
    if refused is not None:
        return refused
    value = float(token)
    mantissa = re.split(r"[eE]", token, maxsplit=1)[0]
    if math.isinf(value) or (value == 0.0 and _MANTISSA_NONZERO.search(mantissa)):
        return _Refused(N_("getal {token} valt buiten het bereik dat op te slaan is"), token=token)
    return value


def _parse_constant(token: str) -> _Refused:
    return _Refused(N_("{token} is geen JSON-getal"), token=token)


def format_path(path: tuple[str | int, ...]) -> str:
    """``("household", 0, "date_of_birth")`` → ``"household[0].date_of_birth"``; keys are
    shown terminal-safe, so a hostile key cannot spoof the message that names it."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            shown = terminal_safe(part[:_MAX_SHOWN_KEY])
            shown += "…" if len(part) > _MAX_SHOWN_KEY else ""
            out += f".{shown}" if out else shown
    return out


def _check_string(value: str, path: tuple[str | int, ...]) -> None:
    found = _SURROGATE.search(value)
    if found:
        raise JsonInputError(
            N_("bevat een ongeldig teken ({char}, een losse surrogaat)"),
            format_path(path),
            char=codepoint(found.group()),
        )


def _build(node: Any, path: tuple[str | int, ...], depth: int, max_depth: int) -> Any:
    """The checked value of ``node``: objects become dicts, in document order (depth
    first), so the first problem in the file is the one reported. Recursion is bounded:
    it stops one level past ``max_depth``."""
    if isinstance(node, _Pairs | list):
        if depth >= max_depth:
            # Name where the nesting starts, not thirty "[0]"s.
            shown = format_path(path[:3]) + ("…" if len(path) > 3 else "")
            raise JsonInputError(
                N_("te diep genest (hoogstens {most} niveaus)"), shown, most=max_depth
            )
        if isinstance(node, _Pairs):
            out: dict[str, Any] = {}
            for key, value in node:
                _check_string(key, (*path, key))
                if key in out:
                    raise JsonInputError(
                        N_("staat twee keer in hetzelfde object"), format_path((*path, key))
                    )
                out[key] = _build(value, (*path, key), depth + 1, max_depth)
            return out
        return [_build(item, (*path, i), depth + 1, max_depth) for i, item in enumerate(node)]
    if isinstance(node, str):
        _check_string(node, path)
    elif isinstance(node, _Refused):
        raise JsonInputError(node.problem, format_path(path), **node.params)
    return node
