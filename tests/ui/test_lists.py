"""Lists show their items whole (issue 13 item 15, "the conflict list cut off"): a long
item wraps inside the list instead of ending at its edge; every list of the conflict and
set-aside views does so."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QListView, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.sync_state import Conflict, replace_conflicts
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.quarantine_view import QuarantineView

# "Werkervaring en vrijwilligerswerk: Gewerkt in het land van herkomst": wider than the list
LONG_KEY = "intake.werkervaring.gewerkt_herkomst"


def test_a_long_conflict_item_is_shown_whole(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        ids = add_demo_cases(session, 2)
        for case_id in ids:
            replace_conflicts(session, case_id, [Conflict(case_id, LONG_KEY, "a", "b", 3)], 1)
    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 2)
    list_view = view.items
    metrics = QFontMetrics(list_view.font())

    def whole(row: int) -> bool:
        item = list_view.item(row)
        rect = list_view.visualItemRect(item)
        width = list_view.viewport().width()
        needed = metrics.boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text()
        )
        return rect.right() <= width and rect.height() >= needed.height()

    for row in range(list_view.count()):
        text = list_view.item(row).text()
        assert metrics.horizontalAdvance(text) > list_view.viewport().width()  # must wrap
        qtbot.waitUntil(functools.partial(whole, row), timeout=5_000)  # laid out on resize


def _inside_combo(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def test_every_list_of_the_conflict_and_set_aside_views_wraps(
    qtbot: QtBot, vault: OpenVault
) -> None:
    for view in (ConflictView(vault), QuarantineView(vault)):
        qtbot.addWidget(view)
        # A combo box's drop-down is a QListView of its own (one line per option): not a
        # list of conflicts or records.
        lists = [found for found in view.findChildren(QListView) if not _inside_combo(found)]
        assert lists, type(view).__name__
        for list_view in lists:
            assert list_view.wordWrap(), (type(view).__name__, list_view.objectName())
            assert list_view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
