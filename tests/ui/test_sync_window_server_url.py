"""The office server's address in the enrollment form (usability round 4 #22).

An address without ``https://`` was said to be "ongeldig" without a word on what was
missing; ``http://`` to another computer was taken silently. Here the form says the
``https://`` address meant; plain http to another computer asks first, with "Annuleren"
as the default and Esc, and goes on only when confirmed; http to this computer (the
office server of the tests) enrolls without a question. Real widgets (pytest-qt).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import sync_round
from inburg_desktop.storage.sync_state import enrollment
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.transport import ServerUnreachable
from inburg_desktop.ui.sync_window import SyncWindow

from ..conftest import LiveServer
from ..sync.test_laptops_office import new_consultant

WAIT_MS = 30_000


def _window(qtbot: QtBot, vault: OpenVault) -> SyncWindow:
    window = SyncWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None and window.enroll_box.isVisible())
    qtbot.keyClicks(window.consulent_name, "Sanne de Vries")
    return window


def _enrolled(vault: OpenVault) -> bool:
    with vault.session() as session:
        return enrollment(session) is not None


def _question(window: SyncWindow) -> QMessageBox | None:
    found = window.findChild(QMessageBox, "unencryptedQuestion")
    return found if found is not None and found.isVisible() else None


def test_an_address_without_a_scheme_is_said_with_the_https_address_meant(
    qtbot: QtBot, vault: OpenVault
) -> None:
    window = _window(qtbot, vault)
    qtbot.keyClicks(window.server, "kantoor.gemeente.nl:8443")
    qtbot.keyClicks(window.code, "ABCD-EFGH-JKMN-PQRS-TVWX")
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    assert window.outcome.kind == "error"
    assert window.outcome.text() == (
        "Het adres van de kantoorserver begint niet met https://. Bedoelt u "
        "https://kantoor.gemeente.nl:8443?"
    )
    assert window.focusWidget() is window.server
    assert window.server.text() == "kantoor.gemeente.nl:8443"  # what was typed stays
    assert window.tasks.pending == 0 and not _enrolled(vault)  # nothing was sent


@pytest.mark.parametrize("how", ["Annuleren", "Esc", "Enter"])
def test_http_to_another_computer_asks_and_a_no_sends_nothing(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(sync_round, "enroll", lambda *a, **k: calls.append((a, k)))
    window = _window(qtbot, vault)
    qtbot.keyClicks(window.server, "http://kantoor.gemeente.nl:8443")
    qtbot.keyClicks(window.code, "ABCD-EFGH-JKMN-PQRS-TVWX")
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _question(window) is not None)
    question = _question(window)
    assert question is not None
    assert "kantoor.gemeente.nl is niet versleuteld" in question.text()
    cancel = question.defaultButton()
    assert cancel is not None and cancel.text() == "Annuleren"
    assert question.escapeButton() is cancel
    if how == "Annuleren":
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    else:
        key = Qt.Key.Key_Escape if how == "Esc" else Qt.Key.Key_Return
        qtbot.keyClick(question, key)
    qtbot.waitUntil(lambda: _question(window) is None)
    assert "Niet ingeschreven" in window.outcome.text() and "https://" in window.outcome.text()
    # whatever else the window reads meanwhile (its state after a case event), no
    # enrollment was tried
    qtbot.waitUntil(lambda: window.tasks.pending == 0)
    assert calls == [] and not _enrolled(vault)


def test_http_to_another_computer_goes_on_once_confirmed(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []

    def enroll(*args: Any, **kwargs: Any) -> None:
        calls.append((args, kwargs))
        raise ServerUnreachable()

    monkeypatch.setattr(sync_round, "enroll", enroll)
    window = _window(qtbot, vault)
    qtbot.keyClicks(window.server, "http://kantoor.gemeente.nl:8443/")
    qtbot.keyClicks(window.code, "ABCD-EFGH-JKMN-PQRS-TVWX")
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _question(window) is not None)
    question = _question(window)
    assert question is not None
    go_on = question.findChild(QPushButton, "unencryptedGoOn")
    assert go_on is not None
    qtbot.mouseClick(go_on, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(calls) == 1 and window.tasks.pending == 0, timeout=WAIT_MS)
    (args, kwargs) = calls[0]
    assert args[1] == "http://kantoor.gemeente.nl:8443" and kwargs["unencrypted_ok"] is True
    assert "niet bereikbaar" in window.outcome.text()
    # a second try of the same address is not asked again; another address is
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(calls) == 2 and window.tasks.pending == 0, timeout=WAIT_MS)
    assert _question(window) is None
    window.server.setText("http://ander.kantoor.nl")
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _question(window) is not None)


def test_http_to_this_computer_enrolls_without_a_question(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault
) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    consultant = new_consultant("lokaal")
    code, _ = admin.create_enrollment_code(office, consultant)
    window = _window(qtbot, vault)
    qtbot.keyClicks(window.server, server.url)
    qtbot.keyClicks(window.code, code)
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: consultant in window.outcome.text(), timeout=WAIT_MS)
    assert _question(window) is None and _enrolled(vault)
