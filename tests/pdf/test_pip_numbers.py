"""The PIP writes its numbers as Dutch does (issue 13 item 10: "1200 uur" -> "1.200 uur"),
like its dates: a decision in Dutch (Awb art. 2:6)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar, Leerroute
from inburg_desktop.domain.pip import Beschikking, LeerrouteIntensiteit, PipHistory
from inburg_desktop.domain.pip_rules import pip_deadlines
from inburg_desktop.domain.text import Reason
from inburg_desktop.pdf.pip_document import PipDocument, render_pip

D = date.fromisoformat


def _text(pdf: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def test_hours_in_the_pip_have_a_thousands_separator() -> None:
    h = PipHistory()
    b = Beschikking(leerroute=Leerroute.B1, leerroute_intensiteit=LeerrouteIntensiteit(12, 1200))
    h = h.with_draft(h.new_draft(b, D("2026-05-01"))).set_draft(D("2026-05-11"))
    version = h.in_force
    assert version is not None
    dates = CaseDates(brp_registration=D("2026-03-02"), duo_kennisgeving=D("2026-02-20"))
    text = _text(
        render_pip(
            PipDocument(
                person=Inburgeraar("Test", "Persoon", D("1990-01-01"), "SYR"),
                doelgroep=Doelgroep.STATUSHOUDER,
                version=version,
                deadlines=pip_deadlines(h, dates, Doelgroep.STATUSHOUDER, plichtig=True),
                consulent="Mw. S. de Vries",
                kenmerk="INB-TEST",
            )
        )
    )
    assert "in totaal 1.200 uur" in text
    assert "1200 uur" not in text


def test_a_reason_quotes_whole_numbers_in_dutch_digits() -> None:
    reason = Reason.of("x", "gepland zijn {hours} uur van {required}", hours=1200, required=800)
    assert reason.render() == "gepland zijn 1.200 uur van 800"
    assert Reason.of("y", "{flag}", flag=True).render() == "True"  # not a number
