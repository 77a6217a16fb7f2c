"""The case facts the law's rules turn on, as the consultant edits them in the case.

What DUO, the IND and the BRP say arrives after the handover, or not at all in it: the
residence basis and the permit date (who is plichtig, DOMAIN.md), DUO's kennisgeving (the
PIP deadline, Besluit art. 5.3 lid 1), the registration here after a move (lid 3) and a
wait for a third party's information with its reason (lid 2). :func:`save_details` writes
only what changed, as one patch through ``storage.cases.update_fields`` (so the office
sync carries it like any other identity field); :func:`preview` computes the rules on the
edited values without writing, so the dialog shows what a change would do.

A value that cannot be right is refused with :class:`DetailsRefused`, naming the field in
the consultant's words; nothing is written then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.domain.case import ResidenceBasis, WachtenOpDerde
from inburg_desktop.domain.evaluation import Evaluation, evaluate
from inburg_desktop.domain.household import Gezinslid
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.text import N_
from inburg_desktop.services.gemeenten import GEMEENTE_KEY, gemeente_keuze
from inburg_desktop.services.household import HOUSEHOLD_KEY, household_patch, household_value
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import (
    WACHTEN_KEY,
    StoredCase,
    get_case,
    wachten_value,
)
from inburg_desktop.storage.stale_writes import apply_screen_edit

MAX_REDEN = 500


class DetailsRefused(Problem, ValueError):
    """An edit that cannot be stored; ``field`` names it. Codes: ``details_future`` and
    ``details_before`` (``what`` and ``other`` are msgids the edge translates),
    ``details_reason_too_long`` (``count``)."""

    default_code = "details_future"

    def __init__(self, code: str, field: str, **params: object) -> None:
        super().__init__(code, **params)
        self.field = field


@dataclass(frozen=True)
class CaseDetails:
    """The editable facts; ``None`` is "not known" (and clears a stored value)."""

    residence_basis: ResidenceBasis | None = None
    permit_since: date | None = None
    duo_kennisgeving: date | None = None
    brp_after_move: date | None = None
    wachten_op_derde: WachtenOpDerde | None = None
    gemeente: str | None = None  # the case's gemeente, a CBS code (services.gemeenten)


def details_of(stored: StoredCase) -> CaseDetails:
    case = stored.case
    return CaseDetails(
        residence_basis=case.person.residence_basis,
        permit_since=case.person.permit_since,
        duo_kennisgeving=case.dates.duo_kennisgeving,
        brp_after_move=case.dates.brp_after_move,
        wachten_op_derde=case.dates.wachten_op_derde,
        gemeente=_gemeente(stored),
    )


def _gemeente(stored: StoredCase) -> str | None:
    value = stored.field(GEMEENTE_KEY)
    return value if isinstance(value, str) and value else None


def check_details(stored: StoredCase, details: CaseDetails, today: date) -> None:
    """Refuse values that cannot be facts of this case (:class:`DetailsRefused`)."""
    born = stored.case.person.date_of_birth
    brp = stored.case.dates.brp_registration

    def when(field: str, label: str, day: date | None, earliest: date, before: str) -> None:
        if day is None:
            return
        if day > today:
            raise DetailsRefused("details_future", field, what=label)
        if day < earliest:
            raise DetailsRefused("details_before", field, what=label, other=before)

    birth = N_("de geboortedatum")
    when("permit_since", N_("De datum van de verblijfsvergunning"), details.permit_since, born,
         birth)  # fmt: skip
    when("duo_kennisgeving", N_("De kennisgeving van DUO"), details.duo_kennisgeving, born,
         birth)  # fmt: skip
    when("brp_after_move", N_("De inschrijving na verhuizing"), details.brp_after_move, brp,
         N_("de eerste BRP-inschrijving"))  # fmt: skip
    wait = details.wachten_op_derde
    if wait is not None:
        if len(wait.reden) > MAX_REDEN:
            raise DetailsRefused("details_reason_too_long", "wachten_op_derde", count=MAX_REDEN)
        when("wachten_op_derde", N_("De vraag om informatie"), wait.sinds, born, birth)
        when("wachten_op_derde", N_("De ontvangst van de informatie"), wait.ontvangen,
             wait.sinds, N_("de vraag erom"))  # fmt: skip


def details_patch(stored: StoredCase, details: CaseDetails) -> dict[str, Any]:
    """The field keys that change (identity keys land in the case's columns)."""

    def iso(day: date | None) -> str | None:
        return None if day is None else day.isoformat()

    before = details_of(stored)
    patch: dict[str, Any] = {}
    if details.residence_basis != before.residence_basis:
        basis = details.residence_basis
        patch["person.residence_basis"] = None if basis is None else basis.value
    if details.permit_since != before.permit_since:
        patch["person.permit_since"] = iso(details.permit_since)
    if details.duo_kennisgeving != before.duo_kennisgeving:
        patch["dates.duo_kennisgeving"] = iso(details.duo_kennisgeving)
    if details.brp_after_move != before.brp_after_move:
        patch["dates.brp_after_move"] = iso(details.brp_after_move)
    if details.wachten_op_derde != before.wachten_op_derde:
        patch[WACHTEN_KEY] = wachten_value(details.wachten_op_derde)
    if details.gemeente != before.gemeente:
        patch[GEMEENTE_KEY] = details.gemeente
    return patch


def preview(stored: StoredCase, details: CaseDetails, today: date) -> Evaluation:
    """The rules on the case as it would be with ``details`` (nothing is written)."""
    case = stored.case
    person = replace(
        case.person, residence_basis=details.residence_basis, permit_since=details.permit_since
    )
    dates = replace(
        case.dates,
        duo_kennisgeving=details.duo_kennisgeving,
        brp_after_move=details.brp_after_move,
        wachten_op_derde=details.wachten_op_derde,
    )
    return evaluate(person, case.doelgroep, dates, today)


def save_details(
    session: Session,
    case_id: str,
    details: CaseDetails,
    today: date,
    *,
    seen_version: int | None = None,
    loaded: StoredCase | None = None,
    household: Sequence[Gezinslid] | None = None,
) -> DetailsSaved:
    """Store what changed: whether anything did, and the field keys kept as conflicts
    (see below). :class:`DetailsRefused` on a bad value.

    ``loaded``: the case as the dialog showed it. Only what the consultant changed from
    that is written; a field that a sync or conflict resolution changed in the vault since
    is not overwritten but kept as a conflict (``storage.stale_writes``).
    ``household``: the case's household members as edited (``None``: not edited here),
    checked and written in the same transaction (``services.household``; its refusal,
    ``HouseholdRefused``, writes nothing at all).
    """
    stored = get_case(session, case_id)
    check_details(stored, details, today)
    base = stored if loaded is None else loaded
    patch = details_patch(base, details)
    if patch.get(GEMEENTE_KEY) is not None:
        # A correction among the consultant's own gemeenten only (GemeenteGeweigerd,
        # nothing written): the office refuses a case of another's gemeente on push.
        patch[GEMEENTE_KEY] = gemeente_keuze(session).gekozen(patch[GEMEENTE_KEY])
    members = None
    if household is not None:
        members = household_patch(
            session, case_id, household, today, loaded=base, seen_version=seen_version
        )
    if not patch:
        if members is None:
            return DetailsSaved(changed=False)
        return DetailsSaved(changed=members.changed, kept=members.kept)
    started = details_values(base, patch)
    kept = apply_screen_edit(session, case_id, patch, started=started, seen_version=seen_version)
    if members is not None:
        changed = len(kept) < len(patch) or members.changed
        return DetailsSaved(changed=changed, kept=(*kept, *members.kept))
    return DetailsSaved(changed=len(kept) < len(patch), kept=tuple(kept))


def typed_patch(
    stored: StoredCase, details: CaseDetails | None, household: Sequence[Gezinslid] | None
) -> dict[str, Any]:
    """What the Dossiergegevens dialog holds and has not saved (field key -> JSON value),
    for setting aside when its case leaves this laptop (``ui.case_gone``): the details
    that differ from ``stored`` (``None``: none readable, a date half typed) and the
    household members as edited (``None``: not edited)."""
    patch = {} if details is None else details_patch(stored, details)
    if household is not None:
        patch[HOUSEHOLD_KEY] = household_value(household)
    return patch


@dataclass(frozen=True)
class DetailsSaved:
    """What :func:`save_details` did: ``changed`` (something was written) and ``kept``
    (field keys not written because the vault changed since the dialog showed them)."""

    changed: bool
    kept: tuple[str, ...] = ()


def details_values(stored: StoredCase, keys: Any) -> dict[str, Any]:
    """The stored form of ``keys`` (``details_patch`` keys) in ``stored``."""
    before = details_of(stored)
    every = {
        "person.residence_basis": None
        if before.residence_basis is None
        else before.residence_basis.value,
        "person.permit_since": _iso(before.permit_since),
        "dates.duo_kennisgeving": _iso(before.duo_kennisgeving),
        "dates.brp_after_move": _iso(before.brp_after_move),
        WACHTEN_KEY: wachten_value(before.wachten_op_derde),
        GEMEENTE_KEY: before.gemeente,
    }
    return {key: every[key] for key in keys}


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def load_case(vault: Vault, case_id: str) -> StoredCase:
    """The case as the Dossiergegevens dialog edits it; ``NoSuchCase`` when unknown."""
    with vault.session() as session:
        return get_case(session, case_id)


def save(
    vault: Vault,
    case_id: str,
    details: CaseDetails,
    today: date,
    *,
    seen_version: int | None = None,
    loaded: StoredCase | None = None,
    household: Sequence[Gezinslid] | None = None,
) -> DetailsSaved:
    """:func:`save_details` in its own transaction: all of it or nothing."""
    with vault.transaction() as session:
        return save_details(
            session,
            case_id,
            details,
            today,
            seen_version=seen_version,
            loaded=loaded,
            household=household,
        )
