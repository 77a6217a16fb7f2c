"""The sync window: enroll this laptop once, then sync with one click; progress, cancel,
a summary of what moved, and errors in words. Enrolling, syncing and reading the
enrollment state run off the GUI thread (``services.sync_round``); closing the window
cancels a round between steps (what moved so far stays, the rest waits)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import SIGNAL, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.counts import format_kilobytes
from inburg_desktop.domain.pip import MAX_NAAM
from inburg_desktop.domain.server_url import ServerUrlRefused, read_server_url, shown_server_url
from inburg_desktop.domain.text import N_
from inburg_desktop.formatting import format_list, format_number, format_time, format_utc_stamp
from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.services import consulent, sync_round
from inburg_desktop.services.errors import VaultError
from inburg_desktop.services.sync_round import Enrolled, RoundReport, SyncState
from inburg_desktop.services.sync_summary import summary_lines, window_set_aside_line
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.sync.engine import SyncCancelled
from inburg_desktop.ui.case_events import ALL_CASES, case_events
from inburg_desktop.ui.close_guard import CloseGuard, field_values
from inburg_desktop.ui.message_label import MessageLabel
from inburg_desktop.ui.quarantine_view import QuarantineView
from inburg_desktop.ui.recovery_words import recovery_text
from inburg_desktop.ui.single_window import raise_open
from inburg_desktop.ui.tasks import CancelToken, Task, TaskGroup

# marked for the catalogue (N_), translated where shown: "Ophalen" stayed Dutch in English
STAGES = {"push": N_("Versturen"), "attachments": N_("Bijlagen"), "pull": N_("Ophalen")}


class _ProgressRelay(QObject):
    moved = Signal(str, int, int, int)


def summary_text(summary: RoundReport) -> str:
    """The round in the window: the lines worded once (``services.sync_summary``)."""
    return "\n".join(summary_lines(summary))


class SyncWindow(QDialog):
    synced = Signal(object)  # RoundReport, once the window shows the state after it
    state_shown = Signal()
    conflicts_requested = Signal()  # "Conflicten oplossen…" while conflicts are open
    quarantine_requested = Signal()  # "Apart gezet (n)…": the app's one list opens

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.setWindowTitle(_("Synchroniseren met kantoor"))
        self.tasks = TaskGroup(self)
        self.round: Task[RoundReport] | None = None
        self.stage: str | None = None
        """The round's stage last shown (``None``: none yet, or no round running)."""
        self.syncing = False
        self.started_at: datetime | None = None  # of the round running or last run here
        self.finished_at: datetime | None = None
        self.state: SyncState | None = None  # None until read (off the GUI thread)
        self._relay = _ProgressRelay()
        self._relay.moved.connect(self._show_progress)
        layout = self.column = QVBoxLayout(self)

        self.enroll_box = QWidget()
        form = QFormLayout(self.enroll_box)
        explain = QLabel(
            _(
                "Deze laptop is nog niet ingeschreven bij de kantoorserver. Vraag de beheerder "
                "om een eenmalige code."
            )
        )
        explain.setWordWrap(True)
        form.addRow(explain)
        self.server = QLineEdit()
        self.server.setObjectName("server")
        self.server.setPlaceholderText("https://inburgering.gemeente.nl:8443")
        self._unencrypted_ok = ""
        """The http:// address (as typed) the consultant confirmed to use unencrypted."""
        self.code = QLineEdit()
        self.code.setObjectName("code")
        # the name every PIP carries is asked here, before enrollment (issue 13 item 6)
        self.consulent_name = QLineEdit()
        self.consulent_name.setObjectName("consulentName")
        self.consulent_name.setMaxLength(MAX_NAAM)
        self.consulent_name.setToolTip(_("De naam die op elk PIP staat; later te wijzigen."))
        form.addRow(_("Uw naam als consulent"), self.consulent_name)
        form.addRow(_("Kantoorserver"), self.server)
        form.addRow(_("Eenmalige code"), self.code)
        self.enroll_button = QPushButton(_("Inschrijven"))
        form.addRow(self.enroll_button)
        layout.addWidget(self.enroll_box)

        self.status = QLabel()
        # the office's words and error texts are data, never markup
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.bytes_label = QLabel()
        # the office's words and error texts are data, never markup
        self.bytes_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.bytes_label)
        # The window's one notice area: plain text (the office's words are data), of a
        # kind (progress, news, warning or error), each new notice replacing the last.
        # What a second Ctrl+Shift+S says (raise_again) goes here too: in a line of its own
        # above, the green "Dit venster was al open: schrijf deze laptop eerst in." stayed
        # over a later red error (usability round 7 #17).
        self.outcome = MessageLabel()
        self.outcome.setObjectName("outcome")
        layout.addWidget(self.outcome)
        buttons = QHBoxLayout()
        self.sync_button = QPushButton(_("Nu synchroniseren"))
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setMinimumHeight(36)
        self.cancel_button = QPushButton(_("Annuleren"))
        self.cancel_button.setEnabled(False)
        self.quarantine_button = QPushButton()
        self.quarantine_button.setObjectName("quarantineButton")
        self.quarantine_view: QuarantineView | None = None
        self.conflicts_button = QPushButton(_("&Conflicten oplossen…"))
        self.conflicts_button.setObjectName("conflictsButton")
        self.conflicts_button.hide()  # shown while conflicts are open (the state read)
        close = QPushButton(_("Sluiten"))
        # Enter is the next step (the default button), never the button that happens to
        # have the focus: before the state is read that was "Sluiten", so Enter closed the
        # window without syncing (usability round 2).
        for button in (close, self.cancel_button, self.quarantine_button):
            button.setAutoDefault(False)
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.conflicts_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quarantine_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        # No fixed minimum width: it would override the layout's, so a button shown later
        # ("Conflicten oplossen…") or a longer translation was cut. 560 px is where the
        # window starts; the layout keeps every button whole.
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

        self.enroll_button.clicked.connect(self.enroll)
        self.sync_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.quarantine_button.clicked.connect(self.open_quarantine)
        self.conflicts_button.clicked.connect(self.conflicts_requested.emit)
        close.clicked.connect(self.close)
        # Until the state is read, neither form nor button may be used.
        self.enroll_box.hide()
        self.sync_button.setEnabled(False)
        self.quarantine_button.setEnabled(False)
        self._refresh_state()
        self.tasks.run(lambda _token: consulent.read(vault), self._show_name, self._state_failed)
        # Every button follows the vault as it is now: a conflict resolved or an entry set
        # aside in another window re-reads the state (usability round 3: the window still
        # offered "Conflicten oplossen…" for conflicts already resolved). A method, so the
        # connection ends with the window.
        case_events().case_changed.connect(self._vault_changed)
        # A window whose case this round removed set aside what it had not saved: counted
        # and said in this round's summary, not the next (usability round 6 #22)
        case_events().set_aside.connect(self._window_set_aside)
        self.summary_shown = ""
        # what the last round said (its summary or why it stopped) and its kind: a second
        # Ctrl+Shift+S says it again under its reminder, in the same notice area
        self.result_text, self.result_kind = "", ""
        # What was typed for the enrollment is asked about before Esc or ✕ drops it.
        self.close_guard = CloseGuard(
            self,
            self.enroll,
            state=lambda: field_values(self, [self.server, self.code, self.consulent_name]),
            question=lambda: _(
                "Deze laptop is nog niet ingeschreven; wat u daarvoor typte, gaat verloren. "
                "Nu inschrijven?"
            ),
            save_text=lambda: _("&Inschrijven"),
            discard_text=lambda: _("&Niet inschrijven"),
        )
        self.close_guard.mark_clean()

    def reject(self) -> None:
        if self.close_guard.allows_close():
            super().reject()

    def _vault_changed(self, _case_id: str) -> None:
        if self.isVisible() and (self.round is None or not self.round.running):
            self._refresh_state()

    def _window_set_aside(self, _case_id: str, fields: int) -> None:
        if self.summary_shown:
            self.summary_shown += "\n" + window_set_aside_line(fields)
            self.result_text, self.result_kind = self.summary_shown, "warning"
            self._say(self.summary_shown, "warning")
        if self.round is None or not self.round.running:
            self._refresh_state()

    def _say(self, text: str, kind: str) -> None:
        """Show ``text`` in the outcome box, with the window tall enough for all of it."""
        self.outcome.show_message(text, kind)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow the window to the height its wrapped texts need at its width (never past
        the screen's available height). A top-level window does not grow by itself when a
        word-wrapped label gets more lines: the summary box clipped its first and last
        lines (usability round 3)."""
        layout = self.column
        layout.activate()
        margins = layout.contentsMargins()
        inner = self.width() - margins.left() - margins.right()
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        need = max(need, layout.totalSizeHint().height())
        for label in (self.outcome, self.status):
            extra = label.heightForWidth(inner) - label.height()
            if label.text() and extra > 0:
                need = max(need, self.height() + extra)
        screen = self.screen()
        if screen is not None:
            frame = self.frameGeometry().height() - self.geometry().height()
            need = min(need, screen.availableGeometry().height() - frame)
        if need > self.height():
            self.resize(self.width(), need)

    def _refresh_state(self, then: Callable[[], None] | None = None) -> None:
        """Read the enrollment, last sync and set-aside count off the GUI thread, show
        them, then run ``then``."""
        vault = self.vault

        def shown(state: SyncState) -> None:
            self._show_state(state)
            if then is not None:
                then()

        self.tasks.run(lambda _token: sync_round.state(vault), shown, self._state_failed)

    def _state_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        self._say(error_text(exc), "error")

    def _show_state(self, state: SyncState) -> None:
        self.state = state
        enrolled, last, set_aside = state.enrolled, state.last_sync, state.set_aside
        # Alt+A, the letter a consultant tries (usability round 7 #13: it had none to see)
        self.quarantine_button.setText(_("&Apart gezet ({n})…").format(n=format_number(set_aside)))
        self.quarantine_button.setEnabled(set_aside > 0)
        if self.quarantine_view is not None and self.quarantine_view.isVisible():
            self.quarantine_view.reload()
        if state.conflicts == 0 and not self.conflicts_button.isHidden():
            # resolved meanwhile: nothing left to open, and Enter syncs again
            self.conflicts_button.setDefault(False)
            self.conflicts_button.hide()
        elif state.conflicts > 0:
            self.conflicts_button.show()
        self.enroll_box.setVisible(enrolled is None)
        self.sync_button.setEnabled(enrolled is not None)
        # Enter does the next step: enroll until enrolled, then sync (unless a summary
        # with conflicts made "Conflicten oplossen" the default)
        if not self.conflicts_button.isDefault():
            self.enroll_button.setDefault(enrolled is None)
            self.sync_button.setDefault(enrolled is not None)
            if enrolled is not None and not self.sync_button.hasFocus():
                self.sync_button.setFocus()  # Space, like Enter, syncs
        if enrolled is not None:
            when = format_utc_stamp(last) if last is not None else _("nog nooit")
            self.status.setText(
                _(
                    "Ingeschreven bij {server} voor {consultant}. Laatst gesynchroniseerd: {when}."
                ).format(
                    # a non-ASCII host with its xn-- form beside it (attack round 6 #6)
                    server=shown_server_url(enrolled.server_url),
                    consultant=enrolled.consultant,
                    when=when,
                )
            )
            self._fit_height()
        self.state_shown.emit()

    def open_quarantine(self) -> None:
        """The list of what sync set aside: the app's one list when the main window
        listens (``quarantine_requested``), else a list of this window's own."""
        if self.receivers(SIGNAL("quarantine_requested()")) > 0:
            self.quarantine_requested.emit()
            return
        if self.quarantine_view is None:
            self.quarantine_view = QuarantineView(self.vault, self)
        else:
            self.quarantine_view.reload()
        self.quarantine_view.show()
        self.quarantine_view.raise_()

    def _show_name(self, known: consulent.Consulent) -> None:
        if not self.consulent_name.text() and known.naam is not None:
            self.consulent_name.setText(known.naam)
            self.close_guard.mark_clean()  # stored, not typed

    def enroll(self) -> None:
        typed, code = self.server.text().strip(), self.code.text().strip()
        try:
            name = consulent.check_name(self.consulent_name.text())
        except consulent.NaamGeweigerd as exc:
            self._say(error_text(exc), "error")
            self.consulent_name.setFocus()
            self.close_guard.save_failed()
            return
        # One rule for the address (domain.server_url): a missing https:// is said with
        # the address meant; plain http to another computer only once confirmed here
        # (usability round 4 #22: it was taken silently).
        try:
            address = read_server_url(typed, unencrypted_ok=typed == self._unencrypted_ok)
        except ServerUrlRefused as exc:
            if exc.code == "server_url_unencrypted":
                self._ask_unencrypted(typed, exc)
            else:
                self._say(error_text(exc), "error")
                self.server.setFocus()
            self.close_guard.save_failed()
            return
        if not code:
            self._say(_("Vul de eenmalige code in."), "error")
            self.code.setFocus()
            self.close_guard.save_failed()
            return
        vault = self.vault
        self.enroll_button.setEnabled(False)
        url, unencrypted = address.url, address.unencrypted

        def work(_token: CancelToken) -> Enrolled:
            consulent.save_name(vault, name)  # kept even when the office refuses the code
            return sync_round.enroll(vault, url, code, unencrypted_ok=unencrypted)

        self.tasks.run(work, self._enrolled, self._failed)

    def _ask_unencrypted(self, typed: str, refused: ServerUrlRefused) -> None:
        """Say that the connection to ``typed`` would not be encrypted and ask whether to
        enroll over it anyway; "Annuleren" is the default and Esc, so only a deliberate
        choice goes on (window-modal, so the window stays responsive)."""
        question = QMessageBox(self)
        question.setObjectName("unencryptedQuestion")
        question.setIcon(QMessageBox.Icon.Warning)
        question.setWindowTitle(_("Onversleutelde verbinding"))
        question.setText(error_text(refused))
        question.setInformativeText(_("Toch inschrijven over deze onversleutelde verbinding?"))
        go_on = question.addButton(
            _("Toch &onversleuteld inschrijven"), QMessageBox.ButtonRole.AcceptRole
        )
        go_on.setObjectName("unencryptedGoOn")
        cancel = question.addButton(_("Annuleren"), QMessageBox.ButtonRole.RejectRole)
        question.setDefaultButton(cancel)
        question.setEscapeButton(cancel)

        def answered() -> None:
            if question.clickedButton() is go_on:
                self._unencrypted_ok = typed
                self.enroll()
            else:
                self._say(
                    _(
                        "Niet ingeschreven: de verbinding met {host} is niet versleuteld. "
                        "Vul een adres met https:// in."
                    ).format(host=refused.params.get("host", "")),
                    "warning",
                )
                self.server.setFocus()
            question.deleteLater()

        question.finished.connect(answered)
        question.open()

    def _enrolled(self, enrolled: Enrolled) -> None:
        self.enroll_button.setEnabled(True)
        self.close_guard.saved()

        # the templates first, filled once: a name is a value, never read as a template
        parts = [_("Ingeschreven voor {consultant}.")]
        if enrolled.name_replaced is not None:
            # one name per laptop: the code's consultant is the name on every PIP now
            parts.append(
                _(
                    "De code was gemaakt voor {consultant}, niet voor {typed}: uw naam als "
                    "consulent op elk PIP is nu {consultant}. Wijzigen kan via Instellingen → "
                    "Mijn naam als consulent."
                )
            )
            self.consulent_name.setText(enrolled.consultant)
            self.close_guard.mark_clean()  # stored, not typed
        elif enrolled.name_other_form is not None:
            # the same name in another form: kept, and said (attack round 8, finding 12)
            parts.append(
                _(
                    "Het kantoor schrijft uw naam als {consultant}, deze laptop als {typed}. "
                    "Besluiten die u nu neemt dragen de schrijfwijze van het kantoor; eerdere "
                    "besluiten houden de naam waarmee ze zijn genomen."
                )
            )
        if enrolled.decisions_other_name:
            parts.append(
                _(
                    "Besluiten die vóór de inschrijving zijn genomen onder de naam {names} "
                    "zijn niet aan {consultant} toegeschreven en niet hernoemd: het kantoor "
                    "weigert ze en zet ze apart. Neem ze zo nodig opnieuw."
                )
            )
        said = " ".join(parts).format(
            consultant=enrolled.consultant,
            typed=enrolled.name_replaced or enrolled.name_other_form or "",
            names=format_list(enrolled.decisions_other_name),
        )
        warn = enrolled.name_replaced is not None or bool(enrolled.decisions_other_name)
        # whether the office can now recover this vault (DESIGN.md, Key management)
        said += " " + recovery_text(enrolled.recovery.key_id)

        def shown() -> None:
            self._say(said, "warning" if warn else "info")
            # the form that had the keyboard is gone: the next step has it
            self.sync_button.setFocus(Qt.FocusReason.OtherFocusReason)

        self._refresh_state(shown)

    def start(self) -> None:
        if self.round is not None and self.round.running:
            return
        self.conflicts_button.hide()
        self.conflicts_button.setDefault(False)
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.summary_shown = ""
        self.result_text, self.result_kind = "", ""
        self.started_at, self.finished_at = datetime.now().astimezone(), None
        self._say(_("Bezig… u kunt gewoon doorwerken."), "progress")
        vault, relay = self.vault, self._relay
        self.stage, self.syncing = None, True
        self.bytes_label.clear()

        def work(token: CancelToken) -> RoundReport:
            return sync_round.sync(vault, progress=relay.moved.emit, cancel=token)

        self.round = self.tasks.run(work, self._done, self._failed)

    def cancel(self) -> None:
        """Stop the round between steps; what moved so far stays, the rest waits."""
        if self.round is not None:
            self.round.token.cancel()  # the outcome ("afgebroken") is still shown

    def _show_progress(self, stage: str, done: int, total: int, moved: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total > 0 else 1)  # nothing to do: that stage is done
        step = self.stage = _(STAGES.get(stage, stage))
        # A share, never "1 / 1": the engine counts ops and pages, the summary fields and
        # cases, and the two disagreed ("Ophalen: 1 / 1" beside "0 dossiers opgehaald").
        self.progress.setFormat(_("{stage}: {percent}").format(stage=step, percent="%p%"))
        self.bytes_label.setText(_("{kb} kB verplaatst").format(kb=format_kilobytes(moved)))

    def _done(self, summary: RoundReport) -> None:
        self.syncing = False
        self.finished_at = datetime.now().astimezone()
        self.sync_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        needs_look = summary.conflicts or summary.quarantined or summary.kept_unsent
        self.summary_shown = summary_text(summary)
        self.result_text = self.summary_shown
        self.result_kind = "warning" if needs_look else "info"
        self._say(self.summary_shown, self.result_kind)
        if summary.conflicts:
            # straight from the summary to the conflicts: Enter opens them
            self.conflicts_button.show()
            self.sync_button.setDefault(False)
            self.conflicts_button.setDefault(True)
            self.conflicts_button.setFocus(Qt.FocusReason.OtherFocusReason)
        case_events().case_changed.emit(ALL_CASES)
        self._refresh_state(lambda: self.synced.emit(summary))

    def raise_again(self) -> None:
        """Opened again (Ctrl+Shift+S from any window, the menu) while open: show it on
        top and say where it stands, so the key is never without an answer (usability
        round 3: a second Ctrl+Shift+S gave no feedback)."""
        raise_open(self)
        if self.round is not None and self.round.running and self.started_at is not None:
            text = _(
                "De synchronisatie loopt al (gestart om {time}); u kunt gewoon doorwerken."
            ).format(time=format_time(self.started_at))
            kind = "progress"
        elif self.finished_at is not None:
            text = _(
                "De synchronisatie van {time} is klaar; hieronder staat wat ze deed. "
                "Opnieuw synchroniseren: Nu synchroniseren."
            ).format(time=format_time(self.finished_at))
            # what the round did (or why it stopped) stays, under the reminder
            kind = self.result_kind or "info"
            if self.result_text:
                text += "\n\n" + self.result_text
        elif self.state is not None and self.state.enrolled is None:
            text = _("Dit venster was al open: schrijf deze laptop eerst in.")
            kind = "info"
        else:
            text = _(
                "Dit venster was al open; er loopt geen synchronisatie. Start er een met "
                "Nu synchroniseren."
            )
            kind = "info"
        self._say(text, kind)

    def _show_stopped(self, *, cancelled: bool) -> None:
        """The progress says the round stopped, where, and what moved before (usability
        round 4, 105: "Versturen: 0%" and "0 kB verplaatst" stayed after the server was
        unreachable, as if the round were still going)."""
        self.syncing = False
        stopped = _("afgebroken") if cancelled else _("mislukt")
        if self.stage is None:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress.setFormat(
                _("Afgebroken voordat er iets verstuurd was")
                if cancelled
                else _("Mislukt voordat er iets verstuurd was")
            )
        else:
            self.progress.setFormat(
                _("{stage}: {stopped} bij {percent}").format(
                    stage=self.stage, stopped=stopped, percent="%p%"
                )
            )
        moved = self.bytes_label.text()
        if moved:
            self.bytes_label.setText(_("{moved}; daarna gestopt").format(moved=moved))

    def _failed(self, exc: BaseException) -> None:
        self.finished_at = datetime.now().astimezone()
        self.sync_button.setEnabled(True)
        self.enroll_button.setEnabled(True)
        self.close_guard.save_failed()  # an enrollment refused: the window stays
        self.cancel_button.setEnabled(False)
        if isinstance(exc, sync_round.NotEnrolled):
            self._refresh_state()  # the enrollment form is what to use
            return
        # Every failure is a problem code (transport, engine, vault) or unexpected: the
        # catalogue words it; the log has the details. A cancel is no error.
        kind = "warning" if isinstance(exc, SyncCancelled) else "error"
        if self.syncing:
            self._show_stopped(cancelled=isinstance(exc, SyncCancelled))
        self.result_text, self.result_kind = error_text(exc), kind
        self._say(self.result_text, kind)
        self._refresh_state()
        # Pages pulled before the failure or the cancel stay applied.
        case_events().case_changed.emit(ALL_CASES)
