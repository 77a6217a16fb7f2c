"""The household members of a case (gezinssituatie): read, checked and saved as one field.

The case owns its household in the field :data:`HOUSEHOLD_KEY` (``domain.household``: a
list of members). A case whose consultant never recorded one shows what its handover file
said (``handover.household``, read through ``domain.household.from_handover``): that list
stays as the sender's record and is never rewritten here, so a handover import works as
before and a vault of an older version keeps and shows its data without a migration (the
field is a new key of the existing ``fields`` table; no column changes).

:func:`save` is the use case: it receives the open vault, checks the members
(:func:`check_members`, the rules below, raising :class:`HouseholdRefused` naming the
member and field; nothing is written then), links a member's V-nummer to a case on this
laptop, and writes the field as a screen edit (``storage.stale_writes``: outbox, so it
syncs; changed underneath since the editor loaded it, it is kept as a conflict and the
consultant chooses in the conflict view). The office stores it like any other list field
(``protocol.field_rules``: within the size one value may have).

Rules (each refusal a code of ``inburg_desktop.messages``; the rule itself is
``domain.household.stored_problem``, which the office, a pull and a merge apply too, so this
module keeps no copy of it):

- a relation of ``domain.household.Relatie``; at most one referent (a gezinsmigrant's
  residence is tied to one family member here, Vreemdelingenbesluit 2000 art. 3.13);
- a name of at most :data:`MAX_NAME` characters, with something visible and no
  control, bidi or invisible characters (the handover's name rule,
  ``domain.safe_text.name_problem``);
- a date of birth not in the future and within 1900–2100 (``domain.typed_date``'s range);
- a V-nummer of ten digits (a leading "V" and spaces are dropped), not the inburgeraar's
  own and not twice in the household;
- a note of at most :data:`MAX_NOTE` characters without control or bidi characters;
- at most :data:`MAX_MEMBERS` members. With the limits on names and notes the fullest
  household stays within what one field may hold at the office
  (``protocol.messages.MAX_VALUE_BYTES``; a test keeps it so), so a saved household can
  always be sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain import household as domain
from inburg_desktop.domain.household import Gezinslid, Huishouden, Relatie
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.safe_text import person_name
from inburg_desktop.formatting import format_date, relatie_label
from inburg_desktop.i18n import _
from inburg_desktop.protocol import field_rules
from inburg_desktop.protocol.handover_fields import HOUSEHOLD as HANDOVER_HOUSEHOLD
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import StoredCase, get_case
from inburg_desktop.storage.stale_writes import apply_screen_edit
from inburg_desktop.storage.tables import CaseRow

HOUSEHOLD_KEY = field_rules.HOUSEHOLD_KEY
"""The case's own household field (a list; ``domain.household.to_stored``)."""
MAX_MEMBERS = domain.MAX_MEMBERS
"""More members than any household has: a typing accident (the intake's rows alike)."""
MAX_NAME = domain.MAX_NAME
MAX_NOTE = domain.MAX_NOTE

Field = Literal["relatie", "naam", "geboortedatum", "v_nummer", "notitie", ""]


class HouseholdRefused(Problem, ValueError):
    """Members that cannot be stored; nothing was written.

    ``member``: the 0-based index of the member concerned (``None``: the household as a
    whole); ``field``: which of its fields. The message (``code``, with ``number``, the
    1-based member number people read) never quotes a value.
    """

    default_code = "household_relation"

    def __init__(
        self, code: str, /, member: int | None = None, field: Field = "", **params: object
    ) -> None:
        if member is not None:
            params.setdefault("number", member + 1)
        super().__init__(code, **params)
        self.member = member
        self.field = field


def normal_v_nummer(text: str | None) -> str | None:
    """A typed V-nummer without spaces, dots and a leading "V" (``"V 12345 67890"`` →
    ``"1234567890"``); ``None`` when nothing is left. Not checked here."""
    if text is None:
        return None
    kept = re.sub(r"[\s.\-]", "", text)
    if kept[:1] in ("V", "v"):
        kept = kept[1:]
    return kept or None


def _tidy(member: Gezinslid) -> Gezinslid:
    def text(value: str | None) -> str | None:
        value = (value or "").strip()
        return value or None

    return replace(
        member,
        # NFC: one spelling of a member's name however its accents were typed
        naam=None if member.naam is None else text(person_name(member.naam)),
        notitie=text(member.notitie),
        v_nummer=normal_v_nummer(member.v_nummer),
    )


