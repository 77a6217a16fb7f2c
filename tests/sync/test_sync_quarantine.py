"""No single record blocks sync, in either direction (issue 10, item 2), against a real
office server with a real vault and the desktop's SyncEngine.

Push: an outbox written before the laptop checked its changes (a 275 KB note, note keys
with a space or an accent, a handover of 1,200 notes in one op) goes out; what the protocol
refuses is set aside in the quarantine, the rest reaches the office, op ids stay gap-free.
An op the office refuses as a whole (a protocol rule newer than the laptop's) is found and
set aside too. Pull: cases at the office that this laptop cannot apply (no identity, an
unknown key, a bad date) are set aside and the pull goes on with its cursor; a fix at the
office reaches the laptop and settles the entry. Nothing of a set-aside value reaches the
log (issue 10, item 3).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import pytest
from sqlalchemy import select, update

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.protocol import messages as protocol
from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.server import admin
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.tables import Assignment, CaseRecord, FieldValue
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.changes import create_case, dumps, now
from inburg_desktop.storage.sync_state import CURSOR, get_setting, quarantine
from inburg_desktop.storage.tables import AttachmentRow, CaseRow, FieldRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync import outbox as outbox_module
from inburg_desktop.sync.engine import SyncEngine

from ..conftest import LiveServer
from .test_laptops_office import (
    case_ids,
    client_for,
    enroll_vault,
    new_consultant,
    office_fields,
    office_op_ids,
    ops_written,
    outbox_size,
    sync,
    vault_fields,
)

CANARY = "V-KANARIE-8861203"
"""A distinctive string in every set-aside value: it must never reach a log line."""


# --- helpers ---------------------------------------------------------------------------


def old_edit(vault: OpenVault, case_id: str, patch: dict[str, Any]) -> None:
    """Write a change as a laptop did before it checked changes against the protocol:
    the fields and one outbox entry with the whole patch, whatever its keys and sizes."""
    with vault.transaction() as session:
        case = session.get(CaseRow, case_id)
        assert case is not None
        stamp = now()
        for key, value in patch.items():
            session.merge(
                FieldRow(
                    case_id=case_id,
                    key=key,
                    value=dumps(value),
                    source="coa",
                    confirmed=False,
                    updated_at=stamp,
                )
            )
        case.version += 1
        session.add(
            OutboxRow(
                case_id=case_id,
                base_version=case.server_version,
                patch=dumps(patch),
                created_at=stamp,
                resolves="[]",
            )
        )


def assert_gap_free(office: Database, vault: OpenVault, device: str) -> None:
    """The office holds every op id the outbox ever numbered, once, without a gap."""
    assert outbox_size(vault) == 0
    assert office_op_ids(office, device) == list(range(1, ops_written(vault) + 1))


def plant_office_case(office: Database, consultant: str, fields: dict[str, Any]) -> str:
    """A case on the office's caseload of ``consultant`` exactly as given, written straight
    into the office database (as one bad push from any device would have left it)."""
    case_id = str(uuid.uuid4())
    with office.write() as session:
        counter = lock_counter(session)
        seq = counter.next()
        stamp = utcnow()
        session.add(CaseRecord(id=case_id, version=1, seq=seq, created_at=stamp, updated_at=stamp))
        session.flush()
        for key, value in fields.items():
            session.add(
                FieldValue(
                    case_id=case_id,
                    key=key,
                    value=canonical_json(value),
                    version=1,
                    seq=seq,
                    device_id=None,
                    updated_at=stamp,
                )
            )
        session.add(
            Assignment(case_id=case_id, consultant=consultant, assigned_seq=seq, assigned_at=stamp)
        )
    return case_id


def office_edit(office: Database, case_id: str, fields: dict[str, Any]) -> None:
    """Change fields of an office case straight in the office database."""
    with office.write() as session:
        counter = lock_counter(session)
        seq = counter.next()
        case = session.get(CaseRecord, case_id)
        assert case is not None
        case.version += 1
        case.seq = seq
        for key, value in fields.items():
            row = session.get(FieldValue, (case_id, key))
            if row is None:
                row = FieldValue(case_id=case_id, key=key)
                session.add(row)
            row.value = canonical_json(value)
            row.version = case.version
            row.seq = seq
            row.device_id = None
            row.updated_at = utcnow()


IDENTITY = {
    "doelgroep": "statushouder",
    "person.given_names": "Selam",
    "person.family_name": "Tesfay",
    "person.date_of_birth": "1994-03-02",
    "person.nationality": "ERI",
    "person.languages": ["ti"],
    "dates.brp_registration": "2026-09-01",
}


def enrolled_laptop(
    vault: OpenVault, server: LiveServer, office: Database, cases: int = 2
) -> tuple[list[str], str, str]:
    consultant = new_consultant("apart")
    with vault.transaction() as session:
        ids = sorted(add_demo_cases(session, cases))
    device = enroll_vault(vault, server.url, office, consultant)
    first = sync(vault)
    assert first.quarantined == 0
    return ids, device, consultant


# --- push ------------------------------------------------------------------------------


def test_a_note_too_large_for_the_office_is_set_aside_and_the_rest_goes(
    server: LiveServer, office: Database, vault: OpenVault, caplog: pytest.LogCaptureFixture
) -> None:
    cases, device, _consultant = enrolled_laptop(vault, server, office)
    note = f"Intake {CANARY}\n" + "lang verhaal " * 23_000  # about 275 KB
    assert len(note.encode()) > protocol.MAX_VALUE_BYTES
    with vault.transaction() as session:
        update_fields(session, cases[0], {"intake.werk.notes": "ervoor"})
    old_edit(vault, cases[0], {"intake.gezondheid.notes": note, "intake.taal.notes": "mee"})
    with vault.transaction() as session:
        update_fields(session, cases[1], {"intake.werk.notes": "erna"})

    summary = sync(vault)

    assert summary.quarantined == 1
    assert summary.pushed == 3  # before, the rest of the big one, after
    assert_gap_free(office, vault, device)
    at_office = office_fields(office, cases[0])
    assert at_office["intake.werk.notes"] == "ervoor" and at_office["intake.taal.notes"] == "mee"
    assert "intake.gezondheid.notes" not in at_office
    assert office_fields(office, cases[1])["intake.werk.notes"] == "erna"
    # Kept on the laptop, and listed with what it is and why.
    assert vault_fields(vault, cases[0])["intake.gezondheid.notes"] == note
    with vault.session() as session:
        (entry,) = quarantine(session)
    assert (entry.direction, entry.case_id, entry.error) == ("push", cases[0], "too_large")
    assert entry.field_keys == ("intake.gezondheid.notes",)
    assert entry.values == {"intake.gezondheid.notes": note}
    sizes = entry.detail["fields"]["intake.gezondheid.notes"]
    assert sizes == {"bytes": len(canonical_json(note).encode()), "limit": 256 * 1024}
    assert CANARY not in caplog.text

    # The next round has nothing left to set aside; a shortened note goes normally.
    again = sync(vault)
    assert (again.pushed, again.quarantined) == (0, 0)
    with vault.transaction() as session:
        update_fields(session, cases[0], {"intake.gezondheid.notes": note[:20_000]})
    assert sync(vault).pushed == 1
    assert office_fields(office, cases[0])["intake.gezondheid.notes"] == note[:20_000]
    assert_gap_free(office, vault, device)


def test_an_identity_field_the_office_refuses_is_set_aside_and_the_rest_of_its_op_goes(
    server: LiveServer, office: Database, vault: OpenVault, caplog: pytest.LogCaptureFixture
) -> None:
    """The office refuses a whole op for one identity field its field rules refuse
    (``protocol.field_rules``); the laptop applies the same rules before it pushes, so
    only that field waits in the quarantine and the op's other fields arrive."""
    cases, device, _consultant = enrolled_laptop(vault, server, office)
    name = CANARY + "\u202e"  # a text-direction override in a name
    old_edit(
        vault,
        cases[0],
        {"person.given_names": name, "person.nationality": "nl", "intake.taal.notes": "mee"},
    )

    summary = sync(vault)

    assert (summary.pushed, summary.quarantined) == (1, 1)
    assert_gap_free(office, vault, device)
    at_office = office_fields(office, cases[0])
    assert at_office["intake.taal.notes"] == "mee"
    assert at_office["person.given_names"] != name and at_office["person.nationality"] != "nl"
    with vault.session() as session:
        (entry,) = quarantine(session)
    assert (entry.direction, entry.error) == ("push", "invalid_field")
    assert sorted(entry.field_keys) == ["person.given_names", "person.nationality"]
    assert entry.values == {"person.given_names": name, "person.nationality": "nl"}
    assert entry.detail["fields"] == {
        "person.given_names": {"problem": "control_characters"},
        "person.nationality": {"problem": "not_alpha3"},
    }
    assert CANARY not in caplog.text
    assert sync(vault).quarantined == 0


