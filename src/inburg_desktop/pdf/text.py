"""Turn a string in a given language into a platypus flowable, shaped and in reading order.

Latin text becomes a ReportLab :class:`~reportlab.platypus.Paragraph`. Arabic-script and
Ethiopic text becomes a :class:`ShapedParagraph`: HarfBuzz shapes each run (joined Arabic,
ligatures, mark positions, mirrored brackets), :mod:`.bidi` orders the runs of a line, and
lines are broken at spaces and aligned to the right for right-to-left languages.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal
from unicodedata import bidirectional
from xml.sax.saxutils import escape

import uharfbuzz as hb
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from inburg_desktop.domain.safe_text import codepoint
from inburg_desktop.pdf.bidi import embedding_levels, visual_order
from inburg_desktop.pdf.fonts import (
    Script,
    base_language,
    char_names,
    family_for_language,
    font_for_char,
    is_rtl,
    register_fonts,
    script_for_language,
    shaping_font,
    undrawable_chars,
)

Role = Literal["title", "heading", "body", "small"]

_SIZES: dict[Role, float] = {"title": 16.0, "heading": 12.5, "body": 10.5, "small": 8.5}
# Naskh has tall ascenders and deep descenders; Ethiopic syllables are tall too.
_LEADING: dict[Script, float] = {Script.LATIN: 1.35, Script.ARABIC: 1.8, Script.ETHIOPIC: 1.55}
# Naskh looks small beside Noto Sans at the same size (short x-height): set it larger.
_SCALE: dict[Script, float] = {Script.LATIN: 1.0, Script.ARABIC: 1.15, Script.ETHIOPIC: 1.0}
MIN_FURNITURE_SIZE = 4.0  # points: the smallest a header is set to make it fit
_SPACE_AFTER: dict[Role, float] = {"title": 10.0, "heading": 4.0, "body": 6.0, "small": 3.0}


def paragraph_style(lang: str, role: Role = "body", size: float | None = None) -> ParagraphStyle:
    """The style for ``role`` text in ``lang``: its script's font, leading and alignment.

    ``size`` is the Latin-equivalent size; Arabic script is set a little larger.
    """
    register_fonts()
    script = script_for_language(lang)
    family = family_for_language(lang)
    font_size = round((size if size is not None else _SIZES[role]) * _SCALE[script], 2)
    return ParagraphStyle(
        name=f"{role}-{base_language(lang)}",
        fontName=family.face(bold=role in ("title", "heading")),
        fontSize=font_size,
        leading=round(font_size * _LEADING[script], 2),
        alignment=TA_RIGHT if is_rtl(lang) else TA_LEFT,
        spaceBefore=_SPACE_AFTER[role] if role == "heading" else 0.0,
        spaceAfter=_SPACE_AFTER[role],
        # Latin needs no contextual shaping; without it ReportLab sets no ligature glyphs,
        # so Dutch text extracts letter for letter ("officieel", not "oﬃcieel") and stays
        # searchable. Other scripts are shaped by ShapedParagraph whatever this says.
        shaping=int(script is not Script.LATIN),
    )


_HIDDEN_IN_PDF = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""What :func:`drawable` shows as a visible code: every control character but tab and
line break (C0, DEL, C1: terminal escapes, CSI, NEL), every bidi embedding, override and
isolate (UAX #9: they reorder the text around them, so a name would read reversed) and
lone surrogates; the same set ``domain.safe_text.free_text_problem`` refuses."""


def _visible_code(match: re.Match[str]) -> str:
    return f"<{codepoint(match.group())}>"


