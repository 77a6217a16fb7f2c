"""Applying one pulled case to the vault, so that a case the laptop cannot use never stops
the pull.

The office stores what any device pushed; a case there may lack its identity fields, carry
a key this laptop does not know (``person.shoe_size``) or a date it cannot read. Each case
is applied inside a savepoint of the page's transaction. When that fails, the unusable
fields are set aside in the quarantine and the rest of the case is applied; a case that
cannot be created at all (its identity is missing or unreadable) is set aside whole. Either
way the page goes on and its cursor is stored with it. When the office later sends usable
values, the entries they settle leave the quarantine again.

No field value reaches a log line or an exception text here: problems are kept as codes
and field keys.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inburg_desktop.domain import handhaving
from inburg_desktop.domain.pip import CURRENT_KEY as PIP_CURRENT_KEY
from inburg_desktop.domain.pip import PipVersion
from inburg_desktop.domain.pip_fields import VERSION_PREFIX as PIP_VERSION_PREFIX
from inburg_desktop.domain.pip_fields import history_problem
from inburg_desktop.domain.voortgang_fields import BRP_KEY, talk_numbers
from inburg_desktop.domain.voortgang_fields import PREFIX as VOORTGANG_PREFIX
from inburg_desktop.protocol import field_rules
from inburg_desktop.protocol.messages import CaseState
from inburg_desktop.storage.changes import (
    REQUIRED_COLUMNS,
    PatchError,
    apply_patch,
    case_patch,
    check_field,
    create_case,
    field_values,
    new_case_rows,
    now,
)
from inburg_desktop.storage.sync_state import (
    Conflict,
    add_quarantine,
    clear_pull_quarantine,
    note_pushed_version,
    replace_conflicts,
)
from inburg_desktop.storage.tables import (
    Base,
    CaseRow,
    ConflictRow,
    FieldRow,
    OutboxRow,
    QuarantineRow,
)

log = logging.getLogger(__name__)

CASES = Base.metadata.tables[CaseRow.__tablename__]
CASE_FIELDS = Base.metadata.tables[FieldRow.__tablename__]

APPLY_ERRORS: tuple[type[Exception], ...] = (ValueError, TypeError, KeyError, IntegrityError)
"""What a case's content can make applying raise. Anything else (the disk, a lock) is not
about this case and still stops the sync."""


@dataclass
class Held:
    """What the vault holds of one page's cases, read once for the page in a fixed number
    of queries (issue 14: each pulled case asked for its outbox, its row, and deleted its
    conflicts and settled quarantine entries, even when it had none).

    ``cases``: the cases already here; ``pending``: per case, the fields with an unsent
    local change (the office must not overwrite them); ``conflicted`` and
    ``set_aside``: the cases with local conflicts and with pull quarantine entries."""

    cases: dict[str, CaseRow] = field(default_factory=dict)
    pending: dict[str, set[str]] = field(default_factory=dict)
    conflicted: set[str] = field(default_factory=set)
    set_aside: set[str] = field(default_factory=set)
    created: dict[str, CaseRow] = field(default_factory=dict)


def held(session: Session, case_ids: Collection[str]) -> Held:
    """Read :class:`Held` for ``case_ids``: four queries whatever their number."""
    ids = list(case_ids)
    out = Held()
    if not ids:
        return out
    out.cases = {row.id: row for row in session.scalars(select(CaseRow).where(CaseRow.id.in_(ids)))}
    for case_id, text in session.execute(
        select(OutboxRow.case_id, OutboxRow.patch).where(OutboxRow.case_id.in_(ids))
    ):
        out.pending.setdefault(case_id, set()).update(_patch_keys(text))
    out.conflicted = set(
        session.scalars(select(ConflictRow.case_id).where(ConflictRow.case_id.in_(ids)).distinct())
    )
    out.set_aside = set(
        session.scalars(
            select(QuarantineRow.case_id)
            .where(QuarantineRow.direction == "pull", QuarantineRow.case_id.in_(ids))
            .distinct()
        )
    )
    return out


def _patch_keys(text: str) -> set[str]:
    try:
        patch = json.loads(text)
    except ValueError:
        return set()
    return {str(key) for key in patch} if isinstance(patch, dict) else set()


def _write(session: Session, state: CaseState, patch: dict[str, Any], here: Held) -> None:
    case = here.cases.get(state.case_id)
    if case is None:
        case = create_case(
            session, state.case_id, patch, source="office", origin="remote", absent=True
        )
    elif patch:
        apply_patch(session, state.case_id, patch, origin="remote")
    case.server_version = max(case.server_version, state.version)
    # A whole case fetched because its own values were missing holds them now.
    note_pushed_version(session, state.case_id, state.own_version)
    here.created[state.case_id] = case
    if not state.conflicts and state.case_id not in here.conflicted:
        return  # nothing to replace: no query
    replace_conflicts(
        session,
        state.case_id,
        [
            Conflict(
                state.case_id,
                c.field_key,
                c.office_value,
                c.laptop_value,
                c.office_version,
                device_id=c.device_id,
                office_device_id=c.office_device_id,
                office_consultant=c.office_consultant,
                laptop_consultant=c.laptop_consultant,
                office_changed_at=c.office_changed_at,
                laptop_changed_at=c.laptop_changed_at,
                office_device_label=c.office_device_label,
                laptop_device_label=c.laptop_device_label,
            )
            for c in state.conflicts
        ],
        0,
    )
    here.conflicted.add(state.case_id)


def _try(session: Session, state: CaseState, patch: dict[str, Any], here: Held) -> Exception | None:
    savepoint = session.begin_nested()
    try:
        _write(session, state, patch, here)
        session.flush()
    except APPLY_ERRORS as exc:
        savepoint.rollback()
        return exc
    savepoint.commit()
    return None


def _now_here(session: Session, case_id: str, here: Held) -> None:
    """Note a case this page created, so a later entry of it patches it."""
    if case_id not in here.cases and case_id in here.created:
        here.cases[case_id] = here.created[case_id]


def apply_new_cases(session: Session, states: list[CaseState], here: Held) -> list[CaseState]:
    """Create the page's cases that this laptop does not hold and that need nothing but
    inserting (no unsent edits, no conflicts or set-aside entries here or from the office,
    every field usable) in two bulk statements; returns the rest, in order, for
    :func:`apply_case`. The rows are exactly what :func:`apply_case` would write
    (``storage.changes.new_case_rows``). If the bulk insert fails, nothing of it stays and
    every case is returned, to be applied (and if need be set aside) one by one."""
    stamp = now()
    cases: list[dict[str, Any]] = []
    fields: list[dict[str, Any]] = []
    rest: list[CaseState] = []
    for state in states:
        case_id = state.case_id
        if (
            case_id in here.cases
            or case_id in here.pending
            or case_id in here.conflicted
            or case_id in here.set_aside
            or state.conflicts
        ):
            rest.append(state)
            continue
        patch = {key: f.value for key, f in state.fields.items()}
        if refusals(session, case_id, patch, here):
            rest.append(state)
            continue
        try:
            case, case_fields = new_case_rows(
                case_id, patch, source="office", server_version=state.version, stamp=stamp
            )
        except PatchError:
            rest.append(state)
            continue
        cases.append(case)
        fields.extend(case_fields)
    if not cases:
        return states
    savepoint = session.begin_nested()
    try:
        # Table inserts (executemany), not ORM bulk inserts: the rows are complete column
        # dicts already, and the ORM's per-row bookkeeping doubled the time.
        session.execute(insert(CASES), cases)
        if fields:
            session.execute(insert(CASE_FIELDS), fields)
    except APPLY_ERRORS as exc:
        savepoint.rollback()
        log.warning("pull: %d new cases not inserted at once (%s)", len(cases), type(exc).__name__)
        return states
    savepoint.commit()
    return rest


def _refused(patch: dict[str, Any], loaded: dict[str, PipVersion] | None = None) -> dict[str, str]:
    """The fields of ``patch`` that ``protocol.field_rules.check_field`` refuses, as
    ``{key: problem code}``: the same check, by the same registry of field families
    (``field_rules.FAMILIES``), that a push gets at the office. A value an old or hostile
    office sends (a name with a direction override, a PIP whose decider is a terminal
    escape, a talk note with a bidi override, an agenda state that is none) would
    otherwise reach every screen and letter, since the vault's columns check only types
    (attack rounds 4 and 6). ``loaded``: where the PIP versions it loads are kept, for
    :func:`_pip_refused` (one load of a pulled version, not one per rule)."""
    out: dict[str, str] = {}
    for key, value in patch.items():
        try:
            field_rules.check_field(key, value, loaded)
        except field_rules.FieldRefused as exc:
            out[key] = exc.problem
    return out


@dataclass
class _Stored:
    """What the rules of a pull read of one case the vault already holds, each part read
    at most once however many rules read it (review: the PIP versions of a pulled case
    were read up to four times, by the PIP, talk, record and route rules). Reads nothing
    for a case not here (``row`` is ``None``): then every part is empty."""

    session: Session
    case_id: str
    row: CaseRow | None
    pending: set[str]
    _pip: dict[str, Any] | None = None
    _pushed: set[str] | None = None

    def pip(self) -> dict[str, Any]:
        """The case's ``pip.version.<n>`` and ``pip.current`` values, in one query."""
        if self._pip is None:
            self._pip = {} if self.row is None else _pip_fields(self.session, self.case_id)
        return self._pip

    def prefixed(self, prefix: str) -> dict[str, Any]:
        """The case's values whose key starts with ``prefix``; the PIP versions from
        :meth:`pip`."""
        if self.row is None:
            return {}
        if prefix == PIP_VERSION_PREFIX:
            return {k: v for k, v in self.pip().items() if k.startswith(PIP_VERSION_PREFIX)}
        return field_values(self.session, self.case_id, prefix)

    def local(self) -> set[str]:
        """The keys of the vault's own values the office does not hold: an unsent change,
        or one this laptop set aside on the way to the office."""
        if self.row is None:
            return set()
        if self._pushed is None:
            self._pushed = _refused_pushes(self.session, self.case_id)
        return self.pending | self._pushed


