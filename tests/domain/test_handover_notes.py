"""Handover note keys never become protocol field names as the sender wrote them (issue 10,
item 2): a key the app did not choose becomes a stable safe key with its label kept; the
number and size of notes are bounded with a message naming the limit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.handover import (
    MAX_NOTES,
    NOTE_KEYS,
    HandoverError,
    note_key,
    parse_handover,
)
from inburg_desktop.domain.safe_text import label_problem

VALID: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)
# The protocol's field key charset (protocol/messages.py FIELD_KEY_PATTERN), restated on purpose:
# tests/storage/test_handover_patch.py checks whole patches against the protocol itself.
FIELD_KEY_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-[]:")


def with_notes(notes: dict[str, Any], **top: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(VALID))
    doc["notes"] = notes
    doc.update(top)
    return doc


# Fixed values: a stored key must mean the same note in every later version of the app,
# on every laptop and at the office. Changing note_key breaks this test on purpose.
PINNED = {
    "medische bijzonderheden": "medische_bijzonderheden-0267f7e723",
    "Medische Bijzonderheden": "medische_bijzonderheden-3a5dfc4617",
    "ملاحظات طبية": "notitie-0589a1448b",
    "یادداشت\u200cها": "notitie-1c0f0880c6",
    "Ärztliche Befunde — 2024!": "arztliche_befunde_2024-c49a7ea18e",
    "azc": "azc-8918a3f6d1",
    "Opleiding": "opleiding",
    " werkervaring ": "werkervaring",
    "Financiën": "financien",
}


@pytest.mark.parametrize(("label", "key"), PINNED.items())
def test_the_safe_key_of_a_label_is_stable_across_versions(label: str, key: str) -> None:
    assert note_key(label) == key


def test_unknown_top_level_keys_get_their_own_pinned_safe_keys() -> None:
    assert note_key("azc", app_keys=False) == "azc-8918a3f6d1"
    assert note_key("opleiding", app_keys=False) == "opleiding-062099d4d5"


@given(st.text(min_size=1, max_size=200).filter(lambda t: t.strip() != ""))
def test_every_label_gives_a_deterministic_protocol_safe_key(label: str) -> None:
    key = note_key(label)
    assert key == note_key(label)
    assert 1 <= len(key) <= 51 and set(key) <= FIELD_KEY_CHARS
    assert key[0].isalnum()


def test_free_text_keys_become_safe_keys_with_the_label_kept() -> None:
    parsed = parse_handover(
        with_notes(
            {
                "opleiding": "Apotheekassistente",
                "medische bijzonderheden": "Diabetes type 2",
                "ملاحظات": "نص",
                "Persoonlijke situatie (gezin)": "Drie kinderen",
            },
            azc="Ter Apel",
        )
    )
    assert parsed.notes == {
        "opleiding": "Apotheekassistente",
        "medische_bijzonderheden-0267f7e723": "Diabetes type 2",
        note_key("ملاحظات"): "نص",
        note_key("Persoonlijke situatie (gezin)"): "Drie kinderen",
        "extra.azc-8918a3f6d1": "Ter Apel",
    }
    assert parsed.note_labels == {
        "medische_bijzonderheden-0267f7e723": "medische bijzonderheden",
        note_key("ملاحظات"): "ملاحظات",
        note_key("Persoonlijke situatie (gezin)"): "Persoonlijke situatie (gezin)",
        "extra.azc-8918a3f6d1": "azc",
    }


def test_unknown_person_and_dates_keys_keep_their_place_in_the_label() -> None:
    doc = with_notes({})
    doc["person"]["religie"] = "—"
    doc["dates"]["inburgering_gestart"] = "2026-01-01"
    labels = parse_handover(doc).note_labels
    assert sorted(labels.values()) == ["azc", "dates.inburgering_gestart", "person.religie"]


def test_app_keys_have_no_stored_label() -> None:
    parsed = parse_handover(with_notes({k: "x" for k in sorted(NOTE_KEYS)}))
    assert set(parsed.notes) - {"extra.azc-8918a3f6d1"} == NOTE_KEYS
    assert parsed.note_labels == {"extra.azc-8918a3f6d1": "azc"}


def test_two_spellings_of_one_key_are_refused_instead_of_one_winning() -> None:
    with pytest.raises(HandoverError) as caught:
        parse_handover(with_notes({"opleiding": "a", "Opleiding ": "b"}))
    assert caught.value.key == "notes.Opleiding "
    assert "staat al in het bestand als 'opleiding'" in caught.value.problem


def test_at_most_max_notes_and_the_message_names_the_limit() -> None:
    fits = {f"notitie {i}": "x" for i in range(MAX_NOTES - 1)}  # + the unknown key "azc"
    assert len(parse_handover(with_notes(fits)).notes) == MAX_NOTES
    with pytest.raises(HandoverError) as caught:
        parse_handover(with_notes({**fits, "nog een": "x"}))
    assert caught.value.key == "notes"
    assert caught.value.problem == (
        f"te veel notities: {MAX_NOTES + 1}, met onbekende velden samen hoogstens {MAX_NOTES}"
    )


def test_a_note_text_over_the_limit_is_refused_with_the_limit() -> None:
    with pytest.raises(HandoverError) as caught:
        parse_handover(with_notes({"opleiding": "x" * 10_001}))
    assert caught.value.key == "notes.opleiding"
    assert caught.value.problem == "te lang: 10.001 tekens (hoogstens 10.000)"


@pytest.mark.parametrize(
    ("key", "path"),
    [("medisch\u202e", "notes.medisch<U+202E>"), ("a\nb", "notes.a<U+000A>b"), ("k" * 201, "")],
)
def test_note_keys_are_labels(key: str, path: str) -> None:
    with pytest.raises(HandoverError) as caught:
        parse_handover(with_notes({key: "x"}))
    assert caught.value.key.startswith(path or "notes.kkk")


def test_an_empty_note_key_is_refused() -> None:
    with pytest.raises(HandoverError) as caught:
        parse_handover(with_notes({" ": "x"}))
    assert caught.value.key == "notes" and caught.value.problem == "een notitie zonder naam"


@pytest.mark.parametrize("char", ["\u202e", "\u2067", "\x9b", "\x00"])
def test_note_texts_refuse_controls_and_bidi_but_keep_lines(char: str) -> None:
    with pytest.raises(HandoverError) as caught:
        parse_handover(with_notes({"werkervaring": f"regel 1\nregel 2{char}"}))
    assert caught.value.key == "notes.werkervaring"
    ok = parse_handover(with_notes({"werkervaring": "regel 1\r\n\tregel 2 \u200fعربي"}))
    assert ok.notes["werkervaring"] == "regel 1\r\n\tregel 2 \u200fعربي"


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=60).filter(
            lambda t: t.strip() != "" and label_problem(t) is None
        ),
        st.text(max_size=30).filter(lambda t: "\u202e" not in t),
        max_size=20,
    )
)
def test_any_acceptable_note_keys_give_safe_unique_keys(notes: dict[str, str]) -> None:
    try:
        parsed = parse_handover(with_notes(notes))
    except HandoverError as exc:
        # two labels for one app key ("Opleiding", "opleiding") or a refused note text
        assert exc.key.startswith("notes.")
        return
    assert len(parsed.notes) == len(notes) + 1  # + "azc"
    for key in parsed.notes:
        assert set(key) <= FIELD_KEY_CHARS and len(key) <= 57
        assert key in NOTE_KEYS or parsed.note_labels[key]
