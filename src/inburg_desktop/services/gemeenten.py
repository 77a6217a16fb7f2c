"""Which gemeenten this laptop's consultant works for, from what the office published.

The office publishes its gemeenten and who works for which (``setting.gemeenten``,
``domain.gemeente_setting``); sync stores it as ``office.setting.gemeenten``. The
consultant is the office account this laptop is enrolled for (``sync.consultant``). So:

* no list published (an office with no gemeente recorded, a laptop without an office) or
  an unusable one: nothing known, no choice is offered and a new case has no gemeente
  (as before there were several);
* the consultant works for one: that one, shown and not chosen;
* for several: the consultant chooses (``ui.new_case_dialog``, ``inburg case import
  --gemeente``), and the case list names each case's gemeente.

A case's gemeente is the case field :data:`GEMEENTE_KEY`, a canonical CBS code.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from inburg_desktop.domain.gemeente import Gemeente, GemeenteError
from inburg_desktop.domain.gemeente_setting import (
    OFFICE_SETTING,
    KantoorGemeenten,
    parse_gemeenten,
)
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.domain.problem import Problem
from inburg_desktop.domain.text import Reason
from inburg_desktop.services.consulent import ENROLLED_SETTING
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import GEMEENTE_KEY as GEMEENTE_KEY
from inburg_desktop.storage.sync_state import get_setting

OFFICE_KEY = laptop_key(OFFICE_SETTING)
"""Where sync stores the office's list of gemeenten in the vault."""
CONSULTANT_KEY = ENROLLED_SETTING
"""This laptop's office account (``storage.sync_state.DEVICE_KEYS``; ``services.consulent``
keeps the key)."""


class GemeenteGeweigerd(Problem, ValueError):
    """A gemeente given for a case that is not one the consultant works for; nothing is
    written. Codes: ``gemeente_niet_van_consulent`` (``value``: what was given,
    ``keuze``: the consultant's gemeenten), ``gemeente_kiezen`` (several, none given),
    ``gemeente_geen_lijst`` (given while the office published none)."""

    default_code = "gemeente_niet_van_consulent"


@dataclass(frozen=True)
class GemeenteKeuze:
    """What the laptop knows of gemeenten: the office's list (``None``: none published or
    unusable, ``problem`` then says why in a :class:`Reason`) and the consultant's own
    gemeenten (:attr:`eigen`, by code)."""

    office: KantoorGemeenten | None
    eigen: tuple[Gemeente, ...] = ()
    problem: Reason | None = None

    @property
    def kiezen(self) -> bool:
        """Whether the consultant chooses a new case's gemeente (works for several)."""
        return len(self.eigen) > 1

    @property
    def vast(self) -> Gemeente | None:
        """The one gemeente a new case gets without a choice (works for exactly one)."""
        return self.eigen[0] if len(self.eigen) == 1 else None

    def naam(self, code: str | None) -> str | None:
        """The name of gemeente ``code`` as the office lists it (``None``: unknown)."""
        return None if self.office is None else self.office.naam(code)

    def list_names(self) -> dict[str, str]:
        """Code -> name of every gemeente of the office when the consultant works for
        several (the case list then names each case's gemeente), else nothing."""
        if self.office is None or not self.kiezen:
            return {}
        return {g.code: g.naam for g in self.office.kantoor.gemeenten}

    def label(self, code: str | None) -> str:
        """How a screen names a case's gemeente: "Wassenaar (GM0629)", the code alone
        when the office's list does not name it, "" for none."""
        if not code:
            return ""
        name = self.naam(code)
        return f"{name} ({code})" if name else code

    def gekozen(self, value: str | None, *, required: bool = True) -> str | None:
        """The code of the gemeente ``value`` names (its name in any case, or its code in
        any form ``domain.gemeente.gemeentecode`` takes) among the consultant's; with
        ``value`` empty, the one they work for, or ``None`` when nothing is known (or,
        with ``required`` false, when they work for several: an import leaves it open).

        Raises :class:`GemeenteGeweigerd` (see its codes) when ``value`` is none of theirs
        or several are theirs and none is given.
        """
        text = (value or "").strip()
        choices = ", ".join(self.label(g.code) for g in self.eigen)
        if not text:
            if self.kiezen and required:
                raise GemeenteGeweigerd("gemeente_kiezen", keuze=choices)
            return None if self.vast is None else self.vast.code
        if self.office is not None and not self.eigen:
            raise GemeenteGeweigerd("gemeente_niet_van_consulent", value=text[:100], keuze="-")
        if self.office is None or not self.eigen:
            raise GemeenteGeweigerd("gemeente_geen_lijst", value=text[:100])
        try:
            found = self.office.kantoor.find(text)
        except GemeenteError:
            raise GemeenteGeweigerd(
                "gemeente_niet_van_consulent", value=text[:100], keuze=choices
            ) from None
        if found not in self.eigen:
            raise GemeenteGeweigerd("gemeente_niet_van_consulent", value=found.naam, keuze=choices)
        return found.code


def gemeente_keuze(session: Session) -> GemeenteKeuze:
    """The office's gemeenten and the consultant's, read in ``session`` (two settings)."""
    value = get_setting(session, OFFICE_KEY)
    if value is None:
        return GemeenteKeuze(None)
    try:
        office = parse_gemeenten(value)
    except GemeenteError as exc:
        return GemeenteKeuze(None, problem=exc.reason)
    if office is None:
        return GemeenteKeuze(None)
    account = get_setting(session, CONSULTANT_KEY)
    return GemeenteKeuze(office, office.van(account if isinstance(account, str) else None))


def consultant_gemeenten(vault: Vault) -> GemeenteKeuze:
    """:func:`gemeente_keuze` in a session of its own."""
    with vault.session() as session:
        return gemeente_keuze(session)
