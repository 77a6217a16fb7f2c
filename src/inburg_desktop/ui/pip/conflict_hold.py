"""The PIP editor while the case's PIP is in conflict after a sync.

Both laptops of a consultant (or a laptop and the office) changed the PIP: the vault holds
the other side's version until the consultant chooses in Conflicten oplossen
(``services.own_conflicts``). The open editor keeps showing the consultant's own version
(usability round 7 #13: an open window replaced just-typed values with the other
laptop's), marked with a link to the conflict; saving and setting wait for the choice, as
a save would meet the other side's version in the vault (``PipChanged``). After the
choice the editor shows the chosen PIP.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from inburg_desktop.domain.pip import CURRENT_KEY, PipHistory
from inburg_desktop.i18n import _
from inburg_desktop.services.own_conflicts import shown_values
from inburg_desktop.services.pip_editing import PipEditorData
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.conflict_marks import ConflictMarks

PIP_KEYS = "pip."


class PipConflictHold:
    """The editor's own side of a PIP conflict: the version shown, the mark, the buttons
    held. ``host``: where the mark goes (a widget with a box layout, in the header)."""

    def __init__(self, window: QWidget, vault: Vault, case_id: str) -> None:
        self.host = QWidget()
        self.host.setObjectName("pipConflictMark")
        row = QHBoxLayout(self.host)
        row.setContentsMargins(0, 0, 0, 0)
        self.marks = ConflictMarks(window, vault, case_id)
        self.keys: tuple[str, ...] = ()

    def apply(self, data: PipEditorData, own: dict[str, Any]) -> PipEditorData:
        """``data`` with the PIP as the consultant's own side of its open conflicts has it
        (unchanged when there is none); marks the editor."""
        mine = {k: v for k, v in own.items() if k.startswith(PIP_KEYS)}
        # the version is what the consultant knows; the pointer follows it
        self.keys = tuple(sorted(mine, key=lambda k: (k == CURRENT_KEY, k)))
        self.marks.show(set(self.keys[:1]), {k: self.host for k in self.keys[:1]})
        if not mine:
            return data
        history = data.context.history
        try:
            own_history = PipHistory.from_storage(shown_values(history.storage_items(), mine))
        except ValueError:  # PipFormatError included
            return data  # not readable as a PIP: the vault's stays shown (the view has both)
        return dataclasses.replace(
            data, context=dataclasses.replace(data.context, history=own_history)
        )

    @property
    def holding(self) -> bool:
        return bool(self.keys)

    def hold(self, buttons: Sequence[QPushButton]) -> None:
        """Disable what would store the PIP while it is in conflict, saying why."""
        why = _("Het PIP staat in conflict: kies eerst in Conflicten oplossen.")
        for button in buttons:
            if self.holding:
                button.setEnabled(False)
                button.setToolTip(why)
            elif button.toolTip() == why:
                button.setToolTip("")

    def notice(self) -> str:
        """What the editor says while it holds (empty when it does not)."""
        if not self.holding:
            return ""
        return _(
            "Het PIP is ook elders gewijzigd, dus een conflict. Hier staat uw eigen versie; "
            "opslaan en vaststellen kunnen weer zodra u in Conflicten oplossen hebt gekozen "
            "(de link bovenaan)."
        )
