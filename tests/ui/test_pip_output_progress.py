"""Printing and exporting say what they do, can be stopped, and run once (usability round
3, finding 15: "printing ~5 s without feedback or done message").

While a print or export runs the window shows it (a moving bar and what is happening),
its buttons wait, a second press or Ctrl+P starts nothing and says why; the pages are
painted off the GUI thread; at the end a message says where the PIP went (the printer or
file); Cancel stops it and nothing is printed or written.

The render is held with an event the test sets (never a sleep), so the test sees the
window while the work is under way.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.services import consulent
from inburg_desktop.services import pip_editing as editing
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.pip import PipEditorWindow, file_actions
from inburg_desktop.ui.tasks import wait_for_all

from .pip_confirm import CONSULENT

TODAY = date(2026, 11, 2)
LEFT = Qt.MouseButton.LeftButton


class HeldRender:
    """Stands in front of ``pip_file``: the real one runs once the test releases it."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.real = editing.pip_file

    def __call__(self, *args: Any, **kwargs: Any) -> editing.PipFile:
        self.started.set()
        assert self.release.wait(60), "the test never released the render"
        return self.real(*args, **kwargs)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldRender]:
    hold = HeldRender()
    monkeypatch.setattr(editing, "pip_file", hold)
    yield hold
    hold.release.set()  # never leave a worker waiting


@pytest.fixture
def window(qtbot: QtBot, vault: OpenVault) -> PipEditorWindow:
    consulent.save_name(vault, CONSULENT)
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    editor = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.context is not None and editor.annex.count() > 0)
    return editor


def _pdf_printer(out: Path, asked: list[int]) -> Callable[..., QPrinter]:
    def choose(_parent: object, _title: str, _doc_name: str = "") -> QPrinter:
        asked.append(1)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    return choose


def test_printing_shows_progress_runs_once_and_says_where_it_went(
    qtbot: QtBot,
    window: PipEditorWindow,
    held: HeldRender,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    out, asked = tmp_path / "afdruk.pdf", list[int]()
    monkeypatch.setattr(dialogs, "choose_printer", _pdf_printer(out, asked))
    painted_on: list[threading.Thread] = []
    real_print_pages = file_actions.print_pages

    def print_pages(*args: Any) -> None:
        painted_on.append(threading.current_thread())
        real_print_pages(*args)

    monkeypatch.setattr(file_actions, "print_pages", print_pages)
    qtbot.mouseClick(window.print_button, LEFT)
    assert held.started.wait(30)
    # under way: said in the window, a moving bar, the buttons wait
    assert window.output_bar.isVisible() and window.output_bar.maximum() == 0
    assert "afgedrukt" in window.output_state.text() and window.output_state.isVisible()
    assert window.output_cancel.isVisible()
    assert not window.print_button.isEnabled() and not window.export_button.isEnabled()
    # a second press, by shortcut, starts nothing and says why
    window.print_pdf()
    window.export_pdf()
    assert asked == [1]
    assert "Wacht tot dat klaar is" in window.notice.text()
    held.release.set()
    qtbot.waitUntil(lambda: "naar de printer gestuurd" in window.notice.text(), timeout=60_000)
    assert str(out) in window.notice.text()  # where it went
    assert out.stat().st_size > 0
    assert painted_on and painted_on[0] is not threading.main_thread()  # never freezing
    assert not window.output_bar.isVisible() and not window.output_cancel.isVisible()
    assert window.print_button.isEnabled() and window.export_button.isEnabled()


def test_cancel_stops_a_print_and_nothing_is_printed(
    qtbot: QtBot,
    window: PipEditorWindow,
    held: HeldRender,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    out, asked = tmp_path / "afdruk.pdf", list[int]()
    monkeypatch.setattr(dialogs, "choose_printer", _pdf_printer(out, asked))
    qtbot.mouseClick(window.print_button, LEFT)
    assert held.started.wait(30)
    qtbot.mouseClick(window.output_cancel, LEFT)
    assert window.notice.text() == "Afdrukken geannuleerd."
    assert window.print_button.isEnabled() and not window.output_bar.isVisible()
    held.release.set()
    assert wait_for_all(60_000)  # the worker saw the cancel and stopped
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert not out.exists()  # nothing went to the printer
    assert window.notice.text() == "Afdrukken geannuleerd."


def test_export_shows_progress_and_says_where_the_file_is(
    qtbot: QtBot,
    window: PipEditorWindow,
    held: HeldRender,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    target = tmp_path / "map" / "Rami Haddad PIP concept 2026-11-02.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (str(target), file_actions.PDF_FILTER)
    )
    qtbot.mouseClick(window.export_button, LEFT)
    assert held.started.wait(30)
    assert window.output_bar.isVisible() and "PDF wordt gemaakt" in window.output_state.text()
    assert not window.export_button.isEnabled()
    held.release.set()
    qtbot.waitUntil(lambda: "geëxporteerd naar" in window.notice.text(), timeout=60_000)
    assert str(target) in window.notice.text()  # the folder too, not only the name
    assert target.stat().st_size > 0 and window.export_button.isEnabled()


def test_cancelled_export_writes_nothing(
    qtbot: QtBot,
    window: PipEditorWindow,
    held: HeldRender,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    target = tmp_path / "niet.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a: (str(target), file_actions.PDF_FILTER)
    )
    qtbot.mouseClick(window.export_button, LEFT)
    assert held.started.wait(30)
    qtbot.mouseClick(window.output_cancel, LEFT)
    held.release.set()
    assert wait_for_all(60_000)
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=10_000)
    assert not target.exists()
    assert "er is geen bestand geschreven" in window.notice.text()
