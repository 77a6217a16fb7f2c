"""'Ondertekende scan toevoegen' refuses a file that is no scan the app may read, in words,
when it is picked: the PIP stays set (not signed) and nothing is stored (attack finding F2:
a 101 MiB 'PDF' was stored and the PIP counted as signed, though sync could never deliver
it; a FIFO hung the worker thread; a link to /dev/zero ate the memory)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.domain.pip import Besluitnemer
from inburg_desktop.services import pip_service
from inburg_desktop.services.pip_attachments import MAX_SCAN_BYTES
from inburg_desktop.storage.tables import AttachmentRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.pip import PipEditorWindow

DOOR = Besluitnemer("Sanne de Vries", "test", "2026-05-11T10:00:00+00:00")


TODAY = date(2026, 11, 2)
LEFT = Qt.MouseButton.LeftButton


def _oversized(tmp_path: Path) -> Path:
    big = tmp_path / "scan.pdf"
    with big.open("wb") as fh:  # sparse: the size without writing 25 MB
        fh.write(b"%PDF-1.4\n")
        fh.truncate(MAX_SCAN_BYTES + 1)
    return big


def _fifo(tmp_path: Path) -> Path:
    fifo = tmp_path / "scan.pdf"
    os.mkfifo(fifo)
    return fifo


def _device_link(tmp_path: Path) -> Path:
    link = tmp_path / "scan.pdf"
    link.symlink_to("/dev/zero")
    return link


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_oversized, "groter dan de grens van 25 MB"),
        (_fifo, "geen gewoon bestand"),
        (_device_link, "geen gewoon bestand"),
    ],
    ids=["over-the-cap", "fifo", "link-to-dev-zero"],
)
def test_a_refused_scan_is_said_and_changes_nothing(
    qtbot: QtBot,
    vault: OpenVault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], Path],
    words: str,
) -> None:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[DRAFT_INDEX]
        pip_service.set_pip(session, case_id, TODAY, door=DOOR)
    with vault.session() as session:
        stored_before = session.query(AttachmentRow).count()
    window = PipEditorWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None)
    assert window.status_name() == "set"
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *_a: make(tmp_path))
    qtbot.mouseClick(window.signing.attach_scan, LEFT)
    qtbot.waitUntil(lambda: window.notice.kind == "error" and not window.busy)
    assert words in window.notice.text()
    assert "niets" in window.notice.text()
    assert window.status_name() == "set"
    with vault.session() as session:
        assert session.query(AttachmentRow).count() == stored_before
