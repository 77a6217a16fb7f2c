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
from dataclasses import dataclass, replace
from datetime import date
from importlib.abc import InspectLoader
from types import MappingProxyType, SimpleNamespace
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Row
from sqlalchemy.orm import Session

from inburg_desktop.domain.case import (
    Case,
    CaseDates,
    Doelgroep,
    Inburgeraar,
    WachtenOpDerde,
)
from inburg_desktop.domain.deadlines import deadline_state, deadline_state_same_until
from inburg_desktop.domain.evaluation import evaluate
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.domain.plicht import same_until
from inburg_desktop.domain.search_fold import fold
from inburg_desktop.prompts.catalogue import Topic
from inburg_desktop.services.case_status import PIP_CURRENT, pip_summary_of, status_cases
from inburg_desktop.services.intake_progress import (
    DISCUSSED,
    INTAKE_PREFIX,
    intake_progress,
    shipped_catalogue,
    state_of,
)
from inburg_desktop.storage import case_summary as table
from inburg_desktop.storage.cases import (
    GEMEENTE_KEY,
    WACHTEN_KEY,
    StoredCase,
    residence_basis,
    to_domain,
    wachten_op_derde,
    wachten_value,
)
from inburg_desktop.storage.changes import dumps
from inburg_desktop.storage.errors import VaultError
from inburg_desktop.storage.write_events import derived_only

if TYPE_CHECKING:  # vault_session hands every vault it opens to keep_summaries
    from inburg_desktop.services.vault_session import Vault

__all__ = [
    "BOOKKEEPING",
    "DEPENDS_ON",
    "DayStatus",
    "Reads",
    "Summaries",
    "computed_with",
    "current_summaries",
    "day_status",
    "keep_summaries",
    "search_own",
    "summary_values",
    "update",
]

log = logging.getLogger(__name__)

SUMMARY_FORM = "2"
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


def identity_values(case: Case) -> table.SummaryValues:
    """The columns of :data:`IDENTITY_COLUMNS`: the case's identity and dates as a summary
    holds them (the wait for a third party apart: ``wachten``)."""
    person = case.person
    dates = case.dates
    return {
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
    }


def _wachten(wait: WachtenOpDerde | None) -> str | None:
    value = wachten_value(wait)
    return None if value is None else dumps(value)


def _pip_status(current: Any) -> str:
    """The ``pip_status`` column from the value of ``pip.current`` (``None``: none)."""
    return dumps(pip_summary_of(current)["status"])


def _search_own(case: Case) -> str:
    person = case.person
    return search_own(person.given_names, person.family_name, person.v_nummer, case.doelgroep.value)


def summary_values(stored: StoredCase, today: date) -> table.SummaryValues:
    """The summary of a case as read by ``case_status.status_cases`` (its intake, PIP and
    wait fields), with the rules' outcome on ``today``."""
    case = stored.case
    progress = intake_progress(stored)
    return {
        "case_id": case.id,
        "version": stored.version,
        "server_version": stored.server_version,
        "computed_with": computed_with(),
        **identity_values(case),
        "wachten": _wachten(case.dates.wachten_op_derde),
        "topics_covered": progress.topics_covered,
        "topics_total": progress.topics_total,
        "pip_status": _pip_status(stored.field(PIP_CURRENT)),
        "search_own": _search_own(case),
        **day_status(case, today)._asdict(),
        "gemeente": _gemeente(stored.field(GEMEENTE_KEY)),
    }


def _gemeente(value: Any) -> str | None:
    """The ``gemeente`` column from the case field (a CBS code; anything else: none)."""
    return value if isinstance(value, str) and value else None


# What each column of a summary is computed from ------------------------------------


def reads_intake(key: str) -> bool:
    """Whether ``key`` is an intake field the summary reads: an answer or mark of a topic,
    not the moments it was discussed (``case_status.status_cases`` leaves those out)."""
    return key.startswith(INTAKE_PREFIX) and not key.endswith(f".{DISCUSSED}")


@dataclass(frozen=True)
class Reads:
    """The field keys a summary column is computed from: ``keys``, and with ``intake``
    every key :func:`reads_intake` accepts. Identity keys (``person.*``, ``dates.*``,
    ``doelgroep``) are the case's columns (``storage.changes``)."""

    keys: frozenset[str] = frozenset()
    intake: bool = False

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self.keys or (self.intake and reads_intake(key)))


def _reads(*keys: str) -> Reads:
    return Reads(frozenset(keys))


