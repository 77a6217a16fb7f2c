"""Key sequences from the program's own text ("Ctrl+Return", "Ctrl+Shift+S").

``QKeySequence("Ctrl+Enter")`` reads its text as *native* text, through the installed
translators, and the app installs one that writes Qt's "Return" as "Enter" for the
consultant (``ui.qt_words``, what keyboards print). From then on "Ctrl+Enter" parsed as
Ctrl+Return: the intake's "Afgerond" action held Ctrl+Return twice, Qt found the key
ambiguous and fired nothing (usability round 4: Ctrl+Enter did nothing; the intake tests
failed after any test that had switched the language). Text in the code is portable text,
read the same whatever the translators say.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

__all__ = ["key_sequence"]


def key_sequence(text: str) -> QKeySequence:
    """``text`` (Qt's portable key names, e.g. ``"Ctrl+Return"``) as a key sequence,
    independent of installed translators."""
    return QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)
