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
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import idna

from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.safe_text import codepoint, script_of

MAX_URL = 2000
"""Characters of an address at most (far beyond any real one; keeps the check cheap)."""
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*)://")
# Only the name RFC 6761 reserves for this computer ("localhost", which resolvers answer
# themselves): "localhost.localdomain" is an /etc/hosts habit, and where the file lacks it
# DNS answers, so plain http to it could go wherever a hostile network says (attack
# round 7, finding 7).
_LOCAL_NAMES = frozenset({"localhost"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH = re.compile(r"(?:/[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*")
"""A path as RFC 3986 (3.3, ``pchar``) spells it, in ASCII."""


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
    this laptop enrolled with, :func:`same_server`); ``server_url_host_char`` (``char``:
    a character no server name holds: anything but letters, digits, ``-`` and ``.``, or
    one IDNA would silently change or drop, such as U+200B or a soft hyphen);
    ``server_url_host`` (``host``: no valid internationalised domain name, UTS #46);
    ``server_url_mixed_script`` (``label``: one part of the name mixing scripts, such as
    a Cyrillic а among Latin letters: a look-alike of another server)."""

    default_code = "server_url_invalid"


@dataclass(frozen=True)
class ServerUrl:
    """An address that passed :func:`read_server_url`: ``url`` as it is used and stored
    (scheme and host in lower case, a non-ASCII host in its ASCII ``xn--`` form, no
    trailing ``/``, no default port), its ``host`` as the consultant reads it (Unicode,
    NFC), and ``unencrypted``: plain http to a computer other than this one (confirmed
    by the consultant). ``ascii_host`` is the host as it goes on the wire (equal to
    ``host`` for an ASCII name or an IP address)."""

    url: str
    host: str
    unencrypted: bool
    ascii_host: str = field(default="", compare=False)
    """Derived from ``host``: not compared."""

    @property
    def shown(self) -> str:
        """``url`` for a person: a non-ASCII host in Unicode with its ``xn--`` form
        beside it (``https://bücher.nl (xn--bcher-kva.nl)``), so a look-alike in another
        script shows its difference (attack round 6, finding 6)."""
        return shown_server_url(self.url)


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
    host, ascii_host = read_host(host)
    if port is not None and not 1 <= port <= 65535:
        raise ServerUrlRefused("server_url_port", port=str(port))
    unencrypted = scheme == "http" and not is_this_computer(host)
    if unencrypted and not unencrypted_ok:
        raise ServerUrlRefused("server_url_unencrypted", host=host)
    wire_host = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    if port == _DEFAULT_PORTS[scheme]:
        port = None  # https://host:443 is https://host: one address, one spelling
    netloc = wire_host if port is None else f"{wire_host}:{port}"
    path = parts.path.rstrip("/")
    if not _PATH.fullmatch(path):
        # A path with a direction override or an invisible character was accepted and
        # shown raw in the sync window (attack round 7, finding 7): only what RFC 3986
        # allows in a path, in ASCII, as an office address has.
        raise ServerUrlRefused("server_url_invalid")
    return ServerUrl(f"{scheme}://{netloc}{path}", host, unencrypted, ascii_host)


def read_host(host: str) -> tuple[str, str]:
    """``(host for a person, host on the wire)`` for the host part of an address: an IP
    address as it is; a server name in NFC and lower case, and its ASCII form (IDNA,
    UTS #46 non-transitional processing with the STD3 rules, RFC 5891), the ``xn--`` form
    for a non-ASCII label.

    A server name holds letters, digits, ``-`` and ``.`` only, each as it stays under
    IDNA: a character IDNA would map to another or drop (U+200B ZERO WIDTH SPACE and the
    soft hyphen are silently removed by UTS #46, so ``gemeente.nl\u200b`` would be a
    second spelling of ``gemeente.nl``; a fullwidth letter becomes its ASCII letter) is
    refused rather than changed, as is ``;`` or ``_``. A decomposed letter (``e`` +
    U+0301) is the same name composed (NFC, as IDNA requires). No label may mix scripts
    (UTS #39 §5.1: ``pаypal`` with a Cyrillic а is another server that looks the same).

    Raises :class:`ServerUrlRefused` (``server_url_host_char``, ``server_url_host``,
    ``server_url_mixed_script``); an address that passes can always be sent by the
    transport (httpx encodes hosts with the same ``idna`` package).
    """
    try:
        return host, str(ipaddress.ip_address(host))
    except ValueError:
        pass
    name = unicodedata.normalize("NFC", host)
    for char in name:
        if char in "-." or (char.isascii() and char.isalnum()):
            continue
        category = unicodedata.category(char)
        if category[0] not in "LM" and category != "Nd":
            raise ServerUrlRefused("server_url_host_char", char=_describe(char))
        try:
            kept = idna.uts46_remap(char, std3_rules=True, transitional=False) == char.lower()
        except (idna.IDNAError, ValueError):
            kept = False
        if not kept:
            raise ServerUrlRefused("server_url_host_char", char=_describe(char))
    try:
        ascii_host = idna.encode(name, uts46=True, std3_rules=True).decode("ascii")
        shown = idna.decode(ascii_host)  # an ``xn--`` label typed as such is checked too
    except (idna.IDNAError, UnicodeError, ValueError):
        raise ServerUrlRefused("server_url_host", host=name) from None
    for label in shown.split("."):
        if len({script for char in label if (script := script_of(char)) is not None}) > 1:
            raise ServerUrlRefused("server_url_mixed_script", label=label)
    return shown, ascii_host


def shown_server_url(url: str) -> str:
    """A stored address for a person: an ``xn--`` host shown in Unicode with its ASCII
    form beside it (``https://bücher.nl:8443 (xn--bcher-kva.nl)``); an ASCII address, or
    one this rule cannot read, as it is."""
    try:
        parts = urlsplit(url)
        ascii_host = parts.hostname or ""
        if "xn--" not in ascii_host:
            return url
        unicode_host = idna.decode(ascii_host)
    except (idna.IDNAError, UnicodeError, ValueError):
        return url
    return f"{url.replace(ascii_host, unicode_host, 1)} ({ascii_host})"


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    shown = f"'{char}' " if unicodedata.category(char)[0] in "LNPS" else ""
    return f"{shown}{codepoint(char)} {name}".strip()


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
