"""The unlock window: create on first run, unlock, and a growing delay after failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.services import vault_session
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault, unlock_vault
from inburg_desktop.ui.unlock_window import UnlockWindow, failure_delay

from ..storage.media import remount, tmpfs

PASSPHRASE = "een lange zin als wachtwoord"


def test_failure_delay_grows() -> None:
    delays = [failure_delay(n) for n in range(1, 8)]
    assert delays[0] == 0
    assert delays == sorted(delays) and delays[-1] > delays[1] > 0
    assert failure_delay(50) == 30


def test_first_run_creates_a_vault_and_warns_about_a_lost_passphrase(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "nieuw.db"
    window = UnlockWindow(path, kdf=TEST_KDF)
    qtbot.addWidget(window)
    window.show()
    assert window.creating
    lost_warning = window.findChild(QLabel, "lostWarning")
    assert lost_warning is not None
    assert "verloren" in lost_warning.text()
    # a new vault has no recovery until the laptop is enrolled (DESIGN.md, Key management)
    recovery = window.findChild(QLabel, "recoveryState")
    assert recovery is not None and recovery.isVisible()
    assert recovery.text().startswith(
        "Herstel via de gemeente: nog niet; pas na aanmelding bij het kantoor."
    )
    qtbot.keyClicks(window.passphrase, "kort")
    qtbot.keyClicks(window.repeat, "kort")
    qtbot.keyClick(window.repeat, Qt.Key.Key_Return)
    assert "te zwak" in window.message.text()
    assert not path.exists()
    window.passphrase.clear()
    window.repeat.clear()
    qtbot.keyClicks(window.passphrase, PASSPHRASE)
    qtbot.keyClicks(window.repeat, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000) as blocker:
        qtbot.keyClick(window.repeat, Qt.Key.Key_Return)
    vault = blocker.args[0]
    assert isinstance(vault, OpenVault) and path.exists()
    vault.lock()


def test_unlock_with_keyboard(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    window = UnlockWindow(path)
    qtbot.addWidget(window)
    window.show()
    assert not window.creating
    qtbot.keyClicks(window.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=10_000) as blocker:
        qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    blocker.args[0].lock()
    assert window.passphrase.text() == ""  # the passphrase does not linger in the widget


def test_wrong_passphrase_message_growing_delay_and_vault_untouched(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    window = UnlockWindow(path)
    qtbot.addWidget(window)
    window.show()
    waits = []
    for attempt in range(1, 4):
        window.passphrase.setText(f"fout wachtwoord {attempt}")
        window.submit()

        def failed(a: int = attempt) -> bool:
            return window.failures == a

        qtbot.waitUntil(failed, timeout=10_000)
        assert "onjuist" in window.message.text()
        waits.append(window.waiting_seconds)
        if window.waiting_seconds:
            assert not window.button.isEnabled()
            # While waiting, Enter does nothing.
            window.submit()
            window._wait_left = 0  # the test does not sit out the real countdown
            window._tick(first=True)
    assert waits[0] == 0 and waits[2] > waits[1] > 0
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def _unlock_and_read_message(qtbot: QtBot, path: Path) -> str:
    window = UnlockWindow(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.passphrase, PASSPHRASE)
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window._busy and window.message.text() != "", timeout=10_000)
    return window.message.text()


def test_a_read_only_medium_is_said_as_such_not_damaged(qtbot: QtBot, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "stick", 4096) as stick:
        path = stick / "kluis.db"
        create_vault(path, PASSPHRASE, TEST_KDF).lock()
        remount(stick, read_only=True)
        try:
            text = _unlock_and_read_message(qtbot, path)
        finally:
            remount(stick, read_only=False)
    assert "alleen gelezen" in text and "niets gewijzigd" in text
    assert "beschadigd" not in text


def test_a_damaged_key_file_is_said_as_such(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    key = path.with_name("kluis.db.key")
    key.write_text(key.read_text().replace('"iterations": 1', '"iterations": 100000'))
    text = _unlock_and_read_message(qtbot, path)
    assert "sleutelbestand" in text and "reservekopie van het sleutelbestand" in text


def test_a_vault_unlocked_for_a_window_closed_meanwhile_is_locked_again(
    qtbot: QtBot, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the window while the key is derived drops the result in one place
    (``TaskGroup``): the vault it opened is locked, not left open for nobody."""
    create_vault(vault_path, "correct horse battery staple", TEST_KDF).lock()
    opened: list[OpenVault] = []

    def unlock(path: Path, passphrase: str) -> OpenVault:
        vault = unlock_vault(path, passphrase)
        opened.append(vault)
        return vault

    monkeypatch.setattr(vault_session, "unlock", unlock)
    window = UnlockWindow(vault_path)
    qtbot.addWidget(window)
    window.show()
    window.passphrase.setText("correct horse battery staple")
    with qtbot.assertNotEmitted(window.unlocked):
        window.submit()
        window.close()  # before the result could arrive: it is handled by the event loop
        qtbot.waitUntil(lambda: opened != [] and opened[0].locked)
