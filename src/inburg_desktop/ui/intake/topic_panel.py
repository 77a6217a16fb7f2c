"""One topic of the intake: the current question in large type, the follow-ups ("next
question" on F8), hints for the consultant, COA data, the structured fields and the notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.intake import TopicState
from inburg_desktop.formatting import cite_law, format_number
from inburg_desktop.i18n import _
from inburg_desktop.prompts.catalogue import NOTES_FIELD_ID, Topic
from inburg_desktop.services.intake_coa import CoaItem
from inburg_desktop.services.intake_edit import COA_SOURCE, FieldMeta
from inburg_desktop.services.intake_progress import topic_answers
from inburg_desktop.ui import mnemonics
from inburg_desktop.ui.intake.coa_box import CoaBox
from inburg_desktop.ui.intake.field_editors import FieldEditor, LongTextEditor
from inburg_desktop.ui.intake.group_editor import make_editor
from inburg_desktop.ui.intake.style import STATE_COLOURS, state_label
from inburg_desktop.ui.message_label import MessageLabel

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" for a widget's size

SIDE_COLUMN_WIDTH = (300, 350)
"""The side column's (questions, tips, COA) narrowest and widest (px)."""
MAIN_COLUMN_COMFORT = 560
"""The narrowest the conversation's own column may get while the side column stands
beside it (px); narrower, the side column gives way (it is hidden, F9 brings it back).
Beside the interpreter view at 1366×768 the intake is 980 px wide and the main column got
333 px with the side column beside it: the question wrapped to three lines, the labels of
the form stood above their fields, and a choice's long text was cut (usability round 4,
finding 2); without the side column it gets about 660 px."""
LABEL_WIDTH = (180, 260)
"""A form label's narrowest and widest (px) beside its field; above it, it takes the row."""
FORM_SIDE_BY_SIDE = 520
"""The narrowest the form column may be (px, its viewport) with the labels beside their
fields: a label takes up to 260 px and a choice at least 240. Narrower (both columns beside
the interpreter view: about 340 px), every label stands above its field, so labels and
fields are whole (usability round 6 #2)."""


