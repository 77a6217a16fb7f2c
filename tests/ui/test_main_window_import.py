"""The GUI's handover import reads through the same safe reader as the CLI: a FIFO is
refused in words instead of freezing the window; a Notepad BOM imports."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.cases import iter_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.main_window import MainWindow

HANDOVER = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


def window_for(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.timeout(60)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_freezing_the_window(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path
) -> None:
    fifo = tmp_path / "overdracht.json"
    os.mkfifo(fifo)
    window = window_for(qtbot, vault)
    window.import_file(fifo)  # path.read_bytes() waited for a writer forever
    qtbot.waitUntil(lambda: window.tasks.pending == 0)  # imported off the GUI thread
    assert window.notice.kind == "error"
    assert "geen gewoon bestand" in window.notice.text()
    with vault.session() as session:
        assert list(iter_cases(session)) == []


def test_a_handover_saved_with_a_bom_imports(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path
) -> None:
    file = tmp_path / "notepad.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(HANDOVER).encode())
    window = window_for(qtbot, vault)
    window.import_file(file)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)  # imported off the GUI thread
    with vault.session() as session:
        assert [c.person.family_name for c in iter_cases(session)] == ["Haddad"]


def test_the_persons_copy_does_not_import_as_a_case_in_the_app(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path
) -> None:
    """Attack round 8, finding 8, on the app's import path: Bestand → importeren takes a
    handover file only, so the person's own copy (an ``inburg-case/1`` document made for
    inzage, however edited) is refused in words and nothing is stored."""
    from dataclasses import replace

    from tests.domain.test_case_document import valid_document

    from inburg_desktop.domain.case_document import Doel, dumps

    file = tmp_path / "inzage.json"
    file.write_bytes(dumps(replace(valid_document(), doel=Doel.INZAGE)))
    window = window_for(qtbot, vault)
    window.import_file(file)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)  # imported off the GUI thread
    assert window.notice.kind == "error"
    assert "niet geïmporteerd" in window.notice.text()
    with vault.session() as session:
        assert list(iter_cases(session)) == []
