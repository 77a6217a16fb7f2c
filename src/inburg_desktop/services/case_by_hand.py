"""A case the consultant adds by hand ("Nieuw dossier"), and corrections of a case's
personal data, both checked exactly as an imported handover file is.

The form's values become an ``inburg-handover/1`` document (:func:`handover_document`)
and go through ``domain.handover.parse_handover``: the same rules (names without control
or bidi characters, ISO 3166-1 nationality, BCP 47 languages, a V-nummer of ten digits, a
BSN of nine, a birth date before the BRP registration, ...) and the same
:class:`~inburg_desktop.domain.handover.HandoverError` naming the field key. A new case is
stored like an import (with its outbox entry, so the office gets it); a correction is
written as a screen edit through ``storage.stale_writes.apply_screen_edit``, the path of
every other edit (outbox, so it syncs; a field changed underneath is kept as a conflict).

A V-nummer or BSN is read as typed from a letter first ("V 123.456.7890":
``domain.typed_identifier``), then checked by the file's rule.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.handover import FORMAT, HandoverError, check_by_hand, parse_handover
from inburg_desktop.domain.household import Gezinslid
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.typed_identifier import typed_bsn, typed_v_nummer
from inburg_desktop.services.case_import import ImportedCase
from inburg_desktop.services.gemeenten import gemeente_keuze
from inburg_desktop.services.household import check_members, household_patch
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import CONSULTANT_SOURCE, StoredCase, get_case, import_handover
from inburg_desktop.storage.stale_writes import apply_screen_edit
from inburg_desktop.storage.tables import CaseRow

__all__ = [
    "PERSON_KEYS",
    "CorrectionSaved",
    "HandoverError",
    "PersonForm",
    "VNummerInGebruik",
    "add_case",
    "correct_person",
    "form_of",
    "handover_document",
    "load_case",
]

SOURCE_LABEL = "handmatig"
"""The ``source`` a hand-made case's document carries (the handover's sender)."""


@dataclass(frozen=True)
class PersonForm:
    """The handover's fields as the consultant types them; ``None``/empty = not given.

    ``languages``: BCP 47 tags in order of use ("ar", "en"); ``doelgroep``: a
    ``Doelgroep`` value. Dates are checked for what they are only by the handover rules.
    """

    given_names: str
    family_name: str
    date_of_birth: date | None
    nationality: str
    languages: tuple[str, ...]
    doelgroep: str
    brp_registration: date | None
    preferred_language: str | None = None
    v_nummer: str | None = None
    bsn: str | None = None
    koppeling: date | None = None
    duo_kennisgeving: date | None = None
    bijstand_start: date | None = None
    residence_basis: str | None = None
    permit_since: date | None = None


class VNummerInGebruik(Problem, ValueError):
    """Another case on this laptop holds the V-nummer typed (attack round 2 finding 5);
    ``case_id`` is that case, ``params["name"]`` its person's name. Nothing is written."""

    default_code = "case_v_nummer_taken"

    def __init__(self, case_id: str, name: str) -> None:
        super().__init__(name=name)
        self.case_id = case_id


def _same_v_nummer(session: Session, v_nummer: str | None, case_id: str | None) -> None:
    """Raise :class:`VNummerInGebruik` when a case other than ``case_id`` holds
    ``v_nummer``."""
    if v_nummer is None:
        return
    query = select(CaseRow.id, CaseRow.given_names, CaseRow.family_name).where(
        CaseRow.v_nummer == v_nummer
    )
    if case_id is not None:
        query = query.where(CaseRow.id != case_id)
    other = session.execute(query.limit(1)).first()
    if other is not None:
        raise VNummerInGebruik(other.id, f"{other.given_names} {other.family_name}".strip())


PERSON_KEYS = (
    "person.given_names",
    "person.family_name",
    "person.date_of_birth",
    "person.nationality",
    "person.languages",
    "person.preferred_language",
    "person.v_nummer",
    "person.bsn",
)
"""What a correction of personal data may change (identity fields, synced like edits)."""


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def handover_document(form: PersonForm) -> dict[str, Any]:
    """The ``inburg-handover/1`` document the form's values make (INTERFACES.md)."""
    person: dict[str, Any] = {
        "given_names": form.given_names.strip(),
        "family_name": form.family_name.strip(),
        "date_of_birth": _iso(form.date_of_birth),
        "nationality": form.nationality.strip().upper(),
        "languages": [tag.strip() for tag in form.languages if tag.strip()],
    }
    for key, value in (
        ("preferred_language", _text(form.preferred_language)),
        # Typed or pasted from a letter: "V 123.456.7890" is the V-nummer 1234567890
        # (domain.typed_identifier); the rule that follows is the file's own.
        ("v_nummer", _text(typed_v_nummer(form.v_nummer or ""))),
        ("bsn", _text(typed_bsn(form.bsn or ""))),
        ("residence_basis", _text(form.residence_basis)),
        ("permit_since", _iso(form.permit_since)),
    ):
        if value is not None:
            person[key] = value
    dates = {
        "brp_registration": _iso(form.brp_registration),
        "koppeling": _iso(form.koppeling),
        "duo_kennisgeving": _iso(form.duo_kennisgeving),
        "bijstand_start": _iso(form.bijstand_start),
    }
    return {
        "format": FORMAT,
        "source": SOURCE_LABEL,
        "person": person,
        "doelgroep": form.doelgroep,
        "dates": {k: v for k, v in dates.items() if v is not None},
    }


