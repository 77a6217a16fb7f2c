"""Two laptops and the office: exactly-once delivery, field conflicts, resolution."""

from __future__ import annotations

from inburg_desktop.server.db import Database

from .conftest import LiveServer, enroll, new_case_id
from .laptop_sim import SimLaptop


def test_two_laptops_conflict_keeps_both_and_resolution_reaches_the_other(
    server: LiveServer, office: Database, consultant: str
) -> None:
    one = SimLaptop(enroll(server, office, consultant))
    two = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    one.edit(case, {"person.given_names": "Amal", "intake.opleiding.notes": "basis"})
    one.sync()
    two.sync()
    assert two.cases[case]["person.given_names"] == "Amal"
    # Both edit the same field (and one different field each) from the same version.
    one.edit(case, {"intake.opleiding.notes": "bachelor", "intake.werk.notes": "kok"})
    two.edit(case, {"intake.opleiding.notes": "master", "intake.taal.notes": "A2"})
    one.sync()
    answer = two.client.push(two.outbox)
    result = answer.results[0]
    assert result.status == "conflict"
    assert [(c.field_key, c.office_value, c.laptop_value) for c in result.conflicts] == [
        ("intake.opleiding.notes", "bachelor", "master")
    ]
    two.outbox = []
    two.pull()
    one.pull()
    # Nothing overwritten silently: the office value stays, the laptop value is kept.
    for laptop in (one, two):
        assert laptop.cases[case]["intake.opleiding.notes"] == "bachelor"
        assert laptop.cases[case]["intake.werk.notes"] == "kok"
        assert laptop.cases[case]["intake.taal.notes"] == "A2"
        assert [(c.field_key, c.laptop_value) for c in laptop.conflicts[case]] == [
            ("intake.opleiding.notes", "master")
        ]
    # The consultant merges on laptop two; the resolution syncs back and reaches laptop one.
    two.edit(
        case,
        {"intake.opleiding.notes": "bachelor en master"},
        resolves=["intake.opleiding.notes"],
    )
    two.sync()
    one.sync()
    for laptop in (one, two):
        assert laptop.cases[case]["intake.opleiding.notes"] == "bachelor en master"
        assert laptop.conflicts[case] == []


def test_resolution_against_a_newer_office_value_conflicts_again(
    server: LiveServer, office: Database, consultant: str
) -> None:
    from inburg_desktop.server import admin

    one = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    one.edit(case, {"k": "laptop-1"})
    one.sync()
    admin.edit_case(office, case, {"k": "office-1"})
    one.edit(case, {"k": "laptop-2"})  # based on the old version: conflict
    one.push()
    one.pull()
    assert one.conflicts[case][0].office_value == "office-1"
    admin.edit_case(office, case, {"k": "office-2"})  # the office moves again
    one.edit(case, {"k": "keuze"}, resolves=["k"])
    answer = one.client.push(one.outbox)
    assert answer.results[0].status == "conflict"
    assert answer.results[0].conflicts[0].office_value == "office-2"


def test_same_value_on_both_sides_is_no_conflict(
    server: LiveServer, office: Database, consultant: str
) -> None:
    one = SimLaptop(enroll(server, office, consultant))
    two = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    one.edit(case, {"a": 1})
    one.sync()
    two.pull()
    one.edit(case, {"a": 2})
    two.edit(case, {"a": 2})
    one.sync()
    answer = two.client.push(two.outbox)
    assert answer.results[0].status == "applied"


def test_own_successive_edits_never_conflict(
    server: LiveServer, office: Database, consultant: str
) -> None:
    one = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    one.edit(case, {"a": 1})
    one.push()
    one.edit(case, {"a": 2})  # still based on version 0: the laptop has not pulled
    one.edit(case, {"a": 3})
    answer = one.client.push(one.outbox)
    assert [r.status for r in answer.results] == ["applied", "applied"]
