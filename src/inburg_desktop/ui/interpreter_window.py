"""The interpreter view: the current prompt in the newcomer's language, large, with the
Dutch original beneath. A second top-level window that opens on a second screen when
there is one, else beside the intake (``ui.window_placement``), without taking the
keyboard from it; "show to the newcomer" (F12) puts it full screen with the text as large
as fits, Esc returns. F8 / Shift+F8 step the intake's questions from here too.

The window it stands beside (the intake, the progress talk) keeps the keyboard: a click
in the view (A−/A+, a language chosen from its list, anywhere in it) and leaving full
screen give the keyboard back to that window, so what the consultant types next lands in
the field they were typing in (usability round 6 #3: after A+ or F12 then Esc, typing, F9
and Ctrl+W went to the view and were lost). Only full screen, and when the consultant
went to the view with the keyboard (Alt+Tab), does the view keep it.

Text always fits: at the size the consultant chose (A−/A+) when it fits the window, else
at the largest size that does (``ui.text_fit``), and below :data:`MIN_FIT_SCALE` the view
scrolls instead of shrinking further, so no line is ever cut off, in any language. It fits
in both directions: no word may be wider than the view either (a word cannot wrap, and the
view does not scroll sideways), so a long word shrinks the text further ("Vücudunuzda" at
42 pt took 418 px of a 346 px view beside the intake and was cut at the right edge,
usability round 3 finding 8).

It is given prompt ids and language codes only: it never receives a name, a note, an
answer or any other case data, so it cannot show them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import ceil

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from inburg_desktop.i18n import _, current_language
from inburg_desktop.locale_names import picker_label
from inburg_desktop.prompts.catalogue import Catalogue
from inburg_desktop.prompts.translations import (
    is_concept,
    is_rtl,
    prompt_language_codes,
    prompt_text,
)
from inburg_desktop.services.prompt_languages import first_case_language, shipped_code
from inburg_desktop.ui.keys import key_sequence
from inburg_desktop.ui.language_order import prompt_languages
from inburg_desktop.ui.shortcut_overview import help_action
from inburg_desktop.ui.text_fit import fit_scale
from inburg_desktop.ui.window_placement import beside
from inburg_desktop.ui.window_size import available_geometry

LATIN_FAMILIES = ["Noto Sans"]
ARABIC_FAMILIES = ["Noto Naskh Arabic", "Noto Sans"]
ETHIOPIC_FAMILIES = ["Noto Sans Ethiopic", "Noto Sans"]
BASE_POINT_SIZE = 30
TOPIC_POINT_SIZE = 15
DUTCH_POINT_SIZE = 13
MIN_SCALE, MAX_SCALE, ZOOM_STEP = 0.5, 3.0, 1.15
MIN_FIT_SCALE = 0.6
"""Shrinking to fit stops here (an 18 pt question); longer text scrolls instead."""
MIN_WORD_SCALE = 0.3
"""A word wider than the view shrinks the text down to this (a 9 pt question); only a view
narrower than any window the app makes would need less, and then it scrolls sideways."""
POPUP_BELOW = "QComboBox { combobox-popup: 0; }"
"""A combo box's choices as a list below it, not a menu over it (Qt style sheet)."""
NEWCOMER_MAX_SCALE = 4.0
"""Shown to the newcomer (F12) the text grows to fill the screen, up to 120 pt."""


def families_for(language: str) -> list[str]:
    """Shipped font families for a language, best first (the rest are fallbacks)."""
    if is_rtl(language):
        return ARABIC_FAMILIES
    if language.split("-")[0] in ("ti", "am"):
        return ETHIOPIC_FAMILIES
    return LATIN_FAMILIES


def language_label(code: str, ui_language: str | None = None) -> str:
    """The language's name in the UI language and in its own script: "Arabisch — العربية"."""
    return picker_label(code, ui_language or current_language())


