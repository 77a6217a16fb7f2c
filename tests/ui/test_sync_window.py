"""The sync window and the conflict view (pytest-qt, offscreen) against a real office server:
enroll through the form with a code from the office, sync with progress and a summary, an
error in words when the server is down, cancel, and a conflict resolved side by side that
syncs back to the other laptop."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.formatting import format_number
from inburg_desktop.protocol import messages as protocol
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import consulent
from inburg_desktop.services.sync_round import RoundReport
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.sync_state import conflicts, enrollment
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync import engine as engine_module
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.sync_window import SyncWindow

from ..conftest import LiveServer
from ..fault_points import FaultPoints
from ..sync.test_laptops_office import (
    HANDOVER,
    case_ids,
    enroll_vault,
    make_vault,
    new_consultant,
    office_conflicts,
    office_fields,
    office_op_ids,
    ops_written,
    outbox_size,
    sync,
    vault_fields,
)

WAIT_MS = 30_000


def open_window(qtbot: QtBot, vault: OpenVault) -> SyncWindow:
    window = SyncWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None)  # read off the GUI thread
    return window


def click_sync(qtbot: QtBot, window: SyncWindow) -> RoundReport:
    with qtbot.waitSignal(window.synced, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    summary = blocker.args[0]
    assert isinstance(summary, RoundReport)
    return summary


def test_enroll_through_the_form_then_sync_with_progress_and_summary(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("venster")
    at_office = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    with vault.transaction() as session:
        mine = set(add_demo_cases(session, 3))
    pending = outbox_size(vault)
    window = open_window(qtbot, vault)
    assert window.enroll_box.isVisible()
    assert not window.sync_button.isEnabled()

    code, _ = admin.create_enrollment_code(office, consultant)
    qtbot.keyClicks(window.server, server.url)
    qtbot.keyClicks(window.code, code)
    assert window.enroll_button.isDefault()  # Enter in the code field enrolls
    # the name every PIP carries is asked before enrolling (issue 13 item 6)
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    assert "Vul uw naam in" in window.outcome.text() and window.enroll_box.isVisible()
    qtbot.keyClicks(window.consulent_name, consultant.upper())  # the same name
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: consultant in window.outcome.text(), timeout=WAIT_MS)
    assert consulent.read(vault).naam == consultant.upper()  # as typed
    # the same name in another form is kept, and said (attack round 8, finding 12)
    assert (
        f"Het kantoor schrijft uw naam als {consultant}, deze laptop als {consultant.upper()}."
        in window.outcome.text()
    )
    assert window.outcome.kind == "info"
    assert not window.enroll_box.isVisible()
    assert window.sync_button.isEnabled()
    # issue 13 item 11: the next step is the default button and has the keyboard
    assert window.sync_button.isDefault() and not window.enroll_button.isDefault()
    assert window.focusWidget() is window.sync_button
    assert consultant in window.status.text() and "nog nooit" in window.status.text()
    with vault.session() as session:
        enrolled = enrollment(session)
    assert enrolled is not None and enrolled.server_url == server.url

    formats: list[str] = []
    window.progress.valueChanged.connect(lambda _v: formats.append(window.progress.format()))
    with qtbot.waitSignal(window.synced, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_Return)  # Enter: "Nu synchroniseren"
    summary = blocker.args[0]
    assert isinstance(summary, RoundReport)
    assert window.conflicts_button.isHidden()  # no conflicts: nothing to open
    # Pulled: the office's import; the laptop's own three do not come back (issue 14).
    assert summary.pushed == pending and summary.pulled == 1
    assert any(f.startswith("Versturen") for f in formats)
    assert window.progress.format().startswith("Ophalen")  # the last stage, finished
    assert window.progress.value() == window.progress.maximum()
    assert "kB verplaatst" in window.bytes_label.text()
    outcome = window.outcome.text()
    # counted as the consultant reads it: fields of the three cases, the office's one
    assert summary.cases_sent == 3 and summary.cases_new == 1 and summary.fields_sent > 3
    sent = format_number(summary.fields_sent)
    said = f"{sent} wijzigingen verstuurd in 3 dossiers. 1 nieuw dossier van het kantoor."
    assert said in outcome
    assert "kB verstuurd en ontvangen" in outcome
    assert "nog nooit" not in window.status.text()
    assert window.sync_button.isEnabled() and not window.cancel_button.isEnabled()
    assert case_ids(vault) == mine | {at_office}
    assert office_op_ids(office, enrolled.device_id) == list(range(1, pending + 1))
    for case_id in mine | {at_office}:
        assert office_fields(office, case_id) == vault_fields(vault, case_id)


def test_a_code_made_for_another_consultant_makes_one_name_and_says_so(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """Usability round 4 (146/147): "Uw naam" Piet Jansen, a code made for Sanne: the
    window said "Ingeschreven voor Sanne" while every PIP would still name Piet."""
    consultant = new_consultant("Sanne")
    code, _ = admin.create_enrollment_code(office, consultant)
    window = open_window(qtbot, vault)
    qtbot.keyClicks(window.server, server.url)
    qtbot.keyClicks(window.code, code)
    qtbot.keyClicks(window.consulent_name, "Piet Jansen")
    qtbot.mouseClick(window.enroll_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.enroll_box.isVisible(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Piet Jansen" in window.outcome.text(), timeout=WAIT_MS)
    said = window.outcome.text()
    assert f"Ingeschreven voor {consultant}." in said
    assert f"uw naam als consulent op elk PIP is nu {consultant}" in said
    assert "Instellingen → Mijn naam als consulent" in said
    assert window.outcome.kind == "warning"
    assert consulent.read(vault).naam == consultant


def test_enter_or_space_right_after_opening_syncs_and_never_closes(
    qtbot: QtBot, db_url: str, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    """Usability round 2: Enter or Space right after Ctrl+Shift+S closed the window (the
    focused "Sluiten") without syncing, while "Nu synchroniseren" looked like the default."""
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs")
    live.start()
    try:
        enroll_vault(vault, live.url, office, new_consultant("toetsen"))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
            window = open_window(qtbot, vault)
            target = QApplication.focusWidget() or window
            with qtbot.waitSignal(window.synced, timeout=WAIT_MS):
                qtbot.keyClick(target, key)
            assert window.isVisible()
            window.close()
    finally:
        live.stop()


def test_server_down_is_said_in_words(
    qtbot: QtBot, db_url: str, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs")
    live.start()
    try:
        enroll_vault(vault, live.url, office, new_consultant("weg"))
    finally:
        live.kill()
    with vault.transaction() as session:
        add_demo_cases(session, 1)
    pending = outbox_size(vault)
    window = open_window(qtbot, vault)
    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    assert "u kunt gewoon doorwerken" in window.outcome.text()
    qtbot.waitUntil(lambda: "niet bereikbaar" in window.outcome.text(), timeout=WAIT_MS)
    assert "uw werk staat veilig op deze laptop" in window.outcome.text()
    # the progress says the round stopped (usability round 4, 105: "Versturen: 0%" stayed)
    assert "mislukt" in window.progress.format().lower()
    assert window.progress.text() != "Versturen: 0%"
    assert window.sync_button.isEnabled() and not window.cancel_button.isEnabled()
    assert outbox_size(vault) == pending


def test_cancel_stops_between_batches_and_the_next_sync_finishes(
    qtbot: QtBot,
    db_url: str,
    office: Database,
    vault: OpenVault,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Cancel is clicked while the office holds the second batch (a fault point keeps the
    server there, so the click cannot come too late): that batch completes, the third is
    never sent."""
    monkeypatch.setattr(
        engine_module, "batches", functools.partial(protocol.batches, max_bytes=2_000)
    )
    points = FaultPoints()
    live = LiveServer(db_url=db_url, log_dir=tmp_path / "logs", fault_points=points)
    live.start()
    try:
        device = enroll_vault(vault, live.url, office, new_consultant("stop"))
        with vault.transaction() as session:
            (case,) = add_demo_cases(session, 1)
        for n in range(30):
            with vault.transaction() as session:
                update_fields(session, case, {f"intake.notitie.{n}": "tekst " * 200})
        window = open_window(qtbot, vault)
        second = points.stop_at("push.begin", nth=2)
        qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
        assert window.cancel_button.isEnabled()
        qtbot.waitUntil(second.held.is_set, timeout=WAIT_MS)
        qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
        second.release()
        qtbot.waitUntil(lambda: "afgebroken" in window.outcome.text(), timeout=WAIT_MS)
        assert window.sync_button.isEnabled() and not window.cancel_button.isEnabled()
        # Stopped after the second batch: it is acknowledged, the rest waits; nothing lost.
        _first, last = second.numbers
        assert [p for p in points.points() if p == "push.begin"] == ["push.begin"] * 2
        assert office_op_ids(office, device) == list(range(1, last + 1))
        left = outbox_size(vault)
        assert left == ops_written(vault) - last > 0
        summary = click_sync(qtbot, window)
        assert summary.pushed == left
        assert outbox_size(vault) == 0
        assert office_op_ids(office, device) == list(range(1, ops_written(vault) + 1))
        assert office_fields(office, case) == vault_fields(vault, case)
    finally:
        live.kill()
        points.close()


