"""What a vault error means, in the consultant's words and language.

The storage layer's own messages are Dutch sentences for the command line; the windows
say the same per kind of error through the UI catalogue. Only a failed integrity check is
"damaged": a full disk, a read-only medium, a permission problem, another program holding
the vault or a disk error are told as what they are, with what to do, because "damaged,
restore a backup" would invite throwing away a good vault.
"""

from __future__ import annotations

from inburg_desktop.i18n import _
from inburg_desktop.messages import error_text
from inburg_desktop.services.errors import (
    DiskFull,
    KeyFileDamaged,
    NoPermission,
    ReadOnlyMedium,
    StorageFault,
    VaultDamaged,
    VaultInUse,
    VaultMissing,
    VaultUnavailable,
    WrongPassphrase,
)


def cause(exc: BaseException) -> str:
    """One sentence: what stopped the vault (no advice, no personal data)."""
    if isinstance(exc, DiskFull):
        return _("De schijf waarop de kluis staat is vol.")
    if isinstance(exc, ReadOnlyMedium):
        return _(
            "De kluis staat op een schijf die alleen gelezen kan worden (bijvoorbeeld een "
            "vergrendelde USB-stick of een netwerkmap zonder schrijfrechten)."
        )
    if isinstance(exc, NoPermission):
        return _("U hebt geen toestemming om de kluis of de map ervan te schrijven.")
    if isinstance(exc, VaultInUse):
        return _(
            "De kluis is in gebruik door een ander programma (bijvoorbeeld een tweede "
            "venster van inburg-desktop of een back-upprogramma)."
        )
    if isinstance(exc, StorageFault):
        return _("De schijf gaf een lees- of schrijffout.")
    if isinstance(exc, KeyFileDamaged):
        return _("Het sleutelbestand van de kluis is beschadigd of ontbreekt.")
    if isinstance(exc, VaultDamaged):
        return _("De kluis is beschadigd of is geen kluis van inburg-desktop.")
    if isinstance(exc, WrongPassphrase):
        return _("Het wachtwoord is onjuist.")
    if isinstance(exc, VaultMissing):
        return _("Op deze plek staat geen kluis.")
    return error_text(exc)


def remedy(exc: BaseException) -> str:
    """What the consultant can do about it."""
    if isinstance(exc, DiskFull):
        return _("Maak ruimte vrij op die schijf.")
    if isinstance(exc, ReadOnlyMedium):
        return _("Maak de schijf weer schrijfbaar of zet de kluis op een schrijfbare schijf.")
    if isinstance(exc, NoPermission):
        return _(
            "Controleer of u als de juiste gebruiker bent aangemeld, of vraag de beheerder "
            "de rechten te herstellen."
        )
    if isinstance(exc, VaultInUse):
        return _("Sluit dat programma.")
    if isinstance(exc, StorageFault):
        return _("Controleer of de schijf of USB-stick goed is aangesloten.")
    if isinstance(exc, KeyFileDamaged):
        return _(
            "Zet een reservekopie van het sleutelbestand terug of neem contact op met de "
            "functioneel beheerder; de kluis zelf is niet gewijzigd."
        )
    if isinstance(exc, VaultDamaged):
        return _("Neem contact op met de functioneel beheerder voor herstel uit een reservekopie.")
    return _("Details staan in het logbestand.")


def transient(exc: BaseException) -> bool:
    """Whether the same action can work once the condition clears (worth retrying)."""
    return isinstance(exc, VaultUnavailable)


def unlock_message(exc: BaseException) -> str:
    """For the unlock window: cause, that nothing changed, and what to do."""
    return _("{cause} Er is niets gewijzigd. {remedy}").format(cause=cause(exc), remedy=remedy(exc))
