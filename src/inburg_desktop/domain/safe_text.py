"""Characters that may not hide in names and labels, and showing text safely on a terminal.

A handover file, an office setting or a pulled case can carry characters that change how
a line is *shown* rather than what it says: C0/C1 control characters (U+009B is a
terminal's Control Sequence Introducer), bidirectional overrides and isolates (U+202E
turns ``Haddad‮exe.pdf`` into something else on screen), and invisible format characters
(U+200B, U+2060, U+FEFF, the tag characters). A consultant reading ``inburg case list``
could then be shown a name that is not the one stored.

Two defences, both here so that the laptop (commands/, services/) and the office
(server/) use the same rules without a new layering edge (this module imports only the
standard library):

* at import, :func:`label_problem` refuses such characters in names and labels, and
  :func:`free_text_problem` in free text (where tabs and line breaks are legitimate);
* wherever stored data is printed to a terminal, :func:`terminal_safe` and
  :func:`terminal_safe_json` show what could still be there as a visible escape
  (``<U+202E>``, or ``\\u202e`` inside JSON) instead of passing it raw or dropping it.

Legitimate text passes untouched: Arabic, Ethiopic and Persian letters, and the zero width
non-joiner (U+200C) and joiner (U+200D), which Persian and Indic spelling need (The Unicode
Standard, §23.2 "Layout Controls"). The categories come from the running Python's Unicode
database (``unicodedata``), so the rules follow Unicode as it grows.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from inburg_desktop.domain.text import N_, Reason

ZWNJ = "\u200c"
ZWJ = "\u200d"
JOINERS = frozenset({ZWNJ, ZWJ})
"""Format characters (category Cf) that are part of correct spelling and always allowed."""

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Explicit directional embeddings, overrides and isolates (UAX #9, table 1): LRE, RLE,
PDF, LRO, RLO, LRI, RLI, FSI, PDI. They reorder the text around them."""

DEFAULT_IGNORABLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
"""Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt, Unicode
15.1; UAX #44 §5.3): code points a renderer shows as nothing when it has no glyph for
them. Python's ``unicodedata`` does not expose the property, so its ranges are listed;
they are stable by Unicode policy (only unassigned code points may be added). Besides the
format characters (Cf) they hold letters and marks that look like nothing: the Hangul
fillers U+115F, U+1160, U+3164, U+FFA0 (Lo), the combining grapheme joiner U+034F and the
variation selectors (Mn)."""

BLANK_LOOKALIKES = frozenset("\u2800")
"""Characters that are not default-ignorable nor white space yet draw nothing: U+2800
BRAILLE PATTERN BLANK (category So). In a name they make two names look the same."""

FREE_TEXT_CONTROLS = frozenset("\t\n\r")
"""The only control characters free text (a note) may hold."""

# Everything outside printable ASCII is examined character by character; ASCII text
# (the common case) is passed by the regular expression engine alone.
_CANDIDATE = re.compile(r"[^\x20-\x7e]")
_JSON_CANDIDATE = re.compile(r"[^\x20-\x7e\n]")


def codepoint(char: str) -> str:
    """``"U+202E"`` for ``"\\u202e"``."""
    return f"U+{ord(char):04X}"


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"{codepoint(char)} {name}" if name else codepoint(char)


