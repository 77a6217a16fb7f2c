"""The confirmation before a PIP is set or amended: a beschikking is a deliberate act.

It shows what will be decided (route, intensity, termijnen, ontzorgen, the main parts,
the consultant who decides), what the law still requires (``services.pip_confirmation``:
the rules' refusals; they block, the confirm button stays disabled and says why) and
what is merely open in the intake (warnings: the confirm button needs a tick that says
the consultant saw them). Above all that, when the PIP would not name who it comes from
(the placeholder letterhead, no consultant's name: ``domain.pip_sender``) it says so
plainly and offers to fill it in (``fill_letterhead_requested``); that warns like an open
item, it does not block.

The default button is "Annuleren": Enter, Escape or a stray keypress never sets a legal
decision; only a click (or its mnemonic) on the confirm button does. Every data text is
plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.domain.pip import PipVersion, taaldoel
from inburg_desktop.domain.pip_sender import LETTERHEAD_PLACEHOLDER
from inburg_desktop.domain.text import Reason
from inburg_desktop.formatting import format_date, format_number, reason_text, route_labels
from inburg_desktop.i18n import _
from inburg_desktop.services.pip_confirmation import Confirmation
from inburg_desktop.ui.pip.changes import changes
from inburg_desktop.ui.pip.widgets import (
    begeleiding_labels,
    knm_labels,
    ontzorgen_labels,
    participatie_labels,
)


def _long(day: date) -> str:
    """A date as the decision writes it, in the UI language: "2 november 2026"."""
    return format_date(day, style="long")


class _WrappingScroll(QScrollArea):
    """A scroll area whose content keeps the height its wrapped lines need at the width
    shown (a plain resizable scroll area squeezes word-wrapped labels instead of
    scrolling)."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        body = self.widget()
        if body is not None:
            needed = body.heightForWidth(self.viewport().width())
            if needed > 0:
                body.setMinimumHeight(needed)


