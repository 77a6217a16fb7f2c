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

Usability round 4 (finding 16) added what makes the letters hold while a window lives:

- A text set again after the keeper looked ("Apart gezet (1)…" after a sync, "Hervatten"
  for "Parkeren", a "*" on a label) lost its letter for good: the keeper only looked when
  something was shown. A text change asks for a new layout (Qt posts a LayoutRequest);
  the keeper then compares the window's texts with those it left and looks again when
  one changed. A page hidden frees its letters, so hiding looks again too.
- A shown label or button that carries a letter the keeper does not count (its field
  cannot take the keyboard, a button only the mouse reaches) loses it: Qt would still act
  on it, and nothing else would know the letter was taken.
- Word starts are handed out before other letters: "Zorgtaken (mantelzorg)" went
  without while "Gezinshereniging" took the z of its middle, so Alt+Z, the letter the
  consultant tries, went to Gezinshereniging. A field left without a letter may move a
  button or another field to another free letter of its own text, as a button may.

Usability round 6 (#23) added fixed controls: a window names the controls that stand in
it whatever it shows (the intake's menus, tabs and header buttons) with :func:`fix`. They
take their letters before anything else, in the same order every time, and nothing moves
them; what a page adds (a topic's fields and buttons) takes what is left. Before, "PIP
opstellen" was Alt+P in one case and Alt+T in another (a topic's button moved it), and
Alt+T, meant for "Toelichting bij de toets", opened the PIP editor.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
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
    owner: QObject | None = None  # the widget or action showing the text


FIXED = "mnemonicFixed"
"""The property :func:`fix` sets on a fixed control (a widget, a tab bar, a menu's action)."""


def fix(*owners: QObject) -> None:
    """Make ``owners`` fixed controls of their window: buttons, tab bars (all their tabs),
    the menu bar's actions (``menu.menuAction()``). Their letters are given out first, in
    the order :func:`keyed` lists them (a hand-placed letter kept), and never moved."""
    for owner in owners:
        owner.setProperty(FIXED, True)


def _among(item: Keyed, items: Sequence[Keyed]) -> bool:
    return any(other is item for other in items)


def _is_fixed(item: Keyed) -> bool:
    return item.owner is not None and bool(item.owner.property(FIXED))


def symbol_only(text: str) -> bool:
    """True for a button text of fewer than two letters or digits ("✕", "A+", "A−"):
    a symbol, named for screen readers and reached by Tab or its own shortcut; a letter
    of it would say nothing."""
    return sum(char.isalnum() for char in _without(text)) < 2


def keyed(window: QWidget) -> Iterator[Keyed]:
    """Everything in ``window`` (not in windows it owns) that takes an Alt+letter."""
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            yield Keyed(f"menu {action.text()!r}", action.text, action.setText, owner=action)
    for bar in window.findChildren(QTabBar):
        if bar.window() is window and bar.isVisibleTo(window):
            for index in range(bar.count()):
                yield Keyed(
                    f"tab {bar.tabText(index)!r}",
                    partial(bar.tabText, index),
                    partial(bar.setTabText, index),
                    owner=bar,
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
                f"button {button.text()!r}",
                button.text,
                button.setText,
                required=not field,
                owner=button,
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
            yield Keyed(
                f"label {label.text()!r}", label.text, label.setText, required=False, owner=label
            )


def _shown_texts(window: QWidget) -> Iterator[QLabel | QAbstractButton]:
    """The labels with a buddy and the buttons shown in ``window``: what holds a letter Qt
    acts on (a tab bar's own scroll buttons aside)."""
    for widget in window.findChildren(QLabel):
        if widget.window() is window and widget.buddy() is not None and widget.isVisibleTo(window):
            yield widget
    for button in window.findChildren(QAbstractButton):
        if (
            button.window() is window
            and button.isVisibleTo(window)
            and not isinstance(button.parentWidget(), QTabBar)
        ):
            yield button


def _drop_stray_letters(window: QWidget, items: list[Keyed]) -> None:
    """Take the letter from a shown label or button the keeper does not count (module
    docstring): Qt would act on it, and the keeper could hand the same letter out."""
    counted = {id(item.owner) for item in items if item.owner is not None}
    for widget in _shown_texts(window):
        if id(widget) not in counted and letter_of(widget.text()) is not None:
            widget.setText(_without(widget.text()))


def texts_of(window: QWidget) -> list[tuple[QObject, str]]:
    """What the keeper compares to see that a text changed since it looked: each shown
    label with a buddy and button with its text, each tab bar with its tab texts."""
    texts: list[tuple[QObject, str]] = [(w, w.text()) for w in _shown_texts(window)]
    for bar in window.findChildren(QTabBar):
        if bar.window() is window:
            texts.append((bar, "\0".join(bar.tabText(i) for i in range(bar.count()))))
    return texts


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
    for label in window.findChildren(QLabel):
        _reachable_buddy(label)
    items = list(keyed(window))
    holders: dict[str, Keyed] = {}
    fixed: list[Keyed] = []  # the save button's conventional letter never moves
    for item in items:
        index = _conventional(item)
        if index is not None and _without(item.get())[index].casefold() not in holders:
            _set_letter(item, index, holders)
            fixed.append(item)
    # The window's fixed controls next, each with its own letter or its first free one:
    # the same letters whatever the page shows (usability round 6 #23).
    for item in (i for i in items if _is_fixed(i) and not _among(i, fixed)):
        key = letter_of(item.get())
        if key is not None and key not in holders:
            holders[key] = item
            fixed.append(item)
        elif _give_letter(item, holders):
            fixed.append(item)
    for required in (True, False):
        waiting: list[Keyed] = []
        for item in (i for i in items if i.required is required):
            if any(holder is item for holder in holders.values()) or _among(item, fixed):
                continue  # given its conventional or fixed letter above
            key = letter_of(item.get())
            if key is not None and key not in holders:
                holders[key] = item
            else:
                waiting.append(item)
        # Every word start first, then the other letters (module docstring).
        left = [item for item in waiting if not _give_letter(item, holders, starts_only=True)]
        for item in left:
            if not _give_letter(item, holders):
                _move_a_holder(item, holders, fixed, may_move_menus=required)
    _drop_stray_letters(window, items)
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


def _free_index(text: str, holders: dict[str, Keyed], starts_only: bool = False) -> int | None:
    shown = _without(text).replace("&&", "&")
    for index in _candidates(shown):
        if starts_only and not (index == 0 or not shown[index - 1].isalnum()):
            break  # the word starts come first in _candidates
        key = shown[index].casefold()
        if key not in holders and key.isascii():
            return index
    return None


def _set_letter(item: Keyed, index: int, holders: dict[str, Keyed]) -> None:
    plain = _without(item.get())
    holders[plain.replace("&&", "&")[index].casefold()] = item
    item.set(_with(plain, index))


def _give_letter(item: Keyed, holders: dict[str, Keyed], starts_only: bool = False) -> bool:
    """Give ``item`` a free letter of its text (only a word's first with ``starts_only``,
    which leaves the text as it is when none is free); without any, its repeated letter
    goes."""
    index = _free_index(item.get(), holders, starts_only)
    if index is not None:
        _set_letter(item, index, holders)
        return True
    if starts_only:
        return False
    plain = _without(item.get())
    if plain != item.get():
        item.set(plain)  # a repeated letter is worse than none
    return False


def _move_a_holder(
    item: Keyed,
    holders: dict[str, Keyed],
    fixed: Sequence[Keyed] = (),
    may_move_menus: bool = True,
) -> None:
    """Give ``item`` a letter of its text by moving that letter's holder to another letter
    of the holder's own text, whose holder may move on in turn (a chain, as in a matching:
    "DigiD" takes the d of "Dossiergegevens", which takes its o, whose holder takes a
    free letter). The ``fixed`` holders stay; a field moves no menu or tab
    (``may_move_menus`` False): those letters are the window's landmarks."""
    chain = _room_for(item, holders, fixed, may_move_menus, set())
    for who, index in reversed(chain or []):  # the last moves to a free letter first
        old = letter_of(who.get())
        if old is not None and holders.get(old) is who:
            del holders[old]
        _set_letter(who, index, holders)


def _room_for(
    item: Keyed,
    holders: dict[str, Keyed],
    fixed: Sequence[Keyed],
    may_move_menus: bool,
    seen: set[str],
) -> list[tuple[Keyed, int]] | None:
    """The moves ``(who, index of the letter in its text)`` that give ``item`` a letter,
    or ``None``; ``seen`` holds the letters already in the chain being built."""
    shown = _without(item.get()).replace("&&", "&")
    candidates = [i for i in _candidates(shown) if shown[i].casefold().isascii()]
    for index in candidates:
        key = shown[index].casefold()
        if key not in holders and key not in seen:
            return [(item, index)]
    for index in candidates:
        key = shown[index].casefold()
        holder = holders.get(key)
        if key in seen or holder is None or holder is item or any(holder is f for f in fixed):
            continue
        if not may_move_menus and holder.what.startswith(("menu ", "tab ")):
            continue
        seen.add(key)
        rest = _room_for(holder, holders, fixed, may_move_menus, seen)
        if rest is not None:
            return [(item, index), *rest]
    return None


class MnemonicKeeper(QObject):
    """An application event filter: a window is looked at (once per event-loop turn)
    after something in it was shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._due: dict[int, bool] = {}  # window id -> look whatever changed (shown, hidden)
        self._windows: dict[int, QWidget] = {}
        self._left: dict[int, list[tuple[QObject, str]]] = {}  # the texts as last left

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return _alt_letter_typed(watched, event)
        if kind == QEvent.Type.Shortcut:
            # (PySide hands it over as a plain QEvent: nothing of it is needed)
            return _field_shortcut(watched)
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(watched, QWidget):
            self._schedule(watched.window(), always=True)
        elif kind == QEvent.Type.LayoutRequest and isinstance(watched, QWidget):
            # A text set again asks for a new layout: looked at if one changed.
            window = watched.window()
            if id(window) in self._left:
                self._schedule(window, always=False)
        return False

    def _schedule(self, window: QWidget, always: bool) -> None:
        key = id(window)
        if not window.isVisible():
            # Nothing to look at; and no reference kept to a widget still being built
            # (a hidden one is sent events then): PySide would keep the wrapper it made
            # of it half built (a combo's list view came back as a QAbstractScrollArea).
            self._left.pop(key, None)
            return
        if key in self._due:
            self._due[key] = self._due[key] or always
            return
        self._due[key] = always
        self._windows[key] = window
        QTimer.singleShot(0, lambda k=key: self._run(k))

    def _run(self, key: int) -> None:
        always = self._due.pop(key, True)
        window = self._windows.pop(key, None)
        if window is None:
            return
        try:
            visible = window.isVisible()
        except RuntimeError:  # deleted meanwhile (a closed dialog)
            self._left.pop(key, None)
            return
        if not visible:
            self._left.pop(key, None)
            return
        if isinstance(window, QMenu):
            if always:
                assign_menu(window)  # an item added or renamed since its window was seen
            return
        if not always and not self._changed(key):
            return
        assign(window)
        self.remember(window)

    def remember(self, window: QWidget) -> None:
        """Keep ``window``'s texts as the keeper left them (:meth:`_changed`)."""
        self._left[id(window)] = texts_of(window)

    def _changed(self, key: int) -> bool:
        """Whether a text of the window differs from what the keeper left (or its
        widget is gone)."""
        try:
            return any(owner_text(owner) != text for owner, text in self._left.get(key, []))
        except RuntimeError:  # a widget deleted meanwhile
            return True


def owner_text(owner: QObject) -> str:
    """The text :func:`texts_of` read from ``owner``."""
    if isinstance(owner, QTabBar):
        return "\0".join(owner.tabText(i) for i in range(owner.count()))
    assert isinstance(owner, QLabel | QAbstractButton)
    return owner.text()


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
            keeper.remember(widget)
    return keeper
