"""A stored progress or aftercare value in words, as the conflict view shows a side.

The values of ``domain.progress_fields`` (an hours line, a PVT activity, an exam result,
the budget training, the art. 57 decision) are records of parts; a side of their conflict
is said as labelled lines in the UI language, each part as the Voortgang window names
it, a day as a day, hours with the language's decimal sign, a kind or an exam part by its
label, yes/no in words (usability round 8 #2: the sides showed as raw JSON, ``{"uren":
"12", "van": "2026-..."}``). A value the field check refuses (written by a newer version,
or damaged) is said to be none.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from inburg_desktop.domain.progress_fields import (
    ProgressFieldProblem,
    read_art57,
    read_budgettraining,
    read_examen,
    read_pvt,
    read_uren,
)
from inburg_desktop.formatting import examen_label, format_date, format_number, uren_soort_label
from inburg_desktop.i18n import _

__all__ = ["value_text"]

_NO_ID = "000000000000"  # the readers take an entry's id; a side's text does not show it


def _day(day: date | None) -> str:
    return _("(leeg)") if day is None else format_date(day, style="long")


def _yes(flag: bool) -> str:
    return _("ja") if flag else _("nee")


def _hours(hours: Decimal) -> str:
    return _("{hours} uur").format(hours=format_number(hours))


def _uren(value: Any) -> list[tuple[str, str]]:
    entry = read_uren(_NO_ID, value)
    regel = entry.regel
    return [
        (_("Aanbieder"), regel.aanbieder),
        (_("Soort uren"), uren_soort_label(regel.soort)),
        (_("Van"), _day(entry.van)),
        (_("Tot en met"), _day(regel.datum)),
        (_("Aantal uren"), _hours(regel.uren)),
        (_("Tijdens de brede intake"), _yes(regel.tijdens_intake)),
    ]


def _pvt(value: Any) -> list[tuple[str, str]]:
    activiteit = read_pvt(_NO_ID, value).activiteit
    return [
        (_("Activiteit"), activiteit.omschrijving),
        (_("Datum"), _day(activiteit.datum)),
        (_("Uren"), _hours(activiteit.uren)),
        (_("Aanwezig geweest"), _yes(activiteit.aanwezig)),
    ]


def _examen(value: Any) -> list[tuple[str, str]]:
    uitslag = read_examen(_NO_ID, value).uitslag
    lines = [(_("Onderdeel"), examen_label(uitslag.onderdeel))]
    if uitslag.niveau is not None:
        lines.append((_("Niveau"), uitslag.niveau.value))
    lines += [
        (_("Datum (volgens DUO)"), _day(uitslag.datum)),
        (_("Behaald"), _yes(uitslag.behaald)),
    ]
    return lines


def _training(value: Any) -> list[tuple[str, str]]:
    training = read_budgettraining(value)
    return [
        (_("Budgettraining gestart op"), _day(training.gestart_op)),
        (_("Budgettraining afgerond op"), _day(training.afgerond_op)),
        (_("Gegeven door"), training.aanbieder or _("(leeg)")),
    ]


def _art57(value: Any) -> list[tuple[str, str]]:
    besluit = read_art57(value)
    return [
        (_("Besluit art. 57 gedateerd"), _day(besluit.datum)),
        (_("Kenmerk"), besluit.kenmerk),
        (_("Ontzorgen gaat door vanaf"), _day(besluit.van)),
        (_("Tot en met"), _day(besluit.tot) if besluit.tot else _("tot nader order")),
    ]


_READERS: dict[frozenset[str], Callable[[Any], list[tuple[str, str]]]] = {
    frozenset({"aanbieder", "soort", "van", "tot", "uren", "tijdens_intake"}): _uren,
    frozenset({"omschrijving", "datum", "uren", "aanwezig"}): _pvt,
    frozenset({"onderdeel", "niveau", "datum", "behaald"}): _examen,
    frozenset({"gestart_op", "afgerond_op", "aanbieder"}): _training,
    frozenset({"datum", "kenmerk", "van", "tot"}): _art57,
}
"""Each record of ``domain.progress_fields`` by its parts (no two share their set)."""


def value_text(value: Any) -> str:
    """A progress or aftercare record (an hours line, a PVT activity, an exam result, the
    budget training, the art. 57 decision: ``domain.progress_fields``) as one line per
    part, ``"Aanbieder: Taalhuis Leiden"``, in the UI language; ``None`` (removed, or
    never recorded) as "(leeg)". A value no record can hold: "geen geldige
    voortgangsgegevens"."""
    if value is None:
        return _("(leeg)")
    reader = _READERS.get(frozenset(value)) if isinstance(value, dict) else None
    if reader is None:
        return _("geen geldige voortgangsgegevens")
    try:
        lines = reader(value)
    except ProgressFieldProblem:
        return _("geen geldige voortgangsgegevens")
    return "\n".join(f"{label}: {shown}" for label, shown in lines)
