"""Municipalities sharing one office: a gemeente's identity and who may work for which.

Several municipalities can run their inburgering through one service organisation (the
seed: Leidschendam-Voorburg, Voorschoten and Wassenaar). The Wet inburgering 2021 gives
the brede intake and the PIP to the college of each municipality (Wet art. 14 and 15): the
PIP is a decision of *that* municipality; its letterhead, its caseload and its monitoring
figures are its own.
So the rules here:

* a gemeente is known by its **CBS gemeentecode** (``GM`` + four digits, as CBS publishes
  it, e.g. ``GM0629`` Wassenaar) and its name; the code is the key, because names change
  with a municipal merger while CBS gives the new municipality a new code;
* a **case belongs to exactly one gemeente** (:func:`case_gemeente`): the one whose
  college sets its PIP; a move to another municipality is a transfer of the case
  (Besluit art. 5.3 lid 3), not a second gemeente on it;
* a **consultant may work for several** gemeenten of the office
  (:class:`Consulent`); :func:`may_work_on` says whether a case is within their reach.

Nothing here imports the project outside ``domain``; refusals are :class:`GemeenteError`
carrying a :class:`~inburg_desktop.domain.text.Reason` (code, Dutch default text, params).

The Dutch texts of the reasons here are marked ``N_``: the laptop shows them (a
``--gemeente`` refused, the office's list of gemeenten unusable) translated by ``_()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from inburg_desktop.domain.safe_text import label_problem
from inburg_desktop.domain.text import N_, Reason

CODE_PATTERN = re.compile(r"GM[0-9]{4}")
"""A CBS gemeentecode as CBS writes it in its open data (``GM0629``)."""
_LOOSE_CODE = re.compile(r"(?:GM)?([0-9]{4})", re.IGNORECASE)
MAX_NAME = 100
"""The longest gemeente name, in characters ("Súdwest-Fryslân" has 15)."""


class GemeenteError(ValueError):
    """A gemeente, code or assignment that is refused; ``reason`` says why (a code with a
    Dutch default text and its params)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.code)
        self.reason = reason


def _refuse(reason_code: str, text: str, /, **params: object) -> GemeenteError:
    return GemeenteError(Reason.of(reason_code, text, **params))


def gemeentecode(value: object) -> str:
    """``value`` as a canonical CBS gemeentecode ``GMdddd``.

    Accepts ``"GM0629"``, ``"gm0629"`` and the bare four digits ``"0629"`` (how the code
    appears in many municipal systems); surrounding blanks are forgiven. ``0000`` is not a
    municipality. Raises :class:`GemeenteError` (``gemeentecode_invalid``) otherwise, e.g.
    for ``629`` (the leading zero matters) or an int.
    """
    if isinstance(value, str):
        match = _LOOSE_CODE.fullmatch(value.strip())
        if match and match.group(1) != "0000":
            return f"GM{match.group(1)}"
    raise _refuse(
        "gemeentecode_invalid",
        N_("'{value}' is geen CBS-gemeentecode: verwacht GM en vier cijfers, zoals GM0629"),
        value=str(value)[:20],
    )


@dataclass(frozen=True)
class Gemeente:
    """A municipality: its CBS gemeentecode (canonical ``GMdddd``) and its name.

    Raises :class:`GemeenteError` for a code that is not canonical or a name that is
    empty, longer than :data:`MAX_NAME` or holds control, bidi or invisible characters.
    """

    code: str
    naam: str

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not CODE_PATTERN.fullmatch(self.code):
            raise _refuse(
                "gemeentecode_invalid",
                N_("'{value}' is geen CBS-gemeentecode: verwacht GM en vier cijfers, zoals GM0629"),
                value=str(self.code)[:20],
            )
        if (
            not isinstance(self.naam, str)
            or not self.naam.strip()
            or self.naam != self.naam.strip()
            or len(self.naam) > MAX_NAME
            or label_problem(self.naam) is not None
        ):
            raise _refuse(
                "gemeente_naam_invalid",
                N_(
                    "De naam van gemeente {gemeentecode} is leeg, te lang (hoogstens {max} "
                    "tekens) of bevat een onzichtbaar teken"
                ),
                gemeentecode=self.code,
                max=str(MAX_NAME),
            )


