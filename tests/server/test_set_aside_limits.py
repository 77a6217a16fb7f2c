"""What one device can store at the office through ``POST /v1/set-aside`` is bounded
(attack round 2: 461 reports of new local ids filled 823 MB in 30 s): beyond
``MAX_HELD_PER_DEVICE`` entries a report is refused 429 ``set_aside_full`` and nothing of
it is stored; a report of entries already held is still answered."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from inburg_desktop.protocol.messages import SetAsideEntry, SetAsideReport
from inburg_desktop.server import admin, set_aside
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import Database
from inburg_desktop.server.errors import ApiError
from inburg_desktop.server.tables import Device, SetAside

HANDOVER = Path(__file__).parent.parent / "data" / "handover-amal.json"


def _report(case_id: str, first: int, count: int) -> SetAsideReport:
    return SetAsideReport(
        entries=[
            SetAsideEntry(
                local_id=n,
                case_id=case_id,
                direction="push",
                error="case_not_found",
                reason="apart gezet",
                set_aside_at=datetime.now(UTC).isoformat(timespec="seconds"),
                fields={"intake.werk.notes": f"versie {n}"},  # no repeats: each is its own
            )
            for n in range(first, first + count)
        ]
    )


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(set_aside, "MAX_HELD_PER_DEVICE", 150)
    yield 150


def _held(office: Database, device: AuthedDevice) -> int:
    with office.read() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(SetAside).where(SetAside.device_id == device.id)
            )
            or 0
        )


def test_a_device_cannot_store_more_than_its_cap(office: Database, small_cap: int) -> None:
    device = AuthedDevice(id="apparaat-vol", consultant="consulent-vol")
    case = admin.import_handover(office, HANDOVER.read_bytes(), device.consultant)
    with office.write() as session:
        set_aside.receive(session, device, _report(case, 1, 100))
    with pytest.raises(ApiError) as refused, office.write() as session:
        set_aside.receive(session, device, _report(case, 101, 100))
    assert (refused.value.status, refused.value.error) == (429, "set_aside_full")
    assert _held(office, device) == 100  # nothing of the refused report was stored
    with office.write() as session:  # entries already held are still answered
        receipt = set_aside.receive(session, device, _report(case, 1, 100))
    assert len(receipt.received) == 100
    with office.write() as session:  # up to the cap is fine
        set_aside.receive(session, device, _report(case, 101, 50))
    assert _held(office, device) == small_cap
    other = AuthedDevice(id="apparaat-ander", consultant="consulent-vol")
    with office.write() as session:  # the cap is per device
        set_aside.receive(session, other, _report(case, 1, 1))
    with office.write() as session:  # the office database is shared with other tests
        session.execute(delete(SetAside).where(SetAside.consultant == "consulent-vol"))


def test_parallel_reports_of_one_device_never_pass_its_cap(
    office: Database, small_cap: int
) -> None:
    """Reports sent at once are counted one after the other (attack round 3: on
    PostgreSQL 40 parallel reports of 100 left 3,800 held against a cap of 1,000)."""
    device = AuthedDevice(id=f"apparaat-{uuid.uuid4().hex[:8]}", consultant="consulent-race")
    with office.write() as session:
        session.add(
            Device(
                id=device.id,
                consultant=device.consultant,
                public_key="0" * 64,
                enrolled_at=datetime.now(UTC).replace(tzinfo=None),
            )
        )
    case = admin.import_handover(office, HANDOVER.read_bytes(), device.consultant)
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def send(block: int) -> None:
        start.wait()
        try:
            with office.write() as session:
                set_aside.receive(session, device, _report(case, 1 + block * 40, 40))
            outcomes.append("stored")
        except ApiError as exc:
            outcomes.append(exc.error)
        except Exception as exc:  # a serialisation failure is a refusal, not a pass
            outcomes.append(type(exc).__name__)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert _held(office, device) <= small_cap
        assert outcomes.count("stored") * 40 == _held(office, device)
    finally:
        with office.write() as session:
            session.execute(delete(SetAside).where(SetAside.device_id == device.id))
