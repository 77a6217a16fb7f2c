"""The rows of the case list, computed once per refresh (off the GUI thread)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from inburg_desktop.domain.text import N_
from inburg_desktop.services.case_status import case_status
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import get_case, iter_cases


@dataclass(frozen=True)
class CaseListRow:
    id: str
    name: str
    given_names: str
    family_name: str
    doelgroep: str
    nationality: str
    languages: tuple[str, ...]
    brp_registration: date
    pip_deadline: date | None
    pip_deadline_provisional: bool
    deadline_state: str  # ok | due_soon | overdue | waiting | niet_plichtig | done
    topics_covered: int
    topics_total: int
    pip_status: str
    v_nummer: str | None
    plichtig: bool = True
    plicht_notes: tuple[str, ...] = ()  # why not plichtig, then every warning (Dutch msgids)

    @property
    def search_text(self) -> str:
        return fold(
            " ".join(
                [
                    self.given_names,
                    self.family_name,
                    self.doelgroep,
                    self.nationality,
                    self.v_nummer or "",
                    *self.languages,
                ]
            )
        )


def fold(text: str) -> str:
    """Case- and accent-insensitive form for search ("yildiz" finds "Yıldız")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def load_case_rows(
    session: Session,
    today: date | None = None,
    translate: Callable[[str], str] = N_,
) -> list[CaseListRow]:
    """One row per case; ``translate`` renders the plicht notes in the UI language."""
    today = today or date.today()
    rows = []
    for case in iter_cases(session):
        status = case_status(get_case(session, case.id), today)
        deadlines = status.deadlines
        plicht = status.evaluation.plicht
        notes = () if plicht.plichtig else plicht.reasons[:1]
        pip_deadline = deadlines.get("pip_deadline")
        state = status.pip_deadline_state
        if status.pip["status"] in ("set", "signed"):
            state = "done"
        rows.append(
            CaseListRow(
                id=case.id,
                name=case.person.display_name,
                given_names=case.person.given_names,
                family_name=case.person.family_name,
                doelgroep=case.doelgroep.value,
                nationality=case.person.nationality,
                languages=case.person.languages,
                brp_registration=case.dates.brp_registration,
                pip_deadline=date.fromisoformat(pip_deadline) if pip_deadline else None,
                pip_deadline_provisional=bool(deadlines.get("pip_deadline_provisional")),
                deadline_state=state,
                topics_covered=status.intake.topics_covered,
                topics_total=status.intake.topics_total,
                pip_status=status.pip["status"],
                v_nummer=case.person.v_nummer,
                plichtig=plicht.plichtig,
                plicht_notes=tuple(
                    r.render(translate) for r in (*notes, *status.evaluation.warnings)
                ),
            )
        )
    return rows


def case_rows(
    vault: Vault, today: date | None = None, translate: Callable[[str], str] = N_
) -> list[CaseListRow]:
    """The case list as the main window shows it, in one read-only session."""
    with vault.session() as session:
        return load_case_rows(session, today, translate)
