"""Enforcement of a case (handhaving): record a violation and the warning given, compute the
proposed fine from the case's history, record the consultant's decision and whether it
became final, and render the decision letter.

Each use case receives the open vault, opens and commits its own transaction and returns a
typed result; the steps are synced case fields (``domain.handhaving``). The rules are
``domain.fines`` (Wet inburgering 2021 art. 22, 23, 27; Besluit inburgering 2021 art.
7.1); the amounts come from :func:`fine_settings`: the office's published setting
(``setting.fine_amounts``), else this laptop's own, else the Besluit's.

The consultant decides (AVG art. 22): the rules give the highest amount they allow; the
decision may impose it, a lower amount with a reason (Awb art. 5:46 lid 3: a fine that
would be disproportionate is set lower), or no fine with a reason. Refusals are
:class:`~inburg_desktop.domain.handhaving.HandhavingInvalid` or
:class:`~inburg_desktop.domain.fines.FineInvalid` with a code; nothing is written then.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.audit import Action
from inburg_desktop.domain.boete_document import BOETE_ANNEX_KEYS, BoeteDocument
from inburg_desktop.domain.calendar import add_months
from inburg_desktop.domain.case import Inburgeraar
from inburg_desktop.domain.case_label import enforcement_number
from inburg_desktop.domain.cited import nl_euro
from inburg_desktop.domain.deadlines import termijn_end, termijn_start
from inburg_desktop.domain.fine_settings import (
    OFFICE_SETTING,
    parse_fine_settings,
    read_fine_settings,
)
from inburg_desktop.domain.fines import (
    FineInvalid,
    FineSettings,
    Overtreding,
    Verwijtbaarheid,
    propose_fine,
)
from inburg_desktop.domain.handhaving import (
    MAX_TEXT,
    Afloop,
    AfloopRecord,
    Besluit,
    EerdereBoeteRecord,
    Handhaving,
    HandhavingInvalid,
    OvertredingRecord,
    RecordRule,
    Voorstel,
    Waarschuwing,
    Waarschuwingswijze,
)
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.domain.pip_fields import history_pip_date
from inburg_desktop.prompts.translations import is_concept
from inburg_desktop.services import audit_trail, pip_service
from inburg_desktop.services import consulent as consulenten
from inburg_desktop.services.files import export_file
from inburg_desktop.services.letterhead import case_letterhead
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import StoredCase, get_case, update_fields
from inburg_desktop.storage.sync_state import get_setting, set_setting

log = logging.getLogger(__name__)

LOCAL_SETTING = "handhaving.bedragen"
"""This laptop's own amounts (vault setting), used while the office publishes none."""

BoeteRenderer = Callable[[BoeteDocument], bytes]


@dataclass(frozen=True)
class HandhavingData:
    """What the enforcement window shows of one case: its records (oldest first), the
    amounts in use and where they come from (``office``, ``local`` or ``besluit``), the
    termijn's last day (``None`` before a PIP), the consultant's name (``None``: not
    set, so no decision can be recorded yet) and the ids of the records that cannot be
    read (``domain.handhaving.unreadable``: shown as such, the others still work)."""

    case_id: str
    person: Inburgeraar
    records: tuple[Handhaving, ...]
    settings: FineSettings
    settings_source: str
    termijn_end: date | None
    consulent: str | None
    unreadable: tuple[str, ...] = ()
    office_settings_unread: bool = False
    """The office published amounts this laptop could not read: the window says so (the
    amounts in use are then this laptop's or the Besluit's)."""
    broken: Mapping[str, RecordRule] = field(default_factory=dict)
    """The records that break a rule of their case (``domain.handhaving.case_problems``),
    by id, with the first rule each breaks: shown marked with that rule, never counted as
    an earlier fine (the repeat rule, Besluit art. 7.1 lid 3), never printed as a letter
    (attack round 7, finding 1: a record a hostile or older office served, or one stored
    before the rules held, was read as a fact)."""

    def record(self, record_id: str) -> Handhaving:
        for r in self.records:
            if r.id == record_id:
                return r
        raise HandhavingInvalid("handhaving_no_such_record")