def test_conflict_resolved_in_the_view_syncs_back_to_the_other_laptop(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    consultant = new_consultant("conflict")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    other = make_vault(tmp_path / "andere-laptop" / "kluis.db")
    try:
        enroll_vault(vault, server.url, office, consultant)
        enroll_vault(other, server.url, office, consultant)
        sync(vault)
        sync(other)
        key = "intake.werk.notes"
        with other.transaction() as session:
            update_fields(session, case, {key: "kok in Aleppo"})
        with vault.transaction() as session:
            update_fields(session, case, {key: "kok, 8 jaar"})
        sync(other)
        window = open_window(qtbot, vault)
        summary = click_sync(qtbot, window)
        assert summary.conflicts == 1
        assert "1 veld is op twee plaatsen verschillend gewijzigd" in window.outcome.text()
        # issue 13 item 11: the summary opens the conflicts directly (Enter)
        assert not window.conflicts_button.isHidden() and window.conflicts_button.isDefault()
        assert window.focusWidget() is window.conflicts_button
        with qtbot.waitSignal(window.conflicts_requested, timeout=WAIT_MS):
            qtbot.keyClick(window, Qt.Key.Key_Return)

        view = ConflictView(vault)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.items.count() == 1)  # read off the GUI thread
        assert "Haddad" in view.items.item(0).text()
        assert view.office.toPlainText() == "kok in Aleppo"
        assert view.laptop.toPlainText() == "kok, 8 jaar"
        view.merged.setPlainText("kok in Aleppo, 8 jaar")
        with qtbot.waitSignal(view.resolved, timeout=WAIT_MS) as resolved:
            qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
        assert resolved.args == [case]
        qtbot.waitUntil(lambda: view.tasks.pending == 0)
        assert view.items.count() == 0 and view.empty.isVisible()

        settled = click_sync(qtbot, window)
        assert settled.conflicts == 0 and settled.resolutions_sent == 1
        # usability round 4 #6: the round says the choice went and settled the conflict
        assert (
            "Uw keuze in 1 conflict is verstuurd; het conflict is nu ook op kantoor opgelost."
            in window.outcome.text()
        )
        assert office_conflicts(office, case) == []
        assert office_fields(office, case)[key] == "kok in Aleppo, 8 jaar"
        assert sync(other).conflicts == 0
        with other.session() as session:
            assert conflicts(session) == []
        assert vault_fields(other, case)[key] == "kok in Aleppo, 8 jaar"
        assert vault_fields(vault, case) == vault_fields(other, case) == office_fields(office, case)
    finally:
        other.lock()


