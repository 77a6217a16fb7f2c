"""Topic states and the intake summary of a brede intake: what is known, what is missing.

Pure logic on plain ids and labels; it knows nothing of the prompt catalogue. The caller
passes, per topic, the ids of the fields the law's minimum needs (``Topic.required_field_ids``
with the answers, so conditional requirements are included), the answers as display text
and the consultant's flags.

When is a topic *covered*? Real coverage, not a click. A topic is ``COVERED`` when all of:

1. the consultant marked it covered;
2. every required field is answered (an answer is a value with visible text: ``""`` or
   whitespace is no answer; "onbekend" is an answer, a deliberate one);
3. something was recorded: at least one answered field or non-empty notes (this matters
   for topics without required fields).

Otherwise, in this order of precedence:

- ``PARKED``: the consultant parked the topic to come back to it later;
- ``TOUCHED``: something was recorded or it was marked covered while a required field is
  still missing (the summary lists the missing fields);
- ``NOT_STARTED``: nothing yet.

Coverage beats parking: a covered topic has nothing left to come back to, so it counts as
covered even if the parked flag was left on.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date


class TopicState(enum.StrEnum):
    NOT_STARTED = "not_started"
    TOUCHED = "touched"
    COVERED = "covered"
    PARKED = "parked"


def is_answered(value: str | None) -> bool:
    """An answer counts when it has visible text."""
    return value is not None and value.strip() != ""


def missing_required(
    required_field_ids: Iterable[str], answered_field_ids: Iterable[str]
) -> tuple[str, ...]:
    """The required field ids not answered, in the order they were required."""
    answered = set(answered_field_ids)
    return tuple(field_id for field_id in required_field_ids if field_id not in answered)


def topic_state(
    required_field_ids: Iterable[str],
    answered_field_ids: Iterable[str],
    has_notes: bool,
    parked: bool,
    marked_covered: bool,
) -> TopicState:
    """The state of one topic; the rule is in the module docstring."""
    answered = set(answered_field_ids)
    recorded = bool(answered) or has_notes
    complete = not missing_required(required_field_ids, answered)
    if marked_covered and complete and recorded:
        return TopicState.COVERED
    if parked:
        return TopicState.PARKED
    if recorded or marked_covered:
        return TopicState.TOUCHED
    return TopicState.NOT_STARTED


@dataclass(frozen=True)
class TopicInput:
    """What the intake holds for one topic, as plain ids and display text."""

    topic_id: str
    title: str
    required_field_ids: tuple[str, ...] = ()
    answers: Mapping[str, str] = field(default_factory=dict)  # field id -> display text
    labels: Mapping[str, str] = field(default_factory=dict)  # field id -> label, in order
    notes: str = ""
    parked: bool = False
    marked_covered: bool = False
    discussed_on: date | None = None


@dataclass(frozen=True)
class KnownAnswer:
    field_id: str
    label: str
    value: str


@dataclass(frozen=True)
class TopicSummary:
    topic_id: str
    title: str
    state: TopicState
    known: tuple[KnownAnswer, ...]
    missing: tuple[str, ...]  # required field ids without an answer
    missing_labels: tuple[str, ...]
    notes: str
    discussed_on: date | None

    @property
    def covered(self) -> bool:
        return self.state is TopicState.COVERED


@dataclass(frozen=True)
class IntakeSummary:
    topics: tuple[TopicSummary, ...]

    @property
    def topics_total(self) -> int:
        return len(self.topics)

    @property
    def topics_covered(self) -> int:
        return self.count(TopicState.COVERED)

    def count(self, state: TopicState) -> int:
        return sum(1 for topic in self.topics if topic.state is state)

    def topic(self, topic_id: str) -> TopicSummary:
        for topic in self.topics:
            if topic.topic_id == topic_id:
                return topic
        raise KeyError(topic_id)

    def open_topics(self) -> tuple[TopicSummary, ...]:
        """Topics not yet covered, in the order given."""
        return tuple(topic for topic in self.topics if not topic.covered)

    def missing(self) -> dict[str, tuple[str, ...]]:
        """Per topic with gaps: the missing required field ids."""
        return {topic.topic_id: topic.missing for topic in self.topics if topic.missing}


def summarise_topic(topic: TopicInput) -> TopicSummary:
    answered = [fid for fid, value in topic.answers.items() if is_answered(value)]
    order = [*topic.labels, *(fid for fid in topic.answers if fid not in topic.labels)]
    answered_set = set(answered)
    known = tuple(
        KnownAnswer(fid, topic.labels.get(fid, fid), topic.answers[fid].strip())
        for fid in order
        if fid in answered_set
    )
    missing = missing_required(topic.required_field_ids, answered_set)
    has_notes = topic.notes.strip() != ""
    return TopicSummary(
        topic_id=topic.topic_id,
        title=topic.title,
        state=topic_state(
            topic.required_field_ids, answered_set, has_notes, topic.parked, topic.marked_covered
        ),
        known=known,
        missing=missing,
        missing_labels=tuple(topic.labels.get(fid, fid) for fid in missing),
        notes=topic.notes.strip(),
        discussed_on=topic.discussed_on,
    )


def summarise(topics: Iterable[TopicInput]) -> IntakeSummary:
    """Summarise an intake: per topic its state, what is known and what is missing."""
    return IntakeSummary(tuple(summarise_topic(topic) for topic in topics))
