"""Help → Over inburg-desktop and Gebruikershandleiding (usability round 3: the Help menu
had only Sneltoetsen): version and licence from the package metadata, the vault's file,
the data protection contact from the letterhead in force, and a link that opens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.services.letterhead import set_local_letterhead
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import about_dialog
from inburg_desktop.ui.about_dialog import AboutDialog, release
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.shortcut_overview import plain_text


def _help_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().actions()[-1].menu()
    assert isinstance(menu, QMenu)
    return menu


def test_the_help_menu_has_the_documentation_and_about(qtbot: QtBot, vault: OpenVault) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    texts = [plain_text(a.text()) for a in _help_menu(window).actions() if a.text()]
    assert texts == ["Sneltoetsen…", "Gebruikershandleiding", "Over inburg-desktop"]


def test_about_names_version_licence_vault_and_the_default_contact_as_unset(
    qtbot: QtBot, vault: OpenVault
) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    about = next(a for a in _help_menu(window).actions() if a.objectName() == "aboutAction")
    about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: "wordt gelezen" not in dialog.contact.text())
    facts = release()
    assert facts.version == "0.1.0" and facts.licence == "EUPL-1.2"  # pyproject.toml
    version = dialog.findChild(QLabel, "aboutVersion")
    assert version is not None and facts.version in version.text()
    assert "EUPL-1.2" in dialog.licence.text()
    assert str(vault.path) in dialog.vault_label.text()
    assert "nog niet ingesteld" in dialog.contact.text()  # the example letterhead's address
    assert "wassenaar.nl" not in dialog.contact.text()


def test_about_shows_the_municipalitys_own_contact(qtbot: QtBot, vault: OpenVault) -> None:
    set_local_letterhead(
        vault,
        Letterhead(
            name="Gemeente Leiden",
            college="het college van Leiden",
            email="privacy@leiden.example",
            phone="071 000 0000",
            is_default=False,
        ),
    )
    window = MainWindow(vault)
    qtbot.addWidget(window)
    dialog = AboutDialog(window, vault)
    qtbot.waitUntil(lambda: "privacy@leiden.example" in dialog.contact.text())
    assert "Gemeente Leiden" in dialog.contact.text()


def test_the_documentation_link_opens_the_readme(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    window = MainWindow(vault)
    qtbot.addWidget(window)
    docs = next(a for a in _help_menu(window).actions() if a.objectName() == "docsAction")
    docs.trigger()
    assert [url.toLocalFile() for url in opened] == [about_dialog.documentation_url().toLocalFile()]
    assert opened[0].toLocalFile().endswith("README.md")
