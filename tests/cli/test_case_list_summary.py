"""``inburg case list`` reads the case summaries (issue 14) and prints exactly what it
printed when it judged every case from its fields (``case_status``, the path before):
the same JSON, byte for byte, and the same lines, on a vault of cases in every stage with
identities, dates, waits and PIPs varied."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from inburg_desktop.commands.human_text import list_line
from inburg_desktop.demo.caseload import add_caseload
from inburg_desktop.domain.safe_text import terminal_safe_json
from inburg_desktop.services.case_status import case_status, status_cases
from inburg_desktop.storage.cases import iter_cases, update_fields
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import create_vault, unlock_vault

from .conftest import PASSPHRASE, run_inburg

VARIED: list[dict[str, Any]] = [
    {"person.date_of_birth": date.today().replace(year=date.today().year - 16).isoformat()},
    {"person.nationality": "DEU"},
    {"person.residence_basis": "tijdelijk_doel", "person.permit_since": "2025-03-01"},
    {"person.nationality": "TUR", "person.permit_since": "2021-06-01"},
    {"dates.duo_kennisgeving": None},
    {"pip.wachten_op_derde": {"reden": "UWV", "sinds": "2026-10-01", "ontvangen": None}},
    {"pip.current": {"status": "set"}},
    {"dates.brp_after_move": "2026-11-01"},
    {"person.date_of_birth": "1958-01-31", "person.family_name": "Øztürk"},
    {"intake.motivatie._covered": True, "intake.gezondheid._parked": True},
    {"gemeente": "GM0629"},
]


def old_output(path: Path) -> tuple[str, str]:
    """What ``inburg case list [--json]`` printed before: each case judged on its own."""
    vault = unlock_vault(path, PASSPHRASE)
    try:
        with vault.session() as session:
            docs = [case_status(stored).as_json() for stored in status_cases(session)]
    finally:
        vault.lock()
    listed = [
        {
            "id": doc["id"],
            "given_names": doc["given_names"],
            "family_name": doc["family_name"],
            "doelgroep": doc["doelgroep"],
            "brp_registration": doc["brp_registration"],
            "pip_deadline": doc["deadlines"]["pip_deadline"],
            "plichtig": doc["plichtig"],
            "intake": doc["intake"],
            "pip_status": doc["pip"]["status"],
            "gemeente": doc["gemeente"],  # the case's gemeente (issue 16 item 5)
        }
        for doc in docs
    ]
    lines = "".join(list_line(doc) + "\n" for doc in docs)
    return terminal_safe_json(listed) + "\n", lines


def test_case_list_prints_what_judging_each_case_printed(tmp_path: Path) -> None:
    path = tmp_path / "kluis.db"
    vault = create_vault(path, PASSPHRASE, TEST_KDF)
    try:
        with vault.transaction() as session:
            add_caseload(session, 40)
            ids = [case.id for case in iter_cases(session)]
            for n, patch in enumerate(VARIED):
                update_fields(session, ids[n * 3], patch)
    finally:
        vault.lock()
    as_json = run_inburg("case", "list", "--json", "--vault", path)
    assert as_json.returncode == 0, as_json.stderr
    as_lines = run_inburg("case", "list", "--vault", path)
    assert as_lines.returncode == 0, as_lines.stderr
    expected_json, expected_lines = old_output(path)
    assert as_json.stdout == expected_json
    assert as_lines.stdout == expected_lines
    assert len(json.loads(as_json.stdout)) == 40
