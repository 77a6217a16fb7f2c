"""The office refuses a pushed PIP or agenda field the laptop's own rules refuse (attack
round 6, findings 8 and 12), per op and naming the field, and stores nothing of that op;
what the app itself writes is applied."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from inburg_desktop.protocol.messages import Op
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import FieldValue
from inburg_desktop.sync.transport import SyncClient

from ..protocol.test_pip_agenda_rules import GOOD_AGENDA, HOSTILE_NAME, signed_items
from .conftest import creating, new_case_id


def _hostile_pip() -> dict[str, Any]:
    items = signed_items()
    version = copy.deepcopy(items["pip.version.1"])
    version["vastgesteld_door"]["naam"] = HOSTILE_NAME
    return {**items, "pip.version.1": version}


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        (_hostile_pip(), "pip.version.1"),
        ({"pip.current": {"status": "signed"}}, "pip.current"),
        ({"agenda.x": "y"}, "agenda.x"),
        (
            {
                "agenda.voortgangsgesprek:2100-12-31": {
                    "state": "snoozed",
                    "reason": "\u202eqrs",
                    "until": "2026-12-01",
                }
            },
            "agenda.voortgangsgesprek:2100-12-31",
        ),
    ],
    ids=["pip-decider-escapes", "pip-pointer", "agenda-no-item", "agenda-rlo-reason"],
)
def test_a_pip_or_agenda_field_the_laptop_refuses_is_rejected_naming_the_field(
    laptop: SyncClient, office: Database, patch: dict[str, Any], field: str
) -> None:
    case = new_case_id()
    laptop.push([Op(op_id=1, case_id=case, base_version=0, patch=creating({}))])
    answer = laptop.push([Op(op_id=2, case_id=case, base_version=1, patch=patch)])
    (result,) = answer.results
    assert (result.status, result.error) == ("rejected", "invalid_field")
    assert result.message is not None and result.message.startswith(f"{field}: ")
    # the marker's letters are no hexadecimal digits: the answer's ids are UUIDs, and
    # "abc" stood in one now and then
    assert "pwned" not in answer.model_dump_json() and "qrs" not in answer.model_dump_json()
    with office.read() as session:
        assert all(session.get(FieldValue, (case, key)) is None for key in patch)


def test_what_the_app_writes_is_applied(
    laptop: SyncClient, office: Database, consultant: str
) -> None:
    case = new_case_id()
    patch = {**signed_items(by=consultant), **dict(GOOD_AGENDA)}
    answer = laptop.push([Op(op_id=1, case_id=case, base_version=0, patch=creating(patch))])
    assert [r.status for r in answer.results] == ["applied"]
    with office.read() as session:
        stored = session.get(FieldValue, (case, "pip.version.1"))
        assert stored is not None
        assert json.loads(stored.value)["vastgesteld_door"]["naam"] == consultant
