"""The audit trail travels to the office (issue 16 item 1): a sync round sends the
laptop's entries after its ops, the office checks each on arrival and keeps the chain,
the laptop keeps the office's head as its anchor; a chain edited on the laptop is refused
at the office, never silently accepted. At the office, ``inburg-office audit CASE_ID``
shows the trail, and editing, deleting or reordering a row in its database is detected
and reported (``--verify`` exits 11), on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from inburg_desktop.domain.audit import Action
from inburg_desktop.domain.handover import read_handover_file
from inburg_desktop.server import cli as office_cli
from inburg_desktop.server.audit_trail import case_trail
from inburg_desktop.server.db import Database
from inburg_desktop.services import audit_trail
from inburg_desktop.storage.cases import import_handover, update_fields
from inburg_desktop.storage.engine import WRITES
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from .test_laptops_office import device_id, enroll_vault, new_consultant, sync

HANDOVER = Path(__file__).parents[1] / "data" / "handover-amal.json"
EXIT_CHAIN_BROKEN = 11


def _laptop_case(vault: OpenVault) -> str:
    with vault.transaction() as session:
        case_id = import_handover(session, read_handover_file(HANDOVER))
    with vault.transaction() as session:
        update_fields(session, case_id, {"intake.opleiding.notes": "een notitie"})
    audit_trail.record_view(vault, case_id, "intake.opleiding")
    audit_trail.views(vault).flush()
    return case_id


def _office_cli(db_url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = office_cli.main([*args, "--db", db_url])
    return code, capsys.readouterr().out


@pytest.fixture
def synced(server: LiveServer, office: Database, vault: OpenVault) -> tuple[str, str]:
    enroll_vault(vault, server.url, office, new_consultant())
    case_id = _laptop_case(vault)
    sync(vault)
    return case_id, device_id(vault)


def test_a_sync_round_brings_the_chain_to_the_office_and_anchors_it_on_the_laptop(
    office: Database, vault: OpenVault, synced: tuple[str, str]
) -> None:
    case_id, device = synced
    laptop = audit_trail.trail(vault, case_id)
    (chain,) = laptop.chains
    acts = [(e.action, e.part) for e in chain.entries]
    assert acts[:3] == [
        (Action.CREATE, "dossier"),
        (Action.CHANGE, "intake.opleiding"),
        (Action.VIEW, "intake.opleiding"),
    ]
    assert (Action.SYNC, "dossier") in acts  # the push of the case's ops, recorded
    assert chain.device_id == device and chain.check.ok
    # The round sent what it recorded, its own sync entries too (the second push).
    assert chain.anchored_seq == chain.entries[-1].seq
    with office.read() as session:
        (at_office,) = case_trail(session, case_id)
    assert at_office.check.ok and at_office.owner == device
    assert list(at_office.entries) == list(chain.entries)
    sync(vault)  # nothing new of this case: no entry, nothing sent again
    assert audit_trail.trail(vault, case_id).chains[0].entries == chain.entries


def test_a_chain_edited_on_the_laptop_is_refused_at_the_office(
    office: Database, vault: OpenVault, synced: tuple[str, str]
) -> None:
    case_id, _device = synced
    with office.read() as session:
        before = case_trail(session, case_id)[0].entries
    audit_trail.record(vault, case_id, Action.EXPORT, "dossier")
    audit_trail.record(vault, case_id, Action.PRINT, "pip")
    with vault.engine.execution_options(
        **{WRITES: True}
    ).begin() as conn:  # raw access, the key in hand, the guard dropped
        conn.execute(text("DROP TRIGGER audit_trail_no_update"))
        conn.execute(text("UPDATE audit_trail SET part = 'handhaving' WHERE action = 'export'"))
    sync(vault)
    with office.read() as session:
        (at_office,) = case_trail(session, case_id)
    assert at_office.entries == before  # neither the edited entry nor the one after it
    laptop = audit_trail.trail(vault, case_id)
    assert not laptop.ok
    assert laptop.chains[0].check.reason is not None
    assert "is na het vastleggen aangepast" in laptop.chains[0].check.reason.render()


@pytest.mark.parametrize(
    ("tamper", "kind", "words"),
    [
        (
            "UPDATE audit_entries SET actor = 'iemand anders' WHERE seq = 2",
            "edited",
            "regel 2 (nummer 2) is na het vastleggen aangepast",
        ),
        ("DELETE FROM audit_entries WHERE seq = 2", "deleted", "vóór regel 2 (nummer 3)"),
        ("DELETE FROM audit_entries WHERE seq = {last}", "truncated", "eindigt bij nummer"),
        (
            "UPDATE audit_entries SET id = -id WHERE seq IN (2, 3);"
            "UPDATE audit_entries SET id = {swap} + id WHERE id < 0",
            "reordered",
            "regel 2 (nummer 3) staat niet op zijn plaats",
        ),
    ],
    ids=["edit", "delete", "delete-last", "reorder"],
)
def test_a_row_tampered_with_at_the_office_is_detected_and_reported(
    db_url: str,
    office: Database,
    synced: tuple[str, str],
    capsys: pytest.CaptureFixture[str],
    tamper: str,
    kind: str,
    words: str,
) -> None:
    case_id, _device = synced
    code, shown = _office_cli(db_url, capsys, "audit", case_id, "--verify")
    assert code == 0, shown
    assert "De keten is in orde." in shown
    assert "gewijzigd  intake: opleiding" in shown  # the part, never the value typed
    assert "een notitie" not in shown
    with office.read() as session:
        (chain,) = case_trail(session, case_id)
        ids: dict[int, int] = dict(
            session.execute(
                text("SELECT seq, id FROM audit_entries WHERE case_id = :c"), {"c": case_id}
            ).all()
        )
    values = {"last": str(chain.entries[-1].seq), "swap": str(ids[2] + ids[3])}
    with office.engine.begin() as conn:
        for statement in tamper.split(";"):
            conn.execute(
                text(statement.format(**values) + " AND case_id = :c")
                if "WHERE" in statement
                else text(statement.format(**values)),
                {"c": case_id},
            )
    code, shown = _office_cli(db_url, capsys, "audit", case_id, "--verify")
    assert code == EXIT_CHAIN_BROKEN
    assert "NIET IN ORDE" in shown and words in shown
    code, as_json = _office_cli(db_url, capsys, "audit", case_id, "--json")
    assert code == 0
    (chain_doc,) = json.loads(as_json)["chains"]
    assert chain_doc["break"]["kind"] == kind
