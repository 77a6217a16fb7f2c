"""No English log line among the Dutch output of a command (usability round 9 #16:
``duo export`` printed "duo: case … refused (duo_geen_bsn)" beside its Dutch sentence).

The commands run as real processes: inside pytest its own log handlers hide Python's
last-resort handler, which printed those lines. What is logged still reaches the log
file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from inburg_desktop.server.db import Database
from inburg_desktop.server.logs import LOG_FILE

from .test_duo_export import B1, history, put_case

GEMEENTE = "GM1959"  # a code no other test uses (test_duo_export.gemeente counts from 9000)


def run(module: str, *args: str, log_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, INBURG_LOG_DIR=str(log_dir), INBURG_TEST_FAST_KDF="1")
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_office_commands_log_to_their_file_not_among_their_words(
    office: Database, db_url: str, tmp_path: Path
) -> None:
    case_id = put_case(office, GEMEENTE, history((B1, "2026-05-11")), bsn=None)  # logs a refusal
    logs = tmp_path / "logs"
    commands = [
        ["duo", "export", "--case", case_id, "--on", "01-07-2026", "--dry-run"],
        ["duo", "export", "--case", case_id, "--on", "2026-07-01", "--out", str(tmp_path / "d")],
        ["cases", "--json"],
        ["dubbele-v-nummers"],
    ]
    said = []
    for words in commands:
        done = run("inburg_desktop.server.cli", *words, "--db", db_url, log_dir=logs)
        assert done.returncode == 0, done.stderr
        assert done.stderr == "", words  # every sentence of these runs goes to stdout
        said.append(done.stdout)
    assert f"Geweigerd: dossier {case_id}" in said[0]  # in Dutch, where it belongs
    logged = (logs / LOG_FILE).read_text("utf-8")
    assert f"duo: case {case_id} refused (duo_geen_bsn)" in logged
    assert (logs / LOG_FILE).stat().st_mode & 0o777 == 0o600


def test_a_refusal_on_stderr_is_the_dutch_sentence_only(
    office: Database, db_url: str, tmp_path: Path
) -> None:
    done = run(
        "inburg_desktop.server.cli",
        "duo",
        "export",
        "--case",
        "geen-dossier",
        "--dry-run",
        "--db",
        db_url,
        log_dir=tmp_path / "logs",
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "inburg-office: Dossier geen-dossier bestaat niet op het kantoor."
    ]


def test_without_a_log_file_a_warning_is_dropped_not_printed(tmp_path: Path) -> None:
    """Both programs: a log directory that cannot be made (a file has its name) means no
    log, not a log on the terminal."""
    blocked = tmp_path / "bezet"
    blocked.write_text("", encoding="utf-8")
    script = (
        "import logging, sys\n"
        "from inburg_desktop.logging_setup import setup_logging\n"
        "from inburg_desktop.server.logs import command_log\n"
        "assert setup_logging() is None\n"
        "logging.getLogger('inburg_desktop.x').warning('an English line')\n"
        "logging.getLogger().handlers.clear()\n"
        "with command_log() as path:\n"
        "    assert path is None\n"
        "    logging.getLogger('inburg_desktop.y').warning('another English line')\n"
    )
    env = dict(os.environ, INBURG_LOG_DIR=str(blocked / "logs"))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
