"""Which gemeente a case belongs to at the office, and who may push and hold it (issue 16
item 5, docs/gemeenten.md).

The rules themselves are ``domain.gemeente``'s (a case belongs to exactly one gemeente,
known by its CBS code; a consultant may work for several); this module reads what they
need of the office's tables (``gemeenten``, ``gemeente_consulenten``, migration 0012) and
of a case (its field ``gemeente``), for a push (:class:`GemeentePolicy`), an assignment
(:func:`assign_problem`) and the office's own writes (:func:`write_gemeente`).

An office that records no gemeente behaves as before: nothing here refuses or fills
anything then. It imports nothing of the office's admin or push modules, so both use it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.gemeente import (
    CODE_PATTERN,
    Consulent,
    Gemeente,
    Kantoor,
    may_work_on,
)
from inburg_desktop.domain.gemeente_setting import OFFICE_SETTING
from inburg_desktop.domain.pip_fields import VERSION_PREFIX, held_versions, stored_history
from inburg_desktop.protocol.field_rules import shown
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Counter
from inburg_desktop.server.tables import CaseRecord, FieldValue, GemeenteConsulent, OfficeGemeente

GEMEENTE_KEY = "gemeente"
"""The case field holding its gemeente: a canonical CBS code (``GM`` + four digits)."""
# the contract with the laptops, kept once in domain (issue 16 item 5)
SETTING_KEY = OFFICE_SETTING

NOT_OFFICE = "gemeente_onbekend"
NOT_CONSULTANTS = "gemeente_niet_van_consulent"


def office_kantoor(session: Session) -> Kantoor | None:
    """The gemeenten the office serves, ordered by code, or ``None`` when it records none."""
    rows = session.scalars(select(OfficeGemeente).order_by(OfficeGemeente.code)).all()
    if not rows:
        return None
    return Kantoor(tuple(Gemeente(row.code, row.naam) for row in rows))


def members(session: Session) -> dict[str, list[str]]:
    """Per gemeente code, the consultants who work for it, sorted (codes without any are
    absent)."""
    out: dict[str, list[str]] = {}
    for code, consultant in session.execute(
        select(GemeenteConsulent.code, GemeenteConsulent.consultant).order_by(
            GemeenteConsulent.code, GemeenteConsulent.consultant
        )
    ):
        out.setdefault(code, []).append(consultant)
    return out


def consulent_of(session: Session, consultant: str) -> Consulent:
    """``consultant`` and the codes of the gemeenten they work for (possibly none)."""
    codes = session.scalars(
        select(GemeenteConsulent.code).where(GemeenteConsulent.consultant == consultant)
    )
    return Consulent(consultant, frozenset(codes))


def stored_gemeente(session: Session, case_id: str) -> str | None:
    """The gemeente code the office holds for ``case_id``, ``None`` when it holds none
    (no field, ``null``, or a value that is no CBS code: it names no gemeente)."""
    text = session.scalar(
        select(FieldValue.value).where(
            FieldValue.case_id == case_id, FieldValue.key == GEMEENTE_KEY
        )
    )
    return None if text is None else code_in(text)


PIP_SET = "gemeente_na_pip"
"""The refusal of another gemeente for a case whose PIP a college set (push and command)."""


def decided_by(session: Session, case_id: str) -> str | None:
    """The gemeente whose college set the PIP of ``case_id``: its stored gemeente when the
    case holds a set PIP version, else ``None`` (no PIP set, or no gemeente recorded).

    A set PIP is a decision of that college (Wet art. 15); its letter names it and its
    objection goes there. Another gemeente on the case would render the same version as
    another college's decision (usability round 10: a PIP set by Voorschoten read as
    Wassenaar's after ``case gemeente``). A person who moves is a transfer (Besluit art.
    5.3 lid 3: the new gemeente sets a new PIP), not a correction. A stored version that
    does not read counts as set: the office does not guess it away."""
    before = stored_gemeente(session, case_id)
    if before is None:
        return None
    rows = session.execute(
        select(FieldValue.key, FieldValue.value).where(
            FieldValue.case_id == case_id, FieldValue.key.startswith(VERSION_PREFIX)
        )
    )
    versions: dict[str, Any] = {}
    for key, text in rows:
        try:
            versions[key] = json.loads(text)
        except (ValueError, RecursionError):
            return before
    if not held_versions(versions):
        return None
    history = stored_history(versions)
    if history is None:
        return before
    return before if history.pip_date is not None else None


def code_in(text: str) -> str | None:
    """The CBS code a stored ``gemeente`` value (canonical JSON) holds, ``None`` for any
    other value. Decodes only what can be a short JSON string: a stored value may be
    anything a laptop once pushed (a deep array would exhaust ``json.loads``)."""
    if not (text.startswith('"') and len(text) <= 2 * len("GM0000")):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, str) and CODE_PATTERN.fullmatch(value) else None


def gemeente_words(kantoor: Kantoor, code: str) -> str:
    """``Wassenaar (GM0629)``, or the bare code for one the office does not serve."""
    for gemeente in kantoor.gemeenten:
        if gemeente.code == code:
            return f"{gemeente.naam} ({code})"
    return code


@dataclass(frozen=True)
class Refusal:
    """A pushed op the gemeente rules refuse: the op-result code and its English message
    (``OpResult.message``; the laptop words the code itself)."""

    code: str
    message: str


@dataclass
class GemeentePolicy:
    """The office's gemeenten and memberships as one push batch reads them (two queries,
    once per batch, only when the office records gemeenten)."""

    kantoor: Kantoor | None
    _session: Session
    _consulenten: dict[str, Consulent] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> GemeentePolicy:
        return cls(office_kantoor(session), session)

    def _consulent(self, consultant: str) -> Consulent:
        if consultant not in self._consulenten:
            self._consulenten[consultant] = consulent_of(self._session, consultant)
        return self._consulenten[consultant]

    def refusal(self, consultant: str, patch: Mapping[str, Any]) -> Refusal | None:
        """Why an op of ``consultant`` writing ``patch`` is refused for its ``gemeente``,
        or ``None``: ``gemeente_onbekend`` when the value is no gemeente of the office (a
        non-canonical code, ``null``, another municipality), ``gemeente_niet_van_consulent``
        when the consultant does not work for it (``domain.gemeente.may_work_on``). Judged
        on the patch alone, so the answer is the same whether the op's case id exists or
        is another caseload's. Nothing is refused by an office without gemeenten, or for
        an op that does not write ``gemeente``."""
        if self.kantoor is None or GEMEENTE_KEY not in patch:
            return None
        value = patch[GEMEENTE_KEY]
        if not isinstance(value, str) or value not in self.kantoor.codes:
            served = ", ".join(g.code for g in self.kantoor.gemeenten)
            return Refusal(
                NOT_OFFICE,
                f"{GEMEENTE_KEY}: not a CBS code of a gemeente this office serves ({served}).",
            )
        if not may_work_on(self._consulent(consultant), value):
            return Refusal(
                NOT_CONSULTANTS,
                f"{GEMEENTE_KEY}: this consultant does not work for "
                f"{gemeente_words(self.kantoor, value)}.",
            )
        return None

    @property
    def single(self) -> str | None:
        """The code of the office's only gemeente, ``None`` when it has none or several."""
        if self.kantoor is None or len(self.kantoor.gemeenten) != 1:
            return None
        return self.kantoor.gemeenten[0].code

    def fill(self, session: Session, counter: Counter, case_id: str) -> None:
        """An office of exactly one gemeente gives a case that holds none that gemeente:
        written as an office change (no device, a new version and seq), so every laptop
        holding the case, the pushing one too, pulls it at its next sync. Nothing for an
        office of no or several gemeenten (there the case waits for ``inburg-office case
        gemeente``), or for a case that holds one."""
        code = self.single
        if code is not None and stored_gemeente(session, case_id) is None:
            write_gemeente(session, counter, case_id, code)


