"""The computed status of a case (INTERFACES.md, "`inburg case show --json`").

The computed part (plicht, warnings, AOW date, deadlines) comes from
:func:`domain.evaluation.evaluate` and is rendered by :func:`computed_json`, which
``inburg rules evaluate`` prints too, so a case in the vault and the same scenario
evaluated without a vault always give the same answer.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from inburg_desktop.domain.deadlines import deadline_state
from inburg_desktop.domain.evaluation import Evaluation, evaluate
from inburg_desktop.domain.text import Reason
from inburg_desktop.services.intake_progress import (
    DISCUSSED,
    INTAKE_PREFIX,
    IntakeProgress,
    intake_progress,
)
from inburg_desktop.storage.cases import GEMEENTE_KEY, StoredCase, get_case, stored_cases

if TYPE_CHECKING:  # a type only: vault_session keeps summaries computed from this module
    from inburg_desktop.services.vault_session import Vault


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def warning_json(warning: Reason) -> dict[str, str]:
    """One warning: its stable code and the Dutch text."""
    return {"code": warning.code, "text": warning.render()}


def computed_json(evaluation: Evaluation) -> dict[str, Any]:
    """The rules' outcome as INTERFACES.md gives it.

    ``plichtig``, ``plicht_reason`` (the reasons joined by "; "), ``warnings`` (a list of
    ``{code, text}``), ``aow_date`` (the day the AOW age is reached) with
    ``aow_date_provisional``, and ``deadlines``; ``plicht_ends_on`` (the last day of the
    plicht by age, ``null`` when not plichtig) and ``pip_deadline_provisional`` are in
    ``deadlines`` and repeated at top level.
    """
    plicht = evaluation.plicht
    deadlines = evaluation.deadlines.as_json()
    deadlines["plicht_ends_on"] = _iso(plicht.plicht_ends_on)
    return {
        "plichtig": plicht.plichtig,
        "plicht_reason": "; ".join(r.render() for r in plicht.reasons),
        "warnings": [warning_json(w) for w in evaluation.warnings],
        "aow_date": _iso(plicht.aow_date),
        "aow_date_provisional": plicht.aow_provisional,
        "plicht_ends_on": deadlines["plicht_ends_on"],
        "pip_deadline_provisional": deadlines["pip_deadline_provisional"],
        "deadlines": deadlines,
    }


@dataclass(frozen=True)
class CaseStatus:
    stored: StoredCase
    evaluation: Evaluation
    intake: IntakeProgress
    pip_deadline_state: str
    pip: dict[str, Any]

    @property
    def plichtig(self) -> bool:
        return self.evaluation.plicht.plichtig

    @property
    def plicht_reason(self) -> str:
        return "; ".join(r.render() for r in self.evaluation.plicht.reasons)

    @property
    def deadlines(self) -> dict[str, Any]:
        return dict(computed_json(self.evaluation)["deadlines"])

    def as_json(self) -> dict[str, Any]:
        case = self.stored.case
        person = case.person
        dates = case.dates
        computed = computed_json(self.evaluation)
        return {
            "id": case.id,
            "given_names": person.given_names,
            "family_name": person.family_name,
            "date_of_birth": person.date_of_birth.isoformat(),
            "nationality": person.nationality,
            "languages": list(person.languages),
            "residence_basis": (
                None if person.residence_basis is None else person.residence_basis.value
            ),
            "permit_since": _iso(person.permit_since),
            "doelgroep": case.doelgroep.value,
            # the case's gemeente, a CBS code (issue 16 item 5), null when none is recorded
            "gemeente": _code(self.stored.field(GEMEENTE_KEY)),
            "brp_registration": dates.brp_registration.isoformat(),
            "plichtig": computed["plichtig"],
            "plicht_reason": computed["plicht_reason"],
            "warnings": computed["warnings"],
            "aow_date": computed["aow_date"],
            "aow_date_provisional": computed["aow_date_provisional"],
            "plicht_ends_on": computed["plicht_ends_on"],
            "pip_deadline_provisional": computed["pip_deadline_provisional"],
            "intake": {
                "topics_total": self.intake.topics_total,
                "topics_covered": self.intake.topics_covered,
            },
            "pip": self.pip,
            "deadlines": computed["deadlines"],
        }


PIP_CURRENT = "pip.current"


def pip_summary(stored: StoredCase) -> dict[str, Any]:
    """PIP status from the case's stored PIP versions (none until a PIP is drafted)."""
    return pip_summary_of(stored.field(PIP_CURRENT))


def pip_summary_of(current: Any) -> dict[str, Any]:
    """PIP status from the value of the case's ``pip.current`` field (``None``: none)."""
    if not isinstance(current, dict):
        return {"status": "none", "signed_on": None, "leerroute": None}
    return {
        "status": current.get("status", "draft"),
        "signed_on": current.get("signed_on"),
        "leerroute": current.get("leerroute"),
    }


def evaluate_case(stored: StoredCase, today: date) -> Evaluation:
    """The rules on a stored case on ``today``."""
    case = stored.case
    return evaluate(case.person, case.doelgroep, case.dates, today)


def case_status(stored: StoredCase, today: date | None = None) -> CaseStatus:
    today = today or date.today()
    evaluation = evaluate_case(stored, today)
    return CaseStatus(
        stored=stored,
        evaluation=evaluation,
        intake=intake_progress(stored),
        pip_deadline_state=deadline_state(evaluation.deadlines, today),
        pip=pip_summary(stored),
    )


def _code(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def status_cases(session: Session, case_ids: Collection[str] | None = None) -> list[StoredCase]:
    """Every case (or those of ``case_ids``), in the case list's order, with the fields
    :func:`case_status` reads (the intake's answers and marks, the current PIP): a few
    queries for the whole caseload instead of two per case."""
    return stored_cases(
        session,
        prefixes=(INTAKE_PREFIX,),
        keys=(PIP_CURRENT, GEMEENTE_KEY),
        skip_suffixes=(f".{DISCUSSED}",),  # when topics were discussed: not for the status
        case_ids=case_ids,
    )


def status_of(vault: Vault, case_id: str, today: date | None = None) -> CaseStatus:
    """One case with its computed status (``inburg case show``); ``NoSuchCase`` when the
    vault does not hold it."""
    with vault.session() as session:
        return case_status(get_case(session, case_id), today)
