"""Help → Over inburg-desktop (usability round 3: the Help menu
had only Sneltoetsen): version and licence from the package metadata, the vault's file,
the data protection contact from the letterhead in force; no link to a guide that does
not open."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMenu
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.protocol.recovery import new_key_pair, public_key_text
from inburg_desktop.services.letterhead import set_local_letterhead
from inburg_desktop.services.vault_session import add_recovery
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.about_dialog import AboutDialog, release
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.shortcut_overview import plain_text


def _help_menu(window: MainWindow) -> QMenu:
    menu = window.menuBar().actions()[-1].menu()
    assert isinstance(menu, QMenu)
    return menu


def test_the_help_menu_has_the_shortcuts_and_about(qtbot: QtBot, vault: OpenVault) -> None:
    window = MainWindow(vault)
    qtbot.addWidget(window)
    texts = [plain_text(a.text()) for a in _help_menu(window).actions() if a.text()]
    # no "Gebruikershandleiding": it opened the developer README through the desktop's
    # launcher, which did nothing visible where none is set up (usability round 4: 110)
    assert texts == ["Sneltoetsen…", "Over inburg-desktop"]


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
    links = [label.text() for label in dialog.findChildren(QLabel) if "href" in label.text()]
    assert links == []


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


def test_about_says_whether_the_office_can_recover_the_vault(
    qtbot: QtBot, vault: OpenVault
) -> None:
    """Issue 16 item 4: the vault screen shows the recovery state, before and after the
    vault key is wrapped to the office's recovery key (as an enrollment does)."""
    window = MainWindow(vault)
    qtbot.addWidget(window)
    before = AboutDialog(window, vault)
    qtbot.addWidget(before)
    qtbot.waitUntil(lambda: "wordt gelezen" not in before.contact.text())
    assert before.recovery.text().startswith("Herstel via de gemeente: nog niet")
    _private, public = new_key_pair()
    state = add_recovery(vault, public_key_text(public))
    after = AboutDialog(window, vault)
    qtbot.addWidget(after)
    qtbot.waitUntil(lambda: "mogelijk" in after.recovery.text())
    assert after.recovery.text().startswith("Herstel via de gemeente: mogelijk.")
    assert str(state.key_id) in after.recovery.text()
