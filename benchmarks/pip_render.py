"""Render time of one PIP with an Arabic annex (warm), side by side in the same run with a
plain ReportLab document of the same text without shaping; prints JSON.

Run: python benchmarks/pip_render.py [--runs 15]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar, Leerroute
from inburg_desktop.domain.pip import PipHistory
from inburg_desktop.domain.pip_annex import ANNEX_CONTEXT, ANNEX_SOURCE
from inburg_desktop.domain.pip_prefill import Kind, PrefillInput, prefill
from inburg_desktop.domain.pip_rules import pip_deadlines
from inburg_desktop.pdf.fonts import register_fonts
from inburg_desktop.pdf.pip_document import PipDocument, render_pip
from inburg_desktop.prompts.translations import prompt_text

SH = Doelgroep.STATUSHOUDER


def document(lang: str) -> PipDocument:
    draft = prefill(
        PrefillInput(
            Leerroute.B1,
            SH,
            date(2026, 4, 20),
            kinderen=(Kind(date(2024, 1, 10), True),),
            bijstand_start=date(2026, 3, 2),
            participatieladder=3,
        )
    )
    history = PipHistory()
    history = history.with_draft(
        history.new_draft(draft.beschikking, date(2026, 5, 1), ontwikkelplan=draft.ontwikkelplan)
    )
    history = history.set_draft(date(2026, 5, 11))
    dates = CaseDates(
        brp_registration=date(2026, 3, 2),
        duo_kennisgeving=date(2026, 2, 20),
        bijstand_start=date(2026, 3, 2),
        pip_date=date(2026, 5, 11),
    )
    person = Inburgeraar("Amal", "Haddad", date(1994, 5, 17), "SYR", ("ar",), "ar", "1234567890")
    return PipDocument(
        person=person,
        doelgroep=SH,
        version=history.versions[-1],
        deadlines=pip_deadlines(history, dates, SH, plichtig=True),
        consulent="Mw. S. de Vries",
        kenmerk="INB-2026-0042",
        annex_lang=lang,
        annex_texts={k: prompt_text(ANNEX_CONTEXT + k, lang) for k in ANNEX_SOURCE},
    )


def plain_reportlab(lines: list[str]) -> bytes:
    register_fonts()
    style = ParagraphStyle("plain", fontName="NotoSans", fontSize=10.5, leading=14)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(
        [Paragraph(escape(line), style) for line in lines if line.strip()]
    )
    return out.getvalue()


def median_ms(fn: Callable[[], object], runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "min_ms": round(min(samples), 1),
        "max_ms": round(max(samples), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    doc = document("ar")
    pdf = render_pip(doc)  # warm-up: fonts, shaping caches
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pip.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    lines = text.splitlines()
    plain_reportlab(lines)
    result = {
        "pip_with_arabic_annex": median_ms(lambda: render_pip(doc), args.runs),
        "plain_reportlab_same_text_no_shaping": median_ms(
            lambda: plain_reportlab(lines), args.runs
        ),
        "pages": pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page"),
        "goal_median_ms": 300,
        "runs": args.runs,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
