"""A topic's bookkeeping fields (``_discussed``, ``_covered``, ``_parked``) are named in
words wherever a field is named (Apart gezet, conflicts, exports), never by their internal
key (usability round 3: "intake.competenties._discussed" with raw JSON in Apart gezet)."""

from __future__ import annotations

from inburg_desktop.services.field_labels import BOOKKEEPING_LABELS, field_label
from inburg_desktop.services.intake_progress import shipped_catalogue


def test_every_topics_bookkeeping_is_named_in_words() -> None:
    catalogue = shipped_catalogue()
    for topic in catalogue.topics:
        for suffix, words in BOOKKEEPING_LABELS.items():
            label = field_label(f"intake.{topic.id}.{suffix}", catalogue)
            assert label == f"{topic.title}: {words}"
            assert "_" not in label and "intake." not in label
