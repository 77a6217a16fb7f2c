"""The fine decision letter (pdf/boete_document.py), read back with pdftotext: the amount,
the grounds with their articles, the history it was computed from, the objection clause
(Awb art. 6:7) and the payment text; same record, same bytes."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.domain.handhaving import Afloop, Waarschuwingswijze
from inburg_desktop.pdf.boete_document import render_boete
from inburg_desktop.services import consulent, handhaving
from inburg_desktop.services.handhaving import BesluitInput, OvertredingInput
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault

from ..ui.pdf_text import pdf_text

D = date.fromisoformat
TODAY = D("2027-01-31")
MOMENT = datetime(2026, 11, 3, 9, 30, tzinfo=UTC)


@pytest.fixture
def repeat(vault: OpenVault) -> tuple[str, str]:
    """A case with a final EUR 37.50 PVT fine (gross fault) and a MAP violation within 12
    months of it."""
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case = add_demo_cases(session, 2, date(2026, 5, 1))[0]
        update_fields(session, case, {"dates.pip_date": "2026-05-11"})
    first = _violation(vault, case, Overtreding.PVT_INTENSITEIT, "2026-09-01")
    handhaving.decide(vault, case, first, BesluitInput(True, 37_50, "", D("2026-09-02")), MOMENT)
    handhaving.record_end(vault, case, first, Afloop.ONHERROEPELIJK, D("2026-10-15"), TODAY)
    second = _violation(vault, case, Overtreding.MAP_INTENSITEIT, "2026-11-01")
    handhaving.record_warning(
        vault, case, second, Waarschuwingswijze.SCHRIFTELIJK, D("2026-10-20"), "", TODAY
    )
    return case, second


def _violation(vault: OpenVault, case: str, soort: Overtreding, found: str) -> str:
    before = {r.id for r in handhaving.load(vault, case).records}
    given = OvertredingInput(
        soort, D(found), "Twee MAP-bijeenkomsten gemist.", Verwijtbaarheid.GROVE_SCHULD
    )
    after = handhaving.record_violation(vault, case, given, TODAY)
    (new,) = {r.id for r in after.records} - before
    return new


def test_the_letter_carries_amount_articles_history_and_objection_clause(
    vault: OpenVault, repeat: tuple[str, str], tmp_path: Path
) -> None:
    case, record = repeat
    handhaving.decide(vault, case, record, BesluitInput(True, 75_00, "", D("2026-11-03")), MOMENT)
    out = handhaving.export_letter(vault, case, record, render_boete, tmp_path / "boete.pdf")
    text = pdf_text(out.read_bytes())
    assert "Besluit: boete Wet inburgering 2021" in text
    assert "Wij leggen u een boete op van € 75." in text
    # grounds: every rule step with its article (Besluit art. 7.1 lid 2, 3, 4)
    for article in ("Wet inburgering 2021, art. 23", "Besluit art. 7.1 lid 2",
                    "Besluit art. 7.1 lid 3", "Besluit art. 7.1 lid 4"):  # fmt: skip
        assert article in text, article
    assert "75% van € 100 is € 75" in text  # doubled once (lid 3), gross fault 75 % (lid 4)
    # the history it was computed from
    assert "1 september 2026: niet voldaan aan de intensiteit van het PVT, € 37,50" in text
    assert "onherroepelijk op 15 oktober 2026" in text
    assert "20 oktober 2026 hebben wij u schriftelijk gewaarschuwd" in text
    # objection clause: six weeks (Awb art. 6:7), the last day, and payment
    assert (
        "binnen 6 weken na de datum van dit besluit (Algemene wet bestuursrecht, art. 6:7)" in text
    )
    assert "u kunt bezwaar maken t/m 15 december 2026" in text
    assert "U betaalt € 75 aan Gemeente Wassenaar" in text
    assert "Sanne de Vries, namens het college" in text  # AVG art. 22
    # deterministic: the same record renders to the same bytes
    again = handhaving.export_letter(vault, case, record, render_boete, tmp_path / "again.pdf")
    assert again.read_bytes() == out.read_bytes()


def test_a_lower_amount_and_no_fine_say_why(
    vault: OpenVault, repeat: tuple[str, str], tmp_path: Path
) -> None:
    case, record = repeat
    reason = "Betaalt al een schuldregeling af."
    handhaving.decide(
        vault, case, record, BesluitInput(True, 40_00, reason, D("2026-11-03")), MOMENT
    )
    out = handhaving.export_letter(vault, case, record, render_boete, tmp_path / "lager.pdf")
    text = pdf_text(out.read_bytes())
    assert "Volgens de regels is de boete ten hoogste € 75." in text
    assert "art. 5:46 lid 3" in text and reason in text


def _lines(pdf: bytes) -> list[str]:
    """The letter's lines as pdftotext gives them (each paragraph starts a line)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, "-", "-"], input=pdf, capture_output=True, check=True)
    return [line.strip() for line in done.stdout.decode().splitlines() if line.strip()]