@dataclass(frozen=True)
class OvertredingInput:
    soort: Overtreding
    vastgesteld_op: date
    toelichting: str
    verwijtbaarheid: Verwijtbaarheid | None = None
    bijstand_verlaagd: bool = False


@dataclass(frozen=True)
class BesluitInput:
    """The decision as the consultant gives it: ``bedrag_cents`` is ignored when not
    imposing; ``reden`` is required when not imposing or imposing less than proposed;
    ``nieuwe_termijn_tot``: the last day of the new term to comply (``None``: none)."""

    opleggen: bool
    bedrag_cents: int
    reden: str
    dagtekening: date
    nieuwe_termijn_tot: date | None = None


# --- settings --------------------------------------------------------------------------


@dataclass(frozen=True)
class FineAmounts:
    """The amounts in use, their source (``office``, ``local`` or ``besluit``) and whether
    the office published amounts that could not be read (``office_unread``)."""

    settings: FineSettings
    source: str
    office_unread: bool = False


def fine_amounts(session: Session) -> FineAmounts:
    """The amounts in use: the office's, else this laptop's, else the Besluit's. A key of
    the office's setting this version does not know is ignored with the known ones kept
    (``fine_settings.read_fine_settings``; logged by its name); a stored value that does
    not parse is skipped and logged by its code (never the value), and an office value
    skipped so is reported (``office_unread``)."""
    unread = False
    office = get_setting(session, laptop_key(OFFICE_SETTING))
    if office is not None:
        try:
            settings, ignored = read_fine_settings(office)
        except FineInvalid as exc:
            log.warning("fine amounts setting (office) ignored: %s", exc.code)
            unread = True
        else:
            if ignored:
                log.info("fine amounts setting (office): keys ignored: %s", ", ".join(ignored))
            return FineAmounts(settings, "office")
    local = get_setting(session, LOCAL_SETTING)
    if local is not None:
        try:
            return FineAmounts(parse_fine_settings(local), "local", unread)
        except FineInvalid as exc:
            log.warning("fine amounts setting (local) ignored: %s", exc.code)
    return FineAmounts(FineSettings(), "besluit", unread)


def fine_settings(session: Session) -> tuple[FineSettings, str]:
    """The amounts in use and their source (:func:`fine_amounts`)."""
    amounts = fine_amounts(session)
    return amounts.settings, amounts.source


def save_local_settings(vault: Vault, value: dict[str, Any]) -> FineSettings:
    """Store this laptop's amounts (checked by ``parse_fine_settings``; ``FineInvalid``
    naming the part and nothing stored otherwise)."""
    settings = parse_fine_settings(value)
    with vault.transaction() as session:
        set_setting(session, LOCAL_SETTING, value)
    return settings


# --- reading ---------------------------------------------------------------------------


def _pip_date(stored: StoredCase) -> date | None:
    """The termijn's anchor: the first set PIP version's dagtekening, and only without one
    the recorded PIP date (``pip_fields.termijn_pip_date``, Wet art. 11)."""
    return history_pip_date(stored.fields) or stored.case.dates.pip_date


def _termijn_end(stored: StoredCase) -> date | None:
    return termijn_end(termijn_start(_pip_date(stored)))


def _facts(stored: StoredCase, today: date | None) -> records.CaseFacts:
    """The case facts the record rules read (``domain.handhaving.CaseFacts``): the BRP
    registration and the termijn of the case, and ``today`` (``None``: no bound after;
    what is stored is read without a clock: the pull set aside steps dated after its day,
    and the use cases refuse a date after theirs)."""
    return records.case_facts(stored.case.dates.brp_registration, _pip_date(stored), today)


def _data(session: Session, case_id: str) -> HandhavingData:
    stored = get_case(session, case_id)
    amounts = fine_amounts(session)
    broken = records.case_problems(stored.fields, _facts(stored, None))
    return HandhavingData(
        case_id,
        stored.case.person,
        records.records(stored.fields),
        amounts.settings,
        amounts.source,
        _termijn_end(stored),
        consulenten.current(session).naam,
        records.unreadable(stored.fields),
        amounts.office_unread,
        broken,
    )


