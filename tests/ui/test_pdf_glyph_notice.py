"""Issue 13: every window that makes a PDF says so when a character printed as its code.

Since every PDF prints a character no shipped font draws as ``<U+XXXX>`` (and names it at
the end), a consultant could export, print or sign a PIP or save a fine letter with
"<U+05E9>" where a name should be, and only the subject-access dialog said so. Walked
here for each window's way of making a PDF: the notice the user sees names the field's
label and that the character is printed as its code, and for a legal decision (PIP, fine
letter) advises correcting the text before signing or sending. On the old main each of
these said only where the file went.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX, signature_png
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.services import consulent, handhaving, pip_service
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.handhaving import HandhavingWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip import PipEditorWindow

from .pdf_text import pdf_text

TODAY = date(2026, 11, 2)
LEFT = Qt.MouseButton.LeftButton
HEBREW_NAME = "שרה כהן"  # a name in a script no shipped font draws (U+05E9 first)
SAID = "als hun code"  # the notice says how the character is printed
ADVICE = "voordat u het besluit ondertekent of verstuurt"
TIMEOUT = 30_000  # rendering on a shared two-core machine


@pytest.fixture
def cases(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


def _editor(qtbot: QtBot, vault: OpenVault, case_id: str) -> PipEditorWindow:
    window = PipEditorWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None and window.annex.count() > 0)
    return window


def _told(text: str, field: str, decision: bool) -> None:
    assert f"«{field}»" in text and "U+05E9" in text and SAID in text, text
    assert HEBREW_NAME not in text  # the character is named, never the text around it
    assert (ADVICE in text) is decision, text


def test_pip_export_names_the_field_and_advises_correcting_before_signing(
    qtbot: QtBot,
    vault: OpenVault,
    cases: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    consulent.save_name(vault, HEBREW_NAME)
    window = _editor(qtbot, vault, cases[DRAFT_INDEX])
    target = tmp_path / "pip.pdf"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_a: target)
    qtbot.mouseClick(window.export_button, LEFT)
    qtbot.waitUntil(lambda: "geëxporteerd" in window.notice.text(), timeout=TIMEOUT)
    assert window.notice.isVisible() and window.notice.kind == "warning"
    _told(window.notice.text(), "Uw consulent", decision=True)
    assert "<U+05E9>" in pdf_text(target.read_bytes())  # the file still written


def test_pip_print_names_the_field_and_advises_correcting_before_signing(
    qtbot: QtBot,
    vault: OpenVault,
    cases: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    consulent.save_name(vault, HEBREW_NAME)
    window = _editor(qtbot, vault, cases[DRAFT_INDEX])
    out = tmp_path / "printed.pdf"

    def printer(_parent: object, _title: str, _doc_name: str = "") -> QPrinter:
        chosen = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(out))
        return chosen

    monkeypatch.setattr(dialogs, "choose_printer", printer)
    qtbot.mouseClick(window.print_button, LEFT)
    qtbot.waitUntil(lambda: "naar de printer gestuurd" in window.notice.text(), timeout=TIMEOUT)
    assert window.notice.kind == "warning"
    _told(window.notice.text(), "Uw consulent", decision=True)


def test_signing_a_pip_whose_copy_prints_a_code_says_so_when_it_is_stored(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    """The signed copy is rendered and stored as it is: the consultant must see at once
    that it holds a code, not when the newcomer reads it."""
    case_id = cases[DRAFT_INDEX]
    consulent.save_name(vault, HEBREW_NAME)
    with vault.transaction() as session:  # the draft set, as the editor's Vaststellen does
        door = consulent.besluitnemer(session, datetime.combine(TODAY, time(11), UTC))
        pip_service.set_pip(session, case_id, TODAY, door=door)
    window = _editor(qtbot, vault, case_id)
    assert window.status_name() == "set"
    window.sign(signature_png(1), signature_png(4))
    qtbot.waitUntil(lambda: "Ondertekend en bewaard" in window.notice.text(), timeout=TIMEOUT)
    assert window.notice.kind == "warning"
    _told(window.notice.text(), "Uw consulent", decision=True)


def test_the_fine_letter_names_the_field_and_advises_correcting_before_sending(
    qtbot: QtBot, vault: OpenVault, cases: list[str], tmp_path: Path
) -> None:
    case_id = cases[0]
    consulent.save_name(vault, HEBREW_NAME)  # who decides signs the letter
    given = handhaving.OvertredingInput(
        Overtreding.PVT_INTENSITEIT, TODAY, "Niet gekomen.", Verwijtbaarheid.OPZET
    )
    handhaving.record_violation(vault, case_id, given, TODAY)
    (record,) = handhaving.load(vault, case_id).records
    handhaving.decide(
        vault,
        case_id,
        record.id,
        handhaving.BesluitInput(opleggen=True, bedrag_cents=50_00, reden="", dagtekening=TODAY),
    )
    window = HandhavingWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.data is not None and window.list.count() == 1)
    window.list.setCurrentRow(0)
    target = tmp_path / "beschikking.pdf"
    window.export_letter(target)
    qtbot.waitUntil(lambda: "Beschikking opgeslagen" in window.message.text(), timeout=TIMEOUT)
    assert window.message.isVisible() and window.message.kind == "warning"
    _told(window.message.text(), "Besloten door", decision=True)
    assert target.read_bytes().startswith(b"%PDF")


def test_the_booklet_names_the_prompt_whose_text_prints_as_a_code(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a decision: the notice names the prompt's key and gives no signing advice."""
    shipped = shipped_catalogue()
    topic = shipped.topics[0]
    prompt = dataclasses.replace(topic.opening, text=f"{topic.opening.text} {HEBREW_NAME}")
    changed = dataclasses.replace(topic, opening=prompt)
    catalogue = dataclasses.replace(shipped, topics=(changed, *shipped.topics[1:]))
    monkeypatch.setattr("inburg_desktop.ui.main_window.shipped_catalogue", lambda: catalogue)
    window = MainWindow(vault)
    qtbot.addWidget(window)
    target = tmp_path / "boekje-ti.pdf"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_a: target)
    window.export_booklet("ti")
    qtbot.waitUntil(lambda: "opgeslagen" in window.notice.text(), timeout=TIMEOUT)
    assert window.notice.kind == "warning"
    _told(window.notice.text(), f"prompt.{prompt.id}", decision=False)
    assert target.read_bytes().startswith(b"%PDF")


