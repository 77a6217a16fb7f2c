"""The case list: filter by typing, import (menu and drag-and-drop), errors in words,
auto-lock after idle time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.cases import iter_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.unlock_window import UnlockWindow

HANDOVER: dict[str, Any] = {
    "format": "inburg-handover/1",
    "person": {
        "given_names": "Selam",
        "family_name": "Berhane",
        "date_of_birth": "1997-01-09",
        "nationality": "ERI",
        "languages": ["ti"],
    },
    "doelgroep": "statushouder",
    "dates": {"brp_registration": "2026-10-01"},
}


@pytest.fixture
def demo_vault(vault: OpenVault) -> OpenVault:
    with vault.transaction() as session:
        add_demo_cases(session, 12)
    return vault


def open_main(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    return window


def test_search_filters_as_you_type(qtbot: QtBot, demo_vault: OpenVault) -> None:
    window = open_main(qtbot, demo_vault)
    assert window.proxy.rowCount() == 12
    qtbot.keyClicks(window.search, "yildiz")  # no dotless ı typed: still finds Yıldız
    assert window.proxy.rowCount() == 1
    assert window.selected_row() is None
    assert "Yıldız" in window.proxy.index(0, 0).data()
    window.search.clear()
    qtbot.keyClicks(window.search, "haddad")
    assert window.proxy.rowCount() == 2  # Amal and Rami
    window.search.clear()
    qtbot.keyClicks(window.search, "ERI ti")  # nationality and language words together
    assert window.proxy.rowCount() >= 2
    window.search.clear()
    assert window.proxy.rowCount() == 12


def test_deadline_badges_show(qtbot: QtBot, demo_vault: OpenVault) -> None:
    window = open_main(qtbot, demo_vault)
    texts = [window.model.index(r, 3).data() for r in range(window.model.rowCount())]
    assert any("te laat" in t for t in texts)
    assert any("binnen 2 weken" in t for t in texts)


def test_import_from_the_menu_and_by_drag_and_drop(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    assert window.empty_hint.isVisible() or window.model.rowCount() == 0
    good = tmp_path / "selam.json"
    good.write_text(json.dumps(HANDOVER))
    monkeypatch.setattr(dialogs, "choose_open_file", lambda *a: good)
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    assert "Berhane" in window.notice.text()

    second = dict(HANDOVER, person=dict(HANDOVER["person"], given_names="Ruta"))
    dropped = tmp_path / "ruta.json"
    dropped.write_text(json.dumps(second))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)


def test_a_bad_file_is_explained_and_changes_nothing(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path
) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    bad = tmp_path / "kapot.json"
    doc = json.loads(json.dumps(HANDOVER))
    doc["person"]["date_of_birth"] = "31-02-1997"
    bad.write_text(json.dumps(doc))
    window.import_file(bad)
    qtbot.waitUntil(lambda: window.tasks.pending == 0)  # imported off the GUI thread
    assert window.notice.isVisible() and window.notice.kind == "error"
    assert "person.date_of_birth" in window.notice.text()
    assert "niets gewijzigd" in window.notice.text()
    with vault.session() as session:
        assert list(iter_cases(session)) == []


def test_auto_lock_after_idle_time(qtbot: QtBot, demo_vault: OpenVault) -> None:
    settings = AppSettings(idle_minutes=0.02)  # 1.2 s, shortened for the test
    controller = AppController(demo_vault.path, settings)
    controller.on_unlocked(demo_vault)
    main = controller.main_window
    assert main is not None and main.isVisible()
    qtbot.waitUntil(lambda: controller.unlock_window is not None, timeout=10_000)
    assert demo_vault.locked
    assert controller.vault is None
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert all(isinstance(w, UnlockWindow) for w in visible)
    assert controller.unlock_window is not None
    controller.unlock_window.close()


def test_idle_counts_wall_clock_so_sleep_counts(qtbot: QtBot) -> None:
    from inburg_desktop.ui.idle_lock import IdleWatcher

    now = [1000.0]
    watcher = IdleWatcher(5, clock=lambda: now[0])
    watcher.start()
    with qtbot.assertNotEmitted(watcher.idle):
        now[0] += 4 * 60
        watcher.check()
    with qtbot.waitSignal(watcher.idle, timeout=1000):
        now[0] += 61  # e.g. the lid was closed: the wall clock moved on
        watcher.check()


def test_booklet_export_writes_where_the_consultant_chose(
    qtbot: QtBot, vault: OpenVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    target = tmp_path / "boekje-ti.pdf"
    monkeypatch.setattr(dialogs, "choose_save_file", lambda *a: target)
    window.export_booklet("ti")
    qtbot.waitUntil(lambda: "opgeslagen" in window.notice.text(), timeout=20_000)
    assert target.read_bytes().startswith(b"%PDF")


def test_an_empty_list_on_an_enrolled_laptop_says_to_sync_not_to_import(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Usability round 3: an enrolled laptop with no cases said to import a handover file;
    its cases come from the office. A laptop not enrolled still says to import."""
    from inburg_desktop.storage.sync_state import Enrollment, save_enrollment

    fresh = MainWindow(vault)
    qtbot.addWidget(fresh)
    fresh.show()
    qtbot.waitUntil(lambda: fresh.tasks.pending == 0)
    assert "Importeer een overdrachtsbestand" in fresh.empty_hint.text()

    with vault.transaction() as session:
        save_enrollment(session, Enrollment("https://kantoor.example", "d1", "consulent", "a2V5"))
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "Synchroniseer met kantoor" in window.empty_hint.text())
    assert window.empty_hint.isVisible()
    assert "Importeer" not in window.empty_hint.text()


def test_switching_the_language_keeps_the_search(
    qtbot: QtBot, demo_vault: OpenVault, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Usability round 3: switching to English emptied the case list's search field."""
    from inburg_desktop.ui.app import use_language

    monkeypatch.setattr(AppSettings, "save", lambda self: None)  # no settings file written
    controller = AppController(demo_vault.path, AppSettings())
    controller.on_unlocked(demo_vault)
    old = controller.main_window
    assert old is not None
    qtbot.waitUntil(lambda: old.model.rowCount() > 0, timeout=10_000)
    qtbot.keyClicks(old.search, "haddad")
    try:
        controller.change_language("en")
        new = controller.main_window
        assert new is not None and new is not old
        qtbot.addWidget(new)
        assert new.search.text() == "haddad"
        assert new.windowTitle() != "" and new.search.accessibleName() == "Search the cases"
    finally:
        use_language("nl")
        controller.lock()
        if controller.unlock_window is not None:
            controller.unlock_window.close()
