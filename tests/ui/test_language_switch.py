"""A language change reaches every open window, completely (usability round 6 finding
19): with every window of :func:`every_window` open, the language is switched the way
Instellingen → Taal van de app does it, and no window may show a Dutch text that has
another English translation (the same test as for windows opened in English,
``test_language_leftovers``), while typed text and the keyboard's place stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.locale_names import language_name
from inburg_desktop.prompts.translations import prompt_language_codes
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController, demo_banner, use_language
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.intake.window import IntakeWindow

from .every_window import Shown, every_window
from .test_language_leftovers import leftovers, shown_texts


@pytest.fixture(autouse=True)
def _back_to_dutch() -> Iterator[None]:
    yield
    use_language("nl")


def switch_to(language: str, monkeypatch: pytest.MonkeyPatch, vault_path: Path) -> None:
    """Instellingen → Taal van de app: the app's own switch (``AppController``)."""
    monkeypatch.setattr(AppSettings, "save", lambda self: None)  # no settings file
    AppController(vault_path, AppSettings()).change_language(language)
    QApplication.processEvents()


def all_open(qtbot: QtBot, vault: OpenVault, vault_path: Path) -> list[Shown]:
    """Every window of the walk that is still open at its end, once each."""
    seen: dict[int, Shown] = {}
    for shown in every_window(qtbot, vault, vault_path):
        seen.setdefault(id(shown.window), shown)
    return [shown for shown in seen.values() if _open(shown.window)]


def _open(window: QWidget) -> bool:
    try:
        return window.isVisible()
    except RuntimeError:  # closed and deleted during the walk (a confirmation)
        return False


@pytest.mark.parametrize(("first", "then"), [("nl", "en"), ("en", "nl")])
def test_every_open_window_follows_a_language_change(
    qtbot: QtBot,
    vault: OpenVault,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: str,
    then: str,
) -> None:
    use_language(first)
    windows = all_open(qtbot, vault, vault_path)
    assert len(windows) > 15
    switch_to(then, monkeypatch, vault_path)
    problems: list[str] = []
    for shown in windows:
        problems += [f"{shown.name}: {p}" for p in leftovers(shown.window, then)]
        if isinstance(shown.window, IntakeWindow):  # each topic, built after the switch
            for topic in shipped_catalogue().topics:
                shown.window.show_topic(topic.id, focus=False)
                QApplication.processEvents()
                problems += [
                    f"IntakeWindow[{topic.id}]: {p}" for p in leftovers(shown.window, then)
                ]
    assert problems == [], "\n".join(sorted(set(problems)))


def test_typed_text_and_focus_survive_the_switch(
    qtbot: QtBot, vault: OpenVault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The intake being typed in: its text and the keyboard stay where they were."""
    from .every_window import demo_cases

    ids = demo_cases(vault)
    intake = IntakeWindow(vault, ids[0])
    qtbot.addWidget(intake)
    intake.show()
    qtbot.waitUntil(lambda: intake.stored is not None, timeout=15_000)
    intake.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is intake)
    assert intake.panel is not None
    intake.panel.focus_prompt_field()
    QApplication.processEvents()
    typed_in = QApplication.focusWidget()
    assert typed_in is not None
    before = _field_name(typed_in)
    if isinstance(typed_in, QLineEdit):
        qtbot.keyClicks(typed_in, "getypt")
    switch_to("en", monkeypatch, vault_path)
    assert intake.windowTitle().startswith("Broad intake — ")
    focus = QApplication.focusWidget()
    assert focus is not None and _field_name(focus) == before
    if isinstance(focus, QLineEdit):
        assert focus.text().endswith("getypt")


def _field_name(widget: QWidget) -> str:
    """The field a widget belongs to: its object name, or its nearest named parent's."""
    while widget is not None and not widget.objectName():
        parent = widget.parentWidget()
        if parent is None:
            break
        widget = parent
    return widget.objectName()


def dutch_only_language_names() -> set[str]:
    """The Dutch names of the prompt languages that English names otherwise ("Somalisch",
    "Arabisch"; not "Tigrinya", the same in both)."""
    return {
        language_name(code, "nl")
        for code in prompt_language_codes()
        if language_name(code, "nl") != language_name(code, "en")
    }


@pytest.mark.parametrize("switched", [False, True])
def test_language_names_follow_the_ui_language(
    qtbot: QtBot,
    vault: OpenVault,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    switched: bool,
) -> None:
    """Usability round 6 #19: "Summary in: Somalisch — Soomaali (preferred language)" in
    English. In every window, opened in English or open while switching, a language is
    named in English (its own name beside it)."""
    if not switched:
        use_language("en")
    windows = all_open(qtbot, vault, vault_path)
    if switched:
        switch_to("en", monkeypatch, vault_path)
    dutch = dutch_only_language_names()
    found = sorted(
        {
            f"{shown.name} {where}: {text!r}"
            for shown in windows
            for where, text in shown_texts(shown.window)
            if any(re.search(rf"\b{re.escape(name)}( —| \(|$)", text) for name in dutch)
        }
    )
    assert found == [], "\n".join(found)


def test_the_demo_banner_follows_the_language(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Usability round 6 #19: "Demo met verzonnen dossiers — wachtwoord: demo" stayed
    Dutch on the English screen, also after locking and unlocking again."""
    monkeypatch.setattr(AppSettings, "save", lambda self: None)  # no settings file
    controller = AppController(vault.path, AppSettings(), partial(demo_banner, "demo"))
    controller.on_unlocked(vault)
    try:
        controller.change_language("en")
        window = controller.main_window
        assert window is not None
        qtbot.addWidget(window)
        shown = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
        assert demo_banner("demo") in shown
        assert "Demo met verzonnen dossiers" not in demo_banner("demo")
        assert not any("wachtwoord" in text for text in shown)
    finally:
        use_language("nl")
        controller.lock()
        if controller.unlock_window is not None:
            controller.unlock_window.close()
