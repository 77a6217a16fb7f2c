"""Where an export goes by default (issue 13 item 6, as a kind): every save dialog opens
in the folder exported to last, else the user's documents folder, never the working
directory the app was started from (the PIP, the booklet, the set-aside list)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from inburg_desktop.ui import dialogs
from inburg_desktop.ui.app_settings import AppSettings


def test_a_bare_name_opens_in_the_documents_folder_then_in_the_last_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    offered: list[str] = []
    chosen = tmp_path / "elders" / "vragenboekje-ar.pdf"
    chosen.parent.mkdir()

    def dialog(_parent: object, _title: str, suggested: str, flt: str) -> tuple[str, str]:
        offered.append(suggested)
        return str(chosen), flt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert dialogs.choose_save_file(None, "t", "vragenboekje-ar.pdf", "*.pdf") == chosen  # type: ignore[arg-type]
    assert offered == [str(Path(documents) / "vragenboekje-ar.pdf")]
    assert AppSettings.load().last_export_dir == str(chosen.parent)
    dialogs.choose_save_file(None, "t", "apart-gezet.json", "*.json")  # type: ignore[arg-type]
    assert offered[1] == str(chosen.parent / "apart-gezet.json")
    chosen.parent.rename(tmp_path / "weg")  # a remembered folder that is gone: documents
    dialogs.choose_save_file(None, "t", "x.pdf", "*.pdf")  # type: ignore[arg-type]
    assert offered[2] == str(Path(documents) / "x.pdf")


def test_cancelled_remembers_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    assert dialogs.choose_save_file(None, "t", "x.pdf", "*.pdf") is None  # type: ignore[arg-type]
    assert AppSettings.load().last_export_dir is None
