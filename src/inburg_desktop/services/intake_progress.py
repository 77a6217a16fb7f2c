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

from inburg_desktop import i18n
from inburg_desktop.domain.intake import TopicState, topic_state
from inburg_desktop.prompts.catalogue import NOTES_FIELD_ID, Catalogue, Topic, load_catalogue
from inburg_desktop.prompts.translations import localized
from inburg_desktop.storage.cases import StoredCase

INTAKE_PREFIX = "intake."
PARKED = "_parked"
COVERED = "_covered"
DISCUSSED = "_discussed"


@functools.cache
def shipped_catalogue() -> Catalogue:
    """The catalogue shipped with the app, loaded and validated once per process."""
    return load_catalogue()


def ui_catalogue() -> Catalogue:
    """The shipped catalogue with its labels in the UI language now in force (the
    consultant's screen); :func:`shipped_catalogue` stays Dutch for what must be Dutch
    (the interpreter view's Dutch line, the PIP). Raises ``CatalogueError`` like
    :func:`shipped_catalogue` when the shipped catalogue is broken."""
    return _localized(i18n.current_language())


@functools.cache
def _localized(language: str) -> Catalogue:
    return localized(shipped_catalogue(), language)


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
    prefix = f"{INTAKE_PREFIX}{topic.id}."
    own = {key[len(prefix) :]: value for key, value in fields.items() if key.startswith(prefix)}
    return _state(topic, own)


def _state(topic: Topic, own: Mapping[str, Any]) -> TopicState:
    """The state of ``topic`` from its own fields by local id (answers and ``_`` marks)."""
    answers = {key: value for key, value in own.items() if not key.startswith("_")}
    answered_ids = {k for k, v in answers.items() if answered(v) and k != NOTES_FIELD_ID}
    return topic_state(
        required_field_ids=topic.required_field_ids(answers),
        answered_field_ids=answered_ids,
        has_notes=answered(answers.get(NOTES_FIELD_ID)),
        parked=bool(own.get(PARKED)),
        marked_covered=bool(own.get(COVERED)),
    )


def by_topic(fields: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The intake fields of a case grouped by topic id, each by its local id (answers and
    ``_`` marks): one pass over the fields, where asking each topic for its own would pass
    over them once per topic (topic ids hold no dot: ``prompts.catalogue``)."""
    grouped: dict[str, dict[str, Any]] = {}
    for key, value in fields.items():
        if key.startswith(INTAKE_PREFIX):
            topic_id, dot, local = key[len(INTAKE_PREFIX) :].partition(".")
            if dot:
                grouped.setdefault(topic_id, {})[local] = value
    return grouped


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
    grouped = by_topic(stored.fields)
    return IntakeProgress(
        {
            t.id: _state(t, grouped[t.id]) if t.id in grouped else _untouched(t)
            for t in catalogue.topics
        }
    )


_untouched_states: dict[int, tuple[Topic, TopicState]] = {}


def _untouched(topic: Topic) -> TopicState:
    """The state of a topic without any field yet, computed once per topic: most topics of
    most cases of a caseload (the case list computes every case's progress)."""
    held = _untouched_states.get(id(topic))
    if held is None or held[0] is not topic:
        held = (topic, _state(topic, {}))
        _untouched_states[id(topic)] = held
    return held[1]
