"""The household of an inburgeraar (gezinssituatie), as the case itself holds it.

The brede intake covers the family situation (DOMAIN.md: gezinssituatie; childcare and
VVE for the children, Wet art. 15 lid 1 d; Besluit art. 5.2 lid 1: personal
circumstances), and a gezinsmigrant comes to a *referent* (the family member in the
Netherlands the residence permit is tied to). The case holds its members as one field:
a list of members, each with a relation, and optionally a name, a date of birth, whether
they are inburgeringsplichtig themselves, their V-nummer (and the case on this laptop that
holds it) and a short note.

A warme-overdracht file may carry a household too (``domain.handover.HouseholdMember``:
COA's relation codes, in English, and a date of birth). That list is the sender's record
and stays as it came (``handover.household``); :func:`from_handover` is what it means as
the case's household until the consultant records the household themselves.

The rule of a stored household (:func:`stored_problem`) lives here once: the office
checks a pushed household with it (``protocol.field_rules``), the laptop a pulled one
(``sync.apply`` through the same field rules) and a saved or merged one
(``services.household``), so no side accepts what another refuses (attack round 4).

Pure: no imports beyond the domain, no framework. The stored form is plain JSON (:func:`to_stored`,
:func:`from_stored`); reading tolerates a value a newer version wrote (an unknown relation
reads as :attr:`Relatie.OVERIG`, unknown keys are ignored), never raises.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Literal

from inburg_desktop.domain.iso_date import is_iso_date_text, parse_iso_date
from inburg_desktop.domain.safe_text import free_text_problem, name_problem


class Relatie(StrEnum):
    """How a member relates to the inburgeraar (the terms of DOMAIN.md and the intake)."""

    PARTNER = "partner"
    KIND = "kind"
    REFERENT = "referent"  # the gezinsmigrant's family member in NL (the sponsor)
    OUDER = "ouder"
    OVERIG = "overig"


# COA and municipal systems spell relations in English (``domain.handover``; the intake's
# own mapping is services.intake_coa.RELATIONS): what the case's household makes of them.
HANDOVER_RELATIONS: Mapping[str, Relatie] = {
    "partner": Relatie.PARTNER,
    "spouse": Relatie.PARTNER,
    "husband": Relatie.PARTNER,
    "wife": Relatie.PARTNER,
    "child": Relatie.KIND,
    "son": Relatie.KIND,
    "daughter": Relatie.KIND,
    "stepchild": Relatie.KIND,
    "foster_child": Relatie.KIND,
    "parent": Relatie.OUDER,
    "father": Relatie.OUDER,
    "mother": Relatie.OUDER,
    "referent": Relatie.REFERENT,
    "sponsor": Relatie.REFERENT,
}


@dataclass(frozen=True)
class Gezinslid:
    """One household member.

    ``inburgeringsplichtig``: ``True``/``False`` as far as known, ``None`` when not known;
    ``v_nummer``: ten digits; ``case_id``: the case on this laptop of that V-nummer (the
    member's own dossier), ``None`` when there is none here. ``sender_relation``: the
    relation as a handover file spelled it when it maps to no :class:`Relatie` of its
    own (``"sibling"``), kept so that nothing the sender said is hidden.
    """

    relatie: Relatie
    naam: str | None = None
    geboortedatum: date | None = None
    inburgeringsplichtig: bool | None = None
    v_nummer: str | None = None
    case_id: str | None = None
    notitie: str | None = None
    sender_relation: str | None = None


Huishouden = tuple[Gezinslid, ...]


def to_stored(members: Iterable[Gezinslid]) -> list[dict[str, Any]]:
    """``members`` as the field stores them: a list of objects, dates as ``YYYY-MM-DD``,
    absent values left out (so an older reader meets no ``null`` it did not expect)."""
    out: list[dict[str, Any]] = []
    for m in members:
        row: dict[str, Any] = {"relation": m.relatie.value}
        for key, value in (
            ("name", m.naam),
            ("date_of_birth", None if m.geboortedatum is None else m.geboortedatum.isoformat()),
            ("inburgeringsplichtig", m.inburgeringsplichtig),
            ("v_nummer", m.v_nummer),
            ("case_id", m.case_id),
            ("note", m.notitie),
            ("sender_relation", m.sender_relation),
        ):
            if value is not None:
                row[key] = value
        out.append(row)
    return out


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _day(value: object) -> date | None:
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return parse_iso_date(value)
    return None


def _relatie(value: object) -> tuple[Relatie, str | None]:
    """A stored relation: one of :class:`Relatie`, else a handover code it maps to, else
    :attr:`Relatie.OVERIG` with the word kept."""
    word = str(value or "").strip()
    with contextlib.suppress(ValueError):
        return Relatie(word), None
    mapped = HANDOVER_RELATIONS.get(word.lower())
    if mapped is not None:
        return mapped, None
    return Relatie.OVERIG, word or None


def from_stored(value: object) -> Huishouden:
    """The members of a stored household field; what cannot be read is skipped (a value
    that is no list is no household). Never raises: a newer version may have written it."""
    if not isinstance(value, list):
        return ()
    out: list[Gezinslid] = []
    for row in value:
        if not isinstance(row, Mapping):
            continue
        relatie, word = _relatie(row.get("relation"))
        plichtig = row.get("inburgeringsplichtig")
        out.append(
            Gezinslid(
                relatie=relatie,
                naam=_text(row.get("name")),
                geboortedatum=_day(row.get("date_of_birth")),
                inburgeringsplichtig=plichtig if isinstance(plichtig, bool) else None,
                v_nummer=_text(row.get("v_nummer")),
                case_id=_text(row.get("case_id")),
                notitie=_text(row.get("note")),
                sender_relation=_text(row.get("sender_relation")) or word,
            )
        )
    return tuple(out)


def from_handover(value: object) -> Huishouden:
    """A handover's stored household (``[{relation, date_of_birth, ...}]``, COA's codes)
    as the case's household: each code mapped (:data:`HANDOVER_RELATIONS`), a code of no
    relation of its own kept as the sender's word beside :attr:`Relatie.OVERIG`."""
    if not isinstance(value, list):
        return ()
    out: list[Gezinslid] = []
    for row in value:
        if not isinstance(row, Mapping):
            continue
        relatie, word = _relatie(row.get("relation"))
        out.append(
            Gezinslid(
                relatie=relatie, geboortedatum=_day(row.get("date_of_birth")), sender_relation=word
            )
        )
    return tuple(out)


