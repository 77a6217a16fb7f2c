"""The consultant's agenda across the caseload (issue 15): the use cases behind the start
screen and ``inburg agenda``.

:func:`agenda_on` receives the open vault and a day, builds one
``domain.agenda.CaseSnapshot`` per case and returns the typed :class:`Agenda` (the
domain decides which items show, in which group). What each snapshot holds, and where
it is read from, in a fixed number of queries whatever the size of the caseload (never
one per case):

==========================  ===========================================================
snapshot                    read from
==========================  ===========================================================
doelgroep, dates (BRP,      the case summaries (``services.case_summary``, one
kennisgeving, move, wait,   ``SELECT`` of ``case_summaries``, brought up to date first)
bijstand, PIP date)
plichtig                    the summary's outcome of the rules, computed again for the
                            day asked when the stored one is of another day
intake_afgerond             the summary: every topic of the catalogue covered
pip_status, leerroute       the field ``pip.current`` (the version in force)
oproepen                    the fields ``oproep.<id>`` (``services.intake_oproepen``)
states                      the fields ``agenda.<item key>`` (``services.agenda_state``)
gesprekken_gehouden,        the fields ``voortgang.<n>.gehouden`` and ``.gepland``
gesprekken_gepland          (``services.voortgang``: the talks held, and the days
                            planned from the PIP in force when it was set)
exam_passed_on, nazorg_op,  the fields ``examen.<id>``, ``nazorg.contact``,
art57_vastgelegd,           ``ontzorgen.art57`` and ``ontzorgen.budgettraining``
budgettraining_gestart      (``domain.progress_fields``); the exam day by
                            ``voortgang.examen_behaald_op`` against the leerroute of
                            ``pip.current`` and, for the cases with exam results only,
                            the afschaling of the version in force (one more read)
open_conflicts              ``sync_conflicts`` per case (less the topics' ``_discussed``
                            bookkeeping, which settles itself, as ``conflicts.open_count``)
set_aside                   ``sync_quarantine`` per case, not yet sent to the office
==========================  ===========================================================

The field reads go by ranges of the field key's index, so they stay fast beside a
caseload's intake answers.

A case whose talks were never planned (its PIP set before the talks were planned at
setting) has no planned days: its ``voortgangsgesprek`` item follows the default eight
talks (``pip.DEFAULT_GESPREK_MAANDEN``) until the talks are planned.

Set-aside records of a case this laptop does not hold (an office case it could not use)
have no case to show under: they are listed in Synchroniseren → Apart gezet only.

:func:`set_item_state` and :func:`clear_item_state` record what the consultant did with
an item (done, snoozed, planned) as a case field that syncs (``services.agenda_state``).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from inburg_desktop.domain.agenda import (
    AgendaItem,
    AgendaSettings,
    CaseSnapshot,
    Groep,
    ItemState,
    Snoozed,
    agenda,
)
from inburg_desktop.domain.case import CaseDates, Doelgroep, Leerroute
from inburg_desktop.domain.case_closure import CLOSE_KEYS, afsluiting
from inburg_desktop.domain.oproep import Oproep
from inburg_desktop.domain.pip import CURRENT_KEY, PipStatus
from inburg_desktop.domain.progress_fields import records_of
from inburg_desktop.domain.voortgang import examen_behaald_op
from inburg_desktop.domain.voortgang_fields import GEHOUDEN, GEPLAND
from inburg_desktop.domain.voortgang_fields import PREFIX as VOORTGANG_PREFIX
from inburg_desktop.services.agenda_state import (
    AGENDA_PREFIX,
    AgendaStateRefused,
    parse_item_key,
    state_key,
    states_of,
    stored_value,
)
from inburg_desktop.services.cancel import CancelToken
from inburg_desktop.services.case_list import list_name
from inburg_desktop.services.case_summary import current_summaries
from inburg_desktop.services.intake_oproepen import OPROEP_PREFIX, stored_oproepen
from inburg_desktop.services.intake_progress import DISCUSSED
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.services.voortgang import talk_days
from inburg_desktop.storage.cases import WACHTEN_KEY, update_fields, wachten_op_derde
from inburg_desktop.storage.errors import NoSuchCase
from inburg_desktop.storage.tables import CaseRow, ConflictRow, FieldRow, QuarantineRow

__all__ = [
    "Agenda",
    "AgendaStateRefused",
    "agenda_on",
    "clear_item_state",
    "set_item_state",
    "snapshots",
]


@dataclass(frozen=True)
class Agenda:
    """The agenda on ``on``: ``items`` sorted by group, then the day each shows under,
    then case and kind (``domain.agenda.agenda``); ``cases`` is how many cases were read;
    ``names`` the name of each case that has an item, as the case list shows it
    ("Haddad, Amal", ``services.case_list.list_name``), by case id."""

    on: date
    items: tuple[AgendaItem, ...]
    cases: int
    names: Mapping[str, str] = field(default_factory=dict)

    def group(self, groep: Groep) -> tuple[AgendaItem, ...]:
        """The items of one group, in order."""
        return tuple(item for item in self.items if item.group is groep)


def _prefix_range(prefix: str) -> Any:
    # ``key >= 'p.' AND key < 'p/'``: a prefix as a range the key index answers ('/'
    # follows '.'), where LIKE would scan every field of the caseload.
    assert prefix.endswith(".")
    return and_(FieldRow.key >= prefix, FieldRow.key < prefix[:-1] + "/")


def _fields(session: Session, case_ids: list[str] | None) -> dict[str, dict[str, Any]]:
    """The fields the snapshots read (``pip.current``, the close, oproepen, agenda
    states, talks), by case."""
    stmt = select(FieldRow.case_id, FieldRow.key, FieldRow.value).where(
        or_(
            FieldRow.key == CURRENT_KEY,
            FieldRow.key.in_(CLOSE_KEYS),
            _prefix_range(OPROEP_PREFIX),
            _prefix_range(AGENDA_PREFIX),
            *(_prefix_range(prefix) for prefix in AGENDA_PROGRESS_PREFIXES),
            # only a talk's days: its notes may be long and the agenda has no use for them
            and_(
                _prefix_range(VOORTGANG_PREFIX),
                or_(
                    FieldRow.key.endswith("." + GEHOUDEN, autoescape=True),
                    FieldRow.key.endswith("." + GEPLAND, autoescape=True),
                ),
            ),
        )
    )
    if case_ids is not None:
        stmt = stmt.where(FieldRow.case_id.in_(case_ids))
    out: dict[str, dict[str, Any]] = {}
    for case_id, key, value in session.execute(stmt):
        try:
            out.setdefault(case_id, {})[key] = json.loads(value)
        except ValueError:
            continue  # an unreadable value: as if absent (the item shows)
    return out


AGENDA_PROGRESS_PREFIXES = ("examen.", "nazorg.", "ontzorgen.")
"""The progress and aftercare fields the snapshots read (``domain.progress_fields``): exam
results for the nazorg day, the nazorg contact, the art. 57 decision and budget training
(small values, few per case)."""


def _afschaling(session: Session, pointers: Mapping[str, Any]) -> dict[str, bool]:
    """Whether the PIP in force of each case in ``pointers`` (case id → ``pip.current``)
    is afgeschaald to A2: the exam's target level depends on it (``pip.taaldoel``). One
    read of the versions in force, only for the cases given (those with exam results)."""
    wanted = {
        case_id: f"pip.version.{pointer['version']}"
        for case_id, pointer in pointers.items()
        if isinstance(pointer, dict) and isinstance(pointer.get("version"), int)
    }
    if not wanted:
        return {}
    stmt = select(FieldRow.case_id, FieldRow.key, FieldRow.value).where(
        FieldRow.case_id.in_(set(wanted)), FieldRow.key.in_(set(wanted.values()))
    )
    out: dict[str, bool] = {}
    for case_id, key, value in session.execute(stmt):
        if wanted.get(case_id) != key:
            continue  # another case's version in force has this number
        try:
            version = json.loads(value)
        except ValueError:
            continue
        out[case_id] = isinstance(version, dict) and version.get("afschaling_a2") is True
    return out


def _aftercare(
    own: Mapping[str, Any], leerroute: Leerroute | None, afgeschaald: bool
) -> dict[str, Any]:
    """The snapshot's exam, nazorg and ontzorgen values from the case's progress fields."""
    if not any(k.startswith(AGENDA_PROGRESS_PREFIXES) for k in own):
        return {}
    held = records_of(own)
    return {
        "exam_passed_on": examen_behaald_op(leerroute, afgeschaald, held.uitslagen),
        "nazorg_op": held.nazorg_contact,
        "art57_vastgelegd": held.art57 is not None,
        "budgettraining_gestart": (
            held.budgettraining is not None and held.budgettraining.gestart_op is not None
        ),
    }


def _counts(session: Session, case_ids: list[str] | None) -> tuple[dict[str, int], dict[str, int]]:
    """Open conflicts and unsent set-aside records, per case."""
    conflicts = (
        select(ConflictRow.case_id, func.count())
        .where(~ConflictRow.field_key.endswith("." + DISCUSSED, autoescape=True))
        .group_by(ConflictRow.case_id)
    )
    set_aside = (
        select(QuarantineRow.case_id, func.count())
        .where(QuarantineRow.sent_at.is_(None))
        .group_by(QuarantineRow.case_id)
    )
    if case_ids is not None:
        conflicts = conflicts.where(ConflictRow.case_id.in_(case_ids))
        set_aside = set_aside.where(QuarantineRow.case_id.in_(case_ids))
    return (
        {case_id: int(n) for case_id, n in session.execute(conflicts)},
        {case_id: int(n) for case_id, n in session.execute(set_aside)},
    )


def _pip(current: Any) -> tuple[PipStatus | None, Leerroute | None]:
    if not isinstance(current, dict):
        return None, None
    try:
        status = PipStatus(str(current.get("status")))
    except ValueError:
        status = None  # "none", or a status of a newer version
    try:
        route = None if current.get("leerroute") is None else Leerroute(current["leerroute"])
    except ValueError:
        route = None
    return status, route


def _oproepen(fields: dict[str, Any]) -> tuple[Oproep, ...]:
    return tuple(s.oproep for s in stored_oproepen(fields))


def snapshots(
    vault: Vault, on: date, case_ids: Collection[str] | None = None
) -> list[CaseSnapshot]:
    """One snapshot per case (or per case of ``case_ids``) as of ``on`` (module
    docstring: what each holds and where from), in the case list's order."""
    return _read(vault, on, case_ids)[0]


