"""The app's own keys work from every window (usability round 3, finding 12):
Ctrl+Shift+S did nothing in the intake window, only in the case list; a second
Ctrl+Shift+S while the sync window was open gave no answer; and a round ran that the
tester had not started. Real windows, real keys (pytest-qt)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.services import sync_round
from inburg_desktop.services.sync_round import RoundReport
from inburg_desktop.storage.sync_state import Enrollment, save_enrollment
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.shortcut_overview import shortcut_rows
from inburg_desktop.ui.sync_window import SyncWindow

from .every_window import every_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
# Windows that stand beside the case list; the rest (Dossiergegevens, Nieuw dossier, the
# letterhead, ...) are modal dialogs in the app, where the case list waits for them.
BESIDE = (
    "MainWindow",
    "IntakeWindow[",
    "PipEditorWindow[",
    "SyncWindow",
    "ConflictView",
    "QuarantineView",
    "InterpreterWindow",
)


def _activate(qtbot: QtBot, window: QWidget) -> None:
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def _main() -> MainWindow:
    """The case list that is open (every_window opens one)."""
    (main,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    return main


def test_sync_lock_and_quit_keys_work_from_every_window(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Ctrl+Q too (usability round 8, finding 1: Ctrl+Q did nothing in the intake)."""
    checked: list[str] = []
    locks: list[bool] = []
    quits: list[bool] = []
    seen: set[int] = set()
    for shown in every_window(qtbot, vault, vault_path):
        if not shown.name.startswith(BESIDE) or id(shown.window) in seen:
            continue  # each window once (the intake is shown per topic, the PIP per tab)
        seen.add(id(shown.window))
        main = _main()
        if not locks:
            main.lock_requested.connect(lambda: locks.append(True))
            # counted, not carried out: the walk goes on with the next window
            main.quit_action.triggered.disconnect(main.quit_app)
            main.quit_action.triggered.connect(lambda: quits.append(True))
        if main.sync_window is not None:
            main.sync_window.close()
        _activate(qtbot, shown.window)
        qtbot.keyClick(shown.window, Qt.Key.Key_S, CTRL_SHIFT)
        assert main.sync_window is not None and main.sync_window.isVisible(), shown.name
        if shown.window is not main.sync_window:
            main.sync_window.close()
            _activate(qtbot, shown.window)
        before = len(locks)
        qtbot.keyClick(shown.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        # exactly once: a window binding Ctrl+L itself as well makes the key ambiguous
        assert len(locks) == before + 1, shown.name
        before = len(quits)
        qtbot.keyClick(shown.window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        assert len(quits) == before + 1, shown.name
        checked.append(shown.name.split("[")[0])
    assert set(checked) == {name.rstrip("[") for name in BESIDE}


def test_the_shortcut_overview_of_a_window_lists_the_app_keys(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    for shown in every_window(qtbot, vault, vault_path):
        if shown.name.startswith("IntakeWindow["):
            rows = {row.description: row.keys for row in shortcut_rows(shown.window)}
            assert rows["Synchroniseren met kantoor…"] == "Ctrl+Shift+S"
            assert rows["Vergrendelen"] == "Ctrl+L"
            # and the intake's menu offers both, with its own mnemonics
            assert isinstance(shown.window, QMainWindow)
            menu = shown.window.menuBar().actions()[0].menu()
            assert isinstance(menu, QMenu)
            texts = [a.text() for a in menu.actions()]
            assert "Synchroniseren met &kantoor…\tCtrl+Shift+S" in texts
            assert "Vergrende&len\tCtrl+L" in texts
            return
    pytest.fail("no intake window")


def test_a_second_ctrl_shift_s_raises_the_sync_window_and_says_where_it_stands(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    with vault.transaction() as session:
        save_enrollment(session, Enrollment("https://kantoor.test", "deze-laptop", "c", "k"))
    release = threading.Event()
    rounds: list[int] = []

    def fake_sync(*_args: object, **_kwargs: object) -> RoundReport:
        # the round itself is tested against a real office elsewhere; here: the window
        rounds.append(1)
        release.wait(30)
        return RoundReport(fields_sent=2, cases_sent=1)

    monkeypatch.setattr(sync_round, "sync", fake_sync)
    main = MainWindow(vault)
    qtbot.addWidget(main)
    main.show()
    _activate(qtbot, main)
    qtbot.keyClick(main, Qt.Key.Key_S, CTRL_SHIFT)
    window = main.sync_window
    assert isinstance(window, SyncWindow)
    qtbot.waitUntil(lambda: window.sync_button.isEnabled(), timeout=10_000)

    # pressed again from the case list before any round: raised, and said so
    _activate(qtbot, main)
    qtbot.keyClick(main, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    assert "er loopt geen synchronisatie" in window.outcome.text()
    assert main.sync_window is window  # one window, never a second

    qtbot.mouseClick(window.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(rounds), timeout=10_000)
    # pressed inside the sync window itself while the round runs
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL_SHIFT)
    assert "De synchronisatie loopt al (gestart om " in window.outcome.text()
    assert window.outcome.isVisible()
    with qtbot.waitSignal(window.synced, timeout=10_000):
        release.set()
    # the summary speaks now, in the same one notice area (usability round 7 #17)
    assert window.outcome.text().startswith("2 wijzigingen verstuurd.")

    qtbot.keyClick(window, Qt.Key.Key_S, CTRL_SHIFT)
    said = window.outcome.text()
    assert "is klaar; hieronder staat wat ze deed" in said
    assert "\n\n2 wijzigingen verstuurd." in said  # the summary still there, below it
    assert len(rounds) == 1  # the keys never started a round


def test_nothing_but_the_consultant_starts_a_round(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No round runs by itself: not on opening the window, not when the vault changes
    while it is open, not on Ctrl+Shift+S. (Usability round 3 saw a round "by itself":
    the office log shows a pull of laptop A right after the tester pressed Ctrl+Shift+S
    in laptop C's intake, both apps on one screen; see the report of i13-sync3.)"""
    with vault.transaction() as session:
        save_enrollment(session, Enrollment("https://kantoor.test", "deze-laptop", "c", "k"))
    rounds: list[int] = []

    def counted(*_args: object, **_kwargs: object) -> RoundReport:
        rounds.append(1)
        return RoundReport()

    monkeypatch.setattr(sync_round, "sync", counted)
    main = MainWindow(vault)
    qtbot.addWidget(main)
    main.show()
    _activate(qtbot, main)
    qtbot.keyClick(main, Qt.Key.Key_S, CTRL_SHIFT)
    window = main.sync_window
    assert isinstance(window, SyncWindow)
    qtbot.waitUntil(lambda: window.sync_button.isEnabled(), timeout=10_000)
    with qtbot.waitSignal(window.state_shown, timeout=10_000):
        window._vault_changed("x")  # as after an edit in another window
    _activate(qtbot, main)
    qtbot.keyClick(main, Qt.Key.Key_S, CTRL_SHIFT)
    QApplication.processEvents()
    assert rounds == []
