"""Draw docs/monitoring-report*.png: the monitoring report of a demo office.

A fresh SQLite office in a temporary folder, filled by ``inburg-office demo --cases 500``
(the seed's three gemeenten, seed 2026), the report rendered with ``inburg-office report
--on 2026-11-30`` to PDF and HTML, and pages of the PDF turned into PNG with ``pdftoppm``
(poppler-utils): page 1 (all gemeenten: the charts) and Wassenaar's table page (the
suppression of a small gemeente). Run from the repository root::

    .venv/bin/python docs/monitoring_report_png.py

The demo cases are generated relative to today, so a later run draws other numbers.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from inburg_desktop.server import cli

DOCS = Path(__file__).resolve().parent
PEILDATUM = "2026-11-30"


def _page_of(pdf: Path, heading: str, after: int) -> int:
    """The number of the ``after``-th page after the one that holds ``heading``."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    for number, page in enumerate(text.split("\f"), start=1):
        if heading in page:
            return number + after
    raise SystemExit(f"{heading!r} not in the PDF")


def _png(pdf: Path, page: int, out: Path) -> None:
    stem = out.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "90", "-png", "-singlefile", "-f", str(page), "-l", str(page),
         str(pdf), str(stem)],
        check=True,
    )  # fmt: skip


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) is not installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/office.db"
        if cli.main(["demo", "--db", url, "--cases", "500"]) != 0:
            return 1
        pdf = Path(folder) / "rapport.pdf"
        for out in (pdf, Path(folder) / "rapport.html"):
            if cli.main(["report", "--db", url, "--on", PEILDATUM, "--out", str(out)]) != 0:
                return 1
        _png(pdf, 1, DOCS / "monitoring-report.png")
        wassenaar = _page_of(pdf, "Gemeente Wassenaar (GM0629)", 2)
        _png(pdf, wassenaar, DOCS / "monitoring-report-wassenaar.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
