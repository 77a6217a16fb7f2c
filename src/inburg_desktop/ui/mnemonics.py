"""Every button, labelled field, menu and tab of a window gets an Alt+letter of its own.

Hand-placed ``&`` letters cannot stay unique once forms are built from the catalogue (an
intake topic has its own fields) and texts are translated: Dossiergegevens had none, so
Alt+O typed "o" into its date field, and "PIP opstellen" had none (usability round 2
finding 15). Like KDE's accelerator manager, :class:`MnemonicKeeper`, installed once on
the application (``install``), looks at a window whenever something in it is shown and:

- keeps every hand-placed letter that is unique in the window (they were chosen), menus,
  tabs and buttons first, then field labels;
- takes the ``&`` away from a later one that repeats a letter already in use;
- gives everything without a letter a free one, preferring the first letter of a word,
  then any other letter of its text, then a digit; buttons before field labels, which
  go without when a long form has used up the alphabet (Tab still reaches them).

What it covers is :func:`keyed`: menu-bar titles, visible tab texts, buttons with text and
labels that name a field that takes the keyboard (a buddy): a form row's label, or any
label given a letter by hand (the PIP editor's "Samenvatting in:" beside its combo); and,
each menu on its own (:func:`assign_menu`), the items of every menu and submenu, so a
submenu opens and a choice in it ("Nederlands", "10 minuten") is made by its letter
(usability round 3, finding 15: "Taal van de app" could not be used by keyboard). Qt
does the rest: a label's Alt+letter puts the keyboard in its field, a button's clicks
it, and an Alt+letter that is a mnemonic is a shortcut, never typed into the field that
has the keyboard.

Usability round 3 (finding 5) added three rules, kept by the same keeper:

- The save button keeps its conventional letter in every language (Alt+O for "Opslaan",
  Alt+S for "Save"): it is given out first, and a field label that held it moves.
- An Alt+letter that is no mnemonic of the window is swallowed, never typed: Alt+J typed
  "j" into the V-nummer (Qt types the text of a key with Alt when no shortcut takes it).
  AltGr (Ctrl+Alt on Windows) is left alone: it types ``€`` and ``@``.
- A check box's or radio button's Alt+letter brings the keyboard to it, as a label's
  does for its field; Space then changes it. Alt+M toggled a check box (and the Space the
  consultant pressed next toggled it back).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QWidget,
)

from inburg_desktop.i18n import _

_MNEMONIC = re.compile(r"&([^&\s])")


def letter_of(text: str) -> str | None:
    """The Alt+letter of ``text`` (lower case), or ``None``: ``"&Opslaan"`` -> ``"o"``;
    ``"&&"`` is a literal ampersand."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def _without(text: str) -> str:
    """``text`` without its mnemonic marker (a literal ``&&`` stays)."""
    return re.sub(r"&(?!&)", "", text.replace("&&", "\0")).replace("\0", "&&")


def _with(text: str, index: int) -> str:
    """``text`` (without a marker) with the marker before the character at ``index`` of
    its shown form."""
    shown = -1
    for position, char in enumerate(text):
        if char == "&" and text[position : position + 2] == "&&":
            continue
        shown += 1
        if shown == index:
            return text[:position] + "&" + text[position:]
    return text


@dataclass
class Keyed:
    """One thing Alt+letter reaches: how to read and write its text. ``required``: a
    menu, tab or push button, which must get a letter; a field (its label, a check box,
    a radio button) gets one while letters are left (a long form has more fields than
    the alphabet has letters; Tab reaches them all)."""

    what: str
    get: Callable[[], str]
    set: Callable[[str], None]
    required: bool = True


def symbol_only(text: str) -> bool:
    """True for a button text of fewer than two letters or digits ("✕", "A+", "A−"):
    a symbol, named for screen readers and reached by Tab or its own shortcut; a letter
    of it would say nothing."""
    return sum(char.isalnum() for char in _without(text)) < 2


def keyed(window: QWidget) -> Iterator[Keyed]:
    """Everything in ``window`` (not in windows it owns) that takes an Alt+letter."""
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            yield Keyed(f"menu {action.text()!r}", action.text, action.setText)
    for bar in window.findChildren(QTabBar):
        if bar.window() is window and bar.isVisibleTo(window):
            for index in range(bar.count()):
                yield Keyed(
                    f"tab {bar.tabText(index)!r}",
                    partial(bar.tabText, index),
                    partial(bar.setTabText, index),
                )
    for button in window.findChildren(QAbstractButton):
        if (
            button.window() is window
            and button.isVisibleTo(window)
            and button.text().strip()
            and not symbol_only(button.text())
            and button.focusPolicy() != Qt.FocusPolicy.NoFocus  # the mouse's own
            and not isinstance(button.parentWidget(), QTabBar)
        ):
            # A check box or radio button is a field: a letter while letters last.
            field = isinstance(button, QCheckBox | QRadioButton)
            yield Keyed(
                f"button {button.text()!r}", button.text, button.setText, required=not field
            )
    for label in window.findChildren(QLabel):
        if (
            label.window() is window
            and (_form_label(label) or letter_of(label.text()) is not None)
            and _takes_keyboard(label.buddy())
            and label.isVisibleTo(window)
            and label.text().strip()
            and label.textFormat() != Qt.TextFormat.RichText
        ):
            yield Keyed(f"label {label.text()!r}", label.text, label.setText, required=False)


