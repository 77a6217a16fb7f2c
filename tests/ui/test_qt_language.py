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


def _file_dialog_labels() -> list[str]:
    from PySide6.QtWidgets import QFileDialog, QLabel

    dialog = QFileDialog(None, "t", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts = [label.text().replace("&", "") for label in dialog.findChildren(QLabel)]
    dialog.deleteLater()
    return texts


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", {"Zoeken in:", "Bestandsnaam:", "Bestandstype:"}),
        ("en", {"Look in:", "File name:", "Files of type:"}),
    ],
)
def test_the_file_dialog_speaks_the_ui_language(
    qapp: object, language: str, expected: set[str]
) -> None:
    """Usability round 3: Qt 6 renamed "Look in:" and "Files of type:" and its Dutch
    catalogue still has only the old strings, so the Dutch file dialog said them in
    English."""
    use_language(language)
    assert expected <= set(_file_dialog_labels())


def _english_only_texts(make: object) -> list[str]:
    """The texts a Qt dialog shows in Dutch that it shows identically in English: Qt's
    catalogue did not translate them. ``make`` builds the dialog."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

    def texts() -> set[str]:
        widget = make()  # type: ignore[operator]
        assert isinstance(widget, QWidget)
        found = {widget.windowTitle()}
        for child in widget.findChildren(QWidget):
            if isinstance(child, QLabel | QAbstractButton):
                found.add(child.text())
            elif isinstance(child, QGroupBox):
                found.add(child.title())
            found.add(child.toolTip())
        widget.deleteLater()
        return {t.replace("&", "").strip() for t in found if t}

    use_language("en")
    english = texts()
    use_language("nl")
    dutch = texts()
    # The same in both languages on purpose: names and symbols, not words.
    same_in_both = {"OK", "HTML:", "Help", "t", "PDF (*.pdf)", "x"}
    return sorted(
        t for t in dutch & english if any(c.isalpha() for c in t) and t not in same_in_both
    )


@pytest.mark.parametrize("dialog", ["file-save", "file-open", "message", "colour"])
def test_no_english_left_in_qts_own_dialogs_on_a_dutch_screen(qapp: object, dialog: str) -> None:
    """Every text of Qt's own dialogs the app can show (the file dialogs of export and
    import, the message boxes of the close guards, the colour dialog) differs between
    the Dutch and the English UI, except names and symbols."""
    from PySide6.QtWidgets import QColorDialog, QFileDialog

    def make() -> object:
        if dialog.startswith("file"):
            box = QFileDialog(None, "x", "", "PDF (*.pdf)")
            box.setOption(QFileDialog.Option.DontUseNativeDialog)
            box.setAcceptMode(
                QFileDialog.AcceptMode.AcceptSave
                if dialog == "file-save"
                else QFileDialog.AcceptMode.AcceptOpen
            )
            return box
        if dialog == "colour":
            return QColorDialog()
        message = QMessageBox(QMessageBox.Icon.Question, "t", "x")
        last = QMessageBox.StandardButton.RestoreDefaults.value
        for button in QMessageBox.StandardButton:
            if 0 < button.value <= last:
                message.addButton(button)
        return message

    assert _english_only_texts(make) == []
