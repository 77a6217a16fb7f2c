"""The sender's spelling of a note key is what the consultant sees (issue 10, item 2):
stored under a safe key, shown by its label in the COA box and the intake summary."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from inburg_desktop.domain.handover import NOTE_KEYS, note_key, parse_handover
from inburg_desktop.services import intake_coa
from inburg_desktop.services.intake_summary import build_overview
from inburg_desktop.storage.cases import get_case, import_handover
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake.summary_view import summary_html

VALID: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


def test_every_app_note_key_has_a_topic() -> None:
    assert set(intake_coa.NOTE_TOPICS) == NOTE_KEYS


def test_notes_show_the_senders_label_not_the_safe_key(vault: OpenVault) -> None:
    doc: dict[str, Any] = json.loads(json.dumps(VALID))
    doc["notes"] = {
        "Opleiding": "Apotheekassistente",
        "medische bijzonderheden": "Diabetes type 2",
        "ملاحظات": "نص",
    }
    with vault.transaction() as session:
        case_id = import_handover(session, parse_handover(doc))
    with vault.session() as session:
        stored = get_case(session, case_id)
    other = intake_coa.unmatched_notes(stored.fields)
    # in the order of their safe keys: "extra.azc-…", "medische_…", "notitie-…"
    assert other == [
        ("azc", "Ter Apel"),
        ("medische bijzonderheden", "Diabetes type 2"),
        ("ملاحظات", "نص"),
    ]
    assert stored.field(f"handover.notes.{note_key('medische bijzonderheden')}")
    items = intake_coa.coa_items(stored.fields, {})
    assert [(i.key, i.label) for i in items["opleiding"]] == [
        ("handover.notes.opleiding", "Opleiding volgens COA")
    ]
    html = summary_html(build_overview(stored, {}))
    assert "medische bijzonderheden" in html and "medische_bijzonderheden-" not in html


def test_a_label_of_a_topic_note_is_the_senders_spelling() -> None:
    fields = {
        "handover.notes.werk": "Bouw",
        "handover.notes.x-0123456789": "Tekst",
        "handover.note_labels": {"x-0123456789": "x?"},
    }
    assert intake_coa.note_label("werk") == "Gegevens van COA (werk)"
    assert intake_coa.note_label("x-0123456789", intake_coa.note_labels(fields)) == (
        "Gegevens van COA (x?)"
    )
    assert intake_coa.unmatched_notes(fields) == [("x?", "Tekst")]


def test_a_damaged_labels_field_falls_back_to_the_key() -> None:
    fields = {"handover.notes.x-0123456789": "Tekst", "handover.note_labels": ["kapot"]}
    assert intake_coa.unmatched_notes(fields) == [("x-0123456789", "Tekst")]


def test_household_relations_are_words_in_the_ui_language() -> None:
    """Issue 13 item 10: the handover's English relation codes are never shown as such."""
    members = [
        {"relation": "child", "date_of_birth": "2021-08-01"},
        {"relation": "Wife"},
        {"relation": "stepchild"},
        {"relation": "neef"},
    ]
    text = intake_coa.household_text(members)
    assert text.startswith("kind (")
    assert "echtgenote, stiefkind, anders (‘neef’)" in text
    assert "child" not in text and "Wife" not in text
    rows = intake_coa.household_rows({intake_coa.HOUSEHOLD_KEY: members}, date(2026, 3, 2))
    assert [r["relatie"] for r in rows] == ["kind", "partner", "kind", "anders"]