class InterpreterWindow(QWidget):
    step_requested = Signal(int)
    """F8 / Ctrl+Down (+1), Shift+F8 / Ctrl+Up (−1) pressed here: the intake steps its
    question, and this view follows it as always (``show_prompt``)."""

    def __init__(
        self,
        catalogue: Catalogue,
        case_languages: Sequence[str] = (),
        preferred: str | None = None,
    ) -> None:
        """``case_languages``: the tags of the languages the newcomer speaks;
        ``preferred``: their preferred language's tag (``None``: none recorded). The
        list holds every prompt language in the one order (``services.prompt_languages``:
        the preferred language first, marked, then by name); it starts at the preferred
        language, else at the first of the newcomer's languages with prompts."""
        super().__init__(None, Qt.WindowType.Window)
        self.catalogue = catalogue
        self.prompt_id = catalogue.topics[0].opening.id
        self.scale = 1.0
        self.owner: QWidget | None = None  # the window beside which it stands (place_beside)
        self.setWindowTitle(_("Tolkscherm"))
        self.resize(1000, 620)
        self.setStyleSheet("InterpreterWindow{background:#fbfbf8}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 16)
        bar = QHBoxLayout()
        self.language = QComboBox()
        self.language.setObjectName("language")
        # Its longest name must not widen the view: it stands beside the intake narrow.
        self.language.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.language.setMinimumContentsLength(14)
        # A list that drops below the box, its current language highlighted. Fusion's
        # menu-like popup opens over the box with the current entry under the pointer;
        # at the top of the screen it cannot, is pushed down, and the pointer that opened
        # it then rests on (and highlights) another language, the one chosen before
        # (usability round 3 finding 8).
        self.language.setStyleSheet(POPUP_BELOW)
        self.language.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        self.preferred_code = shipped_code(preferred)
        self._fill_languages()
        start = first_case_language(case_languages, preferred)
        if start is not None:
            self.language.setCurrentIndex(max(self.language.findData(start), 0))
        # The list as wide as its longest name (the box itself stays narrow).
        names = self.language.view()
        names.setMinimumWidth(
            names.sizeHintForColumn(0)
            + 2 * names.frameWidth()
            + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        )
        bar.addWidget(QLabel(_("Taal")))
        # Narrow beside the intake, yet as wide as its longest name where the row has
        # room (usability round 8, finding 8: "…" in a full-width view): it grows into
        # the row up to that width (``_fit_language_box``).
        self.language.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        bar.addWidget(self.language, 1)
        self._fit_language_box()
        self.concept = QLabel(_("concept-vertaling"))
        self.concept.setObjectName("conceptMark")
        self.concept.setToolTip(
            _("Deze vertaling is nog niet door een beëdigd vertaler nagekeken.")
        )
        self.concept.setStyleSheet(
            "background:#fff3cd;color:#664d03;border:1px solid #e0c36a;"
            "border-radius:4px;padding:2px 8px;font-weight:bold"
        )
        bar.addStretch(1)
        # The controls on a second row, so the view can stand beside the intake narrow.
        controls = QHBoxLayout()
        for text, name, tip, slot in (
            ("A−", _("Tekst kleiner"), _("Kleiner (Ctrl+-)"), self.zoom_out),
            ("A+", _("Tekst groter"), _("Groter (Ctrl++)"), self.zoom_in),
        ):
            button = QPushButton(text)
            button.setAccessibleName(name)  # "A−" says nothing to a screen reader
            button.setToolTip(tip)
            button.clicked.connect(slot)
            controls.addWidget(button)
        # Beside the intake the view is about 380 px wide (``ui.window_placement``): one
        # row of all four buttons needs 480, and the language row with the concept mark
        # needed 412 px in English, which put the view 26 px over the intake. Three rows:
        # the language; the sizes and full screen; "show to the newcomer" and the mark.
        self.fullscreen_button = QPushButton(_("Volledig scherm (F11)"))
        self.fullscreen_button.clicked.connect(self.toggle_fullscreen)
        controls.addWidget(self.fullscreen_button)
        controls.addStretch(1)
        screens = QHBoxLayout()
        self.newcomer_button = QPushButton(_("Toon aan nieuwkomer (F12)"))
        self.newcomer_button.clicked.connect(self.show_to_newcomer)
        screens.addWidget(self.newcomer_button)
        screens.addWidget(self.concept)
        screens.addStretch(1)
        self.bar = QWidget()
        rows = QVBoxLayout(self.bar)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(bar)
        rows.addLayout(controls)
        rows.addLayout(screens)
        layout.addWidget(self.bar)

        self.content = QWidget()
        self.content.setObjectName("interpreterContent")
        self.column = column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        self.top_space = 0  # index of the stretch above the text (used when centring)
        column.addStretch(0)
        self.topic = QLabel()
        self.topic.setObjectName("topicTitle")
        self.topic.setWordWrap(True)
        self.topic.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(self.topic)
        self.prompt = QLabel()
        self.prompt.setObjectName("promptText")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        column.addWidget(self.prompt)
        column.addSpacing(24)
        self.dutch = QLabel()
        self.dutch.setObjectName("dutchText")
        self.dutch.setWordWrap(True)
        self.dutch.setTextFormat(Qt.TextFormat.PlainText)
        self.dutch.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.dutch.setStyleSheet("color:#444;border-top:1px solid #ccc;padding-top:10px")
        column.addWidget(self.dutch)
        column.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("interpreterScroll")
        self.scroller.setWidget(self.content)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        # Words are fitted to the width (fit_text); should one still not fit, the view
        # scrolls sideways rather than cutting it.
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroller.setStyleSheet("QScrollArea, #interpreterContent{background:transparent}")
        layout.addWidget(self.scroller, 1)
        self.hint = QLabel(_("Esc: terug naar het venster"))
        self.hint.setStyleSheet("color:#777")
        self.hint.hide()
        layout.addWidget(self.hint)
        self.shown_scale = 1.0  # the scale the text is drawn at (fitted), see fit_text

        self.language.currentIndexChanged.connect(lambda _i: self.refresh_text())
        for keys, slot, what in (
            ("F11", self.toggle_fullscreen, _("Volledig scherm")),
            ("F12", self.show_to_newcomer, _("Toon aan nieuwkomer")),
            ("Esc", self.back_to_window, _("Terug naar het venster")),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in, _("Groter")),
            ("Ctrl+=", self.zoom_in, _("Groter")),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out, _("Kleiner")),
            ("F8", lambda: self.step_requested.emit(1), _("Volgende vraag")),
            ("Ctrl+Down", lambda: self.step_requested.emit(1), _("Volgende vraag")),
            ("Shift+F8", lambda: self.step_requested.emit(-1), _("Vorige vraag")),
            ("Ctrl+Up", lambda: self.step_requested.emit(-1), _("Vorige vraag")),
        ):
            # PortableText: a key name is never read through the translated names
            # (``ui.qt_words``; see ``ui.intake.actions``)
            if isinstance(keys, str):
                shortcut = QShortcut(key_sequence(keys), self)
            else:  # a standard key: the platform's own binding(s)
                shortcut = QShortcut(keys, self)
            shortcut.setWhatsThis(what)  # its line in the shortcut overview (F1)
            shortcut.activated.connect(slot)
        help_action(self)
        # A click anywhere in the view, or a language chosen from the list (a window of
        # its own), hands the keyboard back once it has done its work.
        for widget in (self, *self.findChildren(QWidget)):
            widget.installEventFilter(self)
        self.language.view().window().installEventFilter(self)
        self.refresh_text()

    # --- the keyboard stays with the owner ---------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        clicked = kind == QEvent.Type.MouseButtonRelease
        chosen = kind == QEvent.Type.Hide and watched is self.language.view().window()
        if clicked or chosen:
            # After the click's own work (A+ grows the text, a language is shown).
            QTimer.singleShot(0, self, self.give_keyboard_back)
        return super().eventFilter(watched, event)

    def give_keyboard_back(self) -> None:
        """Activate the window this view stands beside (:attr:`owner`), which gets its
        keyboard back where it was; not while this view is full screen (covering the
        owner, with Esc and F8 to be pressed here) or its language list is open."""
        owner = self.owner
        if (
            owner is None
            or not shiboken6.isValid(owner)
            or not owner.isVisible()
            or self.isFullScreen()
            or self.language.view().isVisible()
        ):
            return
        owner.activateWindow()

    # --- what it shows --------------------------------------------------------------------
    @property
    def language_code(self) -> str:
        return str(self.language.currentData())

    def retranslate(self) -> None:
        """The UI language changed: the languages named in it, in its order (the Dutch
        lines and the newcomer's language stay)."""
        self._fill_languages()
        self._fit_language_box()

    def _fit_language_box(self) -> None:
        """The box's widest: what its longest language name needs (as Qt sizes a box to
        its contents), so it never grows past the names into the row."""
        combo = self.language
        policy = combo.sizeAdjustPolicy()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        widest = combo.sizeHint().width()
        combo.setSizeAdjustPolicy(policy)
        combo.setMaximumWidth(widest)

    def _fill_languages(self) -> None:
        """Every prompt language in the one order (``services.prompt_languages``: the
        preferred language first, marked, then by name in the UI language); the language
        shown stays chosen."""
        shown = self.language.currentData()
        blocked = self.language.blockSignals(True)
        self.language.clear()
        for entry in prompt_languages(prompt_language_codes(), self.preferred_code):
            label = entry.label
            if entry.preferred:
                label += " " + _("(voorkeurstaal)")
            self.language.addItem(label, entry.code)
        if shown is not None:
            self.language.setCurrentIndex(max(self.language.findData(shown), 0))
        self.language.blockSignals(blocked)

    def set_language(self, code: str) -> None:
        index = self.language.findData(code)
        if index >= 0:
            self.language.setCurrentIndex(index)

    def show_prompt(self, prompt_id: str) -> None:
        """Follow the consultant: show the prompt with this qualified id."""
        self.catalogue.prompt(prompt_id)  # KeyError for an unknown id: a bug, not data
        self.prompt_id = prompt_id
        self.refresh_text()

    def refresh_text(self) -> None:
        code = self.language_code
        prompt = self.catalogue.prompt(self.prompt_id)
        topic = self.catalogue.topic(prompt.topic_id)
        direction = (
            Qt.LayoutDirection.RightToLeft if is_rtl(code) else Qt.LayoutDirection.LeftToRight
        )
        for label in (self.topic, self.prompt):
            label.setLayoutDirection(direction)
            label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.topic.setText(prompt_text(f"topic.{topic.id}.title", code))
        self.prompt.setText(prompt_text(f"prompt.{prompt.id}", code))
        self.dutch.setText(f"{topic.title} — {prompt.text}")
        self.concept.setVisible(code != "nl" and is_concept(code))
        self.fit_text()

    def apply_scale(self, scale: float) -> None:
        """Draw the text at ``scale`` × the base sizes (question 30 pt, topic 15 pt,
        Dutch 13 pt), in the language's shipped fonts."""
        families = families_for(self.language_code)
        for label, size, family in (
            (self.prompt, BASE_POINT_SIZE, families),
            (self.topic, TOPIC_POINT_SIZE, families),
            (self.dutch, DUTCH_POINT_SIZE, LATIN_FAMILIES),
        ):
            font = QFont()
            font.setFamilies(family)
            font.setPointSizeF(size * scale)
            label.setFont(font)
            # Glyphs reach past their advance (Naskh's swashes and final alef, italic
            # overhangs): without room at the sides the label's edge cut them, "شم" for
            # "شما" at the largest size (usability round 2 finding 10). A margin of a
            # third of an em on both sides, wrapped inside, scales with the text.
            side = ceil(QFontMetricsF(font).height() / 3)
            label.setContentsMargins(side, 0, side, 0)
        self.shown_scale = scale

    def text_height(self, scale: float, width: int) -> int:
        """The height (px) the text takes at ``scale`` when wrapped to ``width`` px."""
        self.apply_scale(scale)
        self.column.invalidate()
        return self.column.totalHeightForWidth(width)

    def widest_word(self, scale: float) -> int:
        """The width (px) the text needs at ``scale`` to wrap without cutting a word: its
        widest word with the label's side margins, over the three labels."""
        self.apply_scale(scale)
        labels = (self.topic, self.prompt, self.dutch)
        return max(label.minimumSizeHint().width() for label in labels)

    def fit_text(self) -> None:
        """The largest size up to the one chosen (shown to the newcomer: up to
        :data:`NEWCOMER_MAX_SCALE`) at which all text fits the view without scrolling;
        never below :data:`MIN_FIT_SCALE`, where the view scrolls instead. Every word fits
        the view's width at any size (down to :data:`MIN_WORD_SCALE`)."""
        viewport = self.scroller.viewport()
        room = viewport.height()
        width = viewport.width()
        bar = self.scroller.verticalScrollBar()
        if bar.isVisible():
            width += bar.width()  # measure without it
        if self.scroller.horizontalScrollBar().isVisible():
            room += self.scroller.horizontalScrollBar().height()
        if room <= 0 or width <= 0:
            self.apply_scale(self.scale)
            return
        wanted = NEWCOMER_MAX_SCALE if self.newcomer_mode else self.scale
        # No larger than every word fits the width: a word does not wrap.
        wanted = fit_scale(self.widest_word, width, min(MIN_WORD_SCALE, wanted), wanted)
        floor = min(MIN_FIT_SCALE, wanted)
        scale = fit_scale(lambda s: self.text_height(s, width), room, floor, wanted)
        if self.text_height(scale, width) > room:
            # At the floor and still too long, the view scrolls: the scroll bar then takes
            # its width, and the words must fit what is left.
            narrower = width - self.style().pixelMetric(
                QStyle.PixelMetric.PM_ScrollBarExtent, None, self.scroller
            )
            scale = fit_scale(self.widest_word, narrower, min(MIN_WORD_SCALE, scale), scale)
        self.apply_scale(scale)
        self.column.setStretch(self.top_space, 1 if self.newcomer_mode else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_text()

    # --- size and screens -----------------------------------------------------------------
    def zoom_in(self) -> None:
        self.scale = min(self.scale * ZOOM_STEP, MAX_SCALE)
        self.fit_text()

    def zoom_out(self) -> None:
        self.scale = max(self.scale / ZOOM_STEP, MIN_SCALE)
        self.fit_text()

    @property
    def at_largest(self) -> bool:
        return self.scale >= MAX_SCALE - 1e-9

    def place_beside(self, anchor: QWidget) -> None:
        """On a second screen when there is one (the newcomer's); else beside ``anchor``
        on its screen, narrowing ``anchor`` when there is no room beside it, so the two
        never cover each other. ``anchor`` becomes the :attr:`owner`: the window that
        keeps the keyboard."""
        self.owner = anchor
        screens = QGuiApplication.screens()
        here = anchor.screen()
        others = [screen for screen in screens if screen is not here]
        if others:
            self.setGeometry(others[0].availableGeometry())
            return
        placement = beside(
            anchor.frameGeometry(),
            available_geometry(anchor),
            anchor_min_width=anchor.minimumSizeHint().expandedTo(anchor.minimumSize()).width(),
            window_min_width=self.minimumSizeHint().expandedTo(self.minimumSize()).width(),
        )
        if placement.anchor is not None:
            if anchor.isMaximized() or anchor.isFullScreen():
                anchor.showNormal()
            anchor.setGeometry(_client_rect(anchor, placement.anchor))
        self.setGeometry(_client_rect(anchor, placement.window))

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.back_to_window()
        else:
            self.showFullScreen()

    def show_to_newcomer(self) -> None:
        """Full screen on this screen, controls hidden, the text as large as fits and
        centred; Esc returns."""
        self.bar.hide()
        self.hint.show()
        self.showFullScreen()
        self.fit_text()

    def back_to_window(self) -> None:
        """Esc: from full screen back to a window; in a window, close it, as Esc does
        every secondary window (usability round 6 #24). Either way the window beside
        which it stands gets the keyboard back."""
        if not self.isFullScreen():
            self.close()
            self.give_keyboard_back()
            return
        self.bar.show()
        self.hint.hide()
        self.showNormal()
        self.fit_text()
        self.give_keyboard_back()

    @property
    def newcomer_mode(self) -> bool:
        return self.isFullScreen() and not self.bar.isVisible()


def _client_rect(window: QWidget, frame: QRect) -> QRect:
    """The geometry to give ``window`` so that its frame (title bar, borders, as the
    window manager draws them for ``window``) covers ``frame``."""
    outer, inner = window.frameGeometry(), window.geometry()
    return frame.adjusted(
        inner.left() - outer.left(),
        inner.top() - outer.top(),
        inner.right() - outer.right(),
        inner.bottom() - outer.bottom(),
    )


def esc_beside(view: InterpreterWindow | None, close_window: Callable[[], object]) -> None:
    """Esc in a window the interpreter view stands beside (the intake, the progress talk):
    while the view is open, Esc leaves it (full screen → a window; a window → closed) and
    never closes the window itself; otherwise ``close_window`` (asking first, as always).

    After "Volledig scherm" and Esc the keyboard is back in the intake
    (:meth:`InterpreterWindow.give_keyboard_back`) while the consultant still looks at the
    view: a second Esc meant for the view closed the intake (usability round 8, finding 3)."""
    if view is not None and shiboken6.isValid(view) and view.isVisible():
        view.back_to_window()
        return
    close_window()
