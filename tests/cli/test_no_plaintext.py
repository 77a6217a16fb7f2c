"""No plaintext personal data on disk: after ``inburg demo`` no demo name appears in the
bytes of any file the app wrote (vault, -wal, -shm, key file, logs), as UTF-8 or UTF-16."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from inburg_desktop.demo.people import PEOPLE


def encodings(name: str) -> list[bytes]:
    return [name.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def test_demo_names_never_appear_in_any_written_file(inburg: Any, tmp_path: Path) -> None:
    vault = tmp_path / "vault" / "kluis.db"
    logs = tmp_path / "logs"
    env = {"INBURG_LOG_DIR": str(logs)}
    assert inburg("vault", "init", "--vault", vault, env=env).returncode == 0
    assert inburg("demo", "--vault", vault, "--cases", "15", env=env).returncode == 0
    # Read back so the WAL and SHM exist with recent pages in them as well.
    assert inburg("case", "list", "--vault", vault, "--json", env=env).returncode == 0
    written = [p for p in (tmp_path).rglob("*") if p.is_file()]
    names = {vault.name, vault.name + ".key"}
    assert names <= {p.name for p in written}
    assert any(p.parent == logs for p in written), "the log file should exist"
    needles = {
        text
        for person in PEOPLE
        for text in (person.given_names, person.family_name)
        if len(text) >= 4
    }
    for path in written:
        data = path.read_bytes()
        for needle in needles:
            for encoded in encodings(needle):
                assert encoded not in data, f"{needle!r} found in {path.name}"
    # And the temp dir of the process: SQLite temp files are in memory (temp_store=MEMORY).
    assert os.environ.get("SQLITE_TMPDIR") is None
