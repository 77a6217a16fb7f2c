"""Usability round 6, finding 6: the PIP editor's preview is the document export and
print produce, annex included.

On the old main the preview rendered the PIP without the annex ("pagina 3 van 3") while
the exported PDF had the summary in the newcomer's language on a fourth page ("pagina 3
van 4"). Here the preview and the export of the same PIP are compared page for page:
the number of pages and the text of the last page (the annex, Arabic here) are equal,
for a draft, for a set PIP after another annex language is chosen, and for a signed one
(its signed copy).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX, SIGNED_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.pip import PipEditorWindow

from .pdf_text import pdf_pages
from .pip_confirm import CONSULENT, set_through_confirmation

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
    consulent.save_name(vault, CONSULENT)

    def opener(index: int) -> PipEditorWindow:
        window = PipEditorWindow(vault, cases[index], today=TODAY)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.context is not None and window.annex.count() > 0)
        return window

    return opener


def _shown_pages(qtbot: QtBot, window: PipEditorWindow) -> list[str]:
    """The text of each page the preview shows, once its newest render is on screen."""
    preview = window.preview
    qtbot.waitUntil(
        lambda: (
            preview.last_file is not None
            and not preview.busy
            and preview.pending is None
            and not preview.timer.isActive()
            and preview.shown_generation == preview.generation
        ),
        timeout=30000,
    )
    assert preview.last_file is not None
    pages = pdf_pages(preview.last_file.content)
    assert len(pages) == len(preview.page_labels)  # every page is on screen
    return pages


def _exported_pages(
    qtbot: QtBot, window: PipEditorWindow, monkeypatch: pytest.MonkeyPatch, path: Path
) -> list[str]:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(path), "PDF (*.pdf)"))
    path.unlink(missing_ok=True)
    qtbot.mouseClick(window.export_button, LEFT)
    qtbot.waitUntil(lambda: "geëxporteerd" in window.notice.text(), timeout=30000)
    window.notice.clear()
    return pdf_pages(path.read_bytes())


def test_the_preview_of_a_draft_is_the_exported_pdf_with_the_arabic_annex(
    qtbot: QtBot,
    open_editor: Callable[[int], PipEditorWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = open_editor(DRAFT_INDEX)  # prefers Arabic; a draft PIP
    assert window.annex_language == "ar"
    shown = _shown_pages(qtbot, window)
    exported = _exported_pages(qtbot, window, monkeypatch, tmp_path / "pip.pdf")
    assert len(shown) == len(exported)
    assert "Arabisch" in exported[-1]
    assert shown[-1] == exported[-1]
    count = len(exported)
    assert f"pagina {count} van {count}" in shown[-1]


def test_the_preview_of_a_set_pip_follows_the_annex_chosen(
    qtbot: QtBot,
    open_editor: Callable[[int], PipEditorWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = open_editor(DRAFT_INDEX)
    set_through_confirmation(qtbot, window)
    qtbot.waitUntil(lambda: window.status_name() == "set")
    assert _shown_pages(qtbot, window) == _exported_pages(
        qtbot, window, monkeypatch, tmp_path / "ar.pdf"
    )
    window.annex.setCurrentIndex(window.annex.findData("ti"))
    shown = _shown_pages(qtbot, window)
    assert "Tigrinya" in shown[-1]
    assert shown == _exported_pages(qtbot, window, monkeypatch, tmp_path / "ti.pdf")
    window.annex.setCurrentIndex(window.annex.findData(None))  # Dutch only: no annex
    shown = _shown_pages(qtbot, window)
    assert not any("Bijlage: samenvatting" in page for page in shown)
    assert shown == _exported_pages(qtbot, window, monkeypatch, tmp_path / "nl.pdf")


def test_the_preview_of_a_signed_pip_is_its_signed_copy(
    qtbot: QtBot,
    open_editor: Callable[[int], PipEditorWindow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = open_editor(SIGNED_INDEX)
    assert window.status_name() == "signed"
    shown = _shown_pages(qtbot, window)
    assert shown == _exported_pages(qtbot, window, monkeypatch, tmp_path / "signed.pdf")
