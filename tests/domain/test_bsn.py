"""The BSN elfproef (domain.bsn; Wabb art. 1, Logisch Ontwerp BSN)."""

from __future__ import annotations

import pytest

from inburg_desktop.domain.bsn import is_bsn


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("123456782", True),  # 9*1+8*2+...+2*8-2 = 154 = 14*11
        ("111222333", True),  # 9+8+7+12+10+8+9+6-3 = 66 = 6*11
        ("100000009", True),  # 9 - 9 = 0: divisible by 11
        ("123456789", False),  # 161: not divisible by 11
        ("271828182", False),
        ("000000000", False),  # passes the sum, but no one has BSN 0
        ("12345678", False),  # eight digits
        ("1234567820", False),  # ten digits
        ("12345678a", False),
        ("１２３４５６７８２", False),  # full-width digits are not ASCII digits
        (" 123456782", False),  # the exchange takes the number as stored, no padding
        (123456782, False),  # not text
        (None, False),
    ],
)
def test_elfproef(value: object, valid: bool) -> None:
    assert is_bsn(value) is valid
