"""Register the shipped Noto fonts with ReportLab and pick a font family per language.

The fonts live in ``resources/fonts`` (source tree) or ``<prefix>/share/inburg-desktop``
(installed). They are registered as :class:`ShapingTTFont`, a ReportLab ``TTFont`` that
can give a glyph chosen by HarfBuzz its own character code with the exact source text as
its ToUnicode entry, so the text of a shaped PDF extracts as what was written.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from inburg_desktop.domain.problem import UndrawableText

# Supplementary Private Use Area-A: far from ReportLab's own BMP private codes (U+E000..).
_FIRST_PRIVATE_CODE = 0xF0000


class Script(Enum):
    """The writing systems the PDFs are set in; each has one font family."""

    LATIN = "latin"
    ARABIC = "arabic"
    ETHIOPIC = "ethiopic"


@dataclass(frozen=True)
class FontFamily:
    """A registered family: ReportLab font names for its regular and bold faces."""

    name: str
    regular: str
    bold: str
    regular_file: str
    bold_file: str

    def face(self, bold: bool = False) -> str:
        return self.bold if bold else self.regular


LATIN = FontFamily(
    "NotoSans", "NotoSans", "NotoSans-Bold", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"
)
ARABIC = FontFamily(
    "NotoNaskhArabic",
    "NotoNaskhArabic",
    "NotoNaskhArabic-Bold",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
)
ETHIOPIC = FontFamily(
    "NotoSansEthiopic",
    "NotoSansEthiopic",
    "NotoSansEthiopic-Bold",
    "NotoSansEthiopic-Regular.ttf",
    "NotoSansEthiopic-Bold.ttf",
)
FAMILIES: dict[Script, FontFamily] = {
    Script.LATIN: LATIN,
    Script.ARABIC: ARABIC,
    Script.ETHIOPIC: ETHIOPIC,
}

_ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "prs", "ps", "ckb", "ur"})
_ETHIOPIC_LANGUAGES = frozenset({"ti", "am"})
# Right-to-left is a property of the script here; every Arabic-script language we serve is RTL.
_RTL_LANGUAGES = _ARABIC_SCRIPT_LANGUAGES


class ShapingTTFont(TTFont):  # type: ignore[misc]  # ReportLab is untyped
    """A TrueType font whose shaped glyphs carry their source text in the ToUnicode CMap.

    ReportLab addresses glyphs by Unicode character. A glyph HarfBuzz picks that no
    character maps to (an Arabic medial form, a lam-alef ligature, a mirrored parenthesis)
    gets a private code here, and the ToUnicode entry of that code is the text the glyph
    stands for, so ``pdftotext`` and copy-paste give back the source characters.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._private_codes: dict[tuple[int, str], int] = {}
        self._private_text: dict[int, str] = {}

    def glyph_char(self, gid: int, text: str, advance: int) -> str:
        """The character that draws glyph ``gid`` and extracts as ``text``.

        ``advance`` is the glyph's advance in font units, used when a new code is made.
        """
        char_to_glyph: dict[int, int] = self.face.charToGlyph
        if len(text) == 1 and char_to_glyph.get(ord(text)) == gid:
            return text
        key = (gid, text)
        code = self._private_codes.get(key)
        if code is None:
            code = _FIRST_PRIVATE_CODE + len(self._private_codes)
            self._private_codes[key] = code
            self._private_text[code] = text
            char_to_glyph[code] = gid
            self.face.glyphToChar.setdefault(gid, []).append(code)
            self.face.charWidths[code] = self.face._pdfScale(advance)
        return chr(code)

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets: list[list[int]] = [list(s) for s in state.subsets] if state else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            base = (b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))).decode(
                "pdfdoc"
            )
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = _to_unicode_cmap(base, [self._text_of(c) for c in subset])

    def _text_of(self, code: int) -> str:
        return self._private_text.get(code, chr(code))


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(name: str, texts: list[str]) -> str:
    """A ToUnicode CMap mapping subset code ``i`` to ``texts[i]`` (any length, any plane)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({name})",
        f"/Ordering ({name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(texts) - 1:02X}>",
        "endcodespacerange",
    ]
    # Code 0 and unused codes (ReportLab pads subsets with 0) get no entry; a glyph that
    # is part of a cluster whose text another glyph carries maps to the empty string.
    entries = [(code, text) for code, text in enumerate(texts) if text != "\x00"]
    # A bfchar block holds at most 100 entries.
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines.extend(f"<{code:02X}> <{_utf16_hex(text)}>" for code, text in chunk)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def resources_dir() -> Path:
    """The ``resources`` folder: the source tree's, else the installed data folder."""
    source = Path(__file__).resolve().parents[3] / "resources"
    if source.is_dir():
        return source
    return Path(sys.prefix) / "share" / "inburg-desktop" / "resources"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


_registered = False


