"""Help → Sneltoetsen (F1): the shortcuts of the window it is opened from, read from the
window's own ``QAction``s and ``QShortcut``s when it opens, so the overview can never
list a key that does nothing or miss one that was added.

An action's description is its menu text (mnemonic ``&`` removed); a ``QShortcut`` has no
text, so it carries its description in ``whatsThis``. Every shortcut must have one: the
test walks every window and fails on a silent key.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.i18n import _
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.ui.app_actions import app_actions

HELP_KEY = QKeySequence.StandardKey.HelpContents  # F1


@dataclass(frozen=True)
class ShortcutRow:
    """One line of the overview: what it does and its keys as the platform writes them."""

    description: str
    keys: str


def plain_text(text: str) -> str:
    """A menu text without its mnemonic marker and tab-separated accelerator:
    ``"&Vergrendelen\\tCtrl+L"`` -> ``"Vergrendelen"`` (``&&`` stays one ``&``)."""
    return text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _keys(sequences: list[QKeySequence]) -> str:
    """The keys as the UI language names them, each name once: Return and the keypad's
    Enter are both "Enter" on the keyboard (``ui.qt_words``)."""
    names = (
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty()
    )
    return ", ".join(dict.fromkeys(names))


def _owner_window(item: QObject) -> QWidget | None:
    """The top-level window the object belongs to (through its QObject parents)."""
    parent = item.parent()
    while parent is not None and not isinstance(parent, QWidget):
        parent = parent.parent()
    return parent.window() if isinstance(parent, QWidget) else None


def shortcut_rows(window: QWidget) -> list[ShortcutRow]:
    """Every keyboard shortcut that belongs to ``window`` (its actions, also those of its
    menus, and its ``QShortcut``s), in menu order; not those of other top-level windows
    parented to it. An action without text is described by its ``toolTip``."""
    rows: list[ShortcutRow] = []
    seen: set[int] = set()
    actions = [a for a in window.findChildren(QAction) if _owner_window(a) is window]
    actions += [a for a in window.actions() if a not in actions]
    for action in actions:
        if id(action) in seen or action.menu() is not None:
            continue
        seen.add(id(action))
        keys = _keys(action.shortcuts())
        if keys:
            description = plain_text(action.text()) or action.toolTip()
            rows.append(ShortcutRow(description, keys))
    for shortcut in window.findChildren(QShortcut):
        if _owner_window(shortcut) is not window:
            continue
        keys = _keys(shortcut.keys())
        if keys:
            rows.append(ShortcutRow(shortcut.whatsThis(), keys))
    # the app's keys (sync, lock) work here too, though the case list owns them
    shared = app_actions()
    for action in shared.all() if shared is not None else ():
        keys = _keys(action.shortcuts())
        if id(action) not in seen and keys:
            seen.add(id(action))
            rows.append(ShortcutRow(plain_text(action.text()), keys))
    return _one_line_per_action(rows)


def _one_line_per_action(rows: list[ShortcutRow]) -> list[ShortcutRow]:
    """Rows that describe the same act (an action and a shortcut both "Sluiten") as one
    line with all their keys, at the first one's place: the PIP editor listed "Sluiten"
    three times (Ctrl+W, Ctrl+Q, Esc) where the intake lists "Sluiten  Ctrl+W, Esc" once
    (usability round 7, finding 17)."""
    keys: dict[str, list[str]] = {}
    for row in rows:
        keys.setdefault(row.description, []).extend(row.keys.split(", "))
    return [ShortcutRow(text, ", ".join(dict.fromkeys(names))) for text, names in keys.items()]


class ShortcutOverview(QDialog):
    """The overview table (non-modal; Esc or Enter closes it)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutOverview")
        self.setWindowTitle(_("Sneltoetsen — {window}").format(window=window.windowTitle()))
        layout = QVBoxLayout(self)
        self.rows = shortcut_rows(window)
        self.table = QTableWidget(len(self.rows), 2)
        self.table.setObjectName("shortcutTable")
        self.table.setHorizontalHeaderLabels([_("Wat"), _("Toetsen")])
        self.table.setAccessibleName(_("Sneltoetsen van dit venster"))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for number, row in enumerate(self.rows):
            self.table.setItem(number, 0, QTableWidgetItem(row.description))
            self.table.setItem(number, 1, QTableWidgetItem(row.keys))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout.addWidget(buttons)
        self.resize(560, min(640, 120 + 30 * len(self.rows)))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)


def open_overview(window: QWidget) -> ShortcutOverview:
    """Show the overview of ``window``'s shortcuts (a new one each time: always current)."""
    overview = ShortcutOverview(window)
    overview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    overview.show()
    return overview


def help_action(window: QWidget) -> QAction:
    """The "Sneltoetsen… (F1)" action of ``window`` (window-wide, added to it)."""
    action = QAction(_("&Sneltoetsen…"), window)
    action.setShortcut(QKeySequence(HELP_KEY))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: open_overview(window))
    window.addAction(action)
    return action


def add_help_menu(window: QMainWindow, vault: Vault | None = None) -> QMenu:
    """A Help menu at the end of ``window``'s menu bar: the shortcut overview and About
    (which names ``vault``'s file and its data protection contact)."""
    from inburg_desktop.ui.about_dialog import open_about

    menu = window.menuBar().addMenu(_("&Help"))
    menu.setObjectName("helpMenu")
    menu.addAction(help_action(window))
    menu.addSeparator()
    about = menu.addAction(_("&Over inburg-desktop"))
    about.setObjectName("aboutAction")
    about.triggered.connect(lambda _checked=False: open_about(window, vault))
    return menu
