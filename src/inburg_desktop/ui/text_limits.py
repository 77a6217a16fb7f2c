"""Free text that becomes a field value, limited where the consultant types it.

Every field value must fit the office protocol (256 KiB of JSON per value, see
``storage.changes``), so a consultant never writes something that sync cannot deliver.
The limits are counted in characters (UTF-16 code units, as Qt counts them); one such unit
takes at most 6 bytes of JSON (a control character written as ``\\u0001``), so a long text
of ``LONG_TEXT_MAX`` units is at most 120 KB and always fits.

The editors below keep the consultant's text intact: typing stops at the limit, a paste
that does not fit is cut at the limit and the message says how much was left out; near
the limit a counter shows; a text stored before these limits, longer than allowed, is
shown whole (never cut on loading) and may only get shorter, and the message says so.
``limit_message(text, kind)`` carries the message for a :class:`MessageLabel` beside the
editor (``with_message``); ``kind`` is ``""`` when there is nothing to say.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from inburg_desktop.formatting import format_number
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.ui.message_label import MessageLabel

LONG_TEXT_MAX = 20_000
"""Notes, long answers, toelichtingen: about eight pages of text."""
SHORT_TEXT_MAX = 1_000
"""One-line answers, names of organisations, row descriptions."""
MERGE_TEXT_MAX = 2 * LONG_TEXT_MAX + 1
"""A merge of two long texts (conflict view): both, with a line between."""
COUNTER_FROM = 0.9
"""Show the counter from this share of the limit on."""


def units(text: str) -> int:
    """Length of ``text`` as Qt counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _n(value: int) -> str:
    return format_number(value)


def message_for(length: int, maximum: int, dropped: int = 0) -> tuple[str, str]:
    """The message (and its kind) for a text of ``length`` units under ``maximum``."""
    if length > maximum:
        return (
            _(
                "Deze tekst is {length} tekens lang; er kunnen er hoogstens {maximum} mee naar "
                "kantoor. Maak hem korter: tot dan wordt deze wijziging niet opgeslagen."
            ).format(length=_n(length), maximum=_n(maximum)),
            "error",
        )
    if dropped > 0:
        return (
            ngettext(
                "Hier passen hoogstens {maximum} tekens; {dropped} teken is niet overgenomen.",
                "Hier passen hoogstens {maximum} tekens; {dropped} tekens zijn niet overgenomen.",
                dropped,
            ).format(maximum=_n(maximum), dropped=_n(dropped)),
            "error",
        )
    if length >= maximum:
        return (
            _("Hier passen hoogstens {maximum} tekens; meer kan niet.").format(maximum=_n(maximum)),
            "warning",
        )
    if length >= COUNTER_FROM * maximum:
        return (
            _("{length} van hoogstens {maximum} tekens.").format(
                length=_n(length), maximum=_n(maximum)
            ),
            "info",
        )
    return "", ""


class LimitedLineEdit(QLineEdit):
    """A one-line editor that holds at most ``maximum`` characters (see the module)."""

    limit_message = Signal(str, str)

    def __init__(self, maximum: int = SHORT_TEXT_MAX, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maximum = maximum
        self._shown = ("", "")
        self.setMaxLength(maximum)
        self.textChanged.connect(self._changed)

    @property
    def over_limit(self) -> bool:
        return units(self.text()) > self.maximum

    def setText(self, text: str | None) -> None:
        # Qt cuts a longer text to maxLength: a stored text is shown whole instead.
        self.setMaxLength(max(self.maximum, units(text or "")))
        super().setText(text)
        if not self.hasFocus():
            # A text put in by the program shows its start, not its end ("'W-2026-0815":
            # usability round 6, finding 8); where one types, the cursor stays put.
            self.setCursorPosition(0)

    def _changed(self, text: str) -> None:
        length = units(text)
        # Never below the current length (that would cut it); back to the limit as the
        # consultant shortens a text that was longer.
        self.setMaxLength(max(self.maximum, length))
        self._tell(*message_for(length, self.maximum))

    def _tell(self, text: str, kind: str) -> None:
        if (text, kind) != self._shown:
            self._shown = (text, kind)
            self.limit_message.emit(text, kind)


class LimitedPlainTextEdit(QPlainTextEdit):
    """A multi-line editor that holds at most ``maximum`` characters (see the module)."""

    limit_message = Signal(str, str)

    def __init__(self, maximum: int = LONG_TEXT_MAX, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maximum = maximum
        self._loading = False
        self._length = 0
        self._shown = ("", "")
        # Tab goes on to the next field, as in every other field of a form (a tab
        # character in a motivering or a note is never what was meant); lines wrap.
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.textChanged.connect(self._changed)

    @property
    def length(self) -> int:
        return max(0, self.document().characterCount() - 1)

    @property
    def over_limit(self) -> bool:
        return self.length > self.maximum

    def setPlainText(self, text: str) -> None:
        self._loading = True
        try:
            super().setPlainText(text)
        finally:
            self._loading = False
        self._length = self.length
        self._tell(*message_for(self._length, self.maximum))

    def _changed(self) -> None:
        length = self.length
        if self._loading:
            return
        allowed = max(self.maximum, self._length)
        excess = length - allowed
        if excess > 0:
            self._cut(excess)
            length = self.length
            self._length = length
            self._tell(*message_for(length, self.maximum, excess))
            return
        self._length = length
        self._tell(*message_for(length, self.maximum))

    def _cut(self, excess: int) -> None:
        """Remove the last ``excess`` units just inserted (before the cursor), keeping a
        surrogate pair whole."""
        document = self.document()
        end = self.textCursor().position()
        if end < excess:
            end = self.length  # the insertion is not before the cursor: cut the end
        start = end - excess
        if start > 0 and 0xDC00 <= ord(document.characterAt(start)) <= 0xDFFF:
            start -= 1  # do not split a surrogate pair
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        # The removal emits textChanged again (ignored here), so every other listener also
        # sees the text as it stays.
        self._loading = True
        try:
            cursor.removeSelectedText()
        finally:
            self._loading = False

    def _tell(self, text: str, kind: str) -> None:
        if (text, kind) != self._shown:
            self._shown = (text, kind)
            self.limit_message.emit(text, kind)


def connect_message(edit: LimitedLineEdit | LimitedPlainTextEdit, label: MessageLabel) -> None:
    """Show ``edit``'s limit messages in ``label``."""

    def show(text: str, kind: str) -> None:
        if text:
            label.show_message(text, kind)
        else:
            label.clear_message()

    edit.limit_message.connect(show)


def with_message(edit: LimitedLineEdit | LimitedPlainTextEdit) -> QWidget:
    """``edit`` with its message line beneath it (flat while there is nothing to say)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(edit)
    label = MessageLabel(box)
    label.setObjectName(f"{edit.objectName() or 'text'}:limit")
    layout.addWidget(label)
    box.setFocusProxy(edit)
    connect_message(edit, label)
    return box
