"""Cells side by side that flow across pages: label and value rows, letterhead, signatures.

A ReportLab ``Table`` row cannot be taller than a page (``LayoutError``: a PIP with 30 PVT
activities in one row), and its in-row splitting drops a cell that is not a list of
flowables. :class:`Columns` is one row of cells, each a list of flowables, that splits
wherever its content splits (paragraphs between lines), so whatever fits a cell's width
fits the document, however long.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

# Heights are compared with this slack: a paragraph that fits exactly must not move on.
_EPSILON = 1e-6
# A row up to this share of a page moves to the next page whole, as a table row would;
# a taller one is split, so a long list neither leaves a page half empty nor overflows.
KEEP_WHOLE = 0.25


@dataclass(frozen=True)
class Padding:
    """Space inside every cell, in points."""

    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0


@dataclass(frozen=True)
class Rule:
    """A line under the row (under the cells ``cells`` only, if given): ``width`` in points."""

    width: float
    color: Color
    cells: tuple[int, ...] | None = None


def _gap(before: Flowable | None, flowable: Flowable) -> float:
    """The space between two flowables in a cell; none above the first."""
    if before is None:
        return 0.0
    return float(before.getSpaceAfter() + flowable.getSpaceBefore())


def split_cell(
    cell: Sequence[Flowable], heights: Sequence[float], width: float, height: float
) -> tuple[list[Flowable], list[Flowable]]:
    """``cell`` (its flowables wrapped to ``width``, giving ``heights``) as (what fits in
    ``height`` points, the rest), splitting at most one flowable."""
    first: list[Flowable] = []
    used = 0.0
    before: Flowable | None = None
    for index, (flowable, needed) in enumerate(zip(cell, heights, strict=True)):
        gap = _gap(before, flowable)
        room = height - used - gap
        if needed <= room + _EPSILON:
            first.append(flowable)
            used += gap + needed
            before = flowable
            continue
        parts = flowable.split(width, room) if room > 0 else []
        if len(parts) >= 2:
            return [*first, parts[0]], [*parts[1:], *cell[index + 1 :]]
        return first, list(cell[index:])
    return first, []


class Columns(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """One row of cells, each a list of flowables, top-aligned; splits across pages.

    ``widths`` are in points; one may be ``None`` for the rest of the available width.
    A split gives two rows with the same widths; the rule is drawn under the last.
    ``space_after`` (points) separates the row from what follows it on the same page.
    """

    def __init__(
        self,
        cells: Sequence[Sequence[Flowable]],
        widths: Sequence[float | None],
        padding: Padding = Padding(),
        rule: Rule | None = None,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.spaceAfter = space_after
        if len(cells) != len(widths):
            raise ValueError("one width per cell")
        if sum(w is None for w in widths) > 1:
            raise ValueError("at most one width may be None")
        self.cells = [list(cell) for cell in cells]
        self.widths = list(widths)
        self.padding = padding
        self.rule = rule
        self._column_widths: list[float] = []
        self._heights: list[list[float]] = []
        self._wrapped_for: float | None = None
        self.width: float = 0.0
        self.height: float = 0.0

    def _resolve(self, avail_width: float) -> list[float]:
        fixed = sum(w for w in self.widths if w is not None)
        return [avail_width - fixed if w is None else w for w in self.widths]

    def _inner(self, width: float) -> float:
        return max(width - self.padding.left - self.padding.right, 1.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Cell contents do not depend on the height offered: wrap once per width (a long
        # paragraph is costly to break into lines, and frames ask again and again).
        if self._wrapped_for == availWidth:
            return self.width, self.height
        self._wrapped_for = availWidth
        self._column_widths = self._resolve(availWidth)
        self._heights = []
        tallest = 0.0
        for cell, width in zip(self.cells, self._column_widths, strict=True):
            heights, total, before = [], 0.0, None
            for flowable in cell:
                _, height = flowable.wrap(self._inner(width), availHeight)
                heights.append(height)
                total += _gap(before, flowable) + height
                before = flowable
            self._heights.append(heights)
            tallest = max(tallest, total)
        self.width = sum(self._column_widths)
        self.height = tallest + self.padding.top + self.padding.bottom
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + _EPSILON:
            return [self]
        frame = getattr(self, "_frame", None)  # ReportLab sets it while it asks for a split
        if frame is not None and not frame._atTop and self.height <= KEEP_WHOLE * frame._aH:
            return []
        room = availHeight - self.padding.top - self.padding.bottom
        if room <= 0:
            return []
        # Splitting may leave a cell's paragraph needing a fresh wrap before it is drawn
        # (ReportLab's Paragraph.split rebuilds its lines): wrap again next time.
        self._wrapped_for = None
        parts = [
            split_cell(cell, heights, self._inner(width), room)
            for cell, heights, width in zip(
                self.cells, self._heights, self._column_widths, strict=True
            )
        ]
        if not any(first for first, _ in parts):
            return []  # not even one line fits here: the frame moves the row on
        return [
            Columns([first for first, _ in parts], self.widths, self.padding),
            Columns(
                [rest for _, rest in parts], self.widths, self.padding, self.rule, self.spaceAfter
            ),
        ]

    def draw(self) -> None:
        canv = self.canv
        x = 0.0
        for cell, heights, width in zip(
            self.cells, self._heights, self._column_widths, strict=True
        ):
            y = self.height - self.padding.top
            before = None
            for flowable, height in zip(cell, heights, strict=True):
                y -= _gap(before, flowable) + height
                flowable.drawOn(canv, x + self.padding.left, y)
                before = flowable
            x += width
        if self.rule is not None:
            canv.saveState()
            canv.setStrokeColor(self.rule.color)
            canv.setLineWidth(self.rule.width)
            wanted = self.rule.cells
            x = 0.0
            for index, width in enumerate(self._column_widths):
                if wanted is None or index in wanted:
                    canv.line(x, 0, x + width, 0)
                x += width
            canv.restoreState()


__all__ = ["Columns", "Padding", "Rule", "split_cell"]