def kinderen(members: Iterable[Gezinslid]) -> tuple[Gezinslid, ...]:
    """The children (relation :attr:`Relatie.KIND`), in the order recorded."""
    return tuple(m for m in members if m.relatie is Relatie.KIND)


MAX_MEMBERS = 50
"""More members than any household has: a typing accident or a hostile file."""
MAX_NAME = 200
MAX_NOTE = 500
FIRST_YEAR = 1900
LAST_YEAR = 2100
STORED_KEYS = frozenset(
    {
        "relation",
        "name",
        "date_of_birth",
        "inburgeringsplichtig",
        "v_nummer",
        "case_id",
        "note",
        "sender_relation",
    }
)
"""The keys :func:`to_stored` writes; a member with any other key is refused."""
_TEXT_KEYS = STORED_KEYS - {"inburgeringsplichtig"}

HouseholdField = Literal[
    "", "relatie", "naam", "geboortedatum", "v_nummer", "notitie", "inburgeringsplichtig"
]


@dataclass(frozen=True)
class HouseholdProblem:
    """Why a stored household is refused: ``code`` (a message code of the household
    rules, e.g. ``household_born_future``), ``member`` (0-based index; ``None`` for the
    household as a whole), ``field`` (which of the member's fields) and the message's
    ``params`` (``most``, ``other``, ``first``, ``last``). Never holds a value."""

    code: str
    member: int | None = None
    field: HouseholdField = ""
    params: tuple[tuple[str, int], ...] = ()


def _is_v_nummer(value: str) -> bool:
    return len(value) == 10 and value.isascii() and value.isdigit()


