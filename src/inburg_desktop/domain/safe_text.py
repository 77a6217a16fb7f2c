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
non-joiner (U+200C) and joiner (U+200D) between letters of the scripts whose spelling needs
them, Persian and Indic among them (The Unicode Standard, §23.2 "Layout Controls"). The
categories come from the running Python's Unicode database (``unicodedata``), so the rules
follow Unicode as it grows.
"""

from __future__ import annotations

import functools
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

BLANK_LOOKALIKES = frozenset("\u2800\U00016fe4\U0001d159\U00013441\U00013442")
"""Characters that are neither default-ignorable nor white space yet draw nothing, so two
names or labels look the same with and without them: U+2800 BRAILLE PATTERN BLANK (So),
U+16FE4 KHITAN SMALL SCRIPT FILLER (Mn; an invisible filler that only shapes a Khitan
cluster, The Unicode Standard §18.12; attack round 4), U+1D159 MUSICAL SYMBOL NULL
NOTEHEAD (So, a placeholder that draws no notehead) and the Egyptian hieroglyph blanks
U+13441, U+13442 (Unicode 15.0; unassigned in older databases, where they are refused as
such). The list is the blank-looking characters of the Unicode code charts outside the
Default_Ignorable property (whose fillers U+115F, U+1160, U+3164, U+FFA0 and U+180E are in
:data:`DEFAULT_IGNORABLE_RANGES`), checked against the invisible-character table VS Code
generates by rendering every code point (its ``InvisibleCharacters``, which lists U+2800
and the Hangul fillers; U+16FE4 is newer than that table). Unicode has no property for
them, so they are named here; a test keeps every one refused."""

ELONGATION = frozenset("\u0640\u07fa")
"""U+0640 ARABIC TATWEEL and U+07FA NKO LAJANYALAN (both Lm): they stretch the joint
between two letters for justification or display and carry no sound or spelling (The
Unicode Standard §9.2 "Arabic", Tatweel). ``محـمد`` is ``محمد`` drawn wider: in a name it
is a second spelling of the same name, so a name refuses it (the consultant types the
name without it), and a run of them draws a line of any length (attack round 4: 50 in a
row)."""

MAX_ELONGATION_RUN = 1
"""Elongation characters in a row a label may hold: one widens a joint as a heading
might; two or more only draw a longer line, which no word needs."""

OVERLAY_CCC = 1
"""Canonical_Combining_Class 1, "Overlay" (UAX #44 §5.7.4; ``unicodedata.combining``):
marks drawn through the letter they follow: U+0334..U+0338 (tilde, stroke and solidus
overlays: strikethrough), U+20D2, U+20D3, U+20D8..U+20DA, U+20E5, U+20E6, U+20EA, U+20EB,
the Vedic svara marks U+1CD4, U+1CE2..U+1CE8 and a few more. They strike a name or label
through (``H̶a̶d̶d̶a̶d̶``) or make it look like another; no spelling of a name or
label of this app uses them. Refused everywhere but in :data:`OVERLAY_SPELLING_SCRIPTS`."""

OVERLAY_SPELLING_SCRIPTS = frozenset({"BASSA"})
"""Scripts whose spelling uses overlay marks (ccc 1): Bassa Vah's tone marks U+16AF0..U+16AF4
(The Unicode Standard §19.7) are part of how a Bassa word is written, so they stay
allowed (the first word of the mark's Unicode name)."""

REPLACEMENTS = frozenset("\ufffc\ufffd")
"""U+FFFC OBJECT REPLACEMENT CHARACTER and U+FFFD REPLACEMENT CHARACTER (category So):
they stand in for something that is not there (an embedded object, bytes that could not
be decoded), never for a letter of a name or label."""

JOINING_SCRIPT_RANGES: tuple[tuple[int, int], ...] = (
    (0x0600, 0x06FF),  # Arabic (Persian, Dari, Pashto, Urdu, Kurdish Sorani)
    (0x0700, 0x074F),  # Syriac
    (0x0750, 0x077F),  # Arabic Supplement
    (0x07C0, 0x07FF),  # NKo
    (0x0840, 0x085F),  # Mandaic
    (0x0860, 0x086F),  # Syriac Supplement
    (0x0870, 0x08FF),  # Arabic Extended-B, -A
    (0x0900, 0x0DFF),  # Devanagari .. Sinhala (the Brahmic scripts of India and Sri Lanka)
    (0x1800, 0x18AF),  # Mongolian
    (0xA8E0, 0xA8FF),  # Devanagari Extended
    (0xFB50, 0xFDFF),  # Arabic Presentation Forms-A
    (0xFE70, 0xFEFF),  # Arabic Presentation Forms-B
    (0x10AC0, 0x10AFF),  # Manichaean
    (0x10B80, 0x10BAF),  # Psalter Pahlavi
    (0x10D00, 0x10D3F),  # Hanifi Rohingya
    (0x10F30, 0x10FDF),  # Sogdian, Old Uyghur, Chorasmian
    (0x11660, 0x1167F),  # Mongolian Supplement
    (0x1E900, 0x1E95F),  # Adlam
)
"""Blocks of the scripts whose spelling uses ZWNJ or ZWJ between two letters: the cursive
joining scripts (Unicode ArabicShaping.txt, Joining_Type; The Unicode Standard §9.2-9.3,
§13.2) and the Brahmic scripts, where a joiner after a virama picks a half form or keeps
a conjunct apart (§12.2 "Rendering"). Between Latin, Greek, Cyrillic or Ethiopic letters a
joiner changes nothing visible, so ``Had\u200cdad`` would be a second ``Haddad``."""

NAME_SYMBOL_CATEGORIES = frozenset({"Sm", "Sc", "So"})
"""Symbol categories that are no part of a person's name: math (``+``, ``=``), currency
(``€``) and other symbols (``©``, U+1D159 MUSICAL SYMBOL NULL NOTEHEAD, emoji). Modifier
symbols (Sk: `` ` ``, ``´``, ``^``) stay allowed: they are typed for an apostrophe or an
accent in names transcribed from other scripts (``N´Diaye``)."""

MAX_MARKS_PER_LETTER = 4
"""Combining marks (categories Mn, Mc, Me) one letter may carry in a name or label. Real
spelling needs at most three: Vietnamese two (``ệ`` = e + dot below + circumflex), Arabic
shadda with a vowel (two), pointed Hebrew shin with dagesh, shin dot and a vowel (three); a
fourth leaves room for a meteg. Dozens stacked ("Zalgo" text, attack round 4: "Haddad"
with 60 accents) draw over the neighbouring lines and hide what is written there. Nor
does any spelling put the same mark twice on one letter (``á́``): a name refuses that
too, as it draws like one mark."""

CJK_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "IDEOGRAPHIC"})
"""Scripts one Japanese (or Chinese) word mixes by its own spelling: kanji with hiragana
and katakana (The Unicode Standard §18.1, §18.4)."""