def add_case(
    vault: Vault,
    form: PersonForm,
    household: Sequence[Gezinslid] = (),
    today: date | None = None,
    gemeente: str | None = None,
) -> ImportedCase:
    """Check the form as a handover file is checked, then store it as a new case with
    its outbox entry, all or nothing. :class:`HandoverError` (``key``: the field, e.g.
    ``person.v_nummer``) when a value is refused (``domain.handover.check_by_hand``: a
    statushouder needs a V-nummer), :class:`VNummerInGebruik` when another case on this
    laptop holds the V-nummer; nothing is written then.

    ``household``: the case's household members (``services.household``; its
    ``HouseholdRefused`` writes nothing either), stored in the same transaction.
    ``gemeente``: the case's gemeente (a code or name), required when the consultant
    works for several (``services.gemeenten.GemeenteKeuze.gekozen``: ``GemeenteGeweigerd``,
    nothing written), the one they work for when not given."""
    handover = check_by_hand(parse_handover(handover_document(form)))
    day = today or date.today()
    if household:
        # Before the transaction: a refused member is said without touching the vault.
        check_members(household, day, own_v_nummer=handover.person.v_nummer)
    with vault.transaction() as session:
        # In the transaction that adds it: no second case can slip in between.
        _same_v_nummer(session, handover.person.v_nummer, None)
        code = gemeente_keuze(session).gekozen(gemeente)
        case_id = import_handover(session, handover, source=CONSULTANT_SOURCE, gemeente=code)
        if household:
            household_patch(session, case_id, household, day)
    return ImportedCase(case_id, handover.person.display_name)


def form_of(stored: StoredCase) -> PersonForm:
    """The form as it shows a stored case."""
    case = stored.case
    person = case.person
    return PersonForm(
        given_names=person.given_names,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        nationality=person.nationality,
        languages=tuple(person.languages),
        doelgroep=case.doelgroep.value,
        brp_registration=case.dates.brp_registration,
        preferred_language=person.preferred_language,
        v_nummer=person.v_nummer,
        bsn=person.bsn,
        koppeling=case.dates.koppeling,
        duo_kennisgeving=case.dates.duo_kennisgeving,
        bijstand_start=case.dates.bijstand_start,
        residence_basis=None if person.residence_basis is None else person.residence_basis.value,
        permit_since=person.permit_since,
    )


def load_case(vault: Vault, case_id: str) -> StoredCase:
    """The case whose personal data are corrected; ``NoSuchCase`` when unknown."""
    with vault.session() as session:
        return get_case(session, case_id)


def _person_values(form: PersonForm) -> dict[str, Any]:
    """The stored form of :data:`PERSON_KEYS` after the handover rules normalised them."""
    handover = parse_handover(handover_document(form))
    person = handover.person
    return {
        "person.given_names": person.given_names,
        "person.family_name": person.family_name,
        "person.date_of_birth": person.date_of_birth.isoformat(),
        "person.nationality": person.nationality,
        "person.languages": list(person.languages),
        "person.preferred_language": person.preferred_language,
        "person.v_nummer": person.v_nummer,
        "person.bsn": person.bsn,
    }


def typed_correction(form: PersonForm, loaded: StoredCase) -> dict[str, Any]:
    """The personal data of ``form`` that differ from ``loaded`` (the case as the form
    showed it), as typed (field key -> JSON value, a day as ``YYYY-MM-DD``), without the
    handover rules' check: what a correction window holds and has not saved, set aside
    when its case leaves this laptop (``ui.case_gone``), a half-typed value included."""

    def typed(shown: PersonForm) -> dict[str, Any]:
        born = shown.date_of_birth
        return {
            "person.given_names": shown.given_names,
            "person.family_name": shown.family_name,
            "person.date_of_birth": None if born is None else born.isoformat(),
            "person.nationality": shown.nationality,
            "person.languages": list(shown.languages),
            "person.preferred_language": shown.preferred_language,
            "person.v_nummer": shown.v_nummer,
            "person.bsn": shown.bsn,
        }

    before, after = typed(form_of(loaded)), typed(form)
    return {k: v for k, v in after.items() if (before[k] or None) != (v or None)}


@dataclass(frozen=True)
class CorrectionSaved:
    """What :func:`correct_person` wrote: the changed keys, and those kept as conflicts
    because the case changed since the form was loaded."""

    changed: tuple[str, ...]
    kept: tuple[str, ...] = ()


def correct_person(
    vault: Vault, case_id: str, form: PersonForm, loaded: StoredCase
) -> CorrectionSaved:
    """Write the personal data that differ from ``loaded`` (the case as the form showed
    it), checked with the whole case as a handover file is (:class:`HandoverError`,
    nothing written), as one screen edit: outbox (synced), and a field changed underneath
    since is kept as a conflict, not overwritten."""
    before = _person_values(form_of(loaded))
    after = _person_values(form)
    patch: Mapping[str, Any] = {k: v for k, v in after.items() if before[k] != v}
    if not patch:
        return CorrectionSaved(changed=())
    with vault.transaction() as session:
        if "person.v_nummer" in patch:
            _same_v_nummer(session, patch["person.v_nummer"], case_id)
        kept = apply_screen_edit(
            session,
            case_id,
            patch,
            started={k: before[k] for k in patch},
            seen_version=loaded.server_version,
        )
    return CorrectionSaved(changed=tuple(k for k in patch if k not in kept), kept=tuple(kept))
