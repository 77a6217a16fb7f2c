"""The interpreter view: the current prompt in the newcomer's language, large, with the
Dutch original beneath. A second top-level window that opens on a second screen when
there is one; "show to the newcomer" puts it full screen, Esc returns.

It is given prompt ids and language codes only: it never receives a name, a note, an
answer or any other case data, so it cannot show them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
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
from inburg_desktop.ui.shortcut_overview import help_action

LATIN_FAMILIES = ["Noto Sans"]
ARABIC_FAMILIES = ["Noto Naskh Arabic", "Noto Sans"]
ETHIOPIC_FAMILIES = ["Noto Sans Ethiopic", "Noto Sans"]
BASE_POINT_SIZE = 30


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


def order_languages(case_languages: Sequence[str]) -> list[str]:
    """The case's languages first (those we have prompts in), then the others."""
    shipped = prompt_language_codes()
    first = []
    for tag in case_languages:
        base = tag.replace("_", "-").split("-")[0].lower()
        code = "prs" if tag.lower() in ("fa-af", "prs") else base
        if code in shipped and code not in first:
            first.append(code)
    return first + [c for c in shipped if c not in first]


class InterpreterWindow(QWidget):
    def __init__(self, catalogue: Catalogue, case_languages: Sequence[str] = ()) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.catalogue = catalogue
        self.prompt_id = catalogue.topics[0].opening.id
        self.scale = 1.0
        self.setWindowTitle(_("Tolkscherm"))
        self.resize(1000, 620)
        self.setStyleSheet("InterpreterWindow{background:#fbfbf8}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 16, 28, 20)
        bar = QHBoxLayout()
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code in order_languages(case_languages):
            self.language.addItem(language_label(code), code)
        bar.addWidget(QLabel(_("Taal")))
        bar.addWidget(self.language)
        self.concept = QLabel(_("concept-vertaling"))
        self.concept.setObjectName("conceptMark")
        self.concept.setToolTip(
            _("Deze vertaling is nog niet door een beëdigd vertaler nagekeken.")
        )
        self.concept.setStyleSheet(
            "background:#fff3cd;color:#664d03;border:1px solid #e0c36a;"
            "border-radius:4px;padding:2px 8px;font-weight:bold"
        )
        bar.addWidget(self.concept)
        bar.addStretch(1)
        for text, name, tip, slot in (
            ("A−", _("Tekst kleiner"), _("Kleiner (Ctrl+-)"), self.zoom_out),
            ("A+", _("Tekst groter"), _("Groter (Ctrl++)"), self.zoom_in),
        ):
            button = QPushButton(text)
            button.setAccessibleName(name)  # "A−" says nothing to a screen reader
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
        self.newcomer_button = QPushButton(_("Toon aan nieuwkomer (F12)"))
        self.newcomer_button.clicked.connect(self.show_to_newcomer)
        bar.addWidget(self.newcomer_button)
        self.fullscreen_button = QPushButton(_("Volledig scherm (F11)"))
        self.fullscreen_button.clicked.connect(self.toggle_fullscreen)
        bar.addWidget(self.fullscreen_button)
        self.bar = QWidget()
        self.bar.setLayout(bar)
        layout.addWidget(self.bar)

        self.topic = QLabel()
        self.topic.setObjectName("topicTitle")
        self.topic.setWordWrap(True)
        layout.addWidget(self.topic)
        self.prompt = QLabel()
        self.prompt.setObjectName("promptText")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout.addWidget(self.prompt)
        layout.addSpacing(24)
        self.dutch = QLabel()
        self.dutch.setObjectName("dutchText")
        self.dutch.setWordWrap(True)
        self.dutch.setTextFormat(Qt.TextFormat.PlainText)
        self.dutch.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.dutch.setStyleSheet("color:#444;border-top:1px solid #ccc;padding-top:10px")
        layout.addWidget(self.dutch)
        layout.addStretch(1)
        self.hint = QLabel(_("Esc: terug naar het venster"))
        self.hint.setStyleSheet("color:#777")
        self.hint.hide()
        layout.addWidget(self.hint)

        self.language.currentIndexChanged.connect(lambda _i: self.refresh_text())
        for keys, slot, what in (
            ("F11", self.toggle_fullscreen, _("Volledig scherm")),
            ("F12", self.show_to_newcomer, _("Toon aan nieuwkomer")),
            ("Esc", self.back_to_window, _("Terug naar het venster")),
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in, _("Groter")),
            ("Ctrl+=", self.zoom_in, _("Groter")),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out, _("Kleiner")),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setWhatsThis(what)  # its line in the shortcut overview (F1)
            shortcut.activated.connect(slot)
        help_action(self)
        self.refresh_text()

    # --- what it shows --------------------------------------------------------------------
    @property
    def language_code(self) -> str:
        return str(self.language.currentData())

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
        big = QFont()
        big.setFamilies(families_for(code))
        big.setPointSizeF(BASE_POINT_SIZE * self.scale)
        self.prompt.setFont(big)
        small = QFont()
        small.setFamilies(families_for(code))
        small.setPointSizeF(15 * self.scale)
        self.topic.setFont(small)
        dutch = QFont()
        dutch.setFamilies(LATIN_FAMILIES)
        dutch.setPointSizeF(13 * self.scale)
        self.dutch.setFont(dutch)

    # --- size and screens -----------------------------------------------------------------
    def zoom_in(self) -> None:
        self.scale = min(self.scale * 1.15, 3.0)
        self.refresh_text()

    def zoom_out(self) -> None:
        self.scale = max(self.scale / 1.15, 0.5)
        self.refresh_text()

    def place_on_second_screen(self) -> None:
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].availableGeometry())

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.back_to_window()
        else:
            self.showFullScreen()

    def show_to_newcomer(self) -> None:
        """Full screen on this screen, controls hidden; Esc returns."""
        self.bar.hide()
        self.hint.show()
        self.showFullScreen()

    def back_to_window(self) -> None:
        self.bar.show()
        self.hint.hide()
        self.showNormal()

    @property
    def newcomer_mode(self) -> bool:
        return self.isFullScreen() and not self.bar.isVisible()
