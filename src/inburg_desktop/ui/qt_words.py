"""Qt's own words that Qt's shipped catalogues leave in English, and key names as the
keyboards of the UI language print them.

Qt 6 renamed some of its strings ("&Look in:", "Files of &type:" in the file dialog,
"&HTML:" in the colour dialog, the ``QPlatformTheme`` button "OK") and ``qtbase_nl.qm``
still holds only the old ones, so a Dutch file dialog said "Look in:" (usability round
3). Key names come from Qt's ``QShortcut`` context: Qt writes "Return" and "PgDown", where
keyboards print "Enter" and "PgDn".

:class:`QtWordsTranslator` is installed *after* Qt's own catalogue (``ui.qt_language``)
and so is asked first: what it knows wins, anything else falls through to Qt's.
Everything drawn by Qt asks it: the file, colour and message dialogs, and every
``QKeySequence.toString(NativeText)`` (menus, tooltips, the F1 list).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QTranslator

# (context, Qt's source text) -> the text, per UI language. Contexts and source texts
# are Qt's (qtbase 6); the Dutch words follow Qt's own older catalogue ("Zoeken in:") and
# the file dialog's "Bestands&naam:" beside it ("Bestands&type:"). PgUp is already what
# keyboards print.
_KEYS_BOTH: Mapping[tuple[str, str], str] = {
    ("QShortcut", "Return"): "Enter",
    ("QShortcut", "PgDown"): "PgDn",
}

WORDS: Mapping[str, Mapping[tuple[str, str], str]] = {
    "nl": {
        **_KEYS_BOTH,
        ("QFileDialog", "&Look in:"): "&Zoeken in:",
        ("QFileDialog", "Files of &type:"): "Bestands&type:",
        ("QAbstractFileIconProvider", "Drive"): "Station",
        ("QAbstractFileIconProvider", "Folder"): "Map",
        ("QPlatformTheme", "Reset"): "Herstellen",
        # Not "Alt+Left"/"Alt+Right" (context QFileDialog): Qt parses those as the back
        # and forward keys, a translation would unbind them.
    },
    "en": dict(_KEYS_BOTH),
}


class QtWordsTranslator(QTranslator):
    """A translator holding :data:`WORDS` of one language; ``None`` (ask the next
    translator) for anything it does not know."""

    def __init__(self, language: str, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.words = WORDS.get(language, {})

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return self.words.get((context, source_text))

    def isEmpty(self) -> bool:
        return not self.words