def _write_steps(
    session: Session,
    case_id: str,
    record_id: str,
    changes: dict[str, Any],
    today: date | None = None,
) -> None:
    """Write ``changes`` (step name → stored value) to one record, after checking the
    record as it will stand in its case (the rules the office applies to the same change,
    ``protocol.field_rules.check_handhaving``, so nothing is written here that the office
    refuses): the record's own rules, those of the record in its case
    (``domain.handhaving.case_problems``; another record that the change would make
    break a rule counts too) and those of a change (``change_problem``); ``today``: the
    use case's day, bounding the steps' dates (``None``: no bound after). Raises
    :class:`~inburg_desktop.domain.handhaving.RecordInconsistent`."""
    stored = get_case(session, case_id)
    steps = records.record_steps(stored.fields).get(record_id, {})
    after_steps = {**steps, **changes}
    records.check_record(after_steps)
    written = {records.key(record_id, stap): value for stap, value in changes.items()}
    facts = _facts(stored, today)
    before = records.case_problems(stored.fields, facts)
    after = records.case_problems({**stored.fields, **written}, facts)
    for other, rule in sorted(after.items()):
        if other == record_id or other not in before:
            raise records.RecordInconsistent(rule, this_record=other == record_id)
    changed = records.change_problem(steps, after_steps)
    if changed is not None:
        raise records.RecordInconsistent(changed)
    update_fields(
        session, case_id, {records.key(record_id, stap): value for stap, value in changes.items()}
    )


def load(vault: Vault, case_id: str) -> HandhavingData:
    """Everything the window shows, in one read-only session (``NoSuchCase``)."""
    with vault.session() as session:
        return _data(session, case_id)


def compute_proposal(data: HandhavingData, record_id: str, on: date) -> Voorstel:
    """The proposed fine for ``record_id`` from the case's other records (Besluit art.
    7.1 through ``domain.fines.propose_fine``): every other record whose fine was imposed
    and whose violation was found on or before this one's day, with its status on its
    record (imposed, final on a day, withdrawn), leaving out a record that breaks a rule
    of its case (``HandhavingData.broken``)."""
    record = data.record(record_id)
    found = record.overtreding.vastgesteld_op
    earlier = tuple(
        EerdereBoeteRecord(other.id, fine)
        for other in data.records
        if other.id != record_id
        and other.id not in data.broken  # a record breaking a rule is no earlier fine
        and (fine := other.as_earlier()) is not None
        and fine.vastgesteld_op <= found
    )
    proposal = propose_fine(
        record.overtreding.violation,
        [e.boete for e in earlier],
        data.termijn_end,
        data.settings,
    )
    return Voorstel(proposal.bedrag_cents, proposal.stappen, on, earlier)


# --- recording -------------------------------------------------------------------------


def _checked_text(text: str, *, required: bool, field: str) -> str:
    out = text.strip()
    if required and not out:
        raise HandhavingInvalid("handhaving_text_empty", field=field)
    if len(out) > MAX_TEXT:
        raise HandhavingInvalid("handhaving_text_too_long", field=field, limit=MAX_TEXT)
    return out


def _not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise HandhavingInvalid("handhaving_date_future", field=field)


def record_violation(
    vault: Vault, case_id: str, given: OvertredingInput, today: date
) -> HandhavingData:
    """Record a violation found on ``given.vastgesteld_op`` (not after ``today``); the
    culpability is required for the Wet art. 23 violations (Besluit art. 7.1 lid 4) and
    dropped for the intake ones. Returns the case's records after it."""
    _not_future(given.vastgesteld_op, today, "vastgesteld_op")
    text = _checked_text(given.toelichting, required=True, field="toelichting")
    culpa = None if given.soort.artikel_22 else given.verwijtbaarheid
    record = OvertredingRecord(
        given.soort, given.vastgesteld_op, text, culpa, given.bijstand_verlaagd
    )
    record.violation  # noqa: B018  # FineInvalid when the culpability is missing
    record_id = secrets.token_hex(6)
    with vault.transaction() as session:
        _write_steps(
            session, case_id, record_id, {"overtreding": records.overtreding_value(record)}, today
        )
        return _data(session, case_id)


