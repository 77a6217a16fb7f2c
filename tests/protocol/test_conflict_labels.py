"""The office's device labels in a conflict (``FieldConflict.office_device_label`` and
``laptop_device_label``, usability round 6 #12) are optional both ways: an answer of an
older office without them reads as before, an older laptop ignores them (a tolerant
reader), and a label a laptop cannot show safely is dropped, not the whole answer."""

from __future__ import annotations

import pytest

from inburg_desktop.protocol.messages import FieldConflict

BASE = {
    "field_key": "intake.werk.notes",
    "office_value": "a",
    "office_version": 3,
    "laptop_value": "b",
    "device_id": "d" * 36,
    "op_id": 4,
}


def test_an_older_offices_conflict_has_no_labels() -> None:
    conflict = FieldConflict.model_validate(BASE)
    assert (conflict.office_device_label, conflict.laptop_device_label) == (None, None)


def test_labels_come_along() -> None:
    conflict = FieldConflict.model_validate(
        {**BASE, "office_device_label": "laptop 2", "laptop_device_label": "laptop 1"}
    )
    assert (conflict.office_device_label, conflict.laptop_device_label) == ("laptop 2", "laptop 1")


@pytest.mark.parametrize(
    "label", ["", "   ", "laptop\u202e2", "laptop\x002", "x" * 101, 7, ["laptop"]]
)
def test_a_label_that_cannot_be_shown_is_dropped_not_the_answer(label: object) -> None:
    conflict = FieldConflict.model_validate({**BASE, "laptop_device_label": label})
    assert conflict.laptop_device_label is None
    assert conflict.laptop_value == "b"
