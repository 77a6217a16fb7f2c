"""The office's list of gemeenten as it publishes it to every laptop, read on the laptop.

The office publishes the setting ``setting.gemeenten`` (INTERFACES: the contract between
the office and the laptop, issue 16 item 5), value::

    {"gemeenten": [{"code": "GM0629", "naam": "Wassenaar", "consulenten": ["account1"]}]}

sorted by code; ``consulenten`` are the office account names (as a laptop knows its own
in sync state ``sync.consultant``) who work for that gemeente. A gemeente's own letterhead
is the setting ``setting.letterhead_<CODE>`` (:func:`letterhead_key`).

The rules applied (``domain.gemeente``): a gemeente is its CBS code and name, each once
in the office's list (:class:`~inburg_desktop.domain.gemeente.Kantoor`); a consultant may
work for several (issue 16 item 5); an office with no gemeente recorded publishes nothing
and the laptop offers no choice. Account names compare in NFC, as ``sync.consultant`` is
stored (storage migration 0010).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from inburg_desktop.domain.gemeente import Gemeente, GemeenteError, Kantoor
from inburg_desktop.domain.text import N_, Reason

OFFICE_SETTING = "setting.gemeenten"
"""The key the office publishes its gemeenten under (pulled as ``office.setting.gemeenten``)."""
LETTERHEAD_PREFIX = "setting.letterhead_"
"""A gemeente's own letterhead: this prefix and its CBS code (``setting.letterhead_GM0629``)."""
MAX_GEMEENTEN = 400
"""More gemeenten than the Netherlands has (342 in 2024): a longer list is no office's."""
MAX_CONSULENTEN = 10_000
"""Account names listed for one gemeente at most."""


def letterhead_key(code: str) -> str:
    """The office setting of gemeente ``code``'s own letterhead (``code`` canonical)."""
    return f"{LETTERHEAD_PREFIX}{code}"


def college_of(naam: str) -> str:
    """Who decides on a PIP of a case of gemeente ``naam``: its college (Wet art. 15
    lid 1, the college of burgemeester en wethouders), as a PIP names it (Dutch: the
    decision's own language)."""
    return f"het college van burgemeester en wethouders van {naam}"


def _account(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip())


@dataclass(frozen=True)
class KantoorGemeenten:
    """The office's gemeenten and who works for each.

    ``kantoor``: the gemeenten (each once); ``consulenten``: gemeentecode -> the office
    account names (NFC) working for it.
    """

    kantoor: Kantoor
    consulenten: Mapping[str, frozenset[str]]

    def van(self, account: str | None) -> tuple[Gemeente, ...]:
        """The gemeenten ``account`` works for, in the office's order (by code); none for
        an account the list does not name (or ``None``: a laptop not enrolled)."""
        if not account:
            return ()
        wanted = _account(account)
        return tuple(g for g in self.kantoor.gemeenten if wanted in self.consulenten[g.code])

    def naam(self, code: str | None) -> str | None:
        """The name of gemeente ``code``, ``None`` when the office does not serve it."""
        for gemeente in self.kantoor.gemeenten:
            if gemeente.code == code:
                return gemeente.naam
        return None


def _invalid(detail: str) -> GemeenteError:
    return GemeenteError(
        Reason.of(
            "gemeenten_setting_invalid",
            N_("De lijst van gemeenten van het kantoor is onbruikbaar ({detail})"),
            detail=detail,
        )
    )


def parse_gemeenten(value: object) -> KantoorGemeenten | None:
    """The published value as :class:`KantoorGemeenten`; ``None`` for an empty list (an
    office with no gemeente recorded behaves as before there were several).

    Raises :class:`GemeenteError`: ``gemeenten_setting_invalid`` for a value not of the
    contract's shape, and the refusals of :class:`Gemeente` and :class:`Kantoor` (an
    invalid code or name, a gemeente listed twice).
    """
    if not isinstance(value, dict) or not isinstance(value.get("gemeenten"), list):
        raise _invalid("geen lijst 'gemeenten'")
    items = value["gemeenten"]
    if not items:
        return None
    if len(items) > MAX_GEMEENTEN:
        raise _invalid(f"meer dan {MAX_GEMEENTEN} gemeenten")
    gemeenten: list[Gemeente] = []
    consulenten: dict[str, frozenset[str]] = {}
    for item in items:
        if not isinstance(item, dict):
            raise _invalid("een gemeente is geen object")
        names = item.get("consulenten", [])
        if (
            not isinstance(names, list)
            or len(names) > MAX_CONSULENTEN
            or not all(isinstance(n, str) for n in names)
        ):
            raise _invalid("'consulenten' is geen lijst van namen")
        gemeente = Gemeente(item.get("code"), item.get("naam"))  # type: ignore[arg-type]
        gemeenten.append(gemeente)
        consulenten[gemeente.code] = frozenset(_account(n) for n in names if n.strip())
    return KantoorGemeenten(Kantoor(tuple(gemeenten)), MappingProxyType(consulenten))
