"""Enforcement records of a case (handhaving) as they are stored and synced: one violation
per record, each step of it a case field of its own.

Keys (documented in ``docs/handhaving.md``): ``handhaving.<id>.<stap>``, where ``<id>`` is
12 lower-case hex digits chosen at random when the violation is recorded (two laptops
recording a violation of the same case offline never take the same key, as a running
number would) and ``<stap>`` one of :data:`STAPPEN`:

* ``overtreding``: which obligation (:class:`~inburg_desktop.domain.fines.Overtreding`),
  the day it was found, what happened (text), the culpability (Besluit art. 7.1 lid 4; art.
  23 violations only) and whether the bijstand was already reduced for the same conduct
  (Wet art. 27);
* ``waarschuwing``: the warning given: the day and how (in writing or orally);
* ``voorstel``: the proposed fine as computed (whole cents), every rule step (code, Dutch
  sentence, parameters) and the earlier fines it was computed from;
* ``besluit``: the consultant's decision: impose or not, the amount, the reason, the date
  of the decision, the new term to comply it sets, and who decided and when (AVG art. 22);
* ``afloop``: the decision became final (onherroepelijk) on a day, or was withdrawn or
  annulled (vervallen) on a day; the repeat rule (Besluit art. 7.1 lid 3) needs the first.

Every step is written by one person at one moment, so two laptops that change different
steps never conflict as fields; but the steps depend on each other (a decision rests on
its proposal, the violation and the warning), so :func:`record_problem` holds the record
as a whole to the rules of :data:`RECORD_RULES` (each citing its article): the office
refuses a push that would leave a record breaking one, the laptop's own use cases and its
conflict resolution refuse the same, and the letter is not rendered for such a record. A
decision carries what it rests on (``grondslag``: the proposal's amount and a hash of
the violation, warning and proposal it was taken on), so a proposal recomputed on
another laptop after the decision no longer matches it (attack round 6, findings 2, 14,
15).

:func:`stored_problem` is the one shape rule of a step: the office refuses a value it
breaks (``protocol/field_rules.py``), the laptop before it pushes, and the conflict view
before it writes a chosen side. A proposal's step text is a template with plain
``{name}`` placeholders only (``domain.text.template_names``, names of
``fines.STEP_PARAMS``); free texts follow ``safe_text.free_text_problem`` and the
decider's name ``safe_text.name_problem`` (attack round 6, findings 1 and 3). Pure: no
I/O, no clock.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from inburg_desktop.domain.calendar import add_months, add_weeks
from inburg_desktop.domain.deadlines import termijn_end, termijn_start
from inburg_desktop.domain.fines import (
    BESLUIT_AMOUNTS,
    STEP_PARAMS,
    BoeteStatus,
    EerdereBoete,
    NieuweTermijn,
    Overtreding,
    Verwijtbaarheid,
    Violation,
    propose_fine,
    statutory_maximum,
)
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.pip import MAX_NAAM, Besluitnemer
from inburg_desktop.domain.pip_fields import PIP_DATE_KEY, VERSION_PREFIX, termijn_pip_date
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.safe_text import free_text_problem, name_problem
from inburg_desktop.domain.text import N_, Reason, TemplateInvalid, template_names

PREFIX = "handhaving."
STAPPEN = ("overtreding", "waarschuwing", "voorstel", "besluit", "afloop")
KEY = re.compile(r"handhaving\.([0-9a-f]{12})\.(" + "|".join(STAPPEN) + r")")
MAX_TEXT = 4000
"""Characters in a free text (what happened, a reason): a page of the letter at most."""
MAX_STEPS = 20
MAX_EARLIER = 200
INTAKE_NEW_TERM_MONTHS = 2  # Wet art. 22: the new term after an intake fine, at most
BEZWAAR_WEEKS = 6
"""Awb art. 6:7: the objection period of a decision, in weeks; it starts the day after
the decision is made known (art. 6:8), so a fine dated D is open to objection up to and
including D + 42 days and final (onherroepelijk) at the earliest the day after."""


def bezwaar_last_day(dagtekening: date) -> date:
    """The last day an objection can be made against a decision dated ``dagtekening``
    (Awb art. 6:7 and 6:8): six weeks after it (``calendar.add_weeks``: 2026-03-02 →
    2026-04-13). Before the day after it, no decision is final."""
    return add_weeks(dagtekening, BEZWAAR_WEEKS)


def final_from(dagtekening: date) -> date:
    """The first day a fine dated ``dagtekening`` can be final (onherroepelijk): the day
    after :func:`bezwaar_last_day` (Awb art. 6:7 and 6:8; 2026-11-30 → 2027-01-12). An
    end recorded as final before it breaks ``final_in_objection_period``."""
    return bezwaar_last_day(dagtekening) + timedelta(days=1)


class Waarschuwingswijze(enum.StrEnum):
    """How the warning was given."""

    SCHRIFTELIJK = "schriftelijk"
    MONDELING = "mondeling"


class Afloop(enum.StrEnum):
    """How a decision ended: final, or withdrawn/annulled (in objection or appeal)."""

    ONHERROEPELIJK = "onherroepelijk"
    VERVALLEN = "vervallen"


class HandhavingInvalid(Problem, ValueError):
    """A step that cannot be stored; ``params["field"]`` names the part. Codes:
    ``handhaving_text_empty``, ``handhaving_text_too_long`` (``limit``),
    ``handhaving_date_order`` (a step dated before the violation was found),
    ``handhaving_amount_above_proposal``, ``handhaving_amount_zero``,
    ``handhaving_new_term`` (an intake fine's new term longer than 2 months, Wet art. 22),
    ``handhaving_no_proposal``, ``handhaving_no_decision``, ``handhaving_not_imposed``,
    ``handhaving_already_decided``, ``handhaving_already_ended``,
    ``handhaving_record_inconsistent`` (:class:`RecordInconsistent`)."""

    default_code = "handhaving_invalid"


class RecordInconsistent(HandhavingInvalid):
    """The record as a whole would break :data:`RECORD_RULES`: ``rule`` names which one;
    its Dutch sentence (with the article) follows the message (``reasons``).
    ``this_record``: the rule is broken by the record being written (``False``: the
    change makes another record of the case break it), so a form may name its field."""

    default_code = "handhaving_record_inconsistent"

    def __init__(self, rule: RecordRule, *, this_record: bool = True) -> None:
        super().__init__(rule=rule.code)
        self.rule = rule
        self.this_record = this_record

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return (Reason.of(self.rule.code, self.rule.dutch, artikel=self.rule.artikel),)


@dataclass(frozen=True)
class OvertredingRecord:
    soort: Overtreding
    vastgesteld_op: date
    toelichting: str
    verwijtbaarheid: Verwijtbaarheid | None = None
    bijstand_verlaagd: bool = False

    @property
    def violation(self) -> Violation:
        """As the fine rules take it (``domain.fines``)."""
        return Violation(
            self.soort, self.vastgesteld_op, self.verwijtbaarheid, self.bijstand_verlaagd
        )


@dataclass(frozen=True)
class Waarschuwing:
    op: date
    wijze: Waarschuwingswijze
    toelichting: str = ""


@dataclass(frozen=True)
class EerdereBoeteRecord:
    """An earlier fine as the proposal quotes it (``id``: its record)."""

    id: str
    boete: EerdereBoete


@dataclass(frozen=True)
class Voorstel:
    """The proposal as computed on ``berekend_op``: amount in whole cents, the steps."""

    bedrag_cents: int
    stappen: tuple[Reason, ...]
    berekend_op: date
    eerdere: tuple[EerdereBoeteRecord, ...] = ()


@dataclass(frozen=True)
class Grondslag:
    """What a decision was taken on: the proposal's amount (whole cents) and the SHA-256
    (hex) of the violation, warning and proposal as stored then (:func:`grondslag_of`)."""

    voorstel_cents: int
    sha256: str


@dataclass(frozen=True)
class Besluit:
    """The consultant's decision (AVG art. 22: ``door`` is who took it, and when).

    ``bedrag_cents`` is 0 when not imposed; ``nieuwe_termijn_tot``: the last day of the
    new term to comply that the decision sets (``None``: none)."""

    opleggen: bool
    bedrag_cents: int
    reden: str
    dagtekening: date
    door: Besluitnemer
    nieuwe_termijn_tot: date | None = None
    grondslag: Grondslag | None = None
    """What the decision rests on (``None``: a decision stored before version 2026-12
    recorded it; then only the amounts are compared)."""

    def nieuwe_termijn(self) -> NieuweTermijn | None:
        if self.nieuwe_termijn_tot is None or self.nieuwe_termijn_tot <= self.dagtekening:
            return None
        return NieuweTermijn(self.dagtekening + timedelta(days=1), self.nieuwe_termijn_tot)


@dataclass(frozen=True)
class AfloopRecord:
    status: Afloop
    op: date


@dataclass(frozen=True)
class Handhaving:
    """One violation with the steps recorded so far."""

    id: str
    overtreding: OvertredingRecord
    waarschuwing: Waarschuwing | None = None
    voorstel: Voorstel | None = None
    besluit: Besluit | None = None
    afloop: AfloopRecord | None = None

    def as_earlier(self) -> EerdereBoete | None:
        """This fine as an earlier fine of the case for the rules (``None``: no fine
        imposed, so nothing to count)."""
        besluit = self.besluit
        if besluit is None or not besluit.opleggen:
            return None
        status = BoeteStatus.OPGELEGD
        final_on = None
        if self.afloop is not None:
            if self.afloop.status is Afloop.VERVALLEN:
                status = BoeteStatus.VERVALLEN
            else:
                status, final_on = BoeteStatus.ONHERROEPELIJK, self.afloop.op
        return EerdereBoete(
            self.overtreding.soort,
            self.overtreding.vastgesteld_op,
            besluit.bedrag_cents,
            status,
            final_on,
            besluit.nieuwe_termijn(),
        )


# --- the stored form -------------------------------------------------------------------


_OVERTREDING_KEYS = {
    "soort",
    "vastgesteld_op",
    "toelichting",
    "verwijtbaarheid",
    "bijstand_verlaagd",
}
_EARLIER_KEYS = {
    "id",
    "soort",
    "vastgesteld_op",
    "bedrag_cents",
    "status",
    "onherroepelijk_op",
    "nieuwe_termijn",
}
_BESLUIT_KEYS = {"opleggen", "bedrag_cents", "reden", "dagtekening", "nieuwe_termijn_tot", "door"}
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def key(record_id: str, stap: str) -> str:
    return f"{PREFIX}{record_id}.{stap}"


def _day(value: Any) -> date:
    if not isinstance(value, str):
        raise ValueError("not a date")
    day = parse_iso_date(value)
    if not 1900 <= day.year <= 2100:
        raise ValueError("date out of range")
    return day


def _opt_day(value: Any) -> date | None:
    return None if value is None else _day(value)


def _text(value: Any, *, required: bool, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("not text")
    if required and not value.strip():
        raise ValueError("empty")
    if free_text_problem(value) is not None:
        raise ValueError("control or text-direction characters")
    return value


def _cents(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10**9:
        raise ValueError("not an amount")
    return value


def _exact(value: Any, keys: set[str], optional: frozenset[str] = frozenset()) -> Mapping[str, Any]:
    if not isinstance(value, dict) or not keys <= set(value) <= keys | optional:
        raise ValueError("not the shape")
    return value


def overtreding_value(r: OvertredingRecord) -> dict[str, Any]:
    return {
        "soort": r.soort.value,
        "vastgesteld_op": r.vastgesteld_op.isoformat(),
        "toelichting": r.toelichting,
        "verwijtbaarheid": None if r.verwijtbaarheid is None else r.verwijtbaarheid.value,
        "bijstand_verlaagd": r.bijstand_verlaagd,
    }


def parse_overtreding(value: Any) -> OvertredingRecord:
    v = _exact(
        value, {"soort", "vastgesteld_op", "toelichting", "verwijtbaarheid", "bijstand_verlaagd"}
    )
    if not isinstance(v["bijstand_verlaagd"], bool):
        raise ValueError("not a boolean")
    culpa = v["verwijtbaarheid"]
    record = OvertredingRecord(
        Overtreding(v["soort"]),
        _day(v["vastgesteld_op"]),
        _text(v["toelichting"], required=True),
        None if culpa is None else Verwijtbaarheid(culpa),
        v["bijstand_verlaagd"],
    )
    record.violation  # noqa: B018  # an art. 23 violation without culpability is refused
    return record


def waarschuwing_value(w: Waarschuwing) -> dict[str, Any]:
    return {"op": w.op.isoformat(), "wijze": w.wijze.value, "toelichting": w.toelichting}


def parse_waarschuwing(value: Any) -> Waarschuwing:
    v = _exact(value, {"op", "wijze", "toelichting"})
    return Waarschuwing(
        _day(v["op"]), Waarschuwingswijze(v["wijze"]), _text(v["toelichting"], required=False)
    )


def _earlier_value(e: EerdereBoeteRecord) -> dict[str, Any]:
    b = e.boete
    return {
        "id": e.id,
        "soort": b.overtreding.value,
        "vastgesteld_op": b.vastgesteld_op.isoformat(),
        "bedrag_cents": b.bedrag_cents,
        "status": b.status.value,
        "onherroepelijk_op": None
        if b.onherroepelijk_op is None
        else b.onherroepelijk_op.isoformat(),
        "nieuwe_termijn": None
        if b.nieuwe_termijn is None
        else [b.nieuwe_termijn.van.isoformat(), b.nieuwe_termijn.tot.isoformat()],
    }


def _parse_earlier(value: Any) -> EerdereBoeteRecord:
    v = _exact(
        value,
        {
            "id",
            "soort",
            "vastgesteld_op",
            "bedrag_cents",
            "status",
            "onherroepelijk_op",
            "nieuwe_termijn",
        },
    )
    if not isinstance(v["id"], str) or not re.fullmatch(r"[0-9a-f]{12}", v["id"]):
        raise ValueError("not an id")
    term = v["nieuwe_termijn"]
    if term is not None and not (isinstance(term, list) and len(term) == 2):
        raise ValueError("not a term")
    return EerdereBoeteRecord(
        v["id"],
        EerdereBoete(
            Overtreding(v["soort"]),
            _day(v["vastgesteld_op"]),
            _cents(v["bedrag_cents"]),
            BoeteStatus(v["status"]),
            _opt_day(v["onherroepelijk_op"]),
            None if term is None else NieuweTermijn(_day(term[0]), _day(term[1])),
        ),
    )


def voorstel_value(v: Voorstel) -> dict[str, Any]:
    return {
        "bedrag_cents": v.bedrag_cents,
        "berekend_op": v.berekend_op.isoformat(),
        "stappen": [{"code": s.code, "text": s.text, "params": dict(s.params)} for s in v.stappen],
        "eerdere": [_earlier_value(e) for e in v.eerdere],
    }


def _parse_step(value: Any) -> Reason:
    v = _exact(value, {"code", "text", "params"})
    code, text, params = v["code"], v["text"], v["params"]
    if not isinstance(code, str) or not re.fullmatch(r"[a-z0-9_]{1,60}", code):
        raise ValueError("not a code")
    _text(text, required=True)
    if not isinstance(params, dict) or not set(params) <= STEP_PARAMS:
        raise ValueError("not params")
    for param in params.values():
        _text(param, required=False, limit=MAX_NAAM)
    try:
        # checked without formatting: a format spec ({a:>300000000}) or an attribute
        # ({a.__class__}) is refused, never evaluated (attack round 6, finding 1)
        names = template_names(text)
    except TemplateInvalid:
        raise ValueError("placeholders") from None
    if not names <= set(params):
        raise ValueError("placeholders")
    return Reason(code, text, dict(params))


def parse_voorstel(value: Any) -> Voorstel:
    v = _exact(value, {"bedrag_cents", "berekend_op", "stappen", "eerdere"})
    steps, earlier = v["stappen"], v["eerdere"]
    if not isinstance(steps, list) or not 0 < len(steps) <= MAX_STEPS:
        raise ValueError("not steps")
    if not isinstance(earlier, list) or len(earlier) > MAX_EARLIER:
        raise ValueError("not earlier fines")
    return Voorstel(
        _cents(v["bedrag_cents"]),
        tuple(_parse_step(s) for s in steps),
        _day(v["berekend_op"]),
        tuple(_parse_earlier(e) for e in earlier),
    )


def besluit_value(b: Besluit) -> dict[str, Any]:
    return {
        "opleggen": b.opleggen,
        "bedrag_cents": b.bedrag_cents,
        "reden": b.reden,
        "dagtekening": b.dagtekening.isoformat(),
        "nieuwe_termijn_tot": None
        if b.nieuwe_termijn_tot is None
        else b.nieuwe_termijn_tot.isoformat(),
        "door": {"naam": b.door.naam, "id": b.door.consulent_id, "tijdstip": b.door.tijdstip},
        **(
            {}
            if b.grondslag is None
            else {
                "grondslag": {
                    "voorstel_cents": b.grondslag.voorstel_cents,
                    "sha256": b.grondslag.sha256,
                }
            }
        ),
    }


def parse_besluit(value: Any) -> Besluit:
    v = _exact(value, _BESLUIT_KEYS, frozenset({"grondslag"}))
    door = _exact(v["door"], {"naam", "id", "tijdstip"})
    if not isinstance(v["opleggen"], bool):
        raise ValueError("not a boolean")
    if not all(isinstance(door[k], str) for k in ("naam", "id", "tijdstip")):
        raise ValueError("not a person")
    # the decider's name is printed in the letter and its signature: the name rule of
    # every person's name (attack round 6, finding 3)
    if not door["naam"].strip() or name_problem(door["naam"]) is not None:
        raise ValueError("not a name")
    if free_text_problem(door["id"]) is not None or not door["id"].strip():
        raise ValueError("not a person")
    amount = _cents(v["bedrag_cents"])
    if not v["opleggen"] and amount != 0:
        raise ValueError("an amount not imposed")
    try:
        who = Besluitnemer(door["naam"], door["id"], door["tijdstip"])
    except Problem:
        raise ValueError("not a person") from None
    return Besluit(
        v["opleggen"],
        amount,
        _text(v["reden"], required=False),
        _day(v["dagtekening"]),
        who,
        _opt_day(v["nieuwe_termijn_tot"]),
        _parse_grondslag(v["grondslag"]) if "grondslag" in v else None,
    )


def _parse_grondslag(value: Any) -> Grondslag:
    v = _exact(value, {"voorstel_cents", "sha256"})
    if not isinstance(v["sha256"], str) or not _SHA256.fullmatch(v["sha256"]):
        raise ValueError("not a hash")
    return Grondslag(_cents(v["voorstel_cents"]), v["sha256"])


def grondslag_of(steps: Mapping[str, Any]) -> Grondslag:
    """What a decision taken now on ``steps`` (step name → stored value, as
    :func:`record_problem` takes them) rests on: the proposal's amount and the SHA-256 of
    the stored violation, warning and proposal (keys sorted, compact JSON, UTF-8), so the
    office and every laptop compute the same hash from the same values. Raises
    ``ValueError`` without a readable proposal."""
    voorstel = parse_voorstel(steps.get("voorstel"))
    basis = {stap: steps.get(stap) for stap in ("overtreding", "waarschuwing", "voorstel")}
    text = json.dumps(basis, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return Grondslag(voorstel.bedrag_cents, hashlib.sha256(text.encode("utf-8")).hexdigest())


def afloop_value(a: AfloopRecord) -> dict[str, Any]:
    return {"status": a.status.value, "op": a.op.isoformat()}


def parse_afloop(value: Any) -> AfloopRecord:
    v = _exact(value, {"status", "op"})
    return AfloopRecord(Afloop(v["status"]), _day(v["op"]))


_PARSERS = {
    "overtreding": parse_overtreding,
    "waarschuwing": parse_waarschuwing,
    "voorstel": parse_voorstel,
    "besluit": parse_besluit,
    "afloop": parse_afloop,
}


def stored_problem(field_key: str, value: Any) -> str | None:
    """Why ``value`` cannot be stored under ``field_key`` (a ``handhaving.`` key), in a
    few English words for the log and the office's refusal, or ``None`` when it can.
    ``None`` as the value (a step removed) is always allowed for a well-formed key."""
    match = KEY.fullmatch(field_key)
    if match is None:
        return "not a key of an enforcement record"
    if value is None:
        return None
    try:
        _PARSERS[match.group(2)](value)
    except (ValueError, TypeError, Problem) as exc:
        return str(exc) if not isinstance(exc, Problem) else exc.code
    return None


def step_of(value: Any) -> str | None:
    """Which step ``value`` is in its stored form (each has its own keys), or ``None``
    when it is none of them."""
    for stap, parse in _PARSERS.items():
        try:
            parse(value)
        except (ValueError, TypeError, Problem):
            continue
        return stap
    return None


# --- the record as a whole --------------------------------------------------------------


@dataclass(frozen=True)
class RecordRule:
    """One rule over a record's steps together: a stable ``code``, the ``english`` words
    of the office's refusal, the ``dutch`` sentence (a msgid with ``{artikel}``) and the
    legal source it follows."""

    code: str
    english: str
    dutch: str
    artikel: str


def _rule(code: str, english: str, dutch: str, artikel: str) -> RecordRule:
    return RecordRule(code, english, dutch, artikel)


RECORD_RULES: dict[str, RecordRule] = {
    r.code: r
    for r in (
        _rule(
            "unreadable",
            "a step cannot be read",
            N_("een stap van deze overtreding kan niet worden gelezen ({artikel})."),
            "Awb art. 3:2",
        ),
        _rule(
            "no_violation",
            "a step without the violation it belongs to",
            N_("er is een stap vastgelegd zonder de overtreding waar hij bij hoort ({artikel})."),
            "Wet art. 22-23",
        ),
        _rule(
            "no_proposal",
            "a decision without the proposal it rests on",
            N_("er is een besluit zonder het voorstel waarop het berust ({artikel})."),
            "Awb art. 5:46",
        ),
        _rule(
            "proposal_above_maximum",
            "the proposal is above the statutory maximum for this violation",
            N_("het voorstel is hoger dan de wet voor deze overtreding toestaat ({artikel})."),
            "Besluit art. 7.1 lid 1-3",
        ),
        _rule(
            "decision_above_proposal",
            "the decision's amount is above its proposal",
            N_("het opgelegde bedrag is hoger dan het voorstel ({artikel})."),
            "Besluit art. 7.1",
        ),
        _rule(
            "decision_zero",
            "a fine imposed with no amount",
            N_("er is een boete opgelegd zonder bedrag ({artikel})."),
            "Wet art. 22-23",
        ),
        _rule(
            "decision_basis",
            "the violation, warning or proposal changed after the decision was taken on them",
            N_(
                "de overtreding, de waarschuwing of het voorstel is gewijzigd nadat er op "
                "besloten is ({artikel})."
            ),
            "Awb art. 3:46",
        ),
        _rule(
            "decision_before_violation",
            "the decision is dated before the violation was found",
            N_(
                "het besluit is gedateerd vóór de dag waarop de overtreding is vastgesteld "
                "({artikel})."
            ),
            "Awb art. 5:46",
        ),
        _rule(
            "proposal_before_violation",
            "the proposal is dated before the violation was found",
            N_(
                "het voorstel is berekend vóór de dag waarop de overtreding is vastgesteld "
                "({artikel})."
            ),
            "Besluit art. 7.1",
        ),
        _rule(
            "earlier_after_violation",
            "the proposal counts an earlier fine found after this violation",
            N_(
                "het voorstel telt een eerdere boete mee die na deze overtreding is "
                "vastgesteld ({artikel})."
            ),
            "Besluit art. 7.1 lid 3",
        ),
        _rule(
            "warning_after_decision",
            "the warning is dated after the decision",
            N_("de waarschuwing is gedateerd na het besluit ({artikel})."),
            "Awb art. 5:46",
        ),
        _rule(
            "term_before_decision",
            "the new term does not end after the decision's date",
            N_("de nieuwe termijn eindigt niet na de datum van het besluit ({artikel})."),
            "Wet art. 22-23",
        ),
        _rule(
            "intake_term_too_long",
            "the new term after an intake fine is longer than two months",
            N_(
                "de nieuwe termijn na een boete voor de brede intake is langer dan twee "
                "maanden ({artikel})."
            ),
            "Wet art. 22",
        ),
        _rule(
            "end_without_imposed_decision",
            "an end (final or withdrawn) without an imposed fine",
            N_(
                "er is vastgelegd dat een boete onherroepelijk is of is vervallen, maar er is "
                "geen boete opgelegd ({artikel})."
            ),
            "Besluit art. 7.1 lid 3",
        ),
        _rule(
            "proposal_above_rules",
            "the proposal is above what the Besluit allows for this violation, its "
            "culpability and the earlier fines it counts",
            N_(
                "het voorstel is hoger dan het Besluit toestaat voor deze overtreding, de "
                "verwijtbaarheid en de eerdere boetes die het meetelt ({artikel})."
            ),
            "Besluit art. 7.1 lid 2-5",
        ),
        _rule(
            "earlier_not_in_case",
            "the proposal counts an earlier fine the case does not hold as imposed",
            N_(
                "het voorstel telt een eerdere boete mee die het dossier niet als opgelegde "
                "boete kent ({artikel})."
            ),
            "Besluit art. 7.1 lid 3",
        ),
        _rule(
            "total_above_maximum",
            "the fines imposed in the termijn together are above the Besluit's total maximum",
            N_(
                "de boetes die in de inburgeringstermijn zijn opgelegd zijn samen hoger dan "
                "het Besluit toestaat ({artikel})."
            ),
            "Besluit art. 7.1",
        ),
        _rule(
            "date_after_today",
            "a step is dated after the day it was recorded",
            N_("een stap is gedateerd na de dag waarop hij is vastgelegd ({artikel})."),
            "Awb art. 3:2",
        ),
        _rule(
            "date_before_brp",
            "a step is dated before the case's BRP registration",
            N_("een stap is gedateerd vóór de inschrijving in de BRP ({artikel})."),
            "Wet art. 14 lid 1",
        ),
        _rule(
            "term_after_termijn",
            "the new term after an art. 23 fine ends after the inburgeringstermijn",
            N_(
                "de nieuwe termijn na een boete voor Wet art. 23 eindigt na de "
                "inburgeringstermijn ({artikel})."
            ),
            "Wet art. 11 en 23",
        ),
        _rule(
            "decision_without_basis",
            "a new or changed decision does not record what it rests on (grondslag)",
            N_("een nieuw of gewijzigd besluit legt niet vast waarop het berust ({artikel})."),
            "Awb art. 3:46",
        ),
        _rule(
            "basis_unknown",
            "the violation, warning or proposal of a decision stored without what it rests "
            "on cannot be changed",
            N_(
                "de overtreding, de waarschuwing of het voorstel van een besluit dat niet "
                "vastlegt waarop het berust kan niet meer worden gewijzigd ({artikel})."
            ),
            "Awb art. 3:46",
        ),
        _rule(
            "final_in_objection_period",
            "the fine is recorded final while its objection period still runs",
            N_(
                "de boete is als onherroepelijk vastgelegd terwijl de bezwaartermijn nog "
                "loopt ({artikel})."
            ),
            "Awb art. 6:7 en 6:8",
        ),
        _rule(
            "fine_after_termijn",
            "a fine for a violation found after the inburgeringstermijn ended",
            N_(
                "er is een boete voorgesteld of opgelegd voor een overtreding die na het "
                "einde van de inburgeringstermijn is vastgesteld ({artikel})."
            ),
            "Wet art. 11 en 23; Besluit art. 7.1",
        ),
        _rule(
            "term_beyond_law",
            "the new term after an art. 23 fine ends after any termijn a PIP set now could have",
            N_(
                "de nieuwe termijn na een boete voor Wet art. 23 eindigt na de "
                "inburgeringstermijn die een PIP van de datum van het besluit zou geven; er is "
                "nog geen PIP-datum ({artikel})."
            ),
            "Wet art. 11 en 23",
        ),
        _rule(
            "end_before_decision",
            "the end (final or withdrawn) is dated before the decision",
            N_(
                "de boete is onherroepelijk of vervallen vóór de datum van het besluit ({artikel})."
            ),
            "Awb art. 6:7",
        ),
    )
}
"""The rules :func:`record_problem` applies, by code (``docs/handhaving.md``)."""


def record_problem(steps: Mapping[str, Any]) -> RecordRule | None:
    """The first rule of :data:`RECORD_RULES` that one record breaks, or ``None``.

    ``steps``: step name (:data:`STAPPEN`) → its stored value (missing or ``None``: no
    such step), the record as it would stand. A decision needs a violation and a
    proposal; its amount is at most the proposal's, which is at most the Besluit's
    maximum for the violation (:func:`fines.statutory_maximum`, Besluit art. 7.1 lid
    1-3); a fine imposed is more than € 0; the decision is dated on or after the
    violation and after the warning; its new term ends after its date (at most two
    months for an intake fine, Wet art. 22); what it rests on (``grondslag``) matches
    the violation, warning and proposal; an end (afloop) follows an imposed decision, not
    before its date, and a fine is final only after its objection period (Awb art. 6:7
    and 6:8, :func:`bezwaar_last_day`: the finality the repeat rule of Besluit art. 7.1
    lid 3 counts is judged from the decision's date, not taken from a claim; attack round
    8, finding 10). Pure; never raises."""
    parsed: dict[str, Any] = {}
    for stap in STAPPEN:
        value = steps.get(stap)
        if value is None:
            continue
        try:
            parsed[stap] = _PARSERS[stap](value)
        except Exception:  # any unreadable step is the record's problem
            return RECORD_RULES["unreadable"]
    return _problem(parsed, steps)


def _problem(parsed: Mapping[str, Any], steps: Mapping[str, Any]) -> RecordRule | None:
    rules = RECORD_RULES
    overtreding: OvertredingRecord | None = parsed.get("overtreding")
    voorstel: Voorstel | None = parsed.get("voorstel")
    besluit: Besluit | None = parsed.get("besluit")
    waarschuwing: Waarschuwing | None = parsed.get("waarschuwing")
    afloop: AfloopRecord | None = parsed.get("afloop")
    if overtreding is None:
        return rules["no_violation"] if parsed else None
    found = overtreding.vastgesteld_op
    if voorstel is not None:
        if voorstel.bedrag_cents > statutory_maximum(overtreding.soort):
            return rules["proposal_above_maximum"]
        if voorstel.berekend_op < found:
            return rules["proposal_before_violation"]
        if any(e.boete.vastgesteld_op > found for e in voorstel.eerdere):
            return rules["earlier_after_violation"]
    if besluit is not None:
        if voorstel is None:
            return rules["no_proposal"]
        if besluit.bedrag_cents > voorstel.bedrag_cents:
            return rules["decision_above_proposal"]
        if besluit.opleggen and besluit.bedrag_cents == 0:
            return rules["decision_zero"]
        if besluit.dagtekening < found:
            return rules["decision_before_violation"]
        if waarschuwing is not None and waarschuwing.op > besluit.dagtekening:
            return rules["warning_after_decision"]
        term = besluit.nieuwe_termijn_tot
        if term is not None:
            if term <= besluit.dagtekening:
                return rules["term_before_decision"]
            if overtreding.soort.artikel_22 and term > add_months(
                besluit.dagtekening, INTAKE_NEW_TERM_MONTHS
            ):
                return rules["intake_term_too_long"]
        if besluit.grondslag is not None and besluit.grondslag != grondslag_of(steps):
            return rules["decision_basis"]
    if afloop is not None:
        if besluit is None or not besluit.opleggen:
            return rules["end_without_imposed_decision"]
        if afloop.op < besluit.dagtekening:
            return rules["end_before_decision"]
        if afloop.status is Afloop.ONHERROEPELIJK and afloop.op < final_from(besluit.dagtekening):
            return rules["final_in_objection_period"]
    return None


def record_steps(fields: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The stored steps of every record in a case's ``fields``: record id → step name →
    stored value (steps removed, ``None``, left out)."""
    out: dict[str, dict[str, Any]] = {}
    for field_key, value in fields.items():
        match = KEY.fullmatch(field_key)
        if match is not None and value is not None:
            out.setdefault(match.group(1), {})[match.group(2)] = value
    return out


def check_record(steps: Mapping[str, Any]) -> None:
    """Raise :class:`RecordInconsistent` when :func:`record_problem` finds one."""
    rule = record_problem(steps)
    if rule is not None:
        raise RecordInconsistent(rule)


# --- the record in its case --------------------------------------------------------------

DATE_SLACK_DAYS = 1
"""A step may be dated this many days after the checking side's day: two clocks (a laptop's
and the office's) may differ by a day around midnight or across time zones."""


@dataclass(frozen=True)
class CaseFacts:
    """What the rules over a record in its case need beyond the record: ``today``, the
    checking side's UTC day (the office's at a push, the laptop's at a pull or a write;
    ``None``: no bound after, as for stored data read without a clock);
    ``brp_registration``: the case's BRP registration (``None``: unknown); and
    ``termijn_end``: the last day of the inburgeringstermijn (``None`` before a PIP is
    set, ``deadlines.termijn_end``)."""

    today: date | None = None
    brp_registration: date | None = None
    termijn_end: date | None = None


def case_facts(
    brp_registration: date | None, pip_date: date | None, today: date | None
) -> CaseFacts:
    """:class:`CaseFacts` from the case's BRP registration and PIP date (the termijn runs
    36 months from the day after the first PIP, Wet art. 11; ``domain.deadlines``)."""
    return CaseFacts(today, brp_registration, termijn_end(termijn_start(pip_date)))


def facts_of_fields(fields: Mapping[str, Any], today: date | None) -> CaseFacts:
    """:func:`case_facts` from stored case fields: ``dates.brp_registration`` as
    ``YYYY-MM-DD`` (a value that is no date reads as unknown) and the termijn's anchor as
    ``pip_fields.termijn_pip_date`` reads it (the first set ``pip.version.<n>``, not the
    free ``dates.pip_date``; attack round 9, finding 4)."""
    try:
        brp = _day(fields.get(BRP_KEY))
    except ValueError:
        brp = None
    return case_facts(brp, termijn_pip_date(fields), today)


BRP_KEY = "dates.brp_registration"
FACT_KEYS = (BRP_KEY, PIP_DATE_KEY)
FACT_PREFIXES = (VERSION_PREFIX,)
"""The case fields :func:`facts_of_fields` reads (by key, and every ``pip.version.<n>``
by prefix): a change to one of them rechecks every record of the case."""


def is_fact_key(key: str) -> bool:
    """Whether :func:`facts_of_fields` reads the case field ``key``."""
    return key in FACT_KEYS or key.startswith(FACT_PREFIXES)


def _step_days(parsed: Mapping[str, Any]) -> list[date]:
    """The days a record's steps are dated (each the day something happened or was
    decided); not a new term's end, which lies ahead by nature."""
    days: list[date] = [parsed["overtreding"].vastgesteld_op]
    if (w := parsed.get("waarschuwing")) is not None:
        days.append(w.op)
    if (v := parsed.get("voorstel")) is not None:
        days.append(v.berekend_op)
    if (b := parsed.get("besluit")) is not None:
        days.append(b.dagtekening)
    if (a := parsed.get("afloop")) is not None:
        days.append(a.op)
    return days


def _ceiling(
    overtreding: OvertredingRecord,
    voorstel: Voorstel,
    others: Mapping[str, Mapping[str, Any]],
    facts: CaseFacts,
) -> int:
    """The highest proposal the Besluit's own amounts allow for this violation with the
    earlier fines the proposal counts, each as the case holds it (``others``: the case's
    other records, parsed; :meth:`Handhaving.as_earlier`: its amount, its new term and
    whether and since when it is final come from the record's own decision and end, never
    from what the proposal says of them: attack round 8, finding 10, a proposal claiming
    an earlier fine final doubled the amount); ``fines.propose_fine`` with
    :class:`~inburg_desktop.domain.fines.FineSettings` at their Besluit defaults: a
    municipality may set lower amounts, never higher. Raises ``ValueError`` for an
    earlier fine the case does not hold (``earlier_not_in_case`` is checked first)."""
    earlier: list[EerdereBoete] = []
    for quoted in voorstel.eerdere:
        held = others[quoted.id]
        fine = Handhaving(
            quoted.id, held["overtreding"], besluit=held.get("besluit"), afloop=held.get("afloop")
        ).as_earlier()
        if fine is None:
            raise ValueError("not an imposed fine")
        earlier.append(fine)
    return propose_fine(overtreding.violation, earlier, facts.termijn_end).bedrag_cents


def _in_case_problem(
    parsed: Mapping[str, Any], others: Mapping[str, Mapping[str, Any]], facts: CaseFacts
) -> RecordRule | None:
    """The rules of a record that need its case (:func:`case_problems`), for a record
    :func:`record_problem` finds nothing in; ``others``: the case's other records, parsed."""
    rules = RECORD_RULES
    overtreding: OvertredingRecord = parsed["overtreding"]
    voorstel: Voorstel | None = parsed.get("voorstel")
    besluit: Besluit | None = parsed.get("besluit")
    days = _step_days(parsed)
    end = facts.termijn_end
    if (
        end is not None
        and overtreding.vastgesteld_op > end
        and (
            (voorstel is not None and voorstel.bedrag_cents > 0)
            or (besluit is not None and besluit.opleggen)
        )
    ):
        return rules["fine_after_termijn"]
    if facts.today is not None and max(days) > facts.today + timedelta(days=DATE_SLACK_DAYS):
        return rules["date_after_today"]
    if facts.brp_registration is not None and min(days) < facts.brp_registration:
        return rules["date_before_brp"]
    if voorstel is not None:
        for earlier in voorstel.eerdere:
            other = others.get(earlier.id)
            held = None if other is None else other.get("besluit")
            ot = None if other is None else other.get("overtreding")
            if (
                held is None
                or ot is None
                or not held.opleggen
                or held.bedrag_cents != earlier.boete.bedrag_cents
                or ot.soort is not earlier.boete.overtreding
                or ot.vastgesteld_op != earlier.boete.vastgesteld_op
            ):
                return rules["earlier_not_in_case"]
        try:
            ceiling = _ceiling(overtreding, voorstel, others, facts)
        except (ValueError, Problem):
            return rules["unreadable"]
        if voorstel.bedrag_cents > ceiling:
            return rules["proposal_above_rules"]
    term = None if besluit is None else besluit.nieuwe_termijn_tot
    if term is not None and besluit is not None and not overtreding.soort.artikel_22:
        if end is not None and term > end:
            return rules["term_after_termijn"]
        # no PIP date yet: the termijn starts the day after a PIP not yet dated, so a term
        # ending after the termijn of a PIP dated on the decision's own day is one no
        # termijn that can still come gives (attack round 7, finding 3: 2100 was taken)
        if end is None and term > termijn_end(termijn_start(besluit.dagtekening)):
            return rules["term_beyond_law"]
    return None


def case_problems(fields: Mapping[str, Any], facts: CaseFacts) -> dict[str, RecordRule]:
    """Every record of a case that breaks a rule, with the first rule it breaks: record id
    → :class:`RecordRule`. ``fields``: the case's fields as they stand or would stand
    (its ``handhaving.*`` keys at least); ``facts``: :class:`CaseFacts`.

    Beyond :func:`record_problem` (the record alone): every step dated at most
    :data:`DATE_SLACK_DAYS` after ``facts.today`` and not before the BRP registration
    (``date_after_today``, Awb art. 3:2; ``date_before_brp``, Wet art. 14 lid 1); each
    earlier fine a proposal counts is an imposed fine of this case as recorded
    (``earlier_not_in_case``, Besluit art. 7.1 lid 3); the proposal is at most what the
    Besluit's amounts give for its violation, culpability, Wet art. 27 and those earlier
    fines (``proposal_above_rules``, Besluit art. 7.1 lid 2-5, through
    ``fines.propose_fine``); an art. 23 fine's new term ends within the termijn when it
    is known (``term_after_termijn``, Wet art. 11 and 23: the PIP's obligations are
    those of the termijn; the intake's two months are :func:`record_problem`'s), and
    before a PIP date is known within the termijn a PIP dated on the decision's day would
    give (``term_beyond_law``, attack round 7, finding 3); no fine is proposed or imposed
    for a violation found after the termijn's last day (``fine_after_termijn``, Wet art.
    11 and 23: the municipality enforces the PIP in the termijn; attack round 8, finding
    11); the ceiling counts each earlier fine as the case holds it, its finality
    included (attack round 8, finding 10); and the
    fines imposed and standing (not withdrawn) for violations found up to the termijn's
    end together stay within the Besluit's total maximum, € 2.400
    (``total_above_maximum``, Besluit art. 7.1; counted in the order the decisions were
    dated, so the fine that goes over it, and every one after, is the one named).
    A record that breaks a rule is not counted toward another's total. Pure; never
    raises."""
    steps_of = record_steps(fields)
    out: dict[str, RecordRule] = {}
    parsed_of: dict[str, dict[str, Any]] = {}
    for record_id, steps in steps_of.items():
        rule = record_problem(steps)
        if rule is not None:
            out[record_id] = rule
            continue
        parsed = _parsed_steps(steps)
        assert parsed is not None and "overtreding" in parsed  # record_problem read them
        parsed_of[record_id] = parsed
    for record_id, parsed in parsed_of.items():
        others = {k: v for k, v in parsed_of.items() if k != record_id}
        rule = _in_case_problem(parsed, others, facts)
        if rule is not None:
            out[record_id] = rule
    imposed = sorted(
        (
            (p["besluit"].dagtekening, p["overtreding"].vastgesteld_op, record_id)
            for record_id, p in parsed_of.items()
            if record_id not in out
            and (b := p.get("besluit")) is not None
            and b.opleggen
            and (p.get("afloop") is None or p["afloop"].status is not Afloop.VERVALLEN)
            and (facts.termijn_end is None or p["overtreding"].vastgesteld_op <= facts.termijn_end)
        )
    )
    total = 0
    for _day_of, _found, record_id in imposed:
        total += parsed_of[record_id]["besluit"].bedrag_cents
        if total > BESLUIT_AMOUNTS["totaal_maximum_cents"]:
            out[record_id] = RECORD_RULES["total_above_maximum"]
    return out


def change_problem(before: Mapping[str, Any], after: Mapping[str, Any]) -> RecordRule | None:
    """The rule a change to one record breaks that its state alone does not show:
    ``before``/``after``: step name → stored value (as :func:`record_problem` takes
    them). A decision that is new or changed must record what it rests on
    (``decision_without_basis``, Awb art. 3:46: the app writes ``grondslag`` with every
    decision); while a decision stored without it stands (one recorded before version
    2026-12), its violation, warning and proposal cannot be changed, since nothing shows
    what it was taken on (``basis_unknown``; attack round 7, finding 16). Pure."""
    decision = after.get("besluit")
    if (
        decision is not None
        and decision != before.get("besluit")
        and (not isinstance(decision, dict) or "grondslag" not in decision)
    ):
        return RECORD_RULES["decision_without_basis"]
    held = before.get("besluit")
    if (
        isinstance(held, dict)
        and "grondslag" not in held
        and after.get("besluit") == held
        and any(before.get(s) != after.get(s) for s in ("overtreding", "waarschuwing", "voorstel"))
    ):
        return RECORD_RULES["basis_unknown"]
    return None


def records(fields: Mapping[str, Any]) -> tuple[Handhaving, ...]:
    """Every readable enforcement record of a case's fields, oldest violation first (then
    by id).

    A record with a step that does not parse (a value from a newer version, or one no
    version writes) is left out whole and named by :func:`unreadable`: shown with only
    some of its steps it would let a decision be taken twice or a letter omit what it
    rests on. Reading never raises for one record's values (attack round 6, finding 1:
    one bad step hid every record of the case)."""
    out: list[Handhaving] = []
    for record_id, values in record_steps(fields).items():
        parsed = _parsed_steps(values)
        if parsed is None or "overtreding" not in parsed:
            continue
        out.append(
            Handhaving(
                record_id,
                parsed["overtreding"],
                parsed.get("waarschuwing"),
                parsed.get("voorstel"),
                parsed.get("besluit"),
                parsed.get("afloop"),
            )
        )
    return tuple(sorted(out, key=lambda r: (r.overtreding.vastgesteld_op, r.id)))


def unreadable(fields: Mapping[str, Any]) -> tuple[str, ...]:
    """The ids of the records :func:`records` leaves out (a step that does not parse, or
    no readable violation), sorted."""
    return tuple(
        sorted(
            record_id
            for record_id, values in record_steps(fields).items()
            if (parsed := _parsed_steps(values)) is None or "overtreding" not in parsed
        )
    )


def _parsed_steps(values: Mapping[str, Any]) -> dict[str, Any] | None:
    parsed: dict[str, Any] = {}
    for stap, value in values.items():
        try:
            parsed[stap] = _PARSERS[stap](value)
        except Exception:  # a pulled value of any kind must not stop the rest
            return None
    return parsed
