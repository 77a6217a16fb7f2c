"""Each case's summary (``storage.case_summary``): what the case list and ``inburg case
list`` show and search, computed once when the case is written instead of on every read.

A summary holds the case's identity and the dates the rules read, how far the intake has
come (covered topics of the catalogue), the current PIP's status, the folded words the
search box searches by name, V-nummer and doelgroep, and the rules' outcome (plicht,
PIP deadline and its urgency, the notes) on the day it was computed, with the first later
day on which that outcome may change (``status_until``). The outcome depends on the day
only through the age, the AOW date and the days around the PIP deadline
(``domain.plicht.same_until``, ``domain.deadlines.deadline_state_same_until``): a read on
a day inside ``[status_on, status_until)`` takes it as stored, a read on another day
computes it again from the summary's own dates (no field is read) and stores it.

:func:`keep_summaries` hands the computation to the vault (each transaction computes the
summaries of the cases it wrote before it commits) and brings every summary up to date;
:func:`current_summaries` is the one read: anything still marked, or computed by other
code than this (``computed_with``), is computed first.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from importlib.abc import InspectLoader
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Row
from sqlalchemy.orm import Session

from inburg_desktop.domain.case import (
    Case,
    CaseDates,
    Doelgroep,
    Inburgeraar,
)
from inburg_desktop.domain.deadlines import deadline_state, deadline_state_same_until
from inburg_desktop.domain.evaluation import evaluate
from inburg_desktop.domain.plicht import same_until
from inburg_desktop.domain.search_fold import fold
from inburg_desktop.services.case_status import pip_summary, status_cases
from inburg_desktop.services.intake_progress import intake_progress, shipped_catalogue
from inburg_desktop.storage import case_summary as table
from inburg_desktop.storage.cases import (
    WACHTEN_KEY,
    StoredCase,
    residence_basis,
    wachten_op_derde,
    wachten_value,
)
from inburg_desktop.storage.changes import dumps
from inburg_desktop.storage.errors import VaultError
from inburg_desktop.storage.write_events import derived_only

if TYPE_CHECKING:  # vault_session hands every vault it opens to keep_summaries
    from inburg_desktop.services.vault_session import Vault

__all__ = [
    "DayStatus",
    "Summaries",
    "computed_with",
    "current_summaries",
    "day_status",
    "keep_summaries",
    "search_own",
    "summary_values",
]

log = logging.getLogger(__name__)

SUMMARY_FORM = "1"
"""What a summary holds and how: raise it when that changes (every summary is then
computed again at the next unlock, as when the code it depends on changes)."""

_RULES = (
    "inburg_desktop.domain.aow",
    "inburg_desktop.domain.calendar",
    "inburg_desktop.domain.case",
    "inburg_desktop.domain.countries",
    "inburg_desktop.domain.deadlines",
    "inburg_desktop.domain.evaluation",
    "inburg_desktop.domain.intake",
    "inburg_desktop.domain.plicht",
    "inburg_desktop.domain.search_fold",
    "inburg_desktop.domain.text",
    "inburg_desktop.services.case_status",
    "inburg_desktop.services.case_summary",
    "inburg_desktop.services.intake_progress",
    "inburg_desktop.storage.cases",
)
"""The modules whose code a summary is computed by."""


@functools.cache
def computed_with() -> str:
    """A fingerprint of what computes a summary: :data:`SUMMARY_FORM`, the shipped
    catalogue's topics and fields (what counts as covered) and the source of the rules'
    modules (:data:`_RULES`), so a new version of any of them (an AOW age added, a field
    required) has every summary computed again instead of showing what older code said.
    32 hex digits; the same for the life of the process."""
    digest = hashlib.sha256(SUMMARY_FORM.encode())
    digest.update(repr(shipped_catalogue().topics).encode())
    for name in _RULES:
        module = importlib.import_module(name)
        # The source through the module's own loader (the code, not a file a person
        # chose: domain.file_input's bounded reader is not for this).
        loader = module.__loader__
        source = loader.get_source(name) if isinstance(loader, InspectLoader) else None
        if source is None:  # no source shipped (a frozen build): its version says it
            from inburg_desktop import __version__

            source = f"{name} {__version__}"
        digest.update(source.encode())
    return digest.hexdigest()[:32]


class DayStatus(NamedTuple):
    """The rules' outcome for a case on ``status_on``, the same on every day before
    ``status_until`` (``None``: on every later day). ``notes``: JSON, a list of
    ``[code, msgid, params]``: the reason the person is not plichtig (when so), then every
    warning (as the case list's tooltip shows them)."""

    status_on: date
    status_until: date | None
    plichtig: bool
    pip_deadline: date | None
    pip_deadline_provisional: bool
    deadline_state: str
    notes: str


def day_status(case: Case, today: date) -> DayStatus:
    """The rules on ``case`` on ``today`` (``domain.evaluation.evaluate``), and until when
    their answer holds."""
    person = case.person
    evaluation = evaluate(person, case.doelgroep, case.dates, today)
    plicht = evaluation.plicht
    deadlines = evaluation.deadlines
    notes = () if plicht.plichtig else plicht.reasons[:1]
    until = same_until(person.date_of_birth, today)
    state_until = deadline_state_same_until(deadlines, today)
    if state_until is not None and state_until < until:
        until = state_until
    return DayStatus(
        status_on=today,
        status_until=until,
        plichtig=plicht.plichtig,
        pip_deadline=deadlines.pip_deadline,
        pip_deadline_provisional=deadlines.pip_deadline_provisional,
        deadline_state=deadline_state(deadlines, today),
        notes=json.dumps(
            [[r.code, r.text, dict(r.params)] for r in (*notes, *evaluation.warnings)],
            ensure_ascii=False,
        ),
    )


def search_own(given_names: str, family_name: str, v_nummer: str | None, doelgroep: str) -> str:
    """The folded words the search box finds a case by besides its nationality and
    languages: the name both ways round (as the list shows it, "Haddad, Amal", and as
    said), the V-nummer and the doelgroep."""
    parts = [f"{family_name}, {given_names}", f"{given_names} {family_name}", v_nummer or ""]
    return fold(" ".join([*parts, doelgroep]))


def summary_values(stored: StoredCase, today: date) -> table.SummaryValues:
    """The summary of a case as read by ``case_status.status_cases`` (its intake, PIP and
    wait fields), with the rules' outcome on ``today``."""
    case = stored.case
    person = case.person
    dates = case.dates
    wait = wachten_value(dates.wachten_op_derde)
    progress = intake_progress(stored)
    return {
        "case_id": case.id,
        "version": stored.version,
        "server_version": stored.server_version,
        "computed_with": computed_with(),
        "given_names": person.given_names,
        "family_name": person.family_name,
        "doelgroep": case.doelgroep.value,
        "nationality": person.nationality,
        "languages": dumps(list(person.languages)),
        "v_nummer": person.v_nummer,
        "date_of_birth": person.date_of_birth,
        "residence_basis": None if person.residence_basis is None else person.residence_basis.value,
        "permit_since": person.permit_since,
        "brp_registration": dates.brp_registration,
        "koppeling": dates.koppeling,
        "duo_kennisgeving": dates.duo_kennisgeving,
        "bijstand_start": dates.bijstand_start,
        "pip_date": dates.pip_date,
        "brp_after_move": dates.brp_after_move,
        "wachten": None if wait is None else dumps(wait),
        "topics_covered": progress.topics_covered,
        "topics_total": progress.topics_total,
        "pip_status": dumps(pip_summary(stored)["status"]),
        "search_own": search_own(
            person.given_names, person.family_name, person.v_nummer, case.doelgroep.value
        ),
        **day_status(case, today)._asdict(),
    }


def compute(session: Session, case_ids: list[str]) -> list[table.SummaryValues]:
    """The summaries of ``case_ids`` (those the vault holds), on today's date: a few
    queries for all of them (``case_status.status_cases``)."""
    today = date.today()
    return [summary_values(stored, today) for stored in status_cases(session, case_ids)]


def keep_summaries(vault: Vault) -> None:
    """From now on, every transaction on ``vault`` computes the summaries of the cases it
    writes before it commits. Called when a vault is created or unlocked
    (``services.vault_session``). Summaries still due (after migration 0007: all; after
    an update of the code they are computed by: all) are left to the first read, which
    computes them a chunk per transaction off the GUI thread, while the window paints."""
    vault.summaries.keep(compute)


def _refresh(vault: Vault, case_ids: Collection[str]) -> None:
    ids = list(dict.fromkeys(case_ids))
    for start in range(0, len(ids), table.CHUNK):
        with vault.transaction() as session:
            derived_only(session)
            table.refresh(session, compute, ids[start : start + table.CHUNK])


def case_of(row: Row[Any]) -> Case:
    """The case as far as the rules read it, from its summary (no field is read)."""
    wait = None if row.wachten is None else json.loads(row.wachten)
    return Case(
        id=row.case_id,
        doelgroep=Doelgroep(row.doelgroep),
        person=Inburgeraar(
            given_names=row.given_names,
            family_name=row.family_name,
            date_of_birth=row.date_of_birth,
            nationality=row.nationality,
            languages=tuple(json.loads(row.languages)),
            v_nummer=row.v_nummer,
            residence_basis=residence_basis(row.residence_basis),
            permit_since=row.permit_since,
        ),
        dates=CaseDates(
            brp_registration=row.brp_registration,
            koppeling=row.koppeling,
            duo_kennisgeving=row.duo_kennisgeving,
            bijstand_start=row.bijstand_start,
            pip_date=row.pip_date,
            brp_after_move=row.brp_after_move,
            wachten_op_derde=wachten_op_derde({WACHTEN_KEY: wait}),
        ),
    )


@dataclass(frozen=True)
class Summaries:
    """Summaries as a list reads them: ``rows`` of ``storage.case_summary.LIST_COLUMNS``
    (of ``COLUMNS`` when read ``whole``) in the case list's first order (family name,
    then id); ``statuses[n]`` is the rules'
    outcome for ``rows[n]`` on the day asked where the stored one is of another day
    (else the row's own status columns hold)."""

    rows: list[Row[Any]]
    statuses: dict[int, DayStatus]


_LIST_AT = {name: n for n, name in enumerate(table.LIST_COLUMNS)}
_WHOLE_AT = {name: n for n, name in enumerate(table.COLUMNS)}


def current_summaries(
    vault: Vault,
    today: date,
    case_ids: Collection[str] | None = None,
    *,
    shown: Mapping[str, tuple[int, int]] | None = None,
    whole: bool = False,
) -> tuple[Summaries, frozenset[str]]:
    """Every case's summary (or those of ``case_ids``; or, with ``shown``, those whose
    ``(version, server_version)`` differs from it, with the ids of ``shown`` the vault no
    longer holds as the second value), up to date and with the rules' outcome on
    ``today``. When all is current: whether anything is marked, then one ``SELECT`` of
    the summaries. Cases marked or computed by other code are computed first; an outcome
    of another day is computed from the summary's dates and stored (best effort: a vault
    that cannot take that write now still gets the right rows). ``whole``: rows of every
    column (``storage.case_summary.COLUMNS``: the dates the rules read too, as the
    agenda needs them), not only the list's."""
    cols = _WHOLE_AT if whole else _LIST_AT
    case_at, version_at, made_at = cols["case_id"], cols["version"], cols["computed_with"]
    on_at, until_at = cols["status_on"], cols["status_until"]
    with vault.session() as session:
        stale = table.stale_ids(session)
    if stale:
        _refresh(vault, stale)
    gone: frozenset[str] = frozenset()
    with vault.session() as session:
        if shown is not None:
            now = table.versions(session)
            case_ids = [case_id for case_id, at in now.items() if shown.get(case_id) != at]
            gone = frozenset(shown.keys() - now.keys())
            rows = table.read(session, case_ids, whole=whole) if case_ids else []
        else:
            rows = table.read(session, case_ids, whole=whole)
    made_with = computed_with()
    outdated = [row[case_at] for row in rows if row[made_at] != made_with]
    if outdated:
        _refresh(vault, outdated)
        with vault.session() as session:
            fresh = {row[case_at]: row for row in table.read(session, outdated, whole=whole)}
        rows = [fresh.get(row[case_at], row) for row in rows]
    expired = [
        n
        for n, row in enumerate(rows)
        if not (row[on_at] <= today and (row[until_at] is None or today < row[until_at]))
    ]
    statuses: dict[int, DayStatus] = {}
    if expired:
        if whole:
            held_rows = {rows[n][case_at]: rows[n] for n in expired}
        else:
            with vault.session() as session:
                held_rows = {
                    row.case_id: row
                    for row in table.read(session, [rows[n][case_at] for n in expired], whole=True)
                }
        gone_meanwhile = set()
        for n in expired:
            held = held_rows.get(rows[n][case_at])
            if held is None:  # deleted since the first read (another window, a sync)
                gone_meanwhile.add(n)
            else:
                statuses[n] = day_status(case_of(held), today)
        _store_statuses(vault, rows, statuses, case_at, version_at)
        if gone_meanwhile:
            kept = [n for n in range(len(rows)) if n not in gone_meanwhile]
            statuses = {new: statuses[old] for new, old in enumerate(kept) if old in statuses}
            rows = [rows[n] for n in kept]
    return Summaries(rows, statuses), gone


def _store_statuses(
    vault: Vault,
    rows: list[Row[Any]],
    statuses: dict[int, DayStatus],
    case_at: int,
    version_at: int,
) -> None:
    updates = [
        {"case_id": rows[n][case_at], "version": rows[n][version_at], **status._asdict()}
        for n, status in statuses.items()
    ]
    try:
        with vault.transaction() as session:
            derived_only(session)
            table.write_statuses(session, updates)
    except VaultError as exc:  # computed again at the next read; the rows are right
        log.warning("case list: outcomes of today not stored: %s", type(exc).__name__)
