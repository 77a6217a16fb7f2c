"""The Voortgang window when a sync takes its case off this laptop (attack round 8 #7):
what was typed in its forms and not yet recorded is set aside ("Apart gezet") and the
closing message lists it in words; nothing typed is dropped unsaid. Real window, real
vault, real office."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.progress_fields import PVT_ONDERTEKEND
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.progress import ProgressWindow

from ..conftest import LiveServer
from .test_case_gone_windows import WAIT_MS, closed, enrolled_case, gone_message, sync_in_window


def test_typing_in_the_forms_is_set_aside_and_listed(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault
) -> None:
    case = enrolled_case(server, office, vault)
    window = ProgressWindow(vault, case)  # deletes itself on close: not handed to qtbot
    window.show()
    qtbot.waitUntil(lambda: window.data is not None and window.case_gone.tasks.pending == 0)
    qtbot.keyClicks(window.uren_aanbieder, "Taalhuis Leiden")
    qtbot.keyClicks(window.uren_uren.edit, "12,5")  # HoursInput wraps its line edit
    window.tabs.setCurrentIndex(1)  # PVT: the signing, typed and not recorded
    edit = window.pvt_ondertekend.edit
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "02-03-2026")

    admin.unassign(office, case)
    sync_in_window(qtbot, vault)  # the case leaves this laptop while the window is open
    qtbot.waitUntil(lambda: closed(window), timeout=WAIT_MS)
    text = gone_message().text()
    assert "niet verloren" in text and "Apart gezet" in text, text
    # what was typed, in words as the window names it (no codes, no empty parts)
    assert "Voortgang: gevolgde uren – Aanbieder: Taalhuis Leiden" in text
    assert "Voortgang: gevolgde uren – Soort uren: NT2-les" in text
    assert "Voortgang: gevolgde uren – Aantal uren: 12,5 uur" in text
    assert "Van: (leeg)" not in text
    assert "PVT: participatieverklaring ondertekend op" in text
    assert "{" not in text
    with vault.session() as session:
        kept = [e.values for e in quarantine(session) if e.case_id == case]
    typed = {key: value for values in kept for key, value in values.items()}
    assert typed[PVT_ONDERTEKEND] == "2026-03-02"
    (hours,) = [v for k, v in typed.items() if k.startswith("uren.")]
    assert isinstance(hours, dict) and hours["aanbieder"] == "Taalhuis Leiden"
    assert hours["uren"] == "12.5"
    gone_message().close()
