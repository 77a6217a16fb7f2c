"""The consultant who uses this vault: the name every PIP carries and the identity a
decision records.

A PIP names the consultant (the identification, the signature block, the annex's
"contact" line); "uw consulent" is no name, so no PIP is produced without one
(:class:`ConsulentOnbekend`). The name is a setting in the vault (``consulent.naam``),
asked before enrollment and before the first PIP, editable later; until it is set, the
name the office enrolled this laptop for (``sync.consultant``) is used.

Setting or amending a PIP records who decided and when (AVG art. 22, a human decision;
:class:`~inburg_desktop.domain.pip.Besluitnemer`): the name and the consultant's
identity, which is the office account once enrolled and otherwise this vault's own id
(``consulent.id``, created once, a random UUID: it identifies the vault's consultant, it
says nothing about them).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from inburg_desktop.domain.pip import MAX_NAAM, Besluitnemer
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.safe_text import name_problem, person_name
from inburg_desktop.domain.text import Reason
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.sync_state import enrollment, get_setting, set_setting

NAAM_SETTING = "consulent.naam"
ID_SETTING = "consulent.id"
ENROLLED_SETTING = "sync.consultant"  # the office account (``sync_state.DEVICE_KEYS``)
NOT_A_NAME = frozenset({"uw consulent", "de consulent", "consulent", "your consultant"})
"""Words that stand where a name should: refused as a name (a PIP would print them)."""


class ConsulentOnbekend(Problem, LookupError):
    """No consultant's name is set, so no PIP is produced (it would name nobody).
    Code ``consulent_unknown``."""

    default_code = "consulent_unknown"


class NaamGeweigerd(Problem, ValueError):
    """The name typed cannot be used; nothing was stored. Codes ``consulent_name_empty``,
    ``consulent_name_too_long`` (``limit``), ``consulent_name_not_a_name`` (``text``, the
    words typed: the consultant's own input, shown back), ``consulent_name_hidden``
    (``reasons``: the name rule's reason, naming the character as ``U+XXXX NAME``)."""

    reasons: tuple[Reason, ...] = ()

    default_code = "consulent_name_empty"


@dataclass(frozen=True)
class Consulent:
    """The consultant as the vault knows them.

    ``naam``: the name PIPs carry, ``None`` while none is set; ``eigen_naam``: whether
    it was set as the setting (``False``: taken from the enrollment); ``office_account``:
    the name the office enrolled this laptop for, ``None`` when not enrolled.
    """

    naam: str | None
    eigen_naam: bool
    office_account: str | None


def _text(value: object) -> str | None:
    # NFC on reading too: a name stored before names were normalised (attack round 6 #9)
    # reads, compares and prints as the one spelling.
    return person_name(value) if isinstance(value, str) and value.strip() else None


def current(session: Session) -> Consulent:
    """The consultant of this vault (read-only)."""
    own = _text(get_setting(session, NAAM_SETTING))
    enrolled = _text(get_setting(session, ENROLLED_SETTING))
    return Consulent(own or enrolled, own is not None, enrolled)


def name_of(session: Session) -> str:
    """The name every PIP carries; :class:`ConsulentOnbekend` while none is set."""
    naam = current(session).naam
    if naam is None:
        raise ConsulentOnbekend()
    return naam


def check_name(naam: str) -> str:
    """``naam`` stripped and in NFC (``domain.safe_text.person_name``), or
    :class:`NaamGeweigerd` with its code: empty, longer than 200 characters, a word that
    stands for a name ("uw consulent"), or characters that hide or turn text around, or
    that are no part of a name (the one name rule, ``domain.safe_text.name_problem``)."""
    text = person_name(naam)
    if not text:
        raise NaamGeweigerd("consulent_name_empty")
    if len(text) > MAX_NAAM:
        raise NaamGeweigerd("consulent_name_too_long", limit=MAX_NAAM)
    if text.casefold() in NOT_A_NAME:
        raise NaamGeweigerd("consulent_name_not_a_name", text=text)
    # the rule reads the name as typed (NFC would silently turn U+212A KELVIN SIGN into K,
    # which the rule refuses with its sentence); the result is the NFC form
    if (problem := name_problem(naam.strip())) is not None:
        refused = NaamGeweigerd("consulent_name_hidden")
        refused.reasons = (problem,)  # the edge appends it in the UI language
        raise refused
    return text


def _consulent_id(session: Session) -> str:
    """The office account when enrolled, else this vault's own id (created once)."""
    account = enrollment(session)
    if account is not None:
        return account.consultant
    own = _text(get_setting(session, ID_SETTING))
    if own is None:
        own = f"kluis-{uuid.uuid4()}"
        set_setting(session, ID_SETTING, own)
    return own


def besluitnemer(session: Session, moment: datetime | None = None) -> Besluitnemer:
    """Who decides now, in the caller's transaction (it may create ``consulent.id``):
    the name, the identity and ``moment`` (default: now, UTC, to the second).

    Raises :class:`ConsulentOnbekend` while no name is set.

    While the vault is enrolled the decider is the office account, named as the office
    names it: the office takes a decision only with its consultant's own name as the
    printed decider (``protocol.decider``, attack round 7, findings 4 and 14), so the
    name set with ``inburg consulent --naam`` is the decider's only without an office.
    """
    account = enrollment(session)
    naam = account.consultant if account is not None else name_of(session)
    when = (moment or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    return Besluitnemer(naam, _consulent_id(session), when.isoformat())


# --- use cases (each its own transaction) ------------------------------------------------


def read(vault: Vault) -> Consulent:
    """The consultant of the open vault, in one read-only session."""
    with vault.session() as session:
        return current(session)


def save_name(vault: Vault, naam: str) -> Consulent:
    """Store the consultant's name (checked by :func:`check_name`, :class:`NaamGeweigerd`
    and nothing stored otherwise); PIPs set earlier keep the name they were set with."""
    text = check_name(naam)
    with vault.transaction() as session:
        set_setting(session, NAAM_SETTING, text)
        return current(session)
