"""The rows of the case list (and of ``inburg case list``), read off the GUI thread.

:func:`case_rows` and :func:`changed_case_rows` read the case summaries
(``services.case_summary``): one ``SELECT`` for the whole caseload, each row's status
said from today. :func:`load_case_rows` computes the same rows from the cases
themselves (their fields, the rules): how the summaries are checked.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, cast

from sqlalchemy.orm import Session

from inburg_desktop.domain.countries import country_name
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.nationality_names import nationality_nl
from inburg_desktop.domain.search_fold import fold
from inburg_desktop.domain.text import N_, fill_template
from inburg_desktop.locale_names import endonym, language_name
from inburg_desktop.services.case_status import case_status, status_cases
from inburg_desktop.services.case_summary import Summaries, current_summaries, search_own
from inburg_desktop.services.gemeenten import consultant_gemeenten, gemeente_keuze
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.case_summary import LIST_COLUMNS
from inburg_desktop.storage.cases import GEMEENTE_KEY, StoredCase


@dataclass(frozen=True, slots=True)
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
    version: tuple[int, int] = (0, 0)  # the case's (local, office) version when read
    gemeente: str | None = None  # the case's gemeente, a CBS code (services.gemeenten)
    gemeente_naam: str = ""  # its name, when the consultant works for several (else "")

    @property
    def list_name(self) -> str:
        """The name as the list shows it: "Haddad, Amal"."""
        return list_name(self.given_names, self.family_name)


def list_name(given_names: str, family_name: str) -> str:
    """A person's name as the case list (and the agenda beside it) shows it: family name
    first, "Haddad, Amal", so both screens name a case alike."""
    return f"{family_name}, {given_names}"


__all__ = [
    "CaseListRow",
    "CaseListUpdate",
    "case_rows",
    "changed_case_rows",
    "fold",
    "list_name",
    "load_case_rows",
    "search_text",
]


def search_text(
    *,
    given_names: str,
    family_name: str,
    doelgroep: str,
    nationality: str,
    languages: tuple[str, ...],
    v_nummer: str | None,
    ui_language: str = "nl",
    gemeente: str = "",
) -> str:
    """What the search box searches, folded (``domain.search_fold``): the name both ways
    round (as the list shows it, "Haddad, Amal", and as said), the V-nummer, the
    doelgroep, the nationality as code, country ("Syrië") and adjective ("Syrische"), and
    each language as code, Dutch name ("Arabisch"), name in the UI language and own name
    ("العربية"), so the consultant finds a case by the words they use."""
    own = search_own(given_names, family_name, v_nummer, doelgroep)
    text = _joined(own, _origin_words(nationality, languages, ui_language))
    return _joined(text, _folded(gemeente))


@functools.lru_cache(maxsize=512)
def _folded(name: str) -> str:
    return fold(name) if name else ""


def _joined(own: str, origin: str) -> str:
    return f"{own} {origin}" if own and origin else own or origin


@functools.lru_cache(maxsize=4096)
def _origin_words(nationality: str, languages: tuple[str, ...], ui_language: str) -> str:
    """The folded words of a nationality and languages: the same for many cases of a
    caseload, so looked up (pycountry, CLDR) once per combination, not once per case."""
    parts = [nationality, country_name(nationality, "nl"), nationality_nl(nationality) or ""]
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
    case_ids: Collection[str] | None = None,
) -> list[CaseListRow]:
    """One row per case, in the list's first order (family name, then id); ``translate``
    renders the plicht notes in the UI language, and ``ui_language`` adds that language's
    names of languages and countries to search. ``case_ids``: only those cases' rows (in no
    promised order; a case the vault no longer holds has none), for a list that reloads
    what a write changed. A few queries for the whole caseload
    (``case_status.status_cases``), never one per case."""
    today = today or date.today()
    names = gemeente_keuze(session).list_names()
    return [
        _row(stored, today, translate, ui_language, names)
        for stored in status_cases(session, case_ids)
    ]


def _row(
    stored: StoredCase,
    today: date,
    translate: Callable[[str], str],
    ui_language: str,
    names: Mapping[str, str] = MappingProxyType({}),
) -> CaseListRow:
    case = stored.case
    status = case_status(stored, today)
    deadlines = status.deadlines
    plicht = status.evaluation.plicht
    notes = () if plicht.plichtig else plicht.reasons[:1]
    pip_deadline = deadlines.get("pip_deadline")
    state = status.pip_deadline_state
    if status.pip["status"] in ("set", "signed"):
        state = "done"
    due = parse_iso_date(pip_deadline) if pip_deadline else None
    person = case.person
    held = stored.field(GEMEENTE_KEY)
    gemeente = held if isinstance(held, str) and held else None
    naam = names.get(gemeente or "", "")
    return CaseListRow(
        id=case.id,
        name=person.display_name,
        given_names=person.given_names,
        family_name=person.family_name,
        doelgroep=case.doelgroep.value,
        nationality=person.nationality,
        languages=person.languages,
        brp_registration=case.dates.brp_registration,
        pip_deadline=due,
        pip_deadline_provisional=bool(deadlines.get("pip_deadline_provisional")),
        deadline_state=state,
        topics_covered=status.intake.topics_covered,
        topics_total=status.intake.topics_total,
        pip_status=status.pip["status"],
        v_nummer=person.v_nummer,
        version=(stored.version, stored.server_version),
        gemeente=gemeente,
        gemeente_naam=naam,
        plichtig=plicht.plichtig,
        plicht_notes=tuple(r.render(translate) for r in (*notes, *status.evaluation.warnings)),
        days_left=None if due is None else (due - today).days,
        search_text=search_text(
            given_names=person.given_names,
            family_name=person.family_name,
            doelgroep=case.doelgroep.value,
            nationality=person.nationality,
            languages=person.languages,
            v_nummer=person.v_nummer,
            ui_language=ui_language,
            gemeente=naam,
        ),
    )


def case_rows(
    vault: Vault,
    today: date | None = None,
    translate: Callable[[str], str] = N_,
    ui_language: str = "nl",
    case_ids: Collection[str] | None = None,
    *,
    search: bool = True,
) -> list[CaseListRow]:
    """The case list as the main window shows it (or the rows of ``case_ids``): the
    summaries in one ``SELECT`` (``services.case_summary.current_summaries``), the same
    rows as :func:`load_case_rows` computes from the cases. ``search=False``: without
    their search text (``""``), for a reader that does not search (``inburg case list``)."""
    today = today or date.today()
    if vault.read_only:
        # No summary can be stored on a read-only medium: compute the rows from the cases.
        with vault.session() as session:
            return load_case_rows(session, today, translate, ui_language, case_ids)
    summaries, _gone = current_summaries(vault, today, case_ids)
    names = _list_names(vault, summaries)
    return _summary_rows(summaries, today, translate, ui_language if search else None, names)


@dataclass(frozen=True)
class CaseListUpdate:
    """What changed since the list was read: the rows of cases added or changed (their
    version moved) and the ids of cases the vault no longer holds."""

    rows: list[CaseListRow]
    gone: frozenset[str]


def changed_case_rows(
    vault: Vault,
    shown: Mapping[str, tuple[int, int]],
    today: date | None = None,
    translate: Callable[[str], str] = N_,
    ui_language: str = "nl",
) -> CaseListUpdate:
    """The rows to replace in a list that shows the cases of ``shown`` (case id → the
    ``version`` its row was read at): every write to a case moves its version
    (``storage.changes.apply_patch``), so one query over the summaries' versions finds
    what to read again, and only those rows are read."""
    today = today or date.today()
    summaries, gone = current_summaries(vault, today, shown=shown)
    names = _list_names(vault, summaries)
    return CaseListUpdate(_summary_rows(summaries, today, translate, ui_language, names), gone)


_GEMEENTE_AT = LIST_COLUMNS.index("gemeente")


def _list_names(vault: Vault, summaries: Summaries) -> Mapping[str, str]:
    """The gemeenten's names the rows show (``GemeenteKeuze.list_names``), read only when
    a row has a gemeente: a caseload without any reads the summaries alone, as before."""
    if not any(row[_GEMEENTE_AT] for row in summaries.rows):
        return {}
    return consultant_gemeenten(vault).list_names()


def _summary_rows(
    summaries: Summaries,
    today: date,
    translate: Callable[[str], str],
    ui_language: str | None,
    names: Mapping[str, str],
) -> list[CaseListRow]:
    # Many cases share their languages, PIP status and notes: each text is decoded (and
    # the notes translated) once per read, not once per row. The rows are unpacked as
    # tuples (storage.case_summary.LIST_COLUMNS): a column by name costs ten times more.
    languages_of: dict[str, tuple[str, ...]] = {}
    notes_of: dict[str, tuple[str, ...]] = {}
    pip_of: dict[str, Any] = {}
    statuses = summaries.statuses
    out = []
    for n, row in enumerate(summaries.rows):
        (
            case_id,
            version,
            server_version,
            _computed_with,
            given,
            family,
            doelgroep,
            nationality,
            languages_text,
            v_nummer,
            brp_registration,
            topics_covered,
            topics_total,
            pip_status_text,
            own,
            _status_on,
            _status_until,
            plichtig,
            due,
            provisional,
            state,
            notes_text,
            gemeente,
        ) = cast("tuple[Any, ...]", row)  # a Row unpacks as it is: no tuple made per row
        if n in statuses:
            _on, _until, plichtig, due, provisional, state, notes_text = statuses[n]
        languages = languages_of.get(languages_text)
        if languages is None:
            languages = languages_of[languages_text] = tuple(json.loads(languages_text))
        notes = notes_of.get(notes_text)
        if notes is None:
            notes = notes_of[notes_text] = tuple(
                fill_template(translate(text), params)
                for _code, text, params in json.loads(notes_text)
            )
        pip_status = pip_of.get(pip_status_text, _UNREAD)
        if pip_status is _UNREAD:
            pip_status = json.loads(pip_status_text)
            if pip_status is None or isinstance(pip_status, str):  # never share a list
                pip_of[pip_status_text] = pip_status
        if pip_status in ("set", "signed"):
            state = "done"
        naam = names.get(gemeente, "") if gemeente else ""
        out.append(
            CaseListRow(
                id=case_id,
                name=f"{given} {family}".strip(),
                given_names=given,
                family_name=family,
                doelgroep=doelgroep,
                nationality=nationality,
                languages=languages,
                brp_registration=brp_registration,
                pip_deadline=due,
                pip_deadline_provisional=bool(provisional),
                deadline_state=state,
                topics_covered=topics_covered,
                topics_total=topics_total,
                pip_status=pip_status,
                v_nummer=v_nummer,
                version=(version, server_version),
                gemeente=gemeente,
                gemeente_naam=naam,
                plichtig=bool(plichtig),
                plicht_notes=notes,
                days_left=None if due is None else (due - today).days,
                search_text=""
                if ui_language is None
                else _joined(
                    _joined(own, _origin_words(nationality, languages, ui_language)),
                    _folded(naam),
                ),
            )
        )
    return out


_UNREAD = object()