def _heading(text: str, color: str) -> QLabel:
    """A bold line in ``color``; bold through the font, not a style sheet, so the label's
    height for its width is measured in the font it is drawn in (never clipped)."""
    label = _plain(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setStyleSheet(f"color:{color}")
    return label


def _plain(text: str, object_name: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # data, never markup
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if object_name:
        label.setObjectName(object_name)
    return label


def decided_rows(confirmation: Confirmation) -> list[tuple[str, str]]:
    """What will be decided, as (label, value) in the UI language."""
    draft: PipVersion = confirmation.draft
    b = draft.beschikking
    deadlines = confirmation.deadlines
    base = confirmation.base
    rows: list[tuple[str, str]] = [
        (
            _("Dagtekening"),
            _long(confirmation.on)
            if base is None
            else _("{day} (versie {number})").format(
                day=_long(confirmation.on), number=draft.nummer
            ),
        ),
        (_("Besluit door"), confirmation.consulent or _("(naam nog niet ingesteld)")),
    ]
    first = confirmation.first_dagtekening
    if base is not None and first is not None:
        # Wet art. 11: the termijn counts from the first PIP; an amendment does not move it
        rows.append((_("Dagtekening eerste PIP (de termijn telt hiervan)"), _long(first)))
    if base is not None:
        rows.append((_("Wijzigt"), _("versie {number}").format(number=base.nummer)))
        rows.append((_("Reden van de wijziging"), draft.reden or _("(geen reden)")))
    route = b.leerroute
    route_text = _("geen leerroute") if route is None else route_labels()[route]
    if route is not None:
        route_text += " · " + _("doel {level}").format(level=taaldoel(route, draft.afschaling_a2))
    if base is not None and base.leerroute != route and base.leerroute is not None:
        route_text += " " + _("(was: {route})").format(route=route_labels()[base.leerroute])
    rows.append((_("Leerroute"), route_text))
    if b.leerroute_intensiteit is not None:
        rows.append(
            (
                _("Intensiteit"),
                _("{week} uur per week, {total} uur in totaal").format(
                    week=format_number(b.leerroute_intensiteit.uren_per_week),
                    total=format_number(b.leerroute_intensiteit.totaal_uren),
                ),
            )
        )
    if deadlines.termijn_start is not None and deadlines.termijn_end is not None:
        rows.append(
            (
                _("Inburgeringstermijn"),
                _("{start} t/m {end}").format(
                    start=_long(deadlines.termijn_start), end=_long(deadlines.termijn_end)
                ),
            )
        )
    if deadlines.route_switch_until is not None:
        rows.append((_("Leerroute wijzigen kan t/m"), _long(deadlines.route_switch_until)))
    if b.ontzorgen is not None:
        parts = ", ".join(ontzorgen_labels()[o] for o in b.ontzorgen.onderdelen)
        text = parts or _("geen onderdelen")
        if deadlines.ontzorgen_until is not None:
            text += " · " + _("t/m {day}").format(day=_long(deadlines.ontzorgen_until))
        rows.append((_("Ontzorgen"), text))
    else:
        rows.append((_("Ontzorgen"), _("geen")))
    parts_text: list[str] = []
    if b.pvt is not None:
        parts_text.append(_("PVT {hours} uur").format(hours=format_number(b.pvt.uren)))
    if b.map is not None:
        parts_text.append(_("MAP {themes} thema's").format(themes=format_number(b.map.themas)))
    if b.knm is not None:
        parts_text.append(_("KNM: {form}").format(form=knm_labels()[b.knm.vorm]))
    rows.append((_("Onderdelen"), ", ".join(parts_text) or _("geen")))
    if b.begeleiding:
        rows.append(
            (_("Begeleiding"), ", ".join(begeleiding_labels()[g.soort] for g in b.begeleiding))
        )
    if b.participatie:
        rows.append(
            (_("Participatie"), ", ".join(participatie_labels()[p.soort] for p in b.participatie))
        )
    rows.append((_("Voortgangsgesprekken"), format_number(b.voortgangsgesprekken.aantal)))
    if draft.uitzonderingen:
        rows.append((_("Uitzonderingen met motivering"), format_number(len(draft.uitzonderingen))))
    return rows


def _reason_list(reasons: Sequence[Reason], object_name: str) -> QWidget:
    box = QWidget()
    box.setObjectName(object_name)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    for reason in reasons:
        column.addWidget(_plain("• " + reason_text(reason)))
    return box


class PipConfirmDialog(QDialog):
    """Confirm setting (or amending) a PIP; ``exec()`` returns Accepted only after the
    confirm button was pressed while nothing blocks and every warning was acknowledged."""

    fill_letterhead_requested = Signal()  # "Briefhoofd invullen…": the editor opens it

    def __init__(self, confirmation: Confirmation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipConfirmDialog")
        self.confirmation = confirmation
        self.change_rows: list[tuple[str, str, str]] = []  # label, in force, new
        amendment = confirmation.amendment
        self.setWindowTitle(
            _("Wijziging van het PIP vaststellen") if amendment else _("PIP vaststellen")
        )
        column = QVBoxLayout(self)
        lead = _plain(
            _(
                "U neemt een besluit (beschikking, Wet inburgering art. 15) met rechtsgevolgen "
                "voor de inburgeraar. Kijk na wat er wordt besloten."
            )
        )
        column.addWidget(lead)
        scroll = _WrappingScroll()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        inner = QVBoxLayout(body)
        self.sender_box = self._sender()
        inner.addWidget(self.sender_box)
        if confirmation.base is not None:  # an amendment: what differs comes first
            inner.addWidget(self._changed(confirmation.base))
        inner.addWidget(self._decided())
        inner.addWidget(self._required())
        inner.addWidget(self._open())
        inner.addStretch(1)
        scroll.setWidget(body)
        column.addWidget(scroll, 1)
        self.acknowledge = QCheckBox(_("Ik heb &gezien wat nog open is en stel het PIP toch vast"))
        self.acknowledge.setObjectName("pipConfirmAcknowledge")
        self.acknowledge.setVisible(self._warns() and not confirmation.blocked)
        self.acknowledge.toggled.connect(self._update)
        self._word_acknowledge()
        column.addWidget(self.acknowledge)
        self.why_disabled = _plain("", "pipConfirmWhy")
        self.why_disabled.setStyleSheet("color:#991b1b")
        column.addWidget(self.why_disabled)
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = QPushButton(_("Annuleren"))
        self.cancel_button.setObjectName("pipConfirmCancel")
        self.confirm_button = QPushButton(
            _("&Wijziging vaststellen") if amendment else _("PIP &vaststellen")
        )
        self.confirm_button.setObjectName("pipConfirmButton")
        # Enter presses the default button: that must be the harmless one
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.setDefault(False)
        self.cancel_button.setAutoDefault(True)
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self._confirm)
        row.addWidget(self.confirm_button)
        row.addWidget(self.cancel_button)
        column.addLayout(row)
        self._update()
        self.cancel_button.setFocus()
        self.resize(780, 700)  # fits 1366×768 with its frame

    def _word_acknowledge(self) -> None:
        """The tick names what it acknowledges: the open intake, the sender, or both."""
        if self.confirmation.open_items:
            return  # the words set above (the sender, if any, is listed too)
        self.acknowledge.setText(
            _("Ik heb &gezien van wie het PIP nog niet goed komt en stel het toch vast")
        )

    def _warns(self) -> bool:
        return bool(self.confirmation.open_items or self.confirmation.sender)

    def _sender(self) -> QGroupBox:
        """What keeps the PIP from naming its sender, with a button to fill it in."""
        box = QGroupBox(_("Van wie het PIP komt"))
        box.setObjectName("pipConfirmSender")
        column = QVBoxLayout(box)
        gaps = self.confirmation.sender
        column.addWidget(
            _heading(
                _("Het PIP noemt nog niet goed van wie het komt:"),
                "#92400e",
            )
        )
        column.addWidget(_reason_list(gaps, "pipConfirmSenderList"))
        self.letterhead_button = QPushButton(_("&Briefhoofd invullen…"))
        self.letterhead_button.setObjectName("pipConfirmFillLetterhead")
        self.letterhead_button.setAutoDefault(False)
        self.letterhead_button.clicked.connect(self.fill_letterhead_requested)
        self.letterhead_button.setVisible(any(g.code == LETTERHEAD_PLACEHOLDER for g in gaps))
        row = QHBoxLayout()
        row.addWidget(self.letterhead_button)
        row.addStretch(1)
        column.addLayout(row)
        box.setVisible(bool(gaps))
        return box

    def set_sender(self, gaps: Sequence[Reason]) -> None:
        """The sender's gaps read again (after the letterhead was filled in)."""
        self.confirmation = replace(self.confirmation, sender=tuple(gaps))
        old = self.sender_box
        self.sender_box = self._sender()
        parent = old.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QVBoxLayout):
            layout.replaceWidget(old, self.sender_box)
        old.setParent(None)
        old.deleteLater()
        self.acknowledge.setVisible(self._warns() and not self.confirmation.blocked)
        self._word_acknowledge()
        self._update()

    def _changed(self, base: PipVersion) -> QGroupBox:
        """What the amendment changes against the version in force: each field with its
        value in force and its new value ("—" → "ROC Mondriaan")."""
        box = QGroupBox(
            _("Wat verandert ten opzichte van versie {number}").format(number=base.nummer)
        )
        box.setObjectName("pipConfirmChanges")
        form = QFormLayout(box)
        found = changes(base, self.confirmation.draft)
        self.change_rows = [(c.label, c.old, c.new) for c in found]
        for change in found:
            form.addRow(
                _plain(change.label),
                _plain(_("{old} → {new}").format(old=change.old, new=change.new)),
            )
        if not found:
            form.addRow(
                _plain(
                    _("Niets: het besluit blijft zoals in versie {number}.").format(
                        number=base.nummer
                    )
                )
            )
        return box

    def _decided(self) -> QGroupBox:
        box = QGroupBox(_("Wat wordt besloten"))
        form = QFormLayout(box)
        for label, value in decided_rows(self.confirmation):
            form.addRow(_plain(label), _plain(value))
        return box

    def _required(self) -> QGroupBox:
        box = QGroupBox(_("Wat de wet vraagt"))
        box.setObjectName("pipConfirmRequired")
        column = QVBoxLayout(box)
        required = self.confirmation.required
        if required:
            column.addWidget(
                _heading(
                    _(
                        "Dit ontbreekt nog; zolang het ontbreekt kan het PIP niet worden "
                        "vastgesteld:"
                    ),
                    "#991b1b",
                )
            )
            column.addWidget(_reason_list(required, "pipConfirmRequiredList"))
        else:
            ok = _plain(_("✓ Het PIP bevat wat de wet vraagt."))
            ok.setStyleSheet("color:#15803d")
            column.addWidget(ok)
        late = self.confirmation.late
        if late is not None:  # a warning: a late PIP must still be set
            line = _plain("⚠ " + reason_text(late), "pipConfirmLate")
            line.setStyleSheet("color:#92400e")
            column.addWidget(line)
        return box

    def _open(self) -> QGroupBox:
        c = self.confirmation
        box = QGroupBox(
            _("Nog open in de intake ({covered} van {total} onderwerpen afgerond)").format(
                covered=format_number(c.topics_covered), total=format_number(c.topics_total)
            )
        )
        box.setObjectName("pipConfirmOpen")
        column = QVBoxLayout(box)
        if c.open_items:
            column.addWidget(
                _heading(
                    _(
                        "Dit houdt het besluit niet tegen, maar het PIP rust op de brede intake "
                        "(Wet art. 14 en 15). Vaststellen kan als u het bewust doet:"
                    ),
                    "#92400e",
                )
            )
            column.addWidget(_reason_list(c.open_items, "pipConfirmOpenList"))
        else:
            column.addWidget(_plain(_("Niets: de intake is afgerond.")))
        return box

    def _update(self) -> None:
        c = self.confirmation
        if c.blocked:
            why = _("Vaststellen kan niet: {reason}").format(reason=reason_text(c.required[0]))
            ready = False
        elif self._warns() and not self.acknowledge.isChecked():
            why = (
                _("Vink eerst aan dat u hebt gezien wat nog open is.")
                if c.open_items
                else _("Vink eerst aan dat u hebt gezien wat er aan de afzender ontbreekt.")
            )
            ready = False
        else:
            why, ready = "", True
        self.confirm_button.setEnabled(ready)
        self.why_disabled.setText(why)
        self.why_disabled.setVisible(bool(why))

    def _confirm(self) -> None:
        c = self.confirmation
        if c.blocked or (self._warns() and not self.acknowledge.isChecked()):
            return  # never by a path around the disabled button
        self.accept()
