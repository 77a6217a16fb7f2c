"""Bidirectional text: embedding levels and visual order (a subset of Unicode UAX #9).

ReportLab's own right-to-left support needs ``rlbidi``, which is not on PyPI for us, so
the PDF layer resolves levels itself. Covered: the weak-type rules W1-W7, the neutral
rules N1-N2, implicit levels I1-I2 and reordering L2, with one isolating run sequence per
paragraph, the paired-bracket rule N0 (a Latin term, number, date or article in
parentheses inside right-to-left text keeps both of its brackets on one side: without N0
the closing bracket of "هو Zelfredzaamheidsroute (Z-route)." resolved to right-to-left and
was mirrored, the opening one did not), and one higher-level protocol: a Latin run
(an address, a V-nummer, an e-mail address, with its digits and punctuation) is one
left-to-right run (:func:`latin_runs`). Not covered: explicit embeddings, overrides and
isolates (U+202A..U+202E, U+2066..U+2069 are treated as neutral), which our catalogues
and PIP texts do not use. Mirroring (L4) is left to HarfBuzz, which mirrors in
right-to-left runs, so a bracket's resolved level decides which way it faces.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

_STRONG = frozenset({"L", "R", "AL"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON"})
# Bidi_Paired_Bracket pairs (Unicode BidiBrackets.txt, opening -> closing). U+2329/U+232A
# are canonically equivalent to U+3008/U+3009 and pair with them (BD16).
_PAIRS = {
    0x0028: 0x0029, 0x005B: 0x005D, 0x007B: 0x007D, 0x0F3A: 0x0F3B, 0x0F3C: 0x0F3D,
    0x169B: 0x169C, 0x2045: 0x2046, 0x207D: 0x207E, 0x208D: 0x208E, 0x2308: 0x2309,
    0x230A: 0x230B, 0x2329: 0x232A, 0x2768: 0x2769, 0x276A: 0x276B, 0x276C: 0x276D,
    0x276E: 0x276F, 0x2770: 0x2771, 0x2772: 0x2773, 0x2774: 0x2775, 0x27C5: 0x27C6,
    0x27E6: 0x27E7, 0x27E8: 0x27E9, 0x27EA: 0x27EB, 0x27EC: 0x27ED, 0x27EE: 0x27EF,
    0x2983: 0x2984, 0x2985: 0x2986, 0x2987: 0x2988, 0x2989: 0x298A, 0x298B: 0x298C,
    0x298D: 0x2990, 0x298F: 0x298E, 0x2991: 0x2992, 0x2993: 0x2994, 0x2995: 0x2996,
    0x2997: 0x2998, 0x29D8: 0x29D9, 0x29DA: 0x29DB, 0x29FC: 0x29FD, 0x2E22: 0x2E23,
    0x2E24: 0x2E25, 0x2E26: 0x2E27, 0x2E28: 0x2E29, 0x2E55: 0x2E56, 0x2E57: 0x2E58,
    0x2E59: 0x2E5A, 0x2E5B: 0x2E5C, 0x3008: 0x3009, 0x300A: 0x300B, 0x300C: 0x300D,
    0x300E: 0x300F, 0x3010: 0x3011, 0x3014: 0x3015, 0x3016: 0x3017, 0x3018: 0x3019,
    0x301A: 0x301B, 0xFE59: 0xFE5A, 0xFE5B: 0xFE5C, 0xFE5D: 0xFE5E, 0xFF08: 0xFF09,
    0xFF3B: 0xFF3D, 0xFF5B: 0xFF5D, 0xFF5F: 0xFF60, 0xFF62: 0xFF63,
}  # fmt: skip
_CLOSING = {close: open_ for open_, close in _PAIRS.items()}
_CANONICAL = {0x2329: 0x3008, 0x232A: 0x3009}
_BRACKET_STACK = 63  # BD16: deeper nesting stops pairing for the paragraph


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


_RUN_BREAKERS = frozenset({"R", "AL", "AN", "B", "S"})


def latin_runs(text: str) -> list[tuple[int, int]]:
    """The left-to-right runs of ``text`` as ``(start, end)`` indices: a stretch without
    right-to-left letters or Arabic digits that starts and ends with a Latin letter or a
    European digit and holds at least one Latin letter ("Stationsstraat 12, 1234 AB
    Amersfoort", "2240 AA Wassenaar", "info@wassenaar.nl", "V-nummer 1234567890"), with a
    bracket pair around its end or start kept whole ("Zelfredzaamheidsroute (Z-route)").

    A higher-level protocol (UAX #9 section 4.3, HL2/HL3): the PDF treats each such run as
    a left-to-right isolate. By the rules alone, digits after Arabic letters are Arabic
    numbers (W2), so in right-to-left text "2240 AA Wassenaar" showed as "AA Wassenaar
    2240", and an address broke into pieces (usability round 4, finding 13)."""
    original = [unicodedata.bidirectional(c) or "L" for c in text]
    runs: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if original[i] in _RUN_BREAKERS:
            i += 1
            continue
        j = i
        while j < n and original[j] not in _RUN_BREAKERS:
            j += 1
        start, end = i, j  # a stretch without breakers: trim to its first and last L/EN
        while start < end and original[start] not in ("L", "EN"):
            start += 1
        while end > start and original[end - 1] not in ("L", "EN"):
            end -= 1
        if "L" in original[start:end]:
            runs.append(_with_brackets(text, start, end, i, j))
        i = j
    return runs


def _with_brackets(text: str, start: int, end: int, low: int, high: int) -> tuple[int, int]:
    """``start:end`` widened (within ``low:high``) to the bracket that closes one opened
    inside it, and to the bracket that opens one closed inside it."""
    opened: list[int] = []
    unmatched_closing = []
    for k in range(start, end):
        code = ord(text[k])
        if code in _PAIRS:
            opened.append(_PAIRS[code])
        elif code in _CLOSING:
            if opened and opened[-1] == code:
                opened.pop()
            else:
                unmatched_closing.append(_CLOSING[code])
    while opened and end < high and ord(text[end]) == opened[-1]:
        opened.pop()
        end += 1
    while unmatched_closing and start > low and ord(text[start - 1]) == unmatched_closing[0]:
        unmatched_closing.pop(0)
        start -= 1
    return start, end


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of every character of one paragraph of ``text``;
    each of its :func:`latin_runs` is left to right as a whole."""
    base = 1 if rtl else 0
    sos = "R" if rtl else "L"
    types = _classes(text, sos)
    for start, end in latin_runs(text):
        types[start:end] = ["L"] * (end - start)
    _paired_brackets(text, types, sos)
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


def _bracket_pairs(text: str, types: Sequence[str]) -> list[tuple[int, int]]:
    """BD16: the paired brackets of ``text`` as (opening, closing) indices, sorted by the
    opening one. Only brackets still neutral (ON) after the weak rules take part."""
    stack: list[tuple[int, int]] = []  # (closing code point wanted, opening index)
    pairs: list[tuple[int, int]] = []
    for i, char in enumerate(text):
        if types[i] != "ON":
            continue
        code = _CANONICAL.get(ord(char), ord(char))
        if ord(char) in _PAIRS:
            if len(stack) == _BRACKET_STACK:
                break
            wanted = _PAIRS[ord(char)]
            stack.append((_CANONICAL.get(wanted, wanted), i))
        elif ord(char) in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == code:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _paired_brackets(text: str, types: list[str], sos: str) -> None:
    """N0: both brackets of a pair take one direction, in place on ``types``.

    The embedding direction when a strong type of it is inside the pair; the opposite one
    when only that is inside and the context before the opening bracket is of it too;
    else the embedding direction. Numbers count as right-to-left (EN, AN), and marks after
    a bracket follow it (they took its ON in W1)."""
    embedding = sos

    def strong(t: str) -> str | None:
        if t == "L":
            return "L"
        if t in ("R", "EN", "AN"):
            return "R"
        return None

    for opening, closing in _bracket_pairs(text, types):
        inside = {strong(t) for t in types[opening + 1 : closing]} - {None}
        if not inside:
            continue
        if embedding in inside:
            direction = embedding
        else:
            # only the opposite direction is inside: it holds when the context before
            # the pair is of it too ("Zelfredzaamheidsroute (Z-route)"), else embedding
            direction = next(
                (d for t in reversed(types[:opening]) if (d := strong(t)) is not None), sos
            )
        for index in (opening, closing):
            types[index] = direction
            j = index + 1
            while j < len(text) and unicodedata.category(text[j]) == "Mn":
                types[j] = direction
                j += 1


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
