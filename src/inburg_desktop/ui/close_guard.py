"""Closing a window with edits that are not saved yet (the PIP editor: Ctrl+Q, Ctrl+W,
the title bar's ✕) asks first: save, close without saving, or keep editing.

The question is a window-modal ``QMessageBox`` opened with ``open()`` (never a nested event
loop: a lock may close everything at any moment). When the vault is being locked the
window closes without asking: the key is wiped right after, and a question left on a
locked screen would show case data (``LOCKING`` property, set by the app's lock).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from inburg_desktop.i18n import _

LOCKING = "inburgLocking"  # a window property: True while the app locks the vault


class _Unreadable:
    """A state that cannot be read (a half-typed date): never equal to a saved state."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


UNREADABLE = _Unreadable()


class CloseGuard(QObject):
    """Remembers what the window showed when it was last loaded or saved and compares it
    with ``state()`` when the window is asked to close.

    ``state``: what the consultant has edited now, comparable with ``==`` (raising
    ``ValueError`` when a field cannot be read counts as a change). ``save``: start saving
    it; the window calls :meth:`saved` once the vault took it (then the close goes on)
    or :meth:`save_failed` (then it stays open, the error shown by the window).
    """

    def __init__(
        self, window: QWidget, state: Callable[[], object], save: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self._state = state
        self._save = save
        self._clean: object = UNREADABLE
        self._confirmed = False
        self._close_after_save = False
        self.question: QMessageBox | None = None

    def _current(self) -> object:
        try:
            return self._state()
        except ValueError:
            return UNREADABLE

    def mark_clean(self) -> None:
        """What the window shows now is what the vault holds (after a load or a save)."""
        self._clean = self._current()

    @property
    def has_changes(self) -> bool:
        return bool(self._current() != self._clean)

    def allows_close(self, event: QCloseEvent) -> bool:
        """In ``closeEvent``: True to close now; otherwise the event is ignored and the
        question is asked."""
        if self._confirmed or self.window.property(LOCKING) or not self.has_changes:
            return True
        event.ignore()
        self._ask()
        return False

    def _ask(self) -> None:
        if self.question is not None and self.question.isVisible():
            self.question.raise_()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Wijzigingen niet opgeslagen"),
            _("U hebt wijzigingen die nog niet zijn opgeslagen. Wilt u ze opslaan?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("unsavedQuestion")
        box.button(QMessageBox.StandardButton.Discard).setText(_("Sluiten zonder opslaan"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._answered(box))
        self.question = box
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        button = box.standardButton(box.clickedButton())
        if button == QMessageBox.StandardButton.Discard:
            self._confirmed = True
            self.window.close()
        elif button == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self._save()

    def saved(self) -> None:
        """The window's save finished: remember it, and close if that was the question."""
        self.mark_clean()
        if self._close_after_save:
            self._close_after_save = False
            self._confirmed = True
            self.window.close()

    def save_failed(self) -> None:
        self._close_after_save = False  # stays open; the window says what went wrong
