"""Labels that show data (newcomers' names, the office's words, error texts) show them as
text, never as markup: a hostile office or a name like ``<img src=…>`` must not draw on the
consultant's screen (issue 10, hostile office; docs/threat-model.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.pip.window import PipEditorWindow
from inburg_desktop.ui.quarantine_view import QuarantineView
from inburg_desktop.ui.sync_window import SyncWindow

# Rich by design: these build their HTML themselves and pass every data part through
# html.escape (ui/intake/route_panel.py, ui/pip/side_panel.py, the conflict view's legend
# of the merged text's colours, which names the sides: ui/conflict_view.py _legend).
ESCAPED_RICH = {
    "mergeLegend",
    "adviceReasons",
    "pipMissing",
    "pipDeadlines",
    "pipPlicht",
    "pipAdvice",
    "pipNotes",
}


def empty_at_start(window: QWidget) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel) if not label.text()]


def test_every_label_filled_from_data_is_plain_text(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    windows: list[QWidget] = [
        QuarantineView(vault),
        SyncWindow(vault),
        ConflictView(vault),
        IntakeWindow(vault, case_id),
        PipEditorWindow(vault, case_id),
    ]
    for window in windows:
        qtbot.addWidget(window)
        labels = empty_at_start(window)
        assert labels, type(window).__name__
        rich = [
            label.objectName() or repr(label)
            for label in labels
            if label.textFormat() is not Qt.TextFormat.PlainText
            and label.objectName() not in ESCAPED_RICH
        ]
        assert rich == [], f"{type(window).__name__}: labels that would render markup: {rich}"


def test_a_name_with_markup_is_shown_as_written(qtbot: QtBot, vault: OpenVault) -> None:
    view = QuarantineView(vault)
    qtbot.addWidget(view)
    hostile = '<img src="x"><b>Haddad</b>'
    view.title.setText(hostile)
    view.reason.setText(hostile)
    for label in (view.title, view.reason):
        assert label.textFormat() is Qt.TextFormat.PlainText
        assert label.text() == hostile