def record_warning(
    vault: Vault,
    case_id: str,
    record_id: str,
    wijze: Waarschuwingswijze,
    op: date,
    toelichting: str,
    today: date,
) -> HandhavingData:
    """Record the warning given for a violation (the day, how, and optionally what was
    said). Refused once the decision is taken: the letter quotes the warning."""
    _not_future(op, today, "op")
    text = _checked_text(toelichting, required=False, field="toelichting")
    with vault.transaction() as session:
        data = _data(session, case_id)
        if data.record(record_id).besluit is not None:
            raise HandhavingInvalid("handhaving_already_decided")
        value = records.waarschuwing_value(Waarschuwing(op, wijze, text))
        _write_steps(session, case_id, record_id, {"waarschuwing": value}, today)
        return _data(session, case_id)


def record_proposal(vault: Vault, case_id: str, record_id: str, on: date) -> Voorstel:
    """Compute the proposal from the case's history now and store it with its steps (the
    voornemen the consultant may send before deciding). Refused once decided."""
    with vault.transaction() as session:
        data = _data(session, case_id)
        if data.record(record_id).besluit is not None:
            raise HandhavingInvalid("handhaving_already_decided")
        proposal = compute_proposal(data, record_id, on)
        _write_steps(session, case_id, record_id, {"voorstel": records.voorstel_value(proposal)})
        return proposal


def check_decision(data: HandhavingData, record_id: str, given: BesluitInput) -> Voorstel:
    """The proposal the decision rests on, or the refusal of ``given``: already decided,
    dated before the violation, no reason where one is needed, more than proposed (the
    rules' maximum), nothing to impose, or an intake fine's new term beyond 2 months
    (Wet art. 22)."""
    record = data.record(record_id)
    if record.besluit is not None:
        raise HandhavingInvalid("handhaving_already_decided")
    if given.dagtekening < record.overtreding.vastgesteld_op:
        raise HandhavingInvalid("handhaving_date_order", field="dagtekening")
    proposal = compute_proposal(data, record_id, given.dagtekening)
    reden = _checked_text(given.reden, required=False, field="reden")
    if given.opleggen:
        if given.bedrag_cents <= 0 or proposal.bedrag_cents == 0:
            raise HandhavingInvalid("handhaving_amount_zero", field="bedrag_cents")
        if given.bedrag_cents > proposal.bedrag_cents:
            raise HandhavingInvalid(
                "handhaving_amount_above_proposal",
                field="bedrag_cents",
                maximum=proposal_amount(proposal),
            )
        if given.bedrag_cents < proposal.bedrag_cents and not reden:
            raise HandhavingInvalid("handhaving_reason_lower", field="reden")
    elif not reden:
        raise HandhavingInvalid("handhaving_reason_none", field="reden")
    term = given.nieuwe_termijn_tot
    if term is not None:
        if term <= given.dagtekening:
            raise HandhavingInvalid("handhaving_date_order", field="nieuwe_termijn_tot")
        limit = add_months(given.dagtekening, records.INTAKE_NEW_TERM_MONTHS)
        if record.overtreding.soort.artikel_22 and term > limit:
            raise HandhavingInvalid("handhaving_new_term", field="nieuwe_termijn_tot")
    return proposal


def proposal_amount(proposal: Voorstel) -> str:
    """The proposal's amount as the decision writes it ("€ 37,50")."""
    return nl_euro(proposal.bedrag_cents)


def decide(
    vault: Vault,
    case_id: str,
    record_id: str,
    given: BesluitInput,
    moment: datetime | None = None,
) -> HandhavingData:
    """Record the consultant's decision with the proposal it rests on, computed from the
    case's history as it stands now, both in one transaction (both or neither). Records
    who decided and when (AVG art. 22; ``consulent.besluitnemer``: ``ConsulentOnbekend``
    while no name is set). Refused per :func:`check_decision`."""
    with vault.transaction() as session:
        data = _data(session, case_id)
        proposal = check_decision(data, record_id, given)
        door = consulenten.besluitnemer(session, moment)
        amount = given.bedrag_cents if given.opleggen else 0
        voorstel = records.voorstel_value(proposal)
        steps = records.record_steps(get_case(session, case_id).fields).get(record_id, {})
        besluit = Besluit(
            given.opleggen,
            amount,
            given.reden.strip(),
            given.dagtekening,
            door,
            given.nieuwe_termijn_tot,
            records.grondslag_of({**steps, "voorstel": voorstel}),
        )
        _write_steps(
            session,
            case_id,
            record_id,
            {"voorstel": voorstel, "besluit": records.besluit_value(besluit)},
        )
        return _data(session, case_id)


