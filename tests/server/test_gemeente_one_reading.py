"""The office reads a case's stored ``gemeente`` one way everywhere (attack round 10,
finding 3): an office without gemeenten stores whatever a push sends, e.g. ``"0629"``;
once the office records its gemeenten, the monitoring report and the DUO export read that
as Wassenaar while the office's lists, its assign rule and ``case gemeente`` saw no
gemeente, so a case could sit in Wassenaar's DUO report on another gemeente's caseload.
Only the canonical code (``GM0629``) names a gemeente, for every reader."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from inburg_desktop.protocol.messages import Op
from inburg_desktop.server import admin, duo, gemeenten
from inburg_desktop.server.db import Database
from inburg_desktop.server.monitoring_source import case_record, office_kantoor
from inburg_desktop.server.tables import FieldValue
from inburg_desktop.sync.transport import SyncClient

from ..gemeente_office import forget_gemeenten
from .conftest import creating, new_case_id

SEED = (("GM1916", "Leidschendam-Voorburg"), ("GM0626", "Voorschoten"), ("GM0629", "Wassenaar"))


@pytest.fixture
def gemeenten_later(office: Database) -> Iterator[None]:
    """The session's office serves no gemeente during the push; afterwards again none."""
    yield
    forget_gemeenten(office)


def test_a_loose_code_is_no_gemeente_for_any_reader(
    laptop: SyncClient, office: Database, gemeenten_later: None
) -> None:
    case_id = new_case_id()
    (pushed,) = laptop.push(
        [Op(op_id=1, case_id=case_id, base_version=0, patch=creating({"gemeente": "0629"}))]
    ).results
    assert pushed.status == "applied"  # an office without gemeenten checks nothing
    for code, naam in SEED:
        gemeenten.add_gemeente(office, code, naam)

    in_list = case_id in [c["id"] for c in admin.list_cases(office, "GM0629")]
    with office.read() as session:
        stored = dict(
            session.execute(
                select(FieldValue.key, FieldValue.value).where(FieldValue.case_id == case_id)
            ).all()
        )
        record = case_record(stored, office_kantoor(session), date(2026, 11, 30))
    in_report = record is not None and record.gemeente == "GM0629"
    export = duo.compute(office, date(2026, 11, 30), "GM0629", case_id)
    in_duo = export.dossiers > 0
    assert (in_list, in_report, in_duo) == (False, False, False)
    assert gemeenten.cases_without_gemeente(office) >= 1