CANCEL_EVERY = 256
"""Cases read between two looks at the cancel token: a cancelled read of 10,000 cases
stops within a few milliseconds instead of holding the interpreter lock for seconds."""


def _read(
    vault: Vault,
    on: date,
    case_ids: Collection[str] | None,
    cancel: CancelToken | None = None,
) -> tuple[list[CaseSnapshot], dict[str, str]]:
    """The snapshots and every case's list name, from the same read of the summaries.
    Raises :class:`~inburg_desktop.services.cancel.Cancelled` once ``cancel`` is set."""
    summaries, _gone = current_summaries(vault, on, case_ids, whole=True)
    if cancel is not None:
        cancel.raise_if_cancelled()
    wanted = None if case_ids is None else list(dict.fromkeys(case_ids))
    with vault.session() as session:
        fields = {} if wanted == [] else _fields(session, wanted)
        conflicts, set_aside = ({}, {}) if wanted == [] else _counts(session, wanted)
        with_exams = {
            case_id: own.get(CURRENT_KEY)
            for case_id, own in fields.items()
            if any(k.startswith("examen.") for k in own)
        }
        afgeschaald = _afschaling(session, with_exams)
    out = []
    names: dict[str, str] = {}
    for n, row in enumerate(summaries.rows):
        if cancel is not None and n % CANCEL_EVERY == 0:
            cancel.raise_if_cancelled()
        names[row.case_id] = list_name(row.given_names, row.family_name)
        status = summaries.statuses.get(n)
        own = fields.get(row.case_id, {})
        # a closed case's plicht has ended (domain.case_closure): no deadline items for it
        plichtig = bool(row.plichtig if status is None else status.plichtig)
        plichtig = plichtig and afsluiting(own) is None
        pip_status, leerroute = _pip(own.get(CURRENT_KEY))
        held, planned = talk_days(own)
        wait = (
            None
            if row.wachten is None
            else wachten_op_derde({WACHTEN_KEY: json.loads(row.wachten)})
        )
        out.append(
            CaseSnapshot(
                case_id=row.case_id,
                doelgroep=Doelgroep(row.doelgroep),
                dates=CaseDates(
                    brp_registration=row.brp_registration,
                    koppeling=row.koppeling,
                    duo_kennisgeving=row.duo_kennisgeving,
                    bijstand_start=row.bijstand_start,
                    pip_date=row.pip_date,
                    brp_after_move=row.brp_after_move,
                    wachten_op_derde=wait,
                ),
                plichtig=plichtig,
                pip_status=pip_status,
                leerroute=leerroute,
                intake_afgerond=row.topics_total > 0 and row.topics_covered >= row.topics_total,
                oproepen=_oproepen(own) if any(k.startswith(OPROEP_PREFIX) for k in own) else (),
                gesprekken_gehouden=held,
                gesprekken_gepland=planned,
                open_conflicts=conflicts.get(row.case_id, 0),
                set_aside=set_aside.get(row.case_id, 0),
                states=states_of(own),
                **_aftercare(own, leerroute, afgeschaald.get(row.case_id, False)),
            )
        )
    return out, names


