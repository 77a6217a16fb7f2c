"""The burgerservicenummer's own check: the elfproef.

Wet algemene bepalingen burgerservicenummer art. 1 and the Logisch Ontwerp BSN (the
"elfproef"): a BSN is nine digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible
by 11, and not 000000000 (which passes the sum but is no one's number). A number that
fails it is a typing error, not a person: the DUO exchange (Wet inburgering 2021 art. 36)
identifies the person by the BSN, so a failing number would match no one, or the wrong
one.
"""

from __future__ import annotations

import re

_NINE_DIGITS = re.compile(r"[0-9]{9}")
_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def is_bsn(value: object) -> bool:
    """True when ``value`` is a ``str`` of exactly nine ASCII digits that passes the
    elfproef and is not all zeros: ``"123456782"`` → True, ``"123456789"`` → False,
    ``"000000000"`` → False, ``12345678`` (an int) → False. Never raises."""
    if not isinstance(value, str) or not _NINE_DIGITS.fullmatch(value):
        return False
    total = sum(w * int(d) for w, d in zip(_WEIGHTS, value, strict=True))
    return value != "000000000" and total % 11 == 0
