"""A case the office closed takes no edit from any laptop (attack round 10, finding 2).

``inburg-office case sluit`` records the end of the plicht; the laptop refuses local edits
of a closed case itself, but the office applied a push that changed the name and the notes
of one: a laptop that had not pulled the close yet, or a crafted client, wrote on into
what the DUO export and the monitoring report read. Now the push is refused, with the
reason the laptop explains in its set-aside list, and nothing of it is stored."""

from __future__ import annotations

from datetime import date

from inburg_desktop.domain.retention import PlichtEinde
from inburg_desktop.protocol.messages import Op
from inburg_desktop.server import case_close
from inburg_desktop.server.db import Database
from inburg_desktop.server.push import CLOSED_ERROR
from inburg_desktop.sync.transport import SyncClient

from ..sync.test_laptops_office import office_fields
from .conftest import creating, new_case_id


def test_an_edit_pushed_after_the_close_is_refused_and_nothing_stored(
    laptop: SyncClient, office: Database
) -> None:
    case_id = new_case_id()
    (made,) = laptop.push(
        [Op(op_id=1, case_id=case_id, base_version=0, patch=creating({}))]
    ).results
    assert made.status == "applied" and made.version is not None
    before = office_fields(office, case_id)
    case_close.sluit(office, case_id, PlichtEinde.VOLDAAN, date(2026, 11, 2), date(2026, 11, 30))
    (edit,) = laptop.push(
        [
            Op(
                op_id=2,
                case_id=case_id,
                base_version=made.version + 1,  # the close is one office change
                patch={"person.family_name": "Na-sluiten", "notes.general": "na sluiten"},
            )
        ]
    ).results
    assert (edit.status, edit.error) == ("rejected", CLOSED_ERROR)
    after = office_fields(office, case_id)
    assert after["person.family_name"] == before["person.family_name"]
    assert "notes.general" not in after


def test_an_open_case_still_takes_edits(laptop: SyncClient, office: Database) -> None:
    case_id = new_case_id()
    (made,) = laptop.push(
        [Op(op_id=1, case_id=case_id, base_version=0, patch=creating({}))]
    ).results
    assert made.version is not None
    (edit,) = laptop.push(
        [Op(op_id=2, case_id=case_id, base_version=made.version, patch={"notes.general": "x"})]
    ).results
    assert edit.status == "applied"
