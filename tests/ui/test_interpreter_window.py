"""The interpreter view: follows the consultant, right to left where the script needs it,
a visible mark on unreviewed translations, and a full-screen mode for the newcomer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.ui.interpreter_window import InterpreterWindow, language_label


@pytest.fixture
def window(qtbot: QtBot) -> InterpreterWindow:
    view = InterpreterWindow(shipped_catalogue(), ["ar", "en"])
    qtbot.addWidget(view)
    view.show()
    return view


def test_names_show_in_their_own_script() -> None:
    assert language_label("ar", "nl") == "Arabisch — العربية"
    assert language_label("ti", "nl").endswith("ትግርኛ")


def test_follows_topic_and_prompt_changes(window: InterpreterWindow) -> None:
    catalogue = shipped_catalogue()
    window.set_language("ar")
    for topic in (catalogue.topic("opleiding"), catalogue.topic("gezinssituatie")):
        for prompt in topic.prompts[:3]:
            window.show_prompt(prompt.id)
            assert prompt.text in window.dutch.text()  # the Dutch original beneath
            assert window.prompt.text() and window.prompt.text() != prompt.text


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("ar", Qt.LayoutDirection.RightToLeft),
        ("prs", Qt.LayoutDirection.RightToLeft),
        ("fa", Qt.LayoutDirection.RightToLeft),
        ("ti", Qt.LayoutDirection.LeftToRight),
        ("tr", Qt.LayoutDirection.LeftToRight),
    ],
)
def test_layout_direction_per_language(
    window: InterpreterWindow, language: str, direction: Qt.LayoutDirection
) -> None:
    window.set_language(language)
    window.show_prompt("opleiding.opening")
    assert window.prompt.layoutDirection() == direction
    assert window.topic.layoutDirection() == direction
    assert window.dutch.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_unreviewed_language_shows_the_concept_mark(window: InterpreterWindow) -> None:
    window.set_language("ar")
    assert window.concept.isVisible()
    assert window.concept.text() == "concept-vertaling"


def test_show_to_newcomer_and_escape_returns(qtbot: QtBot, window: InterpreterWindow) -> None:
    window.show_to_newcomer()
    qtbot.waitUntil(lambda: window.newcomer_mode, timeout=10_000)
    assert not window.bar.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=10_000)
    assert window.bar.isVisible()


def test_type_scales(window: InterpreterWindow) -> None:
    before = window.prompt.font().pointSizeF()
    window.zoom_in()
    assert window.prompt.font().pointSizeF() > before
    window.zoom_out()
    window.zoom_out()
    assert window.prompt.font().pointSizeF() < before
