"""PIP editor, Besluit → Bijstand en ontzorgen: Tab goes from "Datum van het besluit"
to "Kenmerk" on the row below, then to "Daarna voortgezet t/m", as on screen (usability
round 7, finding 3: "Tab, Tab" after the date landed in "Daarna voortgezet t/m"). The
Kalender button is no Tab stop in any date field, by design (the date is typed; the
agenda's "date Tab time" depends on it, usability round 6 #21), so one Tab reaches the
Kenmerk."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.pip import PipEditorWindow

TODAY = date(2026, 11, 30)


def test_tab_from_the_besluit_date_reaches_the_kenmerk(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[DRAFT_INDEX]
    window = PipEditorWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    form = window.form
    form.ontzorgen_on.setChecked(True)
    QApplication.processEvents()
    date_edit = form.besluit_datum.edit
    date_edit.setFocus()
    qtbot.keyClicks(date_edit, "1292026")
    order = []
    for _press in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [form.kenmerk, form.verlengd.edit], [w and w.objectName() for w in order]
