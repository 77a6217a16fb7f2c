"""``inburg sync`` as a real subprocess when single records cannot go either way: it exits
0 with ``quarantined`` in its JSON summary instead of 70, the rest is synchronised, and no
value that was set aside (a V-number, a note, a doelgroep the laptop does not know) appears
on stdout, stderr, in the log files or anywhere under the user's state, config and data
dirs, nor in the office server's output (issue 10, items 2 and 3)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.server.db import Database
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import unlock_vault

from ..conftest import PASSPHRASE, LiveServer
from .test_laptops_office import make_vault, new_consultant, office_fields
from .test_sync_cli import inburg, new_code, outbox
from .test_sync_quarantine import CANARY, IDENTITY, old_edit, plant_office_case

# A V-number the office accepts (ten digits) that appears nowhere else: the op carrying it
# must arrive whole apart from the note that is set aside.
V_CANARY = "8861203457"


def files_holding(text: str, *roots: Path) -> list[Path]:
    needle = text.encode()
    found = []
    for root in roots:
        for path in root.rglob("*") if root.exists() else ():
            if path.is_file() and needle in path.read_bytes():
                found.append(path)
    return found


def test_sync_exits_0_sets_aside_what_cannot_go_and_logs_no_value(
    server: LiveServer, db_url: str, tmp_path: Path
) -> None:
    consultant = new_consultant("cli-apart")
    path = tmp_path / "laptop" / "kluis.db"
    opened = make_vault(path)
    with opened.transaction() as session:
        cases = sorted(add_demo_cases(session, 2))
    # An outbox entry from before the checks: a note far over 256 KiB, and (at the end of
    # the patch, where a validation error's truncated input_value shows it) a V-number.
    old_edit(
        opened,
        cases[0],
        {"intake.gezondheid.notes": "verslag " * 40_000, "person.v_nummer": V_CANARY},
    )
    opened.lock()
    office = Database(db_url)
    try:
        bad = plant_office_case(office, consultant, {**IDENTITY, "doelgroep": CANARY})
    finally:
        office.dispose()
    enrolled = inburg(
        "device", "enroll", "--vault", path, "--server", server.url, "--code",
        new_code(db_url, consultant),
    )  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr

    result = inburg("sync", "--vault", path, "--json")

    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["quarantined"] == 2 and summary["quarantine_open"] == 2
    # Pulled: the office's case (set aside); the laptop's own two do not come back.
    assert summary["pushed"] >= 3 and summary["pulled"] == 1
    assert "Traceback" not in result.stderr
    assert outbox(path) == []
    office = Database(db_url)
    try:
        at_office = office_fields(office, cases[0])
    finally:
        office.dispose()
    assert at_office["person.v_nummer"] == V_CANARY  # the rest of the op went
    assert "intake.gezondheid.notes" not in at_office
    opened = unlock_vault(path, PASSPHRASE)
    try:
        with opened.session() as session:
            entries = {(e.case_id, e.error) for e in quarantine(session)}
    finally:
        opened.lock()
    assert entries == {(cases[0], "too_large"), (bad, "case_incomplete")}

    for canary in (CANARY, V_CANARY):
        assert canary not in result.stdout + result.stderr
    dirs = [Path(os.environ[k]) for k in ("INBURG_LOG_DIR", "INBURG_CONFIG_DIR", "XDG_DATA_HOME")]
    assert files_holding(CANARY, *dirs, server.log_dir) == []
    assert files_holding(V_CANARY, *dirs, server.log_dir) == []
    assert any(p.name == "inburg.log" for p in Path(os.environ["INBURG_LOG_DIR"]).iterdir())

    again = inburg("sync", "--vault", path, "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["quarantined"] == 0
    assert files_holding(CANARY, *dirs, server.log_dir) == []