def _pip_fields(session: Session, case_id: str) -> dict[str, Any]:
    stmt = select(FieldRow.key, FieldRow.value).where(
        FieldRow.case_id == case_id,
        or_(
            FieldRow.key.startswith(PIP_VERSION_PREFIX, autoescape=True),
            FieldRow.key == PIP_CURRENT_KEY,
        ),
    )
    return {key: json.loads(value) for key, value in session.execute(stmt)}


def refusals(session: Session, case_id: str, patch: dict[str, Any], here: Held) -> dict[str, str]:
    """The fields of ``patch`` (office values of case ``case_id``) a pull sets aside rather
    than applies, as ``{key: problem code}``: the field rules, then on what is left the PIP
    history, the talk rule, the enforcement record rules and the leerroute rule, each as
    the case would stand. The one judge of a pulled value: the bulk insert of new cases,
    :func:`apply_case` and :func:`pull_refusals` all ask it, so a value refused on one
    path is refused on every path (review: ``pull_refusals`` lacked the route rule).
    ``here``: what :func:`held` read of the page. Reads each part of the stored case at
    most once, and nothing of a case not here."""
    stored = _Stored(session, case_id, here.cases.get(case_id), here.pending.get(case_id, set()))
    loaded: dict[str, PipVersion] = {}
    refused = _refused(patch, loaded)
    kept = {key: value for key, value in patch.items() if key not in refused}
    refused.update(_pip_refused(stored, kept, loaded))
    kept = {key: value for key, value in patch.items() if key not in refused}
    refused.update(_talks_refused(stored, kept))
    refused.update(_records_refused(stored, kept))
    refused.update(_routes_refused(stored, kept))
    return refused


