"""One rule for a set-aside entry's words (protocol.set_aside_words): what the laptop
cleans is what the office takes, so the laptop never sends a report the office refuses
with 422 for its words (attack round 4: a control character in a reason was refused,
and sent again at every try)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.safe_text import free_text_problem
from inburg_desktop.protocol.set_aside_words import clean_labels, clean_reason, words_problem


@given(st.text(), st.dictionaries(st.text(min_size=1, max_size=10), st.text(), max_size=4))
def test_what_the_laptop_cleans_the_office_takes(reason: str, labels: dict[str, str]) -> None:
    assert words_problem(clean_reason(reason), clean_labels(labels)) is None


@given(st.text())
def test_a_reason_the_office_takes_is_sent_as_it_is(reason: str) -> None:
    if free_text_problem(reason) is None:
        assert clean_reason(reason) == reason


def test_refused_characters_are_shown_by_their_code_point() -> None:
    assert (
        clean_reason("code a\x00b\x1b[2J\u202e\tok\n") == "code a<U+0000>b<U+001B>[2J<U+202E>\tok\n"
    )
    assert clean_labels({"a.b": "Werk\x00", "c.d": "Werk: Notities"}) == {"c.d": "Werk: Notities"}
    assert words_problem("r\x00", {}) == ("reason", None)
    assert words_problem("r", {"a.b": "x\u200by"}) == ("label", "a.b")
