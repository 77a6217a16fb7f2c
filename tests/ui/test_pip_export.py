"""Issue 13 item 6: the PIP from the GUI.

Export and print offer the annex language (default: the newcomer's preferred language),
stay available after signing (then giving the signed copy), suggest "<name> PIP
<date>.pdf" in the user's documents folder and remember the folder chosen; no PIP says
"uw consulent" as a name: without a name the editor asks for it first. On the old main
the export wrote "pip.pdf" in the working directory without an annex, was disabled once
signed, and the PIP named "uw consulent".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX, SIGNED_INDEX
from inburg_desktop.services import consulent, pip_attachments
from inburg_desktop.storage.tables import AttachmentRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.pip import PipEditorWindow

from .pdf_text import pdf_text
from .pip_confirm import CONSULENT

TODAY = date(2026, 11, 2)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def cases(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


@pytest.fixture
def open_editor(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> Callable[[int], PipEditorWindow]:
    def opener(index: int) -> PipEditorWindow:
        window = PipEditorWindow(vault, cases[index], today=TODAY)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.context is not None and window.annex.count() > 0)
        return window

    return opener


class SaveDialog:
    """Stands in for Qt's save dialog (``QFileDialog.getSaveFileName``, so the app's own
    choice of folder and name runs): records what it was offered, answers ``answer``
    (default: the suggested path itself)."""

    def __init__(self, answer: Path | None = None) -> None:
        self.offered: list[Path] = []
        self.answer = answer

    def __call__(
        self, _parent: object, _title: str, suggested: str, _filter: str
    ) -> tuple[str, str]:
        self.offered.append(Path(suggested))
        return str(self.answer or Path(suggested)), _filter

    def install(self, monkeypatch: pytest.MonkeyPatch) -> SaveDialog:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self)
        return self


def test_export_offers_the_preferred_language_a_good_name_and_the_documents_folder(
    qtbot: QtBot,
    vault: OpenVault,
    open_editor: Callable[[int], PipEditorWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    consulent.save_name(vault, CONSULENT)
    window = open_editor(DRAFT_INDEX)  # Rami Haddad, prefers Arabic; a draft PIP
    assert window.annex_language == "ar"
    assert (
        "Arabisch" in window.annex.currentText() and "voorkeurstaal" in window.annex.currentText()
    )
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    documents.mkdir(parents=True, exist_ok=True)  # without one the dialog opens in home
    chooser = SaveDialog(tmp_path / "gekozen" / "Rami Haddad PIP concept 2026-11-02.pdf")
    chooser.answer.parent.mkdir()  # type: ignore[union-attr]
    chooser.install(monkeypatch)
    qtbot.mouseClick(window.export_button, LEFT)
    qtbot.waitUntil(lambda: "geëxporteerd" in window.notice.text())
    assert chooser.offered == [documents / "Rami Haddad PIP concept 2026-11-02.pdf"]
    written = chooser.answer
    assert written is not None and written.stat().st_mode & 0o777 == 0o600
    text = pdf_text(written.read_bytes())
    assert "Bijlage: samenvatting in uw taal, Arabisch" in text
    assert CONSULENT in text.rsplit("Bijlage: samenvatting", 1)[1]  # named in the annex too
    assert "uw consulent uw consulent" not in text.lower()
    # the next export opens in the folder chosen, and another language can be chosen
    window.annex.setCurrentIndex(window.annex.findData("ti"))
    qtbot.mouseClick(window.export_button, LEFT)
    qtbot.waitUntil(lambda: len(chooser.offered) == 2)
    assert chooser.offered[1].parent == tmp_path / "gekozen"
    qtbot.waitUntil(lambda: "Tigrinya" in pdf_text(written.read_bytes()))
    # "geen samenvatting" gives the Dutch PIP alone
    window.annex.setCurrentIndex(window.annex.findData(None))
    assert window.annex_language is None


def test_export_and_print_stay_available_after_signing_and_give_the_signed_copy(
    qtbot: QtBot,
    vault: OpenVault,
    cases: list[str],
    open_editor: Callable[[int], PipEditorWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = open_editor(SIGNED_INDEX)  # signed on the pad, 60 days ago
    assert window.status_name() == "signed"
    assert window.export_button.isEnabled() and window.print_button.isEnabled()
    assert window.signing.export_unsigned.isEnabled()
    chooser = SaveDialog(tmp_path / "ondertekend.pdf")
    chooser.install(monkeypatch)
    qtbot.mouseClick(window.signing.export_unsigned, LEFT)
    qtbot.waitUntil(lambda: "Ondertekend PIP geëxporteerd" in window.notice.text())
    assert chooser.offered[0].name.endswith(" PIP 2026-09-03 ondertekend.pdf")
    with vault.session() as session:
        (info,) = pip_attachments.list_attachments(session, cases[SIGNED_INDEX])
        stored = session.get(AttachmentRow, info.sha256)
        assert stored is not None
        signed_bytes = stored.content
    assert (tmp_path / "ondertekend.pdf").read_bytes() == signed_bytes
    # print: the signed copy's pages go to the printer chosen
    out = tmp_path / "printed.pdf"
    named: list[str] = []

    def printer(_parent: object, _title: str, doc_name: str = "") -> QPrinter:
        named.append(doc_name)
        chosen = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        chosen.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        chosen.setOutputFileName(str(out))
        return chosen

    monkeypatch.setattr(dialogs, "choose_printer", printer)
    qtbot.mouseClick(window.print_button, LEFT)
    qtbot.waitUntil(lambda: "naar de printer gestuurd" in window.notice.text(), timeout=30000)
    pages = _pages(signed_bytes)
    assert f"({pages} pagina's)" in window.notice.text()
    assert _pages(out.read_bytes()) == pages
    # the print dialog offers the export's name, and a print to file is the owner's alone
    # as the export is (issue 13: 50, "print.pdf" and -rw-r--r--)
    assert named == [chooser.offered[0].name.removesuffix(".pdf")]
    assert out.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "ondertekend.pdf").stat().st_mode & 0o777 == 0o600


def _pages(pdf: bytes) -> int:
    import shutil
    import subprocess

    tool = shutil.which("pdfinfo")
    if tool is None:
        pytest.skip("pdfinfo is not installed")
    info = subprocess.run([tool, "-"], input=pdf, capture_output=True, check=True).stdout
    line = next(li for li in info.decode().splitlines() if li.startswith("Pages:"))
    return int(line.split()[1])


def test_without_a_name_the_editor_asks_before_producing_a_pip(
    qtbot: QtBot,
    vault: OpenVault,
    open_editor: Callable[[int], PipEditorWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = open_editor(DRAFT_INDEX)
    assert window.consulent is None
    chooser = SaveDialog(tmp_path / "pip.pdf")
    chooser.install(monkeypatch)
    # cancelled: nothing produced, said in words
    qtbot.mouseClick(window.export_button, LEFT)
    qtbot.waitUntil(lambda: window.name_dialog is not None and window.name_dialog.isVisible())
    assert window.name_dialog is not None
    qtbot.keyClick(window.name_dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.name_dialog is None)
    assert "er is geen PIP gemaakt" in window.notice.text()
    assert chooser.offered == [] and not (tmp_path / "pip.pdf").exists()
    # "uw consulent" is no name: refused at the field, nothing stored
    qtbot.mouseClick(window.export_button, LEFT)
    qtbot.waitUntil(lambda: window.name_dialog is not None and window.name_dialog.isVisible())
    dialog = window.name_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "uw consulent")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert "geen naam" in dialog.message.text() and dialog.isVisible()
    assert consulent.read(vault).naam is None
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "Joris Bakker")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: (tmp_path / "pip.pdf").exists())
    assert consulent.read(vault).naam == "Joris Bakker"
    assert "Joris Bakker" in pdf_text((tmp_path / "pip.pdf").read_bytes())