def write_gemeente(session: Session, counter: Counter, case_id: str, code: str) -> int:
    """Set the ``gemeente`` of the existing case ``case_id`` to ``code`` as an office
    change (no device): a new version and seq, so laptops pull it. Returns the version.
    The caller has checked ``code`` and who holds the case."""
    case = session.get(CaseRecord, case_id)
    assert case is not None, "the caller holds the case"
    stamp = utcnow()
    seq = counter.next()
    case.version += 1
    case.seq = seq
    case.updated_at = stamp
    row = session.get(FieldValue, (case_id, GEMEENTE_KEY))
    if row is None:
        row = FieldValue(case_id=case_id, key=GEMEENTE_KEY)
        session.add(row)
    row.value = json.dumps(code)
    row.version = case.version
    row.seq = seq
    row.device_id = None
    row.updated_at = stamp
    return case.version


def assign_problem(session: Session, case_code: str | None, consultant: str) -> str | None:
    """Why a case of gemeente ``case_code`` may not go on ``consultant``'s caseload, in
    the office's Dutch, or ``None``: the office records gemeenten, the case has one, and
    the consultant does not work for it (``domain.gemeente.may_work_on``). A case without
    a gemeente, or an office without gemeenten, goes anywhere (as before)."""
    if case_code is None:
        return None
    kantoor = office_kantoor(session)
    if kantoor is None or may_work_on(consulent_of(session, consultant), case_code):
        return None
    who = shown(consultant, 200)
    return (
        f"{who} werkt niet voor gemeente {gemeente_words(kantoor, case_code)}, waar "
        f"het dossier bij hoort. Laat de consulent eerst voor die gemeente werken "
        f"('inburg-office consultant add-gemeente \"{who}\" {case_code}') of kies een "
        "consulent van die gemeente."
    )
