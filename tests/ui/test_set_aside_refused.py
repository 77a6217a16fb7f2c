"""A set-aside entry the office refuses for what it holds (issue 13, hardening leftovers;
attack round 4): the laptop sends its words as the office takes them (a control character
in the reason shown as its code point), and an entry the office still refuses (422: a
moment older than the office keeps) is kept here, shown under "Apart gezet" in words, and
not sent again; the other entries of the same list reach the office. Real window, real
vault, real office server."""

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


def test_a_refused_entry_is_kept_shown_in_words_and_not_sent_again(
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
    assert "1 onderdeel" in said and "niet aan om wat erin staat" in said
    assert "niet opnieuw verstuurd" in said
    (held,) = [r for r in list_set_aside(office) if r["consultant"] == consultant]
    # the reason went as the office takes it: the escape character as its code point
    assert "<U+001B>[2J" in held["reason"] and "\x1b" not in held["reason"]
    assert held["fields"] == {KEY: "verpleegkundige"}

    # the refused entry says so in the list and in words when chosen
    qtbot.waitUntil(lambda: view.tasks.pending == 0 and view.items.count() == 2)
    texts = [view.items.item(row).text() for row in range(2)]
    refused_row = next(row for row, text in enumerate(texts) if "Niet aangenomen" in text)
    assert "Naar kantoor gestuurd op" in texts[1 - refused_row]
    view.items.setCurrentRow(refused_row)
    shown = view.reason.text()
    assert "Het kantoor nam dit niet aan" in shown and "tijdstip" in shown
    assert "wordt niet opnieuw verstuurd" in shown and "invalid_set_aside_at" not in shown
    (kept,) = [e for e in quarantine_list.load(vault).entries if OFFICE_REFUSED in e.detail]
    assert kept.values == {KEY: "kok"}  # kept whole here
    assert kept.sent_at is None

    # sent again: the refused entry is not sent, and said so; nothing new at the office
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "eerder niet aan" in view.message.text() and view.tasks.pending == 0,
        timeout=WAIT_MS,
    )
    assert len([r for r in list_set_aside(office) if r["consultant"] == consultant]) == 1
