"""The voortgangsgesprekken of one case: plan them from the PIP in force, keep what was said
at each, record a talk held, list them with their state, and start a PIP amendment from a
talk (issue 15 item 2).

Each use case receives the open vault, opens and commits its own transaction and returns
a typed result. A talk is stored as case fields (``domain.voortgang_fields``: the keys and
the one check of a value), written with ``storage.cases.update_fields``, so every part
syncs and a change on two laptops becomes a conflict of that one part.

**Planning** (Besluit art. 5.3 lid 4: the PIP states the number of talks): the PIP in
force gives the talks as months after the termijn start; ``domain.voortgang.plan_voor_pip``
turns them into dates, densest at the start, none after the termijn's last day. Talk
``k`` is the k-th talk of the case (``voortgang.volgend_gesprek``: the k-th held talk
covers the k-th planned one), so planning writes the planned day of every talk not yet
held from the first one not held on, and clears it of talks the plan no longer has (an
amendment with fewer talks). Held talks keep their day. Setting a PIP plans the talks in
the same transaction (``services.pip_editing.save_and_set`` calls
:func:`plan_in_session`).

**Holding a talk**: the talk window saves its parts as they are typed (:func:`save_talk`:
notes, progress per agreement, what was agreed next, the satisfaction answers), and
:func:`record_held` records the day it was held, refused (nothing written) when that day
is after today or before the termijn start, when the talk is not the next one, or when an
agreement found behind has no next step (``voortgang.AfspraakVoortgang``).

**Amending the PIP from a talk** (:func:`start_amendment`): a draft of the next PIP version
with the version in force as its content and the talk as its reason ("Voortgangsgesprek 3
van 12 mei 2026: …"; Awb art. 3:46, the reason is part of the decision), stored through
``pip_service.save_draft`` like any amendment; the PIP editor then opens it in amendment
mode, and setting, rendering and signing go as for every version.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.cited import nl_day
from inburg_desktop.domain.deadlines import termijn_start
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.pip import Afspraak, PipHistory, PipVersion
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.satisfaction import Onderwerp, Tevredenheid
from inburg_desktop.domain.voortgang import (
    AfspraakVoortgang,
    Stand,
    VoortgangInvalid,
    plan_voor_pip,
    suggest_stand,
)
from inburg_desktop.domain.voortgang_fields import (
    GEHOUDEN,
    GEPLAND,
    MAX_GESPREK_NUMMER,
    NOTITIES,
    PIP_VERSIE,
    PREFIX,
    STAND,
    VERVOLG,
    parse_key,
    talk_key,
    value_problem,
)
from inburg_desktop.services import pip_service
from inburg_desktop.services.own_conflicts import own_sides_in, shown_values
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import StoredCase, get_case, update_fields
from inburg_desktop.storage.stale_writes import apply_screen_edit
from inburg_desktop.storage.tables import OutboxRow

__all__ = [
    "AfspraakRegel",
    "Gesprek",
    "GesprekState",
    "Gesprekken",
    "TalkRefused",
    "TalkScreen",
    "gesprekken_of",
    "held_days",
    "list_talks",
    "open_talks",
    "plan_in_session",
    "plan_talks",
    "planned_days",
    "record_held",
    "save_talk",
    "save_talk_edits",
    "start_amendment",
    "talk_days",
]


class TalkRefused(Problem, ValueError):
    """A talk's part or act that cannot be stored; nothing was written. ``code`` is a key
    of ``inburg_desktop.messages`` (``voortgang_*``); the message never quotes a value.
    ``key``: the field key of the refused part, when one part is refused (else ``None``),
    so a window can name that field and write the others."""

    default_code = "voortgang_key_unknown"
    key: str | None = None


def _refused_part(code: str, key: str) -> TalkRefused:
    refused = TalkRefused(code)
    refused.key = key
    return refused


class GesprekState(enum.StrEnum):
    GEPLAND = "gepland"  # planned, its day not passed
    TE_LAAT = "te_laat"  # planned, its day passed, not held
    GEHOUDEN = "gehouden"
    BUITEN_PLAN = "buiten_plan"  # neither planned nor held: an extra talk being held


@dataclass(frozen=True)
class Gesprek:
    """One talk as stored: ``afspraken`` maps an agreement's index to its progress and
    what was agreed next (either may be missing), ``tevredenheid`` the answers given."""

    nummer: int
    gepland: date | None = None
    gehouden: date | None = None
    notities: str = ""
    pip_versie: int | None = None
    standen: Mapping[int, Stand] | None = None
    vervolg: Mapping[int, str] | None = None
    tevredenheid: Mapping[Onderwerp, Tevredenheid] | None = None

    def state(self, on: date) -> GesprekState:
        """Held, planned (its day not passed on ``on``), overdue, or outside the plan."""
        if self.gehouden is not None:
            return GesprekState.GEHOUDEN
        if self.gepland is None:
            return GesprekState.BUITEN_PLAN
        return GesprekState.TE_LAAT if on > self.gepland else GesprekState.GEPLAND

    def stand(self, afspraak: int) -> Stand | None:
        return None if self.standen is None else self.standen.get(afspraak)

    def vervolg_van(self, afspraak: int) -> str:
        return "" if self.vervolg is None else self.vervolg.get(afspraak, "")

    def antwoord(self, onderwerp: Onderwerp) -> Tevredenheid | None:
        return None if self.tevredenheid is None else self.tevredenheid.get(onderwerp)


@dataclass(frozen=True)
class AfspraakRegel:
    """An agreement of the PIP in force as the talk window lists it: its index, the
    agreement, and the progress :func:`voortgang.suggest_stand` proposes on the day."""

    index: int
    afspraak: Afspraak
    voorstel: Stand | None


@dataclass(frozen=True)
class Gesprekken:
    """The talks of one case on ``on``: ``talks`` by number (planned and held, plus the
    next extra one when every planned talk was held), the PIP version in force (``None``:
    no PIP set yet) with its agreements, and the termijn start."""

    case_id: str
    on: date
    talks: tuple[Gesprek, ...]
    pip_version: PipVersion | None
    afspraken: tuple[AfspraakRegel, ...]
    termijn_start: date | None
    pip_draft: PipVersion | None = None
    """A version not set yet (an amendment in preparation, or the first PIP's draft)."""

    @property
    def held(self) -> int:
        return sum(1 for talk in self.talks if talk.gehouden is not None)

    @property
    def next_number(self) -> int:
        """The number of the talk to hold next (the first not held)."""
        return self.held + 1

    def talk(self, nummer: int) -> Gesprek:
        for talk in self.talks:
            if talk.nummer == nummer:
                return talk
        return Gesprek(nummer)


# --- reading --------------------------------------------------------------------------------


def _day(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_iso_date(value)
    except ValueError:
        return None


def gesprekken_of(fields: Mapping[str, Any]) -> tuple[Gesprek, ...]:
    """The talks among a case's fields, by number. A part that its rule refuses (written by
    a newer version, or damaged) is read as empty, so the talk shows rather than hides."""
    parts: dict[int, dict[str, Any]] = {}
    for key, value in fields.items():
        if not key.startswith(PREFIX) or value is None:
            continue
        parsed = parse_key(key)
        if parsed is None or value_problem(key, value) is not None:
            continue
        own = parts.setdefault(parsed.nummer, {"standen": {}, "vervolg": {}, "tevreden": {}})
        if parsed.afspraak is not None:
            bucket = "standen" if parsed.part == STAND else "vervolg"
            own[bucket][parsed.afspraak] = Stand(value) if parsed.part == STAND else value
        elif parsed.onderwerp is not None:
            own["tevreden"][parsed.onderwerp] = Tevredenheid(value)
        else:
            own[parsed.part] = value
    out = []
    for nummer in sorted(parts):
        own = parts[nummer]
        out.append(
            Gesprek(
                nummer,
                gepland=_day(own.get(GEPLAND)),
                gehouden=_day(own.get(GEHOUDEN)),
                notities=str(own.get(NOTITIES) or ""),
                pip_versie=own.get(PIP_VERSIE),
                standen=own["standen"],
                vervolg=own["vervolg"],
                tevredenheid=own["tevreden"],
            )
        )
    return tuple(out)


def talk_days(fields: Mapping[str, Any]) -> tuple[tuple[date, ...], tuple[date, ...]]:
    """The days talks were held, in talk order (the agenda's ``gesprekken_gehouden``), and
    the planned days of the talks in talk order (its ``gesprekken_gepland``): empty when
    the talks were never planned (the agenda then follows the PIP's months). Once
    planned, a talk held without a planned day (an extra talk) counts as planned on the
    day it was held, so the k-th day stays the k-th talk's. Only the two day parts are
    read (the agenda reads these for the whole caseload); a day its rule refuses is
    left out, as :func:`gesprekken_of` leaves it out."""
    held: dict[int, date] = {}
    planned: dict[int, date] = {}
    for key, value in fields.items():
        if not isinstance(value, str) or not key.startswith(PREFIX):
            continue
        if not key.endswith(("." + GEHOUDEN, "." + GEPLAND)):
            continue
        parsed = parse_key(key)
        if parsed is None or value_problem(key, value) is not None:
            continue
        (held if parsed.part == GEHOUDEN else planned)[parsed.nummer] = parse_iso_date(value)
    held_in_order = tuple(held[n] for n in sorted(held))
    if not planned:
        return held_in_order, ()
    numbers = sorted(planned.keys() | held.keys())
    return held_in_order, tuple(planned.get(n) or held[n] for n in numbers)


def held_days(fields: Mapping[str, Any]) -> tuple[date, ...]:
    """The days talks were held, in talk order (:func:`talk_days`)."""
    return talk_days(fields)[0]


def planned_days(fields: Mapping[str, Any]) -> tuple[date, ...]:
    """The planned days of the talks in talk order (:func:`talk_days`)."""
    return talk_days(fields)[1]


def _termijn_start(stored: StoredCase, history: PipHistory) -> date | None:
    return termijn_start(history.pip_date or stored.case.dates.pip_date)


def _overview(stored: StoredCase, on: date, fields: Mapping[str, Any] | None = None) -> Gesprekken:
    """The talks of ``stored`` as of ``on``; ``fields``: the values to read them from
    when not the stored ones (the consultant's own side of a conflict in place)."""
    history = pip_service.load_history(stored)
    version = history.in_force
    talks = list(gesprekken_of(stored.fields if fields is None else fields))
    afspraken: tuple[AfspraakRegel, ...] = ()
    if version is not None:
        afspraken = tuple(
            AfspraakRegel(i, a, suggest_stand(a, on))
            for i, a in enumerate(version.ontwikkelplan.afspraken)
        )
    return Gesprekken(
        stored.case.id,
        on,
        tuple(talks),
        version,
        afspraken,
        _termijn_start(stored, history),
        history.draft,
    )


@dataclass(frozen=True)
class PipStand:
    """Which PIP versions a case has now: the number of the version in force and of a
    draft not set yet (``None``: none). The talk window compares it with what it shows,
    so it follows a PIP set or amended in the PIP editor."""

    in_force: int | None
    draft: int | None


def pip_stand(vault: Vault, case_id: str) -> PipStand:
    """The case's :class:`PipStand` (one read; ``NoSuchCase`` when unknown)."""
    with vault.session() as session:
        history = pip_service.load_history(get_case(session, case_id))
    in_force, draft = history.in_force, history.draft
    return PipStand(
        None if in_force is None else in_force.nummer, None if draft is None else draft.nummer
    )


def list_talks(vault: Vault, case_id: str, on: date) -> Gesprekken:
    """The talks of ``case_id`` with their state on ``on`` (``Gesprek.state``), and the
    agreements of the PIP in force with a proposed progress each. ``NoSuchCase`` when
    the vault does not hold the case."""
    with vault.session() as session:
        return _overview(get_case(session, case_id), on)


# --- planning -------------------------------------------------------------------------------


def _plan_patch(stored: StoredCase, history: PipHistory) -> dict[str, Any]:
    version = history.in_force
    start = _termijn_start(stored, history)
    if version is None or start is None:
        raise TalkRefused("voortgang_no_pip")
    dates = plan_voor_pip(version, start)
    talks = {t.nummer: t for t in gesprekken_of(stored.fields)}
    held = sum(1 for t in talks.values() if t.gehouden is not None)
    patch: dict[str, Any] = {}
    # talk k is the k-th talk; the ones held keep their day, the rest follow the plan
    for nummer in range(held + 1, max(len(dates), max(talks, default=0)) + 1):
        talk = talks.get(nummer, Gesprek(nummer))
        if talk.gehouden is not None:
            continue
        wanted = dates[nummer - 1].isoformat() if nummer <= len(dates) else None
        current = None if talk.gepland is None else talk.gepland.isoformat()
        if wanted != current:
            patch[talk_key(nummer, GEPLAND)] = wanted
    return patch


def plan_in_session(session: Session, case_id: str) -> dict[str, Any]:
    """Plan the talks of ``case_id`` from the PIP in force in the caller's transaction
    (module docstring); returns what was written (``{}``: the plan was already stored).
    Raises :class:`TalkRefused` (``voortgang_no_pip``) when no PIP is set."""
    stored = get_case(session, case_id)
    patch = _plan_patch(stored, pip_service.load_history(stored))
    if patch:
        update_fields(session, case_id, patch)
    return patch


def plan_talks(vault: Vault, case_id: str, on: date) -> Gesprekken:
    """Plan (or re-plan) the talks from the PIP in force, one transaction; returns the
    talks as they are now. Raises :class:`TalkRefused` (``voortgang_no_pip``) or
    ``NoSuchCase``; nothing is written then."""
    with vault.transaction() as session:
        plan_in_session(session, case_id)
        return _overview(get_case(session, case_id), on)


# --- holding a talk --------------------------------------------------------------------------


def _check_number(overview: Gesprekken, nummer: int) -> None:
    """A talk one can write to: held already, or the next one (never one further on,
    which would leave a gap in the count ``volgend_gesprek`` relies on)."""
    if not 1 <= nummer <= min(overview.next_number, MAX_GESPREK_NUMMER):
        raise TalkRefused("voortgang_no_talk")


def _talk_patch(
    stored: StoredCase, overview: Gesprekken, nummer: int, values: Mapping[str, Any]
) -> dict[str, Any]:
    """``values`` checked as parts of talk ``nummer`` (empty text as ``None``), with the PIP
    version the agreements refer to added when the talk has none yet; raises
    :class:`TalkRefused` (see :func:`save_talk`)."""
    _check_number(overview, nummer)
    count = len(overview.afspraken)
    patch: dict[str, Any] = {}
    for key, value in values.items():
        parsed = parse_key(key)
        if parsed is None or parsed.nummer != nummer or parsed.part in (GEPLAND, GEHOUDEN):
            raise _refused_part("voortgang_key_unknown", key)
        if isinstance(value, str) and parsed.part in (NOTITIES, VERVOLG) and not value.strip():
            value = None
        problem = value_problem(key, value)
        if problem is not None:
            raise _refused_part(problem.code, key)
        if parsed.afspraak is not None and parsed.afspraak >= count and value is not None:
            raise _refused_part("voortgang_afspraak_unknown", key)
        if stored.fields.get(key) != value:
            patch[key] = value
    version_key = talk_key(nummer, PIP_VERSIE)
    if patch and overview.pip_version is not None and stored.fields.get(version_key) is None:
        # the agreements' indices refer to this version's ontwikkelplan
        patch.setdefault(version_key, overview.pip_version.nummer)
    return patch


def save_talk(vault: Vault, case_id: str, nummer: int, values: Mapping[str, Any]) -> Gesprek:
    """Store parts of talk ``nummer`` (keys of ``domain.voortgang_fields`` for that talk:
    notes, ``afspraak.<i>.stand`` / ``.vervolg``, ``tevredenheid.<o>``, ``pip_versie``),
    one transaction; the parts that did not change are not written. The planned and held
    days are not parts one saves: :func:`plan_talks` and :func:`record_held` own them.

    Raises :class:`TalkRefused` with the field rule's code (a value its rule refuses, a key
    of another talk or none, an agreement the PIP in force does not have:
    ``voortgang_afspraak_unknown``), or ``voortgang_no_talk``; nothing is written then.
    """
    with vault.transaction() as session:
        stored = get_case(session, case_id)
        overview = _overview(stored, date.today())
        patch = _talk_patch(stored, overview, nummer, values)
        if patch:
            update_fields(session, case_id, patch)
        return _overview(get_case(session, case_id), overview.on).talk(nummer)


def save_talk_edits(
    vault: Vault,
    case_id: str,
    values: Mapping[str, Any],
    *,
    started: Mapping[str, Any],
    seen_version: int | None = None,
) -> list[str]:
    """The talk window's autosave: :func:`save_talk`'s checks, written as the intake's
    screen edits are (``storage.stale_writes``): a part whose stored value is no longer
    what the window showed (``started``; a sync or a resolved conflict changed it) is kept
    as a conflict, never overwritten. Returns the keys kept; :class:`TalkRefused` as
    :func:`save_talk` (nothing written), with ``key`` set to the refused part.

    Each part goes to the talk its key names (``voortgang.<n>.…``), so parts of several
    talks go in one transaction: the window's talk number is never a second source that
    can disagree with the key (usability round 9, finding 4)."""
    by_talk: dict[int, dict[str, Any]] = {}
    for key, value in values.items():
        parsed = parse_key(key)
        if parsed is None:
            raise _refused_part("voortgang_key_unknown", key)
        by_talk.setdefault(parsed.nummer, {})[key] = value
    with vault.transaction() as session:
        stored = get_case(session, case_id)
        overview = _overview(stored, date.today())
        patch: dict[str, Any] = {}
        for nummer, part in sorted(by_talk.items()):
            try:
                patch.update(_talk_patch(stored, overview, nummer, part))
            except TalkRefused as refused:
                if refused.key is None:
                    # the talk itself is refused (not one to write to): its parts are
                    # named one at a time, so the window takes each out and writes the rest
                    refused.key = next(iter(part))
                raise
        if not patch:
            return []
        return apply_screen_edit(
            session, case_id, patch, started=started, seen_version=seen_version
        )


@dataclass(frozen=True)
class TalkScreen:
    """What the talk window shows of one case: the talks and agreements (``gesprekken``),
    who it is with and their languages (the interpreter view's choice), the case's
    fields as stored (what the window starts from) and the office version it read."""

    gesprekken: Gesprekken
    naam: str
    talen: tuple[str, ...]
    fields: Mapping[str, Any]
    server_version: int
    voorkeurstaal: str | None = None  # the preferred language's tag, first in the lists
    # Talk parts in an open conflict whose own side is the consultant's: ``fields`` and
    # ``gesprekken`` show that side, and the window marks them (usability round 9 #3).
    conflicts: frozenset[str] = frozenset()


def open_talks(vault: Vault, case_id: str, on: date, *, plan_missing: bool = False) -> TalkScreen:
    """Everything the talk window shows, in one read (``NoSuchCase`` when unknown).

    ``plan_missing``: a PIP in force whose talks were never planned (set before this
    version planned them at setting, or by a laptop that did not) has them planned first,
    in a transaction of its own (:func:`plan_in_session`), so the window shows the plan."""
    if plan_missing:
        with vault.transaction() as session:
            stored = get_case(session, case_id)
            history = pip_service.load_history(stored)
            unplanned = all(t.gepland is None for t in gesprekken_of(stored.fields))
            if unplanned and history.in_force is not None and _termijn_start(stored, history):
                plan_in_session(session, case_id)
    with vault.session() as session:
        stored = get_case(session, case_id)
        # a part in conflict shows the consultant's own side, as the other windows do
        # (``services.own_conflicts``): the other laptop's text alone hid theirs
        own = {
            key: value
            for key, value in own_sides_in(session, case_id).items()
            if parse_key(key) is not None
        }
        shown = shown_values(stored.fields, own)
        person = stored.case.person
        languages = tuple(t for t in (person.preferred_language, *person.languages) if t)
        return TalkScreen(
            _overview(stored, on, shown),
            person.display_name,
            languages,
            shown,
            stored.server_version,
            person.preferred_language,
            frozenset(own),
        )


def record_held(vault: Vault, case_id: str, nummer: int, held_on: date, today: date) -> Gesprek:
    """Record that talk ``nummer`` was held on ``held_on``, one transaction.

    Refused (:class:`TalkRefused`, nothing written): ``voortgang_no_pip`` (no PIP set, so
    no termijn and no voortgangsgesprekken), ``voortgang_no_talk`` (not the next talk or
    one held already), ``voortgang_held_future`` (after ``today``),
    ``voortgang_held_before_termijn`` (before the termijn start: a talk then is no
    voortgangsgesprek of the PIP, ``voortgang.aantal_gehouden``), ``voortgang_held_order``
    (before the talk held before it or after the one held after it: talks count in the
    order they were held), or
    ``voortgang_next_step_missing`` (an agreement found behind without what was agreed
    next, ``voortgang.AfspraakVoortgang``).
    """
    with vault.transaction() as session:
        update_fields(session, case_id, _held_patch(session, case_id, nummer, held_on, today))
        return _overview(get_case(session, case_id), today).talk(nummer)


def check_held(vault: Vault, case_id: str, nummer: int, held_on: date, today: date) -> None:
    """Raise what :func:`record_held` would refuse, writing nothing (the talk window asks
    its question about an empty talk only for a talk that can be recorded)."""
    with vault.session() as session:
        _held_patch(session, case_id, nummer, held_on, today)


def _held_patch(
    session: Session, case_id: str, nummer: int, held_on: date, today: date
) -> dict[str, Any]:
    """The fields :func:`record_held` writes, after its checks (its refusals)."""
    stored = get_case(session, case_id)
    overview = _overview(stored, today)
    if overview.pip_version is None or overview.termijn_start is None:
        raise TalkRefused("voortgang_no_pip")
    _check_number(overview, nummer)
    if held_on > today:
        raise TalkRefused("voortgang_held_future")
    if held_on < overview.termijn_start:
        raise TalkRefused("voortgang_held_before_termijn", start=nl_day(overview.termijn_start))
    before = overview.talk(nummer - 1).gehouden if nummer > 1 else None
    after = overview.talk(nummer + 1).gehouden
    if (before is not None and held_on < before) or (after is not None and held_on > after):
        # talks are counted in the order they were held (volgend_gesprek)
        raise TalkRefused("voortgang_held_order")
    talk = overview.talk(nummer)
    for index, stand in (talk.standen or {}).items():
        try:
            AfspraakVoortgang(index, stand, talk.vervolg_van(index))
        except VoortgangInvalid as exc:
            raise TalkRefused(exc.code) from None
    patch: dict[str, Any] = {talk_key(nummer, GEHOUDEN): held_on.isoformat()}
    if talk.pip_versie is None:
        patch[talk_key(nummer, PIP_VERSIE)] = overview.pip_version.nummer
    return patch


def undo_held(vault: Vault, case_id: str, nummer: int, today: date) -> Gesprek:
    """Take back "held" of talk ``nummer`` (recorded by mistake, an empty talk), one
    transaction: its day is cleared (and the PIP version :func:`record_held` wrote with
    it), so the talk is the next one to hold again and is back on the agenda.

    Only while the recording has not gone to the office: the change must still wait in
    the outbox. Refused (:class:`TalkRefused`, nothing written): ``voortgang_no_talk``
    (the talk is not held, or a later talk is held: talks count in the order they were
    held), ``voortgang_undo_sent`` (already sent to the office by a sync).
    """
    held_key, version_key = talk_key(nummer, GEHOUDEN), talk_key(nummer, PIP_VERSIE)
    with vault.transaction() as session:
        stored = get_case(session, case_id)
        overview = _overview(stored, today)
        talk = overview.talk(nummer)
        if talk.gehouden is None or overview.talk(nummer + 1).gehouden is not None:
            raise TalkRefused("voortgang_no_talk")
        queued = _queued_with(session, case_id, held_key)
        if queued is None:
            raise TalkRefused("voortgang_undo_sent")
        patch: dict[str, Any] = {held_key: None}
        if queued.get(version_key) is not None:
            patch[version_key] = None  # written with it by record_held
        update_fields(session, case_id, patch)
        return _overview(get_case(session, case_id), today).talk(nummer)


def _queued_with(session: Session, case_id: str, key: str) -> dict[str, Any] | None:
    """The newest patch in the outbox (not yet sent to the office) that sets ``key`` to a
    value, or ``None``."""
    rows = session.execute(
        select(OutboxRow.patch).where(OutboxRow.case_id == case_id).order_by(OutboxRow.op_id.desc())
    ).scalars()
    for raw in rows:
        try:
            patch = json.loads(raw)
        except ValueError:
            continue
        if isinstance(patch, dict) and key in patch:
            return patch if patch[key] is not None else None
    return None


# --- amending the PIP from a talk ------------------------------------------------------------


def amendment_reason(nummer: int, held_on: date, reden: str) -> str:
    """The amendment's reason as the decision states it, in Dutch (Awb art. 2:6):
    "Naar aanleiding van voortgangsgesprek 3 van 12 mei 2026: <reden>"."""
    return f"Naar aanleiding van voortgangsgesprek {nummer} van {nl_day(held_on)}: {reden.strip()}"


def start_amendment(vault: Vault, case_id: str, nummer: int, reden: str, today: date) -> PipHistory:
    """Start a PIP amendment from talk ``nummer``: a draft of the next version with the
    version in force as content and :func:`amendment_reason` as its reason, stored as
    ``pip_service.save_draft`` stores any amendment (one transaction). A draft already
    pending is replaced by this one, as the editor's "Wijziging voorbereiden" does.

    Refused (nothing written): :class:`TalkRefused` ``voortgang_no_pip``,
    ``voortgang_amend_not_held`` (the talk was not held: its day is the reason's date),
    ``voortgang_amend_reason_missing``, or the text rule's code for the reason;
    ``pip_service.PipTooLarge`` when the version would not fit.
    """
    text = reden.strip()
    if not text:
        raise TalkRefused("voortgang_amend_reason_missing")
    problem = value_problem(talk_key(nummer, NOTITIES), text)
    if problem is not None:
        raise TalkRefused(problem.code)
    with vault.transaction() as session:
        stored = get_case(session, case_id)
        history = pip_service.load_history(stored)
        version = history.in_force
        if version is None:
            raise TalkRefused("voortgang_no_pip")
        talk = {t.nummer: t for t in gesprekken_of(stored.fields)}.get(nummer)
        if talk is None or talk.gehouden is None:
            raise TalkRefused("voortgang_amend_not_held")
        return pip_service.save_draft(
            session,
            case_id,
            version.beschikking,
            version.ontwikkelplan,
            today,
            reden=amendment_reason(nummer, talk.gehouden, text),
            afschaling_a2=version.afschaling_a2,
            cursusuren_nt2=version.cursusuren_nt2,
            # a ground for an earlier route change does not carry over to a new change
            # (as the editor's own "Wijziging voorbereiden")
            uitzonderingen=tuple(
                u for u in version.uitzonderingen if u.regel != "route_switch_after_window"
            ),
        )
