"""One sync window per app, and every button of it follows the vault as it is now
(usability round 3): Ctrl+Shift+S with the sync window open raised a second one, and the
first still offered "Conflicten oplossen…" for conflicts already resolved. The conflict
view and 'Apart gezet' are one per app too. Real windows (pytest-qt) on a real vault."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.sync_state import add_quarantine
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.quarantine_view import QuarantineView
from inburg_desktop.ui.sync_window import SyncWindow

from .test_conflict_kinds import CHOICE, with_conflict


def _open(cls: type) -> list[object]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]


def test_the_shortcut_raises_the_one_sync_window(qtbot: QtBot, vault: OpenVault) -> None:
    main = MainWindow(vault)
    qtbot.addWidget(main)
    with qtbot.waitActive(main):
        main.show()
        main.activateWindow()
    qtbot.keyClick(
        main, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: len(_open(SyncWindow)) == 1)
    first = main.sync_window
    assert first is not None
    qtbot.waitUntil(lambda: first.state is not None)
    main.activateWindow()
    qtbot.keyClick(
        main, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    main.sync_action.trigger()
    assert _open(SyncWindow) == [first] and main.sync_window is first
    for action, cls in (
        (main.conflicts_action, ConflictView),
        (main.quarantine_action, QuarantineView),
    ):
        action.trigger()
        action.trigger()
        assert len(_open(cls)) == 1, cls
    # 'Apart gezet' from the sync window is the app's one list, not a second
    first.open_quarantine()
    assert len(_open(QuarantineView)) == 1
    first.close()  # closed: the next press opens a fresh one
    main.sync_action.trigger()
    assert main.sync_window is not first and _open(SyncWindow) == [main.sync_window]


def test_conflicts_resolved_elsewhere_leave_no_stale_button(qtbot: QtBot, vault: OpenVault) -> None:
    with_conflict(vault, CHOICE, "geen", "zelfstandig")
    window = SyncWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.state is not None)
    assert not window.conflicts_button.isHidden()  # open conflicts: offered from the start

    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
    with qtbot.waitSignal(window.state_shown, timeout=10_000):
        qtbot.mouseClick(view.take_office, Qt.MouseButton.LeftButton)
    assert window.conflicts_button.isHidden() and not window.conflicts_button.isDefault()
    assert window.sync_button.isDefault()

    with vault.transaction() as session:  # set aside elsewhere: the count follows
        add_quarantine(
            session, "push", "c1", {CHOICE: "x"}, "case_left_caseload", field_keys=[CHOICE]
        )
    from inburg_desktop.ui.case_events import case_events

    with qtbot.waitSignal(window.state_shown, timeout=10_000):
        case_events().case_changed.emit("c1")
    assert window.quarantine_button.isEnabled() and "1" in window.quarantine_button.text()
