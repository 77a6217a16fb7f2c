"""The one rule for whom a PIP names as its sender (``domain.pip_sender``): the shipped
placeholder letterhead and a missing consultant's name are gaps, said in words."""

from __future__ import annotations

from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.pip_sender import (
    CONSULENT_MISSING,
    LETTERHEAD_PLACEHOLDER,
    sender_gaps,
)


def test_the_placeholder_letterhead_and_no_name_are_both_gaps() -> None:
    gaps = sender_gaps(Letterhead(), None)
    assert [g.code for g in gaps] == [LETTERHEAD_PLACEHOLDER, CONSULENT_MISSING]
    assert "standaardtekst (Gemeente Wassenaar" in gaps[0].render()
    assert [g.code for g in sender_gaps(Letterhead(), "  ")] == [
        LETTERHEAD_PLACEHOLDER,
        CONSULENT_MISSING,
    ]


def test_a_filled_in_letterhead_and_a_name_leave_no_gap() -> None:
    own = Letterhead(name="Gemeente Leiden", is_default=False)
    assert sender_gaps(own, "Sanne de Vries") == ()
    assert [g.code for g in sender_gaps(own, None)] == [CONSULENT_MISSING]