def _paragraph_of(lines: list[str], words: str) -> str:
    """The paragraph holding ``words``: its line and the lines that continue it (a line
    after one that ends without a full stop), joined."""
    for n, line in enumerate(lines):
        if words in line:
            start = n
            while start > 0 and not lines[start - 1].endswith((".", ":")):
                start -= 1
            end = n
            while not lines[end].endswith((".", ":")) and end + 1 < len(lines):
                end += 1
            return " ".join(lines[start : end + 1])
    raise AssertionError(f"{words!r} not in the letter")


def test_the_consultants_texts_stand_apart_and_the_internal_note_stays_out(
    vault: OpenVault, repeat: tuple[str, str], tmp_path: Path
) -> None:
    """Usability round 7, finding 7: the letter read "Op 30 november 2026 hebben wij u
    schriftelijk gewaarschuwd. Brief gestuurd" — the warning's internal note glued after
    a sentence. The warning's note stays out; what happened and the decision's reason
    stand as paragraphs of their own."""
    case, record = repeat
    handhaving.record_warning(
        vault, case, record, Waarschuwingswijze.SCHRIFTELIJK, D("2026-10-20"), "Brief gestuurd",
        TODAY,
    )  # fmt: skip
    reason = "Na schriftelijke waarschuwing geen verbetering"
    handhaving.decide(
        vault, case, record, BesluitInput(True, 40_00, reason, D("2026-11-03")), MOMENT
    )
    out = handhaving.export_letter(vault, case, record, render_boete, tmp_path / "b.pdf")
    assert "Brief gestuurd" not in pdf_text(out.read_bytes())
    lines = _lines(out.read_bytes())
    warned = _paragraph_of(lines, "hebben wij u schriftelijk gewaarschuwd")
    assert warned == "Op 20 oktober 2026 hebben wij u schriftelijk gewaarschuwd."
    assert _paragraph_of(lines, "Twee MAP-bijeenkomsten") == "Twee MAP-bijeenkomsten gemist."
    lower = _paragraph_of(lines, "Wij leggen een lager bedrag op")
    assert lower.endswith("(Algemene wet bestuursrecht, art. 5:46 lid 3).")
    assert _paragraph_of(lines, reason) == reason + "."  # its own sentence


def test_the_annex_in_the_newcomers_language_holds_only_translated_texts(
    vault: OpenVault, repeat: tuple[str, str], tmp_path: Path
) -> None:
    """Like the PIP, the letter has an annex in the newcomer's preferred language, made
    only of texts already translated (how to object and by when, whom to ask), marked as
    a concept translation; the Dutch letter says the rest is not translated. For a
    language without translations the letter says it is in Dutch only."""
    from inburg_desktop.pdf.translation_mark import CONCEPT_NOTE
    from inburg_desktop.services.pip_service import annex_texts

    case, record = repeat
    with vault.transaction() as session:
        update_fields(session, case, {"person.preferred_language": "ar"})
    handhaving.decide(vault, case, record, BesluitInput(True, 75_00, "", D("2026-11-03")), MOMENT)
    out = handhaving.export_letter(vault, case, record, render_boete, tmp_path / "ar.pdf")
    text = pdf_text(out.read_bytes())
    note = _paragraph_of(_lines(out.read_bytes()), "In de bijlage staat")
    assert "in het Arabisch hoe u bezwaar maakt en wie u kunt bellen" in note
    assert "Alleen de Nederlandse tekst is het besluit." in note
    assert "Bijlage: bezwaar en vragen in uw taal, Arabisch" in text
    assert " ".join(CONCEPT_NOTE.split()[:4]) in " ".join(text.split())
    translated = annex_texts("ar")["bezwaar"]
    first_words = translated.split("{")[0].split()[:2]  # the Arabic sentence's start
    assert " ".join(first_words) in text

    with vault.transaction() as session:
        update_fields(session, case, {"person.preferred_language": "uk"})  # not translated
    document = handhaving.export_letter(vault, case, record, render_boete, tmp_path / "uk.pdf")
    plain = pdf_text(document.read_bytes())
    assert "Dit besluit is er alleen in het Nederlands: er is geen vertaling in uw taal." in plain
    assert "Bijlage" not in plain and "In de bijlage" not in plain


def test_a_character_no_font_has_prints_as_its_code_not_stopping_the_letter(
    vault: OpenVault, repeat: tuple[str, str], tmp_path: Path
) -> None:
    """Attack round 8, finding 3, in the fine letter: the letter is made, the character
    stands as its code and the letter ends with a note naming where."""
    from inburg_desktop.pdf.document import REPLACED_TITLE
    from inburg_desktop.pdf.text import replacements

    case, record = repeat
    reason = "Betaalt al een schuldregeling af 💶."
    handhaving.decide(
        vault, case, record, BesluitInput(True, 40_00, reason, D("2026-11-03")), MOMENT
    )
    with replacements() as replaced:
        out = handhaving.export_letter(vault, case, record, render_boete, tmp_path / "b.pdf")
    text = pdf_text(out.read_bytes())
    assert "Betaalt al een schuldregeling af <U+1F4B6>." in text
    assert REPLACED_TITLE in text and "U+1F4B6" in replaced[0].chars