COMMON_LETTER_PREFIXES = frozenset({"MODIFIER"})
"""Letters that belong to no script of their own (Unicode Script=Common): the modifier
letters typed as apostrophes (U+02BC ʼ, U+02BB ʻ)."""

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
    """True for a letter, digit, punctuation mark or symbol that shows as a glyph of its
    own (an elongation character only stretches the joint of the letters around it)."""
    if char in BLANK_LOOKALIKES or char in ELONGATION or is_default_ignorable(char):
        return False
    return unicodedata.category(char)[0] in "LNPS"


def has_visible(text: str) -> bool:
    """True when ``text`` keeps at least one visible character once white space, the
    default-ignorable code points, blank look-alikes (:data:`BLANK_LOOKALIKES`) and
    elongation characters (:data:`ELONGATION`) are taken out."""
    return any(_draws_something(char) for char in text)


def is_overlay(char: str) -> bool:
    """True for a combining mark drawn through its letter (:data:`OVERLAY_CCC`) outside the
    scripts whose spelling uses one (:data:`OVERLAY_SPELLING_SCRIPTS`)."""
    return (
        unicodedata.combining(char) == OVERLAY_CCC
        and unicodedata.name(char, "").split(" ")[0] not in OVERLAY_SPELLING_SCRIPTS
    )


