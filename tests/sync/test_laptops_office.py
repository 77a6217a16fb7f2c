"""Two real laptops (encrypted vaults, the desktop's SyncEngine) and a real office server.

Edits on both laptops and at the office arrive everywhere exactly once; the same field
edited on both laptops becomes a conflict with both values kept; the consultant's
resolution reaches the other laptop and the conflict is gone everywhere; a case taken off
the caseload is purged; office settings come down. Runs against SQLite and, when
``INBURG_TEST_POSTGRES_URL`` is set, PostgreSQL (the ``db_url`` fixture).

The helpers below (enrolling a vault, one sync round, reading a case's fields on either
side) are shared with the other tests in tests/sync and tests/ui.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.protocol.device_keys import DeviceKey, b64decode, b64encode
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import AppliedOp, Assignment, FieldValue
from inburg_desktop.server.tables import Conflict as OfficeConflict
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.changes import case_patch, field_values
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import (
    Enrollment,
    conflicts,
    enrollment,
    get_setting,
    next_op_id,
    resolve_conflict,
    save_enrollment,
)
from inburg_desktop.storage.tables import CaseRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.sync.engine import SyncEngine, SyncSummary
from inburg_desktop.sync.transport import SyncClient

from ..conftest import PASSPHRASE, LiveServer
from ..loopback_proxy import LoopbackProxy

HANDOVER = Path(__file__).parent.parent / "data" / "handover-amal.json"


# --- helpers shared by tests/sync and tests/ui -------------------------------------------


def new_consultant(prefix: str = "consulent") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def make_vault(path: Path) -> OpenVault:
    return create_vault(path, PASSPHRASE, TEST_KDF)


def enroll_vault(vault: OpenVault, url: str, office: Database, consultant: str) -> str:
    """Enroll ``vault`` with a fresh one-time code, as ``inburg device enroll`` does."""
    code, _ = admin.create_enrollment_code(office, consultant)
    key = DeviceKey.generate()
    with vault.session() as session:
        first_op = next_op_id(session)
    with SyncClient(url, retries=0) as client:
        answer = client.enroll(code, key, platform.node()[:100], next_op_id=first_op)
    with vault.transaction() as session:
        save_enrollment(
            session,
            Enrollment(url, answer.device_id, answer.consultant, b64encode(key.private_bytes())),
        )
    return answer.device_id


def client_for(vault: OpenVault, url: str | None = None, **kwargs: Any) -> SyncClient:
    """The vault's enrolled SyncClient (optionally pointed at another URL, e.g. a proxy)."""
    with vault.session() as session:
        enrolled = enrollment(session)
    assert enrolled is not None
    key = DeviceKey.from_private_bytes(b64decode(enrolled.private_key_b64))
    return SyncClient(url or enrolled.server_url, device_id=enrolled.device_id, key=key, **kwargs)


def sync(vault: OpenVault, url: str | None = None, **kwargs: Any) -> SyncSummary:
    """One sync round of the desktop client."""
    with client_for(vault, url, **kwargs) as client:
        return SyncEngine(vault, client).run()


def one_case_on_two_laptops(
    server: LiveServer, office: Database, one: OpenVault, two: OpenVault
) -> tuple[str, str]:
    """A new consultant with the handover case on their caseload, both laptops enrolled
    for them and synced: ``(consultant, case_id)``."""
    consultant = new_consultant()
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(one, server.url, office, consultant)
    enroll_vault(two, server.url, office, consultant)
    sync(one)
    sync(two)
    return consultant, case


def device_id(vault: OpenVault) -> str:
    with vault.session() as session:
        enrolled = enrollment(session)
    assert enrolled is not None
    return enrolled.device_id


def ops_written(vault: OpenVault) -> int:
    """How many ops this vault's outbox has ever numbered (sent or not)."""
    with vault.session() as session:
        used = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'"))
        return int(used.scalar() or 0)


def outbox_size(vault: OpenVault) -> int:
    with vault.session() as session:
        return len(session.scalars(select(OutboxRow.op_id)).all())


def case_ids(vault: OpenVault) -> set[str]:
    with vault.session() as session:
        return set(session.scalars(select(CaseRow.id)))


def vault_fields(vault: OpenVault, case_id: str) -> dict[str, Any]:
    """Every non-empty field of a case in the vault: identity columns and field rows."""
    with vault.session() as session:
        row = session.get(CaseRow, case_id)
        assert row is not None, case_id
        values = {**case_patch(row), **field_values(session, case_id)}
    return {key: value for key, value in values.items() if value is not None}


