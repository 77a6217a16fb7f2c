"""Qt's own words follow the UI language (issue 13 item 10): in a Dutch UI the buttons Qt
draws itself say "Opslaan/Annuleren", in the English UI "Save/Cancel"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from inburg_desktop import i18n
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.passphrase_dialog import PassphraseDialog
from inburg_desktop.ui.qt_language import apply_qt_language

BUTTONS = (
    QMessageBox.StandardButton.Save
    | QMessageBox.StandardButton.Cancel
    | QMessageBox.StandardButton.Discard
)


@pytest.fixture(autouse=True)
def _back_to_dutch() -> Iterator[None]:
    yield
    use_language("nl")


def _box_texts() -> list[str]:
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", BUTTONS)
    return sorted(button.text().replace("&", "") for button in box.buttons())


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", ["Annuleren", "Opslaan", "Verwerpen"]), ("en", ["Cancel", "Discard", "Save"])],
)
def test_message_box_buttons_speak_the_ui_language(
    qapp: object, language: str, expected: list[str]
) -> None:
    assert use_language(language) == language
    assert _box_texts() == expected


def test_switching_back_and_forth_leaves_no_old_catalogue(qapp: object) -> None:
    use_language("nl")
    use_language("en")
    assert _box_texts() == ["Cancel", "Discard", "Save"]
    use_language("nl")
    assert _box_texts() == ["Annuleren", "Opslaan", "Verwerpen"]


def test_the_apps_own_dialog_and_a_text_fields_menu_in_dutch(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """A real window: the passphrase dialog's Cancel is Qt's standard button, and every
    text field's right-click menu is Qt's."""
    use_language("nl")
    dialog = PassphraseDialog(vault)
    qtbot.addWidget(dialog)
    (box,) = dialog.findChildren(QDialogButtonBox)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Annuleren"
    field = dialog.findChild(QLineEdit)
    assert field is not None
    menu = field.createStandardContextMenu()
    texts = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
    assert "Plakken" in texts and "Alles selecteren" in texts
    menu.deleteLater()


def test_english_needs_no_catalogue_and_an_unknown_language_falls_back(qapp: object) -> None:
    assert apply_qt_language("en") is True
    assert use_language("xx") == "nl" == i18n.current_language()
    assert _box_texts() == ["Annuleren", "Opslaan", "Verwerpen"]