_DATES = {
    "brp_registration": "dates.brp_registration",
    "koppeling": "dates.koppeling",
    "duo_kennisgeving": "dates.duo_kennisgeving",
    "bijstand_start": "dates.bijstand_start",
    "pip_date": "dates.pip_date",
    "brp_after_move": "dates.brp_after_move",
}
# What the rules read (domain.evaluation.evaluate: the person's age, nationality, residence
# basis and permit, the doelgroep, the case's dates and the wait for a third party).
_RULES_READ = _reads(
    "doelgroep",
    "person.date_of_birth",
    "person.nationality",
    "person.residence_basis",
    "person.permit_since",
    *_DATES.values(),
    WACHTEN_KEY,
)

DEPENDS_ON: Mapping[str, Reads] = MappingProxyType(
    {
        "given_names": _reads("person.given_names"),
        "family_name": _reads("person.family_name"),
        "doelgroep": _reads("doelgroep"),
        "nationality": _reads("person.nationality"),
        "languages": _reads("person.languages"),
        "v_nummer": _reads("person.v_nummer"),
        "date_of_birth": _reads("person.date_of_birth"),
        "residence_basis": _reads("person.residence_basis"),
        "permit_since": _reads("person.permit_since"),
        **{column: _reads(key) for column, key in _DATES.items()},
        "wachten": _reads(WACHTEN_KEY),
        "topics_covered": Reads(intake=True),
        "topics_total": Reads(),  # the catalogue's topics (``computed_with``)
        "pip_status": _reads(PIP_CURRENT),
        "search_own": _reads(
            "person.given_names", "person.family_name", "person.v_nummer", "doelgroep"
        ),
        **{column: _RULES_READ for column in table.STATUS_COLUMNS},
        "gemeente": _reads(GEMEENTE_KEY),
    }
)
"""For each column of a summary, the field keys its value is computed from: a write of
no key of a column's entry leaves that column as it was, which
``tests/services/test_case_summary_depends.py`` checks against :func:`summary_values`
for every kind of key. The columns of :data:`BOOKKEEPING` are not computed from fields."""

BOOKKEEPING = ("case_id", "version", "server_version", "computed_with")
"""Columns set on every write (the case's versions) or by the code (``computed_with``)."""

IDENTITY_COLUMNS = table.IDENTITY_COLUMNS
"""The columns :func:`identity_values` gives, each read from one identity key: those of
``cases`` the summary copies."""


# Bringing a summary up to date from what a transaction wrote ---------------------------


def update(session: Session, case_ids: list[str]) -> list[str]:
    """Bring the summaries of ``case_ids``, which the session's transaction wrote, up to
    date from their own stored values and what the transaction changed
    (``storage.case_summary.written``): a column whose :data:`DEPENDS_ON` entry holds no
    changed key is kept, the case's versions are always set. The intake's count of
    covered topics moves by what the changed topics' states did (only those topics'
    fields are read: a range of the primary key each); the case's own columns are read
    and the rules evaluated only when a key they read changed.

    Returns the ids this cannot do, in their order, to be computed whole: no summary, one
    of other code (``computed_with``), one that was not current when the transaction
    first changed the case (its version then differs), or a count out of range (which a
    current summary never gives)."""
    wrote = table.written(session, case_ids)
    versions = table.read_versions(session, wrote) if wrote else {}
    made_with = computed_with()
    plans: list[_Plan] = []
    for case_id in case_ids:
        w = wrote.get(case_id)
        held = versions.get(case_id)
        if w is None or held is None or w.old_version is None:
            continue
        made, version, covered, total, case_version, case_office = held
        if made != made_with or version != w.old_version:
            continue
        affected = _affected(w.fields)
        plans.append(
            _Plan(case_id, w, covered, total, case_version, case_office, affected, _topics(w))
        )
    whole_ids = [plan.case_id for plan in plans if plan.w.identity or plan.affected & _CASE_READ]
    whole = (
        {held["case_id"]: (held, case) for held, case in table.read_with_cases(session, whole_ids)}
        if whole_ids
        else {}
    )
    today = date.today()
    updates: list[table.SummaryValues] = []
    for plan in plans:
        keys = [key for key in (PIP_CURRENT, WACHTEN_KEY, GEMEENTE_KEY) if key in plan.w.fields]
        prefixes = [f"{INTAKE_PREFIX}{topic}." for topic in plan.topics]
        now = table.fields_of(session, plan.case_id, keys, prefixes) if keys or prefixes else {}
        done = _updated(plan, whole.get(plan.case_id), now, today)
        if done is not None:
            updates.append(done)
    table.update_columns(session, updates)
    updated = {values["case_id"] for values in updates}
    return [case_id for case_id in case_ids if case_id not in updated]


