"""Enrollment codes cannot be guessed unnoticed: failed attempts are limited and logged.

Before issue 10, 200 wrong codes in a row were all answered 403 and nothing was logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from inburg_desktop.protocol.device_keys import DeviceKey, enroll_proof_message
from inburg_desktop.protocol.messages import EnrollRequest
from inburg_desktop.server import admin
from inburg_desktop.server.app import create_app
from inburg_desktop.server.db import Database
from inburg_desktop.server.enrollment import EnrollLimits, source_of
from inburg_desktop.server.migrate import upgrade

JSON = {"content-type": "application/json"}
WINDOW = 900


class Clock:
    """A clock the test moves by hand (the limit's window without waiting)."""

    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Office:
    db: Database
    clock: Clock
    app_limits: EnrollLimits
    url: str

    def client(self, address: str) -> TestClient:
        return TestClient(
            create_app(self.url, enroll_limits=self.app_limits), client=(address, 4000)
        )


@pytest.fixture
def office_with(tmp_path: Path) -> Iterator[Callable[..., Office]]:
    """Make an office on a fresh database with the given limits and a hand-moved clock."""
    made: list[Database] = []

    def make(per_source: int = 5, overall: int = 1000) -> Office:
        url = f"sqlite:///{tmp_path / f'office-{len(made)}.db'}"
        db = Database(url)
        upgrade(db.engine)
        made.append(db)
        clock = Clock()
        limits = EnrollLimits(per_source=per_source, overall=overall, window=WINDOW, clock=clock)
        return Office(db, clock, limits, url)

    yield make
    for db in made:
        db.dispose()


def attempt(client: httpx.Client, code: str, *, good_proof: bool = True) -> httpx.Response:
    key = DeviceKey.generate()
    signer = key if good_proof else DeviceKey.generate()
    request = EnrollRequest(
        code=code,
        public_key=key.public_key_b64,
        proof=signer.sign(enroll_proof_message(code, key.public_key_b64)),
    )
    return client.post("/v1/enroll", content=request.model_dump_json(), headers=JSON)


def wrong_code(n: int) -> str:
    raw = f"{n:020d}".replace("0", "Z")
    return "-".join(raw[i : i + 4] for i in range(0, 20, 4))


def test_failed_codes_are_limited_per_source_and_logged_without_the_code(
    office_with: Callable[..., Office], caplog: pytest.LogCaptureFixture
) -> None:
    office: Office = office_with(per_source=5)
    caplog.set_level(logging.INFO, logger="inburg_desktop.server")
    good, _ = admin.create_enrollment_code(office.db, "consulent-limiet")
    tried = [wrong_code(n) for n in range(5)]
    with office.client("198.51.100.7") as guesser:
        for code in tried:
            assert attempt(guesser, code).status_code == 403
        refused = attempt(guesser, wrong_code(99))
        assert refused.status_code == 429
        assert refused.json()["error"] == "too_many_attempts"
        assert 1 <= int(refused.headers["retry-after"]) <= WINDOW
        # Even the right code waits: otherwise the limit would slow nobody down.
        assert attempt(guesser, good).status_code == 429
    with office.client("198.51.100.8") as colleague:
        assert attempt(colleague, wrong_code(50)).status_code == 403  # another source
    office.clock.now += WINDOW + 1
    with office.client("198.51.100.7") as later:
        assert attempt(later, good).status_code == 200
    lines = [r.getMessage() for r in caplog.records]
    failures = [line for line in lines if "enrollment code refused" in line]
    assert len(failures) == 6
    assert "5 failed attempts" in failures[4] and "198.51.100.7" in failures[4]
    assert any("too many attempts" in line for line in lines)
    text = "\n".join(lines)
    for code in [*tried, wrong_code(99), good]:
        assert code not in text
        assert admin.normalize_code(code) not in text


def test_requests_that_try_no_code_do_not_count(office_with: Callable[..., Office]) -> None:
    office: Office = office_with(per_source=3)
    good, _ = admin.create_enrollment_code(office.db, "consulent-bewijs")
    with office.client("198.51.100.20") as client:
        for n in range(10):  # a wrong proof is refused before any code is looked up
            answer = attempt(client, wrong_code(n), good_proof=False)
            assert answer.json()["error"] == "bad_proof"
        assert attempt(client, good).status_code == 200


def test_many_sources_meet_the_office_wide_limit(office_with: Callable[..., Office]) -> None:
    office: Office = office_with(per_source=100, overall=4)
    for n in range(4):
        with office.client(f"203.0.113.{n + 1}") as client:
            assert attempt(client, wrong_code(n)).status_code == 403
    with office.client("203.0.113.1") as again:
        assert attempt(again, wrong_code(8)).status_code == 429
    # A source new in the window keeps one try (no office-wide lockout), then waits too.
    with office.client("203.0.113.200") as fresh:
        assert attempt(fresh, wrong_code(9)).status_code == 403
        assert attempt(fresh, wrong_code(10)).status_code == 429


def test_sources_group_an_ipv6_host_by_its_64() -> None:
    assert source_of("2001:db8:1:2:aaaa::1") == source_of("2001:db8:1:2:ffff::9")
    assert source_of("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert source_of("2001:db8:1:3::1") != source_of("2001:db8:1:2::1")
    assert source_of("::ffff:192.0.2.1") == "192.0.2.1"
    assert source_of("192.0.2.1") == "192.0.2.1"
    assert source_of("V-nummer 1234567890") == "unparsable"  # never logged as given
    assert source_of(None) == "unknown"


def test_the_limit_holds_on_the_shared_database(db_url: str, office: Database) -> None:
    """The same limit over the session's database (SQLite and PostgreSQL)."""
    limits = EnrollLimits(per_source=3, window=WINDOW)
    with TestClient(create_app(db_url, enroll_limits=limits), client=("192.0.2.99", 1)) as c:
        statuses = [attempt(c, wrong_code(n)).status_code for n in range(4)]
    assert statuses == [403, 403, 403, 429]
    with office.write() as session:  # leave the shared database as found
        from sqlalchemy import delete

        from inburg_desktop.server.tables import EnrollAttempt

        session.execute(delete(EnrollAttempt).where(EnrollAttempt.source == "192.0.2.99"))
