"""Dossiergegevens shows the case's gemeente and corrects it among the consultant's
gemeenten (issue 16 item 5); ``inburg case show --json`` says it too."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inburg_desktop.services import case_by_hand
from inburg_desktop.services.case_status import status_of
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog

from ..gemeente_office import publish
from ..services.test_gemeenten import FORM
from .test_case_details import _dialog


def combo_of(dialog: CaseDetailsDialog) -> QComboBox:
    combo = dialog.findChild(QComboBox, "gemeente")
    assert combo is not None
    return combo


def test_the_gemeente_is_shown_and_corrected_by_keyboard(qtbot: QtBot, vault: OpenVault) -> None:
    publish(vault, "GM0626", "GM0629")
    case_id = case_by_hand.add_case(vault, FORM, gemeente="GM0626").case_id
    assert status_of(vault, case_id).as_json()["gemeente"] == "GM0626"
    dialog = _dialog(qtbot, vault, case_id)
    combo = combo_of(dialog)
    assert combo.currentText() == "Voorschoten (GM0626)" and combo.isEnabled()
    qtbot.keyClick(
        QApplication.focusWidget() or dialog, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "Wassenaar (GM0629)"
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    with vault.session() as session:
        assert get_case(session, case_id).field("gemeente") == "GM0629"
        last = json.loads(session.scalars(select(OutboxRow.patch)).all()[-1])
    assert last == {"gemeente": "GM0629"}  # synced as any edit
    assert status_of(vault, case_id).as_json()["gemeente"] == "GM0629"


def test_one_gemeente_or_none_known_is_shown_read_only(qtbot: QtBot, vault: OpenVault) -> None:
    case_id = case_by_hand.add_case(vault, FORM).case_id
    combo = combo_of(_dialog(qtbot, vault, case_id))
    assert combo.currentText() == "— onbekend —" and not combo.isEnabled()
    assert status_of(vault, case_id).as_json()["gemeente"] is None
    publish(vault, "GM0629")
    other = case_by_hand.add_case(vault, FORM).case_id
    combo = combo_of(_dialog(qtbot, vault, other))
    assert combo.currentText() == "Wassenaar (GM0629)" and not combo.isEnabled()
