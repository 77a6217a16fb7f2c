"""A window whose case left this laptop closes, with a message, and loses nothing.

When the office takes a case off the consultant's caseload, a sync removes it from the
laptop (data minimisation; its unsent work is set aside first, ``sync.caseload_exit``).
A window still open on that case could go on accepting typing that can never be saved.
:class:`CaseGoneGuard` notices (after every sync and resolution it checks, off the GUI
thread, that the case is still there; a window may also report a save or read that found
no case), sets aside what the window had not saved yet in the same list ("Apart gezet",
``services.quarantine_list``), closes the window and says what happened and where the
edits are, in a message that outlives the window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from inburg_desktop.formatting import format_number
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.services import quarantine_list
from inburg_desktop.services.errors import NoSuchCase
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.tasks import TaskGroup

# ui.close_guard.closing_for_lock: set on the application while locking closes every
# window, so no window asks then (the key is about to be wiped; a question would keep case data on
# screen).

Unsaved = Callable[[], Mapping[str, Any]]
"""Takes what the window has not saved yet (field key -> value); called once."""


def gone_text(kept: int, set_aside_failed: bool = False) -> str:
    """What the message says: what happened, and where the unsaved edits are."""
    text = _(
        "Dit dossier staat niet meer op deze laptop: het kantoor heeft het van uw lijst "
        "gehaald (aan een andere consulent gegeven of afgesloten), en bij de synchronisatie "
        "is het van deze laptop verwijderd. Het venster is daarom gesloten."
    )
    if set_aside_failed:
        return (
            text
            + " "
            + _(
                "Wat u nog typte, kon niet apart worden gezet, omdat de kluis nu niet "
                "beschreven kan worden."
            )
        )
    if kept:
        text += " " + ngettext(
            "{n} gegeven dat u hier nog typte, is niet verloren:",
            "{n} gegevens die u hier nog typte, zijn niet verloren:",
            kept,
        ).format(n=format_number(kept))
    return (
        text
        + " "
        + _(
            "Wat nog niet naar kantoor was verstuurd, staat onder Synchroniseren › Apart "
            "gezet; daar kunt u het bekijken, exporteren en naar kantoor sturen."
        )
    )


class CaseGoneGuard(QObject):
    """Watches one window's case; see the module. ``unsaved`` takes the window's unsaved
    edits, ``label`` says whose case it was (for the list, inside the vault only).
    ``watch``: check after every ``case_changed`` (windows that re-read their case on it
    themselves report :meth:`gone` instead)."""

    closed = Signal(str)  # the message shown

    def __init__(
        self,
        window: QWidget,
        vault: Vault,
        case_id: str,
        *,
        unsaved: Unsaved | None = None,
        label: Callable[[], str] | None = None,
        watch: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.vault = vault
        self.case_id = case_id
        self.unsaved = unsaved or (lambda: {})
        self.label = label or (lambda: "")
        self.handling = False
        self.message: QMessageBox | None = None
        self.tasks = TaskGroup(window)
        if watch:
            case_events().case_changed.connect(self._changed)

    @staticmethod
    def is_gone(exc: BaseException) -> bool:
        """Whether a failed read or save means the case is no longer on this laptop."""
        return isinstance(exc, NoSuchCase)

    def _changed(self, case_id: str) -> None:
        if case_id not in (ALL_CASES, self.case_id) or self.handling or self.vault.locked:
            return
        vault, own = self.vault, self.case_id
        self.tasks.run(
            lambda _token: quarantine_list.case_present(vault, own),
            lambda present: None if present else self.gone(),
            lambda _exc: None,  # the vault could not be read now: the next change checks
        )

    def gone(self) -> None:
        """The case is no longer here: set aside what the window has not saved, then
        close it with the message (once)."""
        if self.handling:
            return
        self.handling = True
        patch = dict(self.unsaved())
        if not patch:
            self._close(0)
            return
        vault, case_id, label = self.vault, self.case_id, self.label()
        self.tasks.run(
            lambda _token: quarantine_list.set_aside_unsaved(vault, case_id, label, patch),
            self._close,
            lambda _exc: self._close(0, failed=True),
        )

    def _close(self, kept: int, failed: bool = False) -> None:
        text = gone_text(kept, failed)
        # The message outlives the window: its parent is the window's own parent (the
        # main window), or none.
        box = QMessageBox(
            QMessageBox.Icon.Information if not failed else QMessageBox.Icon.Warning,
            _("Dossier niet meer op deze laptop"),
            text,
            QMessageBox.StandardButton.Ok,
            self.window.parentWidget(),
        )
        box.setObjectName("caseGoneMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = box
        box.open()
        self.closed.emit(text)
        self.window.close()