def _refused(problem: domain.HouseholdProblem) -> HouseholdRefused:
    field: Field = "" if problem.field == "inburgeringsplichtig" else problem.field
    return HouseholdRefused(problem.code, problem.member, field, **dict(problem.params))


def _as_stored(members: Sequence[Gezinslid]) -> list[dict[str, Any]]:
    """``members`` as the field would store them, so the domain's one rule reads them; a
    relation that is no :class:`Relatie` (an untyped caller's code) is stored as none,
    which the rule refuses at that member."""
    rows = domain.to_stored(
        replace(m, relatie=m.relatie if isinstance(m.relatie, Relatie) else Relatie.OVERIG)
        for m in members
    )
    for row, m in zip(rows, members, strict=True):
        if not isinstance(m.relatie, Relatie):
            row["relation"] = None
    return rows


def household_value(members: Sequence[Gezinslid]) -> list[dict[str, Any]]:
    """``members`` as the household field stores them (unchecked: what was typed)."""
    return _as_stored(members)


def check_members(
    members: Sequence[Gezinslid], today: date, *, own_v_nummer: str | None = None
) -> Huishouden:
    """The members as stored (texts trimmed, V-nummers normalised), or
    :class:`HouseholdRefused` for the first member and field that break a rule of the
    module docstring: the rule is ``domain.household.stored_problem``, applied to the
    members as they would be stored (one rule in one place for every save, pull, merge
    and the office)."""
    if len(members) > MAX_MEMBERS:
        raise HouseholdRefused("household_too_many", most=MAX_MEMBERS)
    tidy = tuple(_tidy(m) for m in members)
    problem = domain.stored_problem(_as_stored(tidy), today, own_v_nummer=own_v_nummer)
    if problem is not None:
        raise _refused(problem)
    return tidy


def check_stored(value: Any, today: date) -> list[dict[str, Any]] | None:
    """A stored household value (a conflict's side, a merged choice) as the field keeps
    it: each member an object with a known relation and the keys of
    ``domain.household.to_stored``, checked by ``domain.household.stored_problem`` and
    tidied as :func:`check_members` tidies; ``None`` for an empty list.
    :class:`HouseholdRefused` when it is none."""
    if value is None or value == []:
        return None
    problem = domain.stored_problem(value, today)
    if problem is not None:
        raise _refused(problem)
    members = check_members(domain.from_stored(value), today)
    return domain.to_stored(members)


@dataclass(frozen=True)
class HouseholdView:
    """A case's household as screens show it: ``members`` and where they come from
    (``case``: the consultant recorded them; ``handover``: what the handover file said,
    not yet recorded by the consultant; ``none``: nothing known)."""

    members: Huishouden
    source: Literal["case", "handover", "none"]


def household_of(stored: StoredCase) -> HouseholdView:
    """The case's household (module docstring: its own field, else its handover's)."""
    if HOUSEHOLD_KEY in stored.fields and stored.fields[HOUSEHOLD_KEY] is not None:
        return HouseholdView(domain.from_stored(stored.fields[HOUSEHOLD_KEY]), "case")
    handed = domain.from_handover(stored.fields.get(HANDOVER_HOUSEHOLD))
    return HouseholdView(handed, "handover" if handed else "none")


def _link_cases(session: Session, members: Huishouden, own_case: str | None) -> Huishouden:
    """Each member's ``case_id``: the case on this laptop with their V-nummer (one query),
    ``None`` when there is none (or it is the case itself)."""
    wanted = {m.v_nummer for m in members if m.v_nummer is not None}
    found: dict[str, str] = {}
    if wanted:
        rows = session.execute(
            select(CaseRow.v_nummer, CaseRow.id).where(CaseRow.v_nummer.in_(wanted))
        )
        found = {v: case for v, case in rows if v is not None and case != own_case}
    return tuple(
        replace(m, case_id=None if m.v_nummer is None else found.get(m.v_nummer)) for m in members
    )


def _unlinked(members: Iterable[Gezinslid]) -> Huishouden:
    """``members`` without their link to a case on this laptop (derived, not edited)."""
    return tuple(replace(m, case_id=None) for m in members)


