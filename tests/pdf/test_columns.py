"""Cells side by side (pdf/columns.py): a row taller than a page flows on line by line
instead of failing the whole render; a short row is not split but moves to the next page
whole; nothing is lost or repeated at a split."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.platypus import Spacer

from inburg_desktop.pdf import DocumentInfo, build_pdf, paragraph
from inburg_desktop.pdf.columns import Columns, Padding, Rule
from inburg_desktop.pdf.document import FRAME_WIDTH

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
INFO = DocumentInfo("kolommen", "tests", "kolommen", "nl", datetime(2026, 5, 11))


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def row(label: str, lines: list[str], lang: str = "nl") -> Columns:
    return Columns(
        [[paragraph(label, "nl")], [paragraph("\n".join(lines), lang)]],
        [120, None],
        Padding(right=6, top=2, bottom=2),
        Rule(0.3, colors.grey),
    )


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_a_row_taller_than_a_page_flows_on(tmp_path: Path, lang: str) -> None:
    """120 lines in one cell (a ReportLab table row would raise LayoutError)."""
    word = "regel" if lang == "nl" else "سطر"
    lines = [f"{word} {n:03d}" for n in range(120)]
    out = tmp_path / "row.pdf"
    out.write_bytes(build_pdf([row("Activiteiten", lines, lang)], INFO))
    got = pages(out)
    assert len(got) >= 3
    found = [int(n) for n in re.findall(r"\b(\d{3})\b", "".join(got))]
    assert found == list(range(120))  # every line once, in order
    assert "Activiteiten" in got[0] and all("Activiteiten" not in page for page in got[1:])


def test_a_short_row_moves_to_the_next_page_whole(tmp_path: Path) -> None:
    out = tmp_path / "short.pdf"
    story = [Spacer(1, 662), row("Kort", ["eerste regel", "tweede regel", "derde regel"])]
    out.write_bytes(build_pdf(story, INFO))
    first, second = pages(out)
    assert "regel" not in first
    assert "eerste regel" in second and "derde regel" in second


def test_widths_and_their_checks() -> None:
    columns = Columns([[paragraph("a", "nl")], [paragraph("b", "nl")]], [100, None])
    assert columns.wrap(FRAME_WIDTH, 500)[0] == FRAME_WIDTH
    assert columns._column_widths == [100, FRAME_WIDTH - 100]
    with pytest.raises(ValueError, match="at most one width"):
        Columns([[], []], [None, None])
    with pytest.raises(ValueError, match="one width per cell"):
        Columns([[]], [10, None])