def test_an_intake_screen_opened_before_a_sync_never_overwrites_the_office_silently(
    qtbot: QtBot, server: LiveServer, office: Database, vault: OpenVault
) -> None:
    """The office changes a field while the consultant has the intake open; the sync pulls
    it, the screen still shows the old value, the consultant types over it: the vault and
    the office keep the office's value and both are kept as a conflict on this laptop (the
    write is checked against the vault before anything goes out, ``storage.stale_writes``).
    A screen opened after the sync edits the same way without any conflict."""
    consultant = new_consultant("scherm")
    with vault.transaction() as session:
        (case,) = add_demo_cases(session, 1)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    key, typed, office_value = "intake.motivatie.beroepswens", "Kok", "Verpleegkundige"

    window = IntakeWindow(vault, case)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    admin.edit_case(office, case, {key: office_value})
    sync(vault)  # pulled while the screen still shows the earlier value
    assert vault_fields(vault, case)[key] == office_value
    window.show_topic("motivatie")
    assert window.panel is not None
    editor = window.panel.editors["beroepswens"].focus_target()
    assert isinstance(editor, QLineEdit) and editor.text() != office_value
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    window.autosave.flush()

    summary = sync(vault)
    assert summary.conflicts == 1
    with vault.session() as session:
        found = [(c.field_key, c.office_value, c.laptop_value) for c in conflicts(session)]
    assert found == [(key, office_value, typed)]
    assert office_fields(office, case)[key] == office_value
    assert vault_fields(vault, case)[key] == office_value
    assert office_conflicts(office, case) == []  # kept here until the consultant chooses

    # After this sync a newly opened screen shows the office's values: no conflict.
    other = "intake.motivatie.interesses"
    admin.edit_case(office, case, {other: "Tuinieren"})
    sync(vault)
    fresh = IntakeWindow(vault, case)
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitUntil(lambda: fresh.stored is not None)
    fresh.show_topic("motivatie")
    assert fresh.panel is not None
    field = fresh.panel.editors["interesses"].focus_target()
    assert isinstance(field, QPlainTextEdit | QLineEdit)
    shown = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
    assert shown == "Tuinieren"
    field.selectAll()
    qtbot.keyClicks(field, "Tuinieren en koken")
    fresh.autosave.flush()
    assert sync(vault).conflicts == 1  # only the earlier one, still open
    assert office_fields(office, case)[other] == "Tuinieren en koken"
    with vault.session() as session:
        assert [(c.field_key, c.laptop_value) for c in conflicts(session)] == [(key, typed)]
