"""Topic states and the intake summary (issue 3, items 2 and 5).

Covered means real coverage, not a click: marked covered by the consultant, every field the
law's minimum needs answered (Besluit art. 5.2 lid 1), and something recorded.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from inburg_desktop.domain.intake import (
    TopicInput,
    TopicState,
    is_answered,
    missing_required,
    summarise,
    topic_state,
)

REQ = ("toets_uitkomst", "geletterdheid")

STATE_TABLE = [
    # required, answered, has_notes, parked, marked_covered, expected
    pytest.param(REQ, (), False, False, False, TopicState.NOT_STARTED, id="nothing-yet"),
    pytest.param(REQ, (), False, True, False, TopicState.PARKED, id="parked-before-start"),
    pytest.param(
        REQ, ("toets_uitkomst",), False, False, False, TopicState.TOUCHED, id="one-answer"
    ),
    pytest.param(REQ, (), True, False, False, TopicState.TOUCHED, id="notes-only"),
    pytest.param(REQ, (), False, False, True, TopicState.TOUCHED, id="click-is-not-coverage"),
    pytest.param(
        REQ,
        ("toets_uitkomst",),
        True,
        False,
        True,
        TopicState.TOUCHED,
        id="marked-but-required-missing",
    ),
    pytest.param(REQ, REQ, False, False, False, TopicState.TOUCHED, id="complete-but-not-marked"),
    pytest.param(REQ, REQ, False, False, True, TopicState.COVERED, id="marked-and-complete"),
    pytest.param(
        REQ, (*REQ, "alfa_niveau"), True, False, True, TopicState.COVERED, id="more-than-required"
    ),
    pytest.param((), (), False, False, True, TopicState.TOUCHED, id="no-required-nothing-recorded"),
    pytest.param((), (), True, False, True, TopicState.COVERED, id="no-required-with-notes"),
    pytest.param(
        (), ("sterke_punten",), False, False, True, TopicState.COVERED, id="no-required-with-answer"
    ),
    pytest.param(
        REQ, ("geletterdheid",), False, True, False, TopicState.PARKED, id="parked-after-touching"
    ),
    pytest.param(
        REQ,
        ("geletterdheid",),
        False,
        True,
        True,
        TopicState.PARKED,
        id="parked-and-marked-incomplete",
    ),
    pytest.param(REQ, REQ, False, True, True, TopicState.COVERED, id="coverage-beats-parking"),
]


@pytest.mark.parametrize(
    ("required", "answered", "has_notes", "parked", "marked", "expected"), STATE_TABLE
)
def test_topic_state(
    required: tuple[str, ...],
    answered: tuple[str, ...],
    has_notes: bool,
    parked: bool,
    marked: bool,
    expected: TopicState,
) -> None:
    assert topic_state(required, answered, has_notes, parked, marked) is expected


def test_state_values_are_stable() -> None:
    assert [s.value for s in TopicState] == ["not_started", "touched", "covered", "parked"]


@pytest.mark.parametrize(
    ("value", "answered"),
    [(None, False), ("", False), ("   ", False), ("onbekend", True), ("0", True)],
)
def test_is_answered(value: str | None, answered: bool) -> None:
    assert is_answered(value) is answered


def test_missing_required_keeps_order() -> None:
    assert missing_required(("a", "b", "c"), ("b",)) == ("a", "c")


def _intake() -> list[TopicInput]:
    return [
        TopicInput(
            topic_id="leerbaarheid",
            title="Leren, lezen en schrijven",
            required_field_ids=("toets_uitkomst", "toets_score", "geletterdheid"),
            labels={
                "toets_uitkomst": "Uitkomst",
                "toets_score": "Score",
                "geletterdheid": "Geletterdheid",
            },
            answers={
                "geletterdheid": "Geletterd",
                "toets_uitkomst": "Haalbaar",
                "toets_score": " ",
            },
            marked_covered=True,
            discussed_on=date(2026, 3, 4),
        ),
        TopicInput(
            topic_id="opleiding",
            title="Opleiding",
            required_field_ids=("aantal_jaren",),
            labels={"aantal_jaren": "Jaren", "land": "Land"},
            answers={"land": "Syrië", "aantal_jaren": "12"},
            marked_covered=True,
        ),
        TopicInput(topic_id="motivatie", title="Motivatie", notes="  ", parked=True),
        TopicInput(topic_id="competenties", title="Competenties", notes="Kookt graag."),
    ]


def test_summary_counts_real_coverage_only() -> None:
    summary = summarise(_intake())
    assert summary.topics_total == 4
    assert summary.topics_covered == 1
    assert [t.state for t in summary.topics] == [
        TopicState.TOUCHED,  # marked covered, but the score is blank
        TopicState.COVERED,
        TopicState.PARKED,
        TopicState.TOUCHED,
    ]
    assert summary.count(TopicState.PARKED) == 1
    assert [t.topic_id for t in summary.open_topics()] == [
        "leerbaarheid",
        "motivatie",
        "competenties",
    ]


def test_summary_lists_known_and_missing() -> None:
    summary = summarise(_intake())
    leren = summary.topic("leerbaarheid")
    assert [(k.field_id, k.label, k.value) for k in leren.known] == [
        ("toets_uitkomst", "Uitkomst", "Haalbaar"),  # in label (catalogue) order
        ("geletterdheid", "Geletterdheid", "Geletterd"),
    ]
    assert leren.missing == ("toets_score",)
    assert leren.missing_labels == ("Score",)
    assert leren.discussed_on == date(2026, 3, 4)
    assert summary.missing() == {"leerbaarheid": ("toets_score",)}
    assert summary.topic("motivatie").notes == ""
    assert summary.topic("competenties").notes == "Kookt graag."
    with pytest.raises(KeyError):
        summary.topic("bestaat_niet")


def test_unlabelled_answers_are_kept_after_labelled_ones() -> None:
    topic = TopicInput("x", "X", labels={"a": "A"}, answers={"z": "zz", "a": "aa"})
    known = summarise([topic]).topic("x").known
    assert [(k.field_id, k.label) for k in known] == [("a", "A"), ("z", "z")]


def test_domain_imports_nothing_of_the_project_but_case_and_text() -> None:
    # STYLE.md "For this project" 1: domain/ imports nothing of the project, no framework.
    source = Path(__file__).parents[2] / "src" / "inburg_desktop" / "domain"
    allowed = {
        "inburg_desktop.domain.calendar",  # the one age function (DOMAIN "Counting periods")
        "inburg_desktop.domain.case",
        "inburg_desktop.domain.text",
    }
    for name in ("intake.py", "route_advice.py"):
        tree = ast.parse((source / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module.startswith("inburg_desktop"):
                    assert node.module in allowed, (name, node.module)
                else:
                    assert node.module.split(".")[0] in {
                        "__future__",
                        "collections",
                        "dataclasses",
                        "datetime",
                        "enum",
                    }, (name, node.module)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name in {"enum"}, (name, alias.name)