def is_noncharacter(char: str) -> bool:
    """True for one of the 66 noncharacters (U+FDD0..U+FDEF and the last two code points
    of every plane, U+FFFE, U+FFFF, U+1FFFE..): reserved for a program's own use inside
    it, never for interchange (The Unicode Standard §23.7 "Noncharacters")."""
    point = ord(char)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


def in_joining_script(char: str) -> bool:
    """True when ``char`` lies in a block of :data:`JOINING_SCRIPT_RANGES`."""
    point = ord(char)
    return any(low <= point <= high for low, high in JOINING_SCRIPT_RANGES)


def _joins(char: str | None) -> bool:
    """True for a letter or mark of a joining script: what a joiner may stand beside."""
    return char is not None and unicodedata.category(char)[0] in "LM" and in_joining_script(char)


def _not_a_character(char: str) -> Reason | None:
    """Why ``char`` is no character of any written text, or None."""
    category = unicodedata.category(char)
    if is_noncharacter(char):
        return Reason.of(
            "noncharacter",
            N_("bevat {char}, dat geen teken is (een niet-teken)"),
            char=_describe(char),
        )
    if category == "Cn":
        return Reason.of(
            "unassigned",
            N_("bevat {char}, een code die (nog) geen teken is"),
            char=_describe(char),
        )
    if category == "Co":
        return Reason.of(
            "private_use",
            N_("bevat {char}, een teken voor eigen gebruik dat niet overal hetzelfde toont"),
            char=_describe(char),
        )
    if char in REPLACEMENTS:
        return Reason.of(
            "replacement", N_("bevat het vervangingsteken {char}"), char=_describe(char)
        )
    return None


def _misplaced_joiner(text: str) -> Reason | None:
    """A ZWNJ or ZWJ that does not stand between two letters (or marks) of a joining
    script (:data:`JOINING_SCRIPT_RANGES`), or None."""
    for index, char in enumerate(text):
        if char not in JOINERS:
            continue
        before = text[index - 1] if index > 0 else None
        after = text[index + 1] if index + 1 < len(text) else None
        if not (_joins(before) and _joins(after)):
            return Reason.of(
                "joiner",
                N_(
                    "bevat {char} buiten een woord dat het nodig heeft (alleen tussen "
                    "letters van bijvoorbeeld het Arabische, Perzische of Devanagari-schrift)"
                ),
                char=_describe(char),
            )
    return None


@functools.lru_cache(maxsize=4096)
def _label_char_problem(char: str) -> Reason | None:
    """Why the one character ``char`` may stand in no label, or None.

    Cached per character (at most 4,096, a few hundred kilobytes): the checks look a
    character up in several Unicode tables, and the names of a caseload repeat the same
    few dozen letters (attack round 4: the name rule cost about 500 µs per pulled case).
    A character alone is no personal data; whole texts are not cached, so no name stays
    in memory after the vault is locked."""
    if char in BIDI_CONTROLS:
        return Reason.of("bidi", N_("bevat het richtingsteken {char}"), char=_describe(char))
    if _hides_or_moves(char) or (
        char not in JOINERS and (is_default_ignorable(char) or char in BLANK_LOOKALIKES)
    ):
        return Reason.of(
            "invisible", N_("bevat het onzichtbare teken {char}"), char=_describe(char)
        )
    if (refused := _not_a_character(char)) is not None:
        return refused
    if is_overlay(char):
        return Reason.of(
            "overlay",
            N_("bevat {char}, een teken dat door de letter heen wordt getekend"),
            char=_describe(char),
        )
    return None


def _is_plain_ascii(text: str) -> bool:
    """True for text of printable ASCII only (U+0020..U+007E), the common case: no
    character of it is refused by :func:`label_problem`, so it needs no per-character
    look-up (``str.isascii`` and ``str.isprintable`` run in C)."""
    return text.isascii() and text.isprintable()