def _takes_keyboard(buddy: QWidget | None) -> bool:
    """Whether a label's Alt+letter can put the keyboard in ``buddy``: a progress bar or
    a read-only view beside a label (Sterkte) cannot, so the label gets no letter."""
    if buddy is None:
        return False
    proxy = buddy.focusProxy()
    return (proxy or buddy).focusPolicy() != Qt.FocusPolicy.NoFocus


def _form_label(label: QLabel) -> bool:
    """True for the label of a form row (``QFormLayout``'s label role): a fixed name the
    keeper may give a letter. A heading that names a field for screen readers (the
    conflict view's sides) is text the window itself reads and rewrites: left alone."""
    parent = label.parentWidget()
    layout = None if parent is None else parent.layout()
    forms = [] if layout is None else [layout, *layout.findChildren(QFormLayout)]
    for form in forms:
        if isinstance(form, QFormLayout):
            index = form.indexOf(label)
            position: tuple[int, QFormLayout.ItemRole] = form.getItemPosition(index)  # type: ignore[assignment]
            if index >= 0 and position[1] == QFormLayout.ItemRole.LabelRole:
                return True
    return False


def _candidates(shown: str) -> Iterator[int]:
    """Indexes of ``shown`` to try, best first: word starts, other letters, digits."""
    starts = [
        i for i, c in enumerate(shown) if c.isalpha() and (i == 0 or not shown[i - 1].isalnum())
    ]
    yield from starts
    yield from (i for i, c in enumerate(shown) if c.isalpha() and i not in starts)
    yield from (i for i, c in enumerate(shown) if c.isdigit())


def save_text() -> str:
    """The save button's text in the UI language, without its marker ("Opslaan")."""
    return _without(_("&Opslaan")).replace("&&", "&")


def _conventional(item: Keyed) -> int | None:
    """The index of the letter ``item`` must hold by convention (the first letter of the
    save button), or ``None``."""
    shown = _without(item.get()).replace("&&", "&")
    return 0 if item.what.startswith("button ") and shown == save_text() else None


def assign(window: QWidget) -> None:
    """Make every Alt+letter in ``window`` unique and present (module docstring).

    Menus, tabs and push buttons come first: their hand-placed letters are kept, then the
    rest of them get free ones (when none of its letters is free, a holder that can move
    to another free letter of its own text moves); fields then keep a hand-placed letter
    still free, and the others get what is left (or none, when the alphabet is used up)."""
    items = list(keyed(window))
    for label in window.findChildren(QLabel):
        _reachable_buddy(label)
    holders: dict[str, Keyed] = {}
    for item in items:
        index = _conventional(item)
        if index is not None and _without(item.get())[index].casefold() not in holders:
            _set_letter(item, index, holders)
    for required in (True, False):
        waiting: list[Keyed] = []
        for item in (i for i in items if i.required is required):
            if any(holder is item for holder in holders.values()):
                continue  # given its conventional letter above
            key = letter_of(item.get())
            if key is not None and key not in holders:
                holders[key] = item
            else:
                waiting.append(item)
        for item in waiting:
            if not _give_letter(item, holders) and required:
                _move_a_holder(item, holders)
    for menu in menus_of(window):
        assign_menu(menu)


def menus_of(window: QWidget) -> Iterator[QMenu]:
    """Every menu of ``window``'s menu bar and every submenu in them, parents first."""
    if not isinstance(window, QMainWindow):
        return
    waiting = [action.menu() for action in window.menuBar().actions()]
    while waiting:
        menu = waiting.pop(0)
        if isinstance(menu, QMenu):
            yield menu
            waiting += [action.menu() for action in menu.actions()]


def menu_items(menu: QMenu) -> Iterator[Keyed]:
    """The items of ``menu`` that take a letter: every visible action with text."""
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible() or not action.text().strip():
            continue
        yield Keyed(f"menu item {_without(action.text())!r}", action.text, action.setText)


def assign_menu(menu: QMenu) -> None:
    """Make every item's letter in ``menu`` unique and present, as :func:`assign` does for
    a window (a menu is its own scope: Qt matches a letter among the open menu's items).
    An item whose text starts with a digit ("10 minuten") takes that digit while free."""
    items = list(menu_items(menu))
    holders: dict[str, Keyed] = {}
    waiting: list[Keyed] = []
    for item in items:
        key = letter_of(item.get())
        if key is not None and key not in holders:
            holders[key] = item
        else:
            waiting.append(item)
    for item in waiting:
        plain = _without(item.get())
        first = plain[:1].casefold()
        if first.isdigit() and first.isascii() and first not in holders:
            _set_letter(item, 0, holders)
        elif not _give_letter(item, holders):
            _move_a_holder(item, holders)


