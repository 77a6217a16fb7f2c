"""An open intake's save state follows a language switch, also after a save ("✓ Alles
opgeslagen om 16:25" stayed Dutch on the English screen: usability round 6 finding 19,
left over in round 7). The texts the windows put a sign before ("✓ ", "⚠ ", "● ") are
said again with the sign kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.i18n import _, retranslated
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.intake.window import IntakeWindow

from .every_window import TODAY
from .test_language_switch import switch_to


@pytest.fixture(autouse=True)
def _back_to_dutch() -> Iterator[None]:
    yield
    use_language("nl")


@pytest.mark.parametrize("sign", ["✓ ", "⚠ ", "● "])
def test_a_signed_message_is_said_again(qapp: QApplication, sign: str) -> None:
    use_language("nl")
    shown = sign + _("Alles opgeslagen")
    use_language("en")
    assert retranslated(shown) == sign + "All saved"
    assert retranslated(sign + "Layla Mahmoud") == sign + "Layla Mahmoud"  # data stays


def test_the_intake_save_state_follows_the_switch_after_a_save(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1, TODAY)
    window = IntakeWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None, timeout=15_000)
    panel = window.panel
    assert panel is not None
    notes = panel.notes.focus_target()
    notes.setFocus()
    qtbot.keyClicks(notes, "x")
    window.autosave.flush()
    qtbot.waitUntil(lambda: window.save_state.text().startswith("✓ Alles opgeslagen om"))
    switch_to("en", monkeypatch, vault_path)
    QApplication.processEvents()
    assert window.save_state.text().startswith("✓ All saved at"), window.save_state.text()
