"""The case list names each case's gemeente beside the name when the consultant works for
several, and the search box finds cases by it (issue 16 item 5)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_table_model import COL_NAME
from inburg_desktop.ui.main_window import MainWindow

from ..gemeente_office import publish
from ..services.test_case_list_gemeente import spread


def names_shown(window: MainWindow) -> list[str]:
    proxy = window.proxy
    return [str(proxy.index(r, COL_NAME).data()) for r in range(proxy.rowCount())]


def open_main(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    window.show_cases()
    qtbot.waitUntil(lambda: window.model.rowCount() == 6)
    return window


def test_the_list_names_the_gemeente_and_the_search_finds_it(
    qtbot: QtBot, vault: OpenVault
) -> None:
    spread(vault)
    publish(vault, "GM0626", "GM0629")
    window = open_main(qtbot, vault)
    shown = names_shown(window)
    assert sum(text.endswith(" · Wassenaar") for text in shown) == 2
    assert sum(text.endswith(" · Leidschendam-Voorburg") for text in shown) == 2
    # the name column is wide enough for the longest name with its gemeente
    header = window.table.horizontalHeader()
    widest = max(window.table.fontMetrics().horizontalAdvance(text) for text in shown)
    assert header.sectionSize(COL_NAME) >= widest
    window.search.setFocus()
    qtbot.keyClicks(window.search, "wassen")
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 2)
    assert all(text.endswith(" · Wassenaar") for text in names_shown(window))
    qtbot.keyClick(window.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 6)
    assert QApplication.focusWidget() is window.search


def test_one_gemeente_the_list_is_as_before(qtbot: QtBot, vault: OpenVault) -> None:
    spread(vault)
    publish(vault, "GM0629")
    window = open_main(qtbot, vault)
    assert not any(" · " in text for text in names_shown(window))
