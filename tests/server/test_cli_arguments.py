"""Every argument of every ``inburg-office`` command, given hostile values: refused in
words with a non-zero exit, never a traceback, and nothing changed (issue 10, item 6).

Before issue 10 ``enroll --valid-hours -5`` printed a code that had already expired, and a
bad ``--db`` URL, an unreachable database, a huge ``--valid-hours`` or ``--keep-days`` or
a non-database file each ended in a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inburg_desktop.server import admin
from inburg_desktop.server.cli import main
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import Device, EnrollmentCode, Setting

from ..conftest import free_port

Run = tuple[int, str, str]


@pytest.fixture
def office_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'office.db'}"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse refuses this way, after printing its message
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def refused(result: Run, exit_code: int, *words: str) -> None:
    code, out, err = result
    assert code == exit_code, (code, out, err)
    assert "Traceback" not in out + err
    assert err.strip(), "a refusal says why"
    for word in words:
        assert word in err, (word, err)


BAD_HOURS = ["-5", "0", "721", "1000000000000000", "abc", "1e3", "", " 7 x"]


@pytest.mark.parametrize("hours", BAD_HOURS)
def test_enroll_refuses_a_validity_that_makes_no_usable_code(
    capsys: pytest.CaptureFixture[str], office_url: str, hours: str
) -> None:
    result = run(capsys, "enroll", "--db", office_url, "--consultant", "S. de Vries",
                 "--valid-hours", hours)  # fmt: skip
    refused(result, 2, "geldigheid")
    assert _codes(office_url) == 0


@pytest.mark.parametrize(
    "name", ["", "   ", "x" * 201, "S. de\u202eVries", "S.\x1b[31m de Vries", "Sanne\x9b"]
)
def test_consultant_names_that_would_spoof_a_terminal_are_refused(
    capsys: pytest.CaptureFixture[str], office_url: str, name: str
) -> None:
    refused(run(capsys, "enroll", "--db", office_url, "--consultant", name), 1, "consulent")
    assert _codes(office_url) == 0
    refused(run(capsys, "assign", "--db", office_url, "c-1", "--consultant", name), 1)
    refused(run(capsys, "import", "--db", office_url, "f.json", "--consultant", name), 1)


def test_the_functions_refuse_too(office_url: str) -> None:
    db = Database(office_url)
    try:
        from inburg_desktop.server.migrate import upgrade

        upgrade(db.engine)
        for hours in (-5, 0, 10**9):
            with pytest.raises(admin.AdminError, match="uur"):
                admin.create_enrollment_code(db, "S. de Vries", hours)
    finally:
        db.dispose()


@pytest.mark.parametrize(
    "args, words",
    [
        (["--port", "0"], ["poort"]),
        (["--port", "70000"], ["poort"]),
        (["--port", "-1"], ["poort"]),
        (["--port", "http"], ["poort"]),
        (["--workers", "0"], ["workers"]),
        (["--workers", "100000"], ["workers"]),
        (["--log-level", "trace"], ["log-level"]),
        (["--log-level", "verbose"], ["log-level"]),
        (["--tls-cert", "cert.pem"], ["horen bij elkaar"]),
        (["--tls-cert", "missing.pem", "--tls-key", "missing.key"], ["niet te lezen"]),
        (["--tls-cert", "garbage.pem", "--tls-key", "garbage.pem"], ["PEM"]),
        (["--host", "geen host!"], ["onbekend"]),
        (["--host", "\u202egeen.host"], ["onbekend"]),
    ],
)
def test_serve_refuses_bad_arguments_before_starting(
    capsys: pytest.CaptureFixture[str],
    office_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    words: list[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "garbage.pem").write_text("-----BEGIN CERTIFICATE-----\nnee\n")
    port = str(free_port())
    full = ["serve", "--db", office_url, "--port", port, *args]
    refused(run(capsys, *full), 2, *words)


def test_serve_says_when_its_port_is_taken(
    capsys: pytest.CaptureFixture[str], office_url: str
) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = run(capsys, "serve", "--db", office_url, "--port", port)
    refused(result, 1, "poort " + port)


@pytest.mark.parametrize(
    "url, exit_code, words",
    [
        ("nonsense", 2, ["database-URL"]),
        ("mysql+nodriver://x/y", 2, ["database-URL"]),
        ("postgresql+psycopg2://x@127.0.0.1/y", 2, ["database-URL"]),
        ("postgresql+psycopg://nobody@127.0.0.1:{port}/x", 8, ["niet bereikbaar"]),
        ("sqlite:///{tmp}/not-a-database.db", 8, ["geen kantoordatabase"]),
        ("sqlite:///{tmp}", 8, ["niet bereikbaar"]),
        ("sqlite:////proc/geen/toegang/office.db", 8, ["database"]),
    ],
)
@pytest.mark.parametrize("command", [["devices"], ["serve", "--port", "{port}"]])
def test_a_bad_database_is_named_in_words(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    url: str,
    exit_code: int,
    words: list[str],
    command: list[str],
) -> None:
    (tmp_path / "not-a-database.db").write_bytes(b"dit is geen SQLite-bestand " * 100)
    port = str(free_port())
    url = url.format(tmp=tmp_path, port=port)
    args = [part.format(port=port) for part in command]
    result = run(capsys, *args, "--db", url)
    refused(result, exit_code, *words)
    assert "nobody" not in result[2]  # the URL (which may hold a password) is not echoed


def test_a_database_from_a_newer_version_is_refused(
    capsys: pytest.CaptureFixture[str], office_url: str
) -> None:
    assert run(capsys, "devices", "--db", office_url)[0] == 0
    db = Database(office_url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    db.dispose()
    refused(run(capsys, "devices", "--db", office_url), 8, "nieuwere versie")


@pytest.mark.parametrize("days", ["-1", "100000", "1000000000000", "veel"])
def test_prune_refuses_a_bad_number_of_days(
    capsys: pytest.CaptureFixture[str], office_url: str, days: str
) -> None:
    refused(run(capsys, "prune", "--db", office_url, "--keep-days", days), 2, "dagen")


@pytest.mark.parametrize(
    "key", ["x", "setting.", "setting.a b", "setting.\u202egroet", "catalogue..x", "s" * 300]
)
def test_setting_refuses_a_bad_key(
    capsys: pytest.CaptureFixture[str], office_url: str, key: str
) -> None:
    refused(run(capsys, "setting", "--db", office_url, key, "1"), 1, "sleutel")
    assert _settings(office_url) == 0


@pytest.mark.parametrize(
    "value, words",
    [
        ("{nee", ["JSON"]),
        ("[" * 40 + "]" * 40, ["genest"]),
        ("[" * 100_000 + "]" * 100_000, ["genest"]),
        (json.dumps("x" * (1024 * 1024 + 1)), ["groter"]),
    ],
)
def test_setting_refuses_a_bad_value(
    capsys: pytest.CaptureFixture[str], office_url: str, value: str, words: list[str]
) -> None:
    refused(run(capsys, "setting", "--db", office_url, "setting.x", value), 1, *words)
    assert _settings(office_url) == 0


@pytest.mark.parametrize(
    "args, exit_code",
    [
        (["revoke", "geen-apparaat\x1b[2J"], 1),
        (["assign", "geen-dossier\u202e", "--consultant", "S. de Vries"], 1),
        (["unassign", "geen-dossier"], 1),
        (["import", "bestaat-niet.json"], 5),
        (["import", "."], 5),
    ],
)
def test_objects_that_do_not_exist_are_named_safely(
    capsys: pytest.CaptureFixture[str],
    office_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    exit_code: int,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(capsys, *args, "--db", office_url)
    refused(result, exit_code)
    assert "\x1b" not in result[2] and "\u202e" not in result[2]


def test_stored_names_reach_the_terminal_escaped(
    capsys: pytest.CaptureFixture[str], office_url: str
) -> None:
    """A device enrolled before names were checked: its name cannot spoof the listing."""
    assert run(capsys, "devices", "--db", office_url)[0] == 0
    db = Database(office_url)
    with db.write() as session:
        from datetime import datetime

        session.add(
            Device(id=str(uuid.uuid4()), consultant="S.\u202e Vries", public_key="k" * 43,
                   name="laptop\x1b[2J\x9b", enrolled_at=datetime(2026, 1, 1), revoked=False,
                   last_op_id=0)
        )  # fmt: skip
    db.dispose()
    for args in (["devices"], ["devices", "--json"]):
        code, out, _err = run(capsys, *args, "--db", office_url)
        assert code == 0
        assert not any(c in out for c in "\x1b\x9b\u202e"), out
    assert json.loads(run(capsys, "devices", "--json", "--db", office_url)[1])[0]["name"] == (
        "laptop\x1b[2J\x9b"
    )


def test_no_traceback_from_the_real_command(office_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "inburg_desktop.server.cli", "enroll", "--consultant", "x",
         "--valid-hours", "-5", "--db", office_url],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "geldigheid" in done.stderr
    assert done.stdout == ""


def _count(url: str, table: type) -> int:
    db = Database(url)
    try:
        with db.read() as session:
            return int(session.scalar(select(func.count()).select_from(table)) or 0)
    except Exception:
        return 0  # not even created: nothing was written
    finally:
        db.dispose()


def _codes(url: str) -> int:
    return _count(url, EnrollmentCode)


def _settings(url: str) -> int:
    return _count(url, Setting)