_CASE_READ = frozenset({*IDENTITY_COLUMNS, "search_own", *table.STATUS_COLUMNS})
"""Columns computed from the case's own columns (read only when one of them is affected)."""


def _affected(keys: Collection[str]) -> frozenset[str]:
    """The columns whose :data:`DEPENDS_ON` entry holds one of ``keys``."""
    return frozenset(
        column for column, reads in DEPENDS_ON.items() if any(key in reads for key in keys)
    )


def _topics(w: table.Written) -> tuple[str, ...]:
    """The intake topics whose fields ``w`` changed (as ``intake_progress.by_topic`` groups
    them: the part of the key up to the next dot)."""
    out: dict[str, None] = {}
    for key in w.fields:
        if reads_intake(key):
            topic, dot, _local = key[len(INTAKE_PREFIX) :].partition(".")
            if dot:
                out[topic] = None
    return tuple(out)


@dataclass(frozen=True)
class _Plan:
    """One summary to bring up to date: what the transaction wrote, the summary's count
    of covered topics, its case's versions now, the columns the changed fields affect
    and the intake topics they belong to."""

    case_id: str
    w: table.Written
    covered: int
    total: int
    version: int
    server_version: int
    affected: frozenset[str]
    topics: tuple[str, ...]


def _updated(
    plan: _Plan,
    whole: tuple[Mapping[str, Any], Mapping[str, Any]] | None,
    now: Mapping[str, Any],
    today: date,
) -> table.SummaryValues | None:
    """The changed columns of one summary (``None``: not possible, compute it whole).
    ``whole``: the summary's columns and its case's, read when a column computed from
    the case may change; ``now``: the current values of the changed fields it reads."""
    out: table.SummaryValues = {
        "case_id": plan.case_id,
        "version": plan.version,
        "server_version": plan.server_version,
    }
    affected = set(plan.affected)
    if whole is not None:
        held, columns = whole
        case = to_domain(SimpleNamespace(**columns))  # type: ignore[arg-type]
        identity = identity_values(case)
        changed = {c for c in IDENTITY_COLUMNS if identity[c] != held[c]}
        affected |= _affected(set().union(*(DEPENDS_ON[c].keys for c in changed)))
        out.update((c, identity[c]) for c in IDENTITY_COLUMNS if c in affected)
        if WACHTEN_KEY in plan.w.fields:
            wait = wachten_op_derde(now)
        else:  # as the summary holds it
            stored = held["wachten"]
            wait = wachten_op_derde({WACHTEN_KEY: None if stored is None else json.loads(stored)})
        case = replace(case, dates=replace(case.dates, wachten_op_derde=wait))
        if "search_own" in affected:
            out["search_own"] = _search_own(case)
        if affected & set(table.STATUS_COLUMNS):
            out.update(day_status(case, today)._asdict())
    elif affected & _CASE_READ:
        return None  # not read: cannot happen (see ``update``), but never guess
    if "wachten" in affected:
        out["wachten"] = _wachten(wachten_op_derde(now))
    if "pip_status" in affected:
        out["pip_status"] = _pip_status(now.get(PIP_CURRENT))
    if "gemeente" in affected:
        out["gemeente"] = _gemeente(now.get(GEMEENTE_KEY))
    if "topics_covered" in affected:
        covered = plan.covered + _covered_change(plan, now)
        if not 0 <= covered <= plan.total:
            return None
        out["topics_covered"] = covered
    return out


def _covered_change(plan: _Plan, now: Mapping[str, Any]) -> int:
    """How many more topics are covered than before the transaction: each changed topic's
    state now and before (its fields now with the changed ones as they were)."""
    topics = _catalogue_topics()
    intake_now = {key: value for key, value in now.items() if reads_intake(key)}
    before = dict(intake_now)
    for key, held in plan.w.fields.items():
        if not reads_intake(key):
            continue
        if held is None:
            before.pop(key, None)
        else:
            before[key] = json.loads(held)
    change = 0
    for topic_id in plan.topics:
        topic = topics.get(topic_id)
        if topic is None:  # not a topic of the catalogue: not counted
            continue
        was = state_of(before, topic) is TopicState.COVERED
        is_now = state_of(intake_now, topic) is TopicState.COVERED
        change += int(is_now) - int(was)
    return change


@functools.cache
def _catalogue_topics() -> Mapping[str, Topic]:
    return MappingProxyType({topic.id: topic for topic in shipped_catalogue().topics})


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
    vault.summaries.keep(compute, update)


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
