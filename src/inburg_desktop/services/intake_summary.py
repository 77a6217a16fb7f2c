"""The intake summary of a case: per topic what is known and what is missing.

Builds the domain's ``TopicInput``s from a stored case and the catalogue (answers as
display text, option labels instead of codes) and summarises with the domain rule, so the
screen, the CLI and the PIP read the same coverage. ``build_overview`` adds the COA
handover facts of each topic (marked "van COA" until the consultant confirms them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from inburg_desktop.domain.intake import IntakeSummary, TopicInput, summarise
from inburg_desktop.domain.iso_date import parse_iso_moment
from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import NOTES_FIELD_ID, Catalogue, Field, FieldType, Topic
from inburg_desktop.services.intake_coa import CoaItem, coa_items, shown_date, unmatched_notes
from inburg_desktop.services.intake_progress import (
    COVERED,
    DISCUSSED,
    PARKED,
    answered,
    field_key,
    shipped_catalogue,
    topic_answers,
)
from inburg_desktop.storage.cases import StoredCase
from inburg_desktop.storage.changes import FieldMeta


def display_value(item: Field, value: Any) -> str:
    """An answer as the consultant reads it: labels, not codes."""
    if value is None:
        return ""
    if item.type is FieldType.BOOLEAN:
        return _("Ja") if value else _("Nee")
    if item.type is FieldType.DATE:
        return shown_date(value)
    if item.type is FieldType.CHOICE:
        return _option_label(item, str(value))
    if item.type is FieldType.MULTICHOICE and isinstance(value, list):
        return ", ".join(_option_label(item, str(v)) for v in value)
    if item.type is FieldType.GROUP and isinstance(value, list):
        rows = []
        for row in value:
            if isinstance(row, dict):
                parts = [
                    display_value(sub, row.get(sub.id))
                    for sub in item.fields
                    if answered(row.get(sub.id))
                ]
                rows.append(", ".join(parts))
        return "; ".join(r for r in rows if r)
    return str(value)


def _option_label(item: Field, value: str) -> str:
    for option in item.options:
        if option.value == value:
            return option.label
    return value


def discussed_on(fields: Mapping[str, Any], topic_id: str) -> date | None:
    moments = fields.get(field_key(topic_id, DISCUSSED)) or []
    dates = []
    for moment in moments:
        try:
            dates.append(parse_iso_moment(str(moment)).date())
        except ValueError:
            continue
    return max(dates) if dates else None


def topic_input(fields: Mapping[str, Any], topic: Topic) -> TopicInput:
    answers = topic_answers(fields, topic)
    labels = {f.id: f.label for f in topic.fields if f.id != NOTES_FIELD_ID}
    shown = {
        fid: display_value(topic.field(fid), value)
        for fid, value in answers.items()
        if fid in labels
    }
    notes = answers.get(NOTES_FIELD_ID)
    return TopicInput(
        topic_id=topic.id,
        title=topic.title,
        required_field_ids=topic.required_field_ids(answers),
        answers=shown,
        labels=labels,
        notes=notes if isinstance(notes, str) else "",
        parked=bool(fields.get(field_key(topic.id, PARKED))),
        marked_covered=bool(fields.get(field_key(topic.id, COVERED))),
        discussed_on=discussed_on(fields, topic.id),
    )


def build_summary(stored: StoredCase, catalogue: Catalogue | None = None) -> IntakeSummary:
    """The intake summary of ``stored``: the domain rule over the consultant's answers,
    the same coverage as ``intake_progress`` (COA facts are shown beside it, never counted).
    """
    catalogue = catalogue or shipped_catalogue()
    return summarise(topic_input(stored.fields, t) for t in catalogue.topics)


@dataclass(frozen=True)
class IntakeOverview:
    """The summary plus the COA facts per topic, as the summary screen shows them."""

    summary: IntakeSummary
    coa: dict[str, list[CoaItem]]
    other_coa: list[tuple[str, str]]  # (label, text) of notes that fit no topic


def build_overview(
    stored: StoredCase,
    meta: Mapping[str, FieldMeta],
    catalogue: Catalogue | None = None,
) -> IntakeOverview:
    return IntakeOverview(
        build_summary(stored, catalogue),
        coa_items(stored.fields, meta),
        unmatched_notes(stored.fields),
    )