def _run_problem(text: str) -> Reason | None:
    """More than :data:`MAX_MARKS_PER_LETTER` marks on one letter, or more than
    :data:`MAX_ELONGATION_RUN` elongation characters in a row, or None."""
    marks = stretched = 0
    for char in text:
        if unicodedata.category(char)[0] == "M":
            marks += 1
            if marks > MAX_MARKS_PER_LETTER:
                return Reason.of(
                    "marks",
                    N_("heeft meer dan {count} tekens boven of onder één letter"),
                    count=MAX_MARKS_PER_LETTER,
                )
            continue
        marks = 0
        stretched = stretched + 1 if char in ELONGATION else 0
        if stretched > MAX_ELONGATION_RUN:
            return Reason.of(
                "elongation_run",
                N_("bevat de verlengstreep {char} meer dan eens na elkaar"),
                char=_describe(char),
            )
    return None


def label_problem(text: str) -> Reason | None:
    """Why ``text`` cannot be a name or label (a Dutch msgid naming the ``char``), or None.

    Refused: every control character (Unicode category Cc, so C0 with tab and newline, DEL
    and C1), lone surrogates (Cs), line and paragraph separators (Zl, Zp), every format
    character (Cf: bidi overrides and isolates, LRM/RLM, zero width space, word joiner,
    BOM, tag characters...) and every other default-ignorable code point (Hangul fillers,
    the combining grapheme joiner, variation selectors; Unicode DerivedCoreProperties
    Default_Ignorable_Code_Point) except ZWNJ and ZWJ, which Persian and Arabic spelling
    need; the blank look-alikes of :data:`BLANK_LOOKALIKES` (the braille blank U+2800,
    the Khitan filler U+16FE4...); overlay marks drawn through a letter
    (:data:`OVERLAY_CCC`, ccc 1: U+0336 strikes text through); more than
    :data:`MAX_MARKS_PER_LETTER` marks on one letter or more than
    :data:`MAX_ELONGATION_RUN` tatweel (:data:`ELONGATION`) in a row; and text that is not
    only white space yet shows nothing (no letter, digit, punctuation or symbol). Also
    refused: what is no character of written text at all, unassigned code points (Cn),
    private use (Co), the 66 noncharacters and the replacement characters U+FFFC, U+FFFD
    (:data:`REPLACEMENTS`); and a ZWNJ or ZWJ that does not stand between two letters of
    a joining script (:data:`JOINING_SCRIPT_RANGES`), where it would make a look-alike of
    another label (attack round 3, finding 5). Empty or all-space text is left to the
    caller, which knows whether the label may be empty.

    Printable ASCII text passes at once (:func:`_is_plain_ascii`); other text is looked
    at character by character, each character's verdict cached.
    """
    if _is_plain_ascii(text):
        return None
    for char in text:
        if " " <= char <= "~":
            continue
        if (refused := _label_char_problem(char)) is not None:
            return refused
    if (ZWNJ in text or ZWJ in text) and (misplaced := _misplaced_joiner(text)) is not None:
        return misplaced
    if (runs := _run_problem(text)) is not None:
        return runs
    if text.strip() and not has_visible(text):
        return Reason.of("blank", N_("bevat geen zichtbaar teken"))
    return None


# The ASCII characters a name refuses (categories Sm and Sc: ``+ < = > | ~ $``), read
# from the Unicode database rather than listed, so the fast path and the full rule agree.
_ASCII_NAME_SYMBOL = re.compile(
    "["
    + "".join(
        re.escape(chr(point))
        for point in range(0x20, 0x7F)
        if unicodedata.category(chr(point)) in NAME_SYMBOL_CATEGORIES
    )
    + "]"
)