def drawable(text: str) -> str:
    """``text`` as a PDF may draw it: each character of :data:`_HIDDEN_IN_PDF` becomes a
    visible ``<U+XXXX>`` and a carriage return a line break; every other character (LRM
    and RLM in mixed Arabic and Latin text, ZWNJ in Persian words) is kept.

    The rules of every field family refuse such characters where a value comes in
    (``protocol.field_rules``); this is the last point before paper, so that a value
    stored before a rule existed, or by another way in, cannot reorder or hide what a
    legal decision says. Escaped rather than dropped: what is printed still tells what is
    stored (attack round 6, finding 8). Every text on a page passes here
    (:func:`paragraph`, :class:`ShapedParagraph`, the document's metadata in
    ``document.build_pdf``).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _HIDDEN_IN_PDF.sub(_visible_code, text)


@dataclass(frozen=True)
class Replaced:
    """Characters no shipped font draws, printed as their code (:func:`undrawable`):
    ``field`` the label of the value they stood in (``None``: running text), ``chars``
    as ``U+1F600 GRINNING FACE`` (the characters only: no name reaches a message)."""

    field: str | None
    chars: str


_REPLACED: ContextVar[list[Replaced] | None] = ContextVar("pdf_replaced", default=None)


@contextmanager
def replacements(propagate: bool = True) -> Iterator[list[Replaced]]:
    """Collect what :func:`paragraph` replaced while the block runs (per thread and task:
    a context variable), to tell the user which field held what; with ``propagate`` an
    enclosing collector receives the same entries when the block ends."""
    outer = _REPLACED.get()
    mine: list[Replaced] = []
    token = _REPLACED.set(mine)
    try:
        yield mine
    finally:
        _REPLACED.reset(token)
        if propagate and outer is not None:
            outer.extend(mine)


def undrawable(text: str, font_name: str, field: str | None = None) -> str:
    """``text`` with each character no shipped font can draw (``fonts.undrawable_chars``:
    an emoji, Hebrew, Han, Thai…) as a visible ``<U+XXXX>``, as :func:`drawable` shows a
    control character: the rest of the text, and the document, still print, and what is
    printed still tells what is stored (attack round 8, finding 3: one emoji in a note
    blocked the whole overview). Each replacement is recorded with ``field`` for the
    enclosing :func:`replacements`."""
    missing = undrawable_chars(text, font_name)
    if not missing:
        return text
    collector = _REPLACED.get()
    if collector is not None:
        collector.append(Replaced(field, char_names(missing)))
    gone = set(missing)
    return "".join(f"<{codepoint(c)}>" if c in gone else c for c in text)


def paragraph(
    text: str,
    lang: str,
    role: Role = "body",
    style: ParagraphStyle | None = None,
    field: str | None = None,
) -> Flowable:
    """A flowable that sets plain ``text`` (not markup) written in language ``lang``.

    Newlines in ``text`` are line breaks. ``style`` overrides the default
    :func:`paragraph_style` for ``lang`` and ``role``. Control and text-direction
    characters are drawn as visible codes (:func:`drawable`), and so is a character no
    shipped font has a glyph for (:func:`undrawable`, recorded under ``field``, the label
    of the value ``text`` is): every text of every PDF comes through here
    (tests/pdf/test_one_text_path.py), so no text can stop a document.
    """
    text = drawable(text)
    style = style or paragraph_style(lang, role)
    text = undrawable(text, style.fontName, field)
    if script_for_language(lang) is Script.LATIN and _latin_font_covers(text, style.fontName):
        return Paragraph(escape(text).replace("\n", "<br/>"), style)
    return ShapedParagraph(text, style, lang=lang)


def draw_paragraph(
    canvas: Any,
    text: str,
    lang: str,
    style: ParagraphStyle,
    x: float,
    bottom: float,
    width: float,
    max_height: float | None = None,
) -> float:
    """Draw ``text`` on ``canvas`` as :func:`paragraph` sets it, outside the page's story.

    For page furniture (headers, footers, watermarks): the same font choice per script and
    the same shaping as the story, so no run is dropped for want of a glyph. The paragraph
    is ``width`` points wide with its bottom edge at ``bottom``. Text taller than
    ``max_height`` points is set smaller (down to :data:`MIN_FURNITURE_SIZE`) rather than
    run off the page. Returns the height drawn.
    """
    flowable = paragraph(text, lang, style=style)
    _, height = flowable.wrapOn(canvas, width, 1e6)
    size = style.fontSize
    while max_height is not None and height > max_height and size > MIN_FURNITURE_SIZE:
        size = max(size * 0.85, MIN_FURNITURE_SIZE)
        scale = size / style.fontSize
        smaller = ParagraphStyle(
            f"{style.name}-{size:.2f}",
            parent=style,
            fontSize=size,
            leading=style.leading * scale,
        )
        flowable = paragraph(text, lang, style=smaller)
        _, height = flowable.wrapOn(canvas, width, 1e6)
    flowable.drawOn(canvas, x, bottom)
    return float(height)


def _latin_font_covers(text: str, font_name: str) -> bool:
    face = shaping_font(font_name).face
    return all(ord(c) in face.charToGlyph or c in "\n\t" for c in text)


@dataclass(frozen=True)
class _Glyph:
    """One positioned glyph: ``char`` selects it in its font; sizes in points."""

    char: str
    advance: float
    x_offset: float
    y_offset: float
    # Glyphs that carry no text (marks whose cluster text is on the base glyph) are drawn
    # after the line, so a text extractor sees each word as one uninterrupted run.
    textless: bool
    cluster: int = 0  # index of the first character it stands for, in the shaped text


@dataclass(frozen=True)
class _Unit:
    """A stretch of one line drawn with one font in one direction: a word part or a space.

    ``start`` and ``end`` index the characters of the bidi paragraph it sets.
    """

    font: str
    level: int
    space: bool
    glyphs: tuple[_Glyph, ...]
    width: float
    start: int
    end: int


@dataclass(frozen=True)
class _Source:
    """One itemised bidi paragraph: what a word needs to be shaped again in pieces."""

    codepoints: list[int]
    fonts: list[str]
    levels: list[int]
    size: float
    lang: str


@dataclass(frozen=True)
class _Line:
    units: tuple[_Unit, ...]

    @property
    def width(self) -> float:
        return sum(u.width for u in self.units)


_CONTEXT = 16  # characters of shaping context on either side of an item


@cache
def _hb_font(font_name: str) -> Any:
    return hb.Font(shaping_font(font_name).hbFace)


def _shape(
    codepoints: list[int], start: int, end: int, font_name: str, size: float, rtl: bool, lang: str
) -> tuple[tuple[_Glyph, ...], float]:
    """Shape ``codepoints[start:end]`` (the rest is context) into glyphs in visual order."""
    font = shaping_font(font_name)
    hb_font = _hb_font(font_name)
    # HarfBuzz looks only a few characters beyond the item (joining, marks); handing it
    # the whole paragraph as context for every word made long texts quadratic.
    low = max(start - _CONTEXT, 0)
    codepoints = codepoints[low : end + _CONTEXT]
    start, end = start - low, end - low
    buf = hb.Buffer()
    buf.add_codepoints(codepoints, start, end - start)
    buf.direction = "rtl" if rtl else "ltr"
    buf.language = base_language(lang) or "und"
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_GRAPHEMES
    buf.guess_segment_properties()
    hb.shape(hb_font, buf, {})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    clusters = [*sorted({info.cluster for info in infos}), end]
    next_cluster = dict(itertools.pairwise(clusters))
    # A cluster's text goes to one glyph on the baseline, the widest (a base, not a raised
    # mark), so an extractor keeps it in its line; the cluster's other glyphs carry "".
    carrier: dict[int, int] = {}
    for i, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        best = carrier.get(info.cluster)
        if best is None or _carrier_rank(pos) > _carrier_rank(positions[best]):
            carrier[info.cluster] = i
    scale = size / hb_font.face.upem
    glyphs: list[_Glyph] = []
    for i, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        cluster = info.cluster
        source = ""
        if carrier[cluster] == i:
            source = _extraction_text(codepoints[cluster : next_cluster[cluster]], rtl)
        gid = info.codepoint
        char = font.glyph_char(gid, source, hb_font.get_glyph_h_advance(gid))
        glyphs.append(
            _Glyph(
                char,
                pos.x_advance * scale,
                pos.x_offset * scale,
                pos.y_offset * scale,
                textless=source == "",
                cluster=cluster + low,
            )
        )
    return tuple(glyphs), sum(g.advance for g in glyphs)


def _extraction_text(codepoints: list[int], rtl: bool) -> str:
    """The text one glyph stands for, in the order extractors expect.

    A glyph in a right-to-left run whose text mixes letters and marks (alef + tanween) is
    given its text in visual order: poppler lays the characters of one glyph out left to
    right and then reverses right-to-left text, except when every character is a strong
    right-to-left letter (a lam-alef ligature), which it reverses itself.
    """
    text = "".join(map(chr, codepoints))
    if rtl and len(text) > 1 and not all(bidirectional(c) in ("R", "AL") for c in text):
        return text[::-1]
    return text


def _carrier_rank(pos: Any) -> tuple[bool, int]:
    return pos.y_offset == 0, pos.x_advance


def _units(text: str, style: ParagraphStyle, rtl: bool, lang: str) -> tuple[_Source, list[_Unit]]:
    """Itemise one bidi paragraph into shaped units in logical order."""
    levels = embedding_levels(text, rtl)
    bold = style.fontName.endswith("-Bold")
    fonts: list[str] = []
    for char in text:
        font = font_for_char(char, style.fontName, bold)
        fonts.append(font or (fonts[-1] if fonts else style.fontName))
    source = _Source([ord(c) for c in text], fonts, levels, style.fontSize, lang)
    units: list[_Unit] = []
    i = 0
    while i < len(text):
        space = text[i] == " "
        j = i + 1
        while j < len(text) and (text[j] == " ") == space:
            j += 1
        if space:
            width = (j - i) * shaping_font(fonts[i]).stringWidth(" ", style.fontSize)
            units.append(_Unit(fonts[i], levels[i], True, (), width, i, j))
        else:
            units += _runs(source, i, j)
        i = j
    return source, units


def _runs(source: _Source, start: int, end: int) -> list[_Unit]:
    """Shape ``start:end`` (no spaces) as units of one font and one level each.

    The characters around the stretch are shaping context, so a piece of a word broken
    across lines keeps the joining forms it has inside the word.
    """
    fonts, levels = source.fonts, source.levels
    units: list[_Unit] = []
    i = start
    while i < end:
        j = i + 1
        while j < end and fonts[j] == fonts[i] and levels[j] == levels[i]:
            j += 1
        odd = levels[i] % 2 == 1
        glyphs, width = _shape(source.codepoints, i, j, fonts[i], source.size, odd, source.lang)
        units.append(_Unit(fonts[i], levels[i], False, glyphs, width, i, j))
        i = j
    return units


def _joins_previous(code: int) -> bool:
    """Marks and format characters (ZWJ, ZWNJ, variation selectors) stay with the
    character before them when a word is broken."""
    return unicodedata.category(chr(code)) in ("Mn", "Mc", "Me", "Cf")


def _break_word(source: _Source, units: list[_Unit], width: float) -> list[list[_Unit]]:
    """A word (its shaped ``units``) wider than ``width`` in pieces that each fit, at least
    one character each.

    Breaks fall between characters, never before a mark. The widths of the word as shaped
    whole give each break; the piece is then shaped on its own (its joining forms at the
    break may be a little wider) and moved back a character while it does not fit, so a
    long word costs about one shaping per line.
    """
    start, end = units[0].start, units[-1].end
    advance = [0.0] * (end - start + 1)
    for unit in units:
        for glyph in unit.glyphs:
            advance[glyph.cluster - start] += glyph.advance
    prefix = list(itertools.accumulate(advance, initial=0.0))  # prefix[i]: start..start+i
    bounds = [
        b
        for b in range(start + 1, end + 1)
        if b == end or not _joins_previous(source.codepoints[b])
    ]
    reach = [prefix[b - start] for b in bounds]  # estimated width from start to each bound
    pieces: list[list[_Unit]] = []
    a, first = start, 0  # bounds[first] is the first boundary after a
    while a < end:
        # the furthest boundary whose estimated piece fits (at least the first one)
        budget = prefix[a - start] + width
        last = max(bisect.bisect_right(reach, budget, lo=first) - 1, first)
        piece = _runs(source, a, bounds[last])
        while last > first and sum(u.width for u in piece) > width:
            last -= 1
            piece = _runs(source, a, bounds[last])
        pieces.append(piece)
        a, first = bounds[last], last + 1
    return pieces


def _break_lines(
    units: list[_Unit], width: float, source: _Source, rtl: bool = False
) -> list[_Line]:
    """Greedy line breaking at spaces; a word wider than ``width`` is broken inside.

    In a right-to-left paragraph a left-to-right run (an address, a name: its spaces have
    an even level, ``bidi.latin_runs``) is kept on one line as one word: broken across
    lines, its first words went to the left end of one line and the rest to the right
    end of the next, which reads as two unrelated pieces (usability round 4, finding 13).
    Only a run wider than the line is broken, at its own spaces."""
    lines: list[_Line] = []
    current: list[_Unit] = []
    pending: list[_Unit] = []
    word: list[_Unit] = []

    def kept_together(unit: _Unit) -> bool:
        return rtl and unit.level % 2 == 0

    def place_word() -> None:
        nonlocal current, pending, word
        if not word:
            return
        word_width = sum(u.width for u in word)
        if word_width > width and any(u.space for u in word):
            parts, word = word, []  # a run too wide for one line: its spaces break it
            for unit in parts:
                if unit.space:
                    place_word()
                    word = []
                    pending.append(unit)
                else:
                    word.append(unit)
            place_word()
            return
        if word_width > width:
            if current:
                lines.append(_Line(tuple(current)))
            *full, current = _break_word(source, word, width)
            lines.extend(_Line(tuple(piece)) for piece in full)
        else:
            used = sum(u.width for u in current)
            extra = sum(u.width for u in pending) + word_width
            if current and used + extra > width:
                lines.append(_Line(tuple(current)))
                current = list(word)
            else:
                current += pending + word
        pending = []

    for unit in units:
        if unit.space and not (kept_together(unit) and word):
            place_word()
            word = []
            pending.append(unit)
        else:
            word.append(unit)
    place_word()
    if current or not lines:
        lines.append(_Line(tuple(current)))
    return lines


class ShapedParagraph(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Plain text shaped by HarfBuzz, broken into lines and laid out in bidi order.

    Glyph runs are written to the page in logical order, each run's glyphs left to right,
    so ``pdftotext`` (layout, default and ``-raw``) reads the text back in logical order.
    """

    def __init__(
        self, text: str, style: ParagraphStyle, lang: str, lines: list[_Line] | None = None
    ) -> None:
        super().__init__()
        self.text = drawable(text)
        self.style = style
        self.lang = lang
        self.rtl = is_rtl(lang)
        self._lines = lines
        # Parts made by split() keep their lines; a whole paragraph re-breaks per width.
        self._fixed = lines is not None
        self._wrapped_for: float | None = None

    def _layout(self, avail_width: float) -> list[_Line]:
        if self._lines is not None and (self._fixed or self._wrapped_for == avail_width):
            return self._lines
        inner = avail_width - self.style.leftIndent - self.style.rightIndent
        lines: list[_Line] = []
        for block in self.text.split("\n"):
            block = re.sub(r"[ \t\r\f\v]+", " ", block).strip()
            source, units = _units(block, self.style, self.rtl, self.lang)
            lines += _break_lines(units, inner, source, self.rtl)
        self._lines, self._wrapped_for = lines, avail_width
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._layout(availWidth)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit >= len(lines):
            return [self]
        if fit < 1:
            return []
        return [
            ShapedParagraph(self.text, self.style, self.lang, lines[:fit]),
            ShapedParagraph(self.text, self.style, self.lang, lines[fit:]),
        ]

    def draw(self) -> None:
        canv = self.canv
        style = self.style
        lines = self._layout(self.width)
        canv.saveState()
        canv.setFillColor(style.textColor)
        left = style.leftIndent
        right = self.width - style.rightIndent
        for n, line in enumerate(lines):
            units = [u for u in _strip_spaces(line.units)]
            width = sum(u.width for u in units)
            if style.alignment == TA_RIGHT:
                x = right - width
            elif style.alignment == TA_CENTER:
                x = (left + right - width) / 2
            else:
                x = left
            # Baseline a third of the font size below the middle of the line's band.
            y = self.height - (n + 0.5) * style.leading - 0.35 * style.fontSize
            positions: dict[int, float] = {}
            for index in visual_order([u.level for u in units]):
                positions[index] = x
                x += units[index].width
            canv._code.append(_line_operators(canv, units, positions, y, style.fontSize))
        canv.restoreState()


