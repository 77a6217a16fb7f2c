"""The size and depth limits of a field value hold the same with the short-text fast path
of ``check_field`` (issue 14: the pull checks every field; a short text is no longer
encoded as JSON only to count it): exactly the values whose canonical JSON is too large
are refused, at the fast path's edge and around the limit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.protocol import field_rules
from inburg_desktop.protocol.canonical import canonical_json
from inburg_desktop.protocol.field_rules import FieldRefused, check_field, family_of
from inburg_desktop.protocol.messages import MAX_VALUE_BYTES

KEY = "intake.opleiding.notes"


def refused(value: object) -> str | None:
    try:
        check_field(KEY, value)
    except FieldRefused as exc:
        return exc.problem
    return None


def too_large(value: object) -> bool:
    return len(canonical_json(value).encode("utf-8")) > MAX_VALUE_BYTES


def test_the_key_has_no_family_rule_of_its_own() -> None:
    assert family_of(KEY) is None  # so only the size and depth rules speak below


@pytest.mark.parametrize("char", ["a", "é", "\u1200", "\U0001f600", "\x1f", '"', "\\"])
@pytest.mark.parametrize(
    "length",
    [
        field_rules._SURELY_SMALL,
        field_rules._SURELY_SMALL + 1,
        MAX_VALUE_BYTES // 6,
        MAX_VALUE_BYTES // 4,
        MAX_VALUE_BYTES // 2 - 1,
        MAX_VALUE_BYTES - 2,
        MAX_VALUE_BYTES - 1,
    ],
)
def test_refused_exactly_when_the_json_is_too_large(char: str, length: int) -> None:
    value = char * length
    assert (refused(value) == "too_large") is too_large(value)


@given(st.text(max_size=300))
def test_any_short_text_is_judged_as_its_json(text: str) -> None:
    assert (refused(text) == "too_large") is too_large(text)


def test_a_lone_surrogate_still_fails_to_encode() -> None:
    with pytest.raises(UnicodeEncodeError):
        check_field(KEY, "a\ud800b")
