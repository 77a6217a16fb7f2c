"""The office refuses talk parts that contradict their case (attack round 6, finding 7):
the hostile patch of the finding (talk 99 held on 1900-01-01 and planned on 2100-12-31
under PIP version 999, talk 1 held before the BRP registration), a talk held in the future
of the push, a talk numbered after a missing one. Per op, naming the field; what the app
writes is applied, and an office edit is held to the same rule."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from inburg_desktop.protocol.messages import Op
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import FieldValue
from inburg_desktop.sync.transport import SyncClient

from ..protocol.test_pip_agenda_rules import signed_items
from .conftest import IDENTITY, creating, new_case_id

FUTURE = (date.today() + timedelta(days=3)).isoformat()


def _case(laptop: SyncClient, consultant: str) -> str:
    """A case with its PIP (version 1, set by ``consultant``) and talk 1 held, pushed as
    op 1."""
    case = new_case_id()
    patch = creating(
        {
            **signed_items(by=consultant),
            "voortgang.1.gepland": "2026-04-01",
            "voortgang.1.gehouden": "2026-04-02",
            "voortgang.1.pip_versie": 1,
        }
    )
    (result,) = laptop.push([Op(op_id=1, case_id=case, base_version=0, patch=patch)]).results
    assert result.status == "applied", result.message
    return case


@pytest.mark.parametrize(
    ("patch", "field", "words"),
    [
        (
            {
                "voortgang.99.gepland": "2100-12-31",
                "voortgang.99.gehouden": "1900-01-01",
                "voortgang.99.pip_versie": 999,
            },
            "voortgang.99.gehouden",
            "after a talk the case does not have",
        ),
        ({"voortgang.2.pip_versie": 999}, "voortgang.2.pip_versie", "PIP version"),
        ({"voortgang.2.gehouden": FUTURE}, "voortgang.2.gehouden", "has not come yet"),
        ({"voortgang.2.gepland": "1900-01-01"}, "voortgang.2.gepland", "BRP registration"),
        ({"voortgang.1.gehouden": "2025-12-01"}, "voortgang.1.gehouden", "BRP registration"),
        ({"voortgang.3.gehouden": "2026-05-01"}, "voortgang.3.gehouden", "talk the case"),
    ],
    ids=["finding-7-talk-99", "version-999", "held-future", "planned-1900", "held-pre-brp", "gap"],
)
def test_a_talk_that_contradicts_its_case_is_rejected_naming_the_field(
    laptop: SyncClient,
    office: Database,
    consultant: str,
    patch: dict[str, Any],
    field: str,
    words: str,
) -> None:
    case = _case(laptop, consultant)
    answer = laptop.push([Op(op_id=2, case_id=case, base_version=1, patch=patch)])
    (result,) = answer.results
    assert (result.status, result.error) == ("rejected", "invalid_field")
    assert result.message is not None and result.message.startswith(f"{field}: ")
    assert words in result.message
    with office.read() as session:
        for key, value in patch.items():
            stored = session.get(FieldValue, (case, key))
            assert stored is None or stored.value != value


def test_the_next_talk_held_under_the_pip_in_force_is_applied(
    laptop: SyncClient, office: Database, consultant: str
) -> None:
    case = _case(laptop, consultant)
    patch: dict[str, Any] = {
        "voortgang.2.gepland": "2026-06-01",
        "voortgang.2.gehouden": "2026-06-03",
        "voortgang.2.pip_versie": 1,
        "voortgang.2.notities": "Gaat goed.",
        "voortgang.3.gepland": "2026-09-01",
    }
    (result,) = laptop.push([Op(op_id=2, case_id=case, base_version=1, patch=patch)]).results
    assert result.status == "applied", result.message


def test_a_creating_op_is_held_to_its_own_brp_registration(laptop: SyncClient) -> None:
    patch = creating({"voortgang.1.gepland": "2025-01-01"})
    assert IDENTITY["dates.brp_registration"] > "2025-01-01"
    (result,) = laptop.push(
        [Op(op_id=1, case_id=new_case_id(), base_version=0, patch=patch)]
    ).results
    assert (result.status, result.error) == ("rejected", "invalid_field")


def test_an_office_edit_is_held_to_the_same_rule(
    laptop: SyncClient, office: Database, consultant: str
) -> None:
    case = _case(laptop, consultant)
    with pytest.raises(admin.AdminError) as caught:
        admin.edit_case(office, case, {"voortgang.5.notities": "x"})
    assert "voortgang.5.notities" in str(caught.value)
    assert "gesprek" in str(caught.value)