def _talks_refused(stored: _Stored, patch: dict[str, Any]) -> dict[str, str]:
    """The talk parts of ``patch`` whose talk contradicts the case as it would stand
    (``field_rules.check_talks``, the office's own rule: a number after a missing talk,
    held out of order, before the BRP registration or after today, under a PIP version
    the case does not have), as ``{key: problem code}``; every part of such a talk in
    ``patch`` is set aside together. Reads the vault only when ``patch`` holds a talk
    part of a case already here."""
    if not talk_numbers(patch):
        return {}
    current: dict[str, Any] = {}
    if stored.row is not None:
        current.update(stored.prefixed(VOORTGANG_PREFIX))
        current.update(stored.prefixed(PIP_VERSION_PREFIX))
        current[BRP_KEY] = case_patch(stored.row).get(BRP_KEY)
    today = datetime.now(UTC).date()
    good = dict(patch)
    out: dict[str, str] = {}
    for _talk in range(len(talk_numbers(patch))):
        try:
            field_rules.check_talks(good, current, today)
        except field_rules.FieldRefused as exc:
            nummer = talk_numbers([exc.key])
            for key in [k for k in good if talk_numbers([k]) == nummer]:
                out[key] = exc.problem
                del good[key]
            continue
        break
    return out


def _routes_refused(stored: _Stored, patch: dict[str, Any]) -> dict[str, str]:
    """The route-bound progress fields of ``patch`` (the Z-route eindgesprek, the MAP, an
    exam result) that no leerroute of the case's PIP takes
    (``field_rules.check_progress_routes``, the office's own rule), as ``{key: problem
    code}``. Reads the vault only when ``patch`` records such data of a case already
    here."""
    if not field_rules.routes_concerned(patch):
        return {}
    current = stored.prefixed(PIP_VERSION_PREFIX)
    good = dict(patch)
    out: dict[str, str] = {}
    while True:
        try:
            field_rules.check_progress_routes(good, current)
        except field_rules.FieldRefused as exc:
            out[exc.key] = exc.problem
            del good[exc.key]
            continue
        return out


