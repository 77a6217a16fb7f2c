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

Pure: no project imports, no framework. The stored form is plain JSON (:func:`to_stored`,
:func:`from_stored`); reading tolerates a value a newer version wrote (an unknown relation
reads as :attr:`Relatie.OVERIG`, unknown keys are ignored), never raises.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


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
            return date.fromisoformat(value)
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
