"""The app's own keys, which work from every window: Ctrl+Shift+S (sync with the office),
Ctrl+L (lock) and Ctrl+Q (Afsluiten: every window closes through its close guard,
``ui.quit_app``; usability round 8, finding 1: Ctrl+Q did nothing in the intake).

They belong to the app, not to one window: the case list owns the actions (its menus
show them) and gives them ``Qt.ApplicationShortcut``, so the keys work in the intake, the
PIP editor, the interpreter view, the sync window, the conflict view and every other
window that is not shadowed by a modal dialog (usability round 3: Ctrl+Shift+S did
nothing in the intake). Other windows list the same actions in their menus
(:func:`add_to_menu`) and must not bind the keys themselves: two actions on one key are
ambiguous to Qt, and then neither fires.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

__all__ = ["AppActions", "add_to_menu", "app_actions", "register"]


@dataclass(frozen=True)
class AppActions:
    """The app-wide actions of the case list that is open now."""

    sync: QAction
    lock: QAction
    quit: QAction

    def all(self) -> tuple[QAction, ...]:
        return (self.sync, self.lock, self.quit)


_current: list[AppActions] = []


def register(actions: AppActions) -> None:
    """Make ``actions`` the app's (keys app-wide) until their owner is destroyed; a newer
    case list (the language switched) replaces an older one."""
    for action in actions.all():
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    _current[:] = [actions]
    owner = actions.sync.parent()
    if owner is not None:
        owner.destroyed.connect(lambda _obj=None: _forget(actions))


def _forget(actions: AppActions) -> None:
    if _current and _current[0] is actions:
        _current.clear()


def app_actions() -> AppActions | None:
    """The app-wide actions, or ``None`` when no case list is shown (a window on its own,
    as in a test, or a case list closed and not yet deleted: its keys would reach no
    one; the window then binds its own)."""
    if not _current:
        return None
    owner = _current[0].sync.parent()
    try:
        shown = isinstance(owner, QWidget) and owner.isVisible()
    except RuntimeError:  # deleted on the C++ side before ``destroyed`` reached us
        shown = False
    return _current[0] if shown else None


def add_to_menu(menu: QMenu, *, sync_text: str, lock_text: str) -> bool:
    """List the app-wide actions at the end of ``menu`` (after a separator), under this
    window's own texts (their mnemonics must be unique in the window's menu) with the
    app's keys shown beside them; False when there are none (no case list is open).

    The entries trigger the shared actions and bind no key of their own: a second
    binding of Ctrl+L would make the key ambiguous, and then Qt fires neither."""
    actions = app_actions()
    if actions is None:
        return False
    menu.addSeparator()
    for shared, text in ((actions.sync, sync_text), (actions.lock, lock_text)):
        keys = shared.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        entry = QAction(f"{text}\t{keys}", menu)
        entry.setObjectName(f"app_{shared.objectName() or 'action'}")
        entry.triggered.connect(lambda _checked=False, a=shared: a.trigger())
        menu.addAction(entry)
    return True
