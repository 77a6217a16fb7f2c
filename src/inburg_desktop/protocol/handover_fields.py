"""A handover file as field keys: the patch that creates its case, on a laptop or the office.

The laptop imports a handover (``storage.cases.import_handover``) and the office imports
one (``inburg-office case import``); both must turn the same file into the same fields, or
a case imported at the office would look different from one imported on a laptop. The
keys are the protocol's (``person.*``, ``dates.*``, ``doelgroep``, ``handover.*``); the
file's format is INTERFACES.md, parsed by ``domain.handover``.
"""

from __future__ import annotations

from typing import Any

from inburg_desktop.domain.handover import Handover

HANDOVER_NOTES_PREFIX = "handover.notes."
"""A handover note is the field ``handover.notes.<safe key>`` (``domain.handover.note_key``)."""
HANDOVER_NOTE_LABELS = "handover.note_labels"
"""One field: ``{safe key: the key as the sender wrote it}`` for notes whose key the app
did not choose, so the intake shows the sender's label (the key itself is only safe)."""
HOUSEHOLD = "handover.household"
SOURCE = "handover.source"


def handover_patch(handover: Handover) -> dict[str, Any]:
    """The patch (field key → JSON value) that creates the case of a parsed handover file.

    Dates are ``YYYY-MM-DD`` text; an absent optional date is ``None``. The residence basis
    and permit date are left out when the file lacks them (they are recent in the format,
    so an older office or laptop is not sent a key it does not know).
    """
    person = handover.person
    dates = handover.dates
    patch: dict[str, Any] = {
        "doelgroep": handover.doelgroep.value,
        "person.given_names": person.given_names,
        "person.family_name": person.family_name,
        "person.date_of_birth": person.date_of_birth.isoformat(),
        "person.nationality": person.nationality,
        "person.languages": list(person.languages),
        "person.preferred_language": person.preferred_language,
        "person.v_nummer": person.v_nummer,
        "person.bsn": person.bsn,
        "dates.brp_registration": dates.brp_registration.isoformat(),
        "dates.koppeling": dates.koppeling.isoformat() if dates.koppeling else None,
        "dates.duo_kennisgeving": (
            dates.duo_kennisgeving.isoformat() if dates.duo_kennisgeving else None
        ),
        "dates.bijstand_start": (
            dates.bijstand_start.isoformat() if dates.bijstand_start else None
        ),
    }
    # Optional and recent (INTERFACES.md): only sent when the file has them, so a handover
    # without them patches nothing an older office or laptop does not know.
    if person.residence_basis is not None:
        patch["person.residence_basis"] = person.residence_basis.value
    if person.permit_since is not None:
        patch["person.permit_since"] = person.permit_since.isoformat()
    if handover.household:
        patch[HOUSEHOLD] = [
            {
                "relation": m.relation,
                "date_of_birth": m.date_of_birth.isoformat() if m.date_of_birth else None,
                **dict(m.extra),
            }
            for m in handover.household
        ]
    for key, text in handover.notes.items():
        patch[HANDOVER_NOTES_PREFIX + key] = text
    if handover.note_labels:
        patch[HANDOVER_NOTE_LABELS] = dict(handover.note_labels)
    patch[SOURCE] = handover.source
    return patch


def from_sender(key: str) -> bool:
    """True for the fields that carry the sender's own words (household, notes, note
    labels): a consultant has not confirmed them yet."""
    return key in (HOUSEHOLD, HANDOVER_NOTE_LABELS) or key.startswith(HANDOVER_NOTES_PREFIX)