SEED_GEMEENTEN = (
    Gemeente("GM1916", "Leidschendam-Voorburg"),
    Gemeente("GM0626", "Voorschoten"),
    Gemeente("GM0629", "Wassenaar"),
)
"""The three municipalities of the seed's policy plan, served by one organisation."""


@dataclass(frozen=True)
class Kantoor:
    """The gemeenten one office serves, each once by code and by name (case-insensitive).

    Raises :class:`GemeenteError` (``kantoor_leeg``, ``gemeente_dubbel``) otherwise.
    """

    gemeenten: tuple[Gemeente, ...]

    def __post_init__(self) -> None:
        if not self.gemeenten:
            raise _refuse("kantoor_leeg", N_("Het kantoor bedient geen enkele gemeente"))
        seen: set[str] = set()
        for gemeente in self.gemeenten:
            for key in (gemeente.code, gemeente.naam.casefold()):
                if key in seen:
                    raise _refuse(
                        "gemeente_dubbel",
                        N_(
                            "Gemeente {naam} ({gemeentecode}) staat twee keer in de lijst van "
                            "het kantoor"
                        ),
                        naam=gemeente.naam,
                        gemeentecode=gemeente.code,
                    )
                seen.add(key)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(g.code for g in self.gemeenten)

    def find(self, name_or_code: str) -> Gemeente:
        """The gemeente named ``name_or_code`` (its name, any case, or its code in any form
        :func:`gemeentecode` accepts), as ``inburg-office report --gemeente NAME`` takes it.

        Raises :class:`GemeenteError` (``gemeente_onbekend``) naming what the office serves.
        """
        wanted = name_or_code.strip().casefold()
        for gemeente in self.gemeenten:
            if gemeente.naam.casefold() == wanted:
                return gemeente
        try:
            code = gemeentecode(name_or_code)
        except GemeenteError:
            code = ""
        for gemeente in self.gemeenten:
            if gemeente.code == code:
                return gemeente
        raise self._unknown(name_or_code)

    def _unknown(self, value: str) -> GemeenteError:
        return _refuse(
            "gemeente_onbekend",
            N_("Gemeente '{value}' hoort niet bij dit kantoor; het kantoor bedient {bediend}"),
            value=value[:MAX_NAME],
            bediend=", ".join(f"{g.naam} ({g.code})" for g in self.gemeenten),
        )


SEED_KANTOOR = Kantoor(SEED_GEMEENTEN)


def case_gemeente(code: object, kantoor: Kantoor) -> Gemeente:
    """The one gemeente a case belongs to: ``code`` (any form :func:`gemeentecode` takes)
    must be one the office serves.

    A case has exactly one gemeente (the college that sets its PIP, Wet art. 15 lid 1);
    the value is a single code, never a list. Raises :class:`GemeenteError`
    (``gemeentecode_invalid``, ``gemeente_onbekend``).
    """
    canonical = gemeentecode(code)
    for gemeente in kantoor.gemeenten:
        if gemeente.code == canonical:
            return gemeente
    raise kantoor._unknown(canonical)


@dataclass(frozen=True)
class Consulent:
    """A consultant and the gemeenten they work for (at least one, all of the office)."""

    naam: str
    gemeenten: frozenset[str]


def consulent(naam: str, codes: Iterable[object], kantoor: Kantoor) -> Consulent:
    """A :class:`Consulent` working for ``codes`` (each a gemeente of ``kantoor``).

    Raises :class:`GemeenteError`: ``consulent_zonder_gemeente`` for an empty list, and
    the refusals of :func:`case_gemeente` for a code that is invalid or not the office's.
    """
    canonical = frozenset(case_gemeente(code, kantoor).code for code in codes)
    if not canonical:
        raise _refuse(
            "consulent_zonder_gemeente",
            N_("Consulent {naam} werkt voor geen enkele gemeente van het kantoor"),
            naam=naam,
        )
    return Consulent(naam, canonical)


def may_work_on(who: Consulent, case_code: str) -> bool:
    """True when the case of gemeente ``case_code`` (canonical) is within ``who``'s reach."""
    return case_code in who.gemeenten
