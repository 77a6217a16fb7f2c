"""Beside the PIP: the route advice with its reasons and the consultant's recorded choice,
the notes of the proposal, what is still missing before the PIP can be set (live), the
exceptions the Besluit allows with their ground and motivering, and the deadlines the PIP
implies as Dutch dates (every end "t/m", the last day that still counts), with what the
data say about the plicht."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from inburg_desktop.domain.deadlines import Deadlines
from inburg_desktop.domain.pip import PipVersion
from inburg_desktop.domain.plicht import PlichtCheck
from inburg_desktop.domain.route_advice import RouteAdvice
from inburg_desktop.domain.text import Reason
from inburg_desktop.formatting import format_date, reason_text, route_labels
from inburg_desktop.i18n import _
from inburg_desktop.services.route_advice_input import RouteChoice
from inburg_desktop.ui.pip.exceptions_box import ExceptionsBox


def _render(reason: Reason) -> str:
    return reason_text(reason)


def _label(object_name: str, rich: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)  # a longer title in English wraps, never widens the panel
    label.setStyleSheet("font-weight:600;font-size:11pt;margin-top:6px")
    return label


def _pane(name: str) -> tuple[QScrollArea, QVBoxLayout]:
    """A part of the panel that scrolls down, never sideways: its text wraps at the
    panel's width (usability round 4, finding 19: English labels are longer and the
    panel scrolled sideways with the ends of its lines out of sight)."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    # The bar is always there: one that appears when the list grows would take its width
    # from the text, rewrap it and move the row being typed in.
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    body = QWidget()
    body.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    column = QVBoxLayout(body)
    column.setContentsMargins(6, 4, 10, 4)
    area.setWidget(body)
    return area, column


