"""The voortgangsgesprek's questions (``domain.voortgang_prompts``): their contexts are
not the intake's, each is in the prompts template and translated (not fuzzy) in every
shipped prompt language, and the talk catalogue the interpreter view reads finds them."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from inburg_desktop import i18n
from inburg_desktop.domain.pip_annex import annex_contexts
from inburg_desktop.domain.satisfaction import Onderwerp
from inburg_desktop.domain.voortgang_prompts import (
    SATISFACTION_PROMPTS,
    SATISFACTION_TOPIC,
    TOPIC_PREFIX,
    talk_contexts,
)
from inburg_desktop.prompts.catalogue import load_catalogue
from inburg_desktop.prompts.templates import prompts_template
from inburg_desktop.prompts.translations import is_concept, prompt_language_codes, prompt_text
from inburg_desktop.prompts.voortgang_catalogue import talk_catalogue

SHIPPED = Path(__file__).resolve().parents[2] / "translations"


@pytest.fixture(autouse=True)
def _shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.TRANSLATIONS_DIR_ENV, str(SHIPPED))


def test_talk_contexts_are_their_own() -> None:
    intake = {context for context, _text in load_catalogue().all_prompt_texts()}
    talk = set(talk_contexts())
    assert not talk & (intake | set(annex_contexts()))
    assert all(t.id.startswith(TOPIC_PREFIX) for t in talk_catalogue().topics)
    assert not {t.id for t in talk_catalogue().topics} & set(load_catalogue().topic_ids)
    template = {(m.context, m.id) for m in prompts_template() if m.id}
    assert set(talk_contexts().items()) <= template


@pytest.mark.parametrize("language", prompt_language_codes())
def test_every_talk_text_is_translated(language: str) -> None:
    with (SHIPPED / f"prompts/{language}/LC_MESSAGES/prompts.po").open("rb") as fh:
        catalog = read_po(fh)
    translated = {str(m.context): str(m.string) for m in catalog if m.id and not m.fuzzy}
    for context, dutch in talk_contexts().items():
        assert translated.get(context), context
        assert prompt_text(context, language) == translated[context] != dutch
    assert is_concept(language)  # drafts, marked as such on the interpreter view


def test_the_catalogue_the_interpreter_reads() -> None:
    catalogue = talk_catalogue()
    satisfaction = catalogue.topic(SATISFACTION_TOPIC)
    for subject in Onderwerp:  # one question per subject of domain.satisfaction
        satisfaction.prompt(SATISFACTION_PROMPTS[subject])
    for topic in catalogue.topics:
        assert topic.opening.is_opening and topic.prompts[0] is topic.opening
        assert prompt_text(f"topic.{topic.id}.title", "ar") != topic.title
        for prompt in topic.prompts:
            assert prompt_text(f"prompt.{prompt.id}", "nl") == prompt.text
    assert prompt_text("prompt.gesprek_tevredenheid.map", "en") == (
        "How satisfied are you with the labour market and participation module (MAP)?"
    )
