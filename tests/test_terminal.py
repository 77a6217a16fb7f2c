"""Every command-line entry point ends quietly (exit 0, no traceback) when the reader of
its stdout leaves early: ``inburg case list | head -1`` (issue 13 item 14)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli.conftest import PASSPHRASE, run_inburg


def _run_into_closed_pipe(module: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m module args`` with stdout a pipe whose reader has already gone (as
    ``| head -1`` after its line): the first write fails with EPIPE, every time."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = dict(os.environ, INBURG_TEST_FAST_KDF="1", INBURG_PASSPHRASE=PASSPHRASE)
    try:
        return subprocess.run(
            [sys.executable, "-m", module, *map(str, args)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pipe") / "kluis.db"
    assert run_inburg("vault", "init", "--vault", path).returncode == 0
    assert run_inburg("demo", "--vault", path, "--cases", "3").returncode == 0
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("case", "list"),
        ("case", "list", "--json"),
        ("--help",),
        ("case", "--help"),
    ],
)
def test_inburg_ends_quietly_when_the_reader_leaves(
    demo_vault: Path, args: tuple[str, ...]
) -> None:
    full: tuple[str | Path, ...] = (*args, "--vault", demo_vault) if "--help" not in args else args
    done = _run_into_closed_pipe("inburg_desktop.cli", *full)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no traceback, no "Exception ignored", no error line


def test_inburg_office_ends_quietly_when_the_reader_leaves(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    handover = Path(__file__).parent / "data" / "handover-amal.json"
    for _copy in range(3):  # something to list
        imported = subprocess.run(
            [sys.executable, "-m", "inburg_desktop.server.cli", "import", "--db", url, handover,
             "--tweede-dossier"],
            capture_output=True, timeout=120,
        )  # fmt: skip
        assert imported.returncode == 0, imported.stderr
    for args in (("--help",), ("cases", "--db", url), ("cases", "--json", "--db", url)):
        done = _run_into_closed_pipe("inburg_desktop.server.cli", *args)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""


def test_a_real_error_still_says_so_with_its_code(tmp_path: Path) -> None:
    """Only a closed stdout is quiet: a missing vault is still exit 4 with its line."""
    done = _run_into_closed_pipe("inburg_desktop.cli", "case", "list", "--vault", tmp_path / "x")
    assert done.returncode == 4
    assert done.stderr.startswith("inburg: ") and "Traceback" not in done.stderr
