"""The intake header's save state is always a sentence about saving, in both languages
(usability round 3 finding 13: "Nog niets gewijzigd" / "Nothing changed yet", beside
"Dossiergegevens…" and "PIP opstellen", read as if those had not changed anything).

Every state the label can show is driven through the window's own autosave: before any
edit, while writing, after a save, with refused input, and after a failure that the
autosave retries by itself and one it does not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop import i18n
from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.formatting import format_time
from inburg_desktop.storage.errors import DiskFull
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.intake import IntakeWindow

EXPECTED = {
    "nl": {
        "before any edit": "✓ Alles opgeslagen",
        "writing": "● Wordt opgeslagen…",
        "saved": "✓ Alles opgeslagen om {time}",
        "one refused": "⚠ Niet opgeslagen: 1 waarde",
        "two refused": "⚠ Niet opgeslagen: 2 waarden",
        "failed, retried": "⚠ Niet opgeslagen: wordt opnieuw geprobeerd",
        "failed": "⚠ Niet opgeslagen: zie de melding",
    },
    "en": {
        "before any edit": "✓ All saved",
        "writing": "● Saving…",
        "saved": "✓ All saved at {time}",
        "one refused": "⚠ Not saved: 1 value",
        "two refused": "⚠ Not saved: 2 values",
        "failed, retried": "⚠ Not saved: trying again",
        "failed": "⚠ Not saved: see the message",
    },
}
ABOUT_SAVING = {"nl": "opgeslagen", "en": "sav"}  # saved, saving


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    try:
        yield request.param
    finally:
        i18n.set_language("nl")


def test_every_save_state_says_what_is_saved(qtbot: QtBot, vault: OpenVault, language: str) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
    window = IntakeWindow(vault, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None)
    label, autosave = window.save_state, window.autosave
    seen: dict[str, str] = {"before any edit": label.text()}

    autosave.saving.emit()
    seen["writing"] = label.text()
    moment = datetime(2026, 11, 30, 14, 2)
    autosave.saved.emit(moment)
    seen["saved"] = label.text()
    label.set_refused(("Aantal jaren onderwijs",))
    seen["one refused"] = label.text()
    assert "Aantal jaren onderwijs" in label.toolTip()
    label.set_refused(("Aantal jaren onderwijs", "Diploma behaald in"))
    seen["two refused"] = label.text()
    label.set_refused(())
    autosave.failed.emit(DiskFull())
    seen["failed, retried"] = label.text()
    assert window.notice.text() in label.toolTip()  # the cause, also on the label
    autosave.failed.emit(RuntimeError("a bug"))
    seen["failed"] = label.text()
    QApplication.processEvents()

    expected = {
        state: text.format(time=format_time(moment)) for state, text in EXPECTED[language].items()
    }
    assert seen == expected
    for state, text in seen.items():
        # about saving, never about changing (the buttons beside it change things)
        assert ABOUT_SAVING[language] in text.casefold(), state
        assert not {"gewijzigd", "changed"} & set(text.casefold().split()), state