def _reachable_buddy(label: QLabel) -> None:
    """Let a label's Alt+letter reach a composite field (a date field, a language list):
    Qt moves the keyboard only to a buddy whose focus policy is not ``NoFocus``, and such
    a field is a plain container that hands the focus to its proxy (the line edit). It
    takes the policy of its proxy: Qt 6 visits a proxy in the Tab chain at the place of
    the widget that has it, so the container must take Tab as the proxy did."""
    buddy = label.buddy()
    proxy = None if buddy is None else buddy.focusProxy()
    if buddy is not None and proxy is not None and buddy.focusPolicy() == Qt.FocusPolicy.NoFocus:
        buddy.setFocusPolicy(proxy.focusPolicy())


def _free_index(text: str, holders: dict[str, Keyed]) -> int | None:
    shown = _without(text).replace("&&", "&")
    for index in _candidates(shown):
        key = shown[index].casefold()
        if key not in holders and key.isascii():
            return index
    return None


def _set_letter(item: Keyed, index: int, holders: dict[str, Keyed]) -> None:
    plain = _without(item.get())
    holders[plain.replace("&&", "&")[index].casefold()] = item
    item.set(_with(plain, index))


def _give_letter(item: Keyed, holders: dict[str, Keyed]) -> bool:
    index = _free_index(item.get(), holders)
    if index is not None:
        _set_letter(item, index, holders)
        return True
    plain = _without(item.get())
    if plain != item.get():
        item.set(plain)  # a repeated letter is worse than none
    return False


def _move_a_holder(item: Keyed, holders: dict[str, Keyed]) -> None:
    """Give ``item`` a letter of its text by moving that letter's holder to another free
    letter of the holder's own text."""
    shown = _without(item.get()).replace("&&", "&")
    for index in _candidates(shown):
        key = shown[index].casefold()
        holder = holders.get(key)
        if holder is None or not key.isascii():
            continue
        moved = _free_index(holder.get(), holders)
        if moved is not None:
            del holders[key]
            _set_letter(holder, moved, holders)
            _set_letter(item, index, holders)
            return


class MnemonicKeeper(QObject):
    """An application event filter: a window is looked at (once per event-loop turn)
    after something in it was shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._due: set[int] = set()
        self._windows: dict[int, QWidget] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return _alt_letter_typed(watched, event)
        if event.type() == QEvent.Type.Shortcut:
            # (PySide hands it over as a plain QEvent: nothing of it is needed)
            return _field_shortcut(watched)
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            window = watched.window()
            key = id(window)
            if key not in self._due:
                self._due.add(key)
                self._windows[key] = window
                QTimer.singleShot(0, lambda k=key: self._run(k))
        return False

    def _run(self, key: int) -> None:
        self._due.discard(key)
        window = self._windows.pop(key, None)
        if window is None:
            return
        try:
            visible = window.isVisible()
        except RuntimeError:  # deleted meanwhile (a closed dialog)
            return
        if visible:
            if isinstance(window, QMenu):
                assign_menu(window)  # an item added or renamed since its window was seen
            else:
                assign(window)


# Where a key's text lands: typed into a text, or a keyboard search in a list.
_TYPED_INTO = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
)


def _alt_letter_typed(watched: QObject, event: QKeyEvent) -> bool:
    """True (swallowed) for an Alt+letter or Alt+digit no shortcut took, on its way into a
    field that would type it. Only Alt (and Shift): Ctrl+Alt is AltGr on Windows."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    alt_only = modifiers in (
        Qt.KeyboardModifier.AltModifier,
        Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    text = event.text()
    if not alt_only or not text or not text.isalnum() or sys.platform == "darwin":
        return False  # macOS types letters with Option by design
    return isinstance(watched, _TYPED_INTO)


def _field_shortcut(watched: QObject) -> bool:
    """A check box's or radio button's Alt+letter (its own, or a label's whose buddy hands
    the keyboard to one: a group of check boxes): the keyboard goes there, the value stays.
    Qt clicks it (a button's Alt+letter clicks it; for a field that is a change by
    accident: Alt+M ticked "Smartphone")."""
    if isinstance(watched, QLabel):
        target: QWidget | None = watched.buddy()
        while target is not None and target.focusProxy() is not None:
            target = target.focusProxy()
        if target is None or not target.isVisible():
            return False
        watched = target
    if not isinstance(watched, QCheckBox | QRadioButton) or not watched.isEnabled():
        return False
    if watched.focusPolicy() != Qt.FocusPolicy.NoFocus:
        watched.setFocus(Qt.FocusReason.ShortcutFocusReason)
    window = watched.window()
    if window is not None:
        window.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    return True


def install(app: QApplication) -> MnemonicKeeper:
    """Install the keeper on ``app`` once (a second call returns the installed one)."""
    existing = app.findChild(MnemonicKeeper)
    if isinstance(existing, MnemonicKeeper):
        return existing
    keeper = MnemonicKeeper(app)
    app.installEventFilter(keeper)
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            assign(widget)
    return keeper
