"""The rows of the case list, computed once per refresh (off the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from inburg_desktop.domain.countries import country_name
from inburg_desktop.domain.nationality_names import nationality_nl
from inburg_desktop.domain.search_fold import fold
from inburg_desktop.domain.text import N_
from inburg_desktop.locale_names import endonym, language_name
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
    days_left: int | None = None  # days from today to the PIP deadline (negative: past it)
    search_text: str = ""  # folded: see :func:`search_text`

    @property
    def list_name(self) -> str:
        """The name as the list shows it: "Haddad, Amal"."""
        return f"{self.family_name}, {self.given_names}"


__all__ = ["CaseListRow", "case_rows", "fold", "load_case_rows", "search_text"]


def search_text(
    *,
    given_names: str,
    family_name: str,
    doelgroep: str,
    nationality: str,
    languages: tuple[str, ...],
    v_nummer: str | None,
    ui_language: str = "nl",
) -> str:
    """What the search box searches, folded (``domain.search_fold``): the name both ways
    round (as the list shows it, "Haddad, Amal", and as said), the V-nummer, the
    doelgroep, the nationality as code, country ("Syrië") and adjective ("Syrische"), and
    each language as code, Dutch name ("Arabisch"), name in the UI language and own name
    ("العربية"), so the consultant finds a case by the words they use."""
    parts = [
        f"{family_name}, {given_names}",
        f"{given_names} {family_name}",
        v_nummer or "",
        doelgroep,
        nationality,
        country_name(nationality, "nl"),
        nationality_nl(nationality) or "",
    ]
    if ui_language != "nl":
        parts.append(country_name(nationality, ui_language))
    for code in languages:
        parts += [code, language_name(code, "nl"), endonym(code)]
        if ui_language != "nl":
            parts.append(language_name(code, ui_language))
    return fold(" ".join(parts))


def load_case_rows(
    session: Session,
    today: date | None = None,
    translate: Callable[[str], str] = N_,
    ui_language: str = "nl",
) -> list[CaseListRow]:
    """One row per case; ``translate`` renders the plicht notes in the UI language, and
    ``ui_language`` adds that language's names of languages and countries to search."""
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
        due = date.fromisoformat(pip_deadline) if pip_deadline else None
        person = case.person
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
                pip_deadline=due,
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
                days_left=None if due is None else (due - today).days,
                search_text=search_text(
                    given_names=person.given_names,
                    family_name=person.family_name,
                    doelgroep=case.doelgroep.value,
                    nationality=person.nationality,
                    languages=person.languages,
                    v_nummer=person.v_nummer,
                    ui_language=ui_language,
                ),
            )
        )
    return rows


def case_rows(
    vault: Vault,
    today: date | None = None,
    translate: Callable[[str], str] = N_,
    ui_language: str = "nl",
) -> list[CaseListRow]:
    """The case list as the main window shows it, in one read-only session."""
    with vault.session() as session:
        return load_case_rows(session, today, translate, ui_language)