RECORD_CODE = "record_"
"""The set-aside code of an enforcement step whose record breaks a rule: this prefix and the
rule's code (``domain.handhaving.RECORD_RULES``), worded by ``sync.quarantine``."""


def _records_refused(stored: _Stored, patch: dict[str, Any]) -> dict[str, str]:
    """The enforcement steps of ``patch`` whose record breaks a rule of
    ``domain.handhaving`` as the case would stand (``case_problems``: its own rules, the
    Besluit's ceiling of its proposal, the termijn's total, dates after today (plus a day)
    or before the BRP registration, an earlier fine the case does not hold), as
    ``{key: "record_<rule>"}``; every step of such a record in ``patch`` is set aside
    together, so a decision never stands without what it rests on (attack round 7,
    finding 1: a € 10.000.000 decision on a € 50 proposal, a decision without a
    proposal or dated before its violation were stored from a hostile or older office).
    The record is judged as the office holds it: the vault's own steps that the office
    does not have (an unsent change, or one the office refused and the laptop set aside)
    are left out, so a warning this laptop added after another laptop's decision makes
    the office's decision no less the office's (that warning is in the set-aside list
    already, and ``services.handhaving`` marks the record while the vault holds both). A
    record that breaks a rule only because of what the vault held already is likewise
    left to ``services.handhaving``. Reads the vault only when ``patch`` holds a step or
    a case fact of a case already here."""
    if not field_rules.handhaving_concerned(patch):
        return {}
    current: dict[str, Any] = {}
    if stored.row is not None:
        local = stored.local()
        steps = stored.prefixed(handhaving.PREFIX)
        current.update({key: value for key, value in steps.items() if key not in local})
    if not any(handhaving.KEY.fullmatch(k) for k in (*current, *patch)):
        return {}  # no record to judge: the case facts (the PIP history) are not read
    if stored.row is not None:
        columns = case_patch(stored.row)
        current.update({key: columns.get(key) for key in handhaving.FACT_KEYS})
        for prefix in handhaving.FACT_PREFIXES:
            current.update(stored.prefixed(prefix))
    today = datetime.now(UTC).date()
    good = dict(patch)
    out: dict[str, str] = {}
    # setting a record aside can take a later one over an earlier fine it counts, so
    # again until nothing more is set aside (at most once per record)
    for _round in range(len(field_rules.handhaving_records_of(patch)) + 1):
        merged = {**current, **good}
        after = handhaving.case_problems(merged, handhaving.facts_of_fields(merged, today))
        touched = field_rules.handhaving_records_of(good)
        bad = {r: rule for r, rule in after.items() if r in touched}
        if not bad:
            break
        for record_id, rule in bad.items():
            for key in [k for k in good if k.startswith(handhaving.key(record_id, ""))]:
                out[key] = RECORD_CODE + rule.code
                del good[key]
    return out


def _refused_pushes(session: Session, case_id: str) -> set[str]:
    """The keys of the case's changes this laptop set aside on the way to the office (its
    own values, which the office does not hold)."""
    keys: set[str] = set()
    for text in session.scalars(
        select(QuarantineRow.patch).where(
            QuarantineRow.direction == "push", QuarantineRow.case_id == case_id
        )
    ):
        keys |= _patch_keys(text)
    return keys


