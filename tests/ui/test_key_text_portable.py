"""Every key sequence the app builds from text reads it as portable text (``ui.keys``):
Qt's default reads it through the installed translators, and ``ui.qt_words`` names
Return "Enter", which turned "Ctrl+Enter" into a second Ctrl+Return (usability round 4:
Ctrl+Enter did nothing, the key was ambiguous). Checked on the source, since a string
passed to ``QKeySequence(...)`` or ``setShortcut(...)`` anywhere is the fault again; and
on the real sequences once the Qt words are installed."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from inburg_desktop.ui.keys import key_sequence
from inburg_desktop.ui.qt_words import QtWordsTranslator

SRC = Path(__file__).resolve().parents[2] / "src" / "inburg_desktop"
# a string literal or a name handed straight to QKeySequence or to setShortcut(s)
NATIVE = re.compile(r"QKeySequence\(\s*(\"|'|[a-z_]+\s*\))|setShortcuts?\(\s*(\"|')")


def test_no_key_sequence_is_built_from_text_through_the_translators() -> None:
    offenders = [
        f"{path.relative_to(SRC)}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "keys.py"
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if NATIVE.search(line) and "PortableText" not in line
    ]
    assert offenders == []


def test_return_and_enter_stay_two_keys_with_the_qt_words_installed(
    qapp: QApplication,
) -> None:
    words = QtWordsTranslator("nl", qapp)
    qapp.installTranslator(words)
    try:
        assert key_sequence("Ctrl+Return") != key_sequence("Ctrl+Enter")
        # the fault itself: native text read through the words is one key for both
        assert QKeySequence("Ctrl+Enter") == QKeySequence("Ctrl+Return")
    finally:
        qapp.removeTranslator(words)
