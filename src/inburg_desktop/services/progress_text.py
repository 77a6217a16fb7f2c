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

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.pip import Examenonderdeel
from inburg_desktop.domain.progress_fields import (
    ProgressFieldProblem,
    read_art57,
    read_budgettraining,
    read_examen,
    read_pvt,
    read_uren,
)
from inburg_desktop.domain.text import N_
from inburg_desktop.domain.voortgang import UrenSoort
from inburg_desktop.formatting import examen_label, format_date, format_number, uren_soort_label
from inburg_desktop.i18n import _

__all__ = ["PART_LABELS", "part_lines", "value_text"]

_NO_ID = "000000000000"  # the readers take an entry's id; a side's text does not show it

PART_LABELS: dict[str, str] = {
    # each part of a record as the Voortgang window's forms name it
    "aanbieder": N_("Aanbieder"),
    "soort": N_("Soort uren"),
    "omschrijving": N_("Activiteit"),
    "onderdeel": N_("Onderdeel"),
    "niveau": N_("Niveau"),
    "van": N_("Van"),
    "tot": N_("Tot en met"),
    "datum": N_("Datum"),
    "uren": N_("Aantal uren"),
    "tijdens_intake": N_("Tijdens de brede intake"),
    "aanwezig": N_("Aanwezig geweest"),
    "behaald": N_("Behaald"),
    "gestart_op": N_("Budgettraining gestart op"),
    "afgerond_op": N_("Budgettraining afgerond op"),
    "kenmerk": N_("Kenmerk"),
}
_ORDER = {
    frozenset(parts): parts
    for parts in (
        ("aanbieder", "soort", "van", "tot", "uren", "tijdens_intake"),
        ("omschrijving", "datum", "uren", "aanwezig"),
        ("onderdeel", "niveau", "datum", "behaald"),
        ("gestart_op", "afgerond_op", "aanbieder"),
        ("datum", "kenmerk", "van", "tot"),
    )
}
"""Each record's parts in the order its form shows them (``domain.progress_fields``)."""
_DAY_PARTS = frozenset({"van", "tot", "datum", "gestart_op", "afgerond_op"})
_RECORDS = (read_uren, read_pvt, read_examen)


def _day(text: Any) -> str:
    try:
        return format_date(parse_iso_date(text), style="long")
    except (TypeError, ValueError):
        return str(text)


def _part(name: str, value: Any, record: frozenset[str]) -> str:
    """One part's value in words; a value typed and not yet valid as it was typed."""
    if value is None:
        if name == "onderdeel":
            return examen_label(None)  # no language part: the KNM exam
        if name == "tot" and "kenmerk" in record:
            return _("tot nader order")  # an art. 57 decision without an end
        return _("(leeg)")
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if name in _DAY_PARTS:
        return _day(value)
    if name == "soort" and value in {s.value for s in UrenSoort}:
        return uren_soort_label(UrenSoort(value))
    if name == "onderdeel" and value in {o.value for o in Examenonderdeel}:
        return examen_label(Examenonderdeel(value))
    if name == "uren" and isinstance(value, str):
        try:
            return _("{hours} uur").format(hours=format_number(Decimal(value)))
        except InvalidOperation:
            return value
    return str(value)


def part_lines(value: Mapping[str, Any], empty: bool = True) -> list[tuple[str, str]]:
    """A record's parts as ``(label, value in words)`` in the UI language, in the order
    the window's forms show them; a part of no record's is left out. Lenient: what was
    typed and is no valid value yet (a set-aside form, ``services.set_aside_text``) is
    shown as typed. The KNM exam has no level: its empty level is left out; ``empty``
    false leaves out every part left empty (``None`` or no text)."""
    record = frozenset(value)
    lines = []
    for name in _ORDER.get(record, tuple(PART_LABELS)):
        if name not in value or (name == "niveau" and value[name] is None):
            continue
        if not empty and value[name] in (None, "") and name != "onderdeel":
            continue
        label = PART_LABELS[name]
        shown = _part(name, value[name], record)
        if name == "datum" and "kenmerk" in record:
            label = N_("Besluit art. 57 gedateerd")
        elif name == "van" and "kenmerk" in record:
            label = N_("Ontzorgen gaat door vanaf")
        elif name == "datum" and "onderdeel" in record:
            label = N_("Datum (volgens DUO)")
        elif name == "uren" and "omschrijving" in record:
            label = N_("Uren")
        elif name == "aanbieder" and "gestart_op" in record:
            label = N_("Gegeven door")
        lines.append((_(label), shown))
    return lines


def _valid(value: dict[str, Any]) -> bool:
    record = frozenset(value)
    try:
        if "gestart_op" in record:
            read_budgettraining(value)
        elif "kenmerk" in record:
            read_art57(value)
        else:
            for reader in _RECORDS:
                try:
                    reader(_NO_ID, value)
                    return True
                except ProgressFieldProblem as problem:
                    if problem.code != "voortgangsdata_shape":
                        raise
            return False
    except ProgressFieldProblem:
        return False
    return True


def value_text(value: Any) -> str:
    """A progress or aftercare record (an hours line, a PVT activity, an exam result, the
    budget training, the art. 57 decision: ``domain.progress_fields``) as one line per
    part, ``"Aanbieder: Taalhuis Leiden"``, in the UI language; ``None`` (removed, or
    never recorded) as "(leeg)". A value no record can hold (the field check refuses it):
    "geen geldige voortgangsgegevens"."""
    if value is None:
        return _("(leeg)")
    if not isinstance(value, dict) or not _valid(value):
        return _("geen geldige voortgangsgegevens")
    return "\n".join(f"{label}: {shown}" for label, shown in part_lines(value))