class _Column(QWidget):
    """A column whose Tab order is the panel's reading order (fields, notes, buttons)."""

    def __init__(self, panel: TopicPanel) -> None:
        super().__init__()
        self._panel = panel

    def focusNextPrevChild(self, next: bool) -> bool:
        return self._panel.move_focus(next) or super().focusNextPrevChild(next)


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    """``widget``'s rectangle in ``ancestor``'s coordinates."""
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _scroll(widget: QWidget) -> QScrollArea:
    """A column that scrolls down, never sideways: its controls give way to its width
    (a choice shortens its text, labels go above their fields, see
    :data:`FORM_SIDE_BY_SIDE`). Scrolled sideways, the form beside the interpreter view
    with the side column shown stood so that every label was cut off (usability round 6
    #2). The keyboard's focus brings a control into view (``reveal``)."""
    area = QScrollArea()
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class TopicPanel(QWidget):
    answer_changed = Signal(str, object)  # field id, value
    refusal_changed = Signal(str)  # field id: its editor refuses its input, or no longer
    prompt_changed = Signal(str)  # qualified prompt id
    park_clicked = Signal()
    cover_clicked = Signal()
    side_column_chosen = Signal(bool)  # the consultant showed (True) or hid it (F9)

    def __init__(
        self,
        topic: Topic,
        fields: Mapping[str, Any],
        meta: Mapping[str, FieldMeta],
        coa: list[CoaItem],
        state: TopicState,
        number: int,
        parent: QWidget | None = None,
        side_column: bool | None = None,
    ) -> None:
        """``side_column``: the consultant's choice to show (``True``) or hide (``False``)
        the side column (F9); ``None``: shown when the panel is wide enough for it
        (:data:`MAIN_COLUMN_COMFORT`)."""
        super().__init__(parent)
        self.topic = topic
        self.side_choice = side_column
        self.prompt_index = 0
        self.editors: dict[str, FieldEditor] = {}
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)

        main = _Column(self)
        column = QVBoxLayout(main)
        column.setContentsMargins(4, 0, 8, 8)
        column.setSpacing(10)
        column.addLayout(self._header(number))
        column.addWidget(self._prompt_box())
        self.missing = MessageLabel(main)
        self.missing.setObjectName("missingNotice")
        column.addWidget(self.missing)
        self.form = self._form(fields, meta)
        column.addLayout(self.form)
        # Its own Alt+letter, the same on every topic (a fixed control of the window,
        # ``ui.mnemonics``): a section title is no form row, so the keeper gave it none
        # and the notes were reached by Tab only (usability round 7, finding 17).
        notes_label = self.notes_label = QLabel(_("Aante&keningen van de consulent"))
        notes_label.setObjectName("sectionTitle")
        mnemonics.fix(notes_label)
        column.addWidget(notes_label)
        self.notes = LongTextEditor(topic.field(NOTES_FIELD_ID), lines=5)
        self.notes.set_value(topic_answers(fields, topic).get(NOTES_FIELD_ID))
        self.notes.changed.connect(
            lambda: self.answer_changed.emit(NOTES_FIELD_ID, self.notes.value())
        )
        self.notes.refusal_changed.connect(lambda: self.refusal_changed.emit(NOTES_FIELD_ID))
        notes_label.setBuddy(self.notes.focus_target())
        column.addWidget(self.notes)
        column.addStretch(1)
        self.main_scroll = _scroll(main)
        outer.addWidget(self.main_scroll, 3)

        side = _Column(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 8)
        side_layout.setSpacing(10)
        side_layout.addWidget(self._prompt_list())
        side_layout.addWidget(self._hints())
        self.coa_box: CoaBox | None = None
        if coa:
            self.coa_box = CoaBox(coa)
            side_layout.addWidget(self.coa_box)
        side_layout.addStretch(1)
        side_scroll = self.side_scroll = _scroll(side)
        side_scroll.setMinimumWidth(SIDE_COLUMN_WIDTH[0])
        side_scroll.setMaximumWidth(SIDE_COLUMN_WIDTH[1])
        outer.addWidget(side_scroll, 2)
        self._outer = outer
        self.set_state(state)
        self._place_side_column()
        self._place_labels()
        self.main_scroll.viewport().installEventFilter(self)
        self._show_prompt()
        # Wherever the keyboard lands in the panel (Tab, a label's Alt+letter, F8, the
        # topic's first question), the column scrolls to show it.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self._followed: QWidget | None = None  # the widget last shown for the keyboard
        self._follow_pending = False
        for column_widget in (main, side):
            column_widget.installEventFilter(self)

    def _focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and self.isAncestorOf(now):
            # After the events queued now: a topic or question just opened is still
            # being laid out, and scrolling to where its controls stand before that would
            # scroll the topic's header off for nothing.
            QTimer.singleShot(0, self, lambda: self._reveal_if_focused(now))

    def _reveal_if_focused(self, widget: QWidget) -> None:
        if shiboken6.isValid(widget) and widget.hasFocus():
            self.reveal(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The form column's view resized (the window, F9): its labels beside or above
        their fields as its width allows. A column laid out anew (a longer question, a
        message shown, a row added) moves its fields: the one the keyboard is in is shown
        again, with its label, once the layout has placed it (F8 to a question without a
        field of its own keeps the keyboard in the notes, which the new question pushed
        below the view)."""
        if watched is self.main_scroll.viewport():
            if event.type() == QEvent.Type.Resize:
                self._place_labels()
            return False
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) and (
            not self._follow_pending
        ):
            widget = self._followed
            if widget is not None and shiboken6.isValid(widget) and widget.hasFocus():
                self._follow_pending = True
                QTimer.singleShot(0, self, self._follow_again)
        return False

    def _follow_again(self) -> None:
        self._follow_pending = False
        widget = self._followed
        if widget is not None and shiboken6.isValid(widget) and widget.hasFocus():
            self.reveal(widget)

    # building ---------------------------------------------------------------
    def _header(self, number: int) -> QVBoxLayout:
        """Title; the state chip with the legal basis; the park and afgerond buttons on a
        row of their own. Beside the interpreter view the column is about 330 px wide
        (intake at 980 px): with the chip beside the title and the buttons beside the
        basis it needed 350 to 485 px and cut the chip and "Afgerond (Ctrl+Enter)" at
        the right (usability round 3 finding 7)."""
        block = QVBoxLayout()
        block.setSpacing(4)
        title = QLabel(f"{number}. {self.topic.title}")
        title.setObjectName("topicTitle")
        title.setWordWrap(True)
        block.addWidget(title)
        middle = QHBoxLayout()
        self.state_chip = QLabel()
        self.state_chip.setObjectName("stateChip")
        middle.addWidget(self.state_chip, 0, Qt.AlignmentFlag.AlignTop)
        basis = QLabel(cite_law(self.topic.legal_basis))  # the catalogue cites in Dutch
        basis.setObjectName("legalBasis")
        basis.setWordWrap(True)
        middle.addWidget(basis, 1)
        block.addLayout(middle)
        buttons = QHBoxLayout()
        self.park_button = QPushButton()
        self.park_button.setObjectName("parkButton")
        self.park_button.clicked.connect(self.park_clicked)
        self.cover_button = QPushButton(_("Afgerond (Ctrl+Enter)"))
        self.cover_button.setObjectName("coverButton")
        self.cover_button.clicked.connect(self.cover_clicked)
        for button in (self.park_button, self.cover_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(button)
        buttons.addStretch(1)
        block.addLayout(buttons)
        return block

    def _prompt_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("promptBox")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(14, 10, 14, 12)
        counter_row = QHBoxLayout()
        self.prompt_counter = QLabel()
        self.prompt_counter.setObjectName("promptCounter")
        self.prompt_counter.setWordWrap(True)
        counter_row.addWidget(self.prompt_counter, 1)
        # Shown while the side column has given way: the questions and tips are one key
        # (or click) away, and the consultant sees that they are there.
        self.side_button = QPushButton(_("Vragen en tips (F9)"))
        self.side_button.setObjectName("sideColumnButton")
        self.side_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.side_button.clicked.connect(self.toggle_side_column)
        counter_row.addWidget(self.side_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(counter_row)
        self.prompt_text = QLabel()
        self.prompt_text.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
        self.prompt_text.setObjectName("promptText")
        self.prompt_text.setWordWrap(True)
        self.prompt_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.prompt_text)
        return box

    def _form(self, fields: Mapping[str, Any], meta: Mapping[str, FieldMeta]) -> QFormLayout:
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(8)
        answers = topic_answers(fields, self.topic)
        required = self._required(fields)
        self.field_labels: dict[str, QLabel] = {}
        for item in self.topic.fields:
            if item.id == NOTES_FIELD_ID:
                continue
            editor = make_editor(item)
            editor.set_value(answers.get(item.id))
            editor.changed.connect(lambda e=editor: self.answer_changed.emit(e.item.id, e.value()))
            editor.refusal_changed.connect(lambda e=editor: self.refusal_changed.emit(e.item.id))
            text = item.label + (" *" if item.id in required else "")
            label = QLabel(text)
            label.setWordWrap(True)
            label.setMinimumWidth(LABEL_WIDTH[0])
            label.setMaximumWidth(LABEL_WIDTH[1])
            label.setBuddy(editor.focus_target())
            if item.help:
                label.setToolTip(item.help)
                editor.setToolTip(item.help)
            key_meta = meta.get(f"intake.{item.key}")
            if key_meta is not None and key_meta.source == COA_SOURCE:
                label.setText(text + "  " + _("[van COA]"))
            self.field_labels[item.id] = label
            form.addRow(label, editor)
            self.editors[item.id] = editor
        return form

    def _required(self, fields: Mapping[str, Any]) -> set[str]:
        """The ids of the fields required now: always required, or required by an answer
        given (e.g. "Beroepen en taken" once "Gewerkt in het land van herkomst" is "Ja")."""
        answers = topic_answers(fields, self.topic)
        return set(self.topic.required_field_ids(answers)) | {
            f.id for f in self.topic.fields if f.required
        }

    def show_required(self, fields: Mapping[str, Any]) -> None:
        """Put the * on exactly the fields required by the answers as they are now: an
        answer that makes another field required marks it at once, not only when the
        topic is shown again (usability round 4, item 6). The label keeps its Alt+letter
        (the mnemonic keeper put an & in it) and its "[van COA]" mark."""
        required = self._required(fields)
        coa = "  " + _("[van COA]")
        for field_id, label in self.field_labels.items():
            text = label.text()
            core, mark = (text[: -len(coa)], coa) if text.endswith(coa) else (text, "")
            starred = core.endswith(" *")
            if starred == (field_id in required):
                continue
            core = core[:-2] if starred else core + " *"
            label.setText(core + mark)

    def _prompt_list(self) -> QFrame:
        box = QFrame()
        box.setObjectName("hintBox")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(10, 8, 10, 8)
        title = QLabel(_("Vragen (F8 volgende, Shift+F8 vorige)"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.prompt_labels: list[QLabel] = []
        for number, prompt in enumerate(self.topic.prompts, start=1):
            label = QLabel(f"{number}. {prompt.text}")
            label.setWordWrap(True)
            layout.addWidget(label)
            self.prompt_labels.append(label)
        return box

    def _hints(self) -> QFrame:
        box = QFrame()
        box.setObjectName("hintBox")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(10, 8, 10, 8)
        title = QLabel(_("Tips voor de consulent"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        for hint in self.topic.hints:
            label = QLabel(f"• {hint}")
            label.setWordWrap(True)
            layout.addWidget(label)
        return box

    # the side column ----------------------------------------------------------
    @property
    def side_column_shown(self) -> bool:
        return not self.side_scroll.isHidden()

    def side_column_fits(self, width: int | None = None) -> bool:
        """Whether at ``width`` (px; default: the panel's own) the main column keeps
        :data:`MAIN_COLUMN_COMFORT` with the side column beside it."""
        width = self.width() if width is None else width
        return width - self._outer.spacing() - SIDE_COLUMN_WIDTH[0] >= MAIN_COLUMN_COMFORT

    def toggle_side_column(self) -> bool:
        """Show the side column when hidden, hide it when shown (F9); the choice holds for
        this panel until changed again. Returns whether it is shown now."""
        self.side_choice = not self.side_column_shown
        focused = QApplication.focusWidget()
        self._place_side_column()
        if focused is not None and not focused.isVisible():
            # the keyboard never stays in what was just hidden (the column, or the button)
            self.focus_prompt_field()
        self.side_column_chosen.emit(self.side_choice)
        return self.side_choice

    def _place_side_column(self) -> None:
        show = self.side_column_fits() if self.side_choice is None else self.side_choice
        if show == self.side_column_shown and self.side_button.isHidden() == show:
            return
        self.side_scroll.setVisible(show)
        self.side_button.setVisible(not show)

    def _place_labels(self) -> None:
        """Labels beside their fields where the form column is wide enough, else above
        them (:data:`FORM_SIDE_BY_SIDE`)."""
        wide = self.main_column_width() >= FORM_SIDE_BY_SIDE
        policy = (
            QFormLayout.RowWrapPolicy.WrapLongRows
            if wide
            else QFormLayout.RowWrapPolicy.WrapAllRows
        )
        if self.form.rowWrapPolicy() != policy:
            self.form.setRowWrapPolicy(policy)
            widest = LABEL_WIDTH[1] if wide else QWIDGETSIZE_MAX
            for label in self.field_labels.values():
                label.setMaximumWidth(widest)

    def main_column_width(self) -> int:
        """The width (px) the form column gets in this panel as the side column stands
        now: its view's, or before the first layout, what the panel leaves it."""
        if self.main_scroll.isVisible():
            return self.main_scroll.viewport().width()
        width = self.width()
        if self.side_column_shown:
            width -= self._outer.spacing() + SIDE_COLUMN_WIDTH[0]
        return width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_side_column()

    # behaviour ----------------------------------------------------------------
    def set_state(self, state: TopicState) -> None:
        colour = STATE_COLOURS[state]
        self.state_chip.setText(state_label(state))
        self.state_chip.setStyleSheet(f"color:white;background:{colour}")
        parked = state is TopicState.PARKED
        text = _("Hervatten (Ctrl+P)") if parked else _("Parkeren (Ctrl+P)")
        # Set only when the words change: setting the same words again dropped the
        # Alt-letter the keeper gave it until the keeper's next look (``ui.mnemonics``),
        # and the state is set after every save (the mnemonic walk saw it letterless).
        if self.park_button.text().replace("&", "") != text.replace("&", ""):
            self.park_button.setText(text)

    def show_missing(self, labels: tuple[str, ...], nothing_recorded: bool) -> None:
        if labels:
            text = _("Nog niet afgerond. Dit ontbreekt nog: {fields}.").format(
                fields=", ".join(labels)
            )
        elif nothing_recorded:
            text = _("Nog niet afgerond: er is nog niets vastgelegd bij dit onderwerp.")
        else:
            return
        self.missing.show_message(text, "error")

    def current_prompt_id(self) -> str:
        return self.topic.prompts[self.prompt_index].id

    def next_prompt(self, step: int = 1) -> None:
        count = len(self.topic.prompts)
        self.prompt_index = (self.prompt_index + step) % count
        self._show_prompt()
        self.focus_prompt_field()

    def _show_prompt(self) -> None:
        prompts = self.topic.prompts
        prompt = prompts[self.prompt_index]
        self.prompt_counter.setText(
            _("Vraag {n} van {count} · F8 volgende vraag").format(
                n=format_number(self.prompt_index + 1), count=format_number(len(prompts))
            )
        )
        self.prompt_text.setText(prompt.text)
        for n, label in enumerate(self.prompt_labels):
            current = n == self.prompt_index
            label.setStyleSheet("font-weight:600;color:#111827" if current else "")
        for field_id, label in self.field_labels.items():
            current = self.topic.field(field_id).prompt_id == prompt.id
            label.setStyleSheet("font-weight:600" if current else "")
        self.prompt_changed.emit(prompt.id)

    def focus_prompt_field(self) -> None:
        """Put the cursor in the first field answering the current question (else notes)."""
        prompt_id = self.current_prompt_id()
        target = self.notes.focus_target()
        for item in self.topic.fields:
            if item.prompt_id == prompt_id and item.id in self.editors:
                target = self.editors[item.id].focus_target()
                break
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        # Shown also when the keyboard stays where it was (two questions without a field
        # of their own both go to the notes): the new question may have pushed it down.
        QTimer.singleShot(0, self, lambda: self._reveal_if_focused(target))

    def focus_first_field(self) -> None:
        """The topic switched to (Ctrl+1…9, Ctrl+K, Enter in the topic list,
        Ctrl+PgDown/PgUp): shown from its top (title, state, Parkeren and Afgerond, the
        question) with the keyboard in its first field, the notes when it has none. The
        first field stands right under the question, so showing it scrolls nothing away
        (usability round 6 #10: the keyboard went to the first question's own field, often
        the notes at the bottom, and the topic's title, state and buttons scrolled off)."""
        self.main_scroll.verticalScrollBar().setValue(0)
        target = self.notes.focus_target()
        for editor in self.editors.values():
            candidate = editor.focus_target()
            if candidate.isVisibleTo(self) and candidate.isEnabled():
                target = candidate
                break
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        # Shown once the topic is laid out (``_focus_moved``), with its label; at the top
        # that scrolls only when the field lies below the view (a very short window).
        QTimer.singleShot(0, self, lambda: self._reveal_if_focused(target))

    def tab_chain(self) -> list[QWidget]:
        """The panel's focusable widgets in reading order: fields, notes, buttons, COA."""
        chain: list[QWidget] = []
        for editor in [*self.editors.values(), self.notes]:
            chain.extend(
                w
                for w in [editor, *editor.findChildren(QWidget)]
                if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.focusProxy() is None
            )
        chain.extend([self.park_button, self.cover_button, self.side_button])
        if self.coa_box is not None:
            chain.extend(b for b in self.coa_box.findChildren(QPushButton))
        return chain

    def move_focus(self, forward: bool) -> bool:
        """Tab/Shift+Tab inside the panel; ``False`` at either end (Qt takes it from there)."""
        chain = [w for w in self.tab_chain() if w.isVisibleTo(self) and w.isEnabled()]
        current = QApplication.focusWidget()
        if current not in chain:
            return False
        index = chain.index(current) + (1 if forward else -1)
        if not 0 <= index < len(chain):
            return False
        target = chain[index]
        target.setFocus(
            Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        )
        self.reveal(target)
        return True

    def label_of(self, widget: QWidget) -> QLabel | None:
        """The form label of the field ``widget`` belongs to (the notes' title for the
        notes), or ``None`` for a widget outside the form (a button, the COA box)."""
        for field_id, editor in self.all_editors().items():
            if editor is widget or editor.isAncestorOf(widget):
                if field_id == NOTES_FIELD_ID:
                    return self.notes_label
                return self.field_labels.get(field_id)
        return None

    def reveal(self, widget: QWidget) -> None:
        """Scroll so that ``widget`` (focused by keyboard) is in view together with its
        field's label, whichever way the keyboard came (down by Tab or F8, up by
        Shift+Tab or Shift+F8): the consultant sees which field the cursor is in. When
        label and field together are taller than the view, the field wins (the label
        then shows as far as there is room)."""
        self._followed = widget
        for area in (self.main_scroll, self.side_scroll):
            if not area.isAncestorOf(widget):
                continue
            label = self.label_of(widget)
            column = area.widget()
            if label is None or column is None or not label.isVisibleTo(column):
                area.ensureWidgetVisible(widget)
                continue
            pair = _rect_in(label, column).united(_rect_in(widget, column))
            viewport = area.viewport()
            if pair.height() <= viewport.height() and pair.width() <= viewport.width():
                centre = pair.center()
                area.ensureVisible(
                    centre.x(), centre.y(), pair.width() // 2 + 4, pair.height() // 2 + 4
                )
            else:
                area.ensureWidgetVisible(label)
                area.ensureWidgetVisible(widget)

    def all_editors(self) -> dict[str, FieldEditor]:
        """Every editor of the topic by field id, the notes included."""
        return {**self.editors, NOTES_FIELD_ID: self.notes}

    def editor(self, field_id: str) -> FieldEditor:
        return self.notes if field_id == NOTES_FIELD_ID else self.editors[field_id]
