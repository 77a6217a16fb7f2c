"""The names of menus and menu items that texts elsewhere point people to.

A sentence such as "in te stellen via Instellingen → Briefhoofd van de gemeente" must
name the menu exactly as the menu bar shows it in the UI language; the About dialog
said "Settings → Municipality letterhead" while the item reads "Municipal letterhead…"
(usability round 4). The menu bar and the sentences take their words from here.
"""

from __future__ import annotations

from inburg_desktop.domain.text import N_
from inburg_desktop.i18n import _

SETTINGS_MENU = N_("&Instellingen")
LETTERHEAD_ITEM = N_("&Briefhoofd van de gemeente…")
CONSULENT_ITEM = N_("Mijn &naam als consulent…")


def shown_name(msgid: str) -> str:
    """A menu text as a sentence names it, in the UI language: no mnemonic marker, no
    trailing ellipsis (``"&Briefhoofd van de gemeente…"`` -> ``"Briefhoofd van de
    gemeente"``; ``&&`` stays one ``&``)."""
    text = _(msgid).split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.strip().removesuffix("…").removesuffix("...").strip()


def menu_path(*msgids: str) -> str:
    """The way through the menus, as shown: ``"Instellingen → Briefhoofd van de
    gemeente"`` (English: ``"Settings → Municipal letterhead"``)."""
    return " → ".join(shown_name(m) for m in msgids)
