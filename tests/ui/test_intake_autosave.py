"""The intake's autosave under real conditions (issue 10, item 4): a full disk, a medium
turning read-only and another program holding the vault are told in the consultant's
words (never "damaged"); the edit stays pending and is written by itself once the
condition clears, with nothing typed lost."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage import engine
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake import autosave as autosave_module

from ..storage.media import fill, held_by_another_process, remount, tmpfs

PASSPHRASE = "een lange zin als wachtwoord"
FIELD = "intake.werkervaring.gewerkt_herkomst"


@pytest.fixture
def usb(tmp_path: Path) -> Iterator[Path]:
    with tmpfs(tmp_path / "usb", 4096) as where:
        yield where


@pytest.fixture
def fast_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries after 50 ms instead of 2 s; the test waits on the outcome, not a clock."""
    monkeypatch.setattr(autosave_module, "RETRY_MS", 50)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)


def _open(qtbot: QtBot, path: Path) -> tuple[OpenVault, IntakeWindow, str]:
    vault = create_vault(path, PASSPHRASE, TEST_KDF)
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)  # closed by the test (it deletes itself)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    window.show_topic("werkervaring")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return vault, window, case_id


def _stored(vault: OpenVault, case_id: str) -> object:
    with vault.session() as session:
        return get_case(session, case_id).fields.get(FIELD)


def _type_an_answer(qtbot: QtBot, window: IntakeWindow) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, "N")  # "gewerkt in het land van herkomst": nee


def _fails_then_saves(
    qtbot: QtBot,
    vault: OpenVault,
    window: IntakeWindow,
    case_id: str,
    condition: AbstractContextManager[object],
    words: str,
) -> None:
    before = _stored(vault, case_id)
    # The pool is idle, as between two autosaves: the next write opens a new connection
    # (with a new WAL, which needs room; Linux remounts read-only only with no file open
    # for writing; new connections get the test's short busy timeout).
    vault.engine.dispose()
    with condition:
        _type_an_answer(qtbot, window)
        qtbot.waitUntil(
            lambda: window.save_state.text() == "⚠ Niet opgeslagen: wordt opnieuw geprobeerd",
            timeout=10_000,
        )
        notice = window.notice.text()
        assert words in notice, notice
        assert "beschadigd" not in notice
        assert "vanzelf opgeslagen zodra het weer kan" in notice
        assert window.autosave.busy  # the edit is still pending, not dropped
        assert window.autosave.retrying
    # The condition is gone: the pending edit is written without the consultant acting.
    qtbot.waitUntil(
        lambda: window.save_state.text().startswith("✓ Alles opgeslagen om"), timeout=10_000
    )
    assert not window.notice.text()
    assert _stored(vault, case_id) == "nee" != before


class _FullDisk(AbstractContextManager[object]):
    def __init__(self, where: Path) -> None:
        self.where = where

    def __enter__(self) -> object:
        self.filler = fill(self.where)
        return self

    def __exit__(self, *exc: object) -> None:
        self.filler.unlink()


class _ReadOnly(AbstractContextManager[object]):
    def __init__(self, where: Path) -> None:
        self.where = where

    def __enter__(self) -> object:
        remount(self.where, read_only=True)
        return self

    def __exit__(self, *exc: object) -> None:
        remount(self.where, read_only=False)


def test_a_full_disk_is_said_and_the_edit_saved_once_there_is_room(
    qtbot: QtBot, usb: Path, fast_retry: None
) -> None:
    vault, window, case_id = _open(qtbot, usb / "kluis.db")
    _fails_then_saves(qtbot, vault, window, case_id, _FullDisk(usb), "is vol")
    window.close()
    vault.lock()


def test_a_read_only_medium_is_said_and_the_edit_saved_once_writable(
    qtbot: QtBot, usb: Path, fast_retry: None
) -> None:
    vault, window, case_id = _open(qtbot, usb / "kluis.db")
    _fails_then_saves(qtbot, vault, window, case_id, _ReadOnly(usb), "alleen gelezen")
    window.close()
    vault.lock()


def test_a_vault_held_by_another_program_is_said_and_the_edit_saved_after(
    qtbot: QtBot, tmp_path: Path, fast_retry: None
) -> None:
    path = tmp_path / "kluis.db"
    vault, window, case_id = _open(qtbot, path)
    holder = held_by_another_process(path, PASSPHRASE, "write")
    _fails_then_saves(qtbot, vault, window, case_id, holder, "in gebruik door een ander programma")
    window.close()
    vault.lock()


def test_an_unexpected_error_is_not_retried_by_itself(
    qtbot: QtBot, tmp_path: Path, fast_retry: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault, window, _case_id = _open(qtbot, tmp_path / "kluis.db")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug, not a condition that clears")

    monkeypatch.setattr(window.autosave, "write", broken)
    with nullcontext():
        _type_an_answer(qtbot, window)
        qtbot.waitUntil(
            lambda: window.save_state.text() == "⚠ Niet opgeslagen: zie de melding", timeout=10_000
        )
    assert window.autosave.busy and not window.autosave.retrying
    # Said as unexpected with the log to look in; the class name goes to the log only.
    assert "onverwachts" in window.notice.text()
    assert "RuntimeError" not in window.notice.text()
    # Closing asks before the edit that could not be saved is dropped (issue 13 item 3).
    asked = answer_on_close(window, QMessageBox.ButtonRole.RejectRole)
    window.close()
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == ["unsavedQuestion"] and window.isVisible() and window.autosave.busy
    asked = answer_on_close(window, QMessageBox.ButtonRole.DestructiveRole)
    window.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible())
    assert asked == ["unsavedQuestion"]
    vault.lock()


def answer_on_close(window: IntakeWindow, role: QMessageBox.ButtonRole) -> list[str]:
    """Answer the question the window asks when it closes, with the button of ``role``;
    returns the names of the questions asked."""
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.objectName())
        (button,) = [b for b in box.buttons() if box.buttonRole(b) == role]
        button.click()

    QTimer.singleShot(0, answer)
    return asked


def test_typing_saves_the_answer_when_nothing_is_wrong(qtbot: QtBot, tmp_path: Path) -> None:
    """The helper above types into the werkervaring question the tests expect."""
    vault, window, case_id = _open(qtbot, tmp_path / "kluis.db")
    _type_an_answer(qtbot, window)
    qtbot.waitUntil(lambda: not window.autosave.busy, timeout=10_000)
    assert _stored(vault, case_id) == "nee"
    window.close()
    vault.lock()
