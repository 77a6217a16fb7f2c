"""Whether the office can recover a vault whose passphrase is forgotten, in the
consultant's words (DESIGN.md "Key management": without enrollment there is no recovery,
and the app says so when the vault is created). Imports only the translation helper, so
the unlock window can say it before the vault's modules are loaded.
"""

from __future__ import annotations

from inburg_desktop.i18n import _


def recovery_text(key_id: str | None) -> str:
    """One sentence for the recovery state: ``key_id`` is the office recovery key's id as
    ``services.vault_session.RecoveryState`` gives it, ``None`` when there is no
    recovery (a new vault, or one never enrolled with an office that has a key)."""
    if key_id is not None:
        return _(
            "Herstel via de gemeente: mogelijk. Vergeet u het wachtwoord, dan kan het kantoor "
            "de kluis herstellen (herstelsleutel {key_id})."
        ).format(key_id=key_id)
    return _(
        "Herstel via de gemeente: nog niet; pas na aanmelding bij het kantoor. Tot dan is "
        "de kluis zonder het wachtwoord niet te openen."
    )
