"""Every kind of quarantine entry is said in words: which fields, what happened and what
happens next; never a code on its own, a placeholder or a traceback. The export holds
what the office needs and nothing from the laptop's logs."""

from __future__ import annotations

import json
import stat
from datetime import datetime
from pathlib import Path

import pytest

from inburg_desktop.storage.sync_state import QuarantineEntry
from inburg_desktop.sync.quarantine import (
    EXPORT_FORMAT,
    direction_text,
    export_document,
    export_quarantine,
    reason,
)

WHEN = datetime(2026, 12, 1, 9, 30)
LABELS = {"intake.gezondheid.notes": "Gezondheid: notities", "dates.koppeling": "Koppeling"}


def label(key: str) -> str:
    return LABELS.get(key, key)


ENTRIES: list[tuple[str, str, tuple[str, ...], dict[str, object], str]] = [
    ("push", "too_large", ("intake.gezondheid.notes",), {"fields": {
        "intake.gezondheid.notes": {"bytes": 300_000, "limit": 262_144}}}, "te groot"),
    ("push", "too_deep", ("intake.x",), {}, "te diep genest"),
    ("push", "bad_key", ("handover.notes.medische bijzonderheden",), {}, "spatie"),
    ("push", "unreadable", (), {}, "onleesbaar"),
    ("push", "bad_case_id", (), {}, "dossiernummer"),
    ("push", "invalid_op", ("intake.x",), {"errors": []}, "afspraken"),
    ("push", "case_not_found", ("intake.x",), {}, "kent dit dossier niet"),
    ("push", "base_version_ahead", ("intake.x",), {}, "oudere stand"),
    ("push", "invalid_request", ("intake.x",), {"status": 422}, "als geheel"),
    ("push", "attachment_refused", (), {"code": "case_not_found"}, "Een bijlage"),
    ("push", "iets_nieuws", ("intake.x",), {}, "code iets_nieuws"),
    # the office's gemeente check on push (issue 16 item 5): what to do, not a code
    ("push", "gemeente_niet_van_consulent", ("gemeente",), {}, "Kies in Dossiergegevens een"),
    ("push", "gemeente_onbekend", ("gemeente",), {}, "kent de gemeente van dit dossier niet"),
    ("pull", "case_incomplete", (), {"missing": ["person.family_name"], "fields": {}},
     "zonder bruikbare persoonsgegevens"),
    ("pull", "field_unusable", ("dates.koppeling",), {"fields": {"dates.koppeling": "bad_date"}},
     "Koppeling kwam van kantoor met geen geldige datum"),
    ("pull", "case_unusable", (), {"exception": "ValueError"}, "niet worden verwerkt"),
]  # fmt: skip


def entry(
    direction: str, error: str, keys: tuple[str, ...], detail: dict[str, object]
) -> QuarantineEntry:
    return QuarantineEntry(
        id=1,
        direction="pull" if direction == "pull" else "push",
        case_id="3f2c0000-0000-4000-8000-000000000001",
        error=error,
        created_at=WHEN,
        op_id=41 if direction == "push" else None,
        field_keys=keys,
        values={k: "waarde" for k in keys} or {"sha256": "ab" * 32, "size": 81_234},
        detail=detail,
    )


@pytest.mark.parametrize(("direction", "error", "keys", "detail", "words"), ENTRIES)
def test_every_kind_is_said_in_words(
    direction: str, error: str, keys: tuple[str, ...], detail: dict[str, object], words: str
) -> None:
    item = entry(direction, error, keys, detail)
    text = reason(item, label)
    assert words in text
    assert "{" not in text and "Traceback" not in text and "Error" not in text
    assert text.endswith(".")
    assert direction_text(item) in ("Niet naar kantoor verstuurd", "Niet van kantoor verwerkt")


def test_the_export_is_owner_only_and_holds_what_the_office_needs(tmp_path: Path) -> None:
    items = [entry(*spec[:4]) for spec in ENTRIES[:2]]
    target = tmp_path / "apart-gezet.json"
    target.write_text("oud")
    target.chmod(0o644)
    export_quarantine(target, items, device_id="dev-1", consultant="consulent-a", label=label)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document == export_document(
        items,
        device_id="dev-1",
        consultant="consulent-a",
        label=label,
        exported_at=datetime.fromisoformat(document["exported_at"].removesuffix("Z")),
    )
    assert document["format"] == EXPORT_FORMAT and document["version"] == 1
    first = document["entries"][0]
    assert first["set_aside_at"] == "2026-12-01T09:30:00Z"
    assert first["op_id"] == 41 and first["direction"] == "push"
    assert first["fields"] == {"intake.gezondheid.notes": "waarde"}
    assert first["reason"].startswith("Gezondheid: notities: te groot om naar kantoor")


def test_a_pulled_value_the_office_rules_refuse_is_said_in_its_own_words() -> None:
    # sync.apply sets aside a pulled value by protocol.field_rules' codes too (attack
    # round 4): the list says which kind of value it was, not "een ongeldige waarde".
    from inburg_desktop.protocol.field_rules import PROBLEMS
    from inburg_desktop.sync.quarantine import _why_field

    generic = _why_field("")
    pulled = {"not_date", "no_such_date", "date_range", "control_characters", "invisible"}
    pulled |= {"not_a_name", "not_v_nummer", "not_household"}
    assert pulled <= PROBLEMS.keys()
    assert all(_why_field(code) != generic for code in pulled)
