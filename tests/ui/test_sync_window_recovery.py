"""Enrolling in the sync window says whether the office can now recover the vault (issue
16 item 4; DESIGN.md "Key management"): with an office that has a recovery key the
vault key is wrapped to it, and the window and Help → Over say so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.recovery import new_recovery_key
from inburg_desktop.services.vault_session import recovery_state
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from ..sync.test_laptops_office import new_consultant
from .test_sync_window import WAIT_MS, open_window


def test_enrolling_with_an_office_that_has_a_recovery_key_says_recovery_is_possible(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    assert not recovery_state(vault).possible
    new_recovery_key(office, tmp_path / "herstelsleutel.pem", b"sleutelwachtwoord")
    consultant = new_consultant("herstel")
    code, _ = admin.create_enrollment_code(office, consultant)
    window = open_window(qtbot, vault)
    qtbot.keyClicks(window.server, server.url)
    qtbot.keyClicks(window.code, code)
    qtbot.keyClicks(window.consulent_name, consultant)
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Herstel via de gemeente" in window.outcome.text(), timeout=WAIT_MS)
    said = window.outcome.text()
    state = recovery_state(vault)
    assert state.possible and state.key_id is not None
    assert "Herstel via de gemeente: mogelijk." in said and state.key_id in said
