"""A V-nummer or BSN typed or pasted as letters print it (usability round 3: a leading
"V" was refused): the "V" and grouping spaces and dots go; anything else stays, for the
handover rule (ten digits, nine digits) to refuse in words."""

from __future__ import annotations

import pytest

from inburg_desktop.domain.typed_identifier import typed_bsn, typed_v_nummer


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("V1234567890", "1234567890"),
        ("v1234567890", "1234567890"),
        ("V 123 456 7890", "1234567890"),
        ("V 12.34.56.78.90", "1234567890"),
        ("1234\u00a0567890", "1234567890"),  # a no-break space from a PDF
        ("  1234567890  ", "1234567890"),
        ("", ""),
        ("12V34567890", "12V34567890"),  # a V inside is no prefix: refused by the rule
        ("VV1234567890", "V1234567890"),
        ("1234-567890", "1234-567890"),
    ],
)
def test_typed_v_nummer(typed: str, read: str) -> None:
    assert typed_v_nummer(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1234.56.782", "123456782"),
        ("123 456 782", "123456782"),
        ("V123456782", "V123456782"),  # a BSN has no V: left for the rule to refuse
        ("", ""),
    ],
)
def test_typed_bsn(typed: str, read: str) -> None:
    assert typed_bsn(typed) == read
