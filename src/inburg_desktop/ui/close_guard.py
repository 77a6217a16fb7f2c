"""The one way a window that edits case data or settings closes: nothing typed is lost
without a question.

Every such window (the PIP editor, the intake, Dossiergegevens, the letterhead, the
consultant's name) owns a :class:`CloseGuard`. When the window is asked to close (Ctrl+W,
Ctrl+Q, Esc in a dialog, the title bar's ✕) the guard decides:

- a window that saves on request (the PIP editor, the dialogs) compares the raw state of
  *every* editable field under it (:func:`field_state`: text, combos, spin boxes, check
  boxes, date fields, added or removed rows) with the state it last loaded or saved; a
  field the window does not save (a print choice) is marked with :data:`NOT_SAVED`; the
  fields of a dialog or window opened under it (Qt's print dialog, a file dialog, a
  confirmation) are that dialog's, never the window's (``ui.own_widgets``);
- a window that saves as one types (the intake) first writes what is pending; only what
  the vault could not take counts as unsaved.

With unsaved edits it asks, window-modal and with ``open()`` (never a nested event loop:
a lock may close everything at any moment): Opslaan, Niet opslaan, or Annuleren (stay).
A date typed but not finished ("abc", "3-13") cannot be saved, so then it asks about
that date instead, without an Opslaan that cannot save (usability round 7, finding 16):
"Terug naar de datum" (the default, and Esc) puts the cursor in it; "Sluiten zonder deze
datum" closes (``unfinished_dates``).
The question names what is unsaved by the labels the consultant sees on screen, in the
UI language (:func:`field_label`, :func:`unsaved_fields_text`: at most five, then "en N
andere"; usability round 4 finding 10: "U hebt wijzigingen" did not say which).
While the app locks the vault (:func:`closing_for_lock`) no window asks: the key is
wiped right after, and a question left on a locked screen would show case data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayoutItem,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from inburg_desktop.formatting import format_number
from inburg_desktop.i18n import _, ngettext
from inburg_desktop.messages import sentences
from inburg_desktop.ui.accessible import focus_target, label_name
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.own_widgets import own_children

LOCKING = "inburgLocking"  # an application property: True while the app locks the vault
NOT_SAVED = "inburgNotSaved"  # a widget property: a field its window does not save


@contextmanager
def closing_for_lock() -> Iterator[None]:
    """While inside, every guarded window closes without asking (the app's lock)."""
    app = QApplication.instance()
    if app is not None:
        app.setProperty(LOCKING, True)
    try:
        yield
    finally:
        if app is not None:
            app.setProperty(LOCKING, False)


def is_locking() -> bool:
    """Whether the app is closing every window to lock the vault."""
    app = QApplication.instance()
    return app is not None and bool(app.property(LOCKING))


class _Unreadable:
    """A state that cannot be read (a half-typed date): never equal to a saved state."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = None  # type: ignore[assignment]


UNREADABLE = _Unreadable()


def _not_saved(widget: QWidget, root: QWidget) -> bool:
    current: QWidget | None = widget
    while current is not None and current is not root:
        if current.property(NOT_SAVED):
            return True
        current = current.parentWidget()
    return False


def editable_fields(root: QWidget) -> list[QWidget]:
    """Every field under ``root`` a person can type into or choose in, in widget order:
    line edits (also inside date fields), text areas, combos, spin boxes and checkable
    buttons; not those marked :data:`NOT_SAVED` (nor their children), nor those of a
    dialog or window opened under ``root`` (``ui.own_widgets``). A spin box's or combo's
    own line edit is left out (its owner stands for it)."""
    fields: list[QWidget] = []
    for widget in own_children(root, QWidget):
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parentWidget(), (QAbstractSpinBox, QComboBox)
        ):
            continue
        editable = isinstance(
            widget, (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)
        ) or (isinstance(widget, QAbstractButton) and widget.isCheckable())
        if editable and not _not_saved(widget, root):
            fields.append(widget)
    return fields


def _value(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    return None


def field_state(root: QWidget) -> tuple[tuple[str, object], ...]:
    """What every editable field under ``root`` shows now: ``(class name, value)`` in
    widget order, so an added or removed row changes it too. Rows being removed must be
    taken out of the widget tree at once (``setParent(None)`` before ``deleteLater``)."""
    return tuple((type(w).__name__, _value(w)) for w in editable_fields(root))


MOST_NAMED = 5  # a question names at most this many fields, then "en N andere"


def _widgets_of(item: QLayoutItem) -> list[QWidget]:
    """The widget of a form row's field, or every widget of the row's layout (a row of a
    combo and a spin box: the row's label names each that has no name of its own)."""
    widget = item.widget()
    if widget is not None:
        return [widget]
    layout = item.layout()
    if layout is None:
        return []
    found: list[QWidget] = []
    for index in range(layout.count()):
        child = layout.itemAt(index)
        if child is not None:
            found += _widgets_of(child)
    return found


@dataclass
class _LabelTexts:
    """The labels under a window: ``direct`` names the widget that is a label's buddy or a
    form row's field; ``row`` names each widget of a form row that is a layout."""

    direct: dict[QWidget, str]
    row: dict[QWidget, str]


def _label_texts(root: QWidget) -> _LabelTexts:
    """Per field under ``root``, the text of the label that names it on screen."""
    texts = _LabelTexts({}, {})
    for form in own_children(root, QFormLayout):
        for row in range(form.rowCount()):
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if field_item is None or label_item is None:
                continue
            label_widget = label_item.widget()
            if not isinstance(label_widget, QLabel) or not label_name(label_widget.text()):
                continue
            text = label_name(label_widget.text())
            field_widget = field_item.widget()
            if field_widget is not None:
                texts.direct[field_widget] = text
            else:
                for row_widget in _widgets_of(field_item):
                    texts.row[row_widget] = text
    for buddy_label in own_children(root, QLabel):
        buddy = buddy_label.buddy()
        if buddy is not None and label_name(buddy_label.text()):
            texts.direct[buddy] = label_name(buddy_label.text())
    return texts


def field_label(widget: QWidget, root: QWidget, texts: _LabelTexts | None = None) -> str:
    """The name the consultant knows ``widget`` by, in the UI language, the first of: a
    check box's own text; the label of the composite whose keyboard it takes (a date
    field's line edit); its accessible name (a household member's "Gezinslid 1: Naam");
    its label or its form row's label, then those of the widgets around it; its
    placeholder; the title of the group around it. ``texts``: the labels of ``root`` when
    many fields are named at once. ``""`` when nothing on screen names it.

    Without a label's closing colon ("Vastgesteld op:" → "Vastgesteld op"): the name
    goes inside sentences ("Niet opgeslagen: Vastgesteld op:." read doubled)."""
    return _found_label(widget, root, texts).rstrip().removesuffix(":").rstrip()


def _found_label(widget: QWidget, root: QWidget, texts: _LabelTexts | None) -> str:
    texts = _label_texts(root) if texts is None else texts
    if isinstance(widget, QAbstractButton) and widget.isCheckable() and widget.text():
        return label_name(widget.text())
    ancestors: list[QWidget] = []
    current = widget.parentWidget()
    while current is not None and current is not root:
        ancestors.append(current)
        current = current.parentWidget()
    for ancestor in ancestors:
        if ancestor in texts.direct and focus_target(ancestor) is widget:
            return texts.direct[ancestor]
    if widget.accessibleName().strip():  # set by the window: more than a row's label
        return widget.accessibleName().strip()
    for candidate in [widget, *ancestors]:
        name = (
            candidate.accessibleName().strip()
            or texts.direct.get(candidate, "")
            or texts.row.get(candidate, "")
        )
        if name:
            return name
    placeholder = ""
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        placeholder = widget.placeholderText()
    if placeholder.strip():
        return label_name(placeholder)
    for ancestor in ancestors:
        if isinstance(ancestor, QGroupBox) and label_name(ancestor.title()):
            return label_name(ancestor.title())
    return ""


@dataclass(frozen=True)
class FieldValue:
    """One field's value as shown, with the label that names it in a question."""

    label: str
    value: object


FieldValues = dict[object, FieldValue]
"""What a window shows, per field: the key is the widget itself, or a name for a value that
is no widget of its own (the letterhead's logo, ticked list items)."""


def hidden_place(widget: QWidget, root: QWidget) -> str:
    """The name of the tab ``widget`` stands on under ``root`` when that tab is not the
    one shown (the outermost such tab); ``""`` when it is in view."""
    place = ""
    current: QWidget | None = widget
    while current is not None and current is not root:
        parent = current.parentWidget()
        tabs = parent.parentWidget() if parent is not None else None
        shown = not isinstance(tabs, QTabWidget) or tabs.currentWidget() is current
        if isinstance(tabs, QTabWidget) and tabs.indexOf(current) >= 0 and not shown:
            place = label_name(tabs.tabText(tabs.indexOf(current)))
        current = parent
    return place


def placed(label: str, place: str) -> str:
    """A field's name in a close question with where it is when that is not in view:
    "Termijn (bij Oproepen en verslagen)" (usability round 8, finding 4: the question named
    fields on a hidden tab without saying where)."""
    if not label or not place:
        return label
    return _("{field} (bij {place})").format(field=label, place=place)


def show_place(widget: QWidget) -> None:
    """Bring the tabs ``widget`` stands on to the front, outermost first."""
    chain: list[tuple[QTabWidget, QWidget]] = []
    current: QWidget | None = widget
    while current is not None:
        parent = current.parentWidget()
        tabs = parent.parentWidget() if parent is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(current) >= 0:
            chain.append((tabs, current))
        current = parent
    for tabs, page in reversed(chain):
        tabs.setCurrentWidget(page)


def field_values(root: QWidget, fields: Sequence[QWidget] | None = None) -> FieldValues:
    """Every editable field under ``root`` (or ``fields``) with its value and its label,
    in widget order: compared with :func:`changed_labels`. A field on a tab not shown
    is named with its tab (:func:`placed`)."""
    texts = _label_texts(root)
    return {
        widget: FieldValue(
            placed(field_label(widget, root, texts), hidden_place(widget, root)), _value(widget)
        )
        for widget in (editable_fields(root) if fields is None else fields)
    }


def changed_labels(before: FieldValues, now: FieldValues) -> list[str]:
    """The labels of the fields whose value differs between ``before`` and ``now``: changed,
    added (a row) or removed; each label once, in the order of ``now`` then of ``before``."""
    labels: list[str] = []
    for key, field in now.items():
        old = before.get(key)
        if old is None or old.value != field.value:
            labels.append(field.label)
    labels += [field.label for key, field in before.items() if key not in now]
    seen: set[str] = set()
    return [x for x in labels if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


def unsaved_fields_text(labels: Sequence[str]) -> str:
    """The sentence every close question uses to name what is unsaved, in the UI language:
    at most :data:`MOST_NAMED` labels, then "en N andere"; a generic sentence when no
    label is known (an unreadable state). Example: ``"Niet opgeslagen: Taalaanbieder en
    PVT-activiteiten."``"""
    named = [label for label in labels if label]
    if not named:
        return _("Er zijn wijzigingen die nog niet zijn opgeslagen.")
    return ngettext("Niet opgeslagen: {fields}.", "Niet opgeslagen: {fields}.", len(named)).format(
        fields=name_list(named)
    )


def name_list(labels: Sequence[str]) -> str:
    """``labels`` as one Dutch (or English) enumeration: "A, B en C"; more than
    :data:`MOST_NAMED`: the first ones and "en N andere"."""
    if len(labels) > MOST_NAMED:
        shown = ", ".join(labels[: MOST_NAMED - 1])
        rest = len(labels) - (MOST_NAMED - 1)
        return ngettext("{fields} en {count} ander", "{fields} en {count} andere", rest).format(
            fields=shown, count=format_number(rest)
        )
    if len(labels) == 1:
        return labels[0]
    return _("{fields} en {last}").format(fields=", ".join(labels[:-1]), last=labels[-1])


def unfinished_dates(root: QWidget) -> list[DateInput]:
    """The date fields of ``root`` (not of a dialog opened under it) holding typed text
    that is not a usable date: it cannot be saved as it is. An empty required field is
    not unfinished (nothing was typed to lose)."""
    return [
        field
        for field in own_children(root, DateInput)
        if field.isEnabled() and field.text().strip() and field.problem() is not None
    ]


def unfinished_date_question(root: QWidget, fields: Sequence[DateInput], others: bool) -> str:
    """What the close question says about ``fields`` (unfinished dates of ``root``): each
    named by its label, the first one's problem in its own words, and what closing does.
    ``others``: other edits are unsaved too, and closing drops them as well."""
    texts = _label_texts(root)
    labels = [
        placed(field_label(field.edit, root, texts), hidden_place(field, root)) for field in fields
    ]
    named = name_list([label for label in labels if label]) or _("een datum")
    head = ngettext(
        "Deze datum is nog niet af en kan zo niet worden opgeslagen: {fields}",
        "Deze datums zijn nog niet af en kunnen zo niet worden opgeslagen: {fields}",
        len(fields),
    ).format(fields=named)
    problem = fields[0].problem() or ""
    loses = (
        _(
            "Als u het venster nu sluit, gaat wat u in de datum typte verloren, en ook wat "
            "verder nog niet is opgeslagen"
        )
        if others
        else ngettext(
            "Als u het venster nu sluit, gaat wat u in de datum typte verloren",
            "Als u het venster nu sluit, gaat wat u in de datums typte verloren",
            len(fields),
        )
    )
    return sentences(head, problem, loses)


class CloseGuard(QObject):
    """Decides whether ``window`` may close now, and asks when edits would be lost.

    ``save``: start saving what is unsaved; the window calls :meth:`saved` once the vault
    took it (then the close goes on) or :meth:`save_failed` (it stays open; the window
    says what went wrong). ``state``: what the window holds now, per field with its label
    (default: :func:`field_values` of the window; raising ``ValueError`` counts as a
    change no label names). ``unsaved``: for a window that saves as one types, the labels
    of what is still not held by the vault (it is called after the window wrote what was
    pending); when given, ``state`` is not used. ``discard``: drops what is unsaved (Niet
    opslaan). ``question``: what the window asks, shown under the named fields (default:
    whether to save). ``save_text`` and ``discard_text``: the question's two answers, for
    a window whose main act is not saving (enrolling); default ``&Opslaan`` and ``&Niet
    opslaan``. ``first``: the first unsaved field, for a window that saves as one types
    (Annuleren takes the keyboard there when it is on a tab not shown). ``decision``: the
    window's save takes a decision, so the question's default (Enter) is Annuleren.
    """

    stayed = Signal()
    """The window stays after its question: "stay" answered (Annuleren, "Terug naar de
    datum") or the save that "Opslaan" started failed (``ui.quit_app`` stops there)."""

    def __init__(
        self,
        window: QWidget,
        save: Callable[[], None],
        state: Callable[[], FieldValues] | None = None,
        unsaved: Callable[[], Sequence[str]] | None = None,
        discard: Callable[[], None] | None = None,
        question: Callable[[], str] | None = None,
        save_text: Callable[[], str] | None = None,
        discard_text: Callable[[], str] | None = None,
        first: Callable[[], QWidget | None] | None = None,
        decision: bool = False,
    ) -> None:
        super().__init__(window)
        self._first = first
        self._decision = decision
        self.window = window
        self._state = state or (lambda: field_values(window))
        self._unsaved = unsaved
        self._save = save
        self._discard = discard
        self._text = question or (lambda: _("Wilt u deze wijzigingen opslaan?"))
        self._save_text = save_text or (lambda: _("&Opslaan"))
        self._discard_text = discard_text or (lambda: _("&Niet opslaan"))
        self._clean: FieldValues | _Unreadable = UNREADABLE
        self._confirmed = False
        self._close_after_save = False
        self.question: QMessageBox | None = None

    def _current(self) -> FieldValues | _Unreadable:
        try:
            return self._state()
        except ValueError:
            return UNREADABLE

    def mark_clean(self) -> None:
        """What the window shows now is what the vault holds (after a load or a save)."""
        if self._unsaved is None:
            self._clean = self._current()

    def unsaved_labels(self) -> list[str]:
        """The labels of what would be lost by closing now, in the UI language; ``[""]``
        when something is unsaved that no label names (an unreadable state)."""
        if self._unsaved is not None:
            # A window that saves as one types cannot write an unfinished date either:
            # it is unsaved too, also in a field that is no autosaved answer (the date a
            # talk was held, an oproep's termijn).
            labels = list(self._unsaved())
            texts = _label_texts(self.window)
            for field in unfinished_dates(self.window):
                label = placed(
                    field_label(field.edit, self.window, texts), hidden_place(field, self.window)
                )
                if label not in labels:
                    labels.append(label)
            if "" in labels and len(labels) > 1:
                labels.remove("")  # a write under way is named by the fields now listed
            return labels
        now, clean = self._current(), self._clean
        if isinstance(now, _Unreadable) or isinstance(clean, _Unreadable):
            return [""]
        return changed_labels(clean, now)

    @property
    def saving(self) -> bool:
        """Whether "Opslaan" was answered and the window closes once the save is done."""
        return self._close_after_save

    @property
    def has_changes(self) -> bool:
        return bool(self.unsaved_labels())

    def allows_close(self, event: QCloseEvent | None = None) -> bool:
        """In ``closeEvent`` (or a dialog's ``reject``): True to close now; otherwise the
        event is ignored and the question is asked."""
        if self._confirmed or is_locking():
            return True
        labels = self.unsaved_labels()
        if not labels:
            return True
        if event is not None:
            event.ignore()
        self._ask(labels)
        return False

    def _ask(self, labels: Sequence[str]) -> None:
        if self.question is not None and self.question.isVisible():
            if self.question.objectName() == "unsavedQuestion":
                self.question.setText(unsaved_fields_text(labels))
            self.question.raise_()
            return
        dates = unfinished_dates(self.window)
        if dates:
            self._ask_about_dates(dates, labels)
        else:
            self._ask_to_save(labels)

    def _ask_about_dates(self, dates: Sequence[DateInput], labels: Sequence[str]) -> None:
        """The question for unfinished dates: back to the first one, or close without."""
        texts = _label_texts(self.window)
        date_labels = {
            placed(field_label(field.edit, self.window, texts), hidden_place(field, self.window))
            for field in dates
        }
        others = any(label not in date_labels for label in labels)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Datum nog niet af"),
            unfinished_date_question(self.window, dates, others),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setObjectName("unfinishedDateQuestion")
        back = box.addButton(
            ngettext("&Terug naar de datum", "&Terug naar de datums", len(dates)),
            QMessageBox.ButtonRole.RejectRole,
        )
        back.setObjectName("backToDate")
        close = box.addButton(
            _("&Sluiten zonder op te slaan")
            if others
            else ngettext("&Sluiten zonder deze datum", "&Sluiten zonder deze datums", len(dates)),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        close.setObjectName("closeWithoutDate")
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        first = dates[0]
        box.finished.connect(lambda _result: self._date_answered(box, close, first))
        self.question = box
        box.open()

    def _date_answered(self, box: QMessageBox, close: QAbstractButton, first: DateInput) -> None:
        if box.clickedButton() is close:
            if self._discard is not None:
                self._discard()
            self._confirmed = True
            self.window.close()
            return
        self.stayed.emit()
        show_place(first)  # on a tab not shown: that tab first (round 8, finding 4)
        first.edit.setFocus()
        first.edit.selectAll()

    def _ask_to_save(self, labels: Sequence[str]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Wijzigingen niet opgeslagen"),
            unsaved_fields_text(labels),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("unsavedQuestion")
        box.setInformativeText(self._text())
        box.button(QMessageBox.StandardButton.Save).setText(self._save_text())
        box.button(QMessageBox.StandardButton.Discard).setText(self._discard_text())
        box.button(QMessageBox.StandardButton.Cancel).setText(_("&Annuleren"))
        # A window whose save takes a decision (a fine, its withdrawal): Enter goes back to
        # it; a decision is never taken by the key that answers a question (usability
        # round 10: Esc, then Enter, withdrew a fine)
        box.setDefaultButton(
            QMessageBox.StandardButton.Cancel if self._decision else QMessageBox.StandardButton.Save
        )
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._answered(box))
        self.question = box
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        button = box.standardButton(box.clickedButton())
        if button == QMessageBox.StandardButton.Discard:
            if self._discard is not None:
                self._discard()
            self._confirmed = True
            self.window.close()
        elif button == QMessageBox.StandardButton.Save:
            self._close_after_save = True
            self._save()
        else:
            self.stayed.emit()
            self._to_first_unsaved()

    def _to_first_unsaved(self) -> None:
        """Annuleren: the keyboard to the first unsaved field when it is on a tab not
        shown, so the consultant finds what the question named (round 8, finding 4)."""
        first = self._first() if self._first is not None else self._first_changed()
        if first is not None and hidden_place(first, self.window):
            show_place(first)
            focus_target(first).setFocus(Qt.FocusReason.OtherFocusReason)

    def _first_changed(self) -> QWidget | None:
        if self._unsaved is not None:
            return None
        now, clean = self._current(), self._clean
        if isinstance(now, _Unreadable) or isinstance(clean, _Unreadable):
            return None
        for key, field in now.items():
            old = clean.get(key)
            if isinstance(key, QWidget) and (old is None or old.value != field.value):
                return key
        return None

    def release(self) -> None:
        """The window may close without asking: what it had not saved is dealt with
        elsewhere (set aside because its case left this laptop, ``ui.case_gone``)."""
        self._confirmed = True

    def saved(self) -> None:
        """The window's save finished: remember it, and close if that was the question."""
        self.mark_clean()
        if self._close_after_save:
            self._close_after_save = False
            self._confirmed = True
            self.window.close()

    def save_failed(self) -> None:
        closing, self._close_after_save = self._close_after_save, False
        if closing:
            self.stayed.emit()  # stays open; the window says what went wrong
