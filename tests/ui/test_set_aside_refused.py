"""A set-aside entry the office refuses (issue 13, hardening leftovers; attack round 4):
the laptop sends its words as the office takes them (a control character in the reason
shown as its code point), and an entry the office refuses for its moment (422: older than
the office keeps) is kept here, said in words, and sent again next time (attack round 6
#11: only a refusal for what an entry holds is for good, tests/services/
test_quarantine_send.py); the other entries of the same list reach the office. Real
window, real vault, real office server."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.server.set_aside import list_set_aside
from inburg_desktop.services import quarantine_list
from inburg_desktop.storage.changes import now
from inburg_desktop.storage.sync_state import OFFICE_REFUSED, add_quarantine
from inburg_desktop.storage.tables import QuarantineRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.quarantine_view import QuarantineView

from ..conftest import LiveServer
from ..sync.test_laptops_office import HANDOVER, enroll_vault, new_consultant, sync

WAIT_MS = 30_000
KEY = "intake.motivatie.beroepswens"


def _entries(vault: OpenVault, case: str) -> None:
    """Two entries of ``case``: one whose reason holds an escape character (a code the
    office once answered with), one set aside six years ago."""
    with vault.transaction() as session:
        add_quarantine(session, "push", case, {KEY: "verpleegkundige"}, "geweigerd\x1b[2J")
        add_quarantine(session, "push", case, {KEY: "kok"}, "case_not_found")
        old = session.scalars(select(QuarantineRow).order_by(QuarantineRow.id.desc())).first()
        assert old is not None
        old.created_at = now() - timedelta(days=6 * 365)


def test_an_entry_refused_for_its_moment_is_kept_said_and_sent_again(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("geweigerd")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    _entries(vault, case)
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 2 and view.tasks.pending == 0)

    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Naar kantoor gestuurd" in view.message.text(), timeout=WAIT_MS)
    said = view.message.text()
    # attack round 6 #11: a refusal for the moment (older than the office keeps, or the
    # laptop's clock ahead) is not a refusal for good: said so, and sent again next time
    assert "1 onderdeel" in said and "nu niet aan" in said
    assert "volgende keer opnieuw verstuurd" in said and "niet opnieuw verstuurd" not in said
    (held,) = [r for r in list_set_aside(office) if r["consultant"] == consultant]
    # the reason went as the office takes it: the escape character as its code point
    assert "<U+001B>[2J" in held["reason"] and "\x1b" not in held["reason"]
    assert held["fields"] == {KEY: "verpleegkundige"}

    qtbot.waitUntil(lambda: view.tasks.pending == 0 and view.items.count() == 2)
    texts = [view.items.item(row).text() for row in range(2)]
    assert not any("Niet aangenomen" in text for text in texts)
    later_row = next(row for row, text in enumerate(texts) if "gestuurd op" not in text)
    assert "Niet naar kantoor verstuurd" in texts[later_row]
    assert not [e for e in quarantine_list.load(vault).entries if OFFICE_REFUSED in e.detail]

    # sent again: the entry goes again (and is refused for its moment again)
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "nu niet aan" in view.message.text() and view.tasks.pending == 0,
        timeout=WAIT_MS,
    )
    assert len([r for r in list_set_aside(office) if r["consultant"] == consultant]) == 1