def office_fields(office: Database, case_id: str) -> dict[str, Any]:
    """Every non-empty field of a case as the office stores it."""
    with office.read() as session:
        rows = session.execute(
            select(FieldValue.key, FieldValue.value).where(FieldValue.case_id == case_id)
        ).all()
    values = {key: json.loads(value) for key, value in rows}
    return {key: value for key, value in values.items() if value is not None}


def office_op_ids(office: Database, device: str) -> list[int]:
    with office.read() as session:
        return list(
            session.scalars(
                select(AppliedOp.op_id)
                .where(AppliedOp.device_id == device)
                .order_by(AppliedOp.op_id)
            )
        )


def office_caseload(office: Database, consultant: str) -> set[str]:
    with office.read() as session:
        return set(
            session.scalars(select(Assignment.case_id).where(Assignment.consultant == consultant))
        )


def office_conflicts(office: Database, case_id: str) -> list[tuple[str, Any, Any]]:
    with office.read() as session:
        rows = session.scalars(
            select(OfficeConflict).where(OfficeConflict.case_id == case_id)
        ).all()
        return [(r.field_key, json.loads(r.office_value), json.loads(r.laptop_value)) for r in rows]


def office_cli(db_url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The real ``inburg-office`` admin command (``check``: a non-zero exit raises)."""
    return subprocess.run(
        [sys.executable, "-m", "inburg_desktop.server.cli", *args, "--db", db_url],
        capture_output=True,
        text=True,
        timeout=60,
        check=check,
    )


# --- the tests ---------------------------------------------------------------------------


def _assert_everywhere_the_same(
    office: Database, laptops: list[OpenVault], cases: set[str]
) -> None:
    for laptop in laptops:
        assert case_ids(laptop) == cases
        assert outbox_size(laptop) == 0
    for case_id in cases:
        at_office = office_fields(office, case_id)
        for laptop in laptops:
            assert vault_fields(laptop, case_id) == at_office, case_id


def _assert_exactly_once(office: Database, laptops: list[OpenVault]) -> None:
    for laptop in laptops:
        written = ops_written(laptop)
        assert written > 0
        assert office_op_ids(office, device_id(laptop)) == list(range(1, written + 1))


def test_two_laptops_and_the_office(
    server: LiveServer,
    office: Database,
    db_url: str,
    vault: OpenVault,
    second_vault: OpenVault,
) -> None:
    one, two = vault, second_vault
    consultant = new_consultant()
    handover = HANDOVER.read_bytes()
    from_office = {admin.import_handover(office, handover, consultant) for _ in range(3)}
    enroll_vault(one, server.url, office, consultant)
    enroll_vault(two, server.url, office, consultant)

    # Laptop one brings new cases of its own (demo intakes); laptop two one more.
    with one.transaction() as session:
        from_one = set(add_demo_cases(session, 3))
    with two.transaction() as session:
        from_two = set(add_demo_cases(session, 1))
    sync(one)
    sync(two)
    sync(one)
    everything = from_office | from_one | from_two
    assert office_caseload(office, consultant) == everything
    _assert_everywhere_the_same(office, [one, two], everything)

    # A couple of rounds of edits on both laptops and at the office, different fields.
    office_case, one_case = sorted(from_office)[0], sorted(from_one)[0]
    (two_case,) = from_two
    for round_no in range(3):
        with one.transaction() as session:
            update_fields(session, office_case, {f"intake.ronde{round_no}.een": f"een {round_no}"})
            update_fields(session, two_case, {"intake.werk.notes": f"kok, ronde {round_no}"})
        with two.transaction() as session:
            update_fields(session, office_case, {f"intake.ronde{round_no}.twee": round_no})
            update_fields(session, one_case, {"intake.gezondheid.notes": f"ronde {round_no}"})
            update_fields(session, one_case, {"intake.gezondheid.notes": f"ronde {round_no}!"})
        admin.edit_case(office, office_case, {"handover.notes.kantoor": f"kantoor {round_no}"})
        sync(one)
        sync(two)
    sync(one)
    _assert_everywhere_the_same(office, [one, two], everything)
    _assert_exactly_once(office, [one, two])
    final = office_fields(office, office_case)
    assert final["handover.notes.kantoor"] == "kantoor 2"
    assert {final[f"intake.ronde{n}.een"] for n in range(3)} == {"een 0", "een 1", "een 2"}
    assert [final[f"intake.ronde{n}.twee"] for n in range(3)] == [0, 1, 2]
    assert vault_fields(two, one_case)["intake.gezondheid.notes"] == "ronde 2!"

    # The same field edited on both laptops from the same version: a conflict, both kept.
    key = "intake.opleiding.notes"
    with one.transaction() as session:
        update_fields(session, office_case, {key: "bachelor"})
    with two.transaction() as session:
        update_fields(session, office_case, {key: "master"})
    first = sync(one)
    assert first.conflicts == 0
    second = sync(two)
    # the change became a conflict: counted as one, not as sent (usability round 3)
    assert second.pushed == 0 and second.conflicts == 1
    with two.session() as session:
        found = conflicts(session)
    assert [(c.case_id, c.field_key, c.office_value, c.laptop_value) for c in found] == [
        (office_case, key, "bachelor", "master")
    ]
    assert vault_fields(two, office_case)[key] == "bachelor"  # the office value stays
    assert office_conflicts(office, office_case) == [(key, "bachelor", "master")]
    listed = json.loads(office_cli(db_url, "cases", "--json").stdout)
    assert {c["id"]: c["open_conflicts"] for c in listed}[office_case] == 1
    # Conflicts travel in pulls: laptop one sees it too.
    assert sync(one).conflicts == 1

    # The consultant merges on laptop one; the resolution syncs back and reaches laptop two.
    with one.transaction() as session:
        resolve_conflict(session, office_case, key, "bachelor, daarna master")
    assert sync(one).conflicts == 0
    assert office_conflicts(office, office_case) == []
    assert sync(two).conflicts == 0
    with two.session() as session:
        assert conflicts(session) == []
    assert vault_fields(two, office_case)[key] == "bachelor, daarna master"
    listed = json.loads(office_cli(db_url, "cases", "--json").stdout)
    assert all(c["open_conflicts"] == 0 for c in listed if c["id"] in everything)
    _assert_everywhere_the_same(office, [one, two], everything)
    _assert_exactly_once(office, [one, two])

    # A case taken off the caseload at the office leaves both laptops at the next sync.
    gone = sorted(from_office)[1]
    admin.unassign(office, gone)
    assert sync(one).purged == 1
    assert sync(two).purged == 1
    everything.discard(gone)
    _assert_everywhere_the_same(office, [one, two], everything)

    # Office settings and catalogue updates come down.
    admin.set_setting(office, "setting.idle_lock_minutes", 7)
    admin.set_setting(office, "catalogue.prompts", {"version": "2026.2"})
    for laptop in (one, two):
        sync(laptop)
        with laptop.session() as session:
            assert get_setting(session, "office.setting.idle_lock_minutes") == 7
            assert get_setting(session, "office.catalogue.prompts") == {"version": "2026.2"}


def test_office_edit_of_the_same_field_conflicts_with_the_laptop(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant()
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    key = "handover.notes.opleiding"
    admin.edit_case(office, case, {key: "Apotheekassistente (diploma gezien)"})
    with vault.transaction() as session:
        update_fields(session, case, {key: "Apothekersassistent, niveau 4"})
    summary = sync(vault)
    assert summary.conflicts == 1
    with vault.session() as session:
        found = conflicts(session)
    assert [(c.office_value, c.laptop_value) for c in found] == [
        ("Apotheekassistente (diploma gezien)", "Apothekersassistent, niveau 4")
    ]
    with vault.transaction() as session:
        resolve_conflict(session, case, key, "Apothekersassistent, niveau 4")
    assert sync(vault).conflicts == 0
    assert office_fields(office, case)[key] == "Apothekersassistent, niveau 4"
    assert office_conflicts(office, case) == []


def test_one_changed_field_among_hundreds_of_cases_sends_at_most_5_kb(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    enroll_vault(vault, server.url, office, new_consultant("bytes"))
    with vault.transaction() as session:
        cases = add_demo_cases(session, 300)
    first = sync(vault)
    assert first.pushed >= 300 and first.pulled == 0  # its own cases do not come back
    with vault.transaction() as session:
        update_fields(session, cases[150], {"intake.opleiding.notes": "Bachelor farmacie"})
    proxy = LoopbackProxy(server.port)
    try:
        summary = sync(vault, proxy.url)  # closes its connection when done
        proxy.settle()  # every proxied connection closed: the counts are final
        with proxy.lock:
            wire_sent, wire_received = proxy.up, proxy.down
    finally:
        proxy.close()
    assert summary.pushed == 1
    # What inburg sync reports, and what really went over the wire (headers included).
    assert summary.bytes_sent <= 5 * 1024
    assert 0 < wire_sent <= 5 * 1024
    assert wire_received <= 5 * 1024
    assert office_fields(office, cases[150]) == vault_fields(vault, cases[150])
