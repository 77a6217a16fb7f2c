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
    Path(documents).mkdir(parents=True, exist_ok=True)
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


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def test_without_a_documents_folder_the_dialogs_open_in_home_not_the_start_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Usability round 3: on an account without ~/Documents the file dialog opened in
    the folder the app was started from (Qt's answer to a folder that does not exist)."""
    if _documents().is_dir():
        _documents().rmdir()
    offered: list[str] = []

    def dialog(_parent: object, _title: str, where: str, flt: str) -> tuple[str, str]:
        offered.append(where)
        return "", flt

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    dialogs.choose_save_file(None, "t", "x.pdf", "*.pdf")  # type: ignore[arg-type]
    dialogs.choose_open_file(None, "t", "*.pdf")  # type: ignore[arg-type]
    assert offered == [str(Path.home() / "x.pdf"), str(Path.home())]


def test_the_open_dialog_starts_in_the_last_used_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    picked = tmp_path / "scans" / "handtekening.png"
    picked.parent.mkdir()
    folders: list[str] = []

    def dialog(_parent: object, _title: str, folder: str, flt: str) -> tuple[str, str]:
        folders.append(folder)
        return str(picked), flt

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    assert dialogs.choose_open_file(None, "t", "*.png") == picked  # type: ignore[arg-type]
    assert dialogs.choose_open_file(None, "t", "*.png") == picked  # type: ignore[arg-type]
    assert folders[1] == str(picked.parent)
    assert folders[0] != ""  # never the working directory
