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
steps never conflict; a step changed on both is a conflict of that step alone.

:func:`stored_problem` is the one shape rule: the office refuses a value it breaks
(``protocol/field_rules.py``), the laptop before it pushes, and the conflict view before it
writes a chosen side. Pure: no I/O, no clock.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from inburg_desktop.domain.fines import (
    BoeteStatus,
    EerdereBoete,
    NieuweTermijn,
    Overtreding,
    Verwijtbaarheid,
    Violation,
)
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.pip import MAX_NAAM, Besluitnemer
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.text import Reason

PREFIX = "handhaving."
STAPPEN = ("overtreding", "waarschuwing", "voorstel", "besluit", "afloop")
KEY = re.compile(r"handhaving\.([0-9a-f]{12})\.(" + "|".join(STAPPEN) + r")")
MAX_TEXT = 4000
"""Characters in a free text (what happened, a reason): a page of the letter at most."""
MAX_STEPS = 20
MAX_EARLIER = 200
INTAKE_NEW_TERM_MONTHS = 2  # Wet art. 22: the new term after an intake fine, at most


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
    ``handhaving_already_decided``, ``handhaving_already_ended``."""

    default_code = "handhaving_invalid"


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


def _text(value: Any, *, required: bool) -> str:
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise ValueError("not text")
    if required and not value.strip():
        raise ValueError("empty")
    if any((ord(c) < 32 and c not in "\n\t") or c == "\x7f" for c in value):
        raise ValueError("control characters")
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
    if not isinstance(params, dict) or not all(
        isinstance(k, str) and isinstance(p, str) and len(p) <= MAX_NAAM for k, p in params.items()
    ):
        raise ValueError("not params")
    try:
        text.format(**params)
    except (KeyError, IndexError, ValueError):
        raise ValueError("placeholders") from None
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
    }


def parse_besluit(value: Any) -> Besluit:
    v = _exact(
        value, {"opleggen", "bedrag_cents", "reden", "dagtekening", "nieuwe_termijn_tot", "door"}
    )
    door = _exact(v["door"], {"naam", "id", "tijdstip"})
    if not isinstance(v["opleggen"], bool):
        raise ValueError("not a boolean")
    if not all(isinstance(door[k], str) for k in ("naam", "id", "tijdstip")):
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
    )


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


def records(fields: Mapping[str, Any]) -> tuple[Handhaving, ...]:
    """Every enforcement record of a case's fields, oldest violation first (then by id).

    A step that does not parse (a value from a newer version) is left out of its record;
    a record without a readable ``overtreding`` is left out whole."""
    steps: dict[str, dict[str, Any]] = {}
    for field_key, value in fields.items():
        match = KEY.fullmatch(field_key)
        if match is None or value is None:
            continue
        try:
            steps.setdefault(match.group(1), {})[match.group(2)] = _PARSERS[match.group(2)](value)
        except (ValueError, TypeError, Problem):
            continue
    out = [
        Handhaving(
            record_id,
            parts["overtreding"],
            parts.get("waarschuwing"),
            parts.get("voorstel"),
            parts.get("besluit"),
            parts.get("afloop"),
        )
        for record_id, parts in steps.items()
        if "overtreding" in parts
    ]
    return tuple(sorted(out, key=lambda r: (r.overtreding.vastgesteld_op, r.id)))
