"""No word of the other language on a screen (usability round 3, item 2): with the UI in
English, every window and dialog of the app is opened and every visible text (labels,
buttons, group boxes, window titles, tab texts, table headers, combo items, tooltips,
placeholders) is checked against the catalogue: a text that is the *Dutch msgid* of an
entry with an English translation is a leftover (the code never asked ``_()``, or asked
before the language was switched). The reverse for Dutch: no text is an English msgstr
that differs from its Dutch msgid.

Both directions go through :func:`every_window`, so a window added later is walked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import shiboken6
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.i18n import catalogue_paths
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import use_language

from .every_window import every_window

_PLACEHOLDER = re.compile(r"\{[^}]*\}")


@pytest.fixture(autouse=True)
def _back_to_dutch() -> Iterator[None]:
    yield
    use_language("nl")


@cache
def _pairs() -> tuple[tuple[str, str], ...]:
    """(Dutch msgid, English msgstr) of every translated entry of the UI catalogue (plural
    forms too) and of the intake catalogue's English (its labels are the consultant's)."""
    pairs: list[tuple[str, str]] = []
    for domain in ("ui", "prompts"):
        pairs += _domain_pairs(domain)
    return tuple(pairs)


def _domain_pairs(domain: str) -> list[tuple[str, str]]:
    po, _mo = catalogue_paths(domain, "en")
    with po.open("rb") as fh:
        catalog = read_po(fh)
    pairs: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for nl, en in zip(ids, strings, strict=False):
            if en and nl != en:
                pairs.append((str(nl), str(en)))
    return pairs


def _normal(text: str) -> str:
    """A shown text as a msgid would read: mnemonic ``&`` and the menu's tab-separated
    accelerator removed, ``&&`` as one ``&``, whitespace folded."""
    text = text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def _pattern(message: str) -> re.Pattern[str] | None:
    """A msgid as a whole-text pattern: placeholders match anything. ``None`` for an
    entry too short or too general to tell a language by (a lone placeholder, "OK")."""
    literal = _normal(_PLACEHOLDER.sub("\0", message))
    if len(re.sub(r"[\W\d_]", "", literal.replace("\0", ""))) < 3:
        return None
    parts = [re.escape(p) for p in literal.split("\0")]
    return re.compile("^" + "(.+?)".join(parts) + "$", re.S)


@cache
def _leftover_patterns(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The texts that must not be seen on a ``language`` screen, each with the text that
    should stand there instead."""
    found: list[tuple[re.Pattern[str], str]] = []
    for nl, en in _pairs():
        wrong, right = (nl, en) if language == "en" else (en, nl)
        if _normal(wrong) == _normal(right):
            continue
        pattern = _pattern(wrong)
        if pattern is not None:
            found.append((pattern, right))
    return tuple(found)


