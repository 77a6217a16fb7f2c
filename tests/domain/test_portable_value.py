"""One rule for what a case field value may be (attack round 8, finding 2): whatever the
office accepts (``protocol.field_rules.check_field``, at a push, an office edit and an
import), the ``inburg-case/1`` reader accepts, so the export of a case never fails on a
value the office holds (it failed as an internal error, exit 70). Sources: AVG art. 20
(a machine-readable copy), RFC 7493 §2.2 (I-JSON integers), RFC 8259 §6 (no NaN)."""

from __future__ import annotations

from typing import Any

import pytest

from inburg_desktop.domain.portable_value import MAX_SAFE_INT, value_problem


@pytest.mark.parametrize(
    ("value", "path", "code"),
    [
        ("Rugklachten;\nkan 2 uur zitten.", None, None),  # free text: line breaks, tabs
        ("a\x01b", (), "control"),  # a control character (RFC 8259: escaped, yet hidden)
        ("Taal\u202ehuis", (), "bidi"),  # reorders what follows on every screen
        ({"a\u200bb": 1}, ("a\u200bb",), "invisible"),  # a key that hides part of itself
        ({"x": [1, "ok", {"y": "a\x7fb"}]}, ("x", 2, "y"), "control"),
        (MAX_SAFE_INT, None, None),
        (-MAX_SAFE_INT - 1, (), "unsafe_integer"),  # RFC 7493 §2.2
        ([2**60], (0,), "unsafe_integer"),
        (1.5, None, None),
        (float("nan"), (), "not_finite"),  # RFC 8259 §6
        ({"x": float("inf")}, ("x",), "not_finite"),
        (True, None, None),
        (None, None, None),
    ],
)
def test_the_portable_value_rule(value: Any, path: tuple[Any, ...] | None, code: str) -> None:
    found = value_problem(value)
    if path is None:
        assert found is None
    else:
        assert found is not None and found[0] == path and found[1].code == code
