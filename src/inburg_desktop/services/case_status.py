"""The computed status of a case (INTERFACES.md, "`inburg case show --json`")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from inburg_desktop.domain.deadlines import compute_deadlines, pip_deadline_status
from inburg_desktop.domain.plicht import check_plicht
from inburg_desktop.services.intake_progress import IntakeProgress, intake_progress
from inburg_desktop.storage.cases import StoredCase


@dataclass(frozen=True)
class CaseStatus:
    stored: StoredCase
    plichtig: bool
    plicht_reason: str
    intake: IntakeProgress
    deadlines: dict[str, Any]
    pip_deadline_state: str
    pip: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        case = self.stored.case
        person = case.person
        dates = case.dates
        return {
            "id": case.id,
            "given_names": person.given_names,
            "family_name": person.family_name,
            "date_of_birth": person.date_of_birth.isoformat(),
            "nationality": person.nationality,
            "languages": list(person.languages),
            "doelgroep": case.doelgroep.value,
            "brp_registration": dates.brp_registration.isoformat(),
            "plichtig": self.plichtig,
            "plicht_reason": self.plicht_reason,
            "intake": {
                "topics_total": self.intake.topics_total,
                "topics_covered": self.intake.topics_covered,
            },
            "pip": self.pip,
            "deadlines": self.deadlines,
        }


def pip_summary(stored: StoredCase) -> dict[str, Any]:
    """PIP status from the case's stored PIP versions (none until a PIP is drafted)."""
    current = stored.field("pip.current")
    if not isinstance(current, dict):
        return {"status": "none", "signed_on": None, "leerroute": None}
    return {
        "status": current.get("status", "draft"),
        "signed_on": current.get("signed_on"),
        "leerroute": current.get("leerroute"),
    }


def case_status(stored: StoredCase, today: date | None = None) -> CaseStatus:
    today = today or date.today()
    case = stored.case
    plicht = check_plicht(case.person.date_of_birth, case.person.nationality, today)
    deadlines = compute_deadlines(case.doelgroep, case.dates)
    reasons = "; ".join(r.render() for r in plicht.reasons)
    return CaseStatus(
        stored=stored,
        plichtig=plicht.plichtig,
        plicht_reason=reasons,
        intake=intake_progress(stored),
        deadlines=deadlines.as_json(),
        pip_deadline_state=pip_deadline_status(deadlines.pip_deadline, today)
        if deadlines.pip_deadline is not None
        else "ok",
        pip=pip_summary(stored),
    )