def register_fonts() -> None:
    """Register every shipped face and its family (bold mapping); safe to call repeatedly."""
    global _registered
    if _registered:
        return  # called for every glyph lookup: register the families once
    registered = set(pdfmetrics.getRegisteredFontNames())
    for family in FAMILIES.values():
        for name, file in ((family.regular, family.regular_file), (family.bold, family.bold_file)):
            if name not in registered:
                pdfmetrics.registerFont(ShapingTTFont(name, str(fonts_dir() / file)))
        # No italics are shipped: italic requests fall back to the upright faces.
        registerFontFamily(
            family.name,
            normal=family.regular,
            bold=family.bold,
            italic=family.regular,
            boldItalic=family.bold,
        )
    _registered = True


def shaping_font(name: str) -> ShapingTTFont:
    """The registered :class:`ShapingTTFont` called ``name`` (fonts registered on demand)."""
    register_fonts()
    font = pdfmetrics.getFont(name)
    if not isinstance(font, ShapingTTFont):
        raise ValueError(f"font {name!r} is not one of the shipped shaping fonts")
    return font


def base_language(lang: str) -> str:
    """``"fa-AF"`` or ``"prs_AF"`` → ``"fa"``/``"prs"``: the language subtag, lower case."""
    return lang.replace("_", "-").split("-", 1)[0].lower()


def script_for_language(lang: str) -> Script:
    code = base_language(lang)
    if code in _ARABIC_SCRIPT_LANGUAGES:
        return Script.ARABIC
    if code in _ETHIOPIC_LANGUAGES:
        return Script.ETHIOPIC
    return Script.LATIN


def family_for_language(lang: str) -> FontFamily:
    """The font family that sets text in ``lang`` (Latin for any language not listed)."""
    return FAMILIES[script_for_language(lang)]


def is_rtl(lang: str) -> bool:
    return base_language(lang) in _RTL_LANGUAGES


def _covers(font_name: str, char: str) -> bool:
    return ord(char) in shaping_font(font_name).face.charToGlyph


def font_for_char(char: str, primary: str, bold: bool = False) -> str | None:
    """The face that draws ``char``: ``primary`` if it has the glyph, else the first family
    that has it (Noto Sans first); ``None`` if no shipped font has it.

    Marks and invisible format characters return ``None`` as well: they belong to the face
    of the character before them, which the caller knows.
    """
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return None
    if _covers(primary, char):
        return primary
    for family in (LATIN, ARABIC, ETHIOPIC):
        if _covers(family.face(bold), char):
            return family.face(bold)
    return None


MAX_NAMED = 3
"""How many undrawable characters :func:`check_drawable` names."""


INVISIBLE_FORMAT = frozenset("\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")
"""Format characters that draw nothing and mean something the text needs: the soft
hyphen, the Arabic letter mark, zero width space and (non-)joiner (Persian and Indic
spelling), the direction marks, word joiner and zero width no-break space. Any other
format character (interlinear annotation U+FFF9..FFFB, tag characters U+E0020..E007F)
would print a box or hide text in the text layer, so it is refused (attack round 7,
finding 6); controls and direction overrides never get here (``pdf.text.drawable``
shows them as codes)."""


def _undrawable(char: str, primary: str, bold: bool) -> bool:
    """Whether ``char`` would print as a box (or not at all, though it is text)."""
    category = unicodedata.category(char)
    if category in ("Zs", "Zl", "Zp", "Cc"):
        return False  # blanks and line breaks are set as space; controls are shown as codes
    if category == "Cf":
        return char not in INVISIBLE_FORMAT
    if category in ("Mn", "Me"):
        # a mark is drawn by the font of the letter it sits on: some shipped font has it
        return not any(_covers(family.face(bold), char) for family in (LATIN, ARABIC, ETHIOPIC))
    return font_for_char(char, primary, bold) is None


def undrawable_chars(text: str, primary: str) -> list[str]:
    """The distinct characters of ``text`` that would print as a box (or not at all):
    no glyph in ``primary`` or any shipped family (:func:`font_for_char`; a combining
    mark: in any shipped family), or a format character outside
    :data:`INVISIBLE_FORMAT`; in the order they first occur."""
    bold = primary.endswith("-Bold")
    missing: list[str] = []
    for char in text:
        if char in missing or char.isascii():
            continue
        if _undrawable(char, primary, bold):
            missing.append(char)
    return missing


def char_names(chars: Sequence[str]) -> str:
    """Characters as ``U+05E9 HEBREW LETTER SHIN`` (a character, never the text around
    it, so no name reaches a message or a log), comma separated."""
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".strip() for c in chars)


def check_drawable(text: str, primary: str) -> None:
    """Raise :class:`UndrawableText` naming up to :data:`MAX_NAMED` of
    :func:`undrawable_chars` when there are any."""
    missing = undrawable_chars(text, primary)
    if missing:
        raise UndrawableText(chars=char_names(missing[:MAX_NAMED]))
