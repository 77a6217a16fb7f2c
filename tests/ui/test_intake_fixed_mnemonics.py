"""The intake's fixed controls keep their Alt+letters in every case and on every topic
(usability round 6 #23: "PIP opstellen" was Alt+P in one case and Alt+T in another, where
topic 1's "Toelichting bij de toets" then went without, so Alt+T opened the PIP editor).
The menus, the tabs and the header's buttons take their letters first and are never moved
by a topic's fields, which take what is left; no two things in view share a letter. For
every demo case and every topic, in Dutch and English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import mnemonics
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.mnemonics import letter_of

from .test_mnemonic_walk import live_problems

TODAY = date(2026, 11, 2)


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    use_language(request.param)
    yield request.param
    use_language("nl")


def fixed_letters(window: IntakeWindow) -> dict[str, str | None]:
    """The Alt+letter of each fixed control: the menus, the tabs, the header's buttons."""
    letters: dict[str, str | None] = {}
    for action in window.menuBar().actions():
        letters[f"menu {mnemonics._without(action.text())}"] = letter_of(action.text())
    bar = window.tabs.tabBar()
    for index in range(bar.count()):
        text = bar.tabText(index)
        letters[f"tab {mnemonics._without(text)}"] = letter_of(text)
    for button in (window.details_button, window.pip_button):
        letters[f"button {mnemonics._without(button.text())}"] = letter_of(button.text())
    return letters


def _looked_at(window: IntakeWindow) -> bool:
    """The keeper has been over the topic shown: its buttons have letters."""
    panel = window.panel
    return (
        panel is not None
        and panel.isVisible()
        and letter_of(window.pip_button.text()) is not None
        and letter_of(panel.cover_button.text()) is not None
    )


def test_the_fixed_controls_keep_their_letters_in_every_case_and_topic(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    mnemonics.install(app)
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    seen: dict[str, dict[str, str | None]] = {}
    problems: list[str] = []
    for number, case_id in enumerate(cases):
        window = IntakeWindow(vault, case_id, today=TODAY)  # deletes itself on close
        window.show()
        window.setGeometry(window.screen().availableGeometry())
        qtbot.waitUntil(lambda w=window: _looked_at(w), timeout=15_000)  # type: ignore[misc]
        # the topics in an order a consultant might take: the last first, then back
        topics = [window.catalogue.topics[-1], *window.catalogue.topics]
        for topic in topics:
            window.show_topic(topic.id, focus=False)
            panel = window.panel
            qtbot.waitUntil(lambda w=window: _looked_at(w))  # type: ignore[misc]
            QApplication.processEvents()
            where = f"case {number} {topic.id}"
            seen[where] = fixed_letters(window)
            problems += live_problems(where, window)
            assert panel is window.panel
        with closing_for_lock():
            window.close()
    first = next(iter(seen.values()))
    assert None not in first.values(), first
    moved = [
        f"{where}: {what} Alt+{key} (elsewhere Alt+{first[what]})"
        for where, letters in seen.items()
        for what, key in letters.items()
        if key != first[what]
    ]
    assert moved == [], "\n".join(moved)
    # "DigiD" goes without: the fixed controls hold d, i and g (``live_problems``)
    assert problems == [], "\n".join(problems)