def _pip_refused(
    stored: _Stored, patch: dict[str, Any], loaded: dict[str, PipVersion] | None = None
) -> dict[str, str]:
    """The PIP fields of ``patch`` when, with the vault's, they are no PIP history
    (``domain.pip_fields.history_problem``: the versions load together and
    ``pip.current`` is their pointer; attack round 7, finding 14: a lone
    ``pip.version.7`` was stored and ``inburg pip render`` then failed), as ``{key:
    code}``: every PIP field of ``patch`` together, so the vault keeps the history it
    had. Judged as the office holds the PIP: the vault's own unsent or refused PIP fields
    are left out, and while this laptop's pointer waits to be sent the pointer is not
    compared. Reads the vault only when ``patch`` holds a PIP field of a case already
    here. ``loaded``: the versions of ``patch`` :func:`_refused` loaded already."""
    keys = [k for k in patch if k == PIP_CURRENT_KEY or k.startswith(PIP_VERSION_PREFIX)]
    if not keys:
        return {}
    local = stored.local()
    current = {key: value for key, value in stored.pip().items() if key not in local}
    problem = history_problem({**current, **patch}, loaded)
    if problem == "pip_pointer_mismatch" and PIP_CURRENT_KEY in local:
        return {}
    return {} if problem is None else dict.fromkeys(keys, problem)


def _problem(key: str, value: Any) -> str | None:
    try:
        check_field(key, value)
    except PatchError as exc:
        return exc.code
    return None


def apply_case(session: Session, state: CaseState, here: Held | None = None) -> int:
    """Apply a pulled case in the caller's transaction; returns how many quarantine entries
    it added (0 when everything applied). ``here``: what :func:`held` read for the page
    (read for this case alone when not given)."""
    if here is None:
        here = held(session, [state.case_id])
    skip = here.pending.get(state.case_id, set())
    patch = {key: f.value for key, f in state.fields.items() if key not in skip}
    new = state.case_id not in here.cases
    refused = refusals(session, state.case_id, patch, here)
    failed = None if refused else _try(session, state, patch, here)
    if failed is None and not refused:
        if state.case_id in here.set_aside:
            clear_pull_quarantine(session, state.case_id, patch)
        _now_here(session, state.case_id, here)
        return 0
    problems = {key: code for key, value in patch.items() if (code := _problem(key, value))}
    problems.update((key, code) for key, code in refused.items() if key not in problems)
    good = {key: value for key, value in patch.items() if key not in problems}
    everything = {key: f.value for key, f in state.fields.items()}
    if new:
        missing = sorted(k for k in REQUIRED_COLUMNS if good.get(k) in (None, ""))
        if missing:
            add_quarantine(
                session,
                "pull",
                state.case_id,
                everything,
                "case_incomplete",
                detail={"missing": missing, "fields": problems},
            )
            log.warning(
                "pull: case %s set aside: %d identity fields missing or unreadable",
                state.case_id,
                len(missing),
            )
            return 1
    failed_again = _try(session, state, good, here) if problems else failed
    if failed_again is not None:
        add_quarantine(
            session,
            "pull",
            state.case_id,
            everything,
            "case_unusable",
            detail={"exception": type(failed_again).__name__, "fields": problems},
        )
        log.warning("pull: case %s set aside (%s)", state.case_id, type(failed_again).__name__)
        return 1
    for key, code in sorted(problems.items()):
        add_quarantine(
            session,
            "pull",
            state.case_id,
            {key: patch[key]},
            "field_unusable",
            field_keys=[key],
            detail={"fields": {key: code}},
        )
    clear_pull_quarantine(session, state.case_id, good)
    _now_here(session, state.case_id, here)
    log.warning("pull: case %s applied without %d unusable fields", state.case_id, len(problems))
    return len(problems)


def pull_refusals(session: Session, case_id: str, patch: dict[str, Any]) -> dict[str, str]:
    """The fields of ``patch`` (office values of case ``case_id``) a pull would set aside
    rather than apply, as ``{key: problem code}``: :func:`refusals`, the judge
    :func:`apply_case` asks. For
    office values shown outside a pull (a push's conflicts,
    ``sync.engine.show_office_values``): a value the pull sets aside must not be shown
    either (attack round 7, finding 9: the laptop showed the office's talk 1 the
    pull had set aside, after its own talk 2)."""
    return refusals(session, case_id, patch, held(session, [case_id]))
