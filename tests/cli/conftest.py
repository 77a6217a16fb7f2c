"""Fixtures for the command line: the real ``inburg`` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

PASSPHRASE = "een lange zin als wachtwoord"


def run_inburg(
    *args: str | Path, passphrase: str | None = PASSPHRASE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env["INBURG_TEST_FAST_KDF"] = "1"
    full_env.pop("INBURG_PASSPHRASE", None)
    if passphrase is not None:
        full_env["INBURG_PASSPHRASE"] = passphrase
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "inburg_desktop.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


@pytest.fixture
def inburg() -> Callable[..., subprocess.CompletedProcess[str]]:
    """The real ``inburg`` command in a subprocess."""
    return run_inburg
