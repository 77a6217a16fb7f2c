"""Fixtures of the sync tests: a second laptop beside the ``vault`` of tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from inburg_desktop.storage.vault import OpenVault

from .test_laptops_office import make_vault


@pytest.fixture
def second_vault(tmp_path: Path) -> Iterator[OpenVault]:
    """A second enrolled-able laptop vault of the same consultant, locked afterwards."""
    opened = make_vault(tmp_path / "laptop-2" / "kluis.db")
    yield opened
    opened.lock()
