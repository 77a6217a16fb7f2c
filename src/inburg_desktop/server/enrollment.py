"""Enrollment attempts: rate-limited per source and overall, every failure logged.

A code has 100 bits, so guessing one is hopeless; the limit is there so that someone
trying anyway is slowed down *and seen*. Each attempt is recorded before its code is
checked (so parallel guesses count too) and deleted again unless the code was refused
(unknown, used or expired: a request with a bad key or proof tried no code); a source
with ``per_source`` attempts in the window is answered 429 ``too_many_attempts`` with
``Retry-After`` until the window has moved on, even for a correct code.

The office-wide limit (``overall`` attempts in the window, from all sources) must not let
one attacker lock every real consultant out of enrollment for as long as they keep
guessing. So when it is reached, only the sources that already tried in the window are
refused; a source with no attempt in the window still gets one try, and a consultant with
the right code from their own address enrolls. An attacker gains at most one guess per
extra address per window (against a 100-bit code: nothing), each one logged. The state is
in the database, so the limits hold across server instances.

A source is the client's IPv4 address, or its IPv6 /64 network (one host can hold a
whole /64): the socket peer, or the ``X-Forwarded-For`` address only when the peer is a
proxy the admin named with ``serve --forwarded-allow-ips`` (docs/office-server.md §4).
Log lines carry the source and the refusal code, never the code that was tried.
"""

from __future__ import annotations

import ipaddress
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select

from inburg_desktop.protocol.messages import EnrollRequest, EnrollResponse
from inburg_desktop.server.admin import redeem
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.errors import ApiError
from inburg_desktop.server.tables import EnrollAttempt

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EnrollLimits:
    """At most ``per_source`` attempts per source and ``overall`` in ``window`` seconds."""

    per_source: int = 10
    overall: int = 200
    window: int = 15 * 60
    clock: Callable[[], float] = field(default=time.time, compare=False)


def source_of(host: str | None) -> str:
    """The rate-limit key of a client address: IPv4 as is, IPv6 as its /64."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        # A trusted proxy's X-Forwarded-For can say anything; it is not logged as given.
        return "unparsable"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is None:
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def enroll(
    db: Database, request: EnrollRequest, host: str | None, limits: EnrollLimits
) -> EnrollResponse:
    """Redeem ``request`` for a client at ``host`` within ``limits``.

    Raises :class:`ApiError` 429 ``too_many_attempts`` when the source or the office is
    over its limit, and whatever :func:`admin.redeem` refuses with otherwise.
    """
    source = source_of(host)
    now = int(limits.clock())
    attempt_id = _record_attempt(db, source, now, limits)
    try:
        response = redeem(db, request)
    except ApiError as exc:
        if exc.error != "code_refused":
            # A bad key or proof tried no code: it does not count against the source.
            _forget(db, attempt_id)
            raise
        failures = _count(db, source, now, limits)
        log.warning(
            "enrollment code refused for source %s; %d failed attempts from there in the "
            "last %d minutes",
            source,
            failures,
            limits.window // 60,
        )
        raise
    _forget(db, attempt_id)
    log.info("enrolled device %s", response.device_id)
    return response


def _forget(db: Database, attempt_id: int) -> None:
    with db.write() as session:
        session.execute(delete(EnrollAttempt).where(EnrollAttempt.id == attempt_id))


def _record_attempt(db: Database, source: str, now: int, limits: EnrollLimits) -> int:
    since = now - limits.window
    with db.write() as session:
        lock_counter(session)  # serialise attempts, so parallel guesses cannot overshoot
        session.execute(delete(EnrollAttempt).where(EnrollAttempt.at <= since))
        from_source = session.scalar(
            select(func.count())
            .select_from(EnrollAttempt)
            .where(EnrollAttempt.source == source, EnrollAttempt.at > since)
        )
        overall = session.scalar(
            select(func.count()).select_from(EnrollAttempt).where(EnrollAttempt.at > since)
        )
        tried = from_source or 0
        source_full = tried >= limits.per_source
        # Over the office-wide limit, a source that has not tried in the window keeps its
        # one try (see the module docstring: no office-wide lockout).
        office_full = (overall or 0) >= limits.overall and tried > 0
        if source_full or office_full:
            # Either way the source waits until its own oldest attempt leaves the window.
            oldest = session.scalar(
                select(func.min(EnrollAttempt.at)).where(
                    EnrollAttempt.at > since, EnrollAttempt.source == source
                )
            )
            retry = max(1, int(oldest or now) + limits.window - now)
            scope = "source" if source_full else "office"
            log.warning(
                "enrollment attempt from source %s refused: too many attempts (%s limit)",
                source,
                scope,
            )
            raise ApiError(
                429,
                "too_many_attempts",
                "Too many enrollment attempts; try again later.",
                headers={"Retry-After": str(retry)},
            )
        attempt = EnrollAttempt(source=source, at=now)
        session.add(attempt)
        session.flush()
        return attempt.id


def _count(db: Database, source: str, now: int, limits: EnrollLimits) -> int:
    with db.read() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(EnrollAttempt)
                .where(EnrollAttempt.source == source, EnrollAttempt.at > now - limits.window)
            )
            or 0
        )
