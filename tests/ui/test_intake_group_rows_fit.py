"""Rows of a group (Gezinsleden, Kinderen) fit the intake's form column beside the
interpreter view (usability round 4, item 3: "Rij toevoegen" widened the form past its
column, "Verwijderen" and the dropdown arrows were cut). Every group of every topic, with
rows added by their button, at the width the intake has beside the view at 1366×768."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.group_editor import GroupEditor
from inburg_desktop.ui.intake.window import USABLE_WIDTH

HEIGHT = 740  # 1366×768 less a taskbar


def _area_of(widget: QWidget) -> QScrollArea:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    assert isinstance(parent, QScrollArea)
    return parent


def test_group_rows_fit_the_form_column_beside_the_interpreter_view(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    window.resize(USABLE_WIDTH, HEIGHT)
    qtbot.waitUntil(lambda: window.stored is not None and window.panel is not None)
    qtbot.waitUntil(lambda: window.width() == USABLE_WIDTH)
    found: list[str] = []
    groups = 0
    for topic in window.catalogue.topics:
        window.show_topic(topic.id)
        panel = window.panel
        assert panel is not None
        for editor in panel.editors.values():
            if not isinstance(editor, GroupEditor):
                continue
            groups += 1
            for _n in range(2):
                if editor.add_button.isEnabled():
                    editor.add_button.click()
            QApplication.processEvents()
            area = _area_of(editor)
            viewport = area.viewport()
            shown = QRect(QPoint(0, 0), viewport.size())
            for row in editor.rows:
                for widget in [row.remove, *[e.focus_target() for e in row.editors]]:
                    left = widget.mapTo(viewport, QPoint(0, 0)).x()
                    right = left + widget.width()
                    if left < 0 or right > shown.width():
                        found.append(
                            f"{topic.id}.{editor.item.id}: {widget.objectName() or 'Verwijderen'}"
                            f" x {left}..{right} beyond the column's {shown.width()}"
                        )
            if area.horizontalScrollBar().maximum() > 0:
                found.append(f"{topic.id}.{editor.item.id}: the column scrolls sideways")
    assert groups >= 2
    assert found == [], "\n".join(found)
