"""Push: idempotent batches, op ordering, rejected ops quarantined, not blocking."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from inburg_desktop.messages import error_text
from inburg_desktop.protocol.messages import Op
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import AppliedOp, FieldValue
from inburg_desktop.sync.transport import OutOfStep, ProtocolError, SyncClient

from .conftest import IDENTITY, LiveServer, creating, enroll, new_case_id


def ops_for(first: int, count: int, case_id: str) -> list[Op]:
    """``count`` ops from op id ``first`` on a new case; the first one creates it."""
    return [
        Op(
            op_id=first + i,
            case_id=case_id,
            base_version=0,
            patch=(creating if i == 0 else dict)(
                {f"intake.notes.{first + i}": f"notitie {first + i}"}
            ),
        )
        for i in range(count)
    ]


def stored_ops(office: Database, device_id: str) -> list[int]:
    with office.read() as session:
        return list(
            session.scalars(
                select(AppliedOp.op_id)
                .where(AppliedOp.device_id == device_id)
                .order_by(AppliedOp.op_id)
            )
        )


def test_same_batch_twice_gives_same_result_and_stores_once(
    laptop: SyncClient, office: Database
) -> None:
    case_id = new_case_id()
    batch = ops_for(1, 10, case_id)
    first = laptop.push(batch)
    again = laptop.push(batch)
    assert first == again
    assert first.acknowledged_op_id == 10
    assert [r.status for r in first.results] == ["applied"] * 10
    assert laptop.device_id is not None
    assert stored_ops(office, laptop.device_id) == list(range(1, 11))
    with office.read() as session:
        count = session.scalar(
            select(func.count()).select_from(FieldValue).where(FieldValue.case_id == case_id)
        )
    assert count == 10 + len(IDENTITY)
    assert laptop.get_case(case_id).version == 10


def test_overlapping_retry_applies_only_new_ops(laptop: SyncClient, office: Database) -> None:
    case_id = new_case_id()
    laptop.push(ops_for(1, 5, case_id))
    answer = laptop.push(ops_for(1, 8, case_id))
    assert answer.acknowledged_op_id == 8
    assert laptop.device_id is not None
    assert stored_ops(office, laptop.device_id) == list(range(1, 9))
    assert laptop.get_case(case_id).version == 8


def test_gap_and_disorder_refused_with_409(laptop: SyncClient, office: Database) -> None:
    case_id = new_case_id()
    with pytest.raises(OutOfStep) as gap:
        laptop.push(ops_for(3, 2, case_id))
    assert gap.value.status == 409 and gap.value.error == "op_gap"
    assert "opnieuw inschrijven" in error_text(gap.value)
    assert gap.value.body["expected_op_id"] == 1
    disordered = [*ops_for(1, 1, case_id), *ops_for(3, 1, case_id)]
    with pytest.raises(ProtocolError) as order:
        laptop.push(disordered)
    assert order.value.status == 409 and order.value.error == "op_out_of_order"
    assert laptop.device_id is not None
    assert stored_ops(office, laptop.device_id) == []


def test_reused_op_id_with_other_content_refused(laptop: SyncClient) -> None:
    case_id = new_case_id()
    laptop.push(ops_for(1, 1, case_id))
    changed = Op(op_id=1, case_id=case_id, base_version=0, patch={"x": "anders"})
    with pytest.raises(OutOfStep) as err:
        laptop.push([changed])
    assert err.value.error == "op_id_reused"


def test_rejected_op_does_not_block_the_rest(
    server: LiveServer, office: Database, laptop: SyncClient
) -> None:
    other = enroll(server, office, "andere-consulent-push")
    foreign = new_case_id()
    other.push(ops_for(1, 1, foreign))
    mine = new_case_id()
    batch = [
        Op(op_id=1, case_id=mine, base_version=0, patch=creating({"a": 1})),
        Op(op_id=2, case_id=foreign, base_version=1, patch={"a": 2}),
        Op(op_id=3, case_id=new_case_id(), base_version=4, patch={"a": 3}),
        Op(op_id=4, case_id=mine, base_version=1, patch={"b": 4}),
    ]
    answer = laptop.push(batch)
    assert answer.acknowledged_op_id == 4
    statuses = [(r.status, r.error) for r in answer.results]
    assert statuses == [
        ("applied", None),
        ("rejected", "case_not_found"),
        ("rejected", "case_not_found"),
        ("applied", None),
    ]
    assert other.get_case(foreign).fields["intake.notes.1"].value == "notitie 1"
    other.close()


def test_pushing_to_a_revoked_device_writes_nothing(laptop: SyncClient, office: Database) -> None:
    from inburg_desktop.server import admin
    from inburg_desktop.sync.transport import DeviceRefused

    assert laptop.device_id is not None
    admin.revoke(office, laptop.device_id)
    with pytest.raises(DeviceRefused):
        laptop.push(ops_for(1, 3, new_case_id()))
    assert stored_ops(office, laptop.device_id) == []


def test_health_needs_no_signature(server: LiveServer) -> None:
    assert httpx.get(f"{server.url}/health").status_code == 200


def test_a_re_enrolled_vault_keeps_its_op_numbering(
    server: LiveServer, office: Database, consultant: str
) -> None:
    from inburg_desktop.protocol.device_keys import DeviceKey
    from inburg_desktop.server import admin

    code, _ = admin.create_enrollment_code(office, consultant)
    with SyncClient(server.url) as client:
        client.enroll(code, DeviceKey.generate(), next_op_id=57)
        case_id = new_case_id()
        with pytest.raises(OutOfStep) as err:
            client.push(ops_for(1, 1, case_id))
        assert err.value.error == "op_id_too_low"
        assert err.value.body["expected_op_id"] == 57
        assert client.push(ops_for(57, 3, case_id)).acknowledged_op_id == 59


def test_an_incomplete_create_reads_the_same_for_another_caseloads_id_and_an_unknown_one(
    server: LiveServer, office: Database, laptop: SyncClient
) -> None:
    """Attack round 2: an incomplete create was refused case_not_found at another
    caseload's id but missing_field at an unknown one, telling the device the id exists."""
    owner = enroll(server, office, "eigenaar-orakel")
    theirs = new_case_id()
    owner.push([Op(op_id=1, case_id=theirs, base_version=0, patch=creating({"a": "van mij"}))])
    owner.close()
    answers = []
    for op_id, case_id in ((1, theirs), (2, new_case_id())):
        (result,) = laptop.push(
            [Op(op_id=op_id, case_id=case_id, base_version=0, patch={"a": "onvolledig"})]
        ).results
        answers.append((result.status, result.error, result.message))
    assert answers[0] == answers[1]
    assert answers[0][0] == "rejected"


def test_a_creating_op_at_another_caseloads_case_id_changes_nothing(
    server: LiveServer, office: Database, laptop: SyncClient
) -> None:
    """The one answer that differs from 'does not exist' (a fresh id would be created):
    documented in docs/threat-model.md; it reveals nothing of the case and
    changes nothing in it."""
    owner = enroll(server, office, "eigenaar-creatie")
    theirs = new_case_id()
    owner.push([Op(op_id=1, case_id=theirs, base_version=0, patch=creating({"a": "van mij"}))])
    answer = laptop.push(
        [Op(op_id=1, case_id=theirs, base_version=0, patch=creating({"a": "overschreven"}))]
    )
    (result,) = answer.results
    assert (result.status, result.error, result.version) == ("rejected", "case_not_found", None)
    assert result.conflicts == []
    assert owner.get_case(theirs).fields["a"].value == "van mij"
    assert owner.get_case(theirs).version == 1
    owner.close()
