"""What ``inburg`` prints when a command fails: the catalogue's Dutch sentence for the
problem's code, one line, no exception class name (issue 12, item 2).

Before, ``inburg device enroll`` against an office that is down ended its line with the
httpx class, "(ConnectError)", and each layer wrote its own Dutch.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.domain.problem import Problem
from inburg_desktop.messages import problem_text

from ..screen_text import assert_user_text


@pytest.fixture
def vault_file(inburg: Any, tmp_path: Path) -> Path:
    path = tmp_path / "kluis.db"
    assert inburg("vault", "init", "--vault", path).returncode == 0
    return path


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends: refused


def _line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("inburg: ")
    return lines[0].removeprefix("inburg: ")


def test_a_missing_case_is_said_from_the_catalogue(inburg: Any, vault_file: Path) -> None:
    for args in (
        ("case", "show", "--vault", vault_file, "geen-dossier", "--json"),
        ("pip", "render", "--vault", vault_file, "--case", "geen-dossier", "--out", "x.pdf"),
    ):
        result = inburg(*args)
        assert result.returncode == 6
        shown = _line(result.stderr)
        assert shown == problem_text(Problem("no_such_case", case_id="geen-dossier"))
        assert_user_text(shown, "nl")


def test_vault_errors_are_said_from_the_catalogue(
    inburg: Any, vault_file: Path, tmp_path: Path
) -> None:
    missing = inburg("case", "list", "--vault", tmp_path / "elders.db")
    assert missing.returncode == 4
    assert _line(missing.stderr) == problem_text(
        Problem("vault_missing", path=tmp_path / "elders.db")
    )
    wrong = inburg("case", "list", "--vault", vault_file, passphrase="niet het goede")
    assert wrong.returncode == 3
    assert _line(wrong.stderr) == problem_text(Problem("wrong_passphrase"))
    exists = inburg("vault", "init", "--vault", vault_file)
    assert exists.returncode == 1
    for result in (missing, wrong, exists):
        assert_user_text(_line(result.stderr), "nl")


def test_an_office_that_is_down_is_said_without_the_httpx_class(
    inburg: Any, vault_file: Path
) -> None:
    url = f"http://127.0.0.1:{_closed_port()}"
    enroll = ("device", "enroll", "--vault", vault_file, "--server", url, "--code")
    result = inburg(*enroll, "ABCD-2345")
    assert result.returncode == 8
    shown = _line(result.stderr)
    assert shown == problem_text(Problem("sync_unreachable"))
    assert_user_text(shown, "nl")
    # A code no office can have issued (too short) is refused as such, not "unexpected".
    short = inburg(*enroll, "X")
    assert short.returncode == 9
    assert _line(short.stderr) == problem_text(Problem("sync_code_refused"))