def _hides_or_moves(char: str) -> bool:
    """True for a character that can change how the text around it is displayed."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Zl", "Zp"):
        return True
    return category == "Cf" and char not in JOINERS


def is_default_ignorable(char: str) -> bool:
    """True when ``char`` has Unicode's Default_Ignorable_Code_Point property (see
    :data:`DEFAULT_IGNORABLE_RANGES`)."""
    point = ord(char)
    return any(low <= point <= high for low, high in DEFAULT_IGNORABLE_RANGES)


def _draws_something(char: str) -> bool:
    """True for a letter, digit, punctuation mark or symbol that shows as a glyph."""
    if char in BLANK_LOOKALIKES or is_default_ignorable(char):
        return False
    return unicodedata.category(char)[0] in "LNPS"


def has_visible(text: str) -> bool:
    """True when ``text`` keeps at least one visible character once white space, the
    default-ignorable code points and blank look-alikes (U+2800) are taken out."""
    return any(_draws_something(char) for char in text)


def label_problem(text: str) -> Reason | None:
    """Why ``text`` cannot be a name or label (a Dutch msgid naming the ``char``), or None.

    Refused: every control character (Unicode category Cc, so C0 with tab and newline, DEL
    and C1), lone surrogates (Cs), line and paragraph separators (Zl, Zp), every format
    character (Cf: bidi overrides and isolates, LRM/RLM, zero width space, word joiner,
    BOM, tag characters...) and every other default-ignorable code point (Hangul fillers,
    the combining grapheme joiner, variation selectors; Unicode DerivedCoreProperties
    Default_Ignorable_Code_Point) except ZWNJ and ZWJ, which Persian and Arabic spelling
    need; the braille blank U+2800; and text that is not only white space yet shows
    nothing (no letter, digit, punctuation or symbol). Empty or all-space text is left to
    the caller, which knows whether the label may be empty.
    """
    for char in text:
        if char in BIDI_CONTROLS:
            return Reason.of("bidi", N_("bevat het richtingsteken {char}"), char=_describe(char))
        if _hides_or_moves(char) or (
            char not in JOINERS and (is_default_ignorable(char) or char in BLANK_LOOKALIKES)
        ):
            return Reason.of(
                "invisible", N_("bevat het onzichtbare teken {char}"), char=_describe(char)
            )
    if text.strip() and not has_visible(text):
        return Reason.of("blank", N_("bevat geen zichtbaar teken"))
    return None


def free_text_problem(text: str) -> Reason | None:
    """Why ``text`` cannot be free text such as a note (a Dutch msgid), or None when it can.

    Tabs and line breaks are allowed; every other control character (C0, DEL, C1), lone
    surrogates and the bidi embeddings, overrides and isolates are refused. Other format
    characters (LRM and RLM in mixed Arabic and Latin text, soft hyphens) are allowed:
    they cannot reorder a whole run and are escaped when printed to a terminal.
    """
    for char in text:
        if char in BIDI_CONTROLS:
            return Reason.of("bidi", N_("bevat het richtingsteken {char}"), char=_describe(char))
        category = unicodedata.category(char)
        if (category == "Cc" and char not in FREE_TEXT_CONTROLS) or category == "Cs":
            return Reason.of("control", N_("bevat het stuurteken {char}"), char=_describe(char))
    return None


def _escape_visible(match: re.Match[str]) -> str:
    char = match.group()
    return f"<{codepoint(char)}>" if _hides_or_moves(char) else char


def terminal_safe(text: str) -> str:
    """``text`` for one line of terminal output: every character that could move, hide or
    control what the terminal shows (see :func:`label_problem`, tabs and newlines included)
    becomes a visible ``<U+XXXX>``; all other characters, ZWNJ and ZWJ too, are kept.
    Nothing is dropped, so what is printed still tells what is stored.
    """
    return _CANDIDATE.sub(_escape_visible, text)


def _escape_json(match: re.Match[str]) -> str:
    char = match.group()
    if not _hides_or_moves(char):
        return char
    # Only inside a JSON string can such a character occur (json.dumps writes the
    # structure in ASCII), so a \u escape is exact: a JSON reader gets the same value.
    # Characters beyond the BMP are written as their UTF-16 surrogate pair, as JSON does.
    units = char.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


def terminal_safe_json(value: Any, *, indent: int | None = 2, sort_keys: bool = False) -> str:
    """``value`` as JSON that reads back exactly the same but is safe to print.

    Like ``json.dumps(value, ensure_ascii=False)``, except that characters that could move,
    hide or control terminal output are written as ``\\uXXXX`` escapes (which
    ``json.dumps`` does only for C0 controls).
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    return _JSON_CANDIDATE.sub(_escape_json, text)
