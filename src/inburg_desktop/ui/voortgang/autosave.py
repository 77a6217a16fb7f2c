"""The talk window's autosave: the intake's controller (debounced, off the GUI thread, in
order, retried when the cause can clear, flushed on close and lock), writing through the
talk's own use case (``services.voortgang.save_talk_edits``: the talk's field rules, and a
part changed underneath the window kept as a conflict, as the intake's edits are)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject

from inburg_desktop.services import voortgang
from inburg_desktop.services.intake_edit import Meta, Patch
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.intake.autosave import AutosaveController


class TalkAutosave(AutosaveController):
    """Saves the parts of talk :attr:`nummer` of one case shortly after typing stops."""

    def __init__(
        self, vault: Vault, case_id: str, nummer: int, parent: QObject | None = None
    ) -> None:
        super().__init__(vault, case_id, parent=parent)
        self.nummer = nummer

    def write(
        self, patch: Patch, meta: Meta, started: Mapping[str, Any] | None = None
    ) -> list[str]:
        return voortgang.save_talk_edits(
            self.vault,
            self.case_id,
            self.nummer,
            patch,
            started=started or {},
            seen_version=self.seen_version,
        )
