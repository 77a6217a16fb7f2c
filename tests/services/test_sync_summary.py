"""A sync round counted once and worded once (usability round 3).

The tester saw "2 wijzigingen verstuurd" for two changes that became conflicts, three
conflicts for two fields, cases counted once per page, and a case taken off the laptop
without its name. Counts here come from real rounds against a real office (SQLite and
PostgreSQL); the CLI and the window say the same lines from one function."""

from __future__ import annotations

import inspect
from pathlib import Path

from inburg_desktop.commands import human_text
from inburg_desktop.domain.case_label import case_number
from inburg_desktop.protocol.messages import CaseState, FieldState, PullResponse
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services.sync_summary import summary_lines
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine, SyncSummary
from inburg_desktop.ui import sync_window

from ..conftest import LiveServer
from ..sync.test_laptops_office import (
    HANDOVER,
    client_for,
    enroll_vault,
    make_vault,
    new_consultant,
    sync,
)


def test_changes_that_became_conflicts_count_as_conflicts_not_as_sent(
    server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    consultant = new_consultant("telling")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    other = make_vault(tmp_path / "andere" / "kluis.db")
    try:
        enroll_vault(vault, server.url, office, consultant)
        enroll_vault(other, server.url, office, consultant)
        sync(vault)
        sync(other)
        keys = ("intake.werk.notes", "intake.opleiding.notes")
        for n, key in enumerate(keys):  # two changes on the other laptop, sent first
            with other.transaction() as session:
                update_fields(session, case, {key: f"ander {n}"})
        for n, key in enumerate(keys):  # the same two fields here: two ops
            with vault.transaction() as session:
                update_fields(session, case, {key: f"hier {n}"})
        assert sync(other).pushed == 2
        summary = sync(vault)
        assert (summary.pushed, summary.conflicts, summary.pulled) == (0, 2, 1)
        lines = summary_lines(summary)
        assert lines[0].startswith("0 wijzigingen verstuurd, 1 dossier opgehaald.")
        assert any(line.startswith("2 velden zijn zowel op kantoor als hier") for line in lines)
        again = sync(vault)  # nothing new: the open conflicts still counted once each
        assert (again.pushed, again.conflicts, again.pulled) == (0, 2, 0)
    finally:
        other.lock()


def test_a_case_on_two_pages_counts_once(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("paginas")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    admin.edit_case(office, case, {"intake.werk.notes": "eerste"})
    with client_for(vault) as client:
        real_pull = client.pull
        version = client.get_case(case).version

        again = CaseState(
            case_id=case,
            version=version,
            full=False,
            fields={"intake.werk.notes": FieldState(value="eerste", version=version)},
        )
        calls: list[int] = []

        def pull(since: int, limit: int = 500) -> PullResponse:
            # the office's pages as they come when a case changes again while a round
            # pulls: the same case on the first page and on the next
            page = real_pull(since, limit)
            calls.append(since)
            if len(calls) == 1:
                return page.model_copy(update={"more": True})
            if len(calls) == 2:
                return page.model_copy(update={"cases": [again], "more": False})
            return page

        client.pull = pull  # type: ignore[method-assign]
        summary = SyncEngine(vault, client).run()
    assert summary.pulled == 1


def test_a_case_taken_off_the_laptop_is_named(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("weg")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    admin.unassign(office, case)
    summary = sync(vault)
    assert summary.purged == 1
    (label,) = summary.purged_cases
    assert "Haddad" in label and case_number(case) in label
    (line,) = [line for line in summary_lines(summary) if "van deze laptop verwijderd" in line]
    assert label in line
    assert "purged_cases" not in summary.as_json() and "Haddad" not in str(summary.as_json())


def test_one_function_words_the_round_for_both_edges() -> None:
    summary = SyncSummary(
        pushed=1,
        pulled=2,
        conflicts=1,
        purged=1,
        purged_cases=("Amal Haddad (V 1234567890, INB-0B0E7E4E)",),
        quarantined=1,
        bytes_sent=1638,
    )
    lines = summary_lines(summary)
    assert human_text.sync_lines(summary) == lines
    assert sync_window.summary_text(summary) == "\n".join(lines)
    # neither edge words a count itself any more
    for edge in (human_text.sync_lines, sync_window.summary_text):
        source = inspect.getsource(edge)
        assert "verstuurd" not in source and "count(" not in source, edge