def record_end(
    vault: Vault, case_id: str, record_id: str, status: Afloop, op: date, today: date
) -> HandhavingData:
    """Record that an imposed fine became final (onherroepelijk) or was withdrawn or
    annulled (vervallen) on ``op``: not before the decision's date, not after today, once.
    The repeat rule counts a fine from the day it is final (Besluit art. 7.1 lid 3)."""
    _not_future(op, today, "op")
    with vault.transaction() as session:
        data = _data(session, case_id)
        record = data.record(record_id)
        besluit = record.besluit
        if besluit is None:
            raise HandhavingInvalid("handhaving_no_decision")
        if not besluit.opleggen:
            raise HandhavingInvalid("handhaving_not_imposed")
        if record.afloop is not None:
            raise HandhavingInvalid("handhaving_already_ended")
        if op < besluit.dagtekening:
            raise HandhavingInvalid("handhaving_date_order", field="op")
        value = records.afloop_value(AfloopRecord(status, op))
        _write_steps(session, case_id, record_id, {"afloop": value}, today)
        return _data(session, case_id)


# --- the decision letter ---------------------------------------------------------------


def letter(session: Session, case_id: str, record_id: str) -> BoeteDocument:
    """What the beschikking shows (``NoSuchCase``; ``handhaving_no_decision`` before the
    decision is taken; ``RecordInconsistent`` naming the rule when the record as stored,
    pulled or resolved breaks one of ``domain.handhaving.RECORD_RULES``: a decision above
    its proposal or the Besluit's maximum, or resting on a proposal that changed since, is
    never printed as a beschikking)."""
    stored = get_case(session, case_id)
    data = _data(session, case_id)
    if record_id in data.unreadable:
        raise records.RecordInconsistent(records.RECORD_RULES["unreadable"])
    record = data.record(record_id)
    if record.besluit is None or record.voorstel is None:
        raise HandhavingInvalid("handhaving_no_decision")
    records.check_record(records.record_steps(stored.fields).get(record_id, {}))
    if record_id in data.broken:  # a rule of the record in its case (attack round 7, #1-#3)
        raise records.RecordInconsistent(data.broken[record_id])
    preferred = stored.case.person.preferred_language
    lang, texts = letter_annex(preferred)
    return BoeteDocument(
        person=stored.case.person,
        doelgroep=stored.case.doelgroep,
        record=record,
        kenmerk=enforcement_number(case_id, record.id),
        letterhead=case_letterhead(session, stored),
        annex_lang=lang,
        annex_texts=texts,
        annex_concept=is_concept(lang) if lang else True,
        preferred_language=preferred,
    )


def letter_annex(preferred: str | None) -> tuple[str | None, dict[str, str] | None]:
    """The fine letter's annex for a newcomer's preferred language (a BCP 47 tag): its
    language and its texts (``domain.boete_document.BOETE_ANNEX_KEYS``, taken from the
    PIP annex's translations, ``pip_service.annex_texts``), or ``(None, None)`` when
    the language has no complete PIP annex (Dutch, none recorded, not translated)."""
    lang = pip_service.annex_language_for(preferred)
    if lang is None:
        return None, None
    texts = pip_service.annex_texts(lang)
    return lang, {key: texts[key] for key in BOETE_ANNEX_KEYS}


def export_letter(
    vault: Vault, case_id: str, record_id: str, render: BoeteRenderer, out: Path
) -> Path:
    """Render the decision letter and write it to ``out`` (atomically, ``files.export_file``)."""
    with vault.session() as session:
        document = letter(session, case_id, record_id)
    export_file(out, render(document))
    audit_trail.record(vault, case_id, Action.PRINT, "handhaving")
    return out
