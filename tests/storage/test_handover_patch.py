"""An imported handover never produces a change the sync protocol refuses (issue 10, item
2): the outbox ops of the largest handover the parser accepts, with free-text, non-ASCII
and Arabic note keys, validates as protocol ``Op``s, each fitting one push body."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from inburg_desktop.domain import handover as handover_module
from inburg_desktop.domain.handover import MAX_NOTES, HandoverError, parse_handover
from inburg_desktop.domain.safe_text import label_problem
from inburg_desktop.protocol import messages as protocol
from inburg_desktop.protocol.messages import MAX_BODY_BYTES, Op, PushRequest
from inburg_desktop.storage.cases import HANDOVER_NOTE_LABELS, handover_patch, import_handover
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault

VALID: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


def largest_handover() -> dict[str, Any]:
    """MAX_NOTES notes with keys as senders write them, long texts, a full household;
    just under the 1 MB file limit."""
    doc: dict[str, Any] = json.loads(json.dumps(VALID))
    labels = ["medische bijzonderheden", "ملاحظات طبية", "یادداشت\u200cها", "Ärztliche Befunde"]
    doc["notes"] = {f"{labels[i % 4]} {i} " + "x" * 150: "€" * 1450 for i in range(MAX_NOTES - 1)}
    doc["household"] = [
        {"relation": "child", "date_of_birth": "2021-08-01", "naam": "ሰ" * 500} for _ in range(50)
    ]
    return doc


def test_the_domain_limits_match_the_protocol() -> None:
    assert handover_module.MAX_FIELD_BYTES == protocol.MAX_VALUE_BYTES
    assert handover_module.MAX_NOTES + 25 <= protocol.MAX_FIELDS_PER_OP
    assert handover_module.MAX_DEPTH <= protocol.MAX_VALUE_DEPTH


def test_the_largest_accepted_handover_becomes_valid_protocol_ops(vault: OpenVault) -> None:
    data = json.dumps(largest_handover(), ensure_ascii=False).encode()
    assert 0.95 * handover_module.MAX_BYTES < len(data) <= handover_module.MAX_BYTES
    parsed = handover_module.parse_handover_bytes(data)
    with vault.transaction() as session:
        case_id = import_handover(session, parsed)
    with vault.session() as session:
        rows = session.scalars(select(OutboxRow).order_by(OutboxRow.op_id)).all()
    merged: dict[str, Any] = {}
    for row in rows:  # the outbox may split a large change into several ops
        op = Op(
            op_id=row.op_id,
            case_id=case_id,
            base_version=row.base_version,
            patch=json.loads(row.patch),
        )
        assert len(PushRequest(ops=[op]).model_dump_json().encode()) <= MAX_BODY_BYTES
        merged.update(op.patch)
    assert sum(key.startswith("handover.notes.") for key in merged) == MAX_NOTES
    labels = merged[HANDOVER_NOTE_LABELS]
    assert isinstance(labels, dict) and len(labels) == MAX_NOTES


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=200).filter(
            lambda t: t.strip() != "" and label_problem(t) is None
        ),
        st.text(max_size=50),
        max_size=30,
    )
)
def test_any_accepted_note_keys_make_a_valid_patch(notes: dict[str, str]) -> None:
    doc: dict[str, Any] = json.loads(json.dumps(VALID))
    doc["notes"] = notes
    try:
        parsed = parse_handover(doc)
    except HandoverError:
        return  # refused at import, with the field named: nothing reaches the outbox
    patch, _meta = handover_patch(parsed)
    Op(op_id=1, case_id="c1", base_version=0, patch=patch)  # raises if the protocol refuses
