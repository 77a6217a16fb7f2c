"""A three-way merge of a text field: what each side changed since the version both
started from, taken together; where both changed the same place, a hunk marked for the
consultant to settle.

Lines are merged with ``merge3`` (the merge of Bazaar/Breezy, maintained on PyPI); a hunk
both sides changed is tried again word by word, because a consultant's note is often one
long paragraph in which two people changed different sentences. A hunk that still
collides is written between marker lines naming both sides; :func:`has_markers` tells a
screen whether any are left, so a text with markers is never stored as the resolution.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from merge3 import Merge3

START = "<<<<<<< "
MIDDLE = "======= "
END = ">>>>>>>"
_MARKER = re.compile(r"^(<<<<<<< |======= |>>>>>>>)", re.MULTILINE)
_WORDS = re.compile(r"\s+|\S+")

PartKind = Literal["same", "office", "laptop", "both", "conflict"]


@dataclass(frozen=True)
class MergePart:
    """One stretch of the merge: ``same`` (neither changed it), ``office`` / ``laptop``
    (only that side changed it; ``text`` is its version), ``both`` (both made the same
    change), ``conflict`` (both changed it differently: ``office`` and ``laptop`` hold
    their versions, ``base`` the one they started from)."""

    kind: PartKind
    text: str = ""
    base: str = ""
    office: str = ""
    laptop: str = ""


@dataclass(frozen=True)
class MergeResult:
    parts: tuple[MergePart, ...]

    @property
    def conflicts(self) -> int:
        return sum(1 for part in self.parts if part.kind == "conflict")

    def text(self, office_name: str, laptop_name: str) -> str:
        """The merged text; each conflicting hunk between ``START office_name``,
        ``MIDDLE laptop_name`` and ``END`` lines (each on a line of its own)."""
        out: list[str] = []
        for part in self.parts:
            if part.kind != "conflict":
                out.append(part.text)
                continue
            if out and not out[-1].endswith("\n"):
                out.append("\n")
            out.append(f"{START}{office_name}\n{_line(part.office)}")
            out.append(f"{MIDDLE}{laptop_name}\n{_line(part.laptop)}")
            out.append(f"{END}\n")
        return "".join(out)

    def marked(self) -> tuple[str, tuple[Mark, ...]]:
        """The merged text for a screen to mark, with no marker lines in it: what one
        side changed as that side wrote it, and where both changed the same place both
        versions, the office's first (usability round 3: only this laptop's version was
        there, marked yellow without a word why). Each changed stretch comes with a
        :class:`Mark` (character offsets), so the screen can say whose change it is."""
        out: list[str] = []
        marks: list[Mark] = []
        at = 0

        def put(text: str, side: Side, collision: bool = False) -> None:
            nonlocal at
            if text:
                marks.append(Mark(at, at + len(text), side, collision))
            out.append(text)
            at += len(text)

        for part in self.parts:
            if part.kind == "office":
                put(part.text, "office")
            elif part.kind == "laptop":
                put(part.text, "laptop")
            elif part.kind == "conflict":
                # the two versions of one place stay apart: on lines of their own when
                # the place starts a line, by a space within a line
                mid_line = at > 0 and not out[-1].endswith("\n")
                put(part.office, "office", collision=True)
                if part.office and part.laptop and not part.office[-1].isspace():
                    gap = " " if mid_line else "\n"
                    out.append(gap)
                    at += len(gap)
                put(part.laptop, "laptop", collision=True)
            else:
                out.append(part.text)
                at += len(part.text)
        return "".join(out), tuple(marks)


Side = Literal["office", "laptop"]


@dataclass(frozen=True)
class Mark:
    """A stretch of :meth:`MergeResult.marked`'s text from ``start`` to ``end``
    (character offsets) that ``side`` changed; ``collision``: both sides changed this
    place differently, and this is one of the two versions."""

    start: int
    end: int
    side: Side
    collision: bool = False


def _line(text: str) -> str:
    return text if text.endswith("\n") or not text else text + "\n"


def _merge(
    base: Sequence[str], office: Sequence[str], laptop: Sequence[str]
) -> list[tuple[str, str, str, str]]:
    """``merge3`` groups as ``(kind, base, office, laptop)`` joined texts."""
    out: list[tuple[str, str, str, str]] = []
    names = {"unchanged": "same", "a": "office", "b": "laptop", "same": "both"}
    for group in Merge3(base, office, laptop).merge_groups():
        if group[0] == "conflict":
            b, o, lap = (
                "".join(part or ()) for part in cast(tuple[Sequence[str] | None, ...], group[1:4])
            )
            out.append(("conflict", b, o, lap))
        else:
            text = "".join(group[1])
            out.append((names[group[0]], "", text, text))
    return out


def merge_text(base: str, office: str, laptop: str) -> MergeResult:
    """Merge ``office`` and ``laptop``, both changed from ``base`` (see module doc)."""
    parts: list[MergePart] = []
    lines = _merge(
        base.splitlines(keepends=True),
        office.splitlines(keepends=True),
        laptop.splitlines(keepends=True),
    )
    for kind, b, o, lap in lines:
        if kind != "conflict":
            parts.append(MergePart(kind, text=o))  # type: ignore[arg-type]
            continue
        base_lines = b.splitlines(keepends=True)
        office_lines = o.splitlines(keepends=True)
        laptop_lines = lap.splitlines(keepends=True)
        if len(base_lines) == len(office_lines) == len(laptop_lines) > 1:
            # Both sides edited within the same lines: settle each line on its own, so
            # only a line both changed differently is marked.
            for triple in zip(base_lines, office_lines, laptop_lines, strict=True):
                parts.extend(_merge_words(*triple))
        else:
            parts.extend(_merge_words(b, o, lap))
    return MergeResult(tuple(_joined(parts)))


def _merge_words(base: str, office: str, laptop: str) -> list[MergePart]:
    """One hunk merged word by word; a hunk that still collides stays whole, marked."""
    if office == laptop:
        return [MergePart("both", text=office)]
    if office == base:
        return [MergePart("laptop", text=laptop)]
    if laptop == base:
        return [MergePart("office", text=office)]
    words = _merge(_WORDS.findall(base), _WORDS.findall(office), _WORDS.findall(laptop))
    if any(w[0] == "conflict" for w in words):
        return [MergePart("conflict", base=base, office=office, laptop=laptop)]
    return [MergePart(kind, text=text) for kind, _b, text, _lap in words]  # type: ignore[arg-type]


def _joined(parts: list[MergePart]) -> list[MergePart]:
    """Neighbouring stretches of the same kind as one (fewer, longer highlights)."""
    out: list[MergePart] = []
    for part in parts:
        if out and part.kind != "conflict" and out[-1].kind == part.kind:
            out[-1] = MergePart(part.kind, text=out[-1].text + part.text)
        elif part.kind == "conflict" or part.text:
            out.append(part)
    return out


def has_markers(text: str) -> bool:
    """Whether ``text`` still holds a conflict marker line of :meth:`MergeResult.text`."""
    return _MARKER.search(text) is not None
