"""Warme overdracht in the intake: COA handover data shown in the matching topics.

An imported handover file stores ``handover.notes.<key>`` (free text) and
``handover.household`` (list of ``{relation, date_of_birth}``) with
``FieldMeta(source="coa", confirmed=False)``. A note key the app did not choose is stored
under a safe key (``domain.handover.note_key``) with the sender's spelling in
``handover.note_labels``; that spelling is what the consultant sees as the label.
Here they become ``CoaItem``s in the topic they belong to, for the consultant to confirm
(same value, ``confirmed=True``) or correct (new value, ``source="consultant"``), so the
newcomer need not tell it again.
The household also prefills the ``gezinssituatie.gezinsleden`` rows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from inburg_desktop.domain.calendar import age_on
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.text import N_
from inburg_desktop.formatting import format_date
from inburg_desktop.i18n import _, current_language
from inburg_desktop.prompts.catalogue import Catalogue
from inburg_desktop.services.intake_edit import Meta, Patch, answer_meta
from inburg_desktop.services.intake_progress import answered, field_key
from inburg_desktop.storage.cases import COA_SOURCE, HANDOVER_NOTE_LABELS, HANDOVER_NOTES_PREFIX
from inburg_desktop.storage.changes import FieldMeta

NOTES_PREFIX = HANDOVER_NOTES_PREFIX
HOUSEHOLD_KEY = "handover.household"
HOUSEHOLD_TOPIC = "gezinssituatie"
HOUSEHOLD_FIELD = "gezinsleden"

# handover note key -> intake topic; the keys are domain.handover.NOTE_KEYS (a test checks)
NOTE_TOPICS = {
    "opleiding": "opleiding",
    "werkervaring": "werkervaring",
    "werk": "werkervaring",
    "voorinburgering": "taalniveau",
    "taal": "taalniveau",
    "talen": "taalniveau",
    "gezondheid": "fysieke_gezondheid",
    "gezin": "gezinssituatie",
    "financien": "financien",
}
# The relation codes a handover's household may carry (COA and municipal systems spell
# them in English), mapped to the intake's ``gezinsleden`` choice; what is not here is
# "anders", shown with the sender's word so nothing is hidden.
RELATIONS = {
    "partner": "partner",
    "spouse": "partner",
    "husband": "partner",
    "wife": "partner",
    "child": "kind",
    "son": "kind",
    "daughter": "kind",
    "stepchild": "kind",
    "foster_child": "kind",
    "parent": "ouder",
    "father": "ouder",
    "mother": "ouder",
    "sibling": "broer_zus",
    "brother": "broer_zus",
    "sister": "broer_zus",
}


@dataclass(frozen=True)
class CoaItem:
    key: str  # the stored handover key
    topic_id: str
    label: str
    text: str
    confirmed: bool
    corrected: bool


def note_labels(fields: Mapping[str, Any]) -> dict[str, str]:
    """Safe note key → the sender's spelling, as stored at import (empty when none)."""
    stored = fields.get(HANDOVER_NOTE_LABELS)
    if not isinstance(stored, dict):
        return {}
    return {k: v for k, v in stored.items() if isinstance(k, str) and isinstance(v, str)}


NOTE_LABELS = {
    "opleiding": N_("Opleiding volgens COA"),
    "werkervaring": N_("Werkervaring volgens COA"),
    "voorinburgering": N_("Voorinburgering in het azc"),
}


def note_label(
    note: str, labels: Mapping[str, str] | None = None, words: Callable[[str], str] = _
) -> str:
    """The label of note ``note`` (its key after ``handover.notes.``): the app's own label
    for a key it chose, else the key as the sender wrote it (from ``labels``). ``words``
    translates a msgid: the UI language by default, Dutch with ``words=str``."""
    if note in NOTE_LABELS:
        return words(NOTE_LABELS[note])
    shown = (labels or {}).get(note, note)
    return words(N_("Gegevens van COA ({key})")).format(key=shown)


def shown_date(value: Any) -> str:
    """A stored ISO date as the UI language writes it ("1 aug 2021"); a value that is no
    date is shown as it is stored, so nothing the sender sent is hidden."""
    try:
        day = parse_iso_date(str(value))
    except ValueError:
        return str(value)
    return format_date(day, current_language())


