"""The intake window's menu and keyboard shortcuts (window-wide, so they work from any
field): Ctrl+K switcher, F8/Ctrl+Down next question, Shift+F8/Ctrl+Up previous,
Ctrl+PgDown/PgUp next/previous topic, Ctrl+1…9 and Alt+1…9 topics, Ctrl+P park or resume,
Ctrl+Enter covered, F9 the side column (questions and tips) shown or hidden, Ctrl+R session
record, Ctrl+T interpreter view, F12 the interpreter view full screen for the newcomer,
Ctrl+Shift+D Dossiergegevens and Ctrl+Shift+P the PIP editor (as in the case list),
Ctrl+S save now, Ctrl+W close, Esc the Tolkscherm when it is open, else the window; F1
(Help → Sneltoetsen) lists them all, with the app's own keys that work here as in every
window (Ctrl+Shift+S sync, Ctrl+L lock: ``ui.app_actions``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut

from inburg_desktop.i18n import _
from inburg_desktop.ui.app_actions import add_to_menu
from inburg_desktop.ui.intake.topic_map import SHORTCUT_TOPICS
from inburg_desktop.ui.interpreter_window import esc_beside
from inburg_desktop.ui.keys import key_sequence
from inburg_desktop.ui.shortcut_overview import add_help_menu

if TYPE_CHECKING:
    from inburg_desktop.ui.intake.window import IntakeWindow


def _action(
    window: IntakeWindow, text: str, keys: list[str], slot: Callable[[], object]
) -> QAction:
    action = QAction(text, window)
    # PortableText: Qt parses a key string as *native* (translated) text by default, and
    # ``ui.qt_words`` names Return "Enter" for the menus, so "Ctrl+Enter" was read as
    # Ctrl+Return: the action held Ctrl+Return twice, Qt found the key ambiguous and
    # fired neither, and keypad Enter had no binding (usability round 4, item 1).
    action.setShortcuts([key_sequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def build_actions(w: IntakeWindow) -> None:
    menu = w.menuBar().addMenu(_("&Intake"))
    entries: list[tuple[str, list[str], Callable[[], object]] | None] = [
        (_("&Naar onderwerp…"), ["Ctrl+K"], w.open_switcher),
        (_("Volgende &vraag"), ["F8", "Ctrl+Down"], lambda: w.next_prompt(1)),
        (_("Vo&rige vraag"), ["Shift+F8", "Ctrl+Up"], lambda: w.next_prompt(-1)),
        # the questions and tips beside the form; they give way on a narrow window
        (_("&Zijkolom met vragen en tips"), ["F9"], w.toggle_side_column),
        (_("Volgend &onderwerp"), ["Ctrl+PgDown"], lambda: w.step_topic(1)),
        (_("Vorig onderw&erp"), ["Ctrl+PgUp"], lambda: w.step_topic(-1)),
        (_("&Parkeren of hervatten"), ["Ctrl+P"], w.toggle_park),
        (_("&Markeren als afgerond"), ["Ctrl+Return", "Ctrl+Enter"], w.mark_covered),
        None,
        (_("&Gespreksverslag vastleggen…"), ["Ctrl+R"], w.open_session_dialog),
        (_("&Tolkscherm"), ["Ctrl+T"], w.open_interpreter),
        # the interpreter view's own key, from here too (usability round 4, item 4)
        (_("Toon &aan nieuwkomer"), ["F12"], w.show_to_newcomer),
        (_("&Dossiergegevens…"), ["Ctrl+Shift+D"], w.open_details),
        # the same keys as in the case list: the PIP of this case
        (_("P&IP opstellen"), ["Ctrl+Shift+P"], w.open_pip),
        (_("Nu op&slaan"), ["Ctrl+S"], w.autosave.flush),
        None,
        (_("Sl&uiten"), ["Ctrl+W"], w.close_asking),
    ]
    for entry in entries:
        if entry is None:
            menu.addSeparator()
        else:
            menu.addAction(_action(w, *entry))
    # Ctrl+L (lock) and Ctrl+Shift+S (sync) are the app's, from every window
    # (ui.app_actions); bound here only when no case list is open (the window on its own)
    if not add_to_menu(
        menu, sync_text=_("Synchroniseren met &kantoor…"), lock_text=_("Vergrende&len")
    ):
        menu.addAction(_action(w, _("Vergrende&len"), ["Ctrl+L"], w.lock_requested.emit))
    topics = menu.addMenu(_("Ga naar onder&werp"))
    w.topic_actions = []
    for number, topic in enumerate(w.catalogue.topics[:SHORTCUT_TOPICS], start=1):
        keys = [f"Ctrl+{number}", f"Alt+{number}"]
        action = _action(w, "", keys, functools.partial(w.show_topic, topic.id))
        topics.addAction(action)
        w.topic_actions.append(action)
    name_topic_actions(w)
    # Esc as in every secondary window (usability round 6 #24), asking as Ctrl+W does;
    # while the Tolkscherm is open it leaves the Tolkscherm instead (round 8, finding 3)
    esc = QShortcut(key_sequence("Esc"), w)
    esc.setWhatsThis(_("Tolkscherm sluiten, anders dit venster"))
    esc.activated.connect(lambda: esc_beside(w.interpreter, w.close_asking))
    add_help_menu(w, w.vault)


def name_topic_actions(w: IntakeWindow) -> None:
    """The "Ga naar onderwerp" entries (Ctrl+1…9) named by the topics of the window's
    catalogue, in the UI language: made again after a language switch, since a title
    from the catalogue is no message ``ui.retranslate`` can say again (usability round 8,
    finding 7: F1 listed the topics in the old language)."""
    topics = w.catalogue.topics[: len(w.topic_actions)]
    for number, (action, topic) in enumerate(zip(w.topic_actions, topics, strict=True), start=1):
        action.setText(f"&{number}. {topic.title.replace('&', '&&')}")  # mnemonic: its number
