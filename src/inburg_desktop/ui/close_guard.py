"""The one way a window that edits case data or settings closes: nothing typed is lost
without a question.

Every such window (the PIP editor, the intake, Dossiergegevens, the letterhead, the
consultant's name) owns a :class:`CloseGuard`. When the window is asked to close (Ctrl+W,
Ctrl+Q, Esc in a dialog, the title bar's ✕) the guard decides:

- a window that saves on request (the PIP editor, the dialogs) compares the raw state of
  *every* editable field under it (:func:`field_state`: text, combos, spin boxes, check
  boxes, date fields, added or removed rows) with the state it last loaded or saved; a
  field the window does not save (a print choice) is marked with :data:`NOT_SAVED`;
- a window that saves as one types (the intake) first writes what is pending; only what
  the vault could not take counts as unsaved.

With unsaved edits it asks, window-modal and with ``open()`` (never a nested event loop:
a lock may close everything at any moment): Opslaan, Niet opslaan, or Annuleren (stay).
While the app locks the vault (:func:`closing_for_lock`) no window asks: the key is
wiped right after, and a question left on a locked screen would show case data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from inburg_desktop.i18n import _

LOCKING = "inburgLocking"  # an application property: True while the app locks the vault
NOT_SAVED = "inburgNotSaved"  # a widget property: a field its window does not save


@contextmanager
def closing_for_lock() -> Iterator[None]:
    """While inside, every guarded window closes without asking (the app's lock)."""
    app = QApplication.instance()
    if app is not None:
        app.setProperty(LOCKING, True)
    try:
        yield
    finally:
        if app is not None:
            app.setProperty(LOCKING, False)


def is_locking() -> bool:
    """Whether the app is closing every window to lock the vault."""
    app = QApplication.instance()
    return app is not None and bool(app.property(LOCKING))


class _Unreadable:
    """A state that cannot be read (a half-typed date): never equal to a saved state."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


UNREADABLE = _Unreadable()


def _not_saved(widget: QWidget, root: QWidget) -> bool:
    current: QWidget | None = widget
    while current is not None and current is not root:
        if current.property(NOT_SAVED):
            return True
        current = current.parentWidget()
    return False


def editable_fields(root: QWidget) -> list[QWidget]:
    """Every field under ``root`` a person can type into or choose in, in widget order:
    line edits (also inside date fields), text areas, combos, spin boxes and checkable
    buttons; not those marked :data:`NOT_SAVED` (nor their children). A spin box's or
    combo's own line edit is left out (its owner stands for it)."""
    fields: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parentWidget(), (QAbstractSpinBox, QComboBox)
        ):
            continue
        editable = isinstance(
            widget, (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
        ) or (isinstance(widget, QAbstractButton) and widget.isCheckable())
        if editable and not _not_saved(widget, root):
            fields.append(widget)
    return fields


def _value(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    return None


def field_state(root: QWidget) -> tuple[tuple[str, object], ...]:
    """What every editable field under ``root`` shows now: ``(class name, value)`` in
    widget order, so an added or removed row changes it too. Rows being removed must be
    taken out of the widget tree at once (``setParent(None)`` before ``deleteLater``)."""
    return tuple((type(w).__name__, _value(w)) for w in editable_fields(root))


class CloseGuard(QObject):
    """Decides whether ``window`` may close now, and asks when edits would be lost.

    ``save``: start saving what is unsaved; the window calls :meth:`saved` once the vault
    took it (then the close goes on) or :meth:`save_failed` (it stays open; the window
    says what went wrong). ``state``: what the window holds now, comparable with ``==``
    (default: :func:`field_state` of the window; raising ``ValueError`` counts as a
    change). ``unsaved``: for a window that saves as one types, whether anything is still
    not held by the vault (it is called after the window wrote what was pending); when
    given, ``state`` is not used. ``discard``: drops what is unsaved (Niet opslaan).
    ``question``: the question's text (default: the general one). ``save_text`` and
    ``discard_text``: the question's two answers, for a window whose main act is not
    saving (enrolling); default ``&Opslaan`` and ``&Niet opslaan``.
    """

    def __init__(
        self,
        window: QWidget,
        save: Callable[[], None],
        state: Callable[[], object] | None = None,
        unsaved: Callable[[], bool] | None = None,
        discard: Callable[[], None] | None = None,
        question: Callable[[], str] | None = None,
        save_text: Callable[[], str] | None = None,
        discard_text: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._state = state or (lambda: field_state(window))
        self._unsaved = unsaved
        self._save = save
        self._discard = discard
        self._text = question or (
            lambda: _("U hebt wijzigingen die nog niet zijn opgeslagen. Wilt u ze opslaan?")
        )
        self._save_text = save_text or (lambda: _("&Opslaan"))
        self._discard_text = discard_text or (lambda: _("&Niet opslaan"))
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
        if self._unsaved is None:
            self._clean = self._current()

    @property
    def has_changes(self) -> bool:
        if self._unsaved is not None:
            return self._unsaved()
        return bool(self._current() != self._clean)

    def allows_close(self, event: QCloseEvent | None = None) -> bool:
        """In ``closeEvent`` (or a dialog's ``reject``): True to close now; otherwise the
        event is ignored and the question is asked."""
        if self._confirmed or is_locking() or not self.has_changes:
            return True
        if event is not None:
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
            self._text(),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("unsavedQuestion")
        box.button(QMessageBox.StandardButton.Save).setText(self._save_text())
        box.button(QMessageBox.StandardButton.Discard).setText(self._discard_text())
        box.button(QMessageBox.StandardButton.Cancel).setText(_("Annuleren"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._answered(box))
        self.question = box
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        button = box.standardButton(box.clickedButton())
        if button == QMessageBox.StandardButton.Discard:
            if self._discard is not None:
                self._discard()
            self._confirmed = True
            self.window.close()
        elif button == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self._save()

    def release(self) -> None:
        """The window may close without asking: what it had not saved is dealt with
        elsewhere (set aside because its case left this laptop, ``ui.case_gone``)."""
        self._confirmed = True

    def saved(self) -> None:
        """The window's save finished: remember it, and close if that was the question."""
        self.mark_clean()
        if self._close_after_save:
            self._close_after_save = False
            self._confirmed = True
            self.window.close()

    def save_failed(self) -> None:
        self._close_after_save = False  # stays open; the window says what went wrong