def relation_label(relation: str) -> str:
    """The handover's relation code as a word in the UI language ("child" -> "kind");
    a code not known here is shown as "anders (‘code’)", the sender's word kept."""
    labels = {
        "partner": _("partner"),
        "spouse": _("echtgenoot of echtgenote"),
        "husband": _("echtgenoot"),
        "wife": _("echtgenote"),
        "child": _("kind"),
        "son": _("zoon"),
        "daughter": _("dochter"),
        "stepchild": _("stiefkind"),
        "foster_child": _("pleegkind"),
        "parent": _("ouder"),
        "father": _("vader"),
        "mother": _("moeder"),
        "sibling": _("broer of zus"),
        "brother": _("broer"),
        "sister": _("zus"),
    }
    known = labels.get(relation.strip().lower())
    if known is not None:
        return known
    return _("anders (‘{relation}’)").format(relation=relation)


def household_text(members: list[Any]) -> str:
    """The COA household in words: "kind (1 aug 2021), partner (11 feb 1991)"."""
    parts = []
    for member in members:
        if not isinstance(member, dict):
            continue
        relation = relation_label(str(member.get("relation", "?")))
        born = member.get("date_of_birth")
        parts.append(f"{relation} ({shown_date(born)})" if born else relation)
    return ", ".join(parts)


def coa_items(fields: Mapping[str, Any], meta: Mapping[str, FieldMeta]) -> dict[str, list[CoaItem]]:
    """Per topic the COA data it shows; notes without a matching topic are left out here."""
    out: dict[str, list[CoaItem]] = {}
    labels = note_labels(fields)
    for key, value in sorted(fields.items()):
        if key.startswith(NOTES_PREFIX) and isinstance(value, str):
            note = key[len(NOTES_PREFIX) :]
            topic = NOTE_TOPICS.get(note)
            if topic is None:
                continue
            label, text = note_label(note, labels), value
        elif key == HOUSEHOLD_KEY and isinstance(value, list):
            topic, label, text = HOUSEHOLD_TOPIC, _("Huishouden volgens COA"), household_text(value)
        else:
            continue
        item_meta = meta.get(key, FieldMeta(source=COA_SOURCE, confirmed=False))
        out.setdefault(topic, []).append(
            CoaItem(
                key,
                topic,
                label,
                text,
                item_meta.confirmed,
                corrected=item_meta.source != COA_SOURCE,
            )
        )
    return out


def unmatched_notes(fields: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Handover notes that belong to no topic, as ``(label, text)`` in key order (shown in
    the summary); the label is the sender's spelling of the key."""
    labels = note_labels(fields)
    out = []
    for key, value in sorted(fields.items()):
        note = key[len(NOTES_PREFIX) :]
        if key.startswith(NOTES_PREFIX) and isinstance(value, str) and note not in NOTE_TOPICS:
            out.append((labels.get(note, note), value))
    return out


def household_rows(fields: Mapping[str, Any], today: date) -> list[dict[str, Any]]:
    """COA household members as ``gezinsleden`` rows (relation and age)."""
    rows: list[dict[str, Any]] = []
    for member in fields.get(HOUSEHOLD_KEY) or []:
        if not isinstance(member, dict):
            continue
        relation = str(member.get("relation", "")).strip().lower()
        row: dict[str, Any] = {"relatie": RELATIONS.get(relation, "anders")}
        born = member.get("date_of_birth")
        if isinstance(born, str):
            with contextlib.suppress(ValueError):
                row["leeftijd"] = age_on(parse_iso_date(born), today)
        rows.append(row)
    return rows


def confirm_patch(
    catalogue: Catalogue, fields: Mapping[str, Any], key: str, today: date
) -> tuple[Patch, Meta]:
    """Confirm a COA item as it is; the household also fills an empty gezinsleden list."""
    patch: Patch = {key: fields[key]}
    meta: Meta = {key: FieldMeta(source=COA_SOURCE, confirmed=True)}
    if key == HOUSEHOLD_KEY:
        target = field_key(HOUSEHOLD_TOPIC, HOUSEHOLD_FIELD)
        rows = household_rows(fields, today)
        if rows and not answered(fields.get(target)):
            patch[target] = rows
            meta[target] = answer_meta(
                catalogue, catalogue.field(HOUSEHOLD_TOPIC, HOUSEHOLD_FIELD), COA_SOURCE
            )
    return patch, meta


def correct_patch(key: str, text: str) -> tuple[Patch, Meta]:
    """The consultant's correction of a COA note."""
    return {key: text.strip() or None}, {key: FieldMeta(source="consultant", confirmed=True)}