def stored_problem(
    value: object, today: date, *, own_v_nummer: str | None = None
) -> HouseholdProblem | None:
    """The first reason the stored household ``value`` breaks the household rules, or
    ``None`` when it keeps them (``None`` and ``[]`` are no household and keep them).
    The one household rule: the office, a pull, a merge and every save
    (``services.household.check_members``) apply it, so none accepts what another refuses.

    The rules: a list of at most :data:`MAX_MEMBERS` objects with only
    :data:`STORED_KEYS`; a relation of :class:`Relatie` and at most one referent (a
    gezinsmigrant's residence is tied to one family member, Vreemdelingenbesluit 2000
    art. 3.13); a name and a sender's relation word of at most :data:`MAX_NAME`
    characters by the name rule (``safe_text.name_problem``); a note of at most
    :data:`MAX_NOTE` characters without hidden characters; a date of birth as
    ``YYYY-MM-DD`` of a day in :data:`FIRST_YEAR`..:data:`LAST_YEAR` not after
    ``today``; ``inburgeringsplichtig`` true, false or absent; a V-nummer of ten ASCII
    digits, not twice, and not ``own_v_nummer`` (the inburgeraar's own, when the caller
    knows the case: a household member is someone else)."""
    if value is None or value == []:
        return None
    if not isinstance(value, list):
        return HouseholdProblem("household_not_a_list")
    if len(value) > MAX_MEMBERS:
        return HouseholdProblem("household_too_many", params=(("most", MAX_MEMBERS),))
    referent: int | None = None
    seen_v: dict[str, int] = {}
    for index, row in enumerate(value):
        if not isinstance(row, Mapping) or not set(row) <= STORED_KEYS:
            # What no version writes reads as a member without a relation we know.
            return HouseholdProblem("household_relation", index, "relatie")
        if not all(row.get(key) is None or isinstance(row.get(key), str) for key in _TEXT_KEYS):
            return HouseholdProblem("household_not_a_list", index)
        relation = row.get("relation")
        if relation not in {r.value for r in Relatie}:
            return HouseholdProblem("household_relation", index, "relatie")
        if relation == Relatie.REFERENT.value:
            if referent is not None:
                return HouseholdProblem(
                    "household_two_referents", index, "relatie", (("other", referent + 1),)
                )
            referent = index
        for key in ("name", "sender_relation"):
            text = row.get(key)
            if text is None:
                continue
            if not text.strip():
                return HouseholdProblem(
                    "household_name_hidden", index, "naam" if key == "name" else "relatie"
                )
            if len(text) > MAX_NAME:
                return HouseholdProblem(
                    "household_name_too_long", index, "naam", (("most", MAX_NAME),)
                )
            # the stored form is trimmed (services.household): the rule reads the words
            if name_problem(text.strip()) is not None:
                return HouseholdProblem(
                    "household_name_hidden", index, "naam" if key == "name" else "relatie"
                )
        born = row.get("date_of_birth")
        if born is not None:
            if not is_iso_date_text(born):
                return HouseholdProblem("value_no_such_date", index, "geboortedatum")
            try:
                day = parse_iso_date(born)
            except ValueError:
                return HouseholdProblem("value_no_such_date", index, "geboortedatum")
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                return HouseholdProblem(
                    "household_born_range",
                    index,
                    "geboortedatum",
                    (("first", FIRST_YEAR), ("last", LAST_YEAR)),
                )
            if day > today:
                return HouseholdProblem("household_born_future", index, "geboortedatum")
        if not isinstance(row.get("inburgeringsplichtig"), bool | None):
            return HouseholdProblem("household_not_a_list", index, "inburgeringsplichtig")
        v_nummer = row.get("v_nummer")
        if v_nummer is not None:
            if not _is_v_nummer(v_nummer):
                return HouseholdProblem("household_v_nummer", index, "v_nummer")
            if v_nummer == own_v_nummer:
                return HouseholdProblem("household_v_nummer_own", index, "v_nummer")
            if v_nummer in seen_v:
                return HouseholdProblem(
                    "household_v_nummer_twice",
                    index,
                    "v_nummer",
                    (("other", seen_v[v_nummer] + 1),),
                )
            seen_v[v_nummer] = index
        note = row.get("note")
        if note is not None:
            if len(note) > MAX_NOTE:
                return HouseholdProblem(
                    "household_note_too_long", index, "notitie", (("most", MAX_NOTE),)
                )
            if free_text_problem(note) is not None:
                return HouseholdProblem("household_note_hidden", index, "notitie")
    return None
