"""Help → Over inburg-desktop: which version runs, under which licence, where this
laptop's vault lives, whether the office can recover it (its recovery wrap) and whom to
ask about the personal data in it.

There is no "user guide" link: the only documentation was the developer README in the
source folder, which an installed app does not have and which the desktop could not open
("Unable to detect a launcher", usability round 4); F1 (Help → Sneltoetsen) is the help
that ships with every window.

The data protection contact is the municipality's, as its letterhead names it (the
municipality is the controller, AVG art. 4 lid 7, and must say how to reach it, AVG art.
13 lid 1 onder a); while the letterhead is still the shipped default, the dialog says no
contact is set instead of showing the default's address as if it were real.
"""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from inburg_desktop.i18n import _
from inburg_desktop.services.letterhead import chosen_letterhead
from inburg_desktop.services.vault_session import Vault, recovery_state
from inburg_desktop.ui.menu_names import LETTERHEAD_ITEM, SETTINGS_MENU, menu_path
from inburg_desktop.ui.recovery_words import recovery_text
from inburg_desktop.ui.tasks import TaskGroup

DISTRIBUTION = "inburg-desktop"


@dataclass(frozen=True)
class Release:
    """The installed distribution's version and licence (``"0.1.0"``, ``"EUPL-1.2"``)."""

    version: str
    licence: str


def release() -> Release:
    """What is installed, from the package metadata (never a number typed twice)."""
    try:
        meta = importlib.metadata.metadata(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return Release("?", "?")
    licence = meta["License-Expression"] or meta["License"] or "?"
    return Release(meta["Version"] or "?", licence)


class AboutDialog(QDialog):
    """Version, licence, the vault's file and the data protection contact (read from the
    vault off the GUI thread when ``vault`` is open)."""

    def __init__(self, parent: QWidget, vault: Vault | None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(_("Over inburg-desktop"))
        self.tasks = TaskGroup(self)
        facts = release()
        layout = QVBoxLayout(self)
        title = QLabel(f"<b>inburg-desktop {escape(facts.version)}</b>")
        title.setObjectName("aboutVersion")
        layout.addWidget(title)
        self.licence = QLabel(_("Licentie: {licence}").format(licence=facts.licence))
        self.licence.setObjectName("aboutLicence")
        layout.addWidget(self.licence)
        where = str(vault.path) if vault is not None else _("geen kluis geopend")
        self.vault_label = QLabel(_("Kluis op deze laptop: {path}").format(path=where))
        self.vault_label.setObjectName("aboutVault")
        self.vault_label.setWordWrap(True)
        self.vault_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.vault_label)
        self.contact = QLabel(_("Contact over gegevensbescherming: wordt gelezen…"))
        self.contact.setObjectName("aboutContact")
        self.contact.setWordWrap(True)
        self.contact.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.contact)
        self.recovery = QLabel(recovery_text(None))
        self.recovery.setObjectName("aboutRecovery")
        self.recovery.setWordWrap(True)
        self.recovery.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.recovery)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout.addWidget(buttons)
        self.resize(520, 0)
        if vault is None or vault.locked:
            self._show_contact(None)
        else:
            # the key file is checked against the key: off the GUI thread
            self.tasks.run(
                lambda _token: recovery_state(vault).key_id,
                lambda key_id: self.recovery.setText(recovery_text(key_id)),
                lambda _exc: None,
            )
            self.tasks.run(
                lambda _token: _contact_line(vault),
                self._show_contact,
                lambda _exc: self._show_contact(None),
            )

    def _show_contact(self, line: str | None) -> None:
        if line is None:
            self.contact.setText(
                _(
                    "Contact over gegevensbescherming: nog niet ingesteld (het briefhoofd "
                    "is nog het voorbeeld; in te stellen via {menu})."
                ).format(menu=menu_path(SETTINGS_MENU, LETTERHEAD_ITEM))
            )
        else:
            self.contact.setText(
                _("Contact over gegevensbescherming: {contact}").format(contact=line)
            )


def _contact_line(vault: Vault) -> str | None:
    """The municipality's name with its e-mail and phone from the letterhead in force;
    ``None`` while that is the shipped default (its address is an example)."""
    head = chosen_letterhead(vault).letterhead
    if head.is_default:
        return None
    parts = [part for part in (head.name, head.email, head.phone) if part]
    return ", ".join(parts) or None


def open_about(parent: QWidget, vault: Vault | None) -> AboutDialog:
    """Show the About dialog (non-modal, deleted on close)."""
    dialog = AboutDialog(parent, vault)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
