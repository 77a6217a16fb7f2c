"""The voortgangsgesprek's questions as a prompt catalogue, so the intake's interpreter view
(``ui.interpreter_window``) shows them in the newcomer's language unchanged.

The texts and their message contexts are ``domain.voortgang_prompts``; this builds the
frozen :class:`~inburg_desktop.prompts.catalogue.Catalogue` shape from them (topics with an
opening question and follow-ups, no answer fields: a talk's answers are its notes,
progress and satisfaction, ``domain.voortgang_fields``).
"""

from __future__ import annotations

from functools import cache

from inburg_desktop.domain.voortgang_prompts import OPENING, TALK_TOPICS
from inburg_desktop.prompts.catalogue import Catalogue, Prompt, Topic

TALK_CATALOGUE_ID = "voortgangsgesprek"
TALK_CATALOGUE_VERSION = "2026.1"
"""Raise it (YEAR.N) when a text or id changes, as the intake catalogue's."""


@cache
def talk_catalogue() -> Catalogue:
    """The talk's life domains in order, each with its questions (the first the opening)."""
    topics = []
    for topic in TALK_TOPICS:
        prompts = tuple(
            Prompt(f"{topic.id}.{local}", topic.id, local, text, is_opening=local == OPENING)
            for local, text in topic.prompts
        )
        topics.append(
            Topic(
                id=topic.id,
                title=topic.title,
                legal_basis="Besluit inburgering 2021 art. 5.3 lid 4",
                minimum=False,
                opening=prompts[0],
                follow_ups=prompts[1:],
                hints=(),
                fields=(),
            )
        )
    return Catalogue(
        id=TALK_CATALOGUE_ID,
        version=TALK_CATALOGUE_VERSION,
        source_language="nl",
        title="Voortgangsgesprek",
        notes_label="Aantekeningen",
        topics=tuple(topics),
        option_sets=(),
    )
