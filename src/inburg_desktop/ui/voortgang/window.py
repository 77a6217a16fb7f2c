"""The voortgangsgesprek of one case, held like the intake (issue 15 item 2).

Left, the talk's questions per life domain (``prompts.voortgang_catalogue``), stepped with
F8 / Shift+F8 as in the intake and shown on the intake's interpreter view (Ctrl+T, F12 for
the newcomer) in the newcomer's language; right, the consultant's notes, the progress per
agreement of the PIP in force (with the proposal of ``voortgang.suggest_stand``) and what
was agreed next, and the satisfaction question about MAP, PVT and begeleiding (its box
shows that question on the interpreter view when it gets the keyboard). What is typed is
saved as it is typed (``TalkAutosave``, the intake's controller); "Gesprek als gehouden
vastleggen" records the day, and "PIP wijzigen naar aanleiding van dit gesprek" starts an
amendment with the talk as its reason and opens the PIP editor on it.

Loading and the two acts run off the GUI thread (the window's ``TaskGroup``), each a use
case of ``services.voortgang``. The interpreter view gets prompt ids and language codes
only. The window deletes itself on close, so no case data outlives a lock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.pip import PipHistory
from inburg_desktop.domain.satisfaction import Onderwerp
from inburg_desktop.domain.text import N_
from inburg_desktop.domain.voortgang_fields import (
    MAX_GESPREK_NUMMER,
    NOTITIES,
    afspraak_key,
    talk_key,
    tevredenheid_key,
    value_problem,
)
from inburg_desktop.domain.voortgang_prompts import SATISFACTION_PROMPTS, SATISFACTION_TOPIC
from inburg_desktop.formatting import (
    ONDERWERP_LABELS,
    TEVREDENHEID_LABELS,
    format_date,
    format_number,
)
from inburg_desktop.i18n import _, current_language
from inburg_desktop.messages import error_text
from inburg_desktop.prompts.translations import prompt_text
from inburg_desktop.prompts.voortgang_catalogue import talk_catalogue
from inburg_desktop.services import audit_trail, voortgang
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.services.voortgang import (
    Gesprek,
    Gesprekken,
    GesprekState,
    TalkRefused,
    TalkScreen,
)
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.case_gone import CaseGoneGuard
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.fresh_reads import FreshReads
from inburg_desktop.ui.intake.save_state import SaveStateLabel
from inburg_desktop.ui.interpreter_window import InterpreterWindow, esc_beside
from inburg_desktop.ui.keys import key_sequence
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.reserved_date import reserved_date
from inburg_desktop.ui.shortcut_overview import add_help_menu
from inburg_desktop.ui.single_window import open_for_case
from inburg_desktop.ui.tasks import TaskGroup
from inburg_desktop.ui.text_limits import LONG_TEXT_MAX, LimitedPlainTextEdit, with_message
from inburg_desktop.ui.voortgang.afspraken_panel import NO_CHOICE, AfsprakenPanel
from inburg_desktop.ui.voortgang.amend_dialog import AmendDialog
from inburg_desktop.ui.voortgang.autosave import TalkAutosave
from inburg_desktop.ui.window_size import no_sideways_scrolling

STATE_WORDS = {
    GesprekState.GEPLAND: N_("gepland op {day}"),
    GesprekState.TE_LAAT: N_("gepland op {day}, nog niet gehouden"),
    GesprekState.GEHOUDEN: N_("gehouden op {day}"),
    GesprekState.BUITEN_PLAN: N_("buiten het plan"),
}


class TalkWindow(QMainWindow):
    loaded = Signal()
    held = Signal(int)  # the talk recorded as held
    amendment_started = Signal(object)  # the PIP editor opened on the amendment
    prompt_changed = Signal(str)  # the question shown (its qualified id)
    lock_requested = Signal()

    def __init__(
        self,
        vault: Vault,
        case_id: str,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("talkWindow")
        self.vault, self.case_id = vault, case_id
        self.today = today or date.today()
        self.catalogue = talk_catalogue()
        self.prompt_ids = [p.id for t in self.catalogue.topics for p in t.prompts]
        self.prompt_index = 0
        self.screen_data: TalkScreen | None = None
        self.nummer = 1
        self.shown: dict[str, Any] = {}  # what the window shows of the talk, by field key
        self.interpreter: InterpreterWindow | None = None
        self.amend_dialog: AmendDialog | None = None
        self.pip_editor: QWidget | None = None
        self._loading = False
        self._suggested_held_on: date | None = None  # from the agenda: suggest_held_on
        self.tasks = TaskGroup(self)
        self.autosave = TalkAutosave(vault, case_id, self.nummer, parent=self)
        # no read older than a write of this window is shown (ui.fresh_reads, issue 13)
        self.reads = FreshReads()
        self.autosave.write_marked.connect(self.reads.wrote)
        self.autosave.conflicted.connect(self._kept_as_conflicts)
        # Closes with a message when a sync takes the case off this laptop; what was typed
        # and not yet written is set aside first ("Apart gezet"), as the intake's edits are.
        self.case_gone = CaseGoneGuard(
            self, vault, case_id, unsaved=self.autosave.take_pending, label=self._case_label
        )
        # A sync or a resolved conflict changed the case: show it as it is now.
        case_events().case_changed.connect(self._case_changed)
        # The PIP set or amended in the PIP editor (or anywhere): any committed write is
        # looked at for a change of the case's PIP versions (usability round 7, finding
        # 9: "Wijziging van het PIP gestart" stayed after versie 2 was set).
        case_events().vault_written.connect(self._vault_written)
        self._pip_check_queued = False
        self._pip_notice: str | None = None  # the PIP state line this window put up
        self._amending: int | None = None  # the amendment's version started here
        self._undoable: int | None = None  # the talk recorded as held here, to undo
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(_("Voortgangsgesprek"))
        self.resize(1280, 740)
        self._build()
        self._actions()
        self.close_guard = CloseGuard(
            self,
            self._save_for_close,
            unsaved=self._unsaved_labels,
            discard=self._discard_pending,
        )
        self.case_gone.closed.connect(lambda _text: self.close_guard.release())  # set aside
        self.show_prompt(0)
        # The keyboard starts where the consultant types first: the notes of the talk
        # (usability round 6 #14: it started on "Gesprek", whose list swallowed the notes).
        self.notes.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reload()

    # layout -------------------------------------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        column = QVBoxLayout(central)
        header = QHBoxLayout()
        self.person = QLabel()
        self.person.setObjectName("talkPerson")
        self.person.setStyleSheet("font-weight:600;font-size:15px")
        header.addWidget(self.person, 1)
        self.save_state = SaveStateLabel(self.autosave)
        header.addWidget(self.save_state)
        column.addLayout(header)
        chooser = QHBoxLayout()
        talk_label = self.talk_label = QLabel(_("Gesprek"))
        self.talk_box = QComboBox()
        self.talk_box.setObjectName("talkNumber")
        self.talk_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # until there is a choice
        talk_label.setBuddy(self.talk_box)
        self.talk_box.currentIndexChanged.connect(self._talk_chosen)
        chooser.addWidget(talk_label)
        chooser.addWidget(self.talk_box, 1)
        column.addLayout(chooser)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self._questions())
        split.addWidget(self._form())
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        column.addWidget(split, 1)

        bottom = QHBoxLayout()
        held_label = self.held_label = QLabel(_("Gehouden &op"))
        held_label.setObjectName("talkHeldOnLabel")
        self.held_date = DateInput(optional=False)
        self.held_date.setObjectName("talkHeldOn")
        self.held_date.set_value(self.today)
        held_label.setBuddy(self.held_date)
        self.hold_button = QPushButton(_("Gesprek als ge&houden vastleggen"))
        self.hold_button.setObjectName("talkHold")
        self.hold_button.clicked.connect(self.record_held)
        self.undo_button = QPushButton(_("Gehouden ongedaan maken"))
        self.undo_button.setObjectName("talkUndoHeld")
        self.undo_button.setToolTip(_("Ctrl+Z: het gesprek is dan weer niet gehouden"))
        self.undo_button.clicked.connect(self.undo_held)
        self.undo_button.hide()  # only after a talk was recorded as held here
        self.amend_button = QPushButton(_("PIP &wijzigen naar aanleiding van dit gesprek…"))
        self.amend_button.setObjectName("talkAmend")
        self.amend_button.clicked.connect(self.start_amendment)
        # Every part of the row stays on the line of the date's text when the date's
        # message opens beneath it (usability round 7 #17: the label sat lower than its
        # field), and the message has its room kept, so nothing around it moves.
        held_label.setMinimumHeight(self.held_date.edit.sizeHint().height())
        top = Qt.AlignmentFlag.AlignTop
        for widget in (held_label, reserved_date(self.held_date), self.hold_button):
            bottom.addWidget(widget, 0, top)
        bottom.addWidget(self.undo_button, 0, top)
        bottom.addStretch(1)
        bottom.addWidget(self.amend_button, 0, top)
        column.addLayout(bottom)
        self.notice = MessageLabel()
        self.save_state.notice = self.notice
        column.addWidget(self.notice)
        self.setCentralWidget(central)

    def _questions(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(_("&Levensgebieden"))
        self.topics = QListWidget()
        self.topics.setObjectName("talkTopics")
        label.setBuddy(self.topics)
        for topic in self.catalogue.topics:
            self.topics.addItem(prompt_text(f"topic.{topic.id}.title", current_language()))
        self.topics.currentRowChanged.connect(self._topic_chosen)
        layout.addWidget(label)
        layout.addWidget(self.topics)
        self.prompt_label = QLabel()
        self.prompt_label.setObjectName("talkPrompt")
        self.prompt_label.setWordWrap(True)
        self.prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_label.setStyleSheet("font-size:17px;padding:8px 0")
        layout.addWidget(self.prompt_label)
        steps = QHBoxLayout()
        self.step_buttons: dict[int, QPushButton] = {}
        # The letters of the menu's same acts ("Volgende &vraag", "Vo&rige vraag"): the
        # keeper gave "Vo&lgende" an l beside the g of the menu's "Gesprek", read as Alt+G
        # (usability round 6 #16).
        for text, step in ((_("◀ Vo&rige vraag"), -1), (_("Volgende &vraag ▶"), 1)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=step: self.next_prompt(s))
            steps.addWidget(button)
            self.step_buttons[step] = button
        self.interpreter_button = QPushButton(_("&Tolkscherm"))
        self.interpreter_button.clicked.connect(self.open_interpreter)
        steps.addWidget(self.interpreter_button)
        layout.addLayout(steps)
        layout.addStretch(1)
        return box

    def _form(self) -> QWidget:
        form = QWidget()
        layout = QVBoxLayout(form)
        notes_label = QLabel(_("&Aantekeningen"))
        self.notes = LimitedPlainTextEdit(LONG_TEXT_MAX)
        self.notes.setObjectName("talkNotes")
        self.notes.setMinimumHeight(110)
        notes_label.setBuddy(self.notes)
        self.notes.textChanged.connect(self._notes_changed)
        layout.addWidget(notes_label)
        layout.addWidget(with_message(self.notes))

        agreements = QGroupBox(_("Voortgang per afspraak uit het PIP"))
        inner = QVBoxLayout(agreements)
        self.panel = AfsprakenPanel(self._agreement_edited)
        inner.addWidget(self.panel)
        self.take_button = QPushButton(_("Voorstellen &overnemen"))
        self.take_button.setObjectName("talkTakeProposals")
        self.take_button.clicked.connect(self._take_proposals)
        inner.addWidget(self.take_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(agreements)

        satisfaction = QGroupBox(_("Tevredenheid (vraag het in de taal van de inburgeraar)"))
        rows = QFormLayout(satisfaction)
        self.satisfaction: dict[Onderwerp, QComboBox] = {}
        for subject in Onderwerp:
            box = QComboBox()
            box.setObjectName(f"tevredenheid_{subject.value}")
            box.addItem(_("— nog niet gevraagd"), NO_CHOICE)
            for value, text in TEVREDENHEID_LABELS.items():
                box.addItem(_(text), value.value)
            box.currentIndexChanged.connect(lambda _i, s=subject: self._satisfaction_changed(s))
            box.installEventFilter(self)
            rows.addRow(_(ONDERWERP_LABELS[subject]), box)
            self.satisfaction[subject] = box
        layout.addWidget(satisfaction)
        layout.addStretch(1)
        scroll = QScrollArea()
        self.form_area = scroll
        scroll.setObjectName("talkForm")
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)
        no_sideways_scrolling(scroll)  # rows wrap to the width; only up and down
        return scroll

    def _actions(self) -> None:
        menu = self.menuBar().addMenu(_("&Gesprek"))
        entries: list[tuple[str, list[str], Callable[[], object]] | None] = [
            (_("Volgende &vraag"), ["F8", "Ctrl+Down"], lambda: self.next_prompt(1)),
            (_("Vo&rige vraag"), ["Shift+F8", "Ctrl+Up"], lambda: self.next_prompt(-1)),
            (_("&Tolkscherm"), ["Ctrl+T"], self.open_interpreter),
            (_("Toon &aan nieuwkomer"), ["F12"], self.show_to_newcomer),
            None,
            (_("Nu op&slaan"), ["Ctrl+S"], self.autosave.flush),
            None,
            (_("Gehouden ongedaan maken"), ["Ctrl+Z"], self.undo_held),
            None,
            (_("Sl&uiten"), ["Ctrl+W"], self.close),
        ]
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            text, keys, slot = entry
            action = QAction(text, self)
            if slot == self.undo_held:
                # Ctrl+Z in the notes or a next step undoes typing (the field takes it
                # first); elsewhere it takes back "held", while that can be done here.
                self.undo_action = action
                action.setEnabled(False)
            action.setShortcuts([key_sequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)
            menu.addAction(action)
        add_help_menu(self, self.vault)
        # Esc closes, as it does every other window (asking first when something typed
        # is not saved: the close guard); usability round 6 #24. While the Tolkscherm is
        # open it leaves the Tolkscherm instead (usability round 8, finding 3).
        close_key = QShortcut(
            QKeySequence(Qt.Key.Key_Escape), self, lambda: esc_beside(self.interpreter, self.close)
        )
        close_key.setWhatsThis(_("Tolkscherm sluiten, anders dit venster"))

    # loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the case's talks and the PIP in force off the GUI thread (planning the
        talks first when the PIP in force has none planned yet)."""
        vault, case_id, today = self.vault, self.case_id, self.today
        self.tasks.run(
            lambda _token: voortgang.open_talks(vault, case_id, today, plan_missing=True),
            self.reads.read(self._loaded, self.reload),
            self.failed,
        )

    def _loaded(self, screen: TalkScreen) -> None:
        first = self.screen_data is None
        self.screen_data = screen
        self.autosave.seen_version = screen.server_version
        talks = screen.gesprekken
        self.person.setText(_("Voortgangsgesprek — {name}").format(name=screen.naam))
        self.setWindowTitle(_("Voortgangsgesprek — {name}").format(name=screen.naam))
        if first:
            self.nummer = min(talks.next_number, MAX_GESPREK_NUMMER)
        # A re-read (after a sync) rebuilds the agreement rows: the keyboard goes back to
        # the field it was in (the rows keep their names).
        focused = QApplication.focusWidget()
        focus_name = (
            focused.objectName() if focused is not None and focused.window() is self else ""
        )
        self._fill_talks()
        if focus_name:
            again = self.findChild(QWidget, focus_name)
            if again is not None:
                again.setFocus(Qt.FocusReason.OtherFocusReason)
        if talks.pip_version is None:
            self.notice.show_message(error_text(TalkRefused("voortgang_no_pip")), "warning")
        else:
            self._say_pip_state(talks)
        if first:
            self._apply_suggested_day()
            self.loaded.emit()

    def _fill_talks(self) -> None:
        assert self.screen_data is not None
        talks = self.screen_data.gesprekken
        self._loading = True
        self.talk_box.clear()
        numbers = sorted({t.nummer for t in talks.talks} | {talks.next_number})
        # every talk the case holds, the planned ones after the next too: a pulled talk
        # above the next number was hidden, with its notes (attack round 6, finding 7)
        for nummer in numbers:
            talk = talks.talk(nummer)
            self.talk_box.addItem(self._talk_words(talk, len(talks.talks)), nummer)
        self.talk_box.setCurrentIndex(max(0, self.talk_box.findData(self.nummer)))
        # One talk to choose from is nothing to choose: no keyboard stop, so Tab and typing
        # never land in a list that opens on a space (usability round 6 #14).
        several = self.talk_box.count() > 1
        self.talk_box.setFocusPolicy(
            Qt.FocusPolicy.StrongFocus if several else Qt.FocusPolicy.NoFocus
        )
        # its label has an Alt+letter only while the list takes the keyboard (the app's
        # mnemonic keeper looks again at a text set anew)
        self.talk_label.setText(_("&Gesprek") if several else _("Gesprek"))
        self._loading = False
        self._show_talk(talks.talk(self.nummer))

    def _talk_words(self, talk: Gesprek, total: int) -> str:
        state = talk.state(self.today)
        day = talk.gehouden or talk.gepland
        words = _(STATE_WORDS[state])
        if day is not None:
            words = words.format(day=format_date(day))
        return _("Gesprek {number} van {total}: {state}").format(
            number=talk.nummer, total=format_number(max(total, talk.nummer)), state=words
        )

    def _talk_chosen(self, _index: int) -> None:
        if self._loading or self.screen_data is None:
            return
        nummer = self.talk_box.currentData()
        if not isinstance(nummer, int) or nummer == self.nummer:
            return
        self.autosave.flush()  # the parts typed belong to the talk shown until now
        self.nummer = nummer
        self.autosave.nummer = nummer
        self._show_talk(self.screen_data.gesprekken.talk(nummer))

    def _show_talk(self, talk: Gesprek) -> None:
        assert self.screen_data is not None
        self._loading = True
        fields = self.screen_data.fields
        self.shown = {k: v for k, v in fields.items() if k.startswith(f"voortgang.{talk.nummer}.")}
        if self.notes.toPlainText() != talk.notities:  # the cursor stays where it is
            self.notes.setPlainText(talk.notities)
        pip_in_force = self.screen_data.gesprekken.pip_version is not None
        self.panel.set_rows(self.screen_data.gesprekken.afspraken, talk, pip_in_force)
        no_sideways_scrolling(self.form_area)  # the rows' width, now they are there
        for subject, box in self.satisfaction.items():
            answer = talk.antwoord(subject)
            box.setCurrentIndex(box.findData(answer.value if answer else NO_CHOICE))
        self.held_date.set_value(talk.gehouden or self.today)
        self._loading = False
        self._refresh_state()

    def suggest_held_on(self, day: date) -> None:
        """Put ``day`` (a talk's planned day, from the agenda) in "Gehouden op" for the
        next talk to hold, once the talks are read; a day after today is left out (a
        talk cannot be held in the future: today stays) and a talk already held keeps
        its own day."""
        if day > self.today:
            return
        self._suggested_held_on = day
        if self.screen_data is not None:
            self._apply_suggested_day()

    def _apply_suggested_day(self) -> None:
        day, self._suggested_held_on = self._suggested_held_on, None
        data = self.screen_data
        if day is None or data is None:
            return
        talk = data.gesprekken.talk(self.nummer)
        if talk.gehouden is None and self.nummer == data.gesprekken.next_number:
            self.held_date.set_value(day)

    def _say_pip_state(self, talks: Gesprekken) -> None:
        """The line about the PIP's amendment, as the vault has it now: in preparation
        (a draft after the version in force), set (the version started here is in
        force), or nothing. A message of another kind (an error) is left as it is."""
        ours = self.notice.text() in ("", self._pip_notice)
        in_force, draft = talks.pip_version, talks.pip_draft
        text: str | None = None
        if draft is not None and in_force is not None:
            text = _(
                "Wijziging van het PIP (versie {number}) is in voorbereiding; werk haar uit "
                "in de PIP-editor."
            ).format(number=format_number(draft.nummer))
            self._amending = draft.nummer
        elif self._amending is not None and in_force is not None:
            if in_force.nummer >= self._amending:
                text = _(
                    "Versie {number} van het PIP is vastgesteld; de afspraken hieronder zijn "
                    "die van versie {number}."
                ).format(number=format_number(in_force.nummer))
            self._amending = None
        if not ours:
            return
        if text is None:
            if self._pip_notice is not None:
                self.notice.clear_message()
        else:
            self.notice.show_message(text, "info")
        self._pip_notice = text

    def _vault_written(self) -> None:
        """Some write was committed: look (once per burst) whether the case's PIP
        versions changed, and read the window again when they did."""
        if self._pip_check_queued or self.screen_data is None:
            return
        self._pip_check_queued = True
        QTimer.singleShot(0, self, self._check_pip)

    def _check_pip(self) -> None:
        self._pip_check_queued = False
        data = self.screen_data
        if data is None or self.vault.locked or self.case_gone.handling:
            return
        vault, case_id = self.vault, self.case_id
        talks = data.gesprekken
        shown = voortgang.PipStand(
            None if talks.pip_version is None else talks.pip_version.nummer,
            None if talks.pip_draft is None else talks.pip_draft.nummer,
        )

        def compared(now: voortgang.PipStand) -> None:
            if now != shown:
                self._case_changed(self.case_id)

        self.tasks.run(lambda _token: voortgang.pip_stand(vault, case_id), compared, self.failed)

    def _refresh_state(self) -> None:
        data = self.screen_data
        ready = data is not None and data.gesprekken.pip_version is not None
        self.hold_button.setEnabled(ready)
        talk = None if data is None else data.gesprekken.talk(self.nummer)
        self.amend_button.setEnabled(ready and talk is not None and talk.gehouden is not None)
        # No enabled button that does nothing (usability round 6 #24).
        self.take_button.setEnabled(self.panel.has_proposals_to_take())

    def _take_proposals(self) -> None:
        self.panel.take_proposals()
        self._refresh_state()

    def failed(self, exc: BaseException) -> None:
        if self.case_gone.is_gone(exc):
            self.case_gone.gone()
            return
        self.notice.show_message(error_text(exc), "error")

    def _case_label(self) -> str:
        return "" if self.screen_data is None else self.screen_data.naam

    def _case_changed(self, case_id: str) -> None:
        """The case changed underneath (a sync, a resolved conflict): read it again once
        what was typed here is written (a part changed on both sides becomes a conflict,
        never an overwrite: ``services.voortgang.save_talk_edits``)."""
        if case_id not in (ALL_CASES, self.case_id) or self.screen_data is None:
            return
        if self.vault.locked or self.case_gone.handling:
            return
        self.autosave.flush()
        if not self.autosave.busy:
            self.reload()

    def retranslate(self) -> None:
        """The UI language changed (``ui.retranslate`` said the window's messages again):
        the question shown, which comes from the prompt catalogue, in the new language."""
        self.show_prompt(self.prompt_index)

    # questions ----------------------------------------------------------------------------
    def current_prompt_id(self) -> str:
        return self.prompt_ids[self.prompt_index]

    def show_prompt(self, index: int) -> None:
        """Show question ``index`` (of all the talk's questions, in order) here and on the
        interpreter view."""
        self.prompt_index = max(0, min(index, len(self.prompt_ids) - 1))
        prompt = self.catalogue.prompt(self.current_prompt_id())
        row = [t.id for t in self.catalogue.topics].index(prompt.topic_id)
        if self.topics.currentRow() != row:
            self.topics.blockSignals(True)
            self.topics.setCurrentRow(row)
            self.topics.blockSignals(False)
        self.prompt_label.setText(prompt_text(f"prompt.{prompt.id}", current_language()))
        self.prompt_changed.emit(prompt.id)
        if self.interpreter is not None:
            self.interpreter.show_prompt(prompt.id)
        self.step_buttons[-1].setEnabled(self.prompt_index > 0)
        self.step_buttons[1].setEnabled(self.prompt_index < len(self.prompt_ids) - 1)

    def next_prompt(self, step: int) -> None:
        self.show_prompt(self.prompt_index + step)

    def _topic_chosen(self, row: int) -> None:
        if 0 <= row < len(self.catalogue.topics):
            self.show_prompt(self.prompt_ids.index(self.catalogue.topics[row].opening.id))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # A satisfaction box that gets the keyboard shows its question to the newcomer.
        if event.type() == event.Type.FocusIn:
            for subject, box in self.satisfaction.items():
                if watched is box:
                    prompt = f"{SATISFACTION_TOPIC}.{SATISFACTION_PROMPTS[subject]}"
                    self.show_prompt(self.prompt_ids.index(prompt))
        return super().eventFilter(watched, event)

    def open_interpreter(self) -> None:
        """Open (or raise) the interpreter view beside this window; it follows the question
        shown and is handed prompt ids and language codes only, never case data."""
        opening = self.interpreter is None
        if self.interpreter is None:
            languages = [] if self.screen_data is None else list(self.screen_data.talen)
            preferred = None if self.screen_data is None else self.screen_data.voorkeurstaal
            view = InterpreterWindow(self.catalogue, languages, preferred=preferred)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
            view.destroyed.connect(self._interpreter_closed)
            view.step_requested.connect(self.next_prompt)
            view.place_beside(self)
            self.interpreter = view
        self.interpreter.show_prompt(self.current_prompt_id())
        typing_in = QApplication.focusWidget()
        self.interpreter.show()
        if opening:
            self.interpreter.place_beside(self)
        self.interpreter.raise_()
        if self.isVisible():
            self.activateWindow()
            if typing_in is not None and typing_in.window() is self:
                typing_in.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def show_to_newcomer(self) -> None:
        self.open_interpreter()
        view = self.interpreter
        if view is None:
            return
        view.show_to_newcomer()
        view.raise_()
        view.activateWindow()

    def _interpreter_closed(self) -> None:
        self.interpreter = None

    # editing ------------------------------------------------------------------------------
    def _edit(self, key: str, value: Any) -> None:
        """Queue one part for the autosave, unless its rule refuses it (then say why and
        keep the stored value: nothing of it is written)."""
        if self._loading:
            return
        problem = value_problem(key, value)
        if problem is not None:
            self.autosave.withdraw(key)
            self.notice.show_message(error_text(problem), "error")
            return
        if self.notice.kind == "error":
            self.notice.clear_message()
        self.autosave.schedule({key: value}, started={key: self.shown.get(key)})
        self.shown[key] = value

    def _notes_changed(self) -> None:
        text = self.notes.toPlainText()
        self._edit(talk_key(self.nummer, NOTITIES), text if text.strip() else None)

    def _agreement_edited(self, index: int, part: str, value: str | None) -> None:
        self._edit(afspraak_key(self.nummer, index, part), value)
        self._refresh_state()  # a proposal left to take, or none

    def _satisfaction_changed(self, subject: Onderwerp) -> None:
        value = self.satisfaction[subject].currentData()
        self._edit(tevredenheid_key(self.nummer, subject), value or None)

    def _kept_as_conflicts(self, keys: object) -> None:
        self.notice.show_message(
            _(
                "Een deel van dit gesprek is intussen elders gewijzigd (synchronisatie). Uw "
                "invoer is bewaard als conflict: kies in Synchroniseren → Conflicten oplossen."
            ),
            "warning",
        )

    # acts ---------------------------------------------------------------------------------
    def missing_parts(self) -> list[str]:
        """What the talk shown has nothing of, in words: its notes, the progress per
        agreement (when the PIP has agreements), the satisfaction question."""
        missing = []
        if not self.notes.toPlainText().strip():
            missing.append(_("geen aantekeningen"))
        if self.panel.stands and not self.panel.anything_recorded():
            missing.append(_("geen voortgang per afspraak"))
        if all(box.currentData() == NO_CHOICE for box in self.satisfaction.values()):
            missing.append(_("de tevredenheid is niet gevraagd"))
        return missing

    def record_held(self) -> None:
        """Record the talk shown as held on the day typed (``services.voortgang``). A talk
        with nothing in it (no notes, no progress per agreement, satisfaction not asked)
        is recorded only after a question whose default is Annuleren (usability round
        7, finding 15): recording it counts as the talk the PIP requires (Besluit
        inburgering 2021 art. 5.3 lid 4) and takes it off the agenda."""
        day = self.held_date.value()
        if day is None:
            self.held_date.say_problem()
            self.held_date.setFocus()
            return
        missing = self.missing_parts()
        if len(missing) < 3:
            self._record_held(day)
            return
        self.autosave.flush()
        vault, case_id, nummer, today = self.vault, self.case_id, self.nummer, self.today
        # What the talk cannot be recorded with (a day before the termijn) is said
        # first: the question is only for a talk that can be recorded.
        self.tasks.run(
            lambda _token: voortgang.check_held(vault, case_id, nummer, day, today),
            lambda _none: self._ask_empty(day, missing),
            self.failed,
        )

    def _ask_empty(self, day: date, missing: list[str]) -> None:
        box = QMessageBox(self)
        box.setObjectName("confirmEmptyTalk")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Leeg gesprek vastleggen?"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            _(
                "U heeft nog niets vastgelegd bij gesprek {number}: {missing}.\n\nEen gesprek "
                "dat als gehouden is vastgelegd, telt als het voortgangsgesprek dat het PIP "
                "vraagt (Besluit inburgering 2021 art. 5.3 lid 4) en gaat van de agenda. "
                "Toch vastleggen?"
            ).format(number=format_number(self.nummer), missing=", ".join(missing))
        )
        record = box.addButton(_("&Toch vastleggen"), QMessageBox.ButtonRole.AcceptRole)
        record.setObjectName("confirmEmptyTalkRecord")
        cancel = box.addButton(_("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)  # a stray Enter records nothing
        box.setEscapeButton(cancel)

        def answered() -> None:
            self.confirm_box = None
            if box.clickedButton() is record:
                self._record_held(day)
            else:
                self.notes.setFocus(Qt.FocusReason.OtherFocusReason)

        box.finished.connect(lambda _result: answered())
        self.confirm_box = box
        box.open()

    def _record_held(self, day: date) -> None:
        self.autosave.flush()
        vault, case_id, nummer, today = self.vault, self.case_id, self.nummer, self.today

        def done(_talk: Gesprek) -> None:
            self.notice.show_message(
                _(
                    "Gesprek {number} vastgelegd als gehouden op {day}. Vergist? Ctrl+Z of "
                    "“Gehouden ongedaan maken”, zolang het niet naar kantoor is gestuurd."
                ).format(number=nummer, day=format_date(day, style="long")),
                "info",
            )
            self._pip_notice = None
            self._set_undoable(nummer)
            self.held.emit(nummer)
            self.reload()

        written, failed = self.reads.write(done, self.failed)
        self.tasks.run(
            lambda _token: voortgang.record_held(vault, case_id, nummer, day, today),
            written,
            failed,
        )

    def _set_undoable(self, nummer: int | None) -> None:
        self._undoable = nummer
        self.undo_button.setVisible(nummer is not None)
        self.undo_action.setEnabled(nummer is not None)

    def undo_held(self) -> None:
        """Take back "held" of the talk recorded here (``services.voortgang.undo_held``):
        only until a sync has sent it to the office; then the refusal says so."""
        nummer = self._undoable
        if nummer is None:
            return
        vault, case_id, today = self.vault, self.case_id, self.today

        def done(_talk: Gesprek) -> None:
            self._set_undoable(None)
            self.notice.show_message(
                _(
                    "Gesprek {number} is niet meer vastgelegd als gehouden; het staat weer "
                    "op de agenda."
                ).format(number=format_number(nummer)),
                "info",
            )
            self.reload()

        def refused(exc: BaseException) -> None:
            if isinstance(exc, TalkRefused):
                self._set_undoable(None)  # sent, or a later talk: it cannot be undone here
            self.failed(exc)

        undone, not_undone = self.reads.write(done, refused)
        self.tasks.run(
            lambda _token: voortgang.undo_held(vault, case_id, nummer, today), undone, not_undone
        )

    def start_amendment(self) -> None:
        """Ask the reason, then start the PIP amendment from this talk and open the PIP
        editor on the new draft."""
        data = self.screen_data
        talk = None if data is None else data.gesprekken.talk(self.nummer)
        if talk is None or talk.gehouden is None:
            self.notice.show_message(error_text(TalkRefused("voortgang_amend_not_held")), "error")
            return
        dialog = AmendDialog(talk.nummer, talk.gehouden, self)
        self.amend_dialog = dialog

        def finished(result: int) -> None:
            self.amend_dialog = None
            reason = dialog.reason
            dialog.deleteLater()
            if result == AmendDialog.DialogCode.Accepted:
                self._amend(reason)

        dialog.finished.connect(finished)
        dialog.open()

    def _amend(self, reason: str) -> None:
        self.autosave.flush()
        vault, case_id, nummer, today = self.vault, self.case_id, self.nummer, self.today

        def done(history: PipHistory) -> None:
            from inburg_desktop.ui.pip import open_pip_editor

            editor = open_pip_editor(vault, case_id)
            self.pip_editor = editor
            # closing the editor is a moment to look again, whatever it wrote
            editor.destroyed.connect(self._vault_written)
            draft = history.draft
            self._amending = None if draft is None else draft.nummer
            text = _("Wijziging van het PIP gestart; werk haar uit in de PIP-editor.")
            self.notice.show_message(text, "info")
            self._pip_notice = text
            self.amendment_started.emit(editor)

        started, failed = self.reads.write(done, self.failed)
        self.tasks.run(
            lambda _token: voortgang.start_amendment(vault, case_id, nummer, reason, today),
            started,
            failed,
        )

    # closing ------------------------------------------------------------------------------
    def _unsaved_labels(self) -> list[str]:
        """What the vault could not take yet, named as the close question names it
        ("Voortgangsgesprek 1: aantekeningen")."""
        return sorted(_(field_label(key)) for key in self.autosave.pending_keys())

    def _discard_pending(self) -> None:
        self.autosave.take_pending()  # "Niet opslaan": what the vault could not take goes

    def _save_for_close(self) -> None:
        self.autosave.flush()
        if self.autosave.busy:
            self.close_guard.save_failed()
        else:
            self.close_guard.saved()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.autosave.flush()  # what was typed is written before the window goes
        if not self.close_guard.allows_close(event):
            return
        if self.interpreter is not None:
            self.interpreter.close()
        super().closeEvent(event)


def open_talk_window(vault: Vault, case_id: str) -> TalkWindow:
    """Raise the case's open talk window, or open one (top-level, so a lock closes it)."""
    audit_trail.record_view(vault, case_id, "voortgang")
    return open_for_case(TalkWindow, case_id, lambda: TalkWindow(vault, case_id))
