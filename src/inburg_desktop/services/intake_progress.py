"""How far the brede intake of a case has come, topic by topic.

Intake data lives in case fields: ``intake.<topic>.<field>`` holds an answer (the key is
the catalogue's qualified field key), ``intake.<topic>._parked`` and
``intake.<topic>._covered`` the consultant's marks, ``intake.<topic>._discussed`` the
moments the topic was discussed. The state of a topic is derived from these with the
domain rule, never stored, so coverage is always real.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from inburg_desktop.domain.intake import TopicState, topic_state
from inburg_desktop.prompts.catalogue import NOTES_FIELD_ID, Catalogue, Topic, load_catalogue
from inburg_desktop.storage.cases import StoredCase

INTAKE_PREFIX = "intake."
PARKED = "_parked"
COVERED = "_covered"
DISCUSSED = "_discussed"


@functools.cache
def shipped_catalogue() -> Catalogue:
    """The catalogue shipped with the app, loaded and validated once per process."""
    return load_catalogue()


def field_key(topic_id: str, field_id: str) -> str:
    return f"{INTAKE_PREFIX}{topic_id}.{field_id}"


def answered(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


def topic_answers(fields: Mapping[str, Any], topic: Topic) -> dict[str, Any]:
    """The answers of one topic, by local field id."""
    prefix = f"{INTAKE_PREFIX}{topic.id}."
    return {
        key[len(prefix) :]: value
        for key, value in fields.items()
        if key.startswith(prefix) and not key[len(prefix) :].startswith("_")
    }


def state_of(fields: Mapping[str, Any], topic: Topic) -> TopicState:
    answers = topic_answers(fields, topic)
    answered_ids = {k for k, v in answers.items() if answered(v) and k != NOTES_FIELD_ID}
    return topic_state(
        required_field_ids=topic.required_field_ids(answers),
        answered_field_ids=answered_ids,
        has_notes=answered(answers.get(NOTES_FIELD_ID)),
        parked=bool(fields.get(field_key(topic.id, PARKED))),
        marked_covered=bool(fields.get(field_key(topic.id, COVERED))),
    )


@dataclass(frozen=True)
class IntakeProgress:
    states: dict[str, TopicState]

    @property
    def topics_total(self) -> int:
        return len(self.states)

    @property
    def topics_covered(self) -> int:
        return sum(1 for s in self.states.values() if s is TopicState.COVERED)


def intake_progress(stored: StoredCase, catalogue: Catalogue | None = None) -> IntakeProgress:
    catalogue = catalogue or shipped_catalogue()
    return IntakeProgress({t.id: state_of(stored.fields, t) for t in catalogue.topics})