def agenda_on(
    vault: Vault,
    on: date,
    settings: AgendaSettings | None = None,
    case_ids: Collection[str] | None = None,
    cancel: CancelToken | None = None,
) -> Agenda:
    """The agenda of the whole caseload (or of ``case_ids``) on ``on``: every item that
    shows that day, grouped overdue / today / this week / later (``domain.agenda``).

    ``cancel``: looked at every :data:`CANCEL_EVERY` cases while reading and while the
    rules run; once set, :class:`~inburg_desktop.services.cancel.Cancelled` is raised
    (the agenda page drops a read when it is hidden, so a consultant typing in the case
    list does not share the interpreter with a read nobody looks at)."""
    cases, names = _read(vault, on, case_ids, cancel)
    items = agenda(_checked(cases, cancel), on, settings)
    shown = {item.case_id for item in items}
    return Agenda(
        on, items, len(cases), {case_id: n for case_id, n in names.items() if case_id in shown}
    )


def _checked(cases: list[CaseSnapshot], cancel: CancelToken | None) -> Iterable[CaseSnapshot]:
    """``cases`` as they are, looking at ``cancel`` every :data:`CANCEL_EVERY` cases."""
    if cancel is None:
        yield from cases
        return
    for n, case in enumerate(cases):
        if n % CANCEL_EVERY == 0:
            cancel.raise_if_cancelled()
        yield case


