"""The sync summary box shows every line of the summary (usability round 3: its first and
last lines were clipped): after a round with a long summary, the text fits the box at its
width and the box lies inside the window. Real window (pytest-qt), real vault."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.services import sync_round
from inburg_desktop.services.sync_round import RoundReport
from inburg_desktop.services.sync_summary import summary_lines
from inburg_desktop.storage.sync_state import Enrollment, save_enrollment
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.sync_window import SyncWindow

LONG = RoundReport(
    pushed=3,
    pulled=12,
    attachments_up=1,
    attachments_down=2,
    purged=2,
    purged_cases=(
        "Amal Haddad (V 1234567890, INB-0B0E7E4E)",
        "Yonas Tesfamariam Gebremedhin (V 2345678901, INB-1C2D3E4F)",
    ),
    kept_unsent=2,
    conflicts=2,
    quarantined=1,
    bytes_sent=20_000,
    bytes_received=400_000,
)


def test_every_line_of_a_long_summary_is_shown(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    with vault.transaction() as session:
        save_enrollment(session, Enrollment("https://kantoor.test", "deze-laptop", "c", "k"))
    # the round itself is tested against a real office elsewhere; here: what it shows
    monkeypatch.setattr(sync_round, "sync", lambda *_args, **_kwargs: LONG)
    window = SyncWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None and window.sync_button.isEnabled())
    with qtbot.waitSignal(window.synced, timeout=10_000):
        qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    box = window.outcome
    assert box.text().splitlines() == summary_lines(LONG)
    qtbot.waitUntil(lambda: box.height() >= box.heightForWidth(box.width()))
    assert box.geometry().top() >= 0 and box.geometry().bottom() < window.height()
    assert all(line in box.text() for line in summary_lines(LONG))