def name_problem(text: str) -> Reason | None:
    """Why ``text`` cannot be a person's name (a Dutch msgid naming the ``char``), or None.

    The one name rule of every place a name enters (Nieuw dossier, Dossiergegevens and a
    handover file through ``domain.handover``, the office's per-field check through
    ``protocol.field_rules``, the consultant's name and the enrollment's account name):
    :func:`label_problem`, and no symbol of :data:`NAME_SYMBOL_CATEGORIES`. Letters and
    marks of every script, digits, spaces, punctuation (hyphen, apostrophe, period) and
    modifier symbols pass. Empty text is left to the caller.

    Nor may a name look like another one (attack round 4, finding 5): the only space is
    U+0020, one at a time (a no-break, thin, hair or ideographic space, or two spaces,
    shows as the same name with a second spelling; a check cannot normalise what every
    entry stores, so the consultant is asked to type a plain space); no compatibility
    character, whose NFKC form differs (mathematical bold 𝐇, fullwidth Ｈ, ligatures,
    superscripts; Unicode UAX #15 §1.1, modifier symbols such as ´ excepted, see above);
    no tatweel (:data:`ELONGATION`: ``محـمد`` is ``محمد`` drawn wider, so even one is a
    second spelling; the consultant leaves it out); no enclosing mark (category Me: a
    circle or keycap drawn around a letter); at most :data:`MAX_MARKS_PER_LETTER`
    combining marks on one letter and never the same mark twice in a row; no combining
    mark without a letter under it (at the start, after a space, punctuation or a digit:
    attack round 6, finding 10; :func:`_carries_mark`); and no word
    (a run of letters and marks) mixing scripts, such as a Cyrillic а among Latin
    letters (UTS #39 §5.1 "Mixed-Script Detection"; kanji, kana and hangul count as one,
    :data:`CJK_SCRIPTS`).

    Printable ASCII text is checked for its few symbols and a double space only (the
    other rules cannot refuse it; a test keeps both paths equal).
    """
    if _is_plain_ascii(text):
        if (symbol := _ASCII_NAME_SYMBOL.search(text)) is not None:
            return _symbol_problem(symbol.group())
        if "  " in text or text.startswith(" "):  # the full rule counts a leading space so
            return _DOUBLE_SPACE
        return None
    return _full_name_problem(text)


_DOUBLE_SPACE = Reason.of("double_space", N_("bevat twee spaties na elkaar"))


def _symbol_problem(char: str) -> Reason:
    return Reason.of(
        "symbol",
        N_("bevat het symbool {char}, dat geen deel van een naam is"),
        char=_describe(char),
    )


def _full_name_problem(text: str) -> Reason | None:
    """:func:`name_problem` without its ASCII fast path (also what a test compares the
    fast path with)."""
    problem = label_problem(text)
    if problem is not None:
        return problem
    for char in text:
        if unicodedata.category(char) in NAME_SYMBOL_CATEGORIES:
            return _symbol_problem(char)
    return _look_alike_problem(text)


def _script(char: str) -> str | None:
    """The script of a letter, as the first word of its Unicode name (``LATIN``,
    ``CYRILLIC``, ``GREEK``, ``ARABIC``...; Python's ``unicodedata`` has no Script
    property), ``CJK`` for the scripts of :data:`CJK_SCRIPTS`; None for what is not a
    letter or belongs to no script (marks are Inherited, punctuation and digits Common)."""
    if unicodedata.category(char)[0] != "L":
        return None
    script = unicodedata.name(char, "").split(" ")[0]
    if not script or script in COMMON_LETTER_PREFIXES:
        return None
    return "CJK" if script in CJK_SCRIPTS else script


def script_of(char: str) -> str | None:
    """The script of a letter (``LATIN``, ``CYRILLIC``, ``GREEK``, ``ARABIC``, ``CJK``...),
    or None for a mark, digit, punctuation or a letter of no script (see :func:`_script`);
    for a mixed-script check elsewhere (a server name's labels, ``domain.server_url``)."""
    return _script(char)


@functools.lru_cache(maxsize=4096)
def _name_char(char: str) -> tuple[str, str | None, str | None]:
    """What the look-alike rule asks of ``char``: its category, its script
    (:func:`_script`) and its NFKC form when that differs (else None; symbols and
    modifier symbols are not asked). Cached per character like :func:`_label_char_problem`."""
    category = unicodedata.category(char)
    plain = None
    if category not in NAME_SYMBOL_CATEGORIES and category != "Sk":
        normal = unicodedata.normalize("NFKC", char)
        plain = normal if normal != char else None
    return category, _script(char), plain


