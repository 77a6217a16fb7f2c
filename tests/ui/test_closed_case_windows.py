"""Every window of a closed case shows it closed and takes no typing (usability round 9,
finding 20: the office closes a case, ``inburg-office case sluit``; the laptop holds it
read-only until its grace period removes it). The kind: every window of ``every_window``
that holds a ``case_id`` says since when and why, and none of its fields takes input."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.changes import apply_patch
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.first_field import takes_input
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.notice_bar import NoticeBar

from .every_window import TODAY, case_windows

CLOSE: dict[str, str | None] = {
    "uitkomst.plicht_einde": "2026-03-01",
    "uitkomst.plicht_einde_reden": "vertrek",
}
REOPEN: dict[str, str | None] = dict.fromkeys(CLOSE)


def _office_change(vault: OpenVault, case_id: str, patch: dict[str, str | None]) -> None:
    """As a sync brings the office's close (or its reopening): a remote change, with the
    event every window of the case hears after a sync."""
    with vault.transaction() as session:
        apply_patch(session, case_id, patch, origin="remote")
    case_events().case_changed.emit(case_id)


def _bar(window: QWidget) -> NoticeBar | None:
    found = window.findChild(NoticeBar, "closed_case")
    return found if isinstance(found, NoticeBar) else None


def _open_fields(window: QWidget) -> list[QWidget]:
    return [f for f in window.findChildren(QWidget) if f.window() is window and takes_input(f)]


def _says(window: QWidget, word: str) -> bool:
    bar = _bar(window)
    return bar is not None and bar.isVisible() and word in bar.text()


def test_every_window_of_a_closed_case_says_so_and_takes_no_typing(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    unmarked: list[str] = []
    typing: list[str] = []
    seen = 0
    for shown, case_id in case_windows(qtbot, vault, vault_path):
        seen += 1
        window = shown.window
        _office_change(vault, case_id, CLOSE)  # closed by a sync while the window is open
        qtbot.waitUntil(lambda w=window: _says(w, "afgesloten"), timeout=5_000)  # type: ignore[misc]
        QApplication.processEvents()
        if not _says(window, "afgesloten"):
            unmarked.append(shown.name)
        try:  # the window may re-read its case after the view did: read-only in the end
            qtbot.waitUntil(lambda w=window: not _open_fields(w), timeout=5_000)  # type: ignore[misc]
        except TimeoutError:
            names = [f.objectName() or type(f).__name__ for f in _open_fields(window)]
            typing.append(f"{shown.name}: {', '.join(names[:3])}")
        _office_change(vault, case_id, REOPEN)  # a mistake: the office reopens it
        qtbot.waitUntil(lambda w=window: _says(w, "heropend"), timeout=5_000)  # type: ignore[misc]
    assert seen > 0
    assert unmarked == []
    assert typing == []


def test_the_case_list_says_a_case_is_closed_when_it_is_opened(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1, TODAY)
    _office_change(vault, case_id, CLOSE)
    main = MainWindow(vault)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() > 0, timeout=15_000)
    main.table.selectRow(0)

    main.open_details()

    assert main.notice.isVisible()
    assert "afgesloten" in main.notice.text() and "1 maart 2026" in main.notice.text()
