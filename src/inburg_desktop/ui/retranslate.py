"""Every open window follows a change of the UI language, completely and in place
(usability round 6 finding 19: after Instellingen → Taal van de app → English, an open
intake window showed its topic states in English and everything else in Dutch until it
was closed and opened again).

Windows are not rebuilt: typed text, refused input, the keyboard's place and the scroll
positions stay as they are. Instead every text a window shows that was made by ``_()``
or ``ngettext()`` (with its format values) is said again in the new language
(:func:`inburg_desktop.i18n.retranslated`): window titles, labels, buttons, group boxes,
tabs, menus and actions, combo and list entries, header sections, placeholders, tooltips
and accessible names. What a window makes from its state rather than from a message
(the intake's questions from the prompt catalogue, a preview) it makes again in a
``retranslate()`` method of its own, called afterwards (:class:`Retranslatable`).

Typed text is never touched: a line edit's or text box's content is data, not a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QAbstractItemModel, QObject, Qt
from PySide6.QtGui import QAction, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from inburg_desktop.i18n import retranslated


@runtime_checkable
class Retranslatable(Protocol):
    """A window or a part of one with texts made from its state or data (a language's
    name): it makes them again in the new language."""

    def retranslate(self) -> None: ...


def said_again(text: str) -> str | None:
    """``text`` in the current language, or ``None`` when it is no message (or says the
    same)."""
    if not text:
        return None
    if "\t" in text:  # a menu entry's text and its key ("Vergrendelen\tCtrl+L")
        words, keys = text.split("\t", 1)
        again_words = said_again(words)
        return None if again_words is None else f"{again_words}\t{keys}"
    again = retranslated(text)
    return None if again == text else again


def _again(get: Callable[[], str], put: Callable[[str], object]) -> None:
    again = said_again(get())
    if again is not None:
        put(again)


def _common(widget: QWidget) -> None:
    _again(widget.toolTip, widget.setToolTip)
    _again(widget.statusTip, widget.setStatusTip)
    _again(widget.whatsThis, widget.setWhatsThis)
    _again(widget.accessibleName, widget.setAccessibleName)
    _again(widget.accessibleDescription, widget.setAccessibleDescription)


def _model(model: QAbstractItemModel | None) -> None:
    """Header sections of a standard item model (a custom model says its own headers)."""
    if not isinstance(model, QStandardItemModel):
        return
    for orientation, count in (
        (Qt.Orientation.Horizontal, model.columnCount()),
        (Qt.Orientation.Vertical, model.rowCount()),
    ):
        for section in range(count):
            value = model.headerData(section, orientation)
            if isinstance(value, str) and value:
                again = retranslated(value)
                if again != value:
                    model.setHeaderData(section, orientation, again)


def retranslate_widget(widget: QWidget) -> None:
    """Say every message ``widget`` shows again in the current language (not its
    children: :func:`retranslate_window` walks them)."""
    _common(widget)
    if widget.isWindow():
        _again(widget.windowTitle, widget.setWindowTitle)
    if isinstance(widget, QLabel | QAbstractButton):
        _again(widget.text, widget.setText)
    elif isinstance(widget, QGroupBox | QMenu):
        _again(widget.title, widget.setTitle)
    elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        _again(widget.placeholderText, widget.setPlaceholderText)  # never the typed text
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            if (text := said_again(widget.tabText(index))) is not None:
                widget.setTabText(index, text)
            if (tip := said_again(widget.tabToolTip(index))) is not None:
                widget.setTabToolTip(index, tip)
    elif isinstance(widget, QComboBox):
        _combo(widget)
    if isinstance(widget, QListWidget):
        for row in range(widget.count()):
            item = widget.item(row)
            _again(item.text, item.setText)
            _again(item.toolTip, item.setToolTip)
    elif isinstance(widget, QTreeWidget):
        _tree(widget)
    elif isinstance(widget, QTableWidget):
        for column in range(widget.columnCount()):
            head = widget.horizontalHeaderItem(column)
            if head is not None:
                _again(head.text, head.setText)
        for row in range(widget.rowCount()):
            for column in range(widget.columnCount()):
                cell = widget.item(row, column)
                if cell is not None:
                    _again(cell.text, cell.setText)
    elif isinstance(widget, QAbstractItemView):
        _model(widget.model())


def _tree(tree: QTreeWidget) -> None:
    header = tree.headerItem()
    pending: list[QTreeWidgetItem] = [] if header is None else [header]
    pending += [
        item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)) is not None
    ]
    while pending:
        item = pending.pop()
        for column in range(tree.columnCount()):
            if (text := said_again(item.text(column))) is not None:
                item.setText(column, text)
        pending += [child for i in range(item.childCount()) if (child := item.child(i)) is not None]


def _combo(combo: QComboBox) -> None:
    # An editable combo's typed text is the consultant's; its entries are messages.
    typed = combo.currentText() if combo.isEditable() else None
    shown_entry = combo.isEditable() and typed == combo.itemText(combo.currentIndex())
    was = combo.blockSignals(True)  # the same choice, in other words: no edit
    try:
        for index in range(combo.count()):
            if (text := said_again(combo.itemText(index))) is not None:
                combo.setItemText(index, text)
        if typed is not None:
            combo.setEditText(combo.itemText(combo.currentIndex()) if shown_entry else typed)
            line = combo.lineEdit()
            if line is not None:
                _again(line.placeholderText, line.setPlaceholderText)
    finally:
        combo.blockSignals(was)


def _action(action: QAction) -> None:
    _again(action.text, action.setText)
    _again(action.toolTip, action.setToolTip)
    _again(action.statusTip, action.setStatusTip)
    _again(action.iconText, action.setIconText)


def retranslate_window(window: QWidget) -> None:
    """Say every message of ``window`` and its children again in the current language,
    then let the window make its state's texts again (:class:`Retranslatable`)."""
    widgets: list[QWidget] = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        retranslate_widget(widget)
    actions: list[QObject] = list(window.findChildren(QAction))
    for action in actions:
        assert isinstance(action, QAction)
        _action(action)
    # A key without a menu entry is described in the shortcut overview (F1) by its
    # whatsThis: said again too (usability round 8, finding 7: F1 kept the old language).
    for shortcut in window.findChildren(QShortcut):
        _again(shortcut.whatsThis, shortcut.setWhatsThis)
    # Parts that make texts from data (a list of languages named in the UI language)
    # first, then the window, which may build on them.
    for widget in widgets[1:]:
        if isinstance(widget, Retranslatable):
            widget.retranslate()
    if isinstance(window, Retranslatable):
        window.retranslate()


def retranslate_open_windows(skip: QWidget | None = None) -> None:
    """Every top-level window (shown or hidden, but not ``skip``) in the current language.
    Call after :func:`inburg_desktop.ui.app.use_language`."""
    for window in QApplication.topLevelWidgets():
        if window is skip or not isinstance(window, QWidget):
            continue
        try:
            retranslate_window(window)
        except RuntimeError:  # deleted while we walked (a closing dialog)
            continue
