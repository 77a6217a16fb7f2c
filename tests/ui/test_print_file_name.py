"""A print to file never proposes the PDF just exported (usability round 7, finding 5:
the print dialog's "Uitvoerbestand" was ".../Hodan Warsame PIP 2026-11-30.pdf", the
export of a moment before, which Afdrukken replaced): it proposes "… (afdruk).pdf" in the
user's documents (the export folder), and never a file that exists."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from inburg_desktop.ui import dialogs

NAME = "Hodan Warsame PIP 2026-11-30"


def _proposed_in_the_dialog(qtbot: QtBot, doc_name: str) -> str:
    """Open the real print dialog as Ctrl+P does, read its output file, cancel."""
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(10, look)
            return
        field = dialog.findChild(QLineEdit, "filename")
        assert field is not None
        seen.append(field.text())
        dialog.reject()

    QTimer.singleShot(0, look)
    assert dialogs.choose_printer(None, "PIP afdrukken", doc_name) is None  # type: ignore[arg-type]
    assert seen
    return seen[0]


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documenten"
    folder.mkdir()
    monkeypatch.setattr(dialogs, "export_folder", lambda: folder)
    return folder


def test_the_print_dialog_proposes_a_new_file_beside_the_export(
    qtbot: QtBot, documents: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported = documents / f"{NAME}.pdf"
    exported.write_bytes(b"%PDF-1.7 the export")
    monkeypatch.chdir(documents)  # Qt's own proposal is "<doc name>.pdf" here
    proposed = Path(_proposed_in_the_dialog(qtbot, NAME))
    assert proposed == documents / f"{NAME} (afdruk).pdf"
    assert not proposed.exists()
    assert exported.read_bytes() == b"%PDF-1.7 the export"


def test_an_earlier_print_is_not_proposed_either(qtbot: QtBot, documents: Path) -> None:
    (documents / f"{NAME}.pdf").write_bytes(b"export")
    (documents / f"{NAME} (afdruk).pdf").write_bytes(b"first print")
    (documents / f"{NAME} (afdruk 2).pdf").write_bytes(b"second print")
    proposed = Path(_proposed_in_the_dialog(qtbot, NAME))
    assert proposed == documents / f"{NAME} (afdruk 3).pdf"


def test_without_a_document_name_it_is_still_a_new_file(documents: Path) -> None:
    (documents / "Afdruk.pdf").write_bytes(b"x")
    assert dialogs.print_file_proposal("", documents) == documents / "Afdruk 2.pdf"