def household_patch(
    session: Session,
    case_id: str,
    members: Sequence[Gezinslid],
    today: date,
    *,
    loaded: StoredCase | None = None,
    seen_version: int | None = None,
) -> HouseholdSaved:
    """Check and write ``members`` as the household of ``case_id`` in the caller's
    transaction (for a use case that saves more in the same transaction: Dossiergegevens,
    Nieuw dossier). ``loaded``: the case as the editor showed it; the field is then
    guarded against a change underneath (kept as a conflict, not overwritten).
    Raises :class:`HouseholdRefused`, ``NoSuchCase``."""
    stored = get_case(session, case_id)
    base = loaded or stored
    shown = _unlinked(household_of(base).members)
    if _unlinked(tuple(_tidy(m) for m in members)) == shown:
        # Untouched: a household that arrived by sync or a handover before a newer rule
        # refuses it must not block saving another field of the dialog (attack round 4);
        # it is not rewritten, and the editor says at the member what is wrong.
        return HouseholdSaved(changed=False, members=tuple(members))
    checked = _link_cases(
        session,
        check_members(members, today, own_v_nummer=stored.case.person.v_nummer),
        case_id,
    )
    if shown == _unlinked(checked):
        # What the editor showed, unchanged: a handover's household is not made the
        # consultant's record by saving another field of the dialog.
        return HouseholdSaved(changed=False, members=checked)
    value = domain.to_stored(checked)
    started = {HOUSEHOLD_KEY: base.fields.get(HOUSEHOLD_KEY)} if loaded is not None else {}
    kept = apply_screen_edit(
        session, case_id, {HOUSEHOLD_KEY: value}, started=started, seen_version=seen_version
    )
    return HouseholdSaved(changed=not kept, kept=tuple(kept), members=checked)


@dataclass(frozen=True)
class HouseholdSaved:
    """What a save did: ``changed`` (the field was written), ``kept`` (keys kept as a
    conflict because the case changed since it was loaded) and the members as stored."""

    changed: bool
    kept: tuple[str, ...] = ()
    members: Huishouden = ()


def load(vault: Vault, case_id: str) -> tuple[StoredCase, HouseholdView]:
    """The case and its household; ``NoSuchCase`` when unknown."""
    with vault.session() as session:
        stored = get_case(session, case_id)
    return stored, household_of(stored)


def save(
    vault: Vault,
    case_id: str,
    members: Sequence[Gezinslid],
    today: date,
    *,
    loaded: StoredCase | None = None,
) -> HouseholdSaved:
    """:func:`household_patch` in its own transaction: all of it or nothing."""
    with vault.transaction() as session:
        return household_patch(
            session,
            case_id,
            members,
            today,
            loaded=loaded,
            seen_version=None if loaded is None else loaded.server_version,
        )


# --- in words ----------------------------------------------------------------------------


def member_text(member: Gezinslid) -> str:
    """One member in the UI language: "Kind: Sara, geboren 1 aug 2021, ook
    inburgeringsplichtig (V 1234567890, eigen dossier)"."""
    relation = relatie_label(member.relatie)
    if member.sender_relation:
        relation = _("{relation} (‘{word}’)").format(relation=relation, word=member.sender_relation)
    parts: list[str] = []
    if member.naam:
        parts.append(member.naam)
    if member.geboortedatum is not None:
        parts.append(_("geboren {date}").format(date=format_date(member.geboortedatum)))
    if member.inburgeringsplichtig is True:
        if member.v_nummer and member.case_id:
            plicht = _("ook inburgeringsplichtig (V {number}, eigen dossier)")
        elif member.v_nummer:
            plicht = _("ook inburgeringsplichtig (V {number})")
        else:
            plicht = _("ook inburgeringsplichtig")
        parts.append(plicht.format(number=member.v_nummer))
    elif member.inburgeringsplichtig is False:
        parts.append(_("niet inburgeringsplichtig"))
    elif member.v_nummer:
        parts.append(f"V {member.v_nummer}")
    if member.notitie:
        parts.append(member.notitie)
    return f"{relation}: {', '.join(parts)}" if parts else relation


def household_lines(members: Iterable[Gezinslid]) -> list[str]:
    """Every member as :func:`member_text`, in the order recorded."""
    return [member_text(m) for m in members]


def stored_text(value: Any) -> str:
    """A stored household value in words, one member a line ("(leeg)" for none): how a
    conflict on the field is shown."""
    members = domain.from_stored(value)
    return "\n".join(household_lines(members)) if members else _("(leeg)")
