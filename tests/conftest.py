"""Shared fixtures: offscreen Qt, isolated config/log dirs, fast-KDF vaults."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault

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


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault" / "kluis.db"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[OpenVault]:
    """A fresh, empty vault with cheap KDF parameters (tests only)."""
    opened = create_vault(vault_path, PASSPHRASE, TEST_KDF)
    yield opened
    opened.lock()
