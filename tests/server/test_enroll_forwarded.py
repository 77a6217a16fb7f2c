"""The enrollment limit against a live server: X-Forwarded-For counts only from a proxy
the admin named, and the office-wide limit cannot lock a real consultant out.

Attack (issue 13 atk F3): uvicorn trusted X-Forwarded-For from 127.0.0.1 by default and
the documented nginx config passed the client's header on, so one client could pose as
any number of sources: past the per-source limit, and into the office-wide limit, after
which every enrollment was refused for 15 minutes, even with the right code.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.enrollment import EnrollLimits

from ..conftest import LiveServer
from .test_enroll_limits import attempt, wrong_code

PER_SOURCE = EnrollLimits().per_source
OVERALL = EnrollLimits().overall


def _server(db_url: str, log_dir: Path, *extra: str) -> Iterator[LiveServer]:
    live = LiveServer(db_url=db_url, log_dir=log_dir, extra_args=list(extra))
    live.start()
    yield live
    live.stop()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[str, Database]]:
    """A fresh office database per test: the attempts of one test are its own."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    db = Database(url)
    yield url, db
    db.dispose()


def _try(client: httpx.Client, code: str, source: str | None = None) -> int:
    headers = {"x-forwarded-for": source} if source else {}
    client.headers.update(headers)
    try:
        return attempt(client, code).status_code
    finally:
        for key in headers:
            del client.headers[key]


def test_a_client_cannot_choose_its_source_without_a_named_proxy(
    office: tuple[str, Database], tmp_path: Path
) -> None:
    url, db = office
    for live in _server(url, tmp_path / "logs"):
        good, _ = admin.create_enrollment_code(db, "consulent-xff")
        with httpx.Client(base_url=live.url) as client:
            statuses = [
                _try(client, wrong_code(n), f"10.9.0.{n + 1}") for n in range(PER_SOURCE + 2)
            ]
            assert statuses[:PER_SOURCE] == [403] * PER_SOURCE
            assert statuses[PER_SOURCE:] == [429, 429]
            assert _try(client, good, "10.99.99.99") == 429  # still the same socket peer


def test_behind_a_named_proxy_the_office_limit_does_not_lock_out_a_fresh_source(
    office: tuple[str, Database], tmp_path: Path
) -> None:
    url, db = office
    for live in _server(url, tmp_path / "logs", "--forwarded-allow-ips", "127.0.0.1"):
        good, _ = admin.create_enrollment_code(db, "consulent-echt")
        with httpx.Client(base_url=live.url) as client:
            sources = [f"203.0.113.{n + 1}" for n in range(OVERALL // PER_SOURCE)]
            for n, source in enumerate(sources):
                for m in range(PER_SOURCE):
                    assert _try(client, wrong_code(n * 100 + m), source) == 403
            # The office-wide limit is reached: the attacker's sources are refused ...
            assert _try(client, wrong_code(9999), sources[0]) == 429
            assert _try(client, good, sources[-1]) == 429
            # ... a new source gets one try, and the consultant with the code enrolls.
            assert _try(client, wrong_code(9998), "198.51.100.50") == 403
            assert _try(client, wrong_code(9997), "198.51.100.50") == 429
            assert _try(client, good, "198.51.100.7") == 200


@pytest.mark.parametrize("value", ["*", "proxy.local", "127.0.0.1,*", "10.0.0.0/40"])
def test_only_addresses_can_be_named_as_proxies(value: str) -> None:
    import argparse

    from inburg_desktop.server.cli import _proxy_addresses

    with pytest.raises(argparse.ArgumentTypeError, match="geen IP-adres"):
        _proxy_addresses(value)
    assert _proxy_addresses(" 127.0.0.1, ::1 ,10.0.0.0/8") == "127.0.0.1,::1,10.0.0.0/8"
