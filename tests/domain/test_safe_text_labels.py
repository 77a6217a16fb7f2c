"""The rule for short labels someone types (``safe_text.typed_label_problem``) and the
form two labels are compared in (``label_key``); attack round 6, finding 5."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.letterhead import LetterheadError, letterhead_setting
from inburg_desktop.domain.safe_text import (
    BLANK_LOOKALIKES,
    ELONGATION,
    is_default_ignorable,
    label_key,
    typed_label_problem,
)

ACCEPTED = ["laptop 1", "Laptop #2 (kamer 3)", "لابتوب ١", "ноутбук 2", "ላፕቶፕ 1", "laptop-é"]


@pytest.mark.parametrize("label", ACCEPTED)
def test_labels_of_every_script_with_symbols_pass(label: str) -> None:
    assert typed_label_problem(label) is None


HIDING = st.one_of(
    st.sampled_from(sorted(BLANK_LOOKALIKES | ELONGATION)),
    st.sampled_from(["\u200b", "\u2060", "\ufeff", "\u034f", "\u3164", "\u115f", "\u00ad"]),
)
WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789"), min_size=1, max_size=8)


@given(WORD, HIDING, WORD)
def test_a_label_with_something_that_draws_nothing_is_refused(
    before: str, hiding: str, after: str
) -> None:
    assert typed_label_problem(before + hiding + after) is not None
    assert typed_label_problem(hiding) is not None


@given(WORD, HIDING, WORD)
def test_what_draws_nothing_does_not_make_another_key(before: str, hiding: str, after: str) -> None:
    """A label stored before the rule with a hidden character is the same label."""
    assert label_key(before + hiding + after) == label_key(before + after)


@given(st.text(max_size=20))
def test_a_key_holds_nothing_that_draws_nothing(text: str) -> None:
    key = label_key(text)
    assert "  " not in key and key == key.strip()
    assert not any(is_default_ignorable(c) or c in BLANK_LOOKALIKES or c in ELONGATION for c in key)


def test_a_letterhead_line_with_a_hidden_or_direction_character_is_refused() -> None:
    base = {"name": "Gemeente X", "college": "B en W", "postal_address": "Postbus 1", "phone": "1"}
    assert letterhead_setting(base)["name"] == "Gemeente X"
    for hidden in ("\u202e", "\u200b", "\x9b", "\u3164"):
        with pytest.raises(LetterheadError) as refused:
            letterhead_setting({**base, "name": f"Gemeente{hidden}X"})
        assert f"U+{ord(hidden):04X}" in refused.value.text()