def test_the_pip_preview_says_it_before_anything_is_saved(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    """Above the preview's pages, while the consultant still edits: the same notice, so
    the code is seen before the PIP is exported, printed or signed."""
    consulent.save_name(vault, HEBREW_NAME)
    window = _editor(qtbot, vault, cases[DRAFT_INDEX])
    note = window.preview.replaced
    qtbot.waitUntil(lambda: bool(note.text()), timeout=TIMEOUT)
    assert not note.isHidden()
    _told(note.text(), "Uw consulent", decision=True)


# Every function of the app that makes a PDF (the pdf package's entry points), and the
# two ways a maker tells the user what printed as its code.
RENDERERS = {"render_pip", "render_boete", "render_booklet", "render_subject_access"}
TELLERS = {"noting_replaced", "pdf_with_warnings", "preview.request"}  # the last: ui.pip.preview
NOT_FOR_A_USER = {"demo/pip_stages.py"}  # the demo's fictional signed PIP, made once


def test_every_place_that_makes_a_pdf_tells_the_user() -> None:
    """The kind, not the instances above: each function outside ``pdf/`` that uses a
    renderer also passes it through a teller, so a new export cannot stay silent."""
    import ast

    import inburg_desktop

    root = Path(inburg_desktop.__file__).parent
    silent: list[str] = []
    makers = 0
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(root).as_posix()
        if where.startswith("pdf/") or where in NOT_FOR_A_USER:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            inner = {n for child in node.body for n in ast.walk(child)}
            nested = {
                n
                for child in node.body
                for d in ast.walk(child)
                if isinstance(d, ast.FunctionDef | ast.AsyncFunctionDef)
                for n in ast.walk(d)
            }
            own = inner - nested
            names = {n.id for n in own if isinstance(n, ast.Name)}
            names |= {
                f"{n.value.attr}.{n.attr}"
                for n in own
                if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Attribute)
            }
            if names & RENDERERS:
                makers += 1
                if not names & TELLERS:
                    silent.append(f"{where}:{node.lineno} {node.name}")
    assert makers >= 8  # the walker found the app's PDF makers
    assert silent == []
