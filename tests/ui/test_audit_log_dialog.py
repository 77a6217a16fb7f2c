"""Bestand → Logboek… (issue 16 item 1): the selected case's audit trail, read-only, in
Dutch first, the parts by their names, each chain's verdict above the list; reached by
the keyboard (Alt+B, L) and closed with Esc. A chain tampered with says where."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from inburg_desktop.domain.handover import read_handover_file
from inburg_desktop.i18n import set_language
from inburg_desktop.services import audit_trail
from inburg_desktop.storage.cases import import_handover, update_fields
from inburg_desktop.storage.engine import WRITES
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.audit_log_dialog import AuditLogDialog
from inburg_desktop.ui.main_window import MainWindow

HANDOVER = Path(__file__).parents[1] / "data" / "handover-amal.json"


def _case(vault: OpenVault) -> str:
    with vault.transaction() as session:
        case_id = import_handover(session, read_handover_file(HANDOVER))
    with vault.transaction() as session:
        update_fields(session, case_id, {"intake.opleiding.notes": "Geheime notitie"})
    audit_trail.record_view(vault, case_id, "pip")
    audit_trail.views(vault).flush()
    return case_id


def _rows(dialog: AuditLogDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _open_from_the_menu(qtbot: QtBot, vault: OpenVault) -> AuditLogDialog:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    window.table.setFocus()
    window.table.setCurrentIndex(window.proxy.index(0, 0))
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert menu is not None
    qtbot.keyClick(menu, Qt.Key.Key_L)
    qtbot.waitUntil(lambda: window.findChild(AuditLogDialog) is not None)
    dialog = window.findChild(AuditLogDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    return dialog


def test_the_logboek_lists_who_did_what_to_which_part_never_a_value(
    qtbot: QtBot, vault: OpenVault
) -> None:
    set_language("nl")
    case_id = _case(vault)
    dialog = _open_from_the_menu(qtbot, vault)
    rows = _rows(dialog)
    assert [row[2:4] for row in rows] == [
        ["aangemaakt", "het hele dossier"],
        ["gewijzigd", "intake: Opleiding"],
        ["bekeken", "PIP"],
    ]
    assert all(row[1] == "consulent" for row in rows)  # no name set, no enrollment
    assert "Geheime" not in str(rows)
    assert "in orde (3 regels; nog niet naar het kantoor gestuurd)" in dialog.verdict.text()
    assert dialog.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert dialog.table.hasFocus()
    # opening it was a view of the log, recorded after it was read
    audit_trail.views(vault).flush()
    last = audit_trail.trail(vault, case_id).entries[-1]
    assert (last.action.value, last.part) == ("view", "logboek")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_logboek_speaks_english_when_the_app_does(qtbot: QtBot, vault: OpenVault) -> None:
    case_id = _case(vault)
    set_language("en")
    try:
        dialog = AuditLogDialog(vault, case_id, "Amal Haddad", None)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
        assert [row[2] for row in _rows(dialog)][:3] == ["created", "changed", "viewed"]
        assert "intact (3 entries; not yet sent to the office)" in dialog.verdict.text()
        assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "Time"
    finally:
        set_language("nl")


def test_a_tampered_row_is_named_in_the_logboek(qtbot: QtBot, vault: OpenVault) -> None:
    set_language("nl")
    case_id = _case(vault)
    with vault.engine.execution_options(**{WRITES: True}).begin() as conn:
        conn.execute(text("DROP TRIGGER audit_trail_no_delete"))
        conn.execute(text("DELETE FROM audit_trail WHERE seq = 2"))
    dialog = AuditLogDialog(vault, case_id, "Amal Haddad", None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
    assert "NIET IN ORDE" in dialog.verdict.text()
    assert "vóór regel 2 (nummer 3) ontbreken regels" in dialog.verdict.text()