class SidePanel(QSplitter):
    """Two parts, one above the other, each scrolling on its own: what is still needed
    before setting, and below it the deviations (Afwijken: ground and motivering), the
    deadlines, the advice and the notes. Both the to-do list and the deviations are in
    sight at once (usability round 4, finding 11: the deviations pushed "Nog nodig" out of
    sight); the line between them can be dragged. Neither moves the other as one types:
    a list that grows scrolls inside its own part."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setChildrenCollapsible(False)
        self.todo, todo = _pane("pipTodo")
        self.missing_title = _title(_("Nog nodig voor vaststellen"))
        todo.addWidget(self.missing_title)
        self.missing = _label("pipMissing")
        todo.addWidget(self.missing)
        todo.addStretch(1)
        self.details, column = _pane("pipDetails")
        self.exceptions = ExceptionsBox()
        column.addWidget(self.exceptions)
        column.addWidget(_title(_("Termijnen")))
        self.deadlines = _label("pipDeadlines")
        column.addWidget(self.deadlines)
        self.plicht = _label("pipPlicht")
        column.addWidget(self.plicht)
        column.addWidget(_title(_("Leerroute: advies en keuze")))
        self.advice = _label("pipAdvice")
        column.addWidget(self.advice)
        column.addWidget(_title(_("Waarom dit voorstel")))
        self.notes = _label("pipNotes")
        column.addWidget(self.notes)
        column.addStretch(1)
        self.addWidget(self.todo)
        self.addWidget(self.details)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 3)
        self.setSizes([240, 360])
        self.missing_texts: list[str] = []

    def show_set(self, note: str) -> None:
        """A set PIP has nothing left to do before setting: no to-do list, no red bullet;
        only ``note`` (how to change it) in plain grey."""
        self.missing_title.setText(_("Vastgesteld"))
        self.missing_texts = []
        self.missing.setText(f"<p style='color:#4b5563'>{escape(note)}</p>")

    def show_missing(self, reasons: Sequence[Reason], problem: str | None = None) -> None:
        self.missing_title.setText(_("Nog nodig voor vaststellen"))
        texts = ([problem] if problem else []) + [_render(r) for r in reasons]
        self.missing_texts = texts
        if not texts:
            self.missing.setText(
                "<span style='color:#15803d'>✓ "
                + escape(_("Compleet: het PIP kan worden vastgesteld."))
                + "</span>"
            )
            return
        items = "".join(f"<li>{escape(t)}</li>" for t in texts)
        self.missing.setText(f"<ul style='margin-left:-18px;color:#7c2d12'>{items}</ul>")

    def show_deadlines(
        self,
        deadlines: Deadlines,
        pip_date: date | None,
        plicht: PlichtCheck | None = None,
        amended: PipVersion | None = None,
    ) -> None:
        """The case's deadlines. ``pip_date``: the first PIP's dagtekening, from which the
        termijn and the route-change window count (Wet art. 11, Besluit art. 5.4 lid 1);
        ``amended``: the version in force when it amends the first, whose own dagtekening
        is shown beside it, named as the amendment's (usability round 6, finding 15)."""

        # the same kind of date as in the case list, the intake and Dossiergegevens
        # ("29 dec 2026"); the decision itself writes "29 december 2026" (pdf/)
        def day(value: date | None, unknown: str) -> str:
            return format_date(value) if value is not None else unknown

        after = _("na vaststellen")
        if deadlines.niet_plichtig:  # none exist without a plicht (deadlines.compute_deadlines)
            pip_text = after = _("geen: niet inburgeringsplichtig volgens de gegevens")
        elif deadlines.pip_deadline is None:
            pip_text = _("wacht op informatie van een derde (Besluit art. 5.3 lid 2)")
        else:
            pip_text = format_date(deadlines.pip_deadline)
            if deadlines.pip_deadline_provisional:
                pip_text += " " + _("(voorlopig: kennisgeving van DUO nog niet bekend)")
        rows = [
            (_("PIP uiterlijk vastgesteld (Besluit art. 5.3)"), pip_text),
            (_("Dagtekening eerste PIP"), day(pip_date, _("nog niet vastgesteld"))),
            *(
                [
                    (
                        _("Dagtekening wijziging (versie {number})").format(number=amended.nummer),
                        day(amended.dagtekening, _("nog niet vastgesteld")),
                    )
                ]
                if amended is not None
                else []
            ),
            (_("Start inburgeringstermijn"), day(deadlines.termijn_start, after)),
            (_("Inburgeringstermijn t/m (Wet art. 11)"), day(deadlines.termijn_end, after)),
            (
                _("Leerroute wijzigen kan t/m (Besluit art. 5.4 lid 1)"),
                day(deadlines.route_switch_until, after),
            ),
            (
                _("Ontzorgen t/m (Participatiewet art. 56a)"),
                day(deadlines.ontzorgen_until, _("niet van toepassing")),
            ),
        ]
        if plicht is not None and plicht.plicht_ends_on is not None:
            ends = format_date(plicht.plicht_ends_on)
            if plicht.aow_provisional:
                ends += " " + _("(voorlopig: AOW-leeftijd nog niet wettelijk vastgesteld)")
            rows.append((_("Inburgeringsplicht t/m (AOW-leeftijd, Wet art. 3)"), ends))
        body = "".join(
            f"<tr><td style='padding-right:8px;color:#374151'>{escape(k)}</td>"
            f"<td><b>{escape(v)}</b></td></tr>"
            for k, v in rows
        )
        note = _(
            "De inburgeringstermijn en de termijn om de leerroute te wijzigen tellen vanaf "
            "de dagtekening van het eerste PIP; een wijziging van het PIP verschuift ze "
            "niet (Wet art. 11)."
        )
        self.deadlines.setText(f"<table>{body}</table><p style='color:#374151'>{escape(note)}</p>")

    def show_plicht(self, plicht: PlichtCheck | None, warnings: Sequence[Reason]) -> None:
        """What the data say about the plicht, and every warning (aow_during_termijn …)."""
        parts: list[str] = []
        if plicht is not None and not plicht.plichtig:
            parts.append(
                "<p style='color:#7c2d12'><b>"
                + escape(_("Volgens de vastgelegde gegevens niet inburgeringsplichtig:"))
                + "</b> "
                + escape(_render(plicht.reasons[0]))
                + "</p>"
            )
        if warnings:
            parts.append(
                "<ul style='margin-left:-18px;color:#92400e'>"
                + "".join(f"<li>{escape(_render(w))}</li>" for w in warnings)
                + "</ul>"
            )
        self.plicht.setText("".join(parts))
        self.plicht.setVisible(bool(parts))

    def show_advice(self, advice: RouteAdvice, choice: RouteChoice | None) -> None:
        labels = route_labels()
        advised = labels[advice.route] if advice.route else _("Nog geen advies")
        advice_word, chosen_word = _("Advies"), _("Gekozen")
        parts = [f"<p>{escape(advice_word)}: <b>{escape(advised)}</b></p>"]
        parts.append(
            "<ul style='margin-left:-18px'>"
            + "".join(f"<li>{escape(_render(r))}</li>" for r in advice.reasons)
            + "</ul>"
        )
        if choice is not None:
            parts.append(
                f"<p>{escape(chosen_word)}: <b>{escape(labels[choice.route])}</b> — "
                f"{escape(choice.reason)}</p>"
            )
        else:
            none_yet = escape(_("Nog geen leerroute gekozen in de intake."))
            parts.append(f"<p style='color:#7c2d12'>{none_yet}</p>")
        parts.append(f"<p style='color:#6b7280'>{escape(_render(advice.notice))}</p>")
        self.advice.setText("".join(parts))

    def show_notes(self, notes: Sequence[Reason]) -> None:
        if not notes:
            self.notes.setText(escape(_("Geen bijzonderheden.")))
            return
        self.notes.setText(
            "<ul style='margin-left:-18px'>"
            + "".join(f"<li>{escape(_render(r))}</li>" for r in notes)
            + "</ul>"
        )
