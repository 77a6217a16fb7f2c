"""A rough passphrase-strength estimate for the guidance shown when a vault is created.

Not a security boundary (Argon2id and the key wrap are); it nudges toward long
passphrases of several words, which are easy to type at a kitchen table.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass

COMMON = {"wachtwoord", "password", "welkom", "12345678", "qwerty", "gemeente", "inburgering"}


@dataclass(frozen=True)
class Strength:
    bits: float
    level: int  # 0 too weak .. 3 strong
    acceptable: bool


def estimate(passphrase: str) -> Strength:
    if not passphrase:
        return Strength(0.0, 0, False)
    pool = 0
    if any(c in string.ascii_lowercase for c in passphrase):
        pool += 26
    if any(c in string.ascii_uppercase for c in passphrase):
        pool += 26
    if any(c in string.digits for c in passphrase):
        pool += 10
    if any(c in " " for c in passphrase):
        pool += 1
    if any(not c.isalnum() and c != " " for c in passphrase):
        pool += 33
    if any(ord(c) > 127 for c in passphrase):
        pool += 100
    distinct = len(set(passphrase))
    length = len(passphrase)
    bits = length * math.log2(max(pool, 2)) * min(1.0, distinct / max(length * 0.5, 1))
    if passphrase.lower() in COMMON:
        bits = min(bits, 10.0)
    words = len([w for w in passphrase.split() if len(w) >= 3])
    if words >= 4:
        bits = max(bits, 44.0 + 11 * (words - 4))
    level = 0 if bits < 40 or length < 10 else 1 if bits < 55 else 2 if bits < 70 else 3
    return Strength(bits, level, length >= 10 and bits >= 40)