def _carries_mark(previous: str) -> bool:
    """Whether a combining mark may follow ``previous``: a letter (its base), another mark
    of the same cluster (the letter's earlier marks, themselves checked this way) or a
    ZWNJ/ZWJ (which :func:`label_problem` allows only between letters or marks of a
    joining script). After a space, punctuation, a digit or at the start of the text a
    mark has no letter to sit on (attack round 6, finding 10): it floats over the space,
    or a renderer puts it on the letter before, so ``Sanne \u0301de`` would be a second
    spelling of a name (The Unicode Standard §2.11 "Combining Characters": a mark applies
    to the base character before it; one without a base is a defective sequence, §3.6
    D57)."""
    return previous in JOINERS or unicodedata.category(previous)[0] in "LM"


def _look_alike_problem(text: str) -> Reason | None:
    """Why ``text`` could show as another name (attack round 4, finding 5), or None."""
    word_script: str | None = None
    previous = " "
    for char in text:
        category, script, plain = _name_char(char)
        if category == "Zs" and char != " ":
            return Reason.of(
                "space",
                N_("bevat de spatie {char}; gebruik een gewone spatie"),
                char=_describe(char),
            )
        if char == " " and previous == " ":
            return _DOUBLE_SPACE
        if char in ELONGATION:
            return Reason.of(
                "elongation",
                N_(
                    "bevat de verlengstreep {char}, die een letter alleen breder tekent en "
                    "geen deel van de spelling is; laat hem weg"
                ),
                char=_describe(char),
            )
        if category == "Me":
            return Reason.of(
                "enclosing",
                N_("bevat {char}, een teken dat om een letter heen wordt getekend"),
                char=_describe(char),
            )
        if category[0] == "M" and not _carries_mark(previous):
            return Reason.of(
                "floating_mark",
                N_(
                    "bevat het teken {char} zonder letter eronder (na een spatie, leesteken "
                    "of aan het begin van een woord); typ het teken direct na zijn letter"
                ),
                char=_describe(char),
            )
        if category[0] == "M" and char == previous:
            return Reason.of(
                "repeated_mark",
                N_("heeft het teken {char} twee keer op dezelfde letter"),
                char=_describe(char),
            )
        if plain is not None:
            return Reason.of(
                "compatibility",
                N_("bevat {char}, een andere vorm van '{plain}'; typ '{plain}'"),
                char=_describe(char),
                plain=plain.strip(),
            )
        if category[0] in "LM":
            if script is not None:
                if word_script is not None and script != word_script:
                    return Reason.of(
                        "mixed_script",
                        N_(
                            "mengt in één woord letters van verschillende schriften: {char} "
                            "hoort niet bij het schrift van de letters ervoor"
                        ),
                        char=_describe(char),
                    )
                word_script = script
        else:
            word_script = None  # a space, hyphen or apostrophe ends the word
        previous = char
    return None


def person_name(text: str) -> str:
    """A person's name as it is stored and compared: surrounding white space taken off and
    the text in Unicode Normalization Form C (UAX #15), so ``José`` typed with a composed
    é (U+00E9) and with e + U+0301 (a macOS file, some keyboards) is one name (attack
    round 6, finding 9: two consultants "José Ruiz" that every listing showed alike).
    The one normalisation of every place a name enters (consultant names on the office
    and the laptop, the case's names, household members, the decider of a PIP or a fine
    through the consultant's name); the name rule (:func:`name_problem`) reads the result.
    """
    return unicodedata.normalize("NFC", text.strip())


def name_key(text: str) -> str:
    """The form in which two names are the same person's for "is this someone we know":
    :func:`person_name` (NFC), case folded, white space of any kind collapsed to single
    spaces, and NFC again, since case folding can leave a letter decomposed (``ᾶ``)
    (``JOSÉ  RUIZ``, ``josé ruiz`` and ``Jose\u0301 Ruiz`` have one key). Decided (attack
    rounds 7 #4 and 8 #12): the form only, never the letters; ``Jose`` is not ``José``,
    ``ı`` not ``i``, a compatibility letter (fullwidth ``Ｊ``) not its plain one, since
    folding those would make two people's names one (the name rule,
    :func:`name_problem`, refuses compatibility and invisible characters in a name
    anyway). The key is its own key, in NFC."""
    folded = " ".join(person_name(text).casefold().split())
    return unicodedata.normalize("NFC", folded)


