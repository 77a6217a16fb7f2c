"""What of the household is the person's own data in their copy (AVG art. 15 lid 4: the
right of access must not adversely affect others; Besluit inburgering 2021, art. 5.2
lid 1: the gezinssituatie is part of the person's own circumstances). Table-driven: one
row per kind of member data, with what the person's copy keeps of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from tests.domain.test_case_document import valid_document

from inburg_desktop.domain.case_document import ConflictEntry, QuarantineEntry
from inburg_desktop.domain.subject_access import for_person, own_household

AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)

# (a stored member, what the person's copy keeps of it)
MEMBERS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"relation": "partner"}, {"relation": "partner"}),  # that they have a partner: theirs
    ({"relation": "kind", "name": "Noor"}, {"relation": "kind"}),  # the child's name: not
    ({"relation": "kind", "date_of_birth": "2019-04-03"}, {"relation": "kind"}),  # birth date
    ({"relation": "kind", "note": "astma"}, {"relation": "kind"}),  # a note about the child
    ({"relation": "partner", "v_nummer": "1234509876"}, {"relation": "partner"}),
    ({"relation": "partner", "case_id": "c-2"}, {"relation": "partner"}),  # member's own case
    ({"relation": "ouder", "inburgeringsplichtig": True}, {"relation": "ouder"}),
    # the sender's own word for a relation that maps to none: how they relate, so theirs
    (
        {"relation": "overig", "sender_relation": "sibling"},
        {"relation": "overig", "sender_relation": "sibling"},
    ),
    ({"relation": "child", "date_of_birth": "2021-08-01"}, {"relation": "child"}),  # COA's list
]


@pytest.mark.parametrize(("member", "kept"), MEMBERS)
def test_a_member_keeps_only_how_they_relate_to_the_person(
    member: dict[str, Any], kept: dict[str, Any]
) -> None:
    assert own_household([member]) == [kept]


@pytest.mark.parametrize("value", [None, "Noor", {"relation": "kind"}, 3, [None, "Noor"]])
def test_what_is_no_list_of_members_gives_nothing(value: Any) -> None:
    assert own_household(value) == []


def test_the_rule_holds_in_fields_conflicts_and_set_aside_changes_and_twice() -> None:
    member = [{"relation": "kind", "name": "Noor", "note": "astma"}]
    doc = replace(
        valid_document(),
        conflicts=(ConflictEntry("household", member, 3, member, AT),),
        quarantine=(
            QuarantineEntry("push", 7, ("household",), {"household": member}, "x", "m", {}, AT),
        ),
    )
    mine = for_person(doc)
    assert "Noor" not in repr(mine) and "astma" not in repr(mine)
    assert mine.conflicts[0].office_value == [{"relation": "kind"}]
    coa = next(f.value for f in mine.fields if f.key == "handover.household")
    assert coa == [{"relation": "child"}]
    assert for_person(mine) == mine
    # everything else is the person's own and stays as it is
    assert mine.person == doc.person and mine.attachments == doc.attachments