def test_a_handover_with_1200_notes_in_one_op_goes_in_parts(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    cases, device, _consultant = enrolled_laptop(vault, server, office)
    notes = {f"handover.notes.punt{n:04d}": f"aantekening {n}" for n in range(1_200)}
    old_edit(vault, cases[0], notes)
    summary = sync(vault)
    assert summary.quarantined == 0
    assert summary.pushed == 3  # 500 + 500 + 200 fields
    assert_gap_free(office, vault, device)
    assert office_fields(office, cases[0]) == vault_fields(vault, cases[0])


def test_a_new_case_with_1200_fields_is_written_as_parts_identity_first(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """Today's write path never makes an op the protocol refuses: the change is cut into
    outbox entries of at most 500 fields, and the first creates the case with its identity."""
    _cases, device, _consultant = enrolled_laptop(vault, server, office, cases=1)
    case_id = str(uuid.uuid4())
    notes = {f"handover.notes.punt{n:04d}": f"aantekening {n}" for n in range(1_200)}
    with vault.transaction() as session:
        create_case(session, case_id, {**IDENTITY, **notes}, source="coa")
        rows = session.scalars(select(OutboxRow).where(OutboxRow.case_id == case_id)).all()
        parts = [json.loads(r.patch) for r in rows]
    assert [len(p) for p in parts] == [500, 500, len(IDENTITY) + 1_200 - 1_000]
    assert set(IDENTITY) <= set(parts[0])
    summary = sync(vault)
    assert (summary.pushed, summary.quarantined) == (3, 0)
    assert_gap_free(office, vault, device)
    assert office_fields(office, case_id) == vault_fields(vault, case_id)


def test_note_keys_the_protocol_refuses_in_an_existing_vault_never_block_sync(
    server: LiveServer, office: Database, vault: OpenVault, caplog: pytest.LogCaptureFixture
) -> None:
    """A vault imported before handover keys were made safe holds keys with a space and an
    accent in its case fields and in an unsent op that creates the case."""
    _cases, device, _consultant = enrolled_laptop(vault, server, office, cases=1)
    case_id = str(uuid.uuid4())
    with vault.transaction() as session:
        create_case(session, case_id, {**IDENTITY, "handover.notes.opleiding": "mbo 4"})
    bad = {
        "handover.notes.medische bijzonderheden": f"astma {CANARY}",
        "handover.notes.geïnformeerd": "ja",
    }
    with vault.transaction() as session:  # what the old import left behind
        row = session.scalars(select(OutboxRow).where(OutboxRow.case_id == case_id)).one()
        row.patch = dumps({**json.loads(row.patch), **bad})
        for key, value in bad.items():
            session.add(FieldRow(case_id=case_id, key=key, value=dumps(value), updated_at=now()))
    with vault.transaction() as session:
        update_fields(session, case_id, {"intake.werk.notes": "daarna"})

    summary = sync(vault)

    assert (summary.pushed, summary.quarantined) == (2, 1)
    assert_gap_free(office, vault, device)
    at_office = office_fields(office, case_id)
    assert at_office["person.family_name"] == "Tesfay"
    assert at_office["intake.werk.notes"] == "daarna"
    assert not set(bad) & set(at_office)
    with vault.session() as session:
        (entry,) = quarantine(session)
    assert (entry.error, entry.case_id) == ("bad_key", case_id)
    assert set(entry.field_keys) == set(bad) and dict(entry.values) == bad
    assert (
        vault_fields(vault, case_id)["handover.notes.medische bijzonderheden"]
        == bad["handover.notes.medische bijzonderheden"]
    )
    # Pulling the case back and syncing again changes nothing and sets nothing aside again.
    again = sync(vault)
    assert (again.pushed, again.quarantined) == (0, 0)
    assert CANARY not in caplog.text


def test_an_op_the_office_refuses_as_a_whole_is_found_in_its_batch_and_set_aside(
    server: LiveServer, office: Database, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The office's protocol is stricter than this laptop's (a newer rule): the batch is
    refused with 422; the engine sends its ops one by one, sets aside the one refused
    alone, numbers the rest on, and everything else arrives."""
    cases, device, _consultant = enrolled_laptop(vault, server, office)
    lenient = protocol.MAX_VALUE_BYTES * 2
    monkeypatch.setattr(protocol, "MAX_VALUE_BYTES", lenient)
    monkeypatch.setattr(outbox_module, "MAX_VALUE_BYTES", lenient)
    with vault.transaction() as session:
        update_fields(session, cases[0], {"intake.werk.notes": "een"})
    big = CANARY + "y" * (300 * 1024)
    old_edit(vault, cases[1], {"intake.gezondheid.notes": big})
    with vault.transaction() as session:
        update_fields(session, cases[1], {"intake.werk.notes": "twee"})
        update_fields(session, cases[0], {"intake.taal.notes": "drie"})

    summary = sync(vault)

    assert (summary.pushed, summary.quarantined) == (3, 1)
    assert_gap_free(office, vault, device)
    assert office_fields(office, cases[0])["intake.taal.notes"] == "drie"
    assert office_fields(office, cases[1])["intake.werk.notes"] == "twee"
    assert "intake.gezondheid.notes" not in office_fields(office, cases[1])
    with vault.session() as session:
        (entry,) = quarantine(session)
    assert entry.error == "invalid_request" and entry.field_keys == ("intake.gezondheid.notes",)
    assert entry.detail["status"] == 422
    assert CANARY not in json.dumps(entry.detail) + entry.message


def test_an_op_for_a_case_the_office_does_not_hold_is_rejected_and_listed(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """A case the office never had, pushed as if it were based on an office version."""
    _cases, device, _consultant = enrolled_laptop(vault, server, office)
    stray = str(uuid.uuid4())
    with vault.transaction() as session:
        create_case(session, stray, IDENTITY)
        session.execute(update(OutboxRow).where(OutboxRow.case_id == stray).values(base_version=4))
    summary = sync(vault)
    assert summary.quarantined == 1
    assert_gap_free(office, vault, device)
    with vault.session() as session:
        (entry,) = quarantine(session)
    assert (entry.direction, entry.error, entry.case_id) == ("push", "case_not_found", stray)
    assert "person.family_name" in entry.field_keys


# --- pull ------------------------------------------------------------------------------


def test_cases_the_laptop_cannot_apply_are_set_aside_and_the_pull_goes_on(
    server: LiveServer, office: Database, vault: OpenVault, caplog: pytest.LogCaptureFixture
) -> None:
    consultant = new_consultant("binnen")
    good_before = plant_office_case(office, consultant, {**IDENTITY, "intake.werk.notes": "a"})
    no_identity = plant_office_case(office, consultant, {"intake.werk.notes": f"{CANARY} a"})
    unknown_key = plant_office_case(
        office, consultant, {**IDENTITY, "person.schoenmaat": f"{CANARY} 42", "intake.x": 1}
    )
    bad_date = plant_office_case(
        office, consultant, {**IDENTITY, "dates.koppeling": f"31-02-2026 {CANARY}"}
    )
    bad_birth = plant_office_case(
        office, consultant, {**IDENTITY, "person.date_of_birth": f"{CANARY}"}
    )
    bad_doelgroep = plant_office_case(office, consultant, {**IDENTITY, "doelgroep": CANARY})
    good_after = plant_office_case(office, consultant, {**IDENTITY, "intake.werk.notes": "b"})
    enroll_vault(vault, server.url, office, consultant)

    summary = sync(vault)

    assert summary.pulled == 7
    assert summary.quarantined == 5
    here = case_ids(vault)
    assert {good_before, good_after, unknown_key, bad_date} <= here
    assert not {no_identity, bad_birth, bad_doelgroep} & here
    # What could be used arrived; only the unusable fields stayed behind.
    assert vault_fields(vault, unknown_key)["intake.x"] == 1
    assert "person.schoenmaat" not in vault_fields(vault, unknown_key)
    assert "dates.koppeling" not in vault_fields(vault, bad_date)
    assert vault_fields(vault, good_after)["intake.werk.notes"] == "b"
    with vault.session() as session:
        entries = {(e.case_id, e.error, e.field_keys) for e in quarantine(session)}
        cursor = get_setting(session, CURSOR)
    assert entries == {
        (no_identity, "case_incomplete", ()),
        (unknown_key, "field_unusable", ("person.schoenmaat",)),
        (bad_date, "field_unusable", ("dates.koppeling",)),
        (bad_birth, "case_incomplete", ()),
        (bad_doelgroep, "case_incomplete", ()),
    }
    assert isinstance(cursor, int) and cursor > 0
    assert CANARY not in caplog.text

    # Nothing new: the next pull sets nothing aside again.
    assert sync(vault).quarantined == 0
    # The office fixes two cases; the laptop gets the whole case it never had, and the
    # entries those fixes settle leave the list.
    office_edit(office, no_identity, IDENTITY)
    office_edit(office, bad_date, {"dates.koppeling": "2026-02-27"})
    fixed = sync(vault)
    assert fixed.quarantined == 0
    assert no_identity in case_ids(vault)
    assert vault_fields(vault, no_identity)["intake.werk.notes"] == f"{CANARY} a"
    assert vault_fields(vault, bad_date)["dates.koppeling"] == "2026-02-27"
    with vault.session() as session:
        left = {(e.case_id, e.error) for e in quarantine(session)}
    assert left == {
        (unknown_key, "field_unusable"),
        (bad_birth, "case_incomplete"),
        (bad_doelgroep, "case_incomplete"),
    }
    assert CANARY not in caplog.text


def test_a_bad_case_on_a_later_page_does_not_stop_the_pages_after_it(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """Small pages: each page is applied with its cursor, bad cases or not."""
    consultant = new_consultant("pagina")
    planted = []
    for n in range(9):
        fields = {**IDENTITY, "intake.n": n} if n % 3 else {"intake.n": n}
        planted.append(plant_office_case(office, consultant, fields))
    enroll_vault(vault, server.url, office, consultant)
    with client_for(vault) as client:
        pull = client.pull
        pages: list[int] = []

        def small_pages(since: int, limit: int = 2) -> protocol.PullResponse:
            page = pull(since, 2)
            pages.append(page.cursor)
            return page

        client.pull = small_pages  # type: ignore[method-assign]
        summary = SyncEngine(vault, client).run()
    assert len(pages) >= 5
    assert summary.quarantined == 3
    assert case_ids(vault) == {c for n, c in enumerate(planted) if n % 3}
    with vault.session() as session:
        assert get_setting(session, CURSOR) == pages[-1]


def test_a_case_taken_off_the_caseload_takes_its_quarantine_entries_along(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("weg")
    bad = plant_office_case(office, consultant, {**IDENTITY, "person.schoenmaat": "42"})
    enroll_vault(vault, server.url, office, consultant)
    assert sync(vault).quarantined == 1
    admin.unassign(office, bad)
    assert sync(vault).purged == 1
    with vault.session() as session:
        assert quarantine(session) == []


def add_attachment(vault: OpenVault, case_id: str, media_type: str = "application/pdf") -> str:
    content = b"%PDF-1.7 " + uuid.uuid4().bytes * 64
    sha = hashlib.sha256(content).hexdigest()
    with vault.transaction() as session:
        session.add(
            AttachmentRow(
                sha256=sha,
                case_id=case_id,
                kind="pip_scan",
                media_type=media_type,
                size=len(content),
                content=content,
                created_at=now(),
            )
        )
    return sha


def test_an_attachment_the_office_refuses_is_set_aside_and_the_pull_goes_on(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    cases, _device, consultant = enrolled_laptop(vault, server, office)
    stray = str(uuid.uuid4())  # a case the office refuses: based on a version it never had
    with vault.transaction() as session:
        create_case(session, stray, IDENTITY)
        session.execute(update(OutboxRow).where(OutboxRow.case_id == stray).values(base_version=4))
    refused_by_office = add_attachment(vault, stray)
    refused_here = add_attachment(vault, cases[0], media_type="PDF document")
    fine = add_attachment(vault, cases[1])
    later = plant_office_case(office, consultant, {**IDENTITY, "intake.werk.notes": "nieuw"})

    summary = sync(vault)

    assert summary.attachments_up == 1
    assert summary.quarantined == 3  # the stray op, and two attachments
    assert later in case_ids(vault)  # the pull went on
    with vault.session() as session:
        entries = {(e.case_id, e.error, e.values.get("sha256")) for e in quarantine(session)}
        uploaded = {row.sha256: row.uploaded for row in session.scalars(select(AttachmentRow))}
    assert (stray, "attachment_refused", refused_by_office) in entries
    assert (cases[0], "attachment_refused", refused_here) in entries
    assert uploaded == {refused_by_office: False, refused_here: False, fine: True}

    # Tried again next round, still listed once each.
    again = sync(vault)
    assert again.quarantined == 2 and again.quarantine_open == 3
