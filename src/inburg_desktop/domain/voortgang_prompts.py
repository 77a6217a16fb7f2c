"""The Dutch source texts of the voortgangsgesprek: a few questions per life domain and the
satisfaction questions (``domain.satisfaction``: MAP, PVT and begeleiding), asked in the
newcomer's language on the interpreter view as the intake's prompts are.

They are translated in the prompts catalogue (``translations/prompts``) under the message
contexts ``topic.<topic>.title`` and ``prompt.<topic>.<prompt>``, the contexts the
interpreter view reads; every topic id starts with ``gesprek_``, so none can be an intake
topic's (``tests/domain/test_voortgang_prompts.py`` checks it). The translations are drafts
like the intake's: each language's review status (``translations/review-status.toml``)
says whether a translator checked it, and the interpreter view marks a concept translation.

The life domains follow the brede intake's (Besluit art. 5.2) as a talk revisits them:
language and learning, work and participation, health, family and network, money and
getting by. The satisfaction questions name the answers to choose from, so the newcomer
hears the scale in their own language (DOMAIN.md "Monitoring the municipality wants").
"""

from __future__ import annotations

from dataclasses import dataclass

from inburg_desktop.domain.satisfaction import Onderwerp

TOPIC_PREFIX = "gesprek_"
OPENING = "opening"


@dataclass(frozen=True)
class TalkTopic:
    """One life domain of the talk: its id, Dutch title and questions (the first is the
    opening question), each ``(local id, Dutch text)``."""

    id: str
    title: str
    prompts: tuple[tuple[str, str], ...]


SATISFACTION_TOPIC = "gesprek_tevredenheid"
SATISFACTION_PROMPTS: dict[Onderwerp, str] = {
    Onderwerp.MAP: "map",
    Onderwerp.PVT: "pvt",
    Onderwerp.BEGELEIDING: "begeleiding",
}
"""The satisfaction question of each subject: its prompt's local id in
:data:`SATISFACTION_TOPIC`."""

TALK_TOPICS: tuple[TalkTopic, ...] = (
    TalkTopic(
        "gesprek_taal",
        "Taal en leren",
        (
            (OPENING, "Hoe gaat het met het leren van de Nederlandse taal?"),
            ("lessen", "Welke lessen volgt u nu, en hoe vaak?"),
            ("moeilijk", "Wat gaat goed, en wat vindt u moeilijk?"),
        ),
    ),
    TalkTopic(
        "gesprek_werk",
        "Werk en meedoen",
        (
            (OPENING, "Wat doet u op dit moment overdag?"),
            ("werk", "Heeft u werk, vrijwilligerswerk of een stage?"),
            ("doel", "Wat wilt u het komende halfjaar bereiken?"),
        ),
    ),
    TalkTopic(
        "gesprek_gezondheid",
        "Gezondheid",
        (
            (OPENING, "Hoe gaat het met uw gezondheid?"),
            ("belemmering", "Is er iets dat leren of werken moeilijk maakt?"),
        ),
    ),
    TalkTopic(
        "gesprek_gezin",
        "Gezin en contacten",
        (
            (OPENING, "Hoe gaat het met uw gezin?"),
            ("contact", "Met wie heeft u contact in uw buurt?"),
        ),
    ),
    TalkTopic(
        "gesprek_geld",
        "Geld en zelfstandig zijn",
        (
            (OPENING, "Lukt het om uw rekeningen op tijd te betalen?"),
            ("brieven", "Begrijpt u de brieven die u krijgt?"),
        ),
    ),
    TalkTopic(
        SATISFACTION_TOPIC,
        "Tevredenheid",
        (
            (
                OPENING,
                "Ik stel u drie korte vragen. U kunt antwoorden met: zeer ontevreden, "
                "ontevreden, neutraal, tevreden of zeer tevreden.",
            ),
            (
                SATISFACTION_PROMPTS[Onderwerp.MAP],
                "Hoe tevreden bent u over de module arbeidsmarkt en participatie (MAP)?",
            ),
            (
                SATISFACTION_PROMPTS[Onderwerp.PVT],
                "Hoe tevreden bent u over het participatieverklaringstraject (PVT)?",
            ),
            (
                SATISFACTION_PROMPTS[Onderwerp.BEGELEIDING],
                "Hoe tevreden bent u over de begeleiding door de gemeente en uw begeleider?",
            ),
        ),
    ),
)


def talk_contexts() -> dict[str, str]:
    """``{msgctxt: Dutch text}`` for the translation catalogue, in the talk's order."""
    out: dict[str, str] = {}
    for topic in TALK_TOPICS:
        out[f"topic.{topic.id}.title"] = topic.title
        for local, text in topic.prompts:
            out[f"prompt.{topic.id}.{local}"] = text
    return out
