"""Bidirectional text: embedding levels and visual order (a subset of Unicode UAX #9).

ReportLab's own right-to-left support needs ``rlbidi``, which is not on PyPI for us, so
the PDF layer resolves levels itself. Covered: the weak-type rules W1-W7, the neutral
rules N1-N2, implicit levels I1-I2 and reordering L2, with one isolating run sequence per
paragraph. Not covered: explicit embeddings, overrides and isolates (U+202A..U+202E,
U+2066..U+2069 are treated as neutral), which our catalogues and PIP texts do not use.
Mirroring (L4) is left to HarfBuzz, which mirrors in right-to-left runs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

_STRONG = frozenset({"L", "R", "AL"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON"})


def _classes(text: str, sos: str) -> list[str]:
    types = [unicodedata.bidirectional(c) or "L" for c in text]
    # Explicit formatting characters are not implemented: treat them as neutral.
    types = [
        "ON" if t in {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"} else t
        for t in types
    ]
    # W1 (and X9 done lightly): marks and boundary neutrals take the type before them.
    prev = sos
    for i, t in enumerate(types):
        if t in ("NSM", "BN"):
            types[i] = prev
        else:
            prev = t
    # W2, W3: European digits after Arabic letters are Arabic numbers; AL becomes R.
    last_strong = sos
    for i, t in enumerate(types):
        if t in _STRONG:
            last_strong = t
        elif t == "EN" and last_strong == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]
    # W4: a single separator between two numbers of the same kind joins them.
    for i in range(1, len(types) - 1):
        before, t, after = types[i - 1], types[i], types[i + 1]
        if before == after == "EN" and t in ("ES", "CS"):
            types[i] = "EN"
        elif before == after == "AN" and t == "CS":
            types[i] = "AN"
    # W5: terminators (%, currency) next to European numbers become numbers.
    i = 0
    while i < len(types):
        if types[i] == "ET":
            j = i
            while j < len(types) and types[j] == "ET":
                j += 1
            near_en = (i > 0 and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN")
            if near_en:
                types[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    # W6: what is left of the separators and terminators is neutral.
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]
    # W7: European numbers in a left-to-right context are left-to-right.
    last_strong = sos
    for i, t in enumerate(types):
        if t in ("L", "R"):
            last_strong = t
        elif t == "EN" and last_strong == "L":
            types[i] = "L"
    return types


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of every character of one paragraph of ``text``."""
    base = 1 if rtl else 0
    sos = "R" if rtl else "L"
    types = _classes(text, sos)
    # N1, N2: neutrals between two of the same direction take it; others the base one.
    n = len(types)
    i = 0
    while i < n:
        if types[i] in _NEUTRAL:
            j = i
            while j < n and types[j] in _NEUTRAL:
                j += 1
            before = _strong_direction(types[i - 1]) if i > 0 else sos
            after = _strong_direction(types[j]) if j < n else sos
            types[i:j] = [before if before == after else sos] * (j - i)
            i = j
        else:
            i += 1
    # I1, I2.
    levels = []
    for t in types:
        if base == 0:
            levels.append({"R": 1, "AN": 2, "EN": 2}.get(t, 0))
        else:
            levels.append(2 if t in ("L", "EN", "AN") else 1)
    return levels


def _strong_direction(t: str) -> str:
    return "L" if t == "L" else "R"


def visual_order(levels: Sequence[int]) -> list[int]:
    """Rule L2: the logical indices of ``levels`` in left-to-right display order."""
    order = list(range(len(levels)))
    odd = [lv for lv in levels if lv % 2]
    if not odd:
        return order
    for level in range(max(levels), min(odd) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order