def _line_operators(
    canv: Any, units: list[_Unit], positions: dict[int, float], y: float, size: float
) -> str:
    """PDF text operators drawing one line: units in logical order, glyphs left to right.

    Writing the runs in logical order keeps ``pdftotext -raw`` in reading order; the
    textless glyphs (raised marks) come last so they split no word for an extractor.
    """
    doc = canv._doc
    ops = ["BT"]
    later: list[tuple[str, float, float, str]] = []
    for index, unit in enumerate(units):
        pen = positions[index]
        run: list[str] = []
        cursor: float | None = None
        current = ""
        font = shaping_font(unit.font)
        for glyph in unit.glyphs:
            x, gy = pen + glyph.x_offset, y + glyph.y_offset
            pen += glyph.advance
            [(subset, code)] = font.splitString(glyph.char, doc)
            name = font.getSubsetInternalName(subset, doc)
            if glyph.textless:
                later.append((name, x, gy, code.hex()))
                continue
            if name != current or cursor is None or gy != y:
                _flush(ops, run)
                ops.append(f"{name} {fp_str(size)} Tf 1 0 0 1 {fp_str(x)} {fp_str(gy)} Tm")
                current, cursor = name, x
            elif abs(x - cursor) > 1e-6:
                run.append(fp_str((cursor - x) * 1000 / size))
            run.append(f"<{code.hex()}>")
            cursor = x + font.face.charWidths[ord(glyph.char)] * size / 1000
            if gy != y:
                _flush(ops, run)
                cursor = None
        _flush(ops, run)
    for name, x, gy, hexcode in later:
        ops.append(f"{name} {fp_str(size)} Tf 1 0 0 1 {fp_str(x)} {fp_str(gy)} Tm <{hexcode}> Tj")
    ops.append("ET")
    return " ".join(ops)


def _flush(ops: list[str], run: list[str]) -> None:
    if run:
        ops.append(f"[{' '.join(run)}] TJ")
        run.clear()


def _strip_spaces(units: tuple[_Unit, ...]) -> tuple[_Unit, ...]:
    start, end = 0, len(units)
    while start < end and units[start].space:
        start += 1
    while end > start and units[end - 1].space:
        end -= 1
    return units[start:end]


__all__ = ["Role", "ShapedParagraph", "draw_paragraph", "paragraph", "paragraph_style"]