def _plain(text: str) -> str:
    if "<" not in text:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def shown_texts(window: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every text the consultant can see or hover in ``window``."""
    yield "windowTitle", window.windowTitle()
    for widget in [window, *window.findChildren(QWidget)]:
        if widget is not window and not widget.isVisibleTo(window):
            continue
        name = f"{type(widget).__name__}:{widget.objectName()}"
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, QLabel):
            # a rich text is read as its lines ("<b>Let op</b><ul>…" -> "Let op", …)
            for line in _plain(widget.text()).splitlines():
                yield name, line
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield f"{name} item", widget.itemText(index)
        elif isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                yield f"{name} tab", widget.tabText(index)
                yield f"{name} tab tooltip", widget.tabToolTip(index)
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            for section in range(widget.count()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = widget.model().headerData(section, widget.orientation(), role)
                    if isinstance(value, str):
                        yield f"{name} header", value
    for action in window.findChildren(QAction):
        yield "action", action.text()
        if action.toolTip() != _normal(action.text()):
            yield "action tooltip", action.toolTip()
    for menu in window.findChildren(QMenu):
        yield "menu", menu.title()


# A sign the window puts before a message ("✓ Alles opgeslagen", "⚠ Niet opgeslagen: …"):
# the message after it is judged too (usability round 7, finding 19 of round 6: an open
# intake's "✓ Alles opgeslagen" stayed Dutch after the switch to English).
_SIGN = re.compile(r"^[^\w\s(\"'‘“]+\s+")


def leftovers(window: QWidget, language: str) -> list[str]:
    found: list[str] = []
    for where, text in shown_texts(window):
        shown = _normal(text)
        if not shown:
            continue
        for candidate in dict.fromkeys((shown, _SIGN.sub("", shown))):
            matched = next(
                (
                    right
                    for pattern, right in _leftover_patterns(language)
                    if pattern.match(candidate)
                ),
                None,
            )
            if matched is not None:
                found.append(f"{where}: {shown!r} (should read {matched!r})")
                break
    return found


@pytest.mark.parametrize("language", ["en", "nl"])
def test_no_text_of_the_other_language_in_any_window(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, language: str
) -> None:
    assert use_language(language) == language
    problems: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        problems += [f"{shown.name} {p}" for p in leftovers(shown.window, language)]
    assert problems == [], "\n".join(sorted(set(problems)))


def test_the_sync_progress_names_its_step_in_english(qtbot: QtBot, vault: OpenVault) -> None:
    """Usability round 3: "Ophalen: 1 / 1" on the English screen (the step names were a
    plain dict, never in the catalogue)."""
    from inburg_desktop.ui.sync_window import SyncWindow

    use_language("en")
    window = SyncWindow(vault)
    qtbot.addWidget(window)
    for stage, word in (("push", "Sending"), ("attachments", "Attachments"), ("pull", "Receiving")):
        window._show_progress(stage, 1, 1, 0)
        assert window.progress.text() == f"{word}: 100%"


_DUTCH_DAY = re.compile(
    r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober"
    r"|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\.? \d{4}\b"
)


def test_no_date_in_dutch_on_the_english_screen(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Usability round 3: dates written the Dutch way on the English screen ("12 november
    2027" inside a translated reason). Every text of every window, rich text too."""
    assert use_language("en") == "en"
    found: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        texts = [text for _where, text in shown_texts(shown.window)]
        texts += [
            _plain(browser.toHtml())
            for browser in shown.window.findChildren(QTextBrowser)
            if browser.isVisibleTo(shown.window)
        ]
        for text in texts:
            for match in _DUTCH_DAY.finditer(_plain(text)):
                found.append(f"{shown.name}: {match.group(0)!r} in {_normal(text)[:80]!r}")
    assert found == [], "\n".join(sorted(set(found)))


def _dutch_in(texts: list[str]) -> list[str]:
    """The texts (a leading "1. " of a numbered entry aside) that are a Dutch msgid with
    an English translation."""
    found: list[str] = []
    for text in texts:
        shown = re.sub(r"^\d+\.\s+", "", _normal(text))
        for pattern, right in _leftover_patterns("en"):
            if pattern.match(shown):
                found.append(f"{shown!r} (should read {right!r})")
                break
    return found


def test_the_shortcut_overview_follows_a_language_switch_in_every_window(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Usability round 8, finding 7: after a switch to English, F1 in the open intake
    listed the topics (Ctrl+1…9) in Dutch, and F1 in the Tolkscherm its keys. Every
    window, opened in Dutch, then switched as the app does (``ui.retranslate``); the
    overview's table read as shown."""
    from inburg_desktop.ui.retranslate import retranslate_open_windows
    from inburg_desktop.ui.shortcut_overview import ShortcutOverview

    assert use_language("nl") == "nl"
    windows = {id(s.window): s for s in every_window(qtbot, vault, vault_path)}
    assert use_language("en") == "en"
    retranslate_open_windows()
    problems: list[str] = []
    for shown in windows.values():
        if not shiboken6.isValid(shown.window) or not shown.window.isVisible():
            continue  # a dialog the walk closed (a form, the PIP's confirmation)
        overview = ShortcutOverview(shown.window)
        qtbot.addWidget(overview)
        table = overview.table
        items = [table.item(row, 0) for row in range(table.rowCount())]
        texts = [item.text() for item in items if item is not None]
        problems += [f"{shown.name} F1: {p}" for p in _dutch_in(texts)]
    assert problems == [], "\n".join(sorted(set(problems)))
