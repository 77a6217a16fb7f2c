"""Shared fixtures: offscreen Qt, isolated config/log dirs, fast-KDF vaults; and the
office server as a real process on loopback (``LiveServer``, ``free_port``, ``db_url``),
shared by tests/server, tests/sync and tests/ui.

The ``db_url`` fixture is parametrised over SQLite (a temp file) and PostgreSQL (a fresh
database per test session, only when ``INBURG_TEST_POSTGRES_URL`` is set).

Under ``CI=true`` a test skipped because a tool it needs is missing (poppler, qpdf, msgfmt,
PostgreSQL, ...) fails instead, naming the tool: ``pytest_runtest_makereport`` below.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# Every window is tested on the screen the consultants have: Qt's offscreen platform with
# one 1366x768 screen (its default is 800x800, which made a window's size depend on
# whether an earlier test had installed the app's window fitter).
os.environ["QT_QPA_PLATFORM"] = (
    f"offscreen:configfile={Path(__file__).parent / 'data' / 'offscreen-1366x768.json'}"
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen"
    else os.environ["QT_QPA_PLATFORM"]
)

from inburg_desktop.server.db import Database
from inburg_desktop.server.fault_hooks import ENV as FAULT_HOOKS_ENV
from inburg_desktop.server.migrate import upgrade
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault

from .fault_points import FaultPoints

# Property tests judge results, never speed: Hypothesis's per-example deadline (200 ms)
# and its "too slow" health check measure wall-clock time, so on a busy machine they
# fail (or report "Flaky") tests whose code is right.
settings.register_profile("inburg", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("inburg")

PASSPHRASE = "een lange zin als wachtwoord"


@pytest.fixture(autouse=True)
def _isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real user's settings or logs."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("INBURG_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("INBURG_LOG_DIR", str(base / "logs"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "data"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Every test waits for its background work and fails when some of it outlives its
    closed window (``tests/ui/task_guard.py``), before its fixtures are torn down."""
    if "inburg_desktop.ui.tasks" not in sys.modules:  # no test here started any
        return (yield)
    from .ui import task_guard

    windows = task_guard.close_windows()
    problem = task_guard.problem_after_close()
    result = yield
    task_guard.delete(windows)
    if problem is not None:
        pytest.fail(problem, pytrace=False)
    return result


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault" / "kluis.db"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[OpenVault]:
    """A fresh, empty vault with cheap KDF parameters (tests only)."""
    opened = create_vault(vault_path, PASSPHRASE, TEST_KDF)
    yield opened
    opened.lock()


# --- the office server as a real process (tests/server, tests/sync, tests/ui) ---------

PG_ENV = "INBURG_TEST_POSTGRES_URL"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """An ``inburg-office serve`` process; restartable (same port, same database).

    With ``fault_points`` the process reports its fault points there and can be held at
    one (tests/fault_points.py); without, the hooks are off, as in production.
    """

    db_url: str
    log_dir: Path
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    extra_args: list[str] = field(default_factory=list)
    tls_ca: Path | None = None
    fault_points: FaultPoints | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.tls_ca else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120.0) -> None:
        """Start the process and return once it answers ``/health`` (a busy machine may
        take long to import and migrate: the timeout only bounds a server that is broken).
        """
        env = dict(os.environ, INBURG_LOG_DIR=str(self.log_dir))
        env.pop(FAULT_HOOKS_ENV, None)
        if self.fault_points is not None:
            env.update(self.fault_points.env)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / "server.out").open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "inburg_desktop.server.cli",
                "serve",
                "--db",
                self.db_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                *self.extra_args,
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        verify: bool | ssl.SSLContext = True
        if self.tls_ca is not None:
            verify = ssl.create_default_context(cafile=str(self.tls_ca))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                out = (self.log_dir / "server.out").read_text(errors="replace")[-3000:]
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{out}")
            try:
                if httpx.get(f"{self.url}/health", timeout=5.0, verify=verify).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError("server did not come up")

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, exactly like a crash."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=60)
        self.proc = None
        if self.fault_points is not None:
            self.fault_points.release_all()  # their server threads are gone

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None


def _postgres_database(base_url: str) -> Iterator[str]:
    name = f"inburg_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(
    scope="session",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
)
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh, migrated office database for this test session."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("office") / "office.db"
        url = f"sqlite:///{path}"
        _migrate(url)
        yield url
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set")
    for url in _postgres_database(base):
        _migrate(url)
        yield url


def _migrate(url: str) -> None:
    db = Database(url)
    try:
        upgrade(db.engine)
    finally:
        db.dispose()


# --- under CI=true a missing tool fails the run (issue 12 item 8) ------------------------

# A skip whose reason says a tool is missing, and the tool to name. The reasons are the
# tests' own (``shutil.which`` skips, ``require_tool``, the PostgreSQL fixtures); any
# other skip (a POSIX-only test, the SQLite variant of a PostgreSQL load test, a kernel
# that refuses a mount) stays a skip.
MISSING_TOOL_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?P<tool>[\w.+-]+)(?: \([^)]*\))? is not installed"), "{tool}"),
    (re.compile(r"poppler-utils(?: not installed)?"), "poppler-utils"),
    (re.compile(r"GNU gettext msgfmt not installed"), "msgfmt (gettext)"),
    (re.compile(rf"{PG_ENV} is not set"), f"PostgreSQL ({PG_ENV})"),
    (re.compile(r"no mount command"), "mount (util-linux)"),
    (re.compile(r"running as root without setpriv\b.*"), "setpriv (util-linux)"),
)


def missing_tool(reason: str) -> str | None:
    """The tool a skip reason says is missing, or ``None`` for any other skip."""
    for pattern, tool in MISSING_TOOL_REASONS:
        match = pattern.fullmatch(reason)
        if match:
            return tool.format(**match.groupdict())
    return None


def require_tool(name: str) -> str:
    """The path of an external program the test needs. Without it the test is skipped,
    and under ``CI=true`` it fails naming the program."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Under ``CI=true`` a skip for a missing tool (from a ``skipif`` mark, a fixture or the
    test) becomes a failure of the same phase; anywhere else it stays a skip."""
    report = yield
    skipped = call.excinfo.value if call.excinfo is not None else None
    if not (_in_ci() and report.skipped and isinstance(skipped, pytest.skip.Exception)):
        return report  # not CI, not skipped, or an xfail
    reason = skipped.msg or ""
    tool = missing_tool(reason)
    if tool is None:
        return report
    message = f"CI=true and {tool} is missing: this test needs it (skip reason: {reason!r})"

    def fail() -> None:
        pytest.fail(message, pytrace=False)

    return pytest.TestReport.from_item_and_call(item, pytest.CallInfo.from_call(fail, call.when))


@pytest.fixture(scope="module")
def server(db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A live office server per test module (tests/server/ overrides it with one per session)."""
    live = LiveServer(db_url=db_url, log_dir=tmp_path_factory.mktemp("server-logs"))
    live.start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def office(db_url: str) -> Iterator[Database]:
    """The office database of that server, for admin actions and checking what was stored."""
    db = Database(db_url)
    yield db
    db.dispose()
