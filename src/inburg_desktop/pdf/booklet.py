"""The prompt booklet: every intake prompt in one language beside the Dutch, printable,
for interpreters who work by telephone (issue 4, item 6)."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from inburg_desktop.pdf.columns import Columns, Padding, Rule
from inburg_desktop.pdf.document import FRAME_WIDTH, DocumentInfo, render_story
from inburg_desktop.pdf.text import Role, paragraph
from inburg_desktop.pdf.translation_mark import CONCEPT_NOTE
from inburg_desktop.prompts.catalogue import Catalogue, parse_version
from inburg_desktop.prompts.translations import is_concept, prompt_language, prompt_text

COLUMN = FRAME_WIDTH / 2  # Dutch left, the translation right; both inside the frame


def created_for(catalogue: Catalogue) -> datetime:
    """A fixed date per catalogue version, so the same booklet is the same bytes."""
    year, number = parse_version(catalogue.version)[:2]
    return datetime(year, min(max(number, 1), 12), 1)


def _pair(dutch: str, translated: str, language: str, key: str, role: Role = "body") -> Flowable:
    """The Dutch prompt and its translation side by side; a long one flows across pages.
    ``key``: the prompt's key in the translation catalogues, the field a character no
    font draws is named by (``text.undrawable``), so a translator finds the entry."""
    return Columns(
        [
            [paragraph(dutch, "nl", role, field=key)],
            [paragraph(translated, language, role, field=key)],
        ],
        [COLUMN, None],
        Padding(left=4, right=4, top=3, bottom=3),
        Rule(0.4, colors.HexColor("#cccccc")),
    )


def booklet_story(catalogue: Catalogue, language: str) -> list[Flowable]:
    lang = prompt_language(language)
    story: list[Flowable] = [
        paragraph(f"Vragenboekje brede intake — {lang.endonym}", "nl", "title"),
        paragraph(prompt_text("catalogue.title", language), language, "heading"),
        paragraph(
            "Voor de tolk: links staat de vraag zoals de consulent hem stelt, rechts de "
            "vertaling. Stel één vraag tegelijk. Vertaal wat de nieuwkomer zegt zo letterlijk "
            f"mogelijk terug. Vragencatalogus versie {catalogue.version}.",
            "nl",
        ),
    ]
    if is_concept(language):
        story.append(paragraph(CONCEPT_NOTE, "nl", "small"))
    story.append(Spacer(1, 6 * mm))
    for topic in catalogue.topics:
        title = f"topic.{topic.id}.title"
        block: list[Flowable] = [
            _pair(topic.title, prompt_text(title, language), language, title, "heading")
        ]
        for prompt in topic.prompts:
            key = f"prompt.{prompt.id}"
            block.append(_pair(prompt.text, prompt_text(key, language), language, key))
        story.append(KeepTogether(block[:2]))
        story.extend(block[2:])
        story.append(Spacer(1, 4 * mm))
    return story


def render_booklet(catalogue: Catalogue, language: str) -> bytes:
    """The booklet's PDF bytes; ``KeyError`` for an unknown language."""
    lang = prompt_language(language)
    info = DocumentInfo(
        title=f"Vragenboekje brede intake ({lang.endonym})",
        author="inburg-desktop",
        subject=f"Vragen van de brede intake, Nederlands en {lang.code}",
        lang="nl",
        created=created_for(catalogue),
        keywords=("brede intake", "tolk", lang.code),
    )
    return render_story(lambda: booklet_story(catalogue, language), info)