def _candidate(vault: Vault, case_id: str, item_key: str, on: date) -> None:
    """Refuse (``agenda_item_unknown``) an item the agenda of ``case_id`` does not hold on
    ``on`` whatever was done with it: a key this version does not know, an old due date
    (a moved deadline is a new item), an item that does not show yet. ``NoSuchCase``
    when the vault does not hold the case."""
    if parse_item_key(item_key) is None:
        raise AgendaStateRefused("agenda_item_unknown")
    cases = snapshots(vault, on, [case_id])
    if not cases:
        raise NoSuchCase(case_id=case_id)
    bare = [replace(cases[0], states={})]
    if item_key not in {item.key for item in agenda(bare, on)}:
        raise AgendaStateRefused("agenda_item_unknown")


def set_item_state(vault: Vault, case_id: str, item_key: str, state: ItemState, on: date) -> None:
    """Record what the consultant did with the item ``item_key`` of ``case_id``, seen on
    the agenda of ``on``: done, snoozed (with a reason, until a later day) or planned (a
    day and time), as the field ``agenda.<item key>`` in one transaction with its outbox
    entry (it syncs). Raises :class:`AgendaStateRefused` (the item is not on the case's
    agenda that day; a snooze until ``on`` or earlier: ``agenda_snooze_not_later``; a
    reason or day the field cannot hold, ``services.agenda_state``) or ``NoSuchCase``;
    nothing is written then."""
    if isinstance(state, Snoozed) and state.until <= on:
        raise AgendaStateRefused("agenda_snooze_not_later")
    value = stored_value(state)
    _candidate(vault, case_id, item_key, on)
    with vault.transaction() as session:
        update_fields(session, case_id, {state_key(item_key): value})


def clear_item_state(vault: Vault, case_id: str, item_key: str) -> bool:
    """Open the item again (its state field becomes ``null``, which syncs); ``False``
    when it held no state (nothing is written then). ``NoSuchCase`` when unknown."""
    key = state_key(item_key)
    with vault.transaction() as session:
        if session.get(CaseRow, case_id) is None:
            raise NoSuchCase(case_id=case_id)
        held = session.get(FieldRow, (case_id, key))
        if held is None or json.loads(held.value) is None:
            return False
        update_fields(session, case_id, {key: None})
    return True


def items_json(items: Iterable[AgendaItem]) -> list[dict[str, str | None]]:
    """The items as ``inburg agenda --json`` gives them (``AgendaItem.as_json``)."""
    return [item.as_json() for item in items]
