"""The termijn the office's enforcement rules read comes from the PIP history (Wet art. 11:
36 months from the day after the first set PIP's dagtekening; it does not move when the
PIP is replaced), never from the free field ``dates.pip_date`` (attack round 9, finding 4:
a push with ``"dates.pip_date": null`` got a fine for a violation found after the
termijn stored at the office)."""

from __future__ import annotations

import uuid
from typing import Any

from inburg_desktop.domain import handhaving as h
from inburg_desktop.protocol.messages import Op, OpResult
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import FieldValue
from inburg_desktop.sync.transport import SyncClient

from ..domain.test_handhaving_record_rules import OVERTREDING, voorstel
from .conftest import LiveServer, enroll
from .test_duo_export import B1, history
from .test_purge import put_case

FOUND = "2025-03-03"  # the termijn of a PIP dated 2021-01-04 ended 2024-01-04


def fine(rid: str) -> dict[str, Any]:
    return {
        h.key(rid, "overtreding"): {**OVERTREDING, "vastgesteld_op": FOUND},
        h.key(rid, "voorstel"): voorstel(5000, on=FOUND),
    }


def case_with_pip(
    server: LiveServer, office: Database, dates: dict[str, Any]
) -> tuple[SyncClient, str]:
    """A case assigned to a new laptop, its first PIP set on 2021-01-04, plus ``dates``."""
    consultant = f"consulent-{uuid.uuid4().hex[:8]}"
    laptop = enroll(server, office, consultant)
    first_pip = {"dates.brp_registration": "2020-06-01", **history((B1, "2021-01-04"))}
    return laptop, put_case(office, {**first_pip, **dates}, consultant)


def push_one(
    laptop: SyncClient, case_id: str, version: int, op_id: int, patch: dict[str, Any]
) -> OpResult:
    """The office's answer to one op on ``case_id`` against ``version``."""
    op = Op(op_id=op_id, case_id=case_id, base_version=version, patch=patch)
    return laptop.push([op]).results[0]


def stored(office: Database, case_id: str, key: str) -> Any:
    with office.read() as session:
        row = session.get(FieldValue, (case_id, key))
    return None if row is None else row.value


def test_a_fine_after_the_termijn_is_refused_however_dates_pip_date_is_pushed(
    server: LiveServer, office: Database
) -> None:
    laptop, case_id = case_with_pip(server, office, {"dates.pip_date": "2021-01-04"})
    version = laptop.get_case(case_id).version
    for n, pushed in enumerate((None, "2024-06-01")):
        rid = f"{n:012x}"
        result = push_one(laptop, case_id, version, n + 1, {**fine(rid), "dates.pip_date": pushed})
        assert result.status == "rejected", pushed
        assert stored(office, case_id, h.key(rid, "voorstel")) is None
    assert stored(office, case_id, "dates.pip_date") == '"2021-01-04"'


def test_a_push_moving_dates_pip_date_off_the_first_pip_is_refused(
    server: LiveServer, office: Database
) -> None:
    laptop, case_id = case_with_pip(server, office, {"dates.pip_date": "2021-01-04"})
    version = laptop.get_case(case_id).version
    for n, pushed in enumerate((None, "2023-01-01")):
        result = push_one(laptop, case_id, version, n + 1, {"dates.pip_date": pushed})
        assert result.status == "rejected" and "dates.pip_date" in (result.message or ""), pushed
    assert stored(office, case_id, "dates.pip_date") == '"2021-01-04"'
    same = push_one(laptop, case_id, version, 3, {"dates.pip_date": "2021-01-04"})
    assert same.status == "applied"


def test_the_termijn_comes_from_the_pip_history_when_dates_pip_date_is_missing(
    server: LiveServer, office: Database
) -> None:
    laptop, case_id = case_with_pip(server, office, {})
    version = laptop.get_case(case_id).version
    result = push_one(laptop, case_id, version, 1, fine("aaaaaaaaaaaa"))
    assert result.status == "rejected"
    assert stored(office, case_id, h.key("aaaaaaaaaaaa", "voorstel")) is None
