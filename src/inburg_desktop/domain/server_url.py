"""The office server's address as a consultant types it: one rule for the enrollment form,
``inburg device enroll --server`` and ``inburg sync --server``.

An address is ``https://HOST[:PORT][/PATH]``. Plain ``http://`` sends case data (names,
BSN-like numbers, notes) readable and changeable by anyone on the network; the sync
protocol signs requests but does not encrypt them, so ``http://`` is accepted without a
question only for this computer itself (``localhost``, ``127.0.0.0/8``, ``::1``: a test
server or a local tunnel), and for any other host only after the consultant confirmed
that the connection is not encrypted (AVG art. 32: appropriate security of the
processing). An address without a scheme is refused with the ``https://`` address it
probably meant (usability round 4 #22: ``kantoor.gemeente.nl:8443`` was said to be
"ongeldig" without a word on what was missing, and ``http://`` to another host was taken
silently).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from inburg_desktop.domain.problem import Problem

MAX_URL = 2000
"""Characters of an address at most (far beyond any real one; keeps the check cheap)."""
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*)://")
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


class ServerUrlRefused(Problem, ValueError):
    """An address that cannot be used as the office server's, as a code with parameters:

    ``server_url_empty``; ``server_url_no_scheme`` (``suggestion``: ``https://`` and what
    was typed); ``server_url_scheme`` (``scheme``: one other than http or https);
    ``server_url_no_host``; ``server_url_port`` (``port``: not 1-65535 or no number);
    ``server_url_extra`` (a user name, password, ``?`` or ``#``, which an office address
    never holds); ``server_url_spaces``; ``server_url_too_long``;
    ``server_url_unencrypted`` (``host``: plain http to another computer, refused until
    the consultant confirmed it, :func:`read_server_url` ``unencrypted_ok``);
    ``server_url_not_enrolled`` (``typed``, ``enrolled``: an address other than the one
    this laptop enrolled with, :func:`same_server`)."""

    default_code = "server_url_invalid"


@dataclass(frozen=True)
class ServerUrl:
    """An address that passed :func:`read_server_url`: ``url`` as it is used (scheme and
    host in lower case, no trailing ``/``), its ``host``, and ``unencrypted``: plain http
    to a computer other than this one (confirmed by the consultant)."""

    url: str
    host: str
    unencrypted: bool


def is_this_computer(host: str) -> bool:
    """Whether ``host`` names this computer: ``localhost`` or a loopback address
    (``127.0.0.0/8``, ``::1``)."""
    name = host.strip("[]").lower().rstrip(".")
    if name in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def read_server_url(text: str, *, unencrypted_ok: bool = False) -> ServerUrl:
    """``text`` (surrounding space ignored) as the office server's address.

    Raises :class:`ServerUrlRefused` with a code saying what is wrong (see there); plain
    ``http://`` to another computer than this one is refused with
    ``server_url_unencrypted`` unless ``unencrypted_ok`` (the consultant confirmed it).
    """
    typed = text.strip()
    if not typed:
        raise ServerUrlRefused("server_url_empty")
    if len(typed) > MAX_URL:
        raise ServerUrlRefused("server_url_too_long")
    if any(ch.isspace() for ch in typed):
        raise ServerUrlRefused("server_url_spaces")
    scheme_match = _SCHEME.match(typed)
    if scheme_match is None:
        if typed.startswith("//"):
            typed = typed[2:]
        raise ServerUrlRefused("server_url_no_scheme", suggestion=f"https://{typed}")
    scheme = scheme_match.group(1).lower()
    if scheme not in ("http", "https"):
        raise ServerUrlRefused("server_url_scheme", scheme=scheme_match.group(1))
    try:
        parts = urlsplit(typed)
        port = parts.port
    except ValueError:
        raise ServerUrlRefused("server_url_port", port=_typed_port(typed)) from None
    if parts.username is not None or parts.password is not None or parts.query or parts.fragment:
        raise ServerUrlRefused("server_url_extra")
    if "?" in typed or "#" in typed:
        raise ServerUrlRefused("server_url_extra")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ServerUrlRefused("server_url_no_host")
    if port is not None and not 1 <= port <= 65535:
        raise ServerUrlRefused("server_url_port", port=str(port))
    unencrypted = scheme == "http" and not is_this_computer(host)
    if unencrypted and not unencrypted_ok:
        raise ServerUrlRefused("server_url_unencrypted", host=host)
    shown_host = f"[{host}]" if ":" in host else host
    if port == _DEFAULT_PORTS[scheme]:
        port = None  # https://host:443 is https://host: one address, one spelling
    netloc = shown_host if port is None else f"{shown_host}:{port}"
    path = parts.path.rstrip("/")
    return ServerUrl(f"{scheme}://{netloc}{path}", host, unencrypted)


def _typed_port(typed: str) -> str:
    """What follows the host's ``:`` in ``typed``, for a sentence (cut short)."""
    rest = typed.split("://", 1)[-1].split("/", 1)[0]
    return rest.rsplit(":", 1)[-1][:20] if ":" in rest else ""


def same_server(typed: str, enrolled: str) -> bool:
    """Whether the address ``typed`` is the office server ``enrolled`` (as stored at
    enrollment): both read by :func:`read_server_url` (scheme and host in lower case, no
    trailing ``/``, a default port left out) and equal. An address this rule cannot read
    is the same only when it is the same text.

    Why it matters (attack round 6, finding 16): request signing proves the laptop to the
    server, not the server to the laptop, and TLS proves only that the host is the host
    typed; so case data goes only to the address the laptop enrolled with, where a
    one-time code from that office was redeemed (AVG art. 32).
    """
    try:
        one = read_server_url(typed, unencrypted_ok=True).url
        other = read_server_url(enrolled, unencrypted_ok=True).url
    except ServerUrlRefused:
        return typed.strip() == enrolled.strip()
    return one == other