def typed_label_problem(text: str) -> Reason | None:
    """Why ``text`` cannot be a short label someone types to tell things apart (a
    laptop's label, ``inburg-office enroll --label``), or None.

    The name rule without its ban on symbols (``laptop #2`` is a label): what no label
    may hold (:func:`label_problem`: control, direction, invisible and filler characters,
    a lone Hangul filler) and what makes a second spelling of the same label
    (:func:`_look_alike_problem`: a space other than U+0020 or two in a row, a tatweel,
    a compatibility character, a mark without its letter, a word mixing scripts).
    Attack round 6, finding 5: ``laptop\u200b 1`` beside ``laptop 1``, ``lap\u0640top 1``
    and a label that is only U+3164 were accepted. Empty text is left to the caller;
    :func:`label_key` is the form two labels are compared in.
    """
    if _is_plain_ascii(text):
        return _DOUBLE_SPACE if "  " in text or text.startswith(" ") else None
    return label_problem(text) or _look_alike_problem(text)


def label_key(text: str) -> str:
    """The form in which two labels are the same label: NFKC, case folded, without what
    draws nothing (default-ignorable code points, :data:`BLANK_LOOKALIKES`,
    :data:`ELONGATION`), white space collapsed to one space. ``"Laptop\u200b  1"`` and
    ``"laptop 1"`` have one key, so a label stored before :func:`typed_label_problem`
    existed still blocks its look-alike."""
    visible = "".join(
        char
        for char in unicodedata.normalize("NFKC", text)
        if not (is_default_ignorable(char) or char in BLANK_LOOKALIKES or char in ELONGATION)
    )
    return " ".join(visible.casefold().split())


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


def _escaped_on_terminal(text: str, index: int) -> bool:
    """True when ``text[index]`` is to be shown as an escape: it could move, hide or
    control what is shown (:func:`_hides_or_moves`), it draws nothing though it is no
    space (the default-ignorable code points: Hangul fillers, the combining grapheme
    joiner, variation selectors; the braille blank), it is no character of written text
    (unassigned, private use, a noncharacter), or it is a ZWNJ or ZWJ that does not
    stand between two letters of a joining script (attack round 4, finding 8). A joiner
    inside a Persian or Devanagari word is kept, so the word reads as written."""
    char = text[index]
    if char in JOINERS:
        before = text[index - 1] if index > 0 else None
        after = text[index + 1] if index + 1 < len(text) else None
        return not (_joins(before) and _joins(after))
    if _hides_or_moves(char) or is_default_ignorable(char) or char in BLANK_LOOKALIKES:
        return True
    return unicodedata.category(char) in ("Cn", "Co") or is_noncharacter(char)


def _escape_visible(match: re.Match[str]) -> str:
    char = match.group()
    return f"<{codepoint(char)}>" if _escaped_on_terminal(match.string, match.start()) else char


def terminal_safe(text: str) -> str:
    """``text`` for one line of terminal output: every character that could move, hide or
    control what the terminal shows (see :func:`label_problem`, tabs and newlines
    included), draws nothing or is no character of written text, and every ZWNJ or ZWJ
    outside a word of a joining script, becomes a visible ``<U+XXXX>``
    (:func:`_escaped_on_terminal`); all other characters, a Persian word's ZWNJ too, are
    kept. Nothing is dropped, so what is printed still tells what is stored.
    """
    return _CANDIDATE.sub(_escape_visible, text)


def _escape_json(match: re.Match[str]) -> str:
    char = match.group()
    if not _escaped_on_terminal(match.string, match.start()):
        return char
    # Only inside a JSON string can such a character occur (json.dumps writes the
    # structure in ASCII), so a \u escape is exact: a JSON reader gets the same value.
    # Characters beyond the BMP are written as their UTF-16 surrogate pair, as JSON does.
    units = char.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


def terminal_safe_json(value: Any, *, indent: int | None = 2, sort_keys: bool = False) -> str:
    """``value`` as JSON that reads back exactly the same but is safe to print.

    Like ``json.dumps(value, ensure_ascii=False)``, except that what :func:`terminal_safe`
    escapes is written as ``\\uXXXX`` escapes (which ``json.dumps`` does only for C0
    controls).
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    return _JSON_CANDIDATE.sub(_escape_json, text)
