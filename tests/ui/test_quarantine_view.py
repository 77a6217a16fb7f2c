"""The list of what sync set aside (pytest-qt, offscreen) against a real office server: a
sync sets aside a note too large for the office and a case from the office without its
identity; the sync window says so and opens the list; each entry says in words which case,
when, which way and why; the export is written where the consultant chooses, owner-only,
with the values the office needs; the main window's menu opens the same list."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.case_label import case_number
from inburg_desktop.server.db import Database
from inburg_desktop.services.quarantine_list import QuarantineEntry
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncSummary
from inburg_desktop.sync.quarantine import EXPORT_FORMAT
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.quarantine_view import QuarantineView
from inburg_desktop.ui.sync_window import SyncWindow

from ..conftest import LiveServer
from ..sync.test_laptops_office import enroll_vault, new_consultant
from ..sync.test_sync_quarantine import CANARY, IDENTITY, old_edit, plant_office_case

WAIT_MS = 30_000


@pytest.fixture
def troubled(vault: OpenVault, server: LiveServer, office: Database) -> tuple[OpenVault, str, str]:
    """An enrolled laptop with a 275 KB note in its outbox; at the office, a case of its
    caseload without identity fields."""
    consultant = new_consultant("lijst")
    with vault.transaction() as session:
        (mine,) = add_demo_cases(session, 1)
    note = f"Gezondheid {CANARY}\n" + "uitgebreid verslag " * 15_000
    old_edit(vault, mine, {"intake.fysieke_gezondheid.notes": note})
    faulty = plant_office_case(office, consultant, {"intake.werk.notes": "alleen een notitie"})
    enroll_vault(vault, server.url, office, consultant)
    return vault, mine, faulty


def entry_texts(view: QuarantineView) -> list[tuple[str, str, str]]:
    out = []
    for row in range(view.items.count()):
        view.items.setCurrentRow(row)
        out.append((view.title.text(), view.when.text(), view.reason.text()))
    return out


def test_the_sync_window_counts_and_opens_the_list_and_the_list_exports(
    qtbot: QtBot,
    troubled: tuple[OpenVault, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vault, mine, faulty = troubled
    window = SyncWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.sync_button.isEnabled())  # the state is read off-thread
    assert not window.quarantine_button.isEnabled()
    with qtbot.waitSignal(window.synced, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    summary = blocker.args[0]
    assert isinstance(summary, SyncSummary)
    assert summary.quarantined == 2 and summary.quarantine_open == 2
    assert "2 wijzigingen konden niet naar kantoor of niet van kantoor" in window.outcome.text()
    assert window.quarantine_button.isEnabled()
    assert "(2)" in window.quarantine_button.text()

    qtbot.mouseClick(window.quarantine_button, Qt.MouseButton.LeftButton)
    view = window.quarantine_view
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: view.items.count() == 2)  # read off the GUI thread
    texts = entry_texts(view)
    by_way = {title.split(" — ")[1]: (title, when, why) for title, when, why in texts}
    sent_title, sent_when, sent_why = by_way["Niet naar kantoor verstuurd"]
    assert sent_when.startswith("Apart gezet op ")
    assert sent_why.startswith("Lichamelijke gezondheid: Aantekeningen van de consulent: te groot")
    assert "hoogstens 256 kB" in sent_why and "Maak de tekst korter" in sent_why
    got_title, _when, got_why = by_way["Niet van kantoor verwerkt"]
    assert got_title.startswith(f"Dossier {case_number(faulty)} (niet op deze laptop)")
    assert "zonder bruikbare persoonsgegevens" in got_why and "Achternaam" in got_why
    for _title, _when2, why in texts:
        assert "Traceback" not in why and "Error" not in why and CANARY not in why
    # The values are shown (a preview of the long note).
    view.items.setCurrentRow([t[0] for t in texts].index(sent_title))
    assert CANARY in view.values.toPlainText()
    assert "in de export" in view.values.toPlainText()

    target = tmp_path / "naar-kantoor" / "apart-gezet.json"
    target.parent.mkdir()
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_args: target)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.message.text() != "")  # written off the GUI thread
    assert "Opgeslagen als apart-gezet.json (2 onderdelen)" in view.message.text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == EXPORT_FORMAT
    assert document["consultant"].startswith("lijst-")
    entries = {e["case_id"]: e for e in document["entries"]}
    assert entries[mine]["direction"] == "push" and entries[mine]["error"] == "too_large"
    assert entries[mine]["fields"]["intake.fysieke_gezondheid.notes"].startswith(
        f"Gezondheid {CANARY}"
    )
    assert "te groot" in entries[mine]["reason"]
    assert entries[faulty]["direction"] == "pull"
    assert entries[faulty]["fields"] == {"intake.werk.notes": "alleen een notitie"}


def test_an_export_that_cannot_be_written_says_so_in_words(
    qtbot: QtBot,
    troubled: tuple[OpenVault, str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vault, _mine, _faulty = troubled
    from ..sync.test_laptops_office import sync

    sync(vault)
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 2)
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_args: tmp_path / "nergens" / "x")
    (tmp_path / "nergens").write_text("een bestand, geen map")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.message.text() != "")
    assert f"De map {tmp_path / 'nergens'} bestaat niet" in view.message.text()
    assert "Traceback" not in view.message.text()
    # A pipe (or device) under the chosen name is refused and left as it was (attack
    # round 4: os.replace put the export in its place).
    fifo = tmp_path / "pijp.txt"
    os.mkfifo(fifo)
    view.message.clear_message()
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_args: fifo)
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "geen gewoon bestand" in view.message.text())
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_the_main_window_menu_opens_the_list(
    qtbot: QtBot, vault: OpenVault, server: LiveServer, office: Database
) -> None:
    consultant = new_consultant("menu")
    plant_office_case(office, consultant, {**IDENTITY, "dates.koppeling": "2026-02-31"})
    enroll_vault(vault, server.url, office, consultant)
    from ..sync.test_laptops_office import sync

    assert sync(vault).quarantined == 1
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.quarantine_action.trigger()
    view = window.quarantine_view
    assert isinstance(view, QuarantineView) and view.isVisible()
    qtbot.waitUntil(lambda: view.items.count() == 1)
    assert "Koppeling kwam van kantoor met geen geldige datum" in view.reason.text()
    assert "Tesfay" in view.title.text()  # the case is here, only the bad date stayed out


def test_an_empty_list_says_so(qtbot: QtBot, vault: OpenVault) -> None:
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded):
        view.show()
    assert view.items.count() == 0
    assert view.empty.isVisible() and view.empty.text() == "Er is niets apart gezet."
    assert not view.export_button.isEnabled()


def test_the_export_can_be_a_text_to_read(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inburg_desktop.storage.sync_state import add_quarantine
    from inburg_desktop.sync.caseload_exit import CASE_LABEL, LEFT_CASELOAD

    with vault.transaction() as session:
        add_quarantine(
            session,
            "push",
            "c1",
            {"intake.opleiding.notes": "Eerste regel.\nTweede regel."},
            LEFT_CASELOAD,
            field_keys=["intake.opleiding.notes"],
            detail={"what": "change", CASE_LABEL: "Amal Haddad (V 1234567890)"},
        )
    target = tmp_path / "apart-gezet.txt"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *_args: target)
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
    view.export()
    qtbot.waitUntil(lambda: target.exists() and view.tasks.pending == 0)
    text = target.read_text(encoding="utf-8")
    assert "1. Amal Haddad (V 1234567890) — Niet naar kantoor verstuurd" in text
    assert "Opleiding: Aantekeningen van de consulent:" in text
    assert "      Eerste regel.\n      Tweede regel." in text
    assert "{" not in text  # words, not JSON
    assert target.stat().st_mode & 0o077 == 0  # owner-only


def test_discussed_moments_read_as_dates_and_times() -> None:
    from datetime import datetime

    from inburg_desktop.ui.quarantine_view import entry_lines

    entry = QuarantineEntry(
        1,
        "push",
        "case-1",
        "case_not_found",
        datetime(2026, 11, 30),
        values={
            "intake.werk._discussed": ["2026-11-23T10:00", "2026-11-24T09:30"],
            "other": {"a": 1},
        },
    )
    first, second = entry_lines(entry, str)
    assert "[" not in first and "T10:00" not in first
    assert "2026" in first and "10:00" in first and "09:30" in first
    assert second == "other – a: 1"  # other values in words too, never as JSON


def test_the_text_follows_where_each_entry_stands(qtbot: QtBot, vault: OpenVault) -> None:
    """Usability round 6 #11: after "Naar kantoor sturen" the header said sent but the body
    still told the consultant to export it and hand it over. Each state says its own next
    step: kept here (send or export), sent on a day (nothing left to do), refused by the
    office for good (why, and export it)."""
    from datetime import datetime

    from inburg_desktop.storage.sync_state import (
        add_quarantine,
        mark_quarantine_refused,
        mark_quarantine_sent,
        quarantine,
    )

    with vault.transaction() as session:
        (case,) = add_demo_cases(session, 1)
        for words in ("hier", "verstuurd", "geweigerd"):
            add_quarantine(
                session, "push", case, {"intake.werk.notes": words}, "case_left_caseload"
            )
    with vault.transaction() as session:
        ids = {e.values["intake.werk.notes"]: e.id for e in quarantine(session)}
        mark_quarantine_sent(session, [ids["verstuurd"]], datetime(2026, 11, 30, 14, 5))
        mark_quarantine_refused(
            session, ids["geweigerd"], "invalid_set_aside_label", datetime(2026, 11, 30)
        )
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 3 and view.tasks.pending == 0)
    by_value = {}
    for row in range(3):
        view.items.setCurrentRow(row)
        by_value[view.values.toPlainText().rsplit(": ", 1)[-1]] = (
            view.items.currentItem().text(),
            view.reason.text(),
        )

    listed, kept = by_value["hier"]
    assert "Niet naar kantoor verstuurd" in listed
    assert "‘Naar kantoor sturen’" in kept and "exporteer het en geef de export" in kept

    listed, sent = by_value["verstuurd"]
    assert "Naar kantoor gestuurd op" in listed
    assert "Naar kantoor gestuurd op 30" in sent and "u hoeft het niet meer te exporteren" in sent
    assert "exporteer het en geef" not in sent and "exporteer haar" not in sent

    listed, refused = by_value["geweigerd"]
    assert "Niet aangenomen door kantoor" in listed
    assert "Het kantoor nam dit niet aan" in refused and "naam van een gegeven" in refused
    assert "Naar kantoor sturen" not in refused and "gestuurd op" not in refused
