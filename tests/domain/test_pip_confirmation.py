"""What is open in the intake before a PIP is set: warnings, never refusals (issue 13
item 5); and the decision's record of who set it (AVG art. 22)."""

from __future__ import annotations

from datetime import date

import pytest

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.domain.pip import Beschikking, Besluitnemer, PipFormatError, PipHistory
from inburg_desktop.domain.pip_confirmation import (
    PREFERENCE_NOT_ASKED,
    ROUTE_NOT_CHOSEN,
    TOPIC_OPEN,
    TOPIC_PARKED,
    TopicStatus,
    intake_open_items,
)

DOOR = Besluitnemer("Sanne de Vries", "kantoor-sanne", "2026-11-02T09:15:00+00:00")


def _topics(*states: TopicState) -> tuple[TopicStatus, ...]:
    return tuple(TopicStatus(f"Onderwerp {i}", s) for i, s in enumerate(states))


def test_the_usability_tests_intake_gives_four_warnings() -> None:
    """7 of 16 topics done, one parked, no route chosen, preference not asked."""
    states = [TopicState.COVERED] * 7 + [TopicState.PARKED] + [TopicState.TOUCHED] * 3
    states += [TopicState.NOT_STARTED] * 5
    items = intake_open_items(_topics(*states), route_chosen=False, preference_asked=False)
    assert [r.code for r in items] == [
        TOPIC_PARKED,
        TOPIC_OPEN,
        ROUTE_NOT_CHOSEN,
        PREFERENCE_NOT_ASKED,
    ]
    assert items[0].render() == "Geparkeerd in de intake: Onderwerp 7."
    assert items[1].params["count"] == "8" and items[1].params["total"] == "16"


def test_a_finished_intake_leaves_nothing_open() -> None:
    items = intake_open_items(
        _topics(TopicState.COVERED, TopicState.COVERED), route_chosen=True, preference_asked=True
    )
    assert items == ()


def test_an_amendment_does_not_ask_for_the_intakes_route_choice_again() -> None:
    items = intake_open_items(
        _topics(TopicState.COVERED), route_chosen=False, preference_asked=True, amendment=True
    )
    assert items == ()


def test_the_decider_is_kept_with_the_set_version_and_round_trips() -> None:
    history = PipHistory()
    history = history.with_draft(history.new_draft(Beschikking(Leerroute.B1), date(2026, 11, 2)))
    assert history.draft is not None and history.draft.vastgesteld_door is None
    done = history.set_draft(date(2026, 11, 2), DOOR)
    version = done.in_force
    assert version is not None and version.vastgesteld_door == DOOR
    again = PipHistory.from_storage(done.storage_items())
    assert again.in_force is not None and again.in_force.vastgesteld_door == DOOR
    assert version.to_json()["vastgesteld_door"] == {
        "naam": "Sanne de Vries",
        "consulent_id": "kantoor-sanne",
        "tijdstip": "2026-11-02T09:15:00+00:00",
    }


@pytest.mark.parametrize(
    ("naam", "tijdstip", "field"),
    [
        ("", "2026-11-02T09:15:00+00:00", "naam"),
        ("Sanne", "2026-11-02T09:15:00", "tijdstip"),  # no offset: not a moment
        ("Sanne", "gisteren", "tijdstip"),
    ],
)
def test_a_stored_decider_is_checked_when_loaded(naam: str, tijdstip: str, field: str) -> None:
    data = {
        "nummer": 1,
        "status": "set",
        "created_on": "2026-11-02",
        "dagtekening": "2026-11-02",
        "beschikking": {},
        "vastgesteld_door": {"naam": naam, "consulent_id": "x", "tijdstip": tijdstip},
    }
    from inburg_desktop.domain.pip import PipVersion

    with pytest.raises(PipFormatError) as refused:
        PipVersion.from_json(data)
    assert refused.value.field == f"pip.vastgesteld_door.{field}"


def test_a_draft_cannot_carry_a_decider() -> None:
    from inburg_desktop.domain.pip import PipVersion

    with pytest.raises(PipFormatError):
        PipVersion.from_json(
            {
                "nummer": 1,
                "status": "draft",
                "created_on": "2026-11-02",
                "beschikking": {},
                "vastgesteld_door": DOOR.__dict__,
            }
        )
